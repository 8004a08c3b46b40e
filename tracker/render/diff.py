"""A conflict diff as a terminal table, a pull-request comment (markdown) or JSON."""

from __future__ import annotations

import json
from typing import Any

from tracker.escape import markdown as md
from tracker.escape import markdown_code as code
from tracker.escape import terminal
from tracker.render import markdown as md_report
from tracker.render import table as table_report
from tracker.render.formats import DEFAULT_WIDTH
from tracker.render.grid import draw
from tracker.render.json import row_data
from tracker.review.diff import Changed, ConflictDiff

DIFF_FORMATS = ("table", "markdown", "json")


def _change_lines(change: Changed) -> list[str]:
    old, new = change.before.conflict, change.after.conflict
    lines = []
    if "answers" in change.fields:
        was = " vs ".join(side.answer for side in change.before.sides)
        now = " vs ".join(side.answer for side in change.after.sides)
        lines.append(f"{was} → {now} (now {new.id})")
    if "status" in change.fields:
        lines.append(f"status {old.status} → {new.status}")
    if "upheld" in change.fields:
        lines.append(f"upheld {old.upheld or '-'} → {new.upheld or '-'}")
    if "sides" in change.fields and "answers" not in change.fields:
        for before, after in zip(old.sides, new.sides, strict=False):
            joined = sorted(set(after.claims) - set(before.claims))
            left = sorted(set(before.claims) - set(after.claims))
            label = after.answer or "side"
            if joined:
                lines.append(f"{label}: + {', '.join(joined)}")
            if left:
                lines.append(f"{label}: - {', '.join(left)}")
    if "note" in change.fields:
        lines.append(f"note: {new.note or '(removed)'}")
    return lines


def render_table(diff: ConflictDiff, width: int = DEFAULT_WIDTH) -> str:
    parts = [f"Conflicts {diff.base} → {diff.head}: {diff.headline()}"]
    for title, rows in (("New", diff.added), ("Gone", diff.removed)):
        if rows:
            parts += ["", f"{title}:", table_report.conflict_table(rows, width)]
    if diff.changed:
        body = [
            [
                c.after.conflict.id,
                terminal(c.after.question or c.after.conflict.topic or ""),
                "\n".join(terminal(line) for line in _change_lines(c)),
            ]
            for c in diff.changed
        ]
        parts += [
            "",
            "Changed:",
            draw(["ID", "Topic", "Change"], body, width),
        ]
    return "\n".join(parts) + "\n"


def render_markdown(diff: ConflictDiff) -> str:
    lines = [
        f"## Contradictions: {diff.headline()}",
        "",
        f"Compared `{md(diff.base)}` with `{md(diff.head)}`.",
        "",
    ]
    for title, rows in (
        ("New conflicts", diff.added),
        ("Resolved or removed conflicts", diff.removed),
    ):
        if rows:
            lines += [f"### {title}", "", *md_report.table_lines(rows), ""]
    if diff.changed:
        lines += ["### Changed conflicts", ""]
        for change in diff.changed:
            conflict = change.after.conflict
            title = md(change.after.question or conflict.topic or "explicit contradiction")
            details = "; ".join(md(line) for line in _change_lines(change))
            lines.append(f"- {code(conflict.id)} {title}: {details}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_json(diff: ConflictDiff) -> str:
    data: dict[str, Any] = {
        "base": diff.base,
        "head": diff.head,
        "added": [row_data(row) for row in diff.added],
        "removed": [row_data(row) for row in diff.removed],
        "changed": [
            {
                "id": c.after.conflict.id,
                "before_id": c.before.conflict.id,
                "fields": list(c.fields),
                "before": row_data(c.before),
                "after": row_data(c.after),
            }
            for c in diff.changed
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(diff: ConflictDiff, fmt: str, width: int = DEFAULT_WIDTH) -> str:
    if fmt == "table":
        return render_table(diff, width)
    renderers = {"markdown": render_markdown, "json": render_json}
    return renderers[fmt](diff)

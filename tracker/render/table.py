"""The contradiction table for a terminal (tabulate)."""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from tracker.analysis.conflicts import Conflict
from tracker.analysis.report import Dispute, HistoryItem, Report, Row, SideView, origins_text
from tracker.render.escape import shorten, terminal

MAX_CLAIMS_SHOWN = 8
MAX_ANSWER = 200  # characters of an answer shown in a cell (JSON and CSV carry it whole)
MAX_CONFLICTS_SHOWN = 12  # per dispute; `--group conflict` lists every pair
GROUPS = ("topic", "conflict")

INTERNAL_MARKS = {
    "source": "⚠ a source contradicts itself",
    "document": "⚠ the document contradicts itself",
}


def shown_answer(answer: str) -> str:
    """An answer as a cell shows it: one line, at most MAX_ANSWER characters, no escapes."""
    return terminal(shorten(answer, MAX_ANSWER))


def internal_mark(conflict: Conflict) -> str:
    """A warning line for a conflict inside one source or one document, else ''."""
    return INTERNAL_MARKS.get(conflict.internal or "", "")


def wrap(cell: str, width: int) -> str:
    """Cell text wrapped to ``width`` columns (lines that fit are left alone: most do)."""
    lines: list[str] = []
    for line in cell.split("\n"):
        if len(line) <= width:
            lines.append(line)
        else:
            lines.extend(textwrap.wrap(line, width, break_on_hyphens=False) or [""])
    return "\n".join(lines)


def grid(headers: list[str], body: list[list[str]], widths: list[int]) -> str:
    """A grid table of wrapped cells, in tabulate's "simple_grid" layout.

    Small tables go through tabulate; past a few hundred rows its per-cell width and
    number checks cost seconds (6 s for 32,000 conflicts), so the same layout is drawn
    here directly: every cell is text, left-aligned, one space of padding."""
    wrapped = [[wrap(cell, w) for cell, w in zip(row, widths, strict=True)] for row in body]
    if len(wrapped) < 500:
        return tabulate(wrapped, headers=headers, tablefmt="simple_grid", disable_numparse=True)
    return _draw(headers, [[cell.split("\n") for cell in row] for row in wrapped])


def _draw(headers: list[str], rows: list[list[list[str]]]) -> str:
    sizes = [len(h) + 2 for h in headers]  # tabulate's minimum padding of headers
    for row in rows:
        for index, lines in enumerate(row):
            sizes[index] = max(sizes[index], *(len(line) for line in lines))

    def rule(left: str, middle: str, right: str) -> str:
        return left + middle.join("─" * (size + 2) for size in sizes) + right

    def line_of(cells: list[str]) -> str:
        return (
            "│"
            + "│".join(f" {cell.ljust(size)} " for cell, size in zip(cells, sizes, strict=True))
            + "│"
        )

    out = [rule("┌", "┬", "┐"), line_of(headers)]
    for row in rows:
        out.append(rule("├", "┼", "┤"))
        height = max(len(lines) for lines in row)
        for number in range(height):
            out.append(line_of([lines[number] if number < len(lines) else "" for lines in row]))
    out.append(rule("└", "┴", "┘"))
    return "\n".join(out)


def side_cell(side: SideView) -> str:
    lines: list[str] = []
    if side.answer:
        lines.append(f"{shown_answer(side.answer)} ({origins_text(side.origins, short=True)})")
    for claim in side.claims[:MAX_CLAIMS_SHOWN]:
        if not side.answer:
            lines.append(shorten(terminal(claim.text), 120))
        lines.append(f"- {claim.id} ({terminal(claim.attribution)})")
    hidden = len(side.claims) - MAX_CLAIMS_SHOWN
    if hidden > 0:
        lines.append(f"… and {hidden} more")
    return "\n".join(lines)


def status_cell(row: Row) -> str:
    conflict = row.conflict
    lines = [conflict.status]
    mark = internal_mark(conflict)
    if mark:
        lines.append(mark)
    if conflict.upheld:
        lines.append(f"upheld: {conflict.upheld}")
    if conflict.note:
        lines.append(shorten(terminal(conflict.note), 160))
    if conflict.resolution:
        lines.append("resolution: " + shorten(terminal(conflict.resolution), 160))
    return "\n".join(lines)


def side_letters(count: int) -> list[str]:
    return [f"Side {chr(ord('A') + i)}" for i in range(count)]


def conflict_table(rows: list[Row]) -> str:
    """The conflicts as a grid table for a terminal."""
    width = max((len(r.sides) for r in rows), default=2)
    headers = ["ID", "Topic", *side_letters(width), "Basis", "Status"]
    body = []
    for row in rows:
        sides = [side_cell(s) for s in row.sides] + [""] * (width - len(row.sides))
        topic = terminal(row.question or row.conflict.topic or "(no topic)")
        basis = row.conflict.basis
        if row.conflict.detail:
            basis += "\n" + row.conflict.detail
        body.append([row.conflict.id, topic, *sides, basis, status_cell(row)])
    widths = [12, 24, *([36] * width), 12, 28]
    return grid(headers, body, widths)


def conflict_line(row: Row) -> str:
    """One conflict of a dispute: id, status, the answers that clash, and what is notable."""
    conflict = row.conflict
    clash = " vs ".join(shown_answer(side.answer) for side in row.sides)
    lines = [f"{conflict.id} {conflict.status} ({conflict.basis})", f"  {clash}"]
    if conflict.detail:
        lines.append(f"  {conflict.detail}")
    mark = internal_mark(conflict)
    if mark:
        lines.append(f"  {mark}")
    if conflict.upheld:
        lines.append(f"  upheld: {conflict.upheld}")
    if conflict.note:
        lines.append("  note: " + shorten(terminal(conflict.note), 120))
    if conflict.resolution:
        lines.append("  resolution: " + shorten(terminal(conflict.resolution), 120))
    return "\n".join(lines)


def dispute_table(disputes: list[Dispute]) -> str:
    """One row per disputed topic: the competing answers, then the conflicts between them."""
    body = []
    for dispute in disputes:
        answers = []
        for answer in dispute.answers:
            answers.append(f"{shown_answer(answer.answer)} ({origins_text(len(answer.origins))})")
            for claim in answer.claims[:MAX_CLAIMS_SHOWN]:
                answers.append(f"- {claim.id} ({terminal(claim.attribution)})")
            hidden = len(answer.claims) - MAX_CLAIMS_SHOWN
            if hidden > 0:
                answers.append(f"… and {hidden} more")
        conflicts = [conflict_line(row) for row in dispute.rows[:MAX_CONFLICTS_SHOWN]]
        hidden = len(dispute.rows) - MAX_CONFLICTS_SHOWN
        if hidden > 0:
            conflicts.append(f"… and {hidden} more (--group conflict lists them all)")
        topic = f"{terminal(dispute.question)}\n({dispute.topic})"
        body.append([topic, "\n".join(answers), "\n".join(conflicts)])
    return grid(["Dispute", "Competing answers", "Conflicts"], body, [28, 52, 44])


def history_table(items: list[HistoryItem]) -> str:
    body = []
    for item in items:
        if item.superseded_by:
            change = f"{item.claim.id} → {', '.join(item.superseded_by)}"
        else:
            change = f"{item.claim.id} retracted {item.retracted}"
        body.append([change, shown_answer(item.answer), terminal(item.claim.attribution)])
    return grid(["Revision", "Answer", "Source"], body, [40, 24, 50])


def render(report: Report, group: str = "topic") -> str:
    parts = [report.summary()]
    if group == "topic":
        if report.disputes:
            parts.append(dispute_table(report.disputes))
        if report.loose_rows:
            parts += ["Contradictions across topics:", conflict_table(report.loose_rows)]
    elif report.rows:
        parts.append(conflict_table(report.rows))
    if report.history:
        parts += ["", "Revisions and retractions (no longer in conflicts):"]
        parts.append(history_table(report.history))
    if report.topics:
        parts += ["", "Answers by topic:", answers_table(report)]
    return "\n".join(parts) + "\n"


def answers_table(report: Report) -> str:
    """Every answer given to each topic, conflicting or not."""
    body = []
    for topic in report.topics:
        question = terminal(topic.question)
        for answer in topic.answers or (SideView("(no claims)", ()),):
            claims = "\n".join(
                f"{c.id} ({terminal(c.attribution)})" for c in answer.claims[:MAX_CLAIMS_SHOWN]
            )
            hidden = len(answer.claims) - MAX_CLAIMS_SHOWN
            if hidden > 0:
                claims += f"\n… and {hidden} more"
            label = shown_answer(answer.answer)
            if answer.claims:
                label += f"\n({origins_text(answer.origins)})"
            body.append([question, label, claims])
            question = ""
    return grid(["Topic", "Answer", "Claims"], body, [40, 24, 70])

"""The contradiction table for a terminal (tabulate)."""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from ..report import Report, Row, SideView, origins_text
from .escape import shorten, terminal

MAX_CLAIMS_SHOWN = 8


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
        lines.append(f"{terminal(side.answer)} ({origins_text(side.origins, short=True)})")
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
    if conflict.upheld:
        lines.append(f"upheld: {conflict.upheld}")
    if conflict.note:
        lines.append(shorten(terminal(conflict.note), 160))
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
        body.append([row.conflict.id, topic, *sides, row.conflict.basis, status_cell(row)])
    widths = [12, 24, *([36] * width), 9, 28]
    return grid(headers, body, widths)


def render(report: Report) -> str:
    parts = []
    if report.rows:
        parts.append(conflict_table(report.rows))
    parts.append(report.summary())
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
            label = terminal(answer.answer)
            if answer.claims:
                label += f"\n({origins_text(answer.origins)})"
            body.append([question, label, claims])
            question = ""
    return grid(["Topic", "Answer", "Claims"], body, [40, 24, 70])

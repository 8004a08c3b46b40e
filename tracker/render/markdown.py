"""The contradiction report as GitHub-flavoured Markdown: a table, then each conflict's
claims with their quotes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.render import RenderOptions

from tracker.analysis.history import HistoryItem
from tracker.analysis.report import (
    AnswerView,
    ClaimView,
    Dispute,
    Report,
    Row,
    TopicView,
    origins_text,
    said,
)
from tracker.escape import markdown as md
from tracker.escape import markdown_code as code
from tracker.escape import shorten
from tracker.render.formats import DEFAULT_LIMIT
from tracker.render.table import (
    MAX_ANSWER,
    MAX_CLAIMS_SHOWN,
    internal_mark,
    limited,
    side_letters,
)


def answer_md(answer: str) -> str:
    """An answer in Markdown: one line, at most MAX_ANSWER characters, escaped."""
    return md(shorten(answer, MAX_ANSWER))


def _side_cell(side: AnswerView) -> str:
    parts: list[str] = []
    if side.answer:
        parts.append(
            f"**{answer_md(side.answer)}** ({origins_text(side.origin_count, short=True)})"
        )
    for claim in side.claims[:MAX_CLAIMS_SHOWN]:
        text = "" if side.answer else f"{md(shorten(claim.text, 120))} "
        parts.append(f"{text}{code(claim.id)} ({md(claim.credit)})")
    hidden = len(side.claims) - MAX_CLAIMS_SHOWN
    if hidden > 0:
        parts.append(f"… and {hidden} more")
    return "<br>".join(parts)


def _status_cell(row: Row) -> str:
    conflict = row.conflict
    text = conflict.status
    if conflict.upheld:
        text += f" (upheld: {code(conflict.upheld)})"
    mark = internal_mark(row)
    if mark:
        text += f"<br>**{mark}**"
    return text


def table_lines(rows: list[Row]) -> list[str]:
    """The conflicts as a GitHub-flavoured Markdown table."""
    width = max((len(r.sides) for r in rows), default=2)
    headers = ["ID", "Topic", *side_letters(width), "Basis", "Status"]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        sides = [_side_cell(s) for s in row.sides] + [""] * (width - len(row.sides))
        topic = md(row.question or row.conflict.topic or "(no topic)")
        basis = row.conflict.kind
        if row.conflict.detail:
            basis += f"<br>{md(row.conflict.detail)}"
        cells = [code(row.conflict.id), topic, *sides, basis, _status_cell(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _claim_lines(claim: ClaimView) -> list[str]:
    when = f", said {md(claim.date)}" if claim.date else ""
    lines = [f"  - {code(claim.id)} — {md(claim.text)} ({md(claim.credit)}{when})"]
    for document, quote in claim.quotes:
        if quote:
            lines.append(f"    - “{md(quote)}” — {md(document)}")
        else:
            lines.append(f"    - {md(document)}")
    return lines


def _details(row: Row) -> list[str]:
    conflict = row.conflict
    title = md(row.question or conflict.topic or "Explicit contradiction")
    lines = [
        f"### {code(conflict.id)} {title}",
        "",
        f"Basis: {conflict.kind}. Status: {conflict.status}"
        + (f" (upheld: {code(conflict.upheld)})" if conflict.upheld else "")
        + ".",
    ]
    if conflict.detail:
        lines += ["", f"Values: {md(conflict.detail)}."]
    mark = internal_mark(row)
    if mark:
        lines += ["", f"**{mark}.**"]
    if conflict.note:
        lines += ["", f"Note: {md(conflict.note)}"]
    if conflict.resolution:
        lines += ["", f"Resolution: {md(conflict.resolution)}"]
    lines.append("")
    for letter, side in zip(side_letters(len(row.sides)), row.sides, strict=True):
        answer = f": **{answer_md(side.answer)}**" if side.answer else ""
        lines.append(f"- {letter}{answer}")
        for claim in side.claims:
            lines.extend(_claim_lines(claim))
    lines.append("")
    return lines


def _topic(topic: TopicView) -> list[str]:
    lines = [f"### {md(topic.question)}", "", f"Topic {code(topic.id)} ({topic.kind}).", ""]
    for answer in topic.answers:
        claims = ", ".join(f"{code(c.id)} ({md(c.credit)})" for c in answer.claims)
        lines.append(
            f"- **{answer_md(answer.answer)}** ({origins_text(answer.origin_count)}): {claims}"
        )
    if not topic.answers:
        lines.append("- no claims yet")
    lines.append("")
    return lines


def _dispute(dispute: Dispute) -> list[str]:
    lines = [f"### {md(dispute.question)}", "", f"Topic {code(dispute.topic)}.", ""]
    lines.append("Competing answers:")
    lines.append("")
    for answer in dispute.answers:
        claims = ", ".join(
            f"{code(c.id)} ({md(c.credit)})" for c in answer.claims[:MAX_CLAIMS_SHOWN]
        )
        hidden = len(answer.claims) - MAX_CLAIMS_SHOWN
        if hidden > 0:
            claims += f", … and {hidden} more (listed under Conflicts)"
        lines.append(
            f"- **{answer_md(answer.answer)}** ({origins_text(answer.origin_count)}): {claims}"
        )
    lines += ["", "Conflicts:", ""]
    for row in dispute.rows:
        conflict = row.conflict
        clash = " vs ".join(f"**{answer_md(said(side))}**" for side in row.sides)
        extra = [conflict.kind]
        if conflict.detail:
            extra.append(md(conflict.detail))
        mark = internal_mark(row)
        if mark:
            extra.append(f"**{mark}**")
        if conflict.upheld:
            extra.append(f"upheld: {code(conflict.upheld)}")
        lines.append(f"- {code(conflict.id)} {conflict.status}: {clash} ({'; '.join(extra)})")
        if conflict.note:
            lines.append(f"  - Note: {md(conflict.note)}")
        if conflict.resolution:
            lines.append(f"  - Resolution: {md(conflict.resolution)}")
    lines.append("")
    return lines


def _history(items: list[HistoryItem]) -> list[str]:
    lines = ["## Revisions and retractions", ""]
    for item in items:
        if item.superseded_by:
            change = " → ".join(
                (code(item.claim.id), ", ".join(code(c) for c in item.superseded_by))
            )
        else:
            change = f"{code(item.claim.id)} retracted {md(item.retracted or '')}"
        lines.append(f"- {change}: {md(item.change)} ({md(item.claim.attribution)})")
    lines.append("")
    return lines


def _uncompared(claims: list[ClaimView], summary: str) -> list[str]:
    lines = [
        "## Not compared",
        "",
        f"{md(summary)}: no topic, and no contradictions entry names them.",
        "",
    ]
    for claim in claims:
        lines.append(f"- {code(claim.id)} ({md(claim.credit)}): {md(shorten(claim.text, 200))}")
    lines.append("")
    return lines


def render(
    report: Report,
    group: str = "topic",
    title: str = "Contradictions",
    limit: int = DEFAULT_LIMIT,
) -> str:
    """The report as Markdown, each part cut to ``limit`` entries with a count of the rest."""
    every = "; --format json or csv lists every conflict"
    lines = [f"# {md(title)}", "", report.summary() + ".", ""]
    notes: list[str] = []
    if group == "topic":
        disputes, more = limited(report.disputes, limit, "disputes", every)
        if disputes:
            lines += ["## Disputes", ""]
            for dispute in disputes:
                lines += _dispute(dispute)
        loose, more_loose = limited(report.loose_rows, limit, "contradictions", every)
        if loose:
            lines += ["## Other contradictions", "", *table_lines(loose), ""]
        notes += [n for n in (more, more_loose) if n]
    else:
        rows, more = limited(report.rows, limit, "conflicts", every)
        if rows:
            lines += [*table_lines(rows), ""]
        notes += [more] if more else []
    lines += [f"{md(note)}\n" for note in notes]
    details, more = limited(report.rows, limit, "conflicts", every)
    if details:
        lines += ["## Conflicts", ""]
        for row in details:
            lines += _details(row)
        lines += [md(more), ""] if more else []
    if report.history:
        history, more = limited(report.history, limit, "revisions")
        lines += _history(history)
        lines += [md(more), ""] if more else []
    if report.uncompared:
        claims, more = limited(report.uncompared, limit, "claims not compared")
        lines += _uncompared(claims, report.uncompared_share())
        lines += [md(more), ""] if more else []
    if report.topics:
        topics, more = limited(report.topics, limit, "topics")
        lines += ["## Answers by topic", ""]
        for topic in topics:
            lines += _topic(topic)
        lines += [md(more), ""] if more else []
    return "\n".join(lines).rstrip("\n") + "\n"


def render_report(report: Report, options: RenderOptions) -> str:
    return render(report, options.group, limit=options.limit)

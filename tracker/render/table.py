"""The contradiction report for a terminal: grid tables that fit its width (tracker.render.grid)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.render import RenderOptions

from collections.abc import Sequence
from typing import TypeVar

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
from tracker.escape import shorten, terminal
from tracker.render.formats import DEFAULT_LIMIT, DEFAULT_WIDTH
from tracker.render.grid import draw

T = TypeVar("T")
MAX_CLAIMS_SHOWN = 8
MAX_ANSWER = 200  # characters of an answer shown in a cell (JSON and CSV carry it whole)
MAX_CONFLICTS_SHOWN = 12  # per dispute; `--group conflict` lists every pair


def shown_answer(answer: str) -> str:
    """An answer as a cell shows it: one line, at most MAX_ANSWER characters, no escapes."""
    return terminal(shorten(answer, MAX_ANSWER))


def internal_mark(row: Row) -> str:
    """A warning line naming who contradicts itself (a source, or a document in its own
    voice), else ''."""
    who = row.who_contradicts_itself
    return f"⚠ {who}" if who else ""


def side_cell(side: AnswerView) -> str:
    lines: list[str] = []
    if side.answer:
        lines.append(f"{shown_answer(side.answer)} ({origins_text(side.origin_count, short=True)})")
    for claim in side.claims[:MAX_CLAIMS_SHOWN]:
        if not side.answer:
            lines.append(shorten(terminal(claim.text), 120))
        lines.append(f"- {claim.id} ({terminal(claim.credit)})")
    hidden = len(side.claims) - MAX_CLAIMS_SHOWN
    if hidden > 0:
        lines.append(f"… and {hidden} more")
    return "\n".join(lines)


def status_cell(row: Row) -> str:
    conflict = row.conflict
    lines = [conflict.status]
    mark = internal_mark(row)
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


def conflict_table(rows: list[Row], width: int = DEFAULT_WIDTH) -> str:
    """The conflicts as a grid table for a terminal."""
    page_width = width
    width = max((len(r.sides) for r in rows), default=2)
    headers = ["ID", "Topic", *side_letters(width), "Basis", "Status"]
    body = []
    for row in rows:
        sides = [side_cell(s) for s in row.sides] + [""] * (width - len(row.sides))
        topic = terminal(row.question or row.conflict.topic or "(no topic)")
        basis = row.conflict.kind
        if row.conflict.detail:
            basis += "\n" + row.conflict.detail
        body.append([row.conflict.id, topic, *sides, basis, status_cell(row)])
    return draw(headers, body, page_width)


def conflict_line(row: Row) -> str:
    """One conflict of a dispute: id, status, the answers that clash, and what is notable."""
    conflict = row.conflict
    clash = " vs ".join(shown_answer(said(side)) for side in row.sides)
    lines = [f"{conflict.id} {conflict.status} ({conflict.kind})", f"  {clash}"]
    if conflict.detail:
        lines.append(f"  {conflict.detail}")
    mark = internal_mark(row)
    if mark:
        lines.append(f"  {mark}")
    if conflict.upheld:
        lines.append(f"  upheld: {conflict.upheld}")
    if conflict.note:
        lines.append("  note: " + shorten(terminal(conflict.note), 120))
    if conflict.resolution:
        lines.append("  resolution: " + shorten(terminal(conflict.resolution), 120))
    return "\n".join(lines)


def dispute_table(disputes: list[Dispute], width: int = DEFAULT_WIDTH) -> str:
    """One row per disputed topic: the competing answers, then the conflicts between them."""
    body = []
    for dispute in disputes:
        answers = []
        for answer in dispute.answers:
            answers.append(f"{shown_answer(answer.answer)} ({origins_text(answer.origin_count)})")
            for claim in answer.claims[:MAX_CLAIMS_SHOWN]:
                answers.append(f"- {claim.id} ({terminal(claim.credit)})")
            hidden = len(answer.claims) - MAX_CLAIMS_SHOWN
            if hidden > 0:
                answers.append(f"… and {hidden} more")
        conflicts = [conflict_line(row) for row in dispute.rows[:MAX_CONFLICTS_SHOWN]]
        hidden = len(dispute.rows) - MAX_CONFLICTS_SHOWN
        if hidden > 0:
            conflicts.append(f"… and {hidden} more (--group conflict lists them all)")
        topic = f"{terminal(dispute.question)}\n({dispute.topic})"
        body.append([topic, "\n".join(answers), "\n".join(conflicts)])
    return draw(["Dispute", "Competing answers", "Conflicts"], body, width)


def history_table(items: list[HistoryItem], width: int = DEFAULT_WIDTH) -> str:
    body = []
    for item in items:
        if item.superseded_by:
            change = f"{item.claim.id} → {', '.join(item.superseded_by)}"
        else:
            change = f"{item.claim.id} retracted {item.retracted}"
        # The source without its dates: the change carries each answer's date.
        body.append([change, terminal(item.change), terminal(item.claim.attribution)])
    return draw(["Revision", "Answer before → after", "Source"], body, width)


def uncompared_table(claims: list[ClaimView], width: int = DEFAULT_WIDTH) -> str:
    body = [[c.id, terminal(c.credit), terminal(shorten(c.text, MAX_ANSWER))] for c in claims]
    return draw(["Claim", "Source", "Text"], body, width)


def limited(items: Sequence[T], limit: int, noun: str, hints: str = "") -> tuple[list[T], str]:
    """The first ``limit`` items (all with 0), and a line saying how many were left out."""
    if not limit or len(items) <= limit:
        return list(items), ""
    left = len(items) - limit
    return list(items[:limit]), f"… and {left:,} more {noun} (--limit 0 shows all{hints})"


def render(
    report: Report, group: str = "topic", width: int = DEFAULT_WIDTH, limit: int = DEFAULT_LIMIT
) -> str:
    """The summary first, then the disputes (or the conflicts), the history and the answers,
    each cut to ``limit`` entries with a count of the rest: at 100,000 claims the output a
    person reads stays readable, while JSON and CSV carry every conflict."""
    every = "; --format json or csv lists every conflict"
    parts = [report.summary()]
    if group == "topic":
        disputes, more = limited(report.disputes, limit, "disputes", every)
        if disputes:
            parts.append(dispute_table(disputes, width))
        loose, more_loose = limited(report.loose_rows, limit, "contradictions", every)
        if loose:
            parts += ["Other contradictions (on no single topic):", conflict_table(loose, width)]
        parts += [line for line in (more, more_loose) if line]
    elif report.rows:
        rows, more = limited(report.rows, limit, "conflicts", every)
        parts.append(conflict_table(rows, width))
        parts += [more] if more else []
    if report.history:
        history, more = limited(report.history, limit, "revisions")
        parts += ["", "Revisions and retractions (no longer in conflicts):"]
        parts.append(history_table(history, width))
        parts += [more] if more else []
    if report.uncompared:
        claims, more = limited(report.uncompared, limit, "claims not compared")
        heading = (
            f"Not compared: {report.uncompared_share()} (no topic, in no contradictions entry):"
        )
        parts += ["", heading, uncompared_table(claims, width)]
        parts += [more] if more else []
    if report.topics:
        topics, more = limited(report.topics, limit, "topics")
        parts += ["", "Answers by topic:", answers_table(topics, width)]
        parts += [more] if more else []
    return "\n".join(parts) + "\n"


def answers_table(topics: list[TopicView], width: int = DEFAULT_WIDTH) -> str:
    """Every answer given to each topic, conflicting or not."""
    body = []
    for topic in topics:
        question = terminal(topic.question)
        for answer in topic.answers or (AnswerView("(no claims)", ()),):
            claims = "\n".join(
                f"{c.id} ({terminal(c.credit)})" for c in answer.claims[:MAX_CLAIMS_SHOWN]
            )
            hidden = len(answer.claims) - MAX_CLAIMS_SHOWN
            if hidden > 0:
                claims += f"\n… and {hidden} more"
            label = shown_answer(answer.answer)
            if answer.claims:
                label += f"\n({origins_text(answer.origin_count)})"
            body.append([question, label, claims])
            question = ""
    return draw(["Topic", "Answer", "Claims"], body, width)


def render_report(report: Report, options: RenderOptions) -> str:
    return render(report, options.group, options.width, options.limit)

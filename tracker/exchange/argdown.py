"""The contradictions as Argdown (https://argdown.org), for argument maps: one section per
disputed topic, each answer a statement supported by the claims that give it, and the
conflicts as relations between answers: a denial is contradictory (`><`: both cannot be
true, nor both false), a clash of positions or figures contrary (`-`: both cannot be true).
Explicit contradictions relate their claims directly."""

from __future__ import annotations

import re

from tracker.analysis.kinds import CONFLICT_KINDS
from tracker.analysis.report import ClaimView, Report

_TITLE_UNSAFE = re.compile(r"[\[\]<>#*@\\]")
# Brackets become parentheses; angle brackets, '#' and '*' their look-alikes (U+2039,
# U+203A, U+2116, U+2217), which Argdown reads as text.
_TEXT_UNSAFE = str.maketrans(
    {"[": "(", "]": ")", "<": "\u2039", ">": "\u203a", "#": "\u2116", "*": "\u2217"}
)


def _title(text: str) -> str:
    """A statement title: one line, no Argdown syntax."""
    return " ".join(_TITLE_UNSAFE.sub(" ", text).split())[:120] or "untitled"


def _text(text: str) -> str:
    """Statement text on one line, with the characters Argdown reads as syntax replaced."""
    line = " ".join(text.split()).translate(_TEXT_UNSAFE)
    return line.lstrip("+-<>").strip() or "(no text)"


def _claim(claim: ClaimView) -> str:
    return f"[{_title(claim.id)}]: {_text(claim.text)} ({_text(claim.attribution)})"


def render(report: Report, title: str = "Contradictions") -> str:
    lines = ["===", f"title: {_text(title)}", "===", ""]
    declared: set[str] = set()

    def statement(claim: ClaimView) -> str:
        if claim.id in declared:
            return f"[{_title(claim.id)}]"
        declared.add(claim.id)
        return _claim(claim)

    for dispute in report.disputes:
        lines += [f"# {_text(dispute.question)} ({_text(dispute.topic)})", ""]
        answer_titles = {}
        for answer in dispute.answers:
            answer_title = _title(f"{dispute.topic} {answer.answer}")
            answer_titles[answer.answer] = answer_title
            lines.append(f"[{answer_title}]: {_text(answer.answer)}")
            lines += [f"  + {statement(claim)}" for claim in answer.claims]
            lines.append("")
        for row in dispute.rows:
            conflict = row.conflict
            relation = CONFLICT_KINDS[conflict.kind].argdown
            first, *others = (answer_titles.get(side.answer) for side in row.sides)
            if first is None or None in others:
                continue
            lines.append(f"// {conflict.id}: {conflict.kind}, {conflict.status}")
            lines.append(f"[{first}]")
            lines += [f"  {relation} [{other}]" for other in others]
            lines.append("")
    loose = report.loose_rows
    if loose:
        lines += ["# Other contradictions", ""]
        for row in loose:
            claims = [c for side in row.sides for c in side.claims]
            lines.append(f"// {row.conflict.id}: {row.conflict.kind}, {row.conflict.status}")
            lines.append(statement(claims[0]))
            lines += [f"  - {statement(claim)}" for claim in claims[1:]]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"

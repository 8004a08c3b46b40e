"""A report's history: claims that left the conflicts, revised by later claims or
retracted, each change read old → new with the time each answer holds."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.analysis.answers import answer_of
from tracker.corpus.records import Claim, Topic, revisions

if TYPE_CHECKING:
    from tracker.analysis.report import ClaimView, ReportIndex


@dataclass(frozen=True)
class HistoryItem:
    """A claim that no longer takes part in conflicts: revised by later claims, or retracted."""

    claim: ClaimView
    topic: str | None
    answer: str
    superseded_by: tuple[str, ...]
    retracted: str | None
    # The change as a reader follows it, each answer with its time: "500 people, as of
    # 2023-10-17 → 471 people, as of 2023-10-18"; "Russia, retracted 2024-01-09".
    change: str = ""


def dated(answer: str, claim: Claim) -> str:
    """An answer with the time it holds (``as_of``), else the time it was said."""
    if claim.as_of:
        return f"{answer}, as of {claim.as_of}"
    return f"{answer}, said {claim.date}" if claim.date else answer


def history(joins: ReportIndex, topics: Collection[str] = ()) -> list[HistoryItem]:
    """Claims revised by later claims (``c-moh-500 → c-moh-471``) or retracted, by id."""
    claims, topic_records = joins.claims, joins.topics
    revised = revisions(claims)
    items = []
    for claim_id in sorted(set(revised) | {c.id for c in claims.values() if c.retracted}):
        claim = claims[claim_id]
        if topics and claim.topic not in topics:
            continue
        topic = topic_records.get(claim.topic or "")
        answer = answer_of(topic, claim)[1] if topic is not None else ""
        later = tuple(sorted(revised.get(claim_id, ())))
        before = dated(answer, claim) if answer else ""
        if later:
            after = "; ".join(_answer_given(topic_records, claims[c]) for c in later)
            change = f"{before or claim_id} → {after}"
        else:
            change = f"{before or claim_id}, retracted {claim.retracted}"
        items.append(
            HistoryItem(joins.view(claim_id), claim.topic, answer, later, claim.retracted, change)
        )
    return items


def _answer_given(topics: dict[str, Topic], claim: Claim) -> str:
    """A revising claim's answer with its time, or its id when it answers no topic."""
    topic = topics.get(claim.topic or "")
    if topic is None:
        return claim.id
    return dated(answer_of(topic, claim)[1], claim)

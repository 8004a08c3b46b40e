"""Pairs a suggested answer would set in conflict: each claim with no topic is given its
suggested topic and answer (:mod:`tracker.suggest.topics`) and met with that topic's claims by
the topic's own rules (:data:`tracker.analysis.conflicts.DERIVERS`): positions, denials,
implied positions, numbers and tolerances, exactly as if a person had filed it. A claim the
probe would conflict with is a candidate, whatever words the two texts share.

Each distinct suggested answer is probed once per topic, so the work grows with the topics'
answers, not with the claims.
"""

from __future__ import annotations

from collections.abc import Mapping

from tracker.analysis.conflicts import DERIVERS
from tracker.corpus.records import Claim, Topic, answer_key
from tracker.suggest.topics import TopicSuggestion

PROBE = "\0probe"  # no claim id can hold a NUL
CONFIDENT_TOPIC = 0.2  # a topic suggestion this sure (or more) gives its cue full weight


def _probe(suggestion: TopicSuggestion) -> Claim:
    return Claim(
        PROBE,
        "",
        text="",
        source="",
        topic=suggestion.topic,
        position=suggestion.position,
        stance=suggestion.stance,
        value=suggestion.value,
    )


def opposed(
    suggestions: list[TopicSuggestion],
    topics: Mapping[str, Topic],
    standing: Mapping[str, list[Claim]],
) -> dict[str, dict[str, str]]:
    """For each suggested claim, the claims its suggested answer would conflict with, each
    with the two answers ("not Ukrainian military vs Ukrainian military")."""
    probed: dict[tuple[str, str, str, str], dict[str, str]] = {}
    found: dict[str, dict[str, str]] = {}
    for suggestion in suggestions:
        if suggestion.position is None and suggestion.value is None:
            continue
        key = (
            suggestion.topic,
            answer_key(suggestion.position or ""),
            suggestion.stance,
            str(suggestion.value),
        )
        if key not in probed:
            topic = topics[suggestion.topic]
            against: dict[str, str] = {}
            claims = [_probe(suggestion), *standing.get(topic.id, [])]
            for conflict in DERIVERS[topic.kind](topic, claims):
                mine = next((s for s in conflict.sides if PROBE in s.claims), None)
                if mine is None:
                    continue
                for side in conflict.sides:
                    if side is not mine:
                        for claim_id in side.claims:
                            against.setdefault(claim_id, f"{mine.answer} vs {side.answer}")
            probed[key] = against
        if probed[key]:
            found[suggestion.claim] = probed[key]
    return found


def weight(suggestion: TopicSuggestion) -> float:
    """How much a probe's conflict weighs: as sure as the topic suggestion is."""
    return min(1.0, suggestion.score / CONFIDENT_TOPIC)

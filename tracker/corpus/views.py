"""A claim's answers, each seen as a claim: what the rules compare.

A claim answers its own ``topic``; each item of its ``answers`` answers another topic; and an
answer it asserts on a choice topic may imply answers on other topics (``implies`` items that
name a topic), and those further answers, transitively. Each answer is a *view*: the claim with
``topic``, ``position``, ``stance`` and ``value`` set to that answer, and ``implied_from``
naming the topic where the implication started. The derive functions meet a view like any
claim, so every rule (positions, denials, implied positions within a topic, numbers) applies to
it on the topic it answers, and a conflict still names the claim's own id.

A claim's own answer to a topic (``topic`` or ``answers``) wins over an implied one: the
implication stands for what the claim would say, not for what it says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from tracker.corpus.records import Claim, Implication, NumberValue, Topic, answer_key


@dataclass(frozen=True)
class Implications:
    """The implications across topics of a corpus, by the topic and position that imply them,
    with each choice topic's implications within it (to follow ``implies`` inside a topic
    before crossing to another)."""

    across: Mapping[str, Mapping[str, tuple[Implication, ...]]]
    within: Mapping[str, Mapping[str, frozenset[str]]]
    topics: Mapping[str, Topic]

    @classmethod
    def of(cls, topics: Mapping[str, Topic]) -> Implications:
        across: dict[str, dict[str, list[Implication]]] = {}
        for topic in topics.values():
            for implication in topic.implies_across:
                by_position = across.setdefault(topic.id, {})
                by_position.setdefault(answer_key(implication.position), []).append(implication)
        return cls(
            {t: {p: tuple(items) for p, items in found.items()} for t, found in across.items()},
            {t: topics[t].implied_keys() for t in across if t in topics},
            topics,
        )

    def __bool__(self) -> bool:
        return bool(self.across)

    def reached(self, topic_id: str, position: str) -> list[Implication]:
        """Every answer on another topic that asserting ``position`` on ``topic_id`` implies,
        directly, through positions it includes, and through the answers those imply in
        turn; each once, in a stable order. A cycle (an error the validator reports) ends
        where it closes."""
        found: list[Implication] = []
        seen: set[tuple[str, str]] = set()
        stack = [(topic_id, answer_key(position))]
        while stack:
            at_topic, key = stack.pop()
            if (at_topic, key) in seen:
                continue
            seen.add((at_topic, key))
            by_position = self.across.get(at_topic)
            if by_position is None:
                continue
            included = self.within.get(at_topic, {}).get(key, frozenset())
            for step in sorted({key, *included}):
                for implication in by_position.get(step, ()):
                    found.append(implication)
                    if implication.stance == "asserts":
                        stack.append((implication.topic, answer_key(implication.answer)))
        return found


def answer_views(claim: Claim, implications: Implications) -> list[Claim]:
    """The claim once per topic it answers: its own topic (the claim itself), each further
    answer, then each answer implied across topics."""
    views: list[Claim] = []
    answered: set[str] = set()
    if claim.topic is not None:
        views.append(claim)
        answered.add(claim.topic)
    for answer in claim.answers:
        if answer.topic in answered:
            continue  # an error the validator reports (repeated-answer)
        answered.add(answer.topic)
        views.append(_view(claim, answer.topic, answer.position, answer.stance, answer.value))
    if not implications:
        return views
    implied: list[Claim] = []
    for view in views:
        if view.position is None or view.stance != "asserts":
            continue  # a denial or a number implies nothing
        for implication in implications.reached(view.topic or "", view.position):
            if implication.topic in answered:
                continue
            implied.append(
                _view(
                    claim,
                    implication.topic,
                    implication.answer,
                    implication.stance,
                    implied_from=view.topic,
                )
            )
    return views + _once(implied)


def _view(
    claim: Claim,
    topic: str,
    position: str | None,
    stance: str,
    value: NumberValue | None = None,
    implied_from: str | None = None,
) -> Claim:
    """The claim as it answers ``topic``."""
    return replace(
        claim,
        topic=topic,
        position=position,
        stance=stance,
        value=value,
        answers=(),
        implied_from=implied_from,
    )


def _once(views: Iterable[Claim]) -> list[Claim]:
    """One view per topic and answer (two paths to one implied answer give it once)."""
    kept: dict[tuple[str | None, str, str], Claim] = {}
    for view in views:
        kept.setdefault((view.topic, answer_key(view.position or ""), view.stance), view)
    return list(kept.values())

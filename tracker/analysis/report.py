"""What a report shows: conflicts joined with their claims, sources and topics, filtered.

The renderers in :mod:`tracker.render` only lay out a :class:`Report`; everything they show is
computed here from the graph and the conflicts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import networkx as nx

from tracker.analysis import graph as g
from tracker.analysis.answers import Answer, answer_of, answers, origins_of, relays_of
from tracker.analysis.conflicts import Conflict, involved_sources
from tracker.corpus.records import STATUSES, Claim, Source, Topic, revisions


@dataclass(frozen=True)
class ClaimView:
    id: str
    text: str
    attribution: str  # "Middle Eastern officials via The New York Times"
    date: str | None
    quotes: tuple[tuple[str, str | None], ...]  # (document, quote)
    as_of: str | None = None

    @property
    def credit(self) -> str:
        """Who said it, and when the answer holds: claims of different times are never
        compared, so a side that lists them says which time each one is about."""
        return self.attribution + (f", as of {self.as_of}" if self.as_of else "")


def origins_text(count: int, *, short: bool = False) -> str:
    """How many independent origins (distinct originators) support an answer."""
    noun = "origin" if short else "independent origin"
    return f"{count} {noun}{'s' * (count != 1)}"


@dataclass(frozen=True)
class SideView:
    answer: str
    claims: tuple[ClaimView, ...]
    origins: int = 0  # independent origins: distinct originators of the claims


@dataclass(frozen=True)
class Row:
    conflict: Conflict
    question: str | None
    sides: tuple[SideView, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TopicView:
    """A topic with every answer given to it, conflicting or not."""

    id: str
    question: str
    kind: str
    answers: tuple[SideView, ...]


@dataclass(frozen=True)
class DisputeAnswer:
    """One competing answer of a dispute, with the claims giving it."""

    answer: str
    claims: tuple[ClaimView, ...]
    origins: tuple[str, ...]  # independent origins, by source id
    relays: tuple[str, ...]


@dataclass(frozen=True)
class Dispute:
    """A disputed topic: its competing answers, and its conflicts (the pairs) under them."""

    topic: str
    question: str
    answers: tuple[DisputeAnswer, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class HistoryItem:
    """A claim that no longer takes part in conflicts: revised by later claims, or retracted."""

    claim: ClaimView
    topic: str | None
    answer: str
    superseded_by: tuple[str, ...]
    retracted: str | None


@dataclass
class Report:
    rows: list[Row]
    counts: Counter[str] = field(default_factory=Counter)
    topics: list[TopicView] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    history: list[HistoryItem] = field(default_factory=list)

    @property
    def loose_rows(self) -> list[Row]:
        """Conflicts on no topic (explicit entries across topics): no dispute holds them."""
        return [row for row in self.rows if row.conflict.topic is None]

    def summary(self) -> str:
        total = len(self.rows)
        noun = "conflict" if total == 1 else "conflicts"
        parts = ", ".join(f"{self.counts[s]} {s}" for s in STATUSES)
        return f"{total} {noun}: {parts}"


def attribution(sources: dict[str, Source], claim: Claim) -> str:
    """The claim's originator and relays by name, nearest the origin first."""
    chain = (claim.source, *claim.via)
    return " via ".join(sources[s].name if s in sources else s for s in chain)


def claim_view(sources: dict[str, Source], claim: Claim) -> ClaimView:
    return ClaimView(
        claim.id,
        claim.text,
        attribution(sources, claim),
        claim.date,
        tuple((e.document, e.quote) for e in claim.evidence),
        claim.as_of,
    )


def topic_views(
    graph: nx.MultiDiGraph,
    sources: dict[str, Source],
    topics: Collection[str] = (),
    answered: AnswersOf | None = None,
) -> list[TopicView]:
    """Every topic (or those named) with its answers, each answer with its claims."""
    answered = answered or AnswersOf(graph, sources)
    views = []
    for topic in sorted(g.records(graph, "topic"), key=lambda t: t.id):
        if topics and topic.id not in topics:
            continue
        given = tuple(
            SideView(a.label, tuple(claim_view(sources, c) for c in a.claims), len(a.origins))
            for a in answered(topic)
        )
        views.append(TopicView(topic.id, topic.question, topic.kind, given))
    return views


class AnswersOf:
    """``answers`` of each topic, computed once per report: the topic list and the disputes
    both need them, and grouping every claim of 100,000 twice cost a second."""

    def __init__(self, graph: nx.MultiDiGraph, sources: dict[str, Source]) -> None:
        self._graph, self._sources = graph, sources
        self._about = g.claims_by_topic(graph)
        self._found: dict[str, list[Answer]] = {}

    def __call__(self, topic: Topic) -> list[Answer]:
        if topic.id not in self._found:
            about = self._about.get(topic.id, [])
            self._found[topic.id] = answers(self._graph, topic, self._sources, about)
        return self._found[topic.id]


def build_report(
    graph: nx.MultiDiGraph,
    conflicts: list[Conflict],
    *,
    statuses: Collection[str] = (),
    topics: Collection[str] = (),
    sources: Collection[str] = (),
) -> Report:
    """Rows for the conflicts that pass every given filter (an empty filter passes all)."""
    known_sources = g.sources(graph)
    claims = g.claims(graph)
    questions = {t.id: t.question for t in g.records(graph, "topic")}
    report = Report([])
    views: dict[str, ClaimView] = {}  # a claim on many conflicts is viewed once

    def view(claim_id: str) -> ClaimView:
        if claim_id not in views:
            views[claim_id] = claim_view(known_sources, claims[claim_id])
        return views[claim_id]

    for conflict in conflicts:
        involved = involved_sources(claims, conflict)
        if statuses and conflict.status not in statuses:
            continue
        if topics and conflict.topic not in topics:
            continue
        if sources and not set(sources) & set(involved):
            continue
        sides = tuple(
            SideView(
                side.answer,
                tuple(view(c) for c in side.claims),
                len(origins_of(known_sources, (claims[c] for c in side.claims))),
            )
            for side in conflict.sides
        )
        report.rows.append(
            Row(conflict, questions.get(conflict.topic or ""), sides, tuple(involved))
        )
        report.counts[conflict.status] += 1
    answered = AnswersOf(graph, known_sources)
    report.topics = topic_views(graph, known_sources, topics, answered)
    report.disputes = disputes(graph, report.rows, view, known_sources, answered)
    report.history = history(graph, known_sources, topics)
    return report


def disputes(
    graph: nx.MultiDiGraph,
    rows: list[Row],
    view: Callable[[str], ClaimView],
    sources: dict[str, Source],
    answered: AnswersOf | None = None,
) -> list[Dispute]:
    """One dispute per topic that has conflicts among ``rows``: the answers that stand on
    some side of its conflicts, each with its claims and independent origins."""
    by_topic: dict[str, list[Row]] = {}
    for row in rows:
        if row.conflict.topic is not None:
            by_topic.setdefault(row.conflict.topic, []).append(row)
    topics = g.topics(graph)
    answered = answered or AnswersOf(graph, sources)
    found = []
    for topic_id in sorted(by_topic):
        topic_rows = by_topic[topic_id]
        involved = {c for row in topic_rows for c in row.conflict.claim_ids}
        competing = []
        for answer in answered(topics[topic_id]):
            given = [c for c in answer.claims if c.id in involved]
            if given:
                competing.append(
                    DisputeAnswer(
                        answer.label,
                        tuple(view(c.id) for c in given),
                        origins_of(sources, given),  # of the claims listed, not all of them
                        tuple(relays_of(given)),
                    )
                )
        # What a reader must not miss comes first: a source or document contradicting itself,
        # then denials, then the other clashes (a long dispute shows only the first few).
        ordered = sorted(
            topic_rows,
            key=lambda row: (row.conflict.internal is None, row.conflict.basis != "denial"),
        )
        found.append(Dispute(topic_id, topics[topic_id].question, tuple(competing), tuple(ordered)))
    return found


def history(
    graph: nx.MultiDiGraph, sources: dict[str, Source], topics: Collection[str] = ()
) -> list[HistoryItem]:
    """Claims revised by later claims (``c-moh-500 → c-moh-471``) or retracted, by id."""
    claims = g.claims(graph)
    topic_records = g.topics(graph)
    revised = revisions(claims)
    items = []
    for claim_id in sorted(set(revised) | {c.id for c in claims.values() if c.retracted}):
        claim = claims[claim_id]
        if topics and claim.topic not in topics:
            continue
        topic = topic_records.get(claim.topic or "")
        answer = answer_of(topic, claim)[1] if topic is not None else ""
        items.append(
            HistoryItem(
                claim_view(sources, claim),
                claim.topic,
                answer,
                tuple(sorted(revised.get(claim_id, ()))),
                claim.retracted,
            )
        )
    return items

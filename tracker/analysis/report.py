"""What a report shows: conflicts joined with their claims, sources and topics, filtered.

The renderers in :mod:`tracker.render` only lay out a :class:`Report`; everything they show is
computed here from the graph and the conflicts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

import networkx as nx

from tracker.analysis import graph as g
from tracker.analysis.answers import Answer, answers, origins_of, relays_of
from tracker.analysis.conflicts import Conflict, involved_sources
from tracker.analysis.figures import FigureChart, LazyCharts
from tracker.analysis.history import HistoryItem, history
from tracker.analysis.kinds import CONFLICT_KINDS
from tracker.analysis.lazy import LazySequence
from tracker.analysis.self_contradiction import who_contradicts_itself
from tracker.corpus.records import (
    STATUSES,
    Claim,
    Source,
    Topic,
    source_name,
    top_origin,
    uncompared_claims,
)


@dataclass(frozen=True)
class ClaimView:
    id: str
    text: str
    attribution: str  # "Middle Eastern officials via The New York Times"
    date: str | None
    quotes: tuple[tuple[str, str | None], ...]  # (document, quote)
    as_of: str | None = None
    # The topic (id, question) whose answer implies the answer shown here (an implication
    # across topics), or None where the claim gives the answer itself.
    implied_from: str | None = None
    implied_question: str | None = None

    @property
    def credit(self) -> str:
        """Who said it, and when the answer holds: claims of different times are never
        compared, so a side that lists them says which time each one is about. An answer
        the claim gives only by implication says so, and from which question."""
        shown = self.attribution + (f", as of {self.as_of}" if self.as_of else "")
        if self.implied_from:
            shown += f", by implication from “{self.implied_question or self.implied_from}”"
        return shown


def said(side: AnswerView) -> str:
    """What a side says in one line: its answer, or for claims with none (a contradiction
    written by hand between claims on no topic) the words of its first claim."""
    if side.answer or not side.claims:
        return side.answer
    return " ".join(side.claims[0].text.split())


def origins_text(count: int, *, short: bool = False) -> str:
    """How many independent origins (distinct originators) support an answer."""
    noun = "origin" if short else "independent origin"
    return f"{count} {noun}{'s' * (count != 1)}"


@dataclass(frozen=True)
class AnswerView:
    """An answer as every report shows it: a side of a conflict, an answer of a topic, a
    competing answer of a dispute. (:class:`tracker.analysis.answers.Answer` is the answer
    as the analysis groups claims; :class:`tracker.analysis.conflicts.Side` a conflict's side
    by claim ids.)"""

    answer: str
    claims: tuple[ClaimView, ...]
    origins: tuple[str, ...] = ()  # independent origins, by source id
    relays: tuple[str, ...] = ()

    @property
    def origin_count(self) -> int:
        return len(self.origins)


class ReportIndex:
    """What every part of a report joins with: the claims, sources and topics by id (each
    index built once per report), and one view per claim however many parts show it."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.claims = g.claims(graph)
        self.sources = g.sources(graph)
        self.topics = g.topics(graph)
        self.about = g.claims_by_topic(graph)
        self.withdrawn = g.withdrawn(graph)
        # (topic, claim) -> the topic whose answer implies the claim's answer there
        self._implied = {
            (topic_id, view.id): view.implied_from
            for topic_id, views in self.about.items()
            for view in views
            if view.implied_from is not None
        }
        self._views: dict[tuple[str, str | None], ClaimView] = {}

    def view(self, claim_id: str, topic_id: str | None = None) -> ClaimView:
        """The claim as shown, as it answers ``topic_id`` when one is named (by implication
        from another question, or in its own words)."""
        implied_from = self._implied.get((topic_id or "", claim_id))
        key = (claim_id, topic_id if implied_from else None)
        found = self._views.get(key)
        if found is None:
            found = claim_view(self.sources, self.claims[claim_id])
            if implied_from is not None:
                topic = self.topics.get(implied_from)
                found = replace(
                    found,
                    implied_from=implied_from,
                    implied_question=topic.question if topic else None,
                )
            self._views[key] = found
        return found


class Row:
    """A conflict with what every report shows of it. Its sides (claims viewed, independent
    origins counted) and its sources are joined when first asked for: a report for people
    shows a few hundred of 30,000 conflicts, and joining them all cost a second at 100,000
    claims."""

    __slots__ = ("_joins", "_sides", "_sources", "conflict", "question")

    def __init__(self, conflict: Conflict, question: str | None, joins: ReportIndex) -> None:
        self.conflict = conflict
        self.question = question
        self._joins = joins
        self._sides: tuple[AnswerView, ...] | None = None
        self._sources: tuple[str, ...] | None = None

    @property
    def sides(self) -> tuple[AnswerView, ...]:
        if self._sides is None:
            joins = self._joins
            self._sides = tuple(
                AnswerView(
                    side.answer,
                    tuple(joins.view(c, self.conflict.topic) for c in side.claims),
                    origins_of(joins.sources, (joins.claims[c] for c in side.claims)),
                )
                for side in self.conflict.sides
            )
        return self._sides

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source on the conflict's claims, originating or relaying."""
        if self._sources is None:
            self._sources = tuple(involved_sources(self._joins.claims, self.conflict))
        return self._sources

    @property
    def who_contradicts_itself(self) -> str:
        """Who contradicts itself, named ("The Government contradicts itself (The Prosecutor
        and Ministry of Health)", "seeds/report.txt contradicts itself, in the voice of The
        Daily"), or "" when nobody does."""
        joins = self._joins
        return who_contradicts_itself(self.conflict, joins.claims, joins.sources)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return (self.conflict, self.question, self.sides, self.sources) == (
            other.conflict,
            other.question,
            other.sides,
            other.sources,
        )

    __hash__ = None  # type: ignore[assignment]  # equal by value, and not frozen

    def __repr__(self) -> str:
        return f"Row({self.conflict!r}, {self.question!r}, {self.sides!r}, {self.sources!r})"


@dataclass(frozen=True)
class TopicView:
    """A topic with every answer given to it, conflicting or not."""

    id: str
    question: str
    kind: str
    answers: tuple[AnswerView, ...]


@dataclass(frozen=True)
class Dispute:
    """A disputed topic: its competing answers, and its conflicts (the pairs) under them."""

    topic: str
    question: str
    answers: tuple[AnswerView, ...]
    rows: tuple[Row, ...]


@dataclass
class Report:
    rows: list[Row]
    counts: Counter[str] = field(default_factory=Counter)
    topics: Sequence[TopicView] = field(default_factory=list)
    disputes: Sequence[Dispute] = field(default_factory=list)
    history: list[HistoryItem] = field(default_factory=list)
    # Claims no rule compares (no topic, named by no contradictions entry), and how many
    # claims the corpus holds: "Not compared: 3 of 18 claims".
    uncompared: list[ClaimView] = field(default_factory=list)
    claim_total: int = 0
    # Number topics with dated values, as charts draw them (made when first asked for).
    figures: Sequence[FigureChart] = field(default_factory=list)

    @property
    def loose_rows(self) -> list[Row]:
        """Conflicts on no topic (explicit entries across topics): no dispute holds them."""
        return [row for row in self.rows if row.conflict.topic is None]

    def summary(self) -> str:
        total = len(self.rows)
        noun = "conflict" if total == 1 else "conflicts"
        parts = ", ".join(f"{self.counts[s]} {s}" for s in STATUSES)
        shown = f"{total} {noun}: {parts}"
        if self.uncompared:
            shown += f"; {self.uncompared_share()} not compared"
        return shown

    def uncompared_share(self) -> str:
        """ "3 of 18 claims": how many of the corpus's claims no rule compares."""
        return f"{len(self.uncompared)} of {self.claim_total} claims"


def attribution(sources: dict[str, Source], claim: Claim) -> str:
    """The claim's originator and relays by name, nearest the origin first."""
    chain = (claim.source, *claim.via)
    return " via ".join(source_name(sources, s) for s in chain)


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
    joins: ReportIndex, answered: TopicAnswers, topics: Collection[str] = ()
) -> LazySequence[Topic, TopicView]:
    """Every topic (or those named) with its answers, each answer with its claims; each
    topic's answers are grouped when it is first asked for."""
    chosen = [
        topic
        for topic in sorted(joins.topics.values(), key=lambda t: t.id)
        if not topics or topic.id in topics
    ]

    def topic_view(topic: Topic) -> TopicView:
        given = tuple(
            AnswerView(a.label, tuple(joins.view(c.id, topic.id) for c in a.claims), a.origins)
            for a in answered(topic)
        )
        return TopicView(topic.id, topic.question, topic.kind, given)

    return LazySequence(chosen, topic_view)


class TopicAnswers:
    """``answers`` of each topic, computed once per report: the topic list and the disputes
    both need them, and grouping every claim of 100,000 twice cost a second."""

    def __init__(
        self, graph: nx.MultiDiGraph, sources: dict[str, Source], about: dict[str, list[Claim]]
    ) -> None:
        self._graph, self._sources = graph, sources
        self._about = about
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
    report = Report([])
    joins = ReportIndex(graph)
    for conflict in conflicts:
        if statuses and conflict.status not in statuses:
            continue
        if topics and conflict.topic not in topics:
            continue
        topic = joins.topics.get(conflict.topic or "")
        row = Row(conflict, topic.question if topic else None, joins)
        if sources and not set(sources) & set(row.sources):
            continue
        report.rows.append(row)
        report.counts[conflict.status] += 1
    answered = TopicAnswers(graph, joins.sources, joins.about)
    report.topics = topic_views(joins, answered, topics)
    report.disputes = disputes(report.rows, joins, answered)
    report.history = history(joins, topics)
    report.claim_total = len(joins.claims)
    report.figures = LazyCharts(joins, topics)
    if not topics:  # claims with no topic belong to no topic a filter names
        entries = g.contradiction_entries(graph)
        report.uncompared = [
            joins.view(claim.id)
            for claim in uncompared_claims(joins.claims.values(), entries)
            if not sources or {claim.source, *claim.via} & set(sources)
        ]
    return report


def disputes(
    rows: list[Row], joins: ReportIndex, answered: TopicAnswers
) -> LazySequence[str, Dispute]:
    """One dispute per topic that has conflicts among ``rows``: the answers that stand on
    some side of its conflicts, each with its claims and independent origins. Each is made
    when first asked for."""
    by_topic: dict[str, list[Row]] = {}
    for row in rows:
        if row.conflict.topic is not None:
            by_topic.setdefault(row.conflict.topic, []).append(row)
    topics = joins.topics

    def dispute(topic_id: str) -> Dispute:
        topic_rows = by_topic[topic_id]
        involved = {c for row in topic_rows for c in row.conflict.claim_ids}
        sides = {side.answer for row in topic_rows for side in row.conflict.sides}
        given_answers = answered(topics[topic_id])
        # A claim gives two answers to one topic only by implication (it denies two
        # positions): each is listed where it stands on a side, not where it clashes with
        # nothing.
        answering = Counter(c.id for answer in given_answers for c in answer.claims)
        competing = []
        for answer in given_answers:
            given = [
                c
                for c in answer.claims
                if c.id in involved and (answering[c.id] == 1 or answer.label in sides)
            ]
            if given:
                competing.append(
                    AnswerView(
                        answer.label,
                        tuple(joins.view(c.id, topic_id) for c in given),
                        origins_of(joins.sources, given),  # of the claims listed, not all
                        tuple(relays_of(given)),
                    )
                )
        # What a reader must not miss comes first: a source or document contradicting itself,
        # then denials, then the other clashes (a long dispute shows only the first few).
        ordered = sorted(
            topic_rows,
            key=lambda row: (
                row.conflict.self_contradiction is None,
                not CONFLICT_KINDS[row.conflict.kind].leads_dispute,
            ),
        )
        return Dispute(topic_id, topics[topic_id].question, tuple(competing), tuple(ordered))

    def weight(topic_id: str) -> tuple[int, int, str]:
        """The story's main questions first: most open conflicts, then most independent
        origins among the claims in them, then the topic id (a stable order)."""
        rows = by_topic[topic_id]
        still_open = sum(1 for row in rows if row.conflict.status == "open")
        origins = {
            top_origin(joins.sources, joins.claims[claim].source)
            for row in rows
            for claim in row.conflict.claim_ids
        }
        return -still_open, -len(origins), topic_id

    return LazySequence(sorted(by_topic, key=weight), dispute)

"""`tracker suggest`: what a person has not written down yet, proposed from the corpus.

Two kinds of suggestion, both offline and deterministic (docs/suggest.md):

- for each claim with no topic, the likeliest topic and answer, with the YAML lines to add
  (:mod:`tracker.suggest.topics`);
- candidate contradictions among pairs no rule compares (no topic shared by the two claims,
  counting further and implied answers), ranked, each with its reasons and a ready-to-paste
  ``contradictions`` entry (:mod:`tracker.suggest.pairs`; a suggested answer that the
  topic's own rules would set against a claim is a candidate too, :mod:`tracker.suggest.probes`).
  A pair some ``contradictions`` entry already names (any status: dismissing a suggestion is
  how a team says no) is never suggested again, nor a claim superseded or retracted.

Nothing here writes a file. scikit-learn is imported only when suggestions are made, so the
other commands never load it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    import numpy as np

from tracker.analysis import graph as g
from tracker.corpus.records import Claim, Source, Topic, top_origin
from tracker.suggest.cues import Cue
from tracker.suggest.pairs import (
    PairSuggestion,
    Scoring,
    blocked_pairs,
    rare_words,
    score_pairs,
    vectors,
)
from tracker.suggest.probes import opposed, weight
from tracker.suggest.reading import Reading
from tracker.suggest.topics import TopicSpace, TopicSuggestion, suggest_topics

__all__ = [
    "PairSuggestion",
    "SuggestionInput",
    "Suggestions",
    "TopicSuggestion",
    "suggest",
    "suggestions_of",
]


@dataclass
class Suggestions:
    topics: list[TopicSuggestion] = field(default_factory=list)
    pairs: list[PairSuggestion] = field(default_factory=list)
    topic_total: int = 0  # how many claims a topic was found for (``topics`` may hold fewer)
    pair_total: int = 0  # how many pairs were worth a suggestion (``pairs`` may hold fewer)
    claims: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (source, text)
    compared_claims: int = 0  # claims that take part (not superseded or retracted)


@dataclass
class SuggestionInput:
    """What the suggestions are made from: the standing claims in file order, and who
    answers what. Taken from the graph first, so that a caller can let the graph go before
    the suggestions' own arrays are built (:func:`suggestions_of`)."""

    claims: list[Claim]
    sources: dict[str, Source]
    topics: list[Topic]  # by id
    about: dict[str, list[Claim]]  # topic id -> the standing claims answering it (views)
    answering: dict[str, set[str]]  # claim id -> the topics it answers
    recorded: set[tuple[str, str]]  # pairs some contradictions entry names

    @classmethod
    def of(cls, graph: nx.MultiDiGraph) -> SuggestionInput:
        withdrawn = g.withdrawn(graph)
        about = {
            topic_id: [view for view in views if view.id not in withdrawn]
            for topic_id, views in g.claims_by_topic(graph).items()
        }
        answering: dict[str, set[str]] = {}
        for topic_id, views in about.items():
            for view in views:
                answering.setdefault(view.id, set()).add(topic_id)
        recorded: set[tuple[str, str]] = set()
        for entry in g.contradiction_entries(graph):
            recorded.update(combinations(sorted(set(entry.claims)), 2))
        return cls(
            [c for c in g.records(graph, "claim") if c.id not in withdrawn],
            g.sources(graph),
            sorted(g.topics(graph).values(), key=lambda t: t.id),
            about,
            answering,
            recorded,
        )

    def name(self, source_id: str) -> str:
        found = self.sources.get(source_id)
        return found.name if found else source_id

    def compared(self, one: str, other: str) -> bool:
        """Whether some rule already sets the two claims against each other, or an entry
        records them."""
        shared = self.answering.get(one, set()) & self.answering.get(other, set())
        return bool(shared) or (min(one, other), max(one, other)) in self.recorded


def suggest(graph: nx.MultiDiGraph, limit: int = 0) -> Suggestions:
    """The best ``limit`` suggestions of each kind (all when 0) for the corpus of
    ``graph``, best first, with how many there are in all."""
    return suggestions_of(SuggestionInput.of(graph), limit)


def suggestions_of(corpus: SuggestionInput, limit: int = 0) -> Suggestions:
    """:func:`suggest`, from what was taken of the graph."""
    claims, topics = corpus.claims, corpus.topics
    row_of = {c.id: row for row, c in enumerate(claims)}
    # A claim is read with its originator's name: a denial of someone's account names who
    # the other claim comes from ("the CIA called Hersh's story false").
    readings = [Reading.of(c.text) for c in claims]
    described = [f"{c.text} {corpus.name(c.source)}" for c in claims]
    topic_texts = [" ".join((t.question, *(t.positions or ()))) for t in topics]
    position_keys = sorted(
        {(t.id, p) for t in topics for p in (t.positions or ())}
        | {(t, v.position) for t, views in corpus.about.items() for v in views if v.position}
    )
    matrix = vectors(described + topic_texts + [p for _, p in position_keys])
    claim_rows = matrix[: len(claims)]
    asserting: dict[tuple[str, str], list[int]] = {}
    for topic_id, views in corpus.about.items():
        for view in views:
            if view.position is not None and view.stance == "asserts":
                asserting.setdefault((topic_id, view.position), []).append(row_of[view.id])
    space = TopicSpace.of(
        topics,
        matrix[len(claims) : len(claims) + len(topics)],
        claim_rows,
        {t: [row_of[v.id] for v in views] for t, views in corpus.about.items()},
        position_keys,
        matrix[len(claims) + len(topics) :],
        asserting,
    )
    wanted = [row for row, c in enumerate(claims) if c.id not in corpus.answering]
    topic_suggestions = suggest_topics(claims, readings, claim_rows, space, wanted)

    # Candidates: claims that share rare words, and claims a suggested answer would set in
    # conflict; never a pair some rule compares or some entry records.
    extra: dict[tuple[int, int], list[Cue]] = {}
    by_claim = {t.claim: t for t in topic_suggestions}
    against = opposed(topic_suggestions, {t.id: t for t in topics}, corpus.about)
    for claim_id, others in against.items():
        suggestion = by_claim[claim_id]
        for other_id, answers in others.items():
            one, other = sorted((row_of[claim_id], row_of[other_id]))
            extra.setdefault((one, other), []).append(
                Cue(
                    "answers",
                    weight(suggestion),
                    f"answers: as an answer to “{suggestion.question}”, {answers}",
                )
            )
    ids = [c.id for c in claims]
    allowed = _uncompared(corpus, ids, _with(blocked_pairs(claim_rows), sorted(extra)))
    origins = [top_origin(corpus.sources, c.source) for c in claims]
    scoring = Scoring(readings, ids, origins, extra, rare_words(readings))
    pairs, pair_total = score_pairs(scoring, allowed, claim_rows, limit)
    shown_topics = topic_suggestions[:limit] if limit else topic_suggestions

    shown = {s.claim for s in shown_topics} | {c for p in pairs for c in p.claims}
    by_id = {c.id: c for c in claims}
    return Suggestions(
        shown_topics,
        pairs,
        len(topic_suggestions),
        pair_total,
        {
            claim_id: (
                " via ".join(
                    corpus.name(s) for s in (by_id[claim_id].source, *by_id[claim_id].via)
                ),
                by_id[claim_id].text,
            )
            for claim_id in sorted(shown)
        },
        len(claims),
    )


def _with(pairs: np.ndarray, more: list[tuple[int, int]]) -> np.ndarray:
    """``pairs`` and ``more``, each once, sorted."""
    import numpy as np

    if not more:
        return pairs
    every: np.ndarray = np.unique(np.concatenate([pairs, np.array(more, dtype=np.int64)]), axis=0)
    return every


def _uncompared(corpus: SuggestionInput, ids: list[str], pairs: np.ndarray) -> np.ndarray:
    """The pairs no rule compares and no entry records. Only pairs whose two claims both
    answer some topic, or both appear in entries, are looked at one by one."""
    import numpy as np

    if not len(pairs):
        return pairs
    answers = np.array([claim_id in corpus.answering for claim_id in ids])
    named = {claim_id for pair in corpus.recorded for claim_id in pair}
    in_entries = np.array([claim_id in named for claim_id in ids])
    doubtful = (answers[pairs[:, 0]] & answers[pairs[:, 1]]) | (
        in_entries[pairs[:, 0]] & in_entries[pairs[:, 1]]
    )
    keep = np.ones(len(pairs), dtype=bool)
    for index in np.flatnonzero(doubtful).tolist():
        one, other = pairs[index].tolist()
        keep[index] = not corpus.compared(ids[one], ids[other])
    kept: np.ndarray = pairs[keep]
    return kept

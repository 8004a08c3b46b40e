"""Contradictions entries applied to the derived conflicts: an entry whose claims stand on
opposite sides of a derived conflict is a verdict on it (its status, note, upheld claim and
resolution go onto that conflict); any other entry is an explicit conflict of its own.
:func:`find_conflicts` is every conflict of a corpus: derived, then judged."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import networkx as nx

from tracker.analysis import graph as g
from tracker.analysis.answers import answer_of
from tracker.analysis.conflicts import (
    Conflict,
    FoundConflicts,
    Side,
    conflict_id,
    derived_conflicts,
    mark_self_contradiction,
    sort_key,
)
from tracker.analysis.topic_digests import KeptWork
from tracker.corpus.records import Claim, ContradictionEntry
from tracker.diagnostics import Code, Diagnostic, diagnose


def _judge(conflict: Conflict, entry: ContradictionEntry) -> Conflict:
    return replace(
        conflict,
        status=entry.status,
        note=entry.note,
        upheld=entry.upheld,
        resolution=entry.resolution,
        verdict=str(entry.location()),
    )


def apply_entries(
    graph: nx.MultiDiGraph,
    derived: list[Conflict],
) -> tuple[list[Conflict], list[Diagnostic]]:
    """Merge each contradictions entry into the derived conflicts it judges, or add it as an
    explicit conflict of its own when its claims conflict by no rule."""
    claims = g.claims(graph)
    sides_of: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, conflict in enumerate(derived):
        for side_number, side in enumerate(conflict.sides):
            for claim_id in side.claims:
                sides_of[claim_id].append((number, side_number))
    result = list(derived)
    judged_by: dict[int, ContradictionEntry] = {}
    diagnostics: list[Diagnostic] = []
    explicit: list[Conflict] = []
    withdrawn = g.withdrawn(graph)
    for entry in g.contradiction_entries(graph):
        named = list(dict.fromkeys(entry.claims))
        if len(named) < 2 or any(c not in claims for c in named):
            continue  # reported by validation
        sides_hit: dict[int, set[int]] = defaultdict(set)
        for claim_id in named:
            for number, side_number in sides_of[claim_id]:
                sides_hit[number].add(side_number)
        judged = sorted(number for number, hit in sides_hit.items() if len(hit) >= 2)
        for number in judged:
            earlier = judged_by.get(number)
            if earlier is not None:
                diagnostics.append(
                    diagnose(
                        entry.location(),
                        Code.DOUBLE_VERDICT,
                        f"this entry judges conflict {derived[number].id}, which the entry at "
                        f"{earlier.location()} judges already; merge the two entries into one",
                    )
                )
                continue
            judged_by[number] = entry
            result[number] = _judge(derived[number], entry)
        if judged:
            if entry.given_id:
                diagnostics.append(
                    diagnose(
                        entry.location("id"),
                        Code.VERDICT_ID,
                        f"this entry judges a conflict the tracker derives, which keeps its "
                        f"own id ({derived[judged[0]].id}); the 'id' is not used: remove it",
                    )
                )
            continue
        same = _same_answer([claims[c] for c in named], graph)
        if same:
            diagnostics.append(
                diagnose(
                    entry.location(),
                    Code.SAME_ANSWER,
                    f"the claims of this entry all give the same answer ({same}) to one "
                    "topic; check the claims, or give them different answers",
                )
            )
        gone = sorted(set(named) & withdrawn)
        if gone:
            diagnostics.append(
                diagnose(
                    entry.location(),
                    Code.WITHDRAWN_CLAIM,
                    f"this entry names {', '.join(repr(c) for c in gone)}, superseded or "
                    "retracted: such claims take part in no conflict, so the entry is not "
                    "shown; remove it, or name the claim that revised it",
                )
            )
            continue
        topics = {claims[c].topic for c in named}
        topic = topics.pop() if len(topics) == 1 else None
        ident = entry.id if entry.given_id else conflict_id("explicit", *sorted(named))
        # The sides in the order the entry names them: the person who wrote it put first
        # the claim they read first (the id stays the same whatever the order).
        sides = tuple(Side(_hand_answer(claims[c], graph), (c,)) for c in named)
        explicit.append(_judge(Conflict(ident, "explicit", topic, sides), entry))
    return result + explicit, diagnostics


def _hand_answer(claim: Claim, graph: nx.MultiDiGraph) -> str:
    """What a side of a contradiction written by hand answers: the claim's answer to its
    topic (a position, a figure, a denial), or "" for a claim with none (reports then show
    its words)."""
    topic = g.topics(graph).get(claim.topic or "")
    if topic is not None and (claim.position is not None or claim.value is not None):
        return answer_of(topic, claim)[1]
    return ""


def _same_answer(named: list[Claim], graph: nx.MultiDiGraph) -> str | None:
    """The answer every named claim gives, when they all answer one topic alike."""
    topic_ids = {c.topic for c in named}
    if len(topic_ids) != 1 or None in topic_ids:
        return None
    topic = g.topics(graph).get(next(iter(topic_ids)) or "")
    if topic is None:
        return None
    # Every claim on a topic of a valid corpus gives an answer; answer_of groups them.
    if len(named) < 2 or len({answer_of(topic, claim)[0] for claim in named}) != 1:
        return None
    first = named[0]
    if first.value is not None:
        return str(first.value)
    return f"not {first.position}" if first.stance == "denies" else str(first.position)


def find_conflicts(graph: nx.MultiDiGraph, remembered: KeptWork | None = None) -> FoundConflicts:
    """Every conflict of the corpus, derived and explicit, in a stable order. Verdicts are
    applied on every run; ``remembered`` may hold each topic's derived conflicts."""
    conflicts, diagnostics = apply_entries(graph, derived_conflicts(graph, remembered))
    claims, sources = g.claims(graph), g.sources(graph)
    # Derived conflicts are marked already; a verdict changes no side, so no mark.
    marked = [
        mark_self_contradiction(c, claims, sources) if c.kind == "explicit" else c
        for c in conflicts
    ]
    return FoundConflicts(sorted(marked, key=sort_key), diagnostics)

"""Conflicts: derived from the graph (position, denial, numeric) and listed by hand (explicit).

Claims that give the same answer to a topic share one side, so the work and the output grow with
the number of distinct answers on a topic, never with the number of pairs of claims.

A conflict's id is a hash of what the conflict is about (its basis, topic and the answers
that clash, or the claims an explicit entry names), so it stays the same when files or entries
are reordered, and when claims join or leave a side.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

import networkx as nx

from . import graph as g
from .diagnostics import Diagnostic, error
from .model import Claim, ContradictionEntry, NumberValue, Topic, answer_key

BASES = ("position", "denial", "numeric", "explicit")
_ID_PREFIX = {"position": "P", "denial": "D", "numeric": "N", "explicit": "X"}


@dataclass(frozen=True)
class Side:
    answer: str  # the answer the side gives ("projectile", "not projectile", "1197 people")
    claims: tuple[str, ...]  # claim ids, sorted


@dataclass(frozen=True)
class Conflict:
    id: str
    basis: str
    topic: str | None
    sides: tuple[Side, ...]
    status: str = "open"
    note: str | None = None
    upheld: str | None = None
    resolution: str | None = None
    verdict: str | None = None  # where the contradictions entry that judged it was written

    @property
    def claim_ids(self) -> list[str]:
        return [claim for side in self.sides for claim in side.claims]


@dataclass
class Analysis:
    conflicts: list[Conflict]
    diagnostics: list[Diagnostic]


def conflict_id(basis: str, *parts: str) -> str:
    digest = hashlib.sha1("\0".join((basis, *parts)).encode("utf-8")).hexdigest()
    return _ID_PREFIX[basis] + digest[:10]


def _side(answer: str, claims: Iterable[Claim]) -> Side:
    return Side(answer, tuple(sorted(c.id for c in claims)))


def choice_conflicts(topic: Topic, claims: list[Claim]) -> list[Conflict]:
    """Position conflicts between every two incompatible asserted answers, and denial
    conflicts between an answer and its denial."""
    asserted: dict[str, list[Claim]] = defaultdict(list)
    denied: dict[str, list[Claim]] = defaultdict(list)
    spellings: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.position is None:
            continue
        position = topic.canonical_position(claim.position) or claim.position
        key = answer_key(position)
        spellings[key].add(position)
        (denied if claim.stance == "denies" else asserted)[key].append(claim)
    # The shown spelling must not depend on file order: take the smallest.
    label = {key: min(names) for key, names in spellings.items()}
    compatible = topic.compatible_keys()
    found: list[Conflict] = []
    keys = sorted(asserted)
    for index, first in enumerate(keys):
        for second in keys[index + 1 :]:
            if frozenset((first, second)) in compatible:
                continue
            found.append(
                Conflict(
                    conflict_id("position", topic.id, first, second),
                    "position",
                    topic.id,
                    (_side(label[first], asserted[first]), _side(label[second], asserted[second])),
                )
            )
    for key in sorted(denied):
        if key in asserted:
            found.append(
                Conflict(
                    conflict_id("denial", topic.id, key),
                    "denial",
                    topic.id,
                    (_side(label[key], asserted[key]), _side(f"not {label[key]}", denied[key])),
                )
            )
    return found


def _value_key(value: NumberValue) -> tuple[str, str]:
    return str(value.low), str(value.high)


def numeric_conflicts(topic: Topic, claims: list[Claim]) -> list[Conflict]:
    """Pairs of distinct values (or ranges) further apart than the topic's tolerance."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    values: dict[tuple[str, str], NumberValue] = {}
    for claim in claims:
        if claim.value is None:
            continue
        key = _value_key(claim.value)
        groups[key].append(claim)
        shown = values.get(key)
        if shown is None or claim.value.text < shown.text:
            values[key] = claim.value
    ordered = sorted(groups, key=lambda k: (values[k].low, values[k].high))
    unit = f" {topic.unit}" if topic.unit else ""
    found: list[Conflict] = []
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            gap, magnitude = values[first].gap_to(values[second])
            if topic.tolerance.allows(gap, magnitude):
                continue
            found.append(
                Conflict(
                    conflict_id("numeric", topic.id, *first, *second),
                    "numeric",
                    topic.id,
                    (
                        _side(f"{values[first]}{unit}", groups[first]),
                        _side(f"{values[second]}{unit}", groups[second]),
                    ),
                )
            )
    return found


def derived_conflicts(graph: nx.MultiDiGraph) -> list[Conflict]:
    found: list[Conflict] = []
    for topic in g.records(graph, "topic"):
        claims = g.claims_about(graph, topic.id)
        if topic.kind == "number":
            found.extend(numeric_conflicts(topic, claims))
        else:
            found.extend(choice_conflicts(topic, claims))
    return found


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
                    error(
                        entry.location(),
                        "double-verdict",
                        f"this entry judges conflict {derived[number].id}, which the entry at "
                        f"{earlier.location()} judges already; merge the two entries into one",
                    )
                )
                continue
            judged_by[number] = entry
            result[number] = _judge(derived[number], entry)
        if judged:
            continue
        topics = {claims[c].topic for c in named}
        topic = topics.pop() if len(topics) == 1 else None
        ident = entry.id if entry.given_id else conflict_id("explicit", *sorted(named))
        sides = tuple(Side("", (c,)) for c in sorted(named))
        explicit.append(_judge(Conflict(ident, "explicit", topic, sides), entry))
    return result + explicit, diagnostics


def sort_key(conflict: Conflict) -> tuple[bool, str, int, str]:
    return (conflict.topic is None, conflict.topic or "", BASES.index(conflict.basis), conflict.id)


def find_conflicts(graph: nx.MultiDiGraph) -> Analysis:
    """Every conflict of the corpus, derived and explicit, in a stable order."""
    conflicts, diagnostics = apply_entries(graph, derived_conflicts(graph))
    return Analysis(sorted(conflicts, key=sort_key), diagnostics)


def involved_sources(claims: dict[str, Claim], conflict: Conflict) -> list[str]:
    """Ids of every source that originated or relayed a claim of the conflict."""
    return sorted({s for c in conflict.claim_ids for s in (claims[c].source, *claims[c].via)})

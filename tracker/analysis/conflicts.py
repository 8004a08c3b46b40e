"""Conflicts: derived from the graph (position, denial, numeric) and listed by hand (explicit).

Claims that give the same answer to a topic share one side, so the work and the output grow with
the number of distinct answers on a topic, never with the number of pairs of claims.

A conflict's id is a hash of what the conflict is about (its kind, topic and the answers
that clash, or the claims an explicit entry names), so it stays the same when files or entries
are reordered, and when claims join or leave a side.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import partial

import networkx as nx

from tracker.analysis import graph as g
from tracker.analysis.kinds import CONFLICT_KINDS, KIND_ORDER
from tracker.analysis.topic_digests import KeptWork, kept_or_computed
from tracker.corpus.records import (
    Claim,
    NumberValue,
    Source,
    Tolerance,
    Topic,
    answer_key,
    grouped,
    top_origin,
)
from tracker.diagnostics import Diagnostic

BASES = KIND_ORDER  # the conflict kinds, in the order a topic's conflicts are listed


@dataclass(frozen=True)
class Side:
    answer: str  # the answer the side gives ("projectile", "not projectile", "1197 people")
    claims: tuple[str, ...]  # claim ids, sorted


@dataclass(frozen=True)
class Conflict:
    id: str
    kind: str  # a name of tracker.analysis.kinds.CONFLICT_KINDS
    topic: str | None
    sides: tuple[Side, ...]
    status: str = "open"
    note: str | None = None
    upheld: str | None = None
    resolution: str | None = None
    verdict: str | None = None  # where the contradictions entry that judged it was written
    detail: str | None = None  # numeric: how far apart the values are, which tolerance applied
    same_originator: bool = False  # one origin (top of its part_of chain) on two sides
    same_document: bool = False  # one quoted document on two sides
    # "source" or "document": who contradicts itself (see mark_self_contradiction)
    self_contradiction: str | None = None

    @property
    def claim_ids(self) -> list[str]:
        return [claim for side in self.sides for claim in side.claims]


@dataclass
class FoundConflicts:
    conflicts: list[Conflict]
    diagnostics: list[Diagnostic]


def conflict_id(kind: str, *parts: str) -> str:
    """A stable id from what the conflict is about. Fields are joined with NUL after
    escaping backslashes and NULs inside them, so ("a\\0b", "c") and ("a", "b\\0c") cannot
    collide; text without either character hashes exactly as before."""
    escaped = (p.replace("\\", "\\\\").replace("\0", "\\0") for p in (kind, *parts))
    digest = hashlib.sha1("\0".join(escaped).encode("utf-8")).hexdigest()
    return CONFLICT_KINDS[kind].prefix + digest[:10]


def _side(answer: str, claims: Iterable[Claim]) -> Side:
    return Side(answer, tuple(sorted({c.id for c in claims})))


def _meeting_in_time(first: list[Claim], second: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    """The claims of each group that meet a claim of the other. Claims are compared only when
    their answers hold at the same time: the same `as_of`, or no `as_of` on either side."""
    first_times = {c.as_of for c in first}
    second_times = {c.as_of for c in second}

    def meets(claim: Claim, times: set[str | None]) -> bool:
        return claim.as_of is None or None in times or claim.as_of in times

    return [c for c in first if meets(c, second_times)], [
        c for c in second if meets(c, first_times)
    ]


def choice_conflicts(topic: Topic, claims: list[Claim]) -> list[Conflict]:
    """Position conflicts between every two incompatible asserted answers, and denial
    conflicts between a denied answer and every assertion of it or of an answer implying it."""
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
    implied = topic.implied_keys()

    def agree(first: str, second: str) -> bool:
        return (
            frozenset((first, second)) in compatible
            or second in implied.get(first, ())
            or first in implied.get(second, ())
        )

    found: list[Conflict] = []
    keys = sorted(asserted)
    for index, first in enumerate(keys):
        for second in keys[index + 1 :]:
            if agree(first, second):
                continue
            one, other = _meeting_in_time(asserted[first], asserted[second])
            if one and other:
                found.append(
                    Conflict(
                        conflict_id("position", topic.id, first, second),
                        "position",
                        topic.id,
                        (_side(label[first], one), _side(label[second], other)),
                    )
                )
    for key in sorted(denied):
        # A denial of P meets P itself and every answer that includes P.
        for asserting in sorted(k for k in asserted if k == key or key in implied.get(k, ())):
            one, other = _meeting_in_time(asserted[asserting], denied[key])
            if not (one and other):
                continue
            parts = (key,) if asserting == key else (key, asserting)
            found.append(
                Conflict(
                    conflict_id("denial", topic.id, *parts),
                    "denial",
                    topic.id,
                    (_side(label[asserting], one), _side(f"not {label[key]}", other)),
                )
            )
    return found


def _value_key(value: NumberValue) -> tuple[str, str]:
    return str(value.low), str(value.high)


def _amount(number: Fraction) -> str:
    return grouped(str(number.numerator)) if number.denominator == 1 else f"{float(number):g}"


def _in_units(number: Fraction, unit: str | None) -> str:
    """A figure with its unit: "29 people", "1 person" (the one plural English has no -s
    rule for; other units are shown as the topic spells them)."""
    if not unit:
        return _amount(number)
    return f"{_amount(number)} {'person' if unit == 'people' and number == 1 else unit}"


@dataclass
class _ValueGroup:
    """Claims on a number topic that give one value, at one time, with one tolerance."""

    value: NumberValue
    as_of: str | None
    tolerance: Tolerance | None  # the claims' own tolerance; None: the topic's
    claims: list[Claim]


def _shown(group: _ValueGroup, unit: str) -> str:
    """A side's value as a reader takes it, with the claims' own tolerance when they set one
    ("30 people (± 5)": the source said about 30)."""
    own = f" (± {group.tolerance})" if group.tolerance is not None else ""
    return f"{group.value.shown}{unit}{own}"


@dataclass
class _Pair:
    first: _ValueGroup
    second: _ValueGroup
    first_claims: set[str]
    second_claims: set[str]
    detail: str
    claims: dict[str, Claim]


def _detail(topic: Topic, gap: Fraction, magnitude: Fraction, groups: list[_ValueGroup]) -> str:
    """How far apart two values are and which tolerance applied (the most lenient of the
    claims' own tolerances, else the topic's)."""
    own = [g.tolerance for g in groups if g.tolerance is not None]
    if own:
        tolerance = max(own, key=lambda t: t.allowance(magnitude))
        which = f"claim tolerance {tolerance}"
    else:
        tolerance = topic.tolerance
        which = f"topic tolerance {tolerance}" if tolerance.amount else "no tolerance"
    if tolerance.relative and tolerance.amount:
        which += f" = {_in_units(tolerance.allowance(magnitude), topic.unit)}"
    return f"differ by {_in_units(gap, topic.unit)} ({which})"


def values_agree(
    topic: Topic,
    first: tuple[NumberValue, Tolerance | None],
    second: tuple[NumberValue, Tolerance | None],
) -> bool:
    """Whether two values (each with its claim's own tolerance, or None) agree: as for a
    conflict, the most lenient of the claims' own tolerances applies, else the topic's."""
    gap, magnitude = first[0].gap_to(second[0])
    return gap <= _allowed(topic, (first[1], second[1]), magnitude)


def _allowed(topic: Topic, tolerances: Iterable[Tolerance | None], magnitude: Fraction) -> Fraction:
    """How far apart two values may be and agree: the most lenient of the claims' own
    tolerances, else the topic's."""
    own = [t.allowance(magnitude) for t in tolerances if t is not None]
    return max(own) if own else topic.tolerance.allowance(magnitude)


def numeric_conflicts(topic: Topic, claims: list[Claim]) -> list[Conflict]:
    """Pairs of values (ranges, bounds) further apart than the tolerance that applies, among
    claims about the same time; on a running total, a later value below an earlier one."""
    grouped: dict[tuple[str, str, str, str], _ValueGroup] = {}
    for claim in claims:
        if claim.value is None:
            continue
        key = (*_value_key(claim.value), claim.as_of or "", str(claim.tolerance or ""))
        group = grouped.get(key)
        if group is None:
            grouped[key] = _ValueGroup(claim.value, claim.as_of, claim.tolerance, [claim])
        else:
            group.claims.append(claim)
            if claim.value.text < group.value.text:
                group.value = claim.value  # the shown spelling never depends on file order
    groups = sorted(
        grouped.values(),
        key=lambda g: (g.value.sort_key, g.as_of or "", str(g.tolerance or "")),
    )
    unit = f" {topic.unit}" if topic.unit else ""
    same_time: dict[tuple[tuple[str, str], tuple[str, str]], _Pair] = {}
    found: list[Conflict] = []
    for index, first in enumerate(groups):
        for second in groups[index + 1 :]:
            if first.as_of is None or second.as_of is None or first.as_of == second.as_of:
                gap, magnitude = first.value.gap_to(second.value)
                if gap <= _allowed(topic, (first.tolerance, second.tolerance), magnitude):
                    continue
                one, other = _meeting_in_time(first.claims, second.claims)
                pair_key = (_value_key(first.value), _value_key(second.value))
                pair = same_time.get(pair_key)
                if pair is None:
                    detail = _detail(topic, gap, magnitude, [first, second])
                    pair = same_time[pair_key] = _Pair(first, second, set(), set(), detail, {})
                pair.first_claims.update(c.id for c in one)
                pair.second_claims.update(c.id for c in other)
                pair.claims.update({c.id: c for c in (*one, *other)})
            elif topic.cumulative:
                earlier, later = sorted((first, second), key=lambda g: g.as_of or "")
                if not later.value.below(earlier.value):
                    continue  # a running total that grew (or held) is an update
                gap, magnitude = later.value.gap_to(earlier.value)
                if gap <= _allowed(topic, (first.tolerance, second.tolerance), magnitude):
                    continue
                found.append(
                    Conflict(
                        conflict_id(
                            "numeric",
                            topic.id,
                            *_value_key(earlier.value),
                            earlier.as_of or "",
                            *_value_key(later.value),
                            later.as_of or "",
                        ),
                        "numeric",
                        topic.id,
                        (
                            _side(f"{_shown(earlier, unit)} as of {earlier.as_of}", earlier.claims),
                            _side(f"{_shown(later, unit)} as of {later.as_of}", later.claims),
                        ),
                        detail="a running total fell: "
                        + _detail(topic, gap, magnitude, [first, second]),
                    )
                )
    for (first_key, second_key), pair in same_time.items():
        found.append(
            Conflict(
                conflict_id("numeric", topic.id, *first_key, *second_key),
                "numeric",
                topic.id,
                (
                    _side(_shown(pair.first, unit), (pair.claims[c] for c in pair.first_claims)),
                    _side(_shown(pair.second, unit), (pair.claims[c] for c in pair.second_claims)),
                ),
                detail=pair.detail,
            )
        )
    return found


def derived_conflicts(graph: nx.MultiDiGraph, remembered: KeptWork | None = None) -> list[Conflict]:
    """Every derived conflict, marked by :func:`mark_self_contradiction`. Superseded and
    retracted claims take part in none. Each topic's conflicts come from ``remembered`` when
    its inputs are unchanged since they were kept."""
    withdrawn = g.withdrawn(graph)
    about = g.claims_by_topic(graph)
    claims, sources = g.claims(graph), g.sources(graph)

    def on_topic(topic: Topic) -> tuple[Conflict, ...]:
        standing = [c for c in about.get(topic.id, []) if c.id not in withdrawn]
        found = DERIVERS[topic.kind](topic, standing)
        return tuple(mark_self_contradiction(c, claims, sources) for c in found)

    derived: list[Conflict] = []
    for topic in g.records(graph, "topic"):
        derived.extend(
            kept_or_computed(remembered, "conflicts", topic.id, partial(on_topic, topic))
        )
    return derived


# Each topic kind's derive function: its conflicts among the standing claims of one topic.
# The conflict kinds each one finds are those of CONFLICT_KINDS with that topic_kind.
DERIVERS: dict[str, Callable[[Topic, list[Claim]], list[Conflict]]] = {
    "choice": choice_conflicts,
    "number": numeric_conflicts,
}


def sort_key(conflict: Conflict) -> tuple[bool, str, int, str]:
    return (conflict.topic is None, conflict.topic or "", BASES.index(conflict.kind), conflict.id)


def mark_self_contradiction(
    conflict: Conflict, claims: dict[str, Claim], sources: dict[str, Source]
) -> Conflict:
    """Mark a conflict whose two sides share an origin or a quoted document.

    ``same_originator`` and ``same_document`` are the plain facts (FORMAT.md);
    ``self_contradiction`` says who contradicts itself, as a reader would: "source" when one
    origin stands on two sides; "document" when a document quoted on two sides speaks in
    its own voice on one of them (its outlet originates one claim and carries the other).
    An article that relays two sources who disagree is reporting, not contradicting itself,
    and is not marked."""
    origins = [
        {top_origin(sources, claims[c].source) for c in side.claims} for side in conflict.sides
    ]
    quoting: list[dict[str, list[Claim]]] = []
    for side in conflict.sides:
        by_document: dict[str, list[Claim]] = defaultdict(list)
        for claim_id in side.claims:
            for item in claims[claim_id].evidence:
                by_document[item.document].append(claims[claim_id])
        quoting.append(by_document)
    same_originator = same_document = own_voice = False
    for index in range(len(conflict.sides)):
        for other in range(index + 1, len(conflict.sides)):
            same_originator |= bool(origins[index] & origins[other])
            for document in quoting[index].keys() & quoting[other].keys():
                same_document = True
                own_voice |= _own_voice(quoting[index][document], quoting[other][document])
    kind = "source" if same_originator else "document" if own_voice else None
    return replace(
        conflict,
        same_originator=same_originator,
        same_document=same_document,
        self_contradiction=kind,
    )


def _own_voice(one: list[Claim], other: list[Claim]) -> bool:
    """Whether a speaker originates a claim on one side and speaks (originates or carries)
    a claim on the other."""
    for first, second in ((one, other), (other, one)):
        originators = {c.source for c in first}
        speakers = {s for c in second for s in (c.source, *c.via)}
        if originators & speakers:
            return True
    return False


def involved_sources(claims: dict[str, Claim], conflict: Conflict) -> list[str]:
    """Ids of every source that originated or relayed a claim of the conflict."""
    return sorted({s for c in conflict.claim_ids for s in (claims[c].source, *claims[c].via)})

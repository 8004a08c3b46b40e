"""One row per source, as the sources table and the HTML page show it: the body it is part
of, claims originated and relayed, the conflicts it is in, the sources it opposes, and how
verdicts treated the claims it originated. Plain data (no pandas), so the HTML page can show
it without loading pandas; :mod:`tracker.analysis.tables` makes it a DataFrame."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from tracker.analysis import graph as g
from tracker.analysis.conflicts import Conflict
from tracker.corpus.records import Claim, top_origin

SOURCE_COLUMNS = (
    "source",
    "name",
    "kind",
    "part_of",
    "reliability",
    "originated",
    "relayed",
    "conflicts",
    "opposed",
    "upheld",
    "overturned",
)


def _sources_by_side(claims: dict[str, Claim], conflict: Conflict) -> list[set[str]]:
    """The originators of each side of a conflict."""
    return [{claims[c].source for c in side.claims} for side in conflict.sides]


def _originators_by_time(
    by_id: dict[str, Claim], claim_ids: tuple[str, ...]
) -> dict[str, set[str]]:
    """The originators of some claims, grouped by `as_of` ('' for claims without one)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for claim_id in claim_ids:
        claim = by_id[claim_id]
        groups[claim.as_of or ""].add(claim.source)
    return groups


def source_rows(graph: nx.MultiDiGraph, conflicts: list[Conflict]) -> list[dict[str, Any]]:
    """One row per source: the body it is part of, claims originated and relayed, the
    sources it conflicts with, its reliability, and how verdicts treated the claims it
    originated."""
    sources = g.sources(graph)
    claims = list(g.records(graph, "claim"))
    made = Counter(c.source for c in claims)
    relayed = Counter(r for c in claims for r in c.via)
    opponents: dict[str, set[str]] = defaultdict(set)
    conflict_count: dict[str, int] = defaultdict(int)
    upheld: dict[str, int] = defaultdict(int)
    overturned: dict[str, int] = defaultdict(int)
    by_id = {c.id: c for c in claims}
    for conflict in conflicts:
        sides = _sources_by_side(by_id, conflict)
        involved = set().union(*sides)
        for source in involved:
            conflict_count[source] += 1
        # Two originators oppose each other when their claims were compared: the same time
        # (`as_of`, or none on either) and not one body (`part_of`).
        by_time = [_originators_by_time(by_id, side.claims) for side in conflict.sides]
        if conflict.status == "dismissed":
            by_time = []  # a verdict said the claims do not conflict: nobody opposes anybody
        for index, first in enumerate(by_time):
            for second in by_time[index + 1 :]:
                for time_a, group_a in first.items():
                    for time_b, group_b in second.items():
                        if time_a and time_b and time_a != time_b:
                            continue
                        for source in group_a:
                            opponents[source] |= group_b
                        for source in group_b:
                            opponents[source] |= group_a
        if conflict.status == "resolved" and conflict.upheld in by_id:
            # The side holding the upheld claim stands; every other side is overturned.
            for conflict_side, origins in zip(conflict.sides, sides, strict=True):
                tally = upheld if conflict.upheld in conflict_side.claims else overturned
                for source in origins:
                    tally[source] += 1
    for source_id, opposed in opponents.items():
        origin = top_origin(sources, source_id)
        opponents[source_id] = {o for o in opposed if top_origin(sources, o) != origin}
    return [
        {
            "source": ident,
            "name": source.name,
            "kind": source.kind,
            "part_of": source.part_of,  # one origin with it (docs/format.md)
            "reliability": source.reliability,
            "originated": int(made.get(ident, 0)),
            "relayed": int(relayed.get(ident, 0)),
            "conflicts": conflict_count[ident],
            "opposed": sorted(opponents[ident]),
            "upheld": upheld[ident],
            "overturned": overturned[ident],
        }
        for ident, source in sorted(sources.items())
    ]

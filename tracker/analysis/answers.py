"""The answers given to a topic, each with its claims and its independent origins."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from tracker.analysis import graph as g
from tracker.corpus.records import Claim, Source, Topic, answer_key, top_origin


@dataclass(frozen=True)
class Answer:
    """One answer given to a topic, with the claims that give it."""

    key: tuple[Any, ...]  # groups claims giving the same answer, and sorts answers
    label: str  # "explosive device", "not explosive device", "1197 people"
    denies: bool
    claims: tuple[Claim, ...]
    origins: tuple[str, ...]  # independent origins (see :func:`origins_of`)

    @property
    def relays(self) -> list[str]:
        return relays_of(self.claims)


def relays_of(claims: Iterable[Claim]) -> list[str]:
    """The sources that relayed some claims without originating any of them."""
    given = list(claims)
    return sorted({r for c in given for r in c.via} - {c.source for c in given})


def origins_of(sources: dict[str, Source], claims: Iterable[Claim]) -> tuple[str, ...]:
    """Independent origins: the distinct originators, each counted at the top of its
    `part_of` chain. Outlets relaying one originator count once, and relaying never
    corroborates: only originating a claim counts."""
    return tuple(sorted({top_origin(sources, c.source) for c in claims}))


def answer_of(topic: Topic, claim: Claim) -> tuple[tuple[Any, ...], str, bool]:
    """The grouping key, label and denial flag of the answer a claim gives to its topic."""
    if claim.value is not None:
        unit = f" {topic.unit}" if topic.unit else ""
        own = f" (± {claim.tolerance})" if claim.tolerance is not None else ""
        key = (claim.value.sort_key, False, str(claim.tolerance or ""))
        return key, f"{claim.value.shown}{unit}{own}", False
    position = topic.canonical_position(claim.position or "") or claim.position or ""
    denies = claim.stance == "denies"
    label = f"not {position}" if denies else position
    return (answer_key(position), denies), label, denies


def answers(
    graph: nx.MultiDiGraph,
    topic: Topic,
    sources: dict[str, Source] | None = None,
    about: list[Claim] | None = None,
) -> list[Answer]:
    """Every answer given to a topic by a claim that stands (not superseded or retracted),
    in a stable order. Pass ``sources`` (``graph.sources(graph)``) and the topic's claims
    (``graph.claims_by_topic``) when asking for many topics, so each is built once."""
    groups: dict[tuple[Any, ...], list[Claim]] = defaultdict(list)
    labels: dict[tuple[Any, ...], str] = {}
    denial: dict[tuple[Any, ...], bool] = {}
    withdrawn = g.withdrawn(graph)
    if sources is None:
        sources = g.sources(graph)
    for claim in g.claims_about(graph, topic.id) if about is None else about:
        if claim.id in withdrawn:
            continue
        key, label, denies = answer_of(topic, claim)
        groups[key].append(claim)
        # The shown spelling must not depend on file order: take the smallest.
        labels[key] = min(label, labels.get(key, label))
        denial[key] = denies
    return [
        Answer(
            key,
            labels[key],
            denial[key],
            tuple(sorted(groups[key], key=lambda c: c.id)),
            origins_of(sources, groups[key]),
        )
        for key in sorted(groups)
    ]

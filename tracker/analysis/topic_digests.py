"""Work per topic, and what it depends on: the key under which a topic's conflicts and
answers may be kept between runs.

Everything the tracker derives on one topic (its conflicts, its answers and the claims' views
under them) is a function of the topic's record, the claims about it (their files' bytes,
since a claim's text, marks and evidence all come from there), which of them are withdrawn,
and the sources named on those claims with the ``part_of`` chains above them (names,
origins). :func:`topic_digest` hashes exactly that, so a cache keyed by it can never answer
for a topic whose inputs changed, and an edit to one file recomputes only the topics that
file's claims are about. Verdicts are not part of it: they are applied after, to every
conflict, on every run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import networkx as nx

from tracker.analysis import graph as g
from tracker.corpus.records import Claim, Source, Topic

T = TypeVar("T")


class TopicMemo(Protocol):
    """What the analysis asks of a store of per-topic results (tracker.cache.topics.TopicCache
    is one): values of a ``kind`` ("conflicts") under a topic's digest."""

    def get(self, kind: str, digest: str) -> Any | None: ...

    def put(self, kind: str, digest: str, value: Any) -> None: ...


def _chain(sources: dict[str, Source], source_id: str) -> Iterable[str]:
    """The source and every source above it by ``part_of`` (what its origin depends on)."""
    seen: set[str] = set()
    current: str | None = source_id
    while current is not None and current not in seen:
        seen.add(current)
        yield current
        found = sources.get(current)
        current = found.part_of if found is not None else None


def source_keys(sources: dict[str, Source]) -> dict[str, str]:
    """Each source's id mapped to a digest of the records of its ``part_of`` chain (its
    names and origin, as everything shown of it depends on them)."""
    return {
        source_id: hashlib.blake2b(
            repr([sources.get(s) for s in _chain(sources, source_id)]).encode(
                "utf-8", "surrogatepass"
            ),
            digest_size=10,
        ).hexdigest()
        for source_id in sources
    }


def topic_digest(
    topic: Topic,
    claims: list[Claim],
    source_key: dict[str, str],
    withdrawn: frozenset[str],
    files: dict[str, str],
) -> str | None:
    """A digest of every input of the topic's work; None when a claim's file has no known
    digest (a corpus not read by :func:`tracker.corpus.load.load_corpus`): nothing is kept.
    ``source_key`` is :func:`source_keys` of the corpus's sources."""
    if any(claim.path not in files for claim in claims):
        return None
    # repr of tuples of strings cannot be ambiguous, whatever the ids and paths hold.
    parts = [repr(topic)]
    parts.extend(
        repr(
            (
                claim.id,
                claim.path,
                files[claim.path],
                claim.id in withdrawn,
                [source_key.get(s) for s in (claim.source, *claim.via)],
                # the answer this claim gives here: its own, a further one, or one implied
                # by another topic's record (which is in no file of this topic's claims)
                (claim.position, claim.stance, str(claim.value), claim.implied_from),
            )
        )
        for claim in claims  # in file order: labels and ties may follow it
    )
    text = "\n".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=20).hexdigest()


def topic_digests(graph: nx.MultiDiGraph) -> dict[str, str | None]:
    """Each topic's digest (see :func:`topic_digest`), by topic id."""
    keys = source_keys(g.sources(graph))
    withdrawn = g.withdrawn(graph)
    files: dict[str, str] = graph.graph.get("digests", {})
    about = g.claims_by_topic(graph)
    return {
        topic.id: topic_digest(topic, about.get(topic.id, []), keys, withdrawn, files)
        for topic in g.records(graph, "topic")
    }


@dataclass
class KeptWork:
    """A memo with the digests of one corpus's topics: asks for a topic's work by topic id."""

    memo: TopicMemo
    digests: dict[str, str | None]

    @classmethod
    def of(cls, graph: nx.MultiDiGraph, memo: TopicMemo) -> KeptWork:
        return cls(memo, topic_digests(graph))

    def __call__(self, kind: str, topic_id: str, compute: Callable[[], T]) -> T:
        """``compute()``, or the value kept for ``kind`` under the topic's digest."""
        digest = self.digests.get(topic_id)
        if digest is None:
            return compute()
        found: T | None = self.memo.get(kind, digest)
        if found is None:
            found = compute()
            self.memo.put(kind, digest, found)
        return found


def kept_or_computed(
    remembered: KeptWork | None, kind: str, topic_id: str, compute: Callable[[], T]
) -> T:
    """``compute()`` through ``remembered`` when there is one."""
    return compute() if remembered is None else remembered(kind, topic_id, compute)

"""The model: one networkx MultiDiGraph of sources, claims, topics, documents and
contradiction entries.

Node keys are ``"<kind>:<id>"``; every node has ``kind`` (what it is), ``label`` (what to show)
and ``record`` (the validated record it stands for). Edges have a ``kind`` too:

=================  =======================  ============================================
edge kind          from -> to               attributes
=================  =======================  ============================================
``originated_by``  claim -> source
``relayed_by``     claim -> source          ``order``: 1 for the relay nearest the origin
``about``          claim -> topic
``cites``          claim -> document        ``quote``
``contradicts``    contradiction -> claim   (an explicit entry of ``contradictions``)
``supersedes``     claim -> claim           the later claim revises the earlier one
``part_of``        source -> source         the source belongs to the larger one
=================  =======================  ============================================

Every analysis is a function of this graph.

The graph is built once and then only read. Its edges share their attribute dicts (every
``about`` edge has the same ``{"kind": "about"}``) and, where one edge joins two nodes, their
key dicts: built through networkx's ``add_edge`` each of the 400,000 edges of a 100,000-claim
corpus had two dicts of its own, 210 MiB of the graph's 254. The shared dicts refuse changes
(:class:`ReadOnly`), so a caller that wants to change the graph gets a ``TypeError`` rather
than changing every edge alike; ``graph.copy()`` gives a graph free to change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from tracker.corpus.records import (
    Claim,
    ContradictionEntry,
    Corpus,
    Source,
    Topic,
    withdrawn_claims,
)


def node_key(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


class ReadOnly(dict[Any, Any]):
    """A dict shared by many edges of the model graph: changing it would change them all."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("the model graph is read-only; change a copy (graph.copy())")

    __setitem__ = __delitem__ = __ior__ = _refuse
    update = setdefault = pop = popitem = clear = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        # pickle and deepcopy would fill a new one item by item, which it refuses
        return (ReadOnly, (dict(self),))


class _EdgeWriter:
    """Adds edges to a new MultiDiGraph as ``add_edge`` would (same keys, same data), with
    the attribute dicts and single-edge key dicts shared between edges alike."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.succ: dict[str, dict[str, dict[int, dict[str, Any]]]] = graph._succ
        self.pred: dict[str, dict[str, dict[int, dict[str, Any]]]] = graph._pred
        self.attributes: dict[tuple[tuple[str, Any], ...], ReadOnly] = {}
        self.alone: dict[int, ReadOnly] = {}  # id of an attribute dict -> {0: it}

    def add(self, tail: str, head: str, **attributes: Any) -> None:
        for node in (tail, head):
            if node not in self.succ:
                self.graph.add_node(node)  # as add_edge does
        items = tuple(attributes.items())
        data = self.attributes.get(items)
        if data is None:
            data = self.attributes[items] = ReadOnly(attributes)
        keys = self.succ[tail].get(head)
        if keys is None:
            keys = self.alone.get(id(data))
            if keys is None:
                keys = self.alone[id(data)] = ReadOnly({0: data})
        else:
            # a second edge between the same nodes (a document cited twice): networkx
            # numbers it with the first free integer
            key = len(keys)
            while key in keys:
                key += 1
            keys = ReadOnly({**keys, key: data})
        self.succ[tail][head] = keys
        self.pred[head][tail] = keys


def build_graph(corpus: Corpus) -> nx.MultiDiGraph:
    # Graph attributes: the files read, and the claims that take part in no conflict
    # (superseded or retracted), computed once here since every analysis asks.
    # The digests of the files' bytes let per-topic work be kept between runs.
    graph = nx.MultiDiGraph(
        files=list(corpus.files),
        withdrawn=frozenset(withdrawn_claims(corpus.claims)),
        digests=dict(corpus.digests),
    )
    edges = _EdgeWriter(graph)
    for source in corpus.sources.values():
        graph.add_node(
            node_key("source", source.id), kind="source", label=source.name, record=source
        )
    for topic in corpus.topics.values():
        graph.add_node(
            node_key("topic", topic.id), kind="topic", label=topic.question, record=topic
        )
    for claim in corpus.claims.values():
        key = node_key("claim", claim.id)
        graph.add_node(key, kind="claim", label=claim.text, record=claim)
        edges.add(key, node_key("source", claim.source), kind="originated_by")
        for order, relay in enumerate(claim.via, start=1):
            edges.add(key, node_key("source", relay), kind="relayed_by", order=order)
        if claim.topic is not None:
            edges.add(key, node_key("topic", claim.topic), kind="about")
        for item in claim.evidence:
            document = node_key("document", item.document)
            if document not in graph:
                graph.add_node(
                    document, kind="document", label=item.document, url=item.is_url, record=None
                )
            edges.add(key, document, kind="cites", quote=item.quote)
    for source in corpus.sources.values():
        if source.part_of is not None:
            edges.add(
                node_key("source", source.id), node_key("source", source.part_of), kind="part_of"
            )
    for claim in corpus.claims.values():
        for old in claim.supersedes:
            edges.add(node_key("claim", claim.id), node_key("claim", old), kind="supersedes")
    for entry in corpus.contradictions:
        key = node_key("contradiction", entry.id)
        graph.add_node(key, kind="contradiction", label=entry.note or entry.id, record=entry)
        for claim_id in dict.fromkeys(entry.claims):
            edges.add(key, node_key("claim", claim_id), kind="contradicts")
    # The records by kind, in node order: every analysis asks for them, and walking 200,000
    # nodes for each ask cost a second at 100,000 claims. Used while no node was added since.
    indexed: dict[str, list[Any]] = {}
    for _, data in graph.nodes(data=True):
        indexed.setdefault(data["kind"], []).append(data["record"])
    graph.graph["records"] = indexed
    graph.graph["indexed_nodes"] = graph.number_of_nodes()
    return graph


def records(graph: nx.MultiDiGraph, kind: str) -> Iterator[Any]:
    """The records of every node of one kind, in insertion (file) order."""
    indexed: dict[str, list[Any]] | None = graph.graph.get("records")
    if indexed is not None and graph.number_of_nodes() == graph.graph.get("indexed_nodes"):
        yield from indexed.get(kind, ())
        return
    for _, data in graph.nodes(data=True):
        if data["kind"] == kind:
            yield data["record"]


def sources(graph: nx.MultiDiGraph) -> dict[str, Source]:
    return {s.id: s for s in records(graph, "source")}


def topics(graph: nx.MultiDiGraph) -> dict[str, Topic]:
    return {t.id: t for t in records(graph, "topic")}


def claims(graph: nx.MultiDiGraph) -> dict[str, Claim]:
    return {c.id: c for c in records(graph, "claim")}


def contradiction_entries(graph: nx.MultiDiGraph) -> list[ContradictionEntry]:
    return list(records(graph, "contradiction"))


def withdrawn(graph: nx.MultiDiGraph) -> frozenset[str]:
    """Ids of claims superseded or retracted: history, in no conflict."""
    found: frozenset[str] = graph.graph["withdrawn"]
    return found


def claims_by_topic(graph: nx.MultiDiGraph) -> dict[str, list[Claim]]:
    """Every topic's claims, in file order (as :func:`claims_about`), in one pass."""
    found: dict[str, list[Claim]] = {}
    for claim in records(graph, "claim"):
        if claim.topic is not None:
            found.setdefault(claim.topic, []).append(claim)
    return found


def claims_about(graph: nx.MultiDiGraph, topic_id: str) -> list[Claim]:
    """Claims on a topic, in file order."""
    key = node_key("topic", topic_id)
    return [
        graph.nodes[claim]["record"]
        for claim, _, kind in graph.in_edges(key, data="kind")
        if kind == "about"
    ]

"""The model: one networkx MultiDiGraph of sources, claims, topics, documents and
contradiction entries.

Node keys are ``"<kind>:<id>"``; every node has ``kind`` (what it is), ``label`` (what to show)
and ``record`` (the validated record it stands for). Edges have a ``kind`` too:

=================  =======================  ============================================
edge kind          from -> to               attributes
=================  =======================  ============================================
``originated_by``  claim -> source
``relayed_by``     claim -> source          ``order``: 1 for the relay nearest the origin
``about``          claim -> topic          its own topic, and each of its further answers
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
from tracker.corpus.views import Implications, answer_views


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


class _Writer:
    """Adds nodes and edges to a new MultiDiGraph as ``add_node`` and ``add_edge`` would
    (same keys, same data), with the attribute dicts and single-edge key dicts shared
    between edges alike. Written to networkx's adjacency dicts directly: through the API
    the 500,000 nodes and edges of a 100,000-claim corpus took 1.3 s to add."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.nodes: dict[str, dict[str, Any]] = graph._node
        self.succ: dict[str, dict[str, dict[int, dict[str, Any]]]] = graph._succ
        self.pred: dict[str, dict[str, dict[int, dict[str, Any]]]] = graph._pred
        self.shared: dict[tuple[tuple[str, Any], ...], ReadOnly] = {}
        self.alone: dict[int, ReadOnly] = {}  # id of an attribute dict -> {0: it}

    def node(self, key: str, **attributes: Any) -> None:
        if key in self.nodes:
            self.nodes[key].update(attributes)
        else:
            self.succ[key], self.pred[key], self.nodes[key] = {}, {}, attributes

    def data(self, **attributes: Any) -> ReadOnly:
        """The one attribute dict of every edge with these attributes."""
        items = tuple(attributes.items())
        found = self.shared.get(items)
        if found is None:
            found = self.shared[items] = ReadOnly(attributes)
        return found

    def edge(self, tail: str, head: str, data: ReadOnly) -> None:
        if head not in self.nodes:
            self.node(head)  # as add_edge does
        out = self.succ.get(tail)
        if out is None:
            self.node(tail)
            out = self.succ[tail]
        keys = out.get(head)
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
        out[head] = keys
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
    write = _Writer(graph)
    for source in corpus.sources.values():
        write.node(node_key("source", source.id), kind="source", label=source.name, record=source)
    for topic in corpus.topics.values():
        write.node(node_key("topic", topic.id), kind="topic", label=topic.question, record=topic)
    originated_by, about = write.data(kind="originated_by"), write.data(kind="about")
    for claim in corpus.claims.values():
        key = node_key("claim", claim.id)
        write.node(key, kind="claim", label=claim.text, record=claim)
        write.edge(key, node_key("source", claim.source), originated_by)
        for order, relay in enumerate(claim.via, start=1):
            write.edge(key, node_key("source", relay), write.data(kind="relayed_by", order=order))
        if claim.topic is not None:
            write.edge(key, node_key("topic", claim.topic), about)
        for answer in claim.answers:
            if answer.topic != claim.topic:
                write.edge(key, node_key("topic", answer.topic), about)
        for item in claim.evidence:
            document = node_key("document", item.document)
            if document not in write.nodes:
                write.node(
                    document, kind="document", label=item.document, url=item.is_url, record=None
                )
            write.edge(key, document, write.data(kind="cites", quote=item.quote))
    part_of = write.data(kind="part_of")
    for source in corpus.sources.values():
        if source.part_of is not None:
            write.edge(node_key("source", source.id), node_key("source", source.part_of), part_of)
    supersedes = write.data(kind="supersedes")
    for claim in corpus.claims.values():
        for old in claim.supersedes:
            write.edge(node_key("claim", claim.id), node_key("claim", old), supersedes)
    contradicts = write.data(kind="contradicts")
    for entry in corpus.contradictions:
        key = node_key("contradiction", entry.id)
        write.node(key, kind="contradiction", label=entry.note or entry.id, record=entry)
        for claim_id in dict.fromkeys(entry.claims):
            write.edge(key, node_key("claim", claim_id), contradicts)
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
    """Every topic's claims, in file order, in one pass: each claim as it answers that topic
    (its own answer, a further answer, or an answer implied from another topic; see
    :mod:`tracker.corpus.views`).

    Worked out once per graph (the conflicts, the topics' digests and the report all ask,
    and views of every claim are not free at 100,000 claims) and kept while no node was
    added since; callers read it and never change it."""
    kept: dict[str, list[Claim]] | None = graph.graph.get("about")
    if kept is not None and graph.number_of_nodes() == graph.graph.get("indexed_nodes"):
        return kept
    implications = Implications.of(topics(graph))
    found: dict[str, list[Claim]] = {}
    for claim in records(graph, "claim"):
        if not claim.answers and not (implications and claim.topic in implications.across):
            if claim.topic is not None:
                found.setdefault(claim.topic, []).append(claim)
            continue
        for view in answer_views(claim, implications):
            found.setdefault(view.topic or "", []).append(view)
    if graph.graph.get("indexed_nodes") == graph.number_of_nodes():
        graph.graph["about"] = found
    return found


def claims_about(graph: nx.MultiDiGraph, topic_id: str) -> list[Claim]:
    """Claims on a topic, in file order, as they answer it (see :func:`claims_by_topic`)."""
    return claims_by_topic(graph).get(topic_id, [])

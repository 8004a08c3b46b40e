"""The model graph: the edges it holds are exactly those networkx's ``add_edge`` would give
(same keys, same data), its shared edge dicts refuse changes, and a copy is free to change."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import REPO, CorpusMaker

from tracker.analysis.graph import build_graph, node_key
from tracker.analysis.pipeline import analyse_corpus
from tracker.corpus.records import Corpus

CITED_TWICE = """\
claims:
  - id: a1
    text: An explosive device.
    source: officials
    via: [nyt, afp]
    topic: method
    position: explosive device
    evidence:
      - {document: seeds/doc.txt, quote: explosive device}
      - {document: seeds/doc.txt, quote: planted weeks ago}
  - {id: a2, text: A projectile., source: fars, topic: method, position: projectile,
     evidence: [{document: seeds/doc.txt}]}
  - {id: a3, text: Aerial strike., source: fars, topic: method, position: aerial strike,
     supersedes: [a2]}
contradictions:
  - {claims: [a1, a3], status: open}
"""


def corpus_of(claims: Path) -> Corpus:
    analysed = analyse_corpus(claims)
    assert analysed.ok, analysed.diagnostics
    return analysed.corpus


def reference_graph(corpus: Corpus) -> nx.MultiDiGraph:
    """The edges as the format describes them, added one by one through networkx's API."""
    graph = nx.MultiDiGraph()
    for claim in corpus.claims.values():
        key = node_key("claim", claim.id)
        graph.add_edge(key, node_key("source", claim.source), kind="originated_by")
        for order, relay in enumerate(claim.via, start=1):
            graph.add_edge(key, node_key("source", relay), kind="relayed_by", order=order)
        if claim.topic is not None:
            graph.add_edge(key, node_key("topic", claim.topic), kind="about")
        for item in claim.evidence:
            graph.add_edge(key, node_key("document", item.document), kind="cites", quote=item.quote)
    for source in corpus.sources.values():
        if source.part_of is not None:
            graph.add_edge(
                node_key("source", source.id), node_key("source", source.part_of), kind="part_of"
            )
    for claim in corpus.claims.values():
        for old in claim.supersedes:
            graph.add_edge(node_key("claim", claim.id), node_key("claim", old), kind="supersedes")
    for entry in corpus.contradictions:
        for claim_id in dict.fromkeys(entry.claims):
            graph.add_edge(
                node_key("contradiction", entry.id), node_key("claim", claim_id), kind="contradicts"
            )
    return graph


def edge_list(graph: nx.MultiDiGraph) -> list[tuple[str, str, Any, dict[str, Any]]]:
    return sorted(
        ((u, v, k, dict(d)) for u, v, k, d in graph.edges(keys=True, data=True)),
        key=repr,
    )


@pytest.mark.parametrize("bundled", [True, False])
def test_the_edges_are_those_add_edge_gives(bundled: bool, make_corpus: CorpusMaker) -> None:
    claims = REPO / "claims" if bundled else make_corpus({"a.yaml": CITED_TWICE})
    corpus = corpus_of(claims)
    graph = build_graph(corpus)
    expected = reference_graph(corpus)
    assert edge_list(graph) == edge_list(expected)
    # the in-edges too: the analyses walk them from topics and sources
    for node in expected:
        assert sorted(graph.in_edges(node, keys=True), key=repr) == sorted(
            expected.in_edges(node, keys=True), key=repr
        )


def test_a_document_cited_twice_is_two_edges(make_corpus: CorpusMaker) -> None:
    graph = build_graph(corpus_of(make_corpus({"a.yaml": CITED_TWICE})))
    cites = graph.get_edge_data("claim:a1", "document:seeds/doc.txt")
    assert {k: dict(d) for k, d in cites.items()} == {
        0: {"kind": "cites", "quote": "explosive device"},
        1: {"kind": "cites", "quote": "planted weeks ago"},
    }


def test_edges_alike_share_one_dict_that_refuses_changes(make_corpus: CorpusMaker) -> None:
    graph = build_graph(corpus_of(REPO / "claims"))
    about = [d for _, _, d in graph.edges(data=True) if d["kind"] == "about"]
    assert len(about) > 10
    assert all(d is about[0] for d in about)  # one dict, not one an edge
    with pytest.raises(TypeError, match="read-only"):
        about[0]["kind"] = "cites"
    claim, topic = next((u, v) for u, v, k in graph.edges(data="kind") if k == "about")
    with pytest.raises(TypeError, match="read-only"):
        graph.add_edge(claim, topic, kind="about")  # would give every lone edge a second key
    with pytest.raises(TypeError, match="read-only"):
        graph.remove_edge(claim, topic)
    assert all(d["kind"] == "about" for d in about)


def test_a_copy_is_free_to_change_and_the_graph_pickles() -> None:
    graph = build_graph(corpus_of(REPO / "claims"))
    claim, topic = next((u, v) for u, v, k in graph.edges(data="kind") if k == "about")
    changed = graph.copy()
    changed.add_edge(claim, topic, kind="about")
    changed.edges[claim, topic, 0]["kind"] = "changed"
    assert graph.number_of_edges(claim, topic) == 1
    assert graph.edges[claim, topic, 0]["kind"] == "about"
    for revived in (pickle.loads(pickle.dumps(graph)), copy.deepcopy(graph)):
        assert edge_list(revived) == edge_list(graph)

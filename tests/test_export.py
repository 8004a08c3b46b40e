"""Graph export: read back with networkx, and the DOT output drawn by the real Graphviz."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import REPO, CorpusMaker, installed_tracker

from tracker.cli import cli

CLAIMS = str(REPO / "claims")
# The bundled corpus: 11 sources, 15 claims, 10 topics, 1 document, 1 contradiction entry,
# and 3 conflicts.
KINDS = {"source": 14, "claim": 18, "topic": 10, "document": 1, "contradiction": 1, "conflict": 3}
# 18 originated_by, 17 relayed_by, 13 about, 19 cites (one claim quotes two passages),
# 2 contradicts, 3 part_of (the spokesman, the chief and the military), and 6 side edges
# (three conflicts of two one-claim sides).
EDGES = {
    "originated_by": 18,
    "relayed_by": 17,
    "about": 13,
    "cites": 19,
    "contradicts": 2,
    "part_of": 3,
    "side": 6,
}


def export(fmt: str) -> str:
    result = CliRunner().invoke(cli, ["graph", CLAIMS, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def check(graph: nx.Graph, via: object = "nyt; afp") -> None:
    assert Counter(kind for _, kind in graph.nodes(data="kind")) == KINDS
    assert Counter(kind for *_, kind in graph.edges(data="kind")) == EDGES
    claim = graph.nodes["claim:nyt-planted-device"]
    assert claim["source"] == "mideast-officials"
    assert claim["via"] == via  # GraphML and GEXF hold text; JSON holds the list
    assert claim["position"] == "explosive device"
    assert graph.nodes["source:fars"]["reliability"] == "D"
    relays = sorted(
        (int(d["order"]), t)
        for s, t, d in graph.edges(data=True)
        if s == "claim:nyt-planted-device" and d["kind"] == "relayed_by"
    )
    assert relays == [(1, "source:nyt"), (2, "source:afp")]


def test_graphml_reads_back() -> None:
    check(nx.read_graphml(io.BytesIO(export("graphml").encode())))


def test_gexf_reads_back() -> None:
    check(nx.read_gexf(io.BytesIO(export("gexf").encode())))


def test_json_reads_back() -> None:
    graph = nx.node_link_graph(json.loads(export("json")), edges="edges")
    check(graph, via=["nyt", "afp"])
    # Data, not text: lists are arrays (pairs too), and a conflict's missing verdict is null.
    method = graph.nodes["topic:haniyeh-killing.method"]
    assert method["compatible"] == [["projectile", "aerial strike"]]
    conflicts = [d for _, d in graph.nodes(data=True) if d["kind"] == "conflict"]
    assert None in {d["upheld"] for d in conflicts}


def test_export_is_deterministic() -> None:
    """Processes with different hash seeds write the same bytes."""
    for fmt in ("graphml", "gexf", "json", "dot"):
        runs = {
            subprocess.run(
                [installed_tracker(), "--no-cache", "graph", CLAIMS, "--format", fmt],
                capture_output=True,
                env={**os.environ, "PYTHONHASHSEED": seed},
                check=True,
            ).stdout
            for seed in ("1", "2", "3")
        }
        assert len(runs) == 1, fmt


def test_graphviz_draws_the_dot_output() -> None:
    dot = shutil.which("dot")
    assert dot, "Graphviz is installed by `make test` (Debian package graphviz)"
    result = subprocess.run(
        [dot, "-Tsvg"],
        input=export("dot"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip().startswith(("<?xml", "<svg", "<!DOCTYPE"))
    assert "<title>claim:nyt-planted-device</title>" in html.unescape(result.stdout)
    assert result.stdout.count('class="node"') == sum(KINDS.values())


def test_dot_escapes_quotes_and_newlines(tmp_path: pytest.TempPathFactory) -> None:
    from tracker.render.graph import to_dot

    graph = nx.MultiDiGraph()
    graph.add_node('claim:"x"', kind="claim", label='He said "no"\nthen left \\ away')
    text = to_dot(graph)
    assert '"claim:\\"x\\""' in text
    assert 'label="He said \\"no\\" then left \\\\ away"' in text


def test_graph_files_hold_no_control_characters_and_unique_edge_ids(
    make_corpus: CorpusMaker,
) -> None:
    """A claim text with ESC, BEL and NUL still gives XML that networkx reads, every GraphML
    edge has its own id, and GEXF carries no date and no graph name (schema-valid, stable)."""
    make_corpus(
        {
            "a.yaml": 'claims:\n  - {id: a, text: "bad \\x1b[31m\\x07\\x00 text", source: nyt,'
            " topic: method, position: projectile}\n"
            "  - {id: b, text: t, source: fars, topic: method, position: explosive device}\n"
        }
    )
    result = CliRunner().invoke(cli, ["graph", "--format", "graphml"])
    assert result.exit_code == 0, result.stderr
    graph = nx.read_graphml(io.BytesIO(result.stdout.encode()))
    assert graph.nodes["claim:a"]["label"] == "bad  text"
    ids = re.findall(r'<edge [^>]*id="([^"]+)"', result.stdout)
    assert len(ids) == graph.number_of_edges()
    assert len(set(ids)) == len(ids)
    gexf = CliRunner().invoke(cli, ["graph", "--format", "gexf"]).stdout
    nx.read_gexf(io.BytesIO(gexf.encode()))
    assert "lastmodifieddate" not in gexf
    assert re.search(r"<graph [^>]*name=", gexf) is None
    dot = CliRunner().invoke(cli, ["graph", "--format", "dot"]).stdout
    assert "\x1b" not in dot
    assert "\x07" not in dot


# Reads a GraphML or GEXF file with graphology (the graph library behind sigma.js and Gephi
# Lite) and prints what a user of it sees: counts, edge keys and a few typed attributes.
_GRAPHOLOGY_READER = """
const fs = require('fs');
const {MultiDirectedGraph} = require('graphology');
const [format, file] = process.argv.slice(1);
const reader = require(format === 'gexf' ? 'graphology-gexf' : 'graphology-graphml');
const graph = reader.parse(MultiDirectedGraph, fs.readFileSync(file, 'utf8'));
const keys = graph.mapEdges((key) => key);
const types = {};
graph.forEachNode((node, attributes) => {
  for (const [name, value] of Object.entries(attributes)) types[name] = typeof value;
});
console.log(JSON.stringify({
  order: graph.order, size: graph.size, distinctEdgeKeys: new Set(keys).size, types,
  fars: graph.getNodeAttributes('source:fars'),
  toll: graph.getNodeAttributes('claim:gaza-ministry-deaths'),
}));
"""
NODE_MODULES = REPO / ".venv" / "node_modules"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphology_reads_typed_attributes_and_unique_edges(fmt: str, tmp_path: Path) -> None:
    """graphology refuses repeated edge ids, and reads numbers and flags as numbers and
    booleans only when the file types them: Gephi can then size and rank nodes by them."""
    assert (NODE_MODULES / "graphology-gexf").is_dir(), "`make test` installs graphology"
    exported = tmp_path / f"graph.{fmt}"
    exported.write_text(export(fmt), encoding="utf-8")
    result = subprocess.run(
        ["node", "-e", _GRAPHOLOGY_READER, fmt, str(exported)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["order"] == sum(KINDS.values())
    assert seen["size"] == sum(EDGES.values()) == seen["distinctEdgeKeys"]
    for name in ("claim_count", "conflict_count", "relay_count", "value_low", "cited_by_count"):
        assert seen["types"][name] == "number", name
    assert seen["types"]["is_url"] == seen["types"]["cumulative"] == "boolean"
    assert seen["types"]["reliability"] == "string"
    assert seen["fars"]["claim_count"] == seen["fars"]["conflict_count"] == 2
    assert seen["toll"]["value_low"] == 39480  # "at least 39,480": no high end
    assert "value_high" not in seen["toll"]
    assert seen["toll"]["relay_count"] == 1


def test_igraph_reads_graphml_numbers_as_numbers(tmp_path: Path) -> None:
    """python-igraph (R's and Python's network analysis library) reads the typed GraphML."""
    import igraph

    exported = tmp_path / "graph.graphml"
    exported.write_text(export("graphml"), encoding="utf-8")
    graph = igraph.Graph.Read_GraphML(str(exported))
    nodes = {vertex["id"]: vertex.attributes() for vertex in graph.vs}
    assert len(nodes) == sum(KINDS.values())
    assert graph.ecount() == sum(EDGES.values())
    topic = nodes["topic:haniyeh-killing.method"]
    assert topic["claim_count"] == 4.0
    assert topic["conflict_count"] == 2.0
    orders = {edge["order"] for edge in graph.es if edge["kind"] == "relayed_by"}
    assert orders == {1.0, 2.0}

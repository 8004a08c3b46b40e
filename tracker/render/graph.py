"""Writers of the model: GraphML and GEXF (Gephi, Cytoscape), node-link JSON, and DOT
(Graphviz). The exported graph is the model plus one node per conflict, linked to the claims
on each of its sides, with every attribute flattened to text or numbers."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from fractions import Fraction
from typing import Any

import networkx as nx

from tracker.analysis.conflicts import Conflict
from tracker.analysis.graph import node_key
from tracker.corpus.records import Record
from tracker.escape import shorten, terminal

GRAPH_FORMATS = ("graphml", "gexf", "json", "dot")
_SKIPPED = {"marks", "evidence"}  # positions are noise; evidence is the "cites" edges


def _flat(value: Any, structured: bool = False) -> Any:
    """A value as an attribute: a list joined by "; " (pairs in it by " / "), or, for the
    node-link JSON (``structured``), a list (of lists, for pairs) of text."""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, tuple | list):
        if structured:
            return [list(map(str, v)) if isinstance(v, tuple) else str(v) for v in value]
        return "; ".join(" / ".join(map(str, v)) if isinstance(v, tuple) else str(v) for v in value)
    return str(value)


def _attributes(data: dict[str, Any], structured: bool = False) -> dict[str, Any]:
    """A node's attributes as GraphML and GEXF can type them. Those formats declare each
    attribute's type once for all nodes, so a name always has one type: text, except the
    counts and values added by `_measures` (numbers) and flags (booleans). ``structured``
    (the node-link JSON): lists stay lists."""
    flat: dict[str, Any] = {"kind": data["kind"], "label": data["label"]}
    record = data.get("record")
    if record is not None and dataclasses.is_dataclass(record):
        for field in dataclasses.fields(record):
            value = getattr(record, field.name)
            if field.name in _SKIPPED or value is None or value == ():
                continue
            name = {"kind": f"{data['kind']}_kind", "id": "ident"}.get(field.name, field.name)
            shown = _flat(value, structured)
            flat[name] = value if isinstance(value, bool) else shown
            if not isinstance(shown, list):
                flat[name] = value if isinstance(value, bool) else str(shown)
        if isinstance(record, Record):
            flat["where"] = str(record.location())
    for key, value in data.items():
        if key == "url" and isinstance(value, bool):
            flat["is_url"] = value  # a document: whether it is a web address (``url`` is text)
        elif key not in ("kind", "label", "record") and value is not None:
            flat[key] = str(_flat(value))
    return flat


def _measures(graph: nx.MultiDiGraph, conflicts: list[Conflict]) -> dict[str, dict[str, Any]]:
    """Numbers to size, rank or filter nodes by in Gephi: how many claims a source originated
    and a topic holds, how many relays a claim went through, how many conflicts each claim,
    topic and source is in, how often a document is cited, and a numeric claim's value as
    ``value_low``/``value_high`` (doubles; a bound leaves one of them out)."""
    measures: dict[str, dict[str, Any]] = {}

    def add(node: str, name: str, amount: int = 1) -> None:
        counts = measures.setdefault(node, {})
        counts[name] = counts.get(name, 0) + amount

    originator: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        kind = data["kind"]
        if kind in ("source", "topic"):
            add(node, "claim_count", 0)
            add(node, "conflict_count", 0)
        elif kind == "claim":
            add(node, "relay_count", 0)
            add(node, "conflict_count", 0)
            value = getattr(data["record"], "value", None)
            if value is not None:
                for end in ("low", "high"):
                    if getattr(value, end) is not None:
                        measures[node][f"value_{end}"] = float(getattr(value, end))
        elif kind == "document":
            add(node, "cited_by_count", 0)
    for claim, target, kind in graph.edges(data="kind"):
        if kind == "originated_by":
            add(target, "claim_count")
            originator[claim] = target
        elif kind == "about":
            add(target, "claim_count")
        elif kind == "relayed_by":
            add(claim, "relay_count")
        elif kind == "cites":
            add(target, "cited_by_count")
    for conflict in conflicts:
        claims = {node_key("claim", claim) for claim in conflict.claim_ids}
        for claim in claims:
            add(claim, "conflict_count")
        for source in {originator[claim] for claim in claims if claim in originator}:
            add(source, "conflict_count")
        if conflict.topic is not None:
            add(node_key("topic", conflict.topic), "conflict_count")
    return measures


# Characters no XML 1.0 document may hold, beyond the control characters that
# escape.terminal removes (which also drops ANSI sequences meant for a terminal).
_XML_INVALID = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _clean(value: Any) -> Any:
    """User text as every graph format can carry it: no control characters, no escape
    sequences, nothing XML forbids (GraphML and GEXF readers refuse such files)."""
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return _XML_INVALID.sub("", terminal(value)) if isinstance(value, str) else value


def export_graph(
    graph: nx.MultiDiGraph, conflicts: list[Conflict], *, structured: bool = False
) -> nx.MultiDiGraph:
    """The model with flat attributes, and a node per conflict. Every edge has its own key
    (``e1``, ``e2``, ...), which GraphML writes as the edge id (readers such as graphology
    refuse repeated ids). ``structured`` (for JSON): lists stay lists, and what a conflict
    lacks is None rather than empty text."""
    out = nx.MultiDiGraph()
    measures = _measures(graph, conflicts)
    nothing = None if structured else ""
    for node, data in graph.nodes(data=True):
        attributes = {k: _clean(v) for k, v in _attributes(data, structured).items()}
        out.add_node(_clean(node), **attributes, **measures.get(node, {}))
    edges = 0
    for source, target, data in graph.edges(data=True):
        attributes = {k: _clean(str(v)) for k, v in data.items() if v is not None and k != "order"}
        if "order" in data:
            attributes["order"] = data["order"]
        edges += 1
        out.add_edge(_clean(source), _clean(target), key=f"e{edges}", **attributes)
    for conflict in conflicts:
        key = node_key("conflict", conflict.id)
        out.add_node(
            key,
            kind="conflict",
            label=f"{conflict.kind} conflict {conflict.id}",
            basis=conflict.kind,
            status=conflict.status,
            topic=conflict.topic or nothing,
            note=_clean(conflict.note) or nothing,
            upheld=conflict.upheld or nothing,
            resolution=_clean(conflict.resolution) or nothing,
            internal=conflict.self_contradiction or nothing,
            side_count=len(conflict.sides),
            claim_count=len(conflict.claim_ids),
        )
        for number, side in enumerate(conflict.sides, start=1):
            for claim in side.claims:
                edges += 1
                out.add_edge(
                    key,
                    node_key("claim", claim),
                    key=f"e{edges}",
                    kind="side",
                    order=number,
                    answer=_clean(side.answer),
                )
    return out


_COLOURS = {
    "source": "#cfe2ff",
    "claim": "#fff3cd",
    "topic": "#d1e7dd",
    "document": "#e2e3e5",
    "contradiction": "#f8d7da",
    "conflict": "#f5c2c7",
}
_SHAPES = {
    "source": "ellipse",
    "claim": "box",
    "topic": "hexagon",
    "document": "note",
    "contradiction": "octagon",
    "conflict": "diamond",
}


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: nx.MultiDiGraph) -> str:
    lines = [
        "digraph tracker {",
        "  graph [rankdir=LR, fontname=Helvetica];",
        "  node [style=filled, fontname=Helvetica, fontsize=10];",
        "  edge [fontname=Helvetica, fontsize=8];",
    ]
    for node, data in sorted(graph.nodes(data=True)):
        kind = data["kind"]
        attributes = {
            "label": shorten(f"{data['label']}", 60),
            "kind": kind,
            "shape": _SHAPES.get(kind, "box"),
            "fillcolor": _COLOURS.get(kind, "white"),
        }
        body = ", ".join(f"{k}={_dot_string(str(v))}" for k, v in attributes.items())
        lines.append(f"  {_dot_string(node)} [{body}];")
    for source, target, data in sorted(
        graph.edges(data=True), key=lambda e: (e[0], e[1], str(e[2]))
    ):
        label = data["kind"].replace("_", " ")
        if "order" in data:
            label += f" {data['order']}"
        lines.append(
            f"  {_dot_string(source)} -> {_dot_string(target)} "
            f"[label={_dot_string(label)}, kind={_dot_string(data['kind'])}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_graph(graph: nx.MultiDiGraph, conflicts: list[Conflict], fmt: str) -> str:
    """The exported graph in one of GRAPH_FORMATS, as text."""
    exported = export_graph(graph, conflicts, structured=fmt == "json")
    if fmt == "dot":
        return to_dot(exported)
    if fmt == "json":
        data = nx.node_link_data(exported, edges="edges")
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(exported, buffer)
    elif fmt == "gexf":
        nx.write_gexf(exported, buffer)
    else:
        raise ValueError(f"unknown graph format {fmt!r}; use one of {GRAPH_FORMATS}")
    text = buffer.getvalue().decode("utf-8")
    # networkx stamps today's date and its own version into GEXF (committed exports would
    # change every day, and with every networkx release) and writes <graph name="">, which
    # the GEXF 1.2 schema does not allow.
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text)
    text = re.sub(r"<creator>NetworkX [^<]*</creator>", "<creator>tracker</creator>", text)
    return re.sub(r'(<graph [^>]*?) name="[^"]*"', r"\1", text, count=1)

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
from tracker.render.escape import shorten, terminal

GRAPH_FORMATS = ("graphml", "gexf", "json", "dot")
_SKIPPED = {"marks", "evidence"}  # positions are noise; evidence is the "cites" edges


def _flat(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, tuple | list):
        return "; ".join(" / ".join(map(str, v)) if isinstance(v, tuple) else str(v) for v in value)
    return str(value)


def _attributes(data: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {"kind": data["kind"], "label": data["label"]}
    record = data.get("record")
    if record is not None and dataclasses.is_dataclass(record):
        for field in dataclasses.fields(record):
            value = getattr(record, field.name)
            if field.name in _SKIPPED or value is None or value == ():
                continue
            name = {"kind": f"{data['kind']}_kind", "id": "ident"}.get(field.name, field.name)
            flat[name] = _flat(value)
        if isinstance(record, Record):
            flat["where"] = str(record.location())
    for key, value in data.items():
        if key not in ("kind", "label", "record") and value is not None:
            flat[key] = _flat(value)
    # GraphML types each attribute once for all nodes: keep everything text but counts.
    return {
        k: v if isinstance(v, int) and not isinstance(v, bool) and k == "order" else str(v)
        for k, v in flat.items()
    }


# Characters no XML 1.0 document may hold, beyond the control characters that
# escape.terminal removes (which also drops ANSI sequences meant for a terminal).
_XML_INVALID = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _clean(value: Any) -> Any:
    """User text as every graph format can carry it: no control characters, no escape
    sequences, nothing XML forbids (GraphML and GEXF readers refuse such files)."""
    return _XML_INVALID.sub("", terminal(value)) if isinstance(value, str) else value


def export_graph(graph: nx.MultiDiGraph, conflicts: list[Conflict]) -> nx.MultiDiGraph:
    """The model with flat attributes, and a node per conflict. Every edge has its own key
    (``e1``, ``e2``, ...), which GraphML writes as the edge id (readers such as graphology
    refuse repeated ids)."""
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        out.add_node(_clean(node), **{k: _clean(v) for k, v in _attributes(data).items()})
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
            label=f"{conflict.basis} conflict {conflict.id}",
            basis=conflict.basis,
            status=conflict.status,
            topic=conflict.topic or "",
            note=_clean(conflict.note or ""),
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
    exported = export_graph(graph, conflicts)
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
    # networkx stamps today's date into GEXF (committed exports would change every day) and
    # writes <graph name="">, which the GEXF 1.2 schema does not allow.
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text)
    return re.sub(r'(<graph [^>]*?) name="[^"]*"', r"\1", text, count=1)

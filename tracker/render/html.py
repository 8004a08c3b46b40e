"""The report as one self-contained HTML page: the contradiction table with filters, each
conflict's claims with their quotes and documents, and a drawing of the graph.

Nothing is fetched when the page is viewed (styles, script and drawing are inline), and every
user-written string goes through :func:`html.escape`; links are made only from relative paths
and http(s) URLs, never from other schemes (``javascript:``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.render import RenderOptions

import html
import math
import posixpath
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

import networkx as nx

from tracker.analysis import graph as g
from tracker.analysis.report import AnswerView, ClaimView, Report, Row, origins_text
from tracker.escape import shorten
from tracker.render.table import internal_mark

MAX_DRAWN_NODES = 400


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _href(document: str, prefix: str) -> str | None:
    """A safe link to a document: an http(s) URL, or a path relative to the page."""
    scheme = urlsplit(document).scheme.lower()
    if scheme in ("http", "https"):
        return document
    if scheme or document.startswith(("/", "\\")):
        return None
    return quote(posixpath.join(prefix, document)) if prefix else quote(document)


def _claim(claim: ClaimView, prefix: str, anchored: set[str]) -> str:
    quotes = []
    for document, text in claim.quotes:
        link = _href(document, prefix)
        name = f'<a href="{esc(link)}">{esc(document)}</a>' if link else esc(document)
        quoted = f"<q>{esc(text)}</q> — " if text else ""
        quotes.append(f"<li>{quoted}{name}</li>")
    when = f' <span class="date">{esc(claim.date)}</span>' if claim.date else ""
    evidence = f'<ul class="quotes">{"".join(quotes)}</ul>' if quotes else ""
    # A claim on several conflicts is listed under each; only the first carries its anchor.
    anchor = "" if claim.id in anchored else f' id="claim-{esc(claim.id)}"'
    anchored.add(claim.id)
    return (
        f'<li class="claim"{anchor}><code>{esc(claim.id)}</code> '
        f'{esc(claim.text)} <span class="by">({esc(claim.credit)}){when}</span>'
        f"{evidence}</li>"
    )


def _side(side: AnswerView, prefix: str, anchored: set[str]) -> str:
    answer = (
        f'<div class="answer">{esc(side.answer)} '
        f"<small>({origins_text(side.origin_count, short=True)})</small></div>"
        if side.answer
        else ""
    )
    claims = "".join(_claim(c, prefix, anchored) for c in side.claims)
    return f'<td class="side">{answer}<ul>{claims}</ul></td>'


def _row(row: Row, width: int, prefix: str, anchored: set[str]) -> str:
    conflict = row.conflict
    sides = "".join(_side(s, prefix, anchored) for s in row.sides)
    sides += '<td class="side"></td>' * (width - len(row.sides))
    status = esc(conflict.status)
    if conflict.upheld:
        status += f"<br><small>upheld: <code>{esc(conflict.upheld)}</code></small>"
    mark = internal_mark(row)
    if mark:
        status += f'<br><strong class="internal">{esc(mark)}</strong>'
    basis = esc(conflict.kind)
    if conflict.detail:
        basis += f"<br><small>{esc(conflict.detail)}</small>"
    notes = "".join(
        f'<p class="note">{esc(label)}: {esc(text)}</p>'
        for label, text in (("Note", conflict.note), ("Resolution", conflict.resolution))
        if text
    )
    return (
        f'<tr class="conflict" id="{esc(conflict.id)}" data-topic="{esc(conflict.topic or "")}"'
        f' data-status="{esc(conflict.status)}" data-sources="{esc(" ".join(row.sources))}">'
        f"<td><code>{esc(conflict.id)}</code></td>"
        f"<td>{esc(row.question or conflict.topic or '(no topic)')}{notes}</td>{sides}"
        f"<td>{basis}</td><td>{status}</td></tr>"
    )


def _options(name: str, label: str, values: Iterable[tuple[str, str]]) -> str:
    options = "".join(f'<option value="{esc(v)}">{esc(text)}</option>' for v, text in values)
    return (
        f'<label>{esc(label)} <select id="filter-{name}" data-filter="{name}">'
        f'<option value="">all</option>{options}</select></label>'
    )


def _drawn_nodes(graph: nx.MultiDiGraph, report: Report) -> list[str]:
    """Conflicts, their claims and the claims' sources; then other claims and sources while
    the drawing stays readable."""
    chosen: dict[str, None] = {}
    for row in report.rows:
        chosen[g.node_key("conflict", row.conflict.id)] = None
        for side in row.sides:
            for claim in side.claims:
                chosen[g.node_key("claim", claim.id)] = None
        for source in row.sources:
            chosen[g.node_key("source", source)] = None
    for node, kind in graph.nodes(data="kind"):
        if len(chosen) >= MAX_DRAWN_NODES:
            break
        if kind in ("claim", "source"):
            chosen[node] = None
    return list(chosen)[:MAX_DRAWN_NODES]


def _drawn_of(graph: nx.MultiDiGraph, report: Report, drawn: int) -> str:
    """How much of the picture is drawn: of the sources, claims and conflicts there are
    (documents, topics and contradiction entries are never drawn)."""
    drawable = sum(1 for _, kind in graph.nodes(data="kind") if kind in ("claim", "source"))
    total = drawable + len(report.rows)
    return f"all {total} drawn" if drawn >= total else f"{drawn} of {total} drawn"


def drawing(graph: nx.MultiDiGraph, report: Report) -> str:
    """An SVG drawing of sources, claims and conflicts (spring layout, fixed seed)."""
    nodes = _drawn_nodes(graph, report)
    picture = nx.Graph()
    picture.add_nodes_from(nodes)
    labels: dict[str, tuple[str, str]] = {}
    for node in nodes:
        if node.startswith("conflict:"):
            labels[node] = ("conflict", node.removeprefix("conflict:"))
        else:
            labels[node] = (graph.nodes[node]["kind"], graph.nodes[node]["label"])
    for source, target, kind in graph.edges(data="kind"):
        if source in picture and target in picture and kind in ("originated_by", "relayed_by"):
            picture.add_edge(source, target, kind=kind)
    for row in report.rows:
        key = g.node_key("conflict", row.conflict.id)
        for side in row.sides:
            for claim in side.claims:
                target = g.node_key("claim", claim.id)
                if key in picture and target in picture:
                    picture.add_edge(key, target, kind="side")
    if not nodes:
        return '<p class="empty">Nothing to draw.</p>'
    positions = nx.spring_layout(picture, seed=7, k=1.6 / math.sqrt(len(nodes)))
    size, margin, label_room = 900, 30, 140  # room on the right for source names

    def xy(node: str) -> tuple[float, float]:
        x, y = positions[node]
        width = size - 2 * margin - label_room
        return margin + (x + 1) / 2 * width, margin + (y + 1) / 2 * (size - 2 * margin)

    parts = [
        f'<svg id="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'role="group" aria-label="Graph of sources, claims and conflicts">'
    ]
    listed = {c.id for row in report.rows for side in row.sides for c in side.claims}
    for source, target, kind in sorted(picture.edges(data="kind")):
        (x1, y1), (x2, y2) = xy(source), xy(target)
        parts.append(
            f'<line class="edge {esc(kind)}" x1="{x1:.1f}" y1="{y1:.1f}" '
            f'x2="{x2:.1f}" y2="{y2:.1f}"/>'
        )
    for node in sorted(nodes):
        kind, label = labels[node]
        x, y = xy(node)
        title = f"<title>{esc(kind)}: {esc(label)}</title>"
        if kind == "conflict":
            shape = (
                f'<polygon points="{x:.1f},{y - 11:.1f} {x + 11:.1f},{y:.1f} '
                f'{x:.1f},{y + 11:.1f} {x - 11:.1f},{y:.1f}"/>'
            )
            link = f'<a href="#{esc(label)}">'
        elif kind == "claim" and node.removeprefix("claim:") in listed:
            shape = f'<rect x="{x - 7:.1f}" y="{y - 5:.1f}" width="14" height="10"/>'
            link = f'<a href="#claim-{esc(node.removeprefix("claim:"))}">'
        elif kind == "claim":  # drawn for context, listed under no conflict: no link
            shape = f'<rect x="{x - 7:.1f}" y="{y - 5:.1f}" width="14" height="10"/>'
            link = "<g>"
        else:
            shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8"/>'
            link = "<g>"
        text = ""
        if kind == "source":
            short = shorten(label, 24)
            text = f'<text x="{x + 10:.1f}" y="{y + 4:.1f}">{esc(short)}</text>'
        close = "</a>" if link.startswith("<a") else "</g>"
        parts.append(
            f'<g class="node {esc(kind)}" data-node="{esc(node)}">{link}{title}'
            f"{shape}{text}{close}</g>"
        )
    parts.append("</svg>")
    legend = (
        '<p class="legend"><span class="key source"></span> source '
        '<span class="key claim"></span> claim <span class="key conflict"></span> '
        f"conflict — {_drawn_of(graph, report, len(nodes))}</p>"
    )
    return "".join(parts) + legend


# Nothing may be loaded from anywhere: only the inline style and script run.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:1em;color:#1d2125}
h1{font-size:1.5em} table{border-collapse:collapse;width:100%;min-width:640px}
.scroll{overflow-x:auto;max-width:100%} td{overflow-wrap:anywhere}
td:first-child{white-space:nowrap}
.filters{display:flex;flex-wrap:wrap;gap:.5em 1em}
th,td{border:1px solid #ccd;padding:.4em;vertical-align:top;text-align:left}
th{background:#eef} tr.conflict:nth-child(even){background:#fafafe}
td.side ul{margin:.2em 0;padding-left:1.1em} .answer{font-weight:600}
.by,.date{color:#555} .quotes{font-size:.9em;color:#333} q{font-style:italic}
.note{margin:.4em 0 0;font-size:.9em;color:#553} .filters label{margin-right:1em}
#graph{width:100%;max-width:900px;border:1px solid #ccd;background:#fff}
.edge{stroke:#99a;stroke-width:1} .edge.side{stroke:#c33;stroke-width:1.5}
.node.source circle{fill:#4a7fd4} .node.claim rect{fill:#e0b23a}
.node.conflict polygon{fill:#c33} .node text{font-size:10px;fill:#223}
.key{display:inline-block;width:10px;height:10px;margin-left:.8em}
.key.source{background:#4a7fd4;border-radius:5px} .key.claim{background:#e0b23a}
.key.conflict{background:#c33;transform:rotate(45deg)} [hidden]{display:none}
"""

SCRIPT = """
(function(){
  var selects=document.querySelectorAll('select[data-filter]');
  function apply(){
    var want={};
    selects.forEach(function(s){want[s.dataset.filter]=s.value;});
    var shown=0;
    document.querySelectorAll('tr.conflict').forEach(function(row){
      var ok=(!want.topic||row.dataset.topic===want.topic)&&
             (!want.status||row.dataset.status===want.status)&&
             (!want.source||row.dataset.sources.split(' ').indexOf(want.source)>=0);
      row.hidden=!ok; if(ok){shown++;}
    });
    document.getElementById('shown').textContent=shown;
  }
  selects.forEach(function(s){s.addEventListener('change',apply);});
  apply();
})();
"""


def _uncompared(report: Report) -> str:
    """The claims no rule compares, so that a reader learns what the table cannot show."""
    if not report.uncompared:
        return ""
    items = "".join(
        f"<li><code>{esc(c.id)}</code> ({esc(c.credit)}): {esc(c.text)}</li>"
        for c in report.uncompared
    )
    return (
        f'<h2 id="not-compared">Not compared</h2><p>{esc(report.uncompared_share())}: no '
        f"topic, and no contradictions entry names them.</p><ul>{items}</ul>\n"
    )


def render(
    report: Report, graph: nx.MultiDiGraph, document_prefix: str = "", title: str = "Contradictions"
) -> str:
    width = max((len(r.sides) for r in report.rows), default=2)
    headers = ["ID", "Topic", *[f"Side {chr(65 + i)}" for i in range(width)], "Basis", "Status"]
    anchored: set[str] = set()
    rows = "".join(_row(row, width, document_prefix, anchored) for row in report.rows)
    topics = sorted(
        {
            (r.conflict.topic, r.question or r.conflict.topic)
            for r in report.rows
            if r.conflict.topic
        },
        key=lambda t: str(t[0]),
    )
    sources = g.sources(graph)
    involved = sorted({s for r in report.rows for s in r.sources})
    filters = "".join(
        (
            _options("topic", "Topic", ((str(t), str(q)) for t, q in topics)),
            _options("status", "Status", ((s, s) for s in ("open", "resolved", "dismissed"))),
            _options(
                "source", "Source", ((s, sources[s].name if s in sources else s) for s in involved)
            ),
        )
    )
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{esc(title)}</title><style>{STYLE}</style></head>
<body><main><h1>{esc(title)}</h1>
<p class="summary">{esc(report.summary())}. Showing <span id="shown">{len(report.rows)}</span>.</p>
<form class="filters" onsubmit="return false">{filters}</form>
<div class="scroll" role="region" aria-label="Conflicts" tabindex="0">
<table id="conflicts"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>
{_uncompared(report)}<h2>Graph</h2>{drawing(graph, report)}
</main><script>{SCRIPT}</script></body></html>
"""


def render_report(report: Report, options: RenderOptions) -> str:
    if options.graph is None:
        raise ValueError("the html report needs the graph")
    return render(report, options.graph, options.document_prefix)

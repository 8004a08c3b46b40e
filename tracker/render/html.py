"""The report as one self-contained HTML page, laid out as a reader follows a story: the
disputes (one section per question, its competing answers side by side, a picture, then its
conflicts), the contradictions on no single topic, the figures over time, the history, the
claims not compared, and the sources.

Nothing is fetched when the page is viewed: styles, script and pictures (static SVG, seen
without the script) are inline, under a Content-Security-Policy that forbids loading anything.
The pieces are in :mod:`tracker.render.html_parts`, the pictures in
:mod:`tracker.render.chart` and :mod:`tracker.render.dispute_map`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.render import RenderOptions

import networkx as nx

from tracker.analysis import graph as g
from tracker.analysis.figures import FigureChart
from tracker.analysis.report import AnswerView, Dispute, Report, TopicView
from tracker.analysis.sources import source_rows
from tracker.corpus.records import Source, Topic, source_name
from tracker.render.chart import chart_svg, legend
from tracker.render.dispute_map import dispute_map_svg
from tracker.render.html_parts import (
    Anchors,
    answer_card,
    conflict_item,
    history_list,
    loose_conflict,
    sources_table,
    uncompared_list,
)
from tracker.render.markup import esc

# Nothing may be loaded from anywhere: only the inline style and script run.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2125;background:#fff}
main{max-width:1200px;margin:0 auto;padding:1em}
h1{font-size:1.6em;margin:.2em 0} h2{font-size:1.3em;margin:1.6em 0 .4em;
border-bottom:2px solid #dde} h3{font-size:1.15em;margin:.2em 0} h4{margin:.2em 0}
code{font-size:.92em;overflow-wrap:anywhere}
nav ul{display:flex;flex-wrap:wrap;gap:.2em 1.2em;padding:0;list-style:none}
.filters{display:flex;flex-wrap:wrap;gap:.5em 1em;margin:.6em 0}
.filters label{display:flex;flex-direction:column;min-width:0;max-width:100%}
.filters select{max-width:100%;min-width:8em}
.dispute{border:1px solid #ccd;border-radius:8px;padding:.8em 1em;margin:1.2em 0}
.meta{color:#555;margin:.2em 0 .6em}
.answers,.sides-grid{display:grid;gap:.8em;
grid-template-columns:repeat(auto-fit,minmax(min(100%,17em),1fr))}
.answer,.side{background:#f6f7fb;border:1px solid #dde;border-radius:6px;padding:.5em .7em;
min-width:0}
.answer h4,.side h4{font-size:1.05em}
.origins,.relays{margin:.2em 0;font-size:.93em} .relays{color:#444}
ul.claims{margin:.3em 0;padding-left:1.1em} li.claim{margin:.3em 0;overflow-wrap:anywhere}
.by,.date{color:#555} .quotes{font-size:.92em;color:#333} q{font-style:italic}
ul.conflicts{padding-left:1.1em} li.conflict{margin:.5em 0;overflow-wrap:anywhere}
.sides{margin:.1em 0;font-size:.93em} .basis{color:#444}
.status{display:inline-block;padding:0 .4em;border-radius:4px;font-size:.85em;
font-weight:600;background:#e4e4ea} .status-open{background:#fbe3e3;color:#8a1111}
.status-resolved{background:#e1f3e5;color:#14591f}
.note,.verdict,.internal{margin:.3em 0;font-size:.93em} .note{color:#553}
.internal strong{color:#8a1111}
figure{margin:.8em 0} figcaption{font-size:.9em;color:#333}
.picture-box{overflow-x:auto;max-width:100%}
svg.chart,svg.dispute-map{width:100%;height:auto;display:block}
svg.chart{max-width:620px} svg.dispute-map{max-width:480px}
svg text{font-family:system-ui,sans-serif;fill:#1d2125}
.chart .tick{font-size:15px} .chart .axis-title{font-size:15px;fill:#444}
.chart .grid{stroke:#e4e4ea} .chart .axis{stroke:#555}
.chart .band{opacity:.18} .chart .range{stroke-width:3}
.chart .open-end{stroke-width:1.5;stroke-dasharray:4 3}
.chart .steps,.chart .trend{fill:none;stroke-width:2} .chart .withdrawn{opacity:.35}
.chart-legend{display:flex;flex-wrap:wrap;gap:.2em 1em;list-style:none;padding:0;margin:.3em 0}
.dispute-map .answer-box rect{fill:#f6f7fb;stroke:#99a}
.dispute-map .answer-label{font-size:15px;font-weight:600} .dispute-map .origin-name{font-size:13px}
.dispute-map .count,.dispute-map .relays{font-size:12px;fill:#444}
.dispute-map .origin{fill:#0072b2}
.dispute-map .link{fill:none;stroke-width:2.5} .dispute-map .link.open{stroke:#c0392b}
.dispute-map .casing{fill:none;stroke:#fff;stroke-width:7}
.dispute-map .end.open{fill:#c0392b} .dispute-map .end.settled{fill:#888}
.dispute-map .link.settled{stroke:#888;stroke-dasharray:5 4}
.key-line{display:inline-block;width:2em;border-top:3px solid #c0392b;vertical-align:middle}
.key-line.settled{border-top:3px dashed #888}
.scroll{overflow-x:auto;max-width:100%} table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccd;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#eef} td{overflow-wrap:break-word}
[hidden]{display:none}
@media (max-width:600px){#sources-table thead{position:absolute;left:-9999px}
#sources-table tr,#sources-table td{display:block} #sources-table tr{margin-bottom:.6em}
#sources-table td{border-width:0 1px 1px} #sources-table td:first-child{border-top-width:1px}
#sources-table td::before{content:attr(data-label) ": ";font-weight:600}}
"""

SCRIPT = """
(function(){
  var selects=document.querySelectorAll('select[data-filter]');
  function apply(){
    var want={};
    selects.forEach(function(s){want[s.dataset.filter]=s.value;});
    var shown=0;
    document.querySelectorAll('.conflict').forEach(function(item){
      var ok=(!want.topic||item.dataset.topic===want.topic)&&
             (!want.status||item.dataset.status===want.status)&&
             (!want.source||item.dataset.sources.split(' ').indexOf(want.source)>=0);
      item.hidden=!ok; if(ok){shown++;}
    });
    document.querySelectorAll('[data-holds-conflicts]').forEach(function(part){
      part.hidden=part.querySelector('.conflict:not([hidden])')===null;
    });
    document.querySelectorAll('section[data-parts]').forEach(function(part){
      part.hidden=part.querySelector('[data-holds-conflicts]:not([hidden])')===null;
    });
    document.getElementById('shown').textContent=shown;
    document.getElementById('nothing-shown').hidden=shown>0;
  }
  selects.forEach(function(s){s.addEventListener('change',apply);});
  apply();
})();
"""


def _options(name: str, label: str, values: list[tuple[str, str]]) -> str:
    options = "".join(f'<option value="{esc(v)}">{esc(text)}</option>' for v, text in values)
    return (
        f'<label>{esc(label)} <select id="filter-{name}" data-filter="{name}">'
        f'<option value="">all</option>{options}</select></label>'
    )


def _filters(report: Report, sources: dict[str, Source]) -> str:
    topics = sorted(
        {
            (r.conflict.topic, r.question or r.conflict.topic)
            for r in report.rows
            if r.conflict.topic
        },
        key=lambda t: str(t[0]),
    )
    involved = sorted({s for r in report.rows for s in r.sources})
    return "".join(
        (
            _options("topic", "Question", [(str(t), str(q)) for t, q in topics]),
            _options("status", "Status", [(s, s) for s in ("open", "resolved", "dismissed")]),
            _options("source", "Source", [(s, source_name(sources, s)) for s in involved]),
        )
    )


def _chart_key(chart: FigureChart) -> str:
    """What the chart's marks mean, for the marks it has."""
    points = [p for s in chart.series for p in s.points]
    said = ["Each originator's figures by the date they hold."]
    if chart.cumulative and any(
        len([p for p in s.points if not p.withdrawn]) > 1 for s in chart.series
    ):
        said.append("Steps: a running total holds until its next figure.")
    if any(p.low is None or p.high is None for p in points):
        said.append("A dashed arrow: an open end (“at least”, “at most”).")
    if any(p.low is not None and p.high is not None and p.low != p.high for p in points):
        said.append("A bar: a range.")
    if any(p.allowance for p in points):
        said.append("A pale band: the source's own “about” (the claim's tolerance).")
    if any(p.withdrawn for p in points):
        said.append("Faded: revised or withdrawn.")
    return " ".join(said)


def chart_figure(chart: FigureChart) -> str:
    """A chart with what it shows in words, its legend, and its figures as a table (what a
    screen reader reads, and what a reader copies)."""
    rows = "".join(
        f"<tr><td>{esc(series.name)}</td><td>{esc(p.label)}</td>"
        f"<td>{esc(p.dated_by)} {esc(p.when)}</td><td><code>{esc(p.claim)}</code>"
        f"{' (revised or withdrawn)' if p.withdrawn else ''}</td></tr>"
        for series in chart.series
        for p in series.points
    )
    missing = ", ".join(f"<code>{esc(c)}</code>" for c in chart.undated)
    undated = f" Not drawn, for want of a date: {missing}." if missing else ""
    return (
        f'<figure class="picture" id="chart-{esc(chart.topic)}">'
        f'<div class="picture-box">{chart_svg(chart)}</div><figcaption>'
        f"{_chart_key(chart)}{undated}"
        f"{legend(chart)}<details><summary>The figures as a table</summary>"
        '<div class="scroll" role="region" aria-label="Figures" tabindex="0"><table>'
        '<thead><tr><th scope="col">Originator</th><th scope="col">Figure</th>'
        '<th scope="col">Date</th><th scope="col">Claim</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details></figcaption></figure>"
    )


def _map_figure(dispute: Dispute, sources: dict[str, Source]) -> str:
    return (
        f'<figure class="picture" id="map-{esc(dispute.topic)}">'
        f'<div class="picture-box">{dispute_map_svg(dispute, sources)}</div><figcaption>'
        "Each box is an answer with its independent origins and relays; a line joins answers "
        'in conflict (<span class="key-line"></span> open, '
        '<span class="key-line settled"></span> resolved or dismissed).</figcaption></figure>'
    )


def _unopposed(
    answers: tuple[AnswerView, ...], sources: dict[str, Source], prefix: str, anchors: Anchors
) -> str:
    """The answers to a disputed question that clash with nothing: a reader must see all
    that is said on the question, not only what conflicts."""
    if not answers:
        return ""
    cards = "".join(answer_card(a, sources, prefix, anchors) for a in answers)
    return f'<h4>Also answered, in no conflict</h4><div class="answers">{cards}</div>'


def _dispute(
    dispute: Dispute,
    topic: Topic | None,
    view: TopicView | None,
    chart: FigureChart | None,
    sources: dict[str, Source],
    prefix: str,
    anchors: Anchors,
) -> str:
    still_open = sum(1 for r in dispute.rows if r.conflict.status == "open")
    count = len(dispute.rows)
    cards = "".join(answer_card(a, sources, prefix, anchors) for a in dispute.answers)
    competing = {a.answer for a in dispute.answers}
    listed = {c.id for a in dispute.answers for c in a.claims}
    others = tuple(
        a
        for a in (view.answers if view else ())
        if a.answer not in competing and not {c.id for c in a.claims} <= listed
    )
    if chart is not None:
        picture = chart_figure(chart)
    elif topic is not None and topic.kind != "number" and len(dispute.answers) > 1:
        picture = _map_figure(dispute, sources)
    else:
        picture = ""
    conflicts = "".join(conflict_item(row, anchors) for row in dispute.rows)
    return (
        f'<section class="dispute" id="topic-{esc(dispute.topic)}" data-holds-conflicts '
        f'aria-labelledby="q-{esc(dispute.topic)}"><h3 id="q-{esc(dispute.topic)}">'
        f'{esc(dispute.question)}</h3><p class="meta">Topic <code>{esc(dispute.topic)}</code> · '
        f"{count} conflict{'s' * (count != 1)}, {still_open} open</p>"
        f'<div class="answers">{cards}</div>{picture}'
        f'<h4>Conflicts</h4><ul class="conflicts">{conflicts}</ul>'
        f"{_unopposed(others, sources, prefix, anchors)}</section>"
    )


def _question(
    view: TopicView,
    chart: FigureChart | None,
    sources: dict[str, Source],
    prefix: str,
    anchors: Anchors,
) -> str:
    """A question nobody disputes: its answers (one, or several that agree), and its chart."""
    cards = "".join(answer_card(a, sources, prefix, anchors) for a in view.answers)
    count = len(view.answers)
    return (
        f'<section class="question" id="topic-{esc(view.id)}" '
        f'aria-labelledby="q-{esc(view.id)}"><h3 id="q-{esc(view.id)}">{esc(view.question)}</h3>'
        f'<p class="meta">Topic <code>{esc(view.id)}</code> · {count} '
        f"answer{'s' * (count != 1)}, no conflict</p>"
        f'<div class="answers">{cards}</div>{chart_figure(chart) if chart else ""}</section>'
    )


def render(
    report: Report, graph: nx.MultiDiGraph, document_prefix: str = "", title: str = "Contradictions"
) -> str:
    sources = g.sources(graph)
    topics = g.topics(graph)
    charts = {chart.topic: chart for chart in report.figures}
    anchors = Anchors()
    parts: list[tuple[str, str, str]] = []  # (id, heading, body)
    held: set[str] = set()  # parts made of conflicts: hidden when filters leave none
    disputed = set()
    views = {view.id: view for view in report.topics}
    if report.disputes:
        body = "".join(
            _dispute(
                d,
                topics.get(d.topic),
                views.get(d.topic),
                charts.get(d.topic),
                sources,
                document_prefix,
                anchors,
            )
            for d in report.disputes
        )
        disputed = {d.topic for d in report.disputes}
        intro = (
            "<p>One section per question, the one with most open conflicts (then most "
            "independent origins) first: its competing answers, then the conflicts between "
            "them.</p>"
        )
        parts.append(("disputes", "Disputes", intro + body))
        held.add("disputes")
    if report.loose_rows:
        body = "".join(loose_conflict(r, document_prefix, anchors) for r in report.loose_rows)
        intro = "<p>Contradictions recorded by hand between claims on no single question.</p>"
        held_body = f"<div data-holds-conflicts>{intro}{body}</div>"
        parts.append(("other", "Other contradictions", held_body))
        held.add("other")
    undisputed = [v for v in views.values() if v.id not in disputed and v.answers]
    if undisputed:
        intro = (
            "<p>What is said on the other questions, where no answer conflicts with another; "
            "running totals and figures given at two dates or more are drawn over time.</p>"
        )
        body = "".join(
            _question(v, charts.get(v.id), sources, document_prefix, anchors) for v in undisputed
        )
        parts.append(("questions", "Questions without conflicts", intro + body))
    if report.history:
        parts.append(
            ("history", "Revisions and retractions", history_list(report.history, anchors))
        )
    if report.uncompared:
        intro = (
            f"<p>{esc(report.uncompared_share())}: no topic, and no contradictions entry names "
            "them, so no rule compares them (<code>tracker suggest</code> proposes topics).</p>"
        )
        parts.append(
            (
                "not-compared",
                "Not compared",
                intro + uncompared_list(report.uncompared, document_prefix, anchors),
            )
        )
    if sources:
        parts.append(
            (
                "sources",
                "Sources",
                sources_table(source_rows(graph, [r.conflict for r in report.rows]), sources),
            )
        )
    contents = "".join(f'<li><a href="#{key}">{esc(heading)}</a></li>' for key, heading, _ in parts)
    sections = "".join(
        f'<section id="{key}" aria-labelledby="h-{key}"{" data-parts" * (key in held)}>'
        f'<h2 id="h-{key}">{esc(heading)}</h2>{body}</section>\n'
        for key, heading, body in parts
    )
    filters = _filters(report, sources)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{esc(title)}</title><style>{STYLE}</style></head>
<body><main><h1>{esc(title)}</h1>
<p class="summary">{esc(report.summary())}. Showing <span id="shown">{len(report.rows)}</span>.</p>
<nav aria-label="On this page"><ul>{contents}</ul></nav>
<form class="filters" onsubmit="return false" aria-label="Filter the conflicts">{filters}</form>
<p id="nothing-shown" hidden>No conflict matches these filters.</p>
{sections}</main><script>{SCRIPT}</script></body></html>
"""


def render_report(report: Report, options: RenderOptions) -> str:
    if options.graph is None:
        raise ValueError("the html report needs the graph")
    return render(report, options.graph, options.document_prefix)

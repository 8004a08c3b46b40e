"""Renderers: the same report or diagnostics, laid out for people, editors, spreadsheets and
programs. Each module has one ``render`` function returning text; none prints."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from tracker.analysis.report import Report

REPORT_FORMATS = ("table", "markdown", "csv", "json", "html")
GROUPS = ("topic", "conflict")
# People read disputes (one per question, its pairs underneath); programs and spreadsheets
# get one record per conflict, as FORMAT.md gives them.
DEFAULT_GROUP = {
    "table": "topic",
    "markdown": "topic",
    "csv": "conflict",
    "json": "conflict",
    "html": "conflict",
}
# Formats with one fixed layout: a row per claim of each conflict (csv), a filterable page
# of conflicts (html).
PAIRWISE_ONLY = ("csv", "html")


def render_report(
    report: Report,
    fmt: str = "table",
    *,
    graph: nx.MultiDiGraph | None = None,
    document_prefix: str = "",
    group: str | None = None,
    width: int = 100,
    limit: int = 100,
) -> str:
    """The report in one of :data:`REPORT_FORMATS`. The HTML page also needs the graph (for
    its drawing) and the path from the page to the corpus folder (for document links)."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of {REPORT_FORMATS}")
    module = importlib.import_module(f"{__name__}.{fmt}")
    chosen = group or DEFAULT_GROUP[fmt]
    if chosen not in GROUPS:
        raise ValueError(f"unknown grouping {chosen!r}; use one of {GROUPS}")
    if fmt in PAIRWISE_ONLY and chosen != "conflict":
        raise ValueError(
            f"{fmt} lists conflicts one by one; --group topic is for table, markdown and json"
        )
    if fmt == "html":
        if graph is None:
            raise ValueError("the html report needs the graph")
        page: str = module.render(report, graph, document_prefix)
        return page
    if fmt == "csv":
        text: str = module.render(report)
    elif fmt == "table":
        text = module.render(report, chosen, width, limit)
    elif fmt == "markdown":
        text = module.render(report, chosen, limit=limit)
    else:
        text = module.render(report, chosen)
    return text

"""Renderers: the same report or diagnostics, laid out for people, editors, spreadsheets and
programs. Each module has one ``render`` function returning text; none prints."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from ..report import Report

REPORT_FORMATS = ("table", "markdown", "csv", "json", "html")


def render_report(
    report: Report,
    fmt: str = "table",
    *,
    graph: nx.MultiDiGraph | None = None,
    document_prefix: str = "",
) -> str:
    """The report in one of :data:`REPORT_FORMATS`. The HTML page also needs the graph (for
    its drawing) and the path from the page to the corpus folder (for document links)."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of {REPORT_FORMATS}")
    module = importlib.import_module(f"{__name__}.{fmt}")
    if fmt == "html":
        if graph is None:
            raise ValueError("the html report needs the graph")
        page: str = module.render(report, graph, document_prefix)
        return page
    text: str = module.render(report)
    return text

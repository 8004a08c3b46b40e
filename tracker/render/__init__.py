"""Renderers: the same report or diagnostics, laid out for people, editors, spreadsheets and
programs. Each module has one ``render`` function returning text; none prints."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.render.formats import (
    DEFAULT_LIMIT,
    DEFAULT_WIDTH,
    GROUPS,
    REPORT_FORMATS,
)

if TYPE_CHECKING:
    import networkx as nx

    from tracker.analysis.report import Report


@dataclass(frozen=True)
class RenderOptions:
    """What a report format may take into account besides the report."""

    group: str
    width: int = DEFAULT_WIDTH
    limit: int = DEFAULT_LIMIT
    graph: nx.MultiDiGraph | None = None  # the HTML page draws it
    document_prefix: str = ""  # from an HTML page to the corpus folder, for document links


def render_report(
    report: Report,
    fmt: str = "table",
    *,
    graph: nx.MultiDiGraph | None = None,
    document_prefix: str = "",
    group: str | None = None,
    width: int = DEFAULT_WIDTH,
    limit: int = DEFAULT_LIMIT,
) -> str:
    """The report in one of :data:`REPORT_FORMATS`, through its module's ``render_report``.
    The HTML page also needs the graph (for its sources table) and the path from the page to the
    corpus folder (for document links)."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of {tuple(REPORT_FORMATS)}")
    chosen = group or REPORT_FORMATS[fmt].default_group
    if chosen not in GROUPS:
        raise ValueError(f"unknown grouping {chosen!r}; use one of {GROUPS}")
    if REPORT_FORMATS[fmt].pairwise_only and chosen != "conflict":
        raise ValueError(
            f"{fmt} lists conflicts one by one; --group topic is for table, markdown and json"
        )
    module = importlib.import_module(f"{__name__}.{fmt}")
    text: str = module.render_report(
        report, RenderOptions(chosen, width, limit, graph, document_prefix)
    )
    return text

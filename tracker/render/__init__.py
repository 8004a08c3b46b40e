"""Renderers: the same report or diagnostics, laid out for people, editors, spreadsheets and
programs. Each module has one ``render`` function returning text; none prints."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..report import Report

REPORT_FORMATS = ("table", "markdown", "csv", "json")
_MODULES = {"table": "table", "markdown": "markdown", "csv": "csv", "json": "json"}


def render_report(report: Report, fmt: str = "table") -> str:
    """The report in one of :data:`REPORT_FORMATS`."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown report format {fmt!r}; use one of {REPORT_FORMATS}")
    module = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    text: str = module.render(report)
    return text

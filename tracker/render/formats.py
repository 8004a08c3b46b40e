"""The registry of output formats: which exist, how each lays the report out, and the
defaults every command shares. The command line takes its choices and help from here, and
:func:`tracker.render.render_report` dispatches through it, so a new report format is one
entry here and one module with a ``render_report(report, options)`` function.

Kept free of heavy imports: ``tracker --help`` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_WIDTH = 100  # columns of a table when the output is not a terminal: stable for files
DEFAULT_LIMIT = 100  # disputes, conflicts, revisions and topics a report for people shows
GROUPS = ("topic", "conflict")  # one dispute per question, or one row per conflict


@dataclass(frozen=True)
class ReportFormat:
    name: str
    default_group: str  # people read disputes; programs and spreadsheets get conflicts
    pairwise_only: bool  # one fixed layout of one record per conflict
    help: str


REPORT_FORMATS: dict[str, ReportFormat] = {
    f.name: f
    for f in (
        ReportFormat("table", "topic", False, "grid tables for a terminal"),
        ReportFormat("markdown", "topic", False, "for a pull request or a wiki"),
        ReportFormat("csv", "conflict", True, "a row per side of each conflict"),
        ReportFormat("json", "conflict", False, "the report as data (docs/format.md)"),
        ReportFormat("html", "conflict", True, "one self-contained page"),
    )
}
PAIRWISE_ONLY = tuple(name for name, f in REPORT_FORMATS.items() if f.pairwise_only)
# The four analysis tables (sources, topics, matrix, timeline).
TABLE_FORMATS = ("table", "markdown", "csv", "json")


def report_format_help() -> str:
    return "; ".join(f"{f.name}: {f.help}" for f in REPORT_FORMATS.values()) + "."

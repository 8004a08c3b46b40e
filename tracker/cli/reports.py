"""The commands that show a valid corpus: report and the tables (sources, topics, matrix,
timeline), and the graph export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from tracker.cli.base import (
    CLAIMS_DIR,
    EXIT_PROBLEMS,
    FORCE,
    IGNORE,
    OUTPUT,
    SELECT,
    WIDTH,
    cache_allowed,
    cli,
    corpus_refusals,
    emit_diagnostics,
    is_verbose,
    warning_selection,
    width_of,
)
from tracker.cli.completion import complete_ids
from tracker.cli.files import check_output_file, write_output
from tracker.corpus.records import STATUSES
from tracker.render.formats import (
    DEFAULT_LIMIT,
    GROUPS,
    REPORT_FORMATS,
    TABLE_FORMATS,
    report_format_help,
)


@cli.command()
@CLAIMS_DIR
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(REPORT_FORMATS)),
    default="table",
    show_default=True,
    help=f"How to lay out the report: {report_format_help()}",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Only conflicts with this status (repeatable).",
)
@click.option(
    "--topic",
    "topics",
    multiple=True,
    metavar="TOPIC_ID",
    shell_complete=complete_ids("topics"),
    help="Only conflicts on this topic (repeatable).",
)
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="SOURCE_ID",
    shell_complete=complete_ids("sources"),
    help="Only conflicts involving this source, as originator or relay (repeatable).",
)
@click.option(
    "--group",
    type=click.Choice(GROUPS),
    help="topic: one dispute per question, its competing answers and the conflicts between "
    "them (default for table and markdown); conflict: one row per conflict (default for "
    "json, csv and html).",
)
@OUTPUT
@FORCE
@WIDTH
@click.option(
    "--limit",
    type=click.IntRange(0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Disputes, conflicts, revisions and topics shown in table and markdown (0: all); "
    "json and csv list everything.",
)
@SELECT
@IGNORE
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Exit 1 when a reported conflict has this status, e.g. --fail-on open.",
)
def report(
    claims_dir: Path,
    fmt: str,
    statuses: tuple[str, ...],
    topics: tuple[str, ...],
    sources: tuple[str, ...],
    group: str | None,
    output: Path | None,
    width: int | None,
    limit: int,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: tuple[str, ...],
) -> None:
    """Print the contradiction table of the claims under CLAIMS_DIR."""
    from tracker.render.formats import PAIRWISE_ONLY

    if group == "topic" and fmt in PAIRWISE_ONLY:
        raise click.UsageError(
            f"--format {fmt} lists conflicts one by one; --group topic is for table, "
            "markdown and json"
        )
    check_output_file(output, claims_dir)
    from tracker.run import ReportRequest
    from tracker.run import report as run_report

    request = ReportRequest(
        fmt,
        group,
        statuses,
        topics,
        sources,
        output,
        width_of(width),
        warning_selection(claims_dir, select, ignore),
        limit,
    )
    with corpus_refusals(claims_dir):
        result = run_report(claims_dir, request, use_cache=cache_allowed())
    click.echo(result.warnings, nl=False, err=True)
    if is_verbose():
        how = "replayed from the run cache" if result.replayed else "computed"
        click.echo(f"tracker: report {how}: {result.summary}", err=True)
    write_output(result.text, output, claims_dir, result.summary)
    if fail_on and set(fail_on) & set(result.statuses):
        sys.exit(EXIT_PROBLEMS)


def _table(
    claims_dir: Path, name: str, fmt: str, width: int | None, topic: str | None = None
) -> None:
    """The body of the four analysis commands: warnings on stderr, the table on stdout."""
    from tracker.run import table

    with corpus_refusals(claims_dir):
        result = table(
            claims_dir,
            name,
            fmt,
            topic=topic,
            use_cache=cache_allowed(),
            width=width_of(width),
            selection=warning_selection(claims_dir, (), ()),
        )
    if result.warnings:
        emit_diagnostics(result.warnings, err=True)  # stdout is the table
    click.echo(result.text, nl=False)


_TABLE_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(TABLE_FORMATS),
    default="table",
    show_default=True,
    help="How to lay out the table.",
)


def TABLE_FORMAT(function: Any) -> Any:
    return _TABLE_FORMAT(WIDTH(function))


@cli.command()
@CLAIMS_DIR
@TABLE_FORMAT
def sources(claims_dir: Path, fmt: str, width: int | None) -> None:
    """One row per source: claims originated and relayed, the sources it conflicts with,
    its reliability grade, and how often verdicts upheld or overturned its claims."""
    _table(claims_dir, "sources", fmt, width)


@cli.command()
@CLAIMS_DIR
@TABLE_FORMAT
def topics(claims_dir: Path, fmt: str, width: int | None) -> None:
    """Each topic with its answers, their independent support, and its open conflicts.

    'independent' counts distinct originators: outlets relaying the same originator count
    once, and relaying a claim never corroborates it."""
    _table(claims_dir, "topics", fmt, width)


@cli.command()
@click.argument("topic", shell_complete=complete_ids("topics"))
@CLAIMS_DIR
@TABLE_FORMAT
def matrix(topic: str, claims_dir: Path, fmt: str, width: int | None) -> None:
    """The competing-hypotheses matrix of TOPIC: its answers as columns, sources as rows.

    Cells: asserts, denies, against (asserts an answer that excludes this one), consistent
    (asserts only compatible answers), or empty (silent). The last row counts the sources
    against each answer (Heuer's Analysis of Competing Hypotheses)."""
    _table(claims_dir, "matrix", fmt, width, topic)


@cli.command()
@CLAIMS_DIR
@click.option(
    "--topic",
    metavar="TOPIC_ID",
    shell_complete=complete_ids("topics"),
    help="Only claims and conflicts on this topic.",
)
@TABLE_FORMAT
def timeline(claims_dir: Path, topic: str | None, fmt: str, width: int | None) -> None:
    """Claims in date order (undated last), with the moment each answer first appeared and
    each conflict opened."""
    _table(claims_dir, "timeline", fmt, width, topic)


@cli.command()
@CLAIMS_DIR
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json", "dot"]),
    default="graphml",
    show_default=True,
    help="graphml/gexf for Gephi and Cytoscape, json (node-link), dot for Graphviz.",
)
@OUTPUT
@FORCE
def graph(claims_dir: Path, fmt: str, output: Path | None) -> None:
    """Export the graph of sources, claims, topics, documents and conflicts."""
    check_output_file(output, claims_dir)
    from tracker.run import graph_file

    with corpus_refusals(claims_dir):
        result = graph_file(
            claims_dir,
            fmt,
            use_cache=cache_allowed(),
            selection=warning_selection(claims_dir, (), ()),
        )
    if result.warnings:
        emit_diagnostics(result.warnings, err=True)  # stdout may be the graph
    write_output(result.text, output, claims_dir)

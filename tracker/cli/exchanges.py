"""The commands that exchange a corpus with other tools: init, export and import."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.base import (
    CLAIMS_DIR,
    EXIT_PROBLEMS,
    FORCE,
    IMPORT_DIR,
    OUTPUT,
    cache_allowed,
    cli,
    corpus_refusals,
    emit_diagnostics,
    is_quiet,
    settings_for,
    stdin_bytes,
    warning_selection,
)
from tracker.cli.files import check_output_file, write_output

if TYPE_CHECKING:
    from tracker.run import TableRun


@cli.command()
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path))
def init(folder: Path) -> None:
    """Start a corpus in FOLDER (default: here): claims/ with sources and one disputed
    question, seeds/ with the document they quote, and CLAIMS.md. It validates at once.
    Nothing that exists is overwritten (exit 2 if a file is already there)."""
    from tracker.exchange.skeleton import Exists, create_corpus

    try:
        written = create_corpus(folder)
    except Exists as exc:
        raise click.UsageError(str(exc)) from None
    except OSError as exc:
        click.echo(f"tracker: cannot write in {folder}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_PROBLEMS)
    if not is_quiet():
        import shlex

        for path in written:
            click.echo(f"created {path}")
        # A line to paste: it works from where `init` ran, wherever FOLDER is.
        enter = (
            "" if folder.resolve() == Path.cwd().resolve() else f"cd {shlex.quote(str(folder))} && "
        )
        click.echo(f"next: {enter}tracker validate && tracker report")


@cli.group()
def export() -> None:
    """Export the corpus for other tools (exit codes: 0 written, 1 the corpus has errors or
    the file cannot be written, 2 usage error)."""


@export.command("sqlite")
@click.argument("database", type=click.Path(dir_okay=False, path_type=Path))
@CLAIMS_DIR
@FORCE
def export_sqlite(database: Path, claims_dir: Path) -> None:
    """Write the corpus to a SQLite DATABASE for Datasette: sources, topics, claims, relays,
    evidence, conflicts and conflict_sides, with foreign keys, indexes and full-text search on
    claim text. Browse it with `datasette DATABASE`."""
    from tracker.output import OutputRefused
    from tracker.run import export_sqlite as run_export

    check_output_file(database, claims_dir)
    try:
        with corpus_refusals(claims_dir):
            analysed = run_export(
                claims_dir,
                database,
                use_cache=cache_allowed(),
                selection=warning_selection(claims_dir, (), ()),
            )
    except OutputRefused as exc:  # the target changed kind while the corpus was analysed
        raise click.UsageError(str(exc)) from None
    except OSError as exc:
        click.echo(f"tracker: cannot write {database}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_PROBLEMS)
    if not is_quiet():
        corpus = analysed.corpus
        click.echo(
            f"wrote {database}: {len(corpus.claims)} claims, {len(analysed.conflicts)} conflicts"
        )


def _print_export(produce: Callable[..., TableRun], claims_dir: Path, output: Path | None) -> None:
    """The body of every export that prints text: run ``produce`` on the valid corpus, show
    its warnings, then print or write the text."""
    check_output_file(output, claims_dir)
    with corpus_refusals(claims_dir):
        result = produce(
            claims_dir, use_cache=cache_allowed(), selection=warning_selection(claims_dir, (), ())
        )
    if result.warnings:
        emit_diagnostics(result.warnings, err=True)  # stdout may be the export
    write_output(result.text, output, claims_dir)


@export.command("argdown")
@CLAIMS_DIR
@OUTPUT
@FORCE
def export_argdown(claims_dir: Path, output: Path | None) -> None:
    """Print the disputes as Argdown for argument maps: each answer a statement supported by
    its claims; denials contradictory (><), other conflicts contrary (-). Render it with
    the Argdown CLI (npm @argdown/cli): `argdown map FILE out/ --format svg`."""
    from tracker.run import export_argdown

    _print_export(export_argdown, claims_dir, output)


@export.command("claimreview")
@CLAIMS_DIR
@click.option(
    "--author", help="The organisation publishing the reviews (setting claimreview.author)."
)
@click.option(
    "--url",
    help="Where the verdicts are published; {id} becomes the conflict id, else #ID is "
    "appended (setting claimreview.url).",
)
@click.option("--date", help="datePublished of the reviews, YYYY-MM-DD (default: none).")
@OUTPUT
@FORCE
def export_claimreview(
    claims_dir: Path,
    author: str | None,
    url: str | None,
    date: str | None,
    output: Path | None,
) -> None:
    """Print the verdicts as schema.org ClaimReview JSON-LD (Google Fact Check Tools, search
    engines): one review per claim judged by a resolved conflict with `upheld` ("Upheld" for
    the upheld answer, "Contradicted" for the others). The README has the rating scale."""
    from functools import partial

    from tracker.exchange.claimreview import Publisher, check_publisher
    from tracker.run import export_claimreview

    configured = settings_for(claims_dir).claimreview
    author = author or configured.get("author")
    url = url or configured.get("url")
    problems = check_publisher(author, url, date)
    if problems or author is None or url is None:  # check_publisher names what is missing
        raise click.UsageError("; ".join(problems))
    publisher = Publisher(author.strip(), url, date)
    _print_export(partial(export_claimreview, publisher=publisher), claims_dir, output)


@export.command("csv")
@CLAIMS_DIR
@OUTPUT
@FORCE
def export_csv(claims_dir: Path, output: Path | None) -> None:
    """Print every claim as a row of a CSV sheet, the layout `tracker import csv` reads:
    columns named like the claim keys, lists separated by ';', further evidence on rows
    that repeat the id."""
    from tracker.run import export_sheet

    _print_export(export_sheet, claims_dir, output)


@cli.group("import")
def import_() -> None:
    """Start or extend a corpus from other tools' files (exit codes: 0 written, 1 the input
    has problems or the file cannot be written, 2 usage error). Nothing is written when
    any row or record has an error; a fact check that cannot become a claim is reported
    and skipped (--strict: nothing written)."""


def import_output(given: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The -o option of an import, whose default is named after the input."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"The claim file to write (default: CLAIMS_DIR/{given}-NAME.yaml).",
    )


def _target(given: Path, claims_dir: Path, output: Path | None) -> Path:
    """The claim file an import writes: -o, else CLAIMS_DIR/NAME.yaml after the input; with
    '-' (standard input) there is no name to take, so -o is required."""
    if output is not None:
        return output
    if str(given) == "-":
        raise click.UsageError(
            "reading standard input ('-'): give -o, the claim file to write (e.g. -o "
            f"{claims_dir / 'imported.yaml'})"
        )
    return claims_dir / f"{given.stem}.yaml"


MISSING = click.option(
    "--missing",
    type=click.Choice(["refuse", "keep", "remove"]),
    default="refuse",
    show_default=True,
    help="What to do when the file being merged into holds claims the input no longer has: "
    "refuse (exit 1, naming them, nothing written), keep them, or remove them.",
)
IMPORT_FORCE = click.option(
    "--force",
    is_flag=True,
    hidden=True,
    help="Accepted for old scripts; an existing file is merged into, never replaced.",
)


def _import(
    kind: str,
    given: Path,
    claims_dir: Path,
    target: Path,
    missing: str,
    strict: bool = False,
    sheet: Any = None,
) -> None:
    """The body of both imports: merge the input into ``target``, show every problem, say
    what was kept, added, updated and removed."""
    from tracker.run.imports import ImportRefused, import_file

    data = None
    if str(given) == "-":
        data = stdin_bytes()
        given = Path("<stdin>")  # how messages name it: <stdin>:ROW:COLUMN
    try:
        result = import_file(
            kind,  # type: ignore[arg-type]  # "csv" or "claimreview", from the command
            given,
            claims_dir,
            target,
            data=data,
            use_cache=cache_allowed(),
            missing=missing,
            strict=strict,
            sheet=sheet,
        )
    except ImportRefused as exc:
        raise click.UsageError(str(exc)) from None
    except OSError as exc:
        click.echo(f"tracker: cannot import {given}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_PROBLEMS)
    if result.diagnostics:
        emit_diagnostics(result.diagnostics)
    if result.refused:
        what = "rows" if kind == "csv" else "reviews"
        click.echo(f"tracker: {given}: nothing written; fix the {what} or the file named above")
        sys.exit(EXIT_PROBLEMS)
    if is_quiet():
        return
    if result.empty:
        click.echo(f"tracker: {given}: no claim to import; nothing written")
    elif not result.written:
        click.echo(f"{target} is up to date: {result.summary}; nothing written")
    else:
        sources = f", {result.new_sources} new sources" if kind == "claimreview" else ""
        click.echo(f"wrote {target}: {result.claims} claims{sources} ({result.summary})")


def _column_maps(ctx: click.Context, param: click.Parameter, given: tuple[str, ...]) -> Any:
    """--column NAME=KEY, each KEY a claim key or '-'."""
    from tracker.exchange.sheet_columns import COLUMNS, IGNORE

    found: dict[str, str] = {}
    for item in given:
        name, sign, key = item.rpartition("=")
        key = key.strip()
        if not sign or not name.strip() or key not in (*COLUMNS, IGNORE):
            raise click.BadParameter(
                f"{item!r}: write NAME=KEY, NAME a column of the sheet and KEY one of "
                f"{', '.join(COLUMNS)}, or NAME=- to leave the column out",
                ctx,
                param,
            )
        found[name.strip()] = key
    return found


@import_.command("csv")
@click.argument(
    "sheet", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path)
)
@IMPORT_DIR
@import_output("SHEET")
@MISSING
@IMPORT_FORCE
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="NAME=KEY",
    callback=_column_maps,
    help="The sheet's column NAME holds the claim key KEY (repeatable; NAME as the header "
    "spells it, in any case); NAME=- leaves the column out without a warning.",
)
@click.option(
    "--date-format",
    type=click.Choice(["day-first", "month-first"]),
    help="How the sheet writes dates such as 03/12/2024: day-first (3 December) or "
    "month-first (March 12). Needed only when a date could be read both ways.",
)
def import_csv(
    sheet: Path,
    claims_dir: Path,
    output: Path | None,
    missing: str,
    force: bool,
    columns: dict[str, str],
    date_format: str | None,
) -> None:
    """Turn a CSV SHEET of claims (one a row; the columns are the claim keys: id, text,
    source, via, date, topic, position, stance, value, as_of, tolerance, supersedes,
    retracted, tags, document, quote, or their usual names such as 'Claim ID', 'Claim',
    'Said by', 'URL', in any case) into a claim file in CLAIMS_DIR, checked against the
    corpus there. Other columns are named in a warning and left out (or mapped with
    --column). Dates are read as the sheet writes them ('1 August 2024', '01/08/2024').
    Problems are reported as SHEET:ROW:COLUMN.

    When the file exists (an earlier import of the sheet), the sheet is merged into it: new
    rows are added, changed rows update their claims, and keys and comments written by hand
    are kept; the summary says how many claims were kept, added, updated and removed.
    SHEET '-' reads standard input (then -o names the claim file)."""
    from tracker.run.imports import SheetOptions

    options = SheetOptions(columns, date_format)  # type: ignore[arg-type]  # a Choice
    target = _target(sheet, claims_dir, output)
    _import("csv", sheet, claims_dir, target, missing, sheet=options)


@import_.command("claimreview")
@click.argument(
    "feed", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path)
)
@IMPORT_DIR
@import_output("FEED")
@MISSING
@IMPORT_FORCE
@click.option("--strict", is_flag=True, help="Write nothing (exit 1) when any review is skipped.")
def import_claimreview(
    feed: Path, claims_dir: Path, output: Path | None, missing: str, force: bool, strict: bool
) -> None:
    """Turn a FEED of published fact checks (schema.org ClaimReview JSON-LD: one review, a
    list, an @graph or a DataFeed; or a Fact Check Tools search result) into a claim file in
    CLAIMS_DIR: a claim per reviewed claim (its author a source, its appearances evidence,
    the review in a comment). A feed with an @context is read as JSON-LD against
    schema.org's context, bundled (prefixed terms and @id links mean what they mean;
    nothing is fetched). A review that cannot become a claim is reported at
    FEED:LINE:COLUMN and skipped, a date that cannot be read is left out with a warning;
    claims already in the corpus are not imported twice.

    When the file exists (last week's import of the feed), the feed is merged into it: new
    reviews are added, and topics, positions and comments written by hand are kept; the
    summary says how many claims were kept, added, updated and removed. FEED '-' reads
    standard input (then -o names the claim file)."""
    _import("claimreview", feed, claims_dir, _target(feed, claims_dir, output), missing, strict)

"""`tracker suggest`: what a person has not written down yet (docs/suggest.md)."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.base import (
    CLAIMS_DIR,
    WIDTH,
    cache_allowed,
    cli,
    corpus_refusals,
    emit_diagnostics,
    warning_selection,
    width_of,
)

SUGGEST_FORMATS = ("table", "markdown", "json")  # tracker.render.suggestions lays them out


@cli.command()
@CLAIMS_DIR
@click.option(
    "--format",
    "fmt",
    type=click.Choice(SUGGEST_FORMATS),
    default="table",
    show_default=True,
    help="How to lay out the suggestions.",
)
@click.option(
    "--limit",
    type=click.IntRange(0),
    default=20,
    show_default=True,
    help="Suggestions of each kind shown, best first (0: all).",
)
@WIDTH
def suggest(claims_dir: Path, fmt: str, limit: int, width: int | None) -> None:
    """Suggest what nobody has written down yet: a topic and answer for each claim with no
    topic, and contradictions between claims no rule compares, ranked, each with its
    reasons and the entry to paste. Never writes a file; a pair recorded under
    `contradictions` (dismissed included) is never suggested again."""
    from tracker.run import suggestions

    with corpus_refusals(claims_dir):
        result = suggestions(
            claims_dir,
            fmt,
            limit=limit,
            width=width_of(width),
            use_cache=cache_allowed(),
            selection=warning_selection(claims_dir, (), ()),
        )
    if result.warnings:
        emit_diagnostics(result.warnings, err=True)  # stdout is the suggestions
    click.echo(result.text, nl=False)

"""Output files: what `-o FILE` may replace, and writing it."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from tracker.cli.base import EXIT_PROBLEMS, is_quiet


def check_output_file(output: Path | None, claims_dir: Path) -> None:
    """Refuse (usage error, exit 2) an output that must not be replaced: a claim file or the
    claims folder (a report written there would destroy the corpus or join it), a link (the
    link would be replaced, not the file it leads to), or anything but a regular file (a
    FIFO, a device, a folder). Anything else is replaced if it exists."""
    from tracker.output import OutputRefused, check_output
    from tracker.reading.files import CLAIM_SUFFIXES, DirectoryFiles

    if output is None or str(output) == "-":
        return
    if output.is_symlink():
        raise click.UsageError(
            f"{output} is a link; give the file itself (replacing it would replace the link)"
        )
    try:
        check_output(output, replace=True)
    except OutputRefused as exc:
        raise click.UsageError(str(exc)) from None
    with contextlib.suppress(OSError, RuntimeError, ValueError):
        if output.resolve() == claims_dir.resolve() or (
            output.name.endswith(CLAIM_SUFFIXES) and DirectoryFiles(claims_dir).contains(output)
        ):
            raise click.UsageError(
                f"{output} is a claim file in the claims folder {claims_dir}; write the "
                "output outside it"
            )


def write_output(text: str, output: Path | None, claims_dir: Path, summary: str = "") -> None:
    """Print ``text``, or write it atomically to ``output`` (replacing a regular file)."""
    from tracker.output import OutputRefused, write_atomic

    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    check_output_file(output, claims_dir)
    try:
        write_atomic(output, text, replace=True)
    except OutputRefused as exc:
        raise click.UsageError(str(exc)) from None
    except OSError as exc:
        click.echo(f"tracker: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_PROBLEMS)
    if not is_quiet():
        # stdout carries no data when the output went to a file: the summary goes there.
        click.echo(f"wrote {output}" + (f": {summary}" if summary else ""))

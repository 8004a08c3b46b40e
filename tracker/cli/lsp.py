"""`tracker lsp`: the language server for editors (docs/editors.md)."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import click

from tracker.cli.base import CLAIMS_DIR, IGNORE, SELECT, cli, warning_selection


def _one_line(record: logging.LogRecord) -> bool:
    """A logged exception as one line (what went wrong), never a traceback: the editor
    shows the server's standard error to the user."""
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        record.msg = f"{record.getMessage()}: {type(error).__name__}: {error}"
        record.args = None
        record.exc_info = None
        record.exc_text = None
    message = record.getMessage()
    if "Traceback (most recent call last)" in message:  # pygls formats some itself
        record.msg, record.args = message.split("\n", 1)[0].rstrip(), None
    return True


@cli.command()
@CLAIMS_DIR
@SELECT
@IGNORE
@click.option(
    "--debounce",
    type=click.FloatRange(0, 10),
    default=0.15,
    show_default=True,
    help="Seconds without a keystroke before an edited corpus is checked again.",
)
def lsp(
    claims_dir: Path, select: tuple[str, ...], ignore: tuple[str, ...], debounce: float
) -> None:
    """Run the language server over standard input and output (for editors: diagnostics,
    completion, hover, go to definition, references, rename and quick fixes on claim files).

    CLAIMS_DIR (default ./claims, or the `claims` setting) is the claims folder of the
    workspace; settings and --select/--ignore work as for `tracker validate`. The server
    reads the editor's unsaved text and never writes a file. Set-ups for VS Code, Neovim,
    Helix and Emacs are in docs/editors.md.
    """
    selection = warning_selection(claims_dir, select, ignore)
    # A long-lived process: unlike a command's one run, its garbage must be collected (the
    # entry point turns the collector off; each analysis still pauses it while it builds).
    gc.enable()
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_one_line)
    from tracker.lsp.server import serve

    serve(claims_dir, selection, debounce)

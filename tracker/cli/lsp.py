"""`tracker lsp`: the language server for editors (docs/editors.md)."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import click

from tracker.cli.base import CLAIMS_DIR, IGNORE, SELECT, cli, warning_selection


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
    from tracker.lsp.server import serve

    serve(claims_dir, selection, debounce)

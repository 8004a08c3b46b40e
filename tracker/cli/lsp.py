"""`tracker lsp`: the language server for editors (docs/editors.md)."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import click

from tracker.cli.base import IGNORE, SELECT, check_claims_folder, cli


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
@click.argument("claims_dir", required=False, type=click.Path(path_type=Path))
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
    claims_dir: Path | None, select: tuple[str, ...], ignore: tuple[str, ...], debounce: float
) -> None:
    """Run the language server over standard input and output (for editors: diagnostics,
    completion, hover, go to definition, references, rename and quick fixes on claim files).

    The claims folder is the one `tracker validate` would check in the workspace root the
    editor names (the `claims` setting, else ./claims there), or CLAIMS_DIR when given;
    settings and --select/--ignore work as for `tracker validate`. The server reads the
    editor's unsaved text and never writes a file. Set-ups for VS Code, Neovim, Helix and
    Emacs are in docs/editors.md.
    """
    from tracker.config import ConfigError, check_codes

    if claims_dir is not None:
        check_claims_folder(claims_dir, "CLAIMS_DIR")
    try:
        chosen = (
            check_codes(list(select), "--select") if select else None,
            check_codes(list(ignore), "--ignore") if ignore else None,
        )
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from None
    # A long-lived process: unlike a command's one run, its garbage must be collected (the
    # entry point turns the collector off; each analysis still pauses it while it builds).
    gc.enable()
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_one_line)
    from tracker.lsp.server import Options, serve

    serve(Options(claims_dir, *chosen), debounce)

"""The ``tracker`` command: parses options and calls the library.

One module per family of commands (:mod:`checks`, :mod:`reports`, :mod:`exchanges`), on the
group and shared options of :mod:`base`. Heavy modules (networkx, the renderers) are
imported inside the commands that use them, so that ``tracker --help`` starts fast; pandas is
never imported by ``validate`` or ``report``.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import signal
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from tracker.cli import (  # noqa: F401  (each registers its commands)
    checks,
    exchanges,
    lsp,
    reports,
    rules,
    suggest,
)
from tracker.cli.base import EXIT_INTERNAL, EXIT_OK, cli

__all__ = ["cli", "entry", "main"]


def _terminate(signum: int, frame: object) -> NoReturn:
    click.echo(f"tracker: interrupted by {signal.Signals(signum).name}", err=True)
    raise SystemExit(128 + signum)


def _fatal(message: str, code: int) -> NoReturn:
    click.echo(f"tracker: {message}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: no traceback ever reaches the user."""
    run: Callable[..., Any] = cli.main
    # A command is one short process building many small acyclic objects: the cyclic
    # garbage collector would only rescan them (see tracker.analysis.pipeline), so it stays off.
    gc.disable()
    # Ctrl-C and SIGTERM end the run with 128 + the signal (130, 143), as shells report them,
    # never 1 (which means "problems found"), through the normal exits, so a file being written is
    # abandoned cleanly (its temporary file removed, the original untouched).
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    # A file name that is not UTF-8 reaches Python as surrogate escapes: print it as
    # "\udcff" rather than fail on it.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        return run(args=argv, prog_name="tracker", standalone_mode=True)
    except KeyboardInterrupt:
        _fatal("interrupted", 130)
    except BrokenPipeError:
        # The reader went away (e.g. `tracker report | head`): not an error of ours.
        sys.stderr.close()
        sys.exit(EXIT_OK)
    except MemoryError:
        _fatal("out of memory", EXIT_INTERNAL)
    except Exception as exc:  # a bug in tracker, not in the user's files
        _fatal(
            f"internal error ({type(exc).__name__}: {exc}); please report it with the "
            "command you ran",
            EXIT_INTERNAL,
        )


def entry() -> NoReturn:
    """The `tracker` console script: `main`, then an immediate exit once the output is
    flushed. Tearing down the interpreter frees every object one by one, which on 100,000
    claims took 1.5 s of a 13 s run for nothing; the process's memory goes back at once."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            click.echo(str(exc.code), err=True)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()

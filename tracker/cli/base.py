"""What every command shares: the `tracker` group and its global options (which every
command takes too), the claims-folder argument and settings, warning selection, diagnostics
output (its stream and colour), and the one place where a corpus with errors or an unknown
name stops a command. Output files are in :mod:`files`, shell completion in :mod:`completion`.

Heavy modules are imported inside functions, so that ``tracker --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from tracker import __version__
from tracker.cli.completion import complete_codes
from tracker.diagnostics import Diagnostic
from tracker.render.formats import (
    DEFAULT_WIDTH,
)

if TYPE_CHECKING:
    from tracker.config import Config, Selection
    from tracker.run import InvalidCorpus

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

OUTPUT = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write to this file (atomically, replacing it if it exists) instead of stdout; "
    "'-' is stdout. Claim files, the claims folder, links and anything but a regular file "
    "are refused.",
)
# An output file that exists is replaced, as every Unix tool does; --force is still accepted
# from the days it was needed.
FORCE = click.option(
    "--force", is_flag=True, expose_value=False, hidden=True, help="Accepted; changes nothing."
)
WIDTH = click.option(
    "--width",
    type=click.IntRange(40, 1000),
    help="Width of tables, in columns (default: $COLUMNS, else the terminal's, else "
    f"{DEFAULT_WIDTH}).",
)


def width_of(given: int | None) -> int:
    """--width, else $COLUMNS, else the terminal's width, else DEFAULT_WIDTH (pipes and
    files get a stable layout)."""
    if given:
        return given
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) >= 40:
        return int(columns)
    if sys.stdout.isatty():
        return max(shutil.get_terminal_size().columns, 40)
    return DEFAULT_WIDTH


def claims_folder(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """A claims folder that exists and holds claim files: anything else is a usage error
    (exit 2), so that a typo can never pass as an empty, conflict-free corpus. Without an
    argument: the `claims` setting, else ./claims."""
    if ctx.resilient_parsing:  # shell completion: the folder as given, checked by no one
        return value  # type: ignore[return-value]
    if value is None:
        value = settings_for().claims or Path("claims")
    return check_claims_folder(value, param.human_readable_name)


def settings_for(claims_dir: Path | None = None) -> Config:
    """The settings in force (pyproject.toml's [tool.tracker], or .tracker.yaml beside the
    claims folder); a settings file with a mistake is a usage error."""
    from tracker.config import ConfigError, load_config

    context = click.get_current_context()
    key = f"tracker-settings:{claims_dir}"
    if key not in context.meta:
        try:
            context.meta[key] = load_config(Path.cwd(), claims_dir)
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from None
    settings: Config = context.meta[key]
    return settings


def warning_selection(
    claims_dir: Path | None, select: tuple[str, ...], ignore: tuple[str, ...]
) -> Selection:
    """Warnings to report: --select/--ignore when given, else the settings'."""
    from tracker.config import ConfigError, Selection, check_codes

    chosen = settings_for(claims_dir).selection
    try:
        return Selection(
            check_codes(list(select), "--select") if select else chosen.select,
            check_codes(list(ignore), "--ignore") if ignore else chosen.ignore,
        )
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from None


SELECT = click.option(
    "--select",
    multiple=True,
    metavar="CODE",
    shell_complete=complete_codes,
    help="Report only these warning codes (repeatable); errors are always reported.",
)
IGNORE = click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    shell_complete=complete_codes,
    help="Do not report these warning codes (repeatable). A line's own "
    "`# tracker: ignore[CODE]` comment silences one there.",
)


def check_claims_folder(folder: Path, name: str = "CLAIMS_DIR", *, empty_ok: bool = False) -> Path:
    from tracker.reading.files import DirectoryFiles

    if not folder.is_dir():
        where = "here" if folder == Path("claims") else f"at {folder}"
        raise click.BadParameter(
            f"no claims folder {where}; give the folder that holds the claim files, "
            "e.g. `tracker report path/to/claims`",
            param_hint=name,
        )
    if not empty_ok and not DirectoryFiles(folder).claim_files():
        raise click.BadParameter(
            f"{folder} holds no claim files (*.yaml, *.yml); give the folder that holds "
            "them, or start one with the format in the README",
            param_hint=name,
        )
    return folder


CLAIMS_DIR = click.argument(
    "claims_dir",
    required=False,
    type=click.Path(path_type=Path),
    callback=claims_folder,
)
# Where an import writes: an empty folder is a corpus about to start.
IMPORT_DIR = click.argument(
    "claims_dir",
    required=False,
    type=click.Path(path_type=Path),
    callback=lambda ctx, param, value: check_claims_folder(
        value or settings_for().claims or Path("claims"), param.human_readable_name, empty_ok=True
    ),
)


def emit_diagnostics(
    diagnostics: list[Diagnostic], fmt: str = "text", *, err: bool = False
) -> None:
    """Print diagnostics in ``fmt``: on stdout where they are what the command gives (validate,
    fmt, the imports), on stderr (``err``) where stdout carries data (a report, a table, an
    export, formatted text), so a pipe gets only the data."""
    from tracker.render import diagnostics as render

    if fmt in ("github", "sarif"):
        from tracker.reading.files import repository_root

        here = Path.cwd()
        renderer = render.render_github if fmt == "github" else render.render_sarif
        click.echo(renderer(diagnostics, repository_root(here), here), nl=False, err=err)
    elif fmt == "json":
        click.echo(render.render_json(diagnostics), nl=False, err=err)
    else:
        colour = use_color(err=err)
        text = render.render_text(diagnostics, color=colour)
        click.echo(text, nl=False, err=err, color=colour or None)


def use_color(*, err: bool = False) -> bool:
    """Colour only on a terminal: NO_COLOR (any value but empty) turns it off, FORCE_COLOR
    (any value but empty or 0) turns it on in a pipe too (https://no-color.org,
    https://force-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    stream = sys.stderr if err else sys.stdout
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def cache_allowed() -> bool:
    return not click.get_current_context().find_root().params.get("no_cache")


@contextlib.contextmanager
def corpus_refusals(claims_dir: Path) -> Iterator[None]:
    """The one place where a command stops on what the library refuses: a corpus with
    errors lists them and exits 1; an option naming an unknown topic or source is a usage
    error (exit 2) that lists the known ones."""
    from tracker.run import InvalidCorpus, UnknownNames

    try:
        yield
    except InvalidCorpus as error:
        invalid(claims_dir, error)
    except UnknownNames as error:
        raise click.BadParameter(str(error), param_hint=error.option) from None


def invalid(claims_dir: Path, error: InvalidCorpus) -> NoReturn:
    """Nothing is reported on a corpus with errors: list them and exit 1."""
    from tracker.render.diagnostics import summary

    emit_diagnostics(error.analysed.diagnostics, err=True)
    click.echo(
        f"tracker: {claims_dir} has {summary(error.analysed.diagnostics)}; fix the errors "
        "above (`tracker validate` lists them) and run again",
        err=True,
    )
    sys.exit(EXIT_PROBLEMS)


def _loudness(context: click.Context, param: click.Parameter, value: bool) -> None:
    """-q and -v, given before the subcommand or after it (`tracker validate -q`)."""
    if not value:
        return
    root = context.find_root()
    other = "tracker-verbose" if param.name == "quiet" else "tracker-quiet"
    if root.meta.get(other):
        raise click.UsageError("-q and -v cannot be used together")
    if param.name == "verbose" and not root.meta.get("tracker-verbose"):
        started = time.monotonic()
        root.call_on_close(
            lambda: click.echo(f"tracker: done in {time.monotonic() - started:.2f} s", err=True)
        )
    root.meta[f"tracker-{param.name}"] = True


_QUIET_HELP = "Print only problems and results: no summaries."
_VERBOSE_HELP = "Also print what was read and how long it took."


def first_sentence(help_text: str | None) -> str:
    """A command's summary in the list of commands: its first sentence whole, without the
    parentheses its own help explains (click cut it at 45 characters, mid-parenthesis)."""
    text = " ".join((help_text or "").split("\n\n")[0].split())
    text = re.sub(r"\s*\([^()]*\)", "", text)
    end = text.find(". ")
    return text[: end + 1] if end >= 0 else text


class Command(click.Command):
    """Every subcommand also takes -q and -v, as the group does."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or first_sentence(self.help)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params += [
            click.Option(names, is_flag=True, expose_value=False, callback=_loudness, help=text)
            for names, text in (
                (["-q", "--quiet"], _QUIET_HELP),
                (["-v", "--verbose"], _VERBOSE_HELP),
            )
        ]


class Group(click.Group):
    """The `tracker` group: its commands and sub-groups take -q and -v too."""

    command_class = Command
    group_class = type

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or first_sentence(self.help)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="tracker")
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="TRACKER_NO_CACHE",
    help="Do not read or write the caches (.tracker-cache/ beside the claims folder: "
    "parsed files, and whole reports). Also set by TRACKER_NO_CACHE=1.",
)
@click.option("-q", "--quiet", is_flag=True, help=_QUIET_HELP)
@click.option("-v", "--verbose", is_flag=True, help=_VERBOSE_HELP)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=64),
    envvar="TRACKER_JOBS",
    help="Processes that parse claim files (default: one per core, from about 2 MB of YAML "
    "not in the cache; 1 parses in this process). Also set by TRACKER_JOBS.",
)
@click.pass_context
def cli(
    context: click.Context, no_cache: bool, quiet: bool, verbose: bool, jobs: int | None
) -> None:
    """Track claims, their sources, and the contradictions between them.

    Claim files are YAML files under CLAIMS_DIR (default ./claims, or the `claims` setting);
    see the README for the format.

    Exit codes: 0 success, 1 problems found (errors, new conflicts, files to reformat),
    2 usage error (no claims folder, unknown option, code or setting), 3 internal error,
    130/143 interrupted.

    Shell completion: eval "$(_TRACKER_COMPLETE=bash_source tracker)" (zsh_source, fish_source).
    """
    if quiet and verbose:
        raise click.UsageError("-q and -v cannot be used together")
    started = time.monotonic()
    for name, given in (("quiet", quiet), ("verbose", verbose)):
        if given:
            _loudness(context, next(p for p in cli.params if p.name == name), True)
    from tracker.corpus.load import PROGRESS
    from tracker.corpus.parallel import JOBS

    PROGRESS.set(progress_bar(started))
    JOBS.set(jobs)


def is_quiet() -> bool:
    return bool(click.get_current_context().find_root().meta.get("tracker-quiet"))


def is_verbose() -> bool:
    return bool(click.get_current_context().find_root().meta.get("tracker-verbose"))


def progress_bar(started: float) -> Callable[[int, int], None] | None:
    """A progress line on standard error for loads longer than about two seconds, only on a
    terminal (never in a pipe or a log), redrawn at most ten times a second."""
    if not sys.stderr.isatty():
        return None
    last = [0.0]
    after = float(os.environ.get("TRACKER_PROGRESS_AFTER", "2"))  # seconds; tests use 0

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if now - started < after or (now - last[0] < 0.1 and done < total):
            return
        last[0] = now
        end = "\r\x1b[K" if done == total else ""
        sys.stderr.write(f"\rreading claim files: {done:,}/{total:,}{end}")
        sys.stderr.flush()

    return show


STDIN_FILENAME = click.option(
    "--stdin-filename",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With '-': the path the text read from standard input stands for (in messages, and "
    "as the file it replaces in its corpus).",
)


def stdin_bytes() -> bytes:
    return sys.stdin.buffer.read()

"""The commands that check claim files for a pull request: validate, fmt, diff, schema."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tracker.cli.base import (
    EXIT_OK,
    EXIT_PROBLEMS,
    IGNORE,
    SELECT,
    STDIN_FILENAME,
    WIDTH,
    cache_allowed,
    check_claims_folder,
    cli,
    emit_diagnostics,
    is_quiet,
    is_verbose,
    settings_for,
    stdin_bytes,
    warning_selection,
    width_of,
)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json", "sarif"]),
    default=lambda: "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text",
    show_default="text, or github when GITHUB_ACTIONS=true",
    help="text: PATH:LINE:COL lines; github: workflow-command annotations; json: one "
    "object; sarif: SARIF 2.1.0, for code-scanning pages. All on stdout.",
)
@STDIN_FILENAME
@SELECT
@IGNORE
def validate(
    paths: tuple[Path, ...],
    strict: bool,
    fmt: str,
    stdin_filename: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Check every claim file under a claims folder (default ./claims) and list every
    problem found.

    PATHS may instead name claim files, or '-' for standard input (with --stdin-filename):
    they are checked against the rest of their corpus (./claims when they lie in it, else
    the folder that holds them), and only their problems are listed.

    Exit codes: 0 valid, 1 problems found (errors, or warnings with --strict), 2 usage error.
    """
    from tracker.render.diagnostics import summary

    files = [p for p in paths if str(p) != "-"]
    folders = [p for p in files if p.is_dir()]
    if folders and (len(paths) > 1):
        raise click.UsageError("give one claims folder, or claim files, not both")
    if folders or not paths:
        default = settings_for().claims or Path("claims")
        claims_dir = check_claims_folder(folders[0] if folders else default, "PATHS")
        strict = strict or settings_for(claims_dir).strict
        from tracker.run import analyse_folder

        selection = warning_selection(claims_dir, select, ignore)
        checked = analyse_folder(claims_dir, use_cache=cache_allowed(), selection=selection)
        shown, label, count = checked.diagnostics, str(claims_dir), len(checked.corpus.files)
    else:
        for path in files:
            if not path.is_file():
                raise click.BadParameter(f"no such claim file: {path}", param_hint="PATHS")
        stdin = None
        if "-" in map(str, paths):
            name = stdin_filename or Path("claims") / "stdin.yaml"
            stdin = (name, stdin_bytes())
        home = _corpus_of([*files, *([stdin[0]] if stdin else [])])
        strict = strict or settings_for(home).strict
        from tracker.run import check_files

        selection = warning_selection(home, select, ignore)
        result = check_files(
            home, files, stdin=stdin, use_cache=cache_allowed(), selection=selection
        )
        checked, shown = result.analysed, result.diagnostics
        label, count = ", ".join(result.files), len(result.files)
    emit_diagnostics(shown, fmt)
    if is_verbose():
        corpus = checked.corpus
        click.echo(
            f"tracker: read {len(corpus.files)} files: {len(corpus.sources)} sources, "
            f"{len(corpus.topics)} topics, {len(corpus.claims)} claims, "
            f"{len(checked.conflicts)} conflicts",
            err=True,
        )
    failing = any(d.severity.value == "error" for d in shown) or (strict and bool(shown))
    if fmt == "text" and (not is_quiet() or failing):
        # Count the files that fail, not just the corpus: "2 files, 1 invalid".
        failing_files = {d.location.path for d in shown if strict or d.severity.value == "error"}
        files_text = f"{count} file{'s' * (count != 1)}"
        state = f"{files_text}, {len(failing_files)} invalid" if failing else f"{files_text} valid"
        click.echo(f"{label}: {state}: {summary(shown)}")
    sys.exit(EXIT_PROBLEMS if failing else EXIT_OK)


def _corpus_of(paths: list[Path]) -> Path:
    """The claims folder that named files belong to: ./claims when they lie in it, else the
    folder that holds the first of them."""
    from tracker.reading.files import DirectoryFiles

    default = settings_for().claims or Path("claims")
    if default.is_dir() and all(DirectoryFiles(default).contains(p) for p in paths):
        return default
    return paths[0].parent


@cli.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.argument("claims_arg", metavar="[CLAIMS_DIR]", required=False)
@click.option(
    "--claims",
    "claims_option",
    type=click.Path(path_type=Path),
    help="The claims folder, as the CLAIMS_DIR argument (default ./claims).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "markdown", "json"]),
    default="table",
    show_default=True,
    help="markdown is fit to paste as a pull-request comment.",
)
@click.option("--fail-on-new", is_flag=True, help="Exit 1 when the change adds open conflicts.")
@WIDTH
def diff(
    base: str | None,
    head: str | None,
    claims_arg: str | None,
    claims_option: Path | None,
    fmt: str,
    fail_on_new: bool,
    width: int | None,
) -> None:
    """Show the conflicts a change adds, removes and changes.

    BASE and HEAD are git revisions. HEAD defaults to the working tree, BASE to the merge base
    with the default branch (or HEAD where there is none). CLAIMS_DIR (default ./claims) is the
    claims folder in the working tree, the same path at each revision; an argument that is a
    folder on disk is taken as CLAIMS_DIR. Files are read straight from git: the working tree
    and the index are never touched. Exit codes: 0 done, 1 --fail-on-new found new open
    conflicts or a revision has errors, 2 usage error (no claims folder, unknown revision).
    """
    given = [a for a in (base, head, claims_arg) if a is not None]
    folders = [a for a in given if Path(a).is_dir()]
    revisions = [a for a in given if a not in folders[:1]]
    if len(revisions) > 2:
        raise click.UsageError("give at most two revisions (BASE and HEAD) and one CLAIMS_DIR")
    base, head = [*revisions, None, None][:2]
    claims_dir = check_claims_folder(
        claims_option or (Path(folders[0]) if folders else Path("claims")), "CLAIMS_DIR"
    )
    from tracker.reading.gitfiles import GitError
    from tracker.render.diff import render
    from tracker.review.diff import compare_revisions

    try:
        comparison = compare_revisions(claims_dir, base, head)
    except GitError as exc:
        raise click.UsageError(f"git: {exc}") from None
    if comparison.diagnostics:
        emit_diagnostics(comparison.diagnostics, err=True)  # stdout is the comparison
    if comparison.diff is None:
        click.echo(
            "tracker: the corpus has errors at a compared revision (listed above); "
            "fix them and run again",
            err=True,
        )
        sys.exit(EXIT_PROBLEMS)
    click.echo(render(comparison.diff, fmt, width_of(width)), nl=False)
    if fail_on_new and comparison.diff.new_open:
        sys.exit(EXIT_PROBLEMS)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, path_type=Path))
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; list the files that would change and exit 1 if any.",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Change nothing; print a unified diff of what would change and exit 1 if any.",
)
@STDIN_FILENAME
def fmt(paths: tuple[Path, ...], check: bool, show_diff: bool, stdin_filename: Path | None) -> None:
    """Rewrite claim files in one canonical layout, keeping comments.

    PATHS are files or folders (default: ./claims), or '-' to format standard input to
    standard output (--stdin-filename names it in messages). Meaning never changes: a file
    whose result would read differently, or that does not parse, is reported and left
    untouched.

    Exit codes: 0 done (or nothing to change), 1 a file was left untouched, or --check/--diff
    found files to change, 2 usage error.
    """
    from tracker.reading.files import DirectoryFiles
    from tracker.review.fmt import FormatError, format_file, format_text

    if any(str(p) == "-" for p in paths):
        if len(paths) > 1:
            raise click.UsageError("'-' (standard input) is formatted alone")
        shown = (stdin_filename or Path("stdin.yaml")).as_posix()
        data = stdin_bytes()
        from tracker.reading.parse import decode

        text, unreadable = decode(shown, data)
        try:
            if text is None:
                raise FormatError(unreadable[0])
            formatted = format_text(text, shown)
        except FormatError as exc:
            emit_diagnostics([exc.problem], err=True)  # stdout is the formatted text
            sys.exit(EXIT_PROBLEMS)
        if show_diff or check:
            if show_diff:
                _print_diff(shown, text, formatted)
            sys.exit(EXIT_PROBLEMS if formatted != text else EXIT_OK)
        click.echo(formatted, nl=False)
        sys.exit(EXIT_OK)
    targets: list[Path] = []
    for path in paths or (Path("claims"),):
        if not path.exists() and not path.is_symlink():
            raise click.BadParameter(f"no such file or folder: {path}", param_hint="PATHS")
        if path.is_dir():
            targets += [Path(p) for p in DirectoryFiles(path).claim_files()]
        else:
            targets.append(path)
    dry = check or show_diff
    # Messages on stdout, as the command's result; with --diff stdout is the patch, so they
    # go to stderr (`tracker fmt --diff | git apply` gets only the patch).
    err = show_diff
    changed = problems = 0
    for target in targets:
        result = format_file(target, check=dry)
        if result.problem is not None:
            problems += 1
            emit_diagnostics([result.problem], err=err)
            click.echo(f"left untouched: {result.path}", err=err)
        elif result.changed:
            changed += 1
            if show_diff:
                _print_diff(result.path, result.original, result.formatted)
            elif not is_quiet():
                click.echo(f"{'would reformat' if check else 'reformatted'} {result.path}")
    verb = "would be reformatted" if dry else "reformatted"
    if not is_quiet():
        click.echo(
            f"{changed} file{'s' * (changed != 1)} {verb}, "
            f"{len(targets) - changed - problems} unchanged, {problems} left untouched",
            err=err,
        )
    sys.exit(EXIT_PROBLEMS if problems or (dry and changed) else EXIT_OK)


def _print_diff(path: str, before: str, after: str) -> None:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    click.echo("".join(lines), nl=False)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of claim files, for editors.

    Save it (tracker schema > claims.schema.json) and start claim files with
    `# yaml-language-server: $schema=../claims.schema.json` for VS Code's YAML extension.
    """
    from tracker.corpus.schema import schema_text

    click.echo(schema_text(), nl=False)

"""`tracker import csv` and `tracker import claimreview` as library calls: a sheet or a feed
read, turned into a claim file, merged into the file an earlier import wrote
(:mod:`tracker.exchange.merge`), checked against the rest of the corpus, and written.

The check and the write happen under an advisory lock on the claims folder, so two imports
at once never both pass their check and then both write (duplicate ids, one file replacing
the other): the second waits, then sees the first one's file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tracker.diagnostics import Diagnostic, Severity, has_errors
from tracker.reading.files import CLAIM_SUFFIXES, DirectoryFiles, read_regular_file
from tracker.run import _analyse, check_files

Kind = Literal["csv", "claimreview"]


@dataclass(frozen=True)
class SheetOptions:
    """How a sheet names its columns (header -> claim key, or "-" to leave it out) and
    writes ambiguous dates ("day-first" or "month-first")."""

    columns: dict[str, str] = field(default_factory=dict)
    date_order: Literal["day-first", "month-first"] | None = None


class ImportRefused(ValueError):
    """The import cannot write where it was asked to (a usage error: nothing was read)."""


@dataclass
class ImportResult:
    """What an import did. Nothing was written unless ``written``."""

    target: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: bool = False
    claims: int = 0  # claims the sheet or feed gave
    new_sources: int = 0
    summary: str = ""  # "2 kept, 1 added, 0 updated, 0 removed"
    refused: bool = False  # errors (or, with strict, warnings): nothing written
    empty: bool = False  # the feed gave no claim: nothing to write


def check_target(claims_dir: Path, target: Path) -> None:
    """An import writes a claim file the corpus will read: inside the claims folder, named
    *.yaml or *.yml, not hidden (the loader skips names starting with '.')."""
    files = DirectoryFiles(claims_dir)
    try:
        inside = files.contains(target)
    except (OSError, RuntimeError, ValueError) as exc:
        raise ImportRefused(f"cannot write {target}: {exc}") from None
    if not inside:
        raise ImportRefused(
            f"{target} is not inside the claims folder {claims_dir} (or is a link leading out "
            "of it); an import writes a claim file of that corpus: give -o inside it"
        )
    relative = target.resolve().relative_to(claims_dir.resolve())
    if any(part.startswith(".") for part in relative.parts):
        raise ImportRefused(
            f"{target}: names starting with '.' are skipped by validate and report, so the "
            "claims would vanish; give -o a name that does not start with '.'"
        )
    if not target.name.endswith(CLAIM_SUFFIXES):
        raise ImportRefused(
            f"{target}: claim files end in .yaml or .yml, or validate and report skip them; "
            "give -o a name ending in .yaml"
        )


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on the claims folder itself (no lock file is left)."""
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def import_file(
    kind: Kind,
    given: Path,
    claims_dir: Path,
    target: Path,
    *,
    data: bytes | None = None,
    use_cache: bool = True,
    missing: str = "refuse",
    strict: bool = False,
    sheet: SheetOptions | None = None,
) -> ImportResult:
    """Import the sheet or feed ``given`` (its bytes ``data``, else read from the file) into
    ``target`` in ``claims_dir``; ``sheet`` says how a sheet names its columns and writes
    its dates. Raises ImportRefused for a target that may not be written, OSError when the
    input cannot be read."""
    check_target(claims_dir, target)
    if data is None:
        data = read_regular_file(given, Path(given.resolve().anchor), "input")
    with folder_lock(claims_dir), _without_cyclic_collection():
        return _import_locked(
            kind,
            str(given),
            data,
            claims_dir,
            target,
            use_cache,
            missing,
            strict,
            sheet or SheetOptions(),
        )


@contextlib.contextmanager
def _without_cyclic_collection() -> Iterator[None]:
    """An import makes millions of small objects (a 20,000-review feed, the claim file's
    nodes and records) and no cycles worth collecting: Python's cyclic collector, run again
    and again over all of them, would take half the time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _import_locked(
    kind: Kind,
    label: str,
    data: bytes,
    claims_dir: Path,
    target: Path,
    use_cache: bool,
    missing: str,
    strict: bool,
    sheet: SheetOptions,
) -> ImportResult:
    from tracker.exchange.merge import MergeRefused, merge
    from tracker.output import write_atomic

    result = ImportResult(target)
    shown = DirectoryFiles(claims_dir).display(target)
    made = _made(kind, label, data, claims_dir, shown, use_cache, sheet)
    result.diagnostics += made.diagnostics
    if has_errors(made.diagnostics) or (strict and made.diagnostics) or not made.text:
        result.refused = has_errors(made.diagnostics) or (strict and bool(made.diagnostics))
        result.empty = not made.text
        return result
    result.claims, result.new_sources = made.claims, made.new_sources
    text = made.text
    old_text = _old_text(target, claims_dir)
    if old_text is not None:
        try:
            merged = merge(
                shown,
                old_text,
                made.text,
                owned=made.owned,
                generated_comment=made.generated_comment,
                missing=missing,
            )
        except MergeRefused as exc:
            result.diagnostics += exc.problems
            result.refused = True
            return result
        text, result.summary = merged.text, merged.summary()
        if not merged.changed:
            return result  # the same file: nothing to write
    else:
        result.summary = f"0 kept, {made.claims} added, 0 updated, 0 removed"
    checked = check_files(claims_dir, [], stdin=(target, text.encode("utf-8")), use_cache=use_cache)
    found = [
        d
        for d in checked.analysed.diagnostics
        if d.severity is Severity.ERROR or d.location.path == shown
    ]
    result.diagnostics += made.locate(shown, text, found)
    if has_errors(result.diagnostics) or (strict and result.diagnostics):
        result.refused = True
        return result
    write_atomic(target, text, replace=True)
    result.written = True
    return result


def _old_text(target: Path, claims_dir: Path) -> str | None:
    """The text of the file an import merges into, or None when there is none."""
    if not target.exists() and not target.is_symlink():
        return None
    data = read_regular_file(target, claims_dir.resolve().parent, "file to merge into")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise OSError(
            errno.EINVAL, f"{target} is not UTF-8 text; it cannot be merged into"
        ) from None


Locate = Callable[[str, str, list[Diagnostic]], list[Diagnostic]]
# What an import writes: the claim keys (merged by key) and the comment lines (replaced).
CLAIMREVIEW_KEYS = frozenset({"id", "text", "source", "date", "evidence"})


@dataclass
class Made:
    """A sheet or feed turned into a claim file's text, with what merging and locating its
    problems need to know of it."""

    text: str
    diagnostics: list[Diagnostic]
    claims: int = 0
    new_sources: int = 0
    owned: Callable[[str], bool] = lambda key: True
    generated_comment: Callable[[str], bool] = lambda line: False
    # (the file's display path, its text, problems found) -> problems at the input's places
    locate: Locate = lambda path, text, found: found


def _made(
    kind: Kind,
    label: str,
    data: bytes,
    claims_dir: Path,
    shown: str,
    use_cache: bool,
    sheet: SheetOptions,
) -> Made:
    if kind == "csv":
        return _made_from_sheet(label, data, sheet)
    return _made_from_feed(label, data, claims_dir, shown, use_cache)


def _made_from_sheet(label: str, data: bytes, options: SheetOptions) -> Made:
    from tracker.exchange.sheet import EVIDENCE, locate, read_sheet

    imported, problems = read_sheet(label, data, options.columns, options.date_order)
    if has_errors(problems):
        return Made("", problems)
    columns = {"id", *(c for c in imported.header if c not in EVIDENCE)}
    if "document" in imported.header:
        columns.add("evidence")
    return Made(
        imported.text,
        problems,  # warnings: columns left out
        len(imported.claims),
        owned=columns.__contains__,
        locate=lambda path, text, found: locate(imported, path, found, text),
    )


def _made_from_feed(label: str, data: bytes, claims_dir: Path, shown: str, use_cache: bool) -> Made:
    from tracker.exchange.factchecks import import_feed, is_review_comment, locate

    # Claims are checked against the corpus without the file being merged into: its claims
    # are the ones being imported again, not claims the corpus already has. Its sources
    # count (an author is the source declared there, by name).
    corpus = _analyse(claims_dir, claims_dir, use_cache, None).corpus
    claims = {k: c for k, c in corpus.claims.items() if c.path != shown}
    imported = import_feed(label, data, corpus.sources, claims)
    return Made(
        imported.text,
        imported.diagnostics,
        imported.claims,
        imported.new_sources,
        owned=CLAIMREVIEW_KEYS.__contains__,
        generated_comment=is_review_comment,
        locate=lambda path, text, found: locate(imported, path, found, text),
    )

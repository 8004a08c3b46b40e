"""One canonical layout for claim files, keeping every comment and never changing meaning.

The layout: keys in the order FORMAT.md gives them (unknown keys after, as written), entries as
block mappings, lists of plain values in flow style (``via: [nyt, afp]``), two-space indents
with list dashes indented under their key, quotes only where YAML needs them, no line folding.

ruamel.yaml's round-trip mode does the rewriting because it keeps comments and block scalars,
which PyYAML drops. A file already in the layout is proven so without it
(:mod:`tracker.review.canonical`: libyaml's nodes written out give back its lines), so that
``fmt --check`` costs about what reading the file does. Every result is checked before it is
written: the file read back must give the same records as before, and formatting it again
must change nothing.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

import yaml

from tracker.corpus.fields import (
    read_records,
)
from tracker.diagnostics import Code, Diagnostic, Location, diagnose, has_errors
from tracker.output import remove_stale_temporaries, write_atomic
from tracker.reading.files import read_regular_file, resolved
from tracker.reading.parse import decode, parse
from tracker.review.canonical import is_canonical
from tracker.review.comments import comments
from tracker.review.layout import canonical_layout, round_trip_yaml


class FormatError(Exception):
    """The file cannot be formatted safely; it is left as it is."""

    def __init__(self, problem: Diagnostic) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _dump(text: str, path: str = "<text>") -> str:
    yaml = round_trip_yaml()
    try:
        document = yaml.load(text)
        if document is None:
            return text  # empty, or comments only
        canonical_layout(document)
        buffer = io.StringIO()
        yaml.dump(document, buffer)
    except Exception as exc:  # a ruamel.yaml failure (even a bug) must not lose the file
        raise FormatError(_refusal(path, f"ruamel.yaml cannot rewrite this file ({exc})")) from None
    return buffer.getvalue()


def _meaning(path: str, text: str) -> tuple[Any, list[str]]:
    """What a file means to tracker: its records without positions, and its problems."""
    parsed, problems = parse(path, text.encode("utf-8"))
    records, more = read_records(path, parsed.root)
    return _strip(records), sorted(d.code for d in problems + more)


def _strip(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return tuple(
            (f.name, _strip(getattr(value, f.name)))
            for f in fields(value)
            if f.name not in ("marks", "mark", "quote_mark", "path")
        )
    if isinstance(value, list | tuple):
        return tuple(_strip(v) for v in value)
    return value


def _refusal(path: str, why: str) -> Diagnostic:
    return diagnose(Location(path), Code.FMT_REFUSED, f"{why}; the file was left as it is")


MAX_FLOW_ITEMS = 10_000


def format_text(text: str, path: str = "<text>") -> str:
    """The canonical layout of a claim file's text. Raises FormatError when the file does not
    parse, or when the result would not mean exactly what the original means."""
    parsed, problems = parse(path, text.encode("utf-8"))
    if has_errors(problems):
        raise FormatError(problems[0])
    if is_canonical(text, parsed.root):
        return text  # proven in the layout already: no round trip (canonical.py)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count(",") > MAX_FLOW_ITEMS:
            # ruamel.yaml scans a long flow collection in quadratic time (40,000 items: 5 s,
            # 1,000,000: minutes): refuse rather than hang.
            raise FormatError(
                diagnose(
                    Location(path, number),
                    Code.FMT_REFUSED,
                    f"line {number} holds a flow list or mapping of over {MAX_FLOW_ITEMS:,} "
                    "items, too long to format in reasonable time; write it as a block list "
                    "(one '- item' a line); the file was left as it is",
                )
            )
    formatted = _dump(text, path)
    if formatted == text:
        return text
    if _meaning(path, formatted) != _meaning(path, text):
        raise FormatError(_refusal(path, "formatting would change what the file means"))
    try:
        lost = comments(text) - comments(formatted)
    except (yaml.YAMLError, RecursionError) as exc:
        raise FormatError(_refusal(path, f"its comments cannot be checked ({exc})")) from None
    if lost:
        first = next(iter(sorted(lost)))
        raise FormatError(_refusal(path, f"formatting would drop the comment {first[:60]!r}"))
    if _dump(formatted, path) != formatted:
        raise FormatError(_refusal(path, "the layout is not stable for this file"))
    return formatted


@dataclass(frozen=True)
class FormatResult:
    path: str
    changed: bool
    problem: Diagnostic | None = None
    original: str = ""  # the text before and after, when it changed (for `fmt --diff`)
    formatted: str = ""


def format_file(path: Path, *, check: bool = False) -> FormatResult:
    """Format one file in place, or with ``check`` only say whether it would change. A file
    that cannot be formatted is never touched.

    A symbolic link is formatted through: its target is rewritten and the link stays. A file
    with other hard links is rewritten in place, so every link sees the result. A read-only
    file is refused. Otherwise the file is replaced atomically (temporary file, rename)."""
    shown = path.as_posix()
    try:
        target = resolved(path) if path.is_symlink() else path
        # Never a FIFO or a device (which could hang), never over the size limit.
        data = read_regular_file(target, Path(resolved(target).anchor), "claim file")
        info = target.stat()
    except OSError as exc:
        return FormatResult(
            shown,
            False,
            diagnose(Location(shown), Code.READ, f"cannot read the file: {exc.strerror}"),
        )
    remove_stale_temporaries(target)
    text, problems = decode(shown, data)
    if text is None:
        return FormatResult(shown, False, problems[0])
    try:
        formatted = format_text(text, shown)
    except FormatError as exc:
        return FormatResult(shown, False, exc.problem)
    changed = formatted.encode("utf-8") != data
    if not changed or check:
        return (
            FormatResult(shown, changed, None, text, formatted)
            if changed
            else FormatResult(shown, False)
        )
    if not info.st_mode & 0o222:
        return FormatResult(
            shown,
            False,
            _refusal(shown, "the file is read-only (chmod u+w makes it writable)"),
        )
    try:
        if info.st_nlink > 1:
            _write_in_place(target, formatted.encode("utf-8"))
        else:
            write_atomic(target, formatted, replace=True)
    except OSError as exc:
        why = exc.strerror or str(exc)
        return FormatResult(shown, False, _refusal(shown, f"cannot write the file: {why}"))
    return FormatResult(shown, changed)


def _write_in_place(path: Path, data: bytes) -> None:
    """Rewrite a hard-linked file's content without replacing the file (a rename would
    split it from its other links)."""
    with path.open("r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())

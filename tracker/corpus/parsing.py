"""One claim file's bytes to its records: parse, read the records, its
`# tracker: ignore[...]` comments, and (when it does not parse) the words that may be its ids.

Pure and self-contained, so that worker processes (:mod:`tracker.corpus.parallel`) and the
loader (:mod:`tracker.corpus.load`) both call it without importing each other.
"""

from __future__ import annotations

import re

from tracker.corpus.fields import FileRecords, read_records
from tracker.diagnostics import (
    CODES,
    WARNING_CODES,
    Code,
    Diagnostic,
    Location,
    clip,
    diagnose,
    did_you_mean,
    has_errors,
)
from tracker.reading.parse import parse

_IGNORE = re.compile(rb"#\s*tracker:\s*ignore\[([^\]\n]*)\]")


def suppressions(path: str, data: bytes) -> tuple[dict[int, frozenset[str]], list[Diagnostic]]:
    """The `# tracker: ignore[code, ...]` comments of a file, by line; a comment naming an
    unknown code, or an error's code, is itself an error."""
    found: dict[int, frozenset[str]] = {}
    problems: list[Diagnostic] = []
    if b"tracker:" not in data:
        return found, problems
    for match in _IGNORE.finditer(data):
        line = data.count(b"\n", 0, match.start()) + 1
        column = match.start() - (data.rfind(b"\n", 0, match.start()) + 1) + 1
        names = [n.strip() for n in match.group(1).decode("utf-8", "replace").split(",")]
        codes = set()
        for name in filter(None, names):
            known = name in {c.value for c in Code}
            if not known or CODES[Code(name)][0] == "error":
                hint = None if known else did_you_mean(name, WARNING_CODES)
                why = (
                    "is not a code; " + (f"did you mean '{hint}'? " if hint else "")
                    if not known
                    else "is an error's code (errors cannot be ignored); "
                )
                problems.append(
                    diagnose(
                        Location(path, line, column),
                        Code.IGNORE_COMMENT,
                        f"'{clip(name, 40)}' {why}`tracker rule --all` lists the codes",
                    )
                )
            else:
                codes.add(name)
        if codes:
            found[line] = frozenset(codes)
    return found, problems


FileResult = tuple[FileRecords, list[Diagnostic]]


_WORD = re.compile(rb"[^\s:,\[\]{}#'\"]+")


def records_of(path: str, data: bytes) -> FileResult:
    """Parse one claim file's bytes and read its records (pure: runs in worker processes)."""
    parsed, problems = parse(path, data)
    records, more = read_records(path, parsed.root)
    records.suppressions, ignore_problems = suppressions(path, data)
    if parsed.root is None and has_errors(problems):
        # Ids this file may declare: its words, as far as a file that does not parse has any.
        records.words = frozenset(
            word.decode("utf-8", "replace") for word in _WORD.findall(data[:MAX_WORD_BYTES])
        )
    return records, problems + more + ignore_problems


# The words of a broken file kept to excuse references: enough for any hand-written file.
MAX_WORD_BYTES = 4 * 1024 * 1024

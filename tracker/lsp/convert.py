"""The tracker's places as LSP places: a diagnostic's FILE:LINE:COLUMN (1-based, in
characters) becomes a 0-based range in UTF-16 code units (what LSP counts by default), from
the column to the end of the value that starts there (a word, or a quoted string)."""

from __future__ import annotations

from lsprotocol import types

from tracker.diagnostics import Diagnostic, Severity

SOURCE = "tracker"


def utf16(row: str, index: int) -> int:
    """The UTF-16 offset of the character at ``index`` of ``row``."""
    head = row[:index]
    return len(head) + sum(1 for c in head if ord(c) > 0xFFFF)


def character(row: str, offset: int) -> int:
    """The character index of a UTF-16 ``offset`` in ``row`` (the inverse of :func:`utf16`)."""
    units = 0
    for index, c in enumerate(row):
        if units >= offset:
            return index
        units += 2 if ord(c) > 0xFFFF else 1
    return len(row)


def value_end(row: str, index: int) -> int:
    """Where the value starting at ``index`` ends: after its closing quote, else at the end
    of the plain value or key (before a comment, the ': ' after a key, or the ',', ']' or
    '}' that ends it inside brackets)."""
    if index >= len(row):
        return index
    opening = row[index]
    if opening in ("'", '"'):
        closing = row.find(opening, index + 1)
        return len(row) if closing < 0 else closing + 1
    in_flow = row.count("[", 0, index) + row.count("{", 0, index) > row.count(
        "]", 0, index
    ) + row.count("}", 0, index)
    end = index
    while end < len(row):
        c = row[end]
        if (c == "#" and end > 0 and row[end - 1] in " \t") or (in_flow and c in ",]}"):
            break
        if c == ":" and row[end + 1 : end + 2] in ("", " ", "\t"):  # the end of a key
            break
        end += 1
    end = len(row[:end].rstrip())
    return max(end, index + 1)


def position(lines: list[str], line: int, column: int) -> types.Position:
    """A 1-based line and character column as an LSP position."""
    row = lines[line - 1] if 1 <= line <= len(lines) else ""
    return types.Position(line=max(line - 1, 0), character=utf16(row, max(column - 1, 0)))


def span(lines: list[str], line: int, column: int, end_column: int) -> types.Range:
    return types.Range(position(lines, line, column), position(lines, line, end_column))


def to_lsp(diagnostic: Diagnostic, lines: list[str]) -> types.Diagnostic:
    """``diagnostic`` as the editor shows it: same message, code and severity, its range
    the value at its place."""
    place = diagnostic.location
    row = lines[place.line - 1] if 1 <= place.line <= len(lines) else ""
    end = value_end(row, place.column - 1) + 1  # 1-based
    return types.Diagnostic(
        range=span(lines, place.line, place.column, end),
        message=diagnostic.message,
        severity=(
            types.DiagnosticSeverity.Error
            if diagnostic.severity is Severity.ERROR
            else types.DiagnosticSeverity.Warning
        ),
        code=str(diagnostic.code),
        source=SOURCE,
    )

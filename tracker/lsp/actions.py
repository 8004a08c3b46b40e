"""Code actions: the did-you-mean fix of every diagnostic that suggests one, "quote this value"
where a plain value's ': ' or ',' broke the YAML, and "declare source" that adds a stub
entry for an unknown source to the file that declares the corpus's sources. Each is an edit
for the editor to apply (and undo): the server never writes a file."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from tracker.escape import yaml_string
from tracker.lsp.workspace import Workspace

_HINT = re.compile(r"did you mean '([^'\n]+)'\?")
_UNKNOWN_SOURCE = re.compile(r"^unknown source '([^'\n]+)'")
_PLAIN_VALUE = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][\w.-]*:[ \t]+)([^'\"\[{|>&*!#\s].*?)\s*$")


@dataclass(frozen=True)
class Edit:
    """Replace a span of ``path`` (0-based line, character columns) with ``text``."""

    path: str
    line: int
    start: int
    end_line: int
    end: int
    text: str


@dataclass(frozen=True)
class Action:
    title: str
    edits: tuple[Edit, ...]
    preferred: bool = False


def did_you_mean(
    path: str, lines: list[str], message: str, line: int, start: int, end: int
) -> Action | None:
    """Replace the value a diagnostic points at with the id or key it suggests."""
    hint = _HINT.search(message)
    if hint is None or not 0 <= line < len(lines):
        return None
    old = lines[line][start:end]
    quote = old[:1] if old[:1] in ("'", '"') else ""
    # Only where the diagnostic stands on the misspelt value itself (a few point at the key
    # or entry that holds it): the suggestion was chosen as close to that value.
    bare = old.strip("'\"")
    if difflib.SequenceMatcher(None, bare.lower(), hint.group(1).lower()).ratio() < 0.5:
        return None
    new = f"{quote}{hint.group(1)}{quote}"
    return Action(f"Change to '{hint.group(1)}'", (Edit(path, line, start, line, end, new),), True)


def quote_value(path: str, lines: list[str], line: int) -> Action | None:
    """Quote the plain value on the line of a syntax error (or the line above it, where
    libyaml often notices the mistake late) when it holds ': ' or ','."""
    for index in (line, line - 1):
        if not 0 <= index < len(lines):
            continue
        row = lines[index]
        found = _PLAIN_VALUE.match(row.split(" #")[0])
        if found is None:
            continue
        value = found.group(2)
        if ": " in value or value.endswith(":") or "," in value:
            start = found.end(1)
            edit = Edit(path, index, start, index, start + len(value), yaml_string(value))
            return Action("Quote this value", (edit,), True)
    return None


def declare_source(workspace: Workspace, path: str, message: str) -> Action | None:
    """Add ``name: <id>`` under ``sources:`` in the file that declares most sources."""
    unknown = _UNKNOWN_SOURCE.match(message)
    if unknown is None or workspace.analysed is None:
        return None
    ident = unknown.group(1)
    sources = workspace.analysed.corpus.sources
    if ident in sources:
        return None
    counts = Counter(s.path for s in sources.values())
    target = counts.most_common(1)[0][0] if counts else path
    lines = workspace.lines(target)
    indent = "  "
    for source in sources.values():
        if source.path == target and "id" in source.marks:
            indent = " " * (source.marks["id"][1] - 1)
            break
    header = next((i for i, row in enumerate(lines) if row.rstrip() == "sources:"), None)
    stub = f"{indent}{ident}:\n{indent}{indent}name: {ident}\n"
    if header is None:
        edit = Edit(target, 0, 0, 0, 0, "sources:\n" + stub)
    else:
        end = header + 1
        for index in range(header + 1, len(lines)):
            row = lines[index]
            if row.strip() and not row.startswith((" ", "#")):
                break
            if row.strip() and not row.lstrip().startswith("#"):
                end = index + 1
        if end < len(lines):
            edit = Edit(target, end, 0, end, 0, stub)
        else:  # at the end of a file that may not end with a newline
            last = len(lines) - 1
            width = len(lines[last])
            edit = Edit(target, last, width, last, width, "\n" + stub.rstrip("\n"))
    return Action(f"Declare source '{ident}' in {target}", (edit,))

"""Files to YAML nodes: decoding, parsing, and syntax errors as diagnostics.

Files are *composed*, not loaded: the result is a tree of PyYAML nodes that still carry the
line and column of every key and value, so later stages can point at the exact place of a
problem. Composing never constructs Python objects from tags, so nothing in a file can run code.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import yaml

from tracker.diagnostics import Code, Diagnostic, Location, diagnose

# libyaml's composer when present: several times faster than the pure-Python one.
LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Extra advice for libyaml's most common complaints, keyed by the start of its message.
_SYNTAX_HINTS: dict[str, str] = {
    "mapping values are not allowed": (
        "an unexpected ':'; if the value contains ': ', put the whole value in quotes, "
        "otherwise check the indentation of this line"
    ),
    "did not find expected key": (
        "check the indentation: keys of one entry must line up, and a new list item starts "
        "with '- '"
    ),
    "did not find expected '-' indicator": (
        "a list item is missing its '- ', or this line is indented differently from the "
        "items above it"
    ),
    "could not find expected ':'": (
        "a key is missing its ': ', or a quoted value runs over several lines without closing"
    ),
    "found unexpected end of stream": "a quoted string or bracket is never closed",
    "found a tab character": (
        "a tab character: YAML indents with spaces only, replace the tab with spaces"
    ),
    "found undefined alias": "anchors and aliases are not supported in claim files",
    "expected <block end>, but found '-'": (
        "a list item ('- ') is indented less than the list it belongs to, or a key "
        "is missing before the list"
    ),
    "expected <block end>, but found '<block mapping start>'": (
        "this line is indented differently from the keys above it"
    ),
    "expected <block end>, but found '<scalar>'": (
        "this line is indented differently from the lines above it, or a value needs quotes"
    ),
    "found unknown escape character": (
        "a backslash inside double quotes; use single quotes, or write '\\\\'"
    ),
    "but found another document": (
        "a claim file holds one YAML document; remove the '---' line or split the file"
    ),
    "exceeded maximum nesting depth": "the file nests brackets or indentation too deeply",
}


@dataclass(frozen=True)
class ParsedFile:
    path: str
    root: yaml.Node | None  # None when the file is empty or could not be parsed


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def decode(path: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text of a file (a UTF-8 byte-order mark is dropped), or a diagnostic."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            return None, [
                diagnose(Location(path), Code.ENCODING, f"the file is {name}; save it as UTF-8")
            ]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, column = _position(good, len(good))
        return None, [
            diagnose(
                Location(path, line, column),
                Code.ENCODING,
                f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
            )
        ]


def _character_hint(text: str, line: int, column: int) -> str | None:
    lines = text.split("\n")
    found = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    if found == "\t":
        return "a tab character: YAML indents with spaces only, replace the tab with spaces"
    if found in ("@", "`"):
        return f"a plain value cannot start with '{found}'; put the value in quotes"
    if found:
        return f"the character {found!r} cannot start a value here; put the value in quotes"
    return None


def _collection_aliases(path: str, text: str) -> list[Diagnostic]:
    """The first alias (``*name``) of a list or mapping, at the place of the alias itself.

    Such aliases could repeat a whole entry under another id, or expand exponentially (the
    "billion laughs"); aliases of plain values are harmless and allowed. Only the first is
    reported, with a count of the others, so that a bomb does not flood the output.
    """
    collections: set[str] = set()
    scalar_sizes: dict[str, int] = {}
    expanded = 0  # characters that aliases of plain values add
    limit = MAX_ALIAS_EXPANSION + len(text)
    first: yaml.Event | None = None
    more = 0
    for event in yaml.parse(text, Loader=LOADER):
        anchor = getattr(event, "anchor", None)
        if anchor is None:
            continue
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            collections.add(anchor)
        elif isinstance(event, yaml.ScalarEvent):
            scalar_sizes[anchor] = len(event.value)
        elif isinstance(event, yaml.AliasEvent) and anchor in collections:
            if first is None:
                first = event
            else:
                more += 1
        elif isinstance(event, yaml.AliasEvent):
            expanded += scalar_sizes.get(anchor, 0)
            if expanded > limit:
                return [_amplification(path, event, limit)]
    if first is None:
        return []
    mark = first.start_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    others = f" ({more} more in this file)" if more else ""
    return [
        diagnose(
            Location(path, line, column),
            Code.ALIAS,
            f"the alias *{getattr(first, 'anchor', '')} repeats a list or mapping written "
            f"elsewhere{others}; aliases of lists and mappings are not supported in claim "
            "files, write the entry out",
        )
    ]


# Aliases of plain values may add this many characters to a file (beyond its own size): a
# 410 kB file aliasing a 10 kB quote 100,000 times would otherwise become 1 GB in memory.
MAX_ALIAS_EXPANSION = 1_000_000


def _amplification(path: str, event: yaml.Event, limit: int) -> Diagnostic:
    mark = event.start_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return diagnose(
        Location(path, line, column),
        Code.ALIAS,
        f"aliases expand this file past {limit:,} characters (at *{getattr(event, 'anchor', '')}"
        "); repeat short values only, or write the values out",
    )


def _syntax_diagnostic(path: str, text: str, exc: yaml.YAMLError) -> Diagnostic:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    elif isinstance(exc, yaml.reader.ReaderError):
        line, column = _position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problem = (
            f"the control character U+{code:04X} is not allowed in YAML; remove it, or write "
            f"\\u{code:04x} inside double quotes if it is meant"
        )
    else:  # pragma: no cover - PyYAML raises only the two kinds above
        line, column, problem = 1, 1, str(exc)
    hint = next((h for start, h in _SYNTAX_HINTS.items() if problem.startswith(start)), None)
    if problem.startswith("found character"):
        hint = _character_hint(text, line, column)
    message = f"YAML syntax: {problem}" + (f" ({hint})" if hint else "")
    return diagnose(Location(path, line, column), Code.SYNTAX, message)


def parse(path: str, data: bytes) -> tuple[ParsedFile, list[Diagnostic]]:
    """Compose one claim file into a node tree; syntax errors become diagnostics."""
    text, problems = decode(path, data)
    if text is None:
        return ParsedFile(path, None), problems
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        return ParsedFile(path, None), [_syntax_diagnostic(path, text, exc)]
    except RecursionError:
        return ParsedFile(path, None), [
            diagnose(Location(path), Code.SYNTAX, "YAML syntax: the file nests too deeply to read")
        ]
    if "*" in text:  # only a file with an asterisk can hold an alias
        aliases = _collection_aliases(path, text)
        if aliases:
            return ParsedFile(path, None), aliases
    return ParsedFile(path, root), []

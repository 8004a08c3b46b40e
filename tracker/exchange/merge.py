"""Re-importing a feed or a sheet into the claim file an earlier import wrote.

Fact-checkers re-import their weekly feed, and newsrooms a sheet they keep adding rows to,
into the same file, after filing the imported claims under topics by hand. So a re-import
*merges* into the file there, working on its text so that everything written by hand stays
as it was:

- a claim of the import whose id is not in the file is **added** after the file's claims (a
  new source after its sources);
- a claim in both whose keys written by the import (``owned``: the feed's text, source, date
  and evidence; the sheet's columns) are unchanged is **kept** as it is, byte for byte;
- a claim in both whose owned keys changed is **updated**: the import's lines replace the
  old ones, and every key the import does not write (a ``topic``, a ``position`` added by
  hand) and every comment written by hand stay with the claim;
- a claim in the file that the import no longer has would be **removed**: the merge refuses
  and names it unless told what to do (``MISSING``: keep it, or remove it).

The same feed imported twice leaves the file byte for byte as it was. Anything the merge
cannot carry over exactly (an end-of-line comment on a replaced line, a file that does not
parse) is a :class:`MergeRefused` that names it at TARGET:LINE:COLUMN; the file is never
rewritten then.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from tracker.diagnostics import Code, Diagnostic, Location, diagnose
from tracker.reading.parse import parse
from tracker.review.comments import comment_places, comments

MISSING = ("refuse", "keep", "remove")  # what to do with claims the import no longer has


@dataclass
class Entry:
    """One entry of a section of a claim file (a claim of ``claims``, a source of
    ``sources``), as lines of the file's text."""

    ident: str
    start: int  # first line (0-based), with the comment lines standing right above it
    line: int  # the entry's own first line
    end: int  # one past its last line of content
    column: int  # column of the item's '-' (claims) or of the key (sources)
    node: yaml.Node | None  # the claim's mapping (claims), the source's value (sources)


@dataclass
class Layout:
    """Where the sections of a claim file are, and their entries."""

    lines: list[str]
    claims: list[Entry] = field(default_factory=list)
    sources: list[Entry] = field(default_factory=list)
    claims_end: int | None = None  # one past the last line of the claims section's content
    sources_end: int | None = None
    claims_key: int | None = None  # the line of `claims:`
    sources_key: int | None = None


@dataclass
class Merged:
    text: str
    kept: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"{len(self.kept)} kept, {len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.removed)} removed"
        )


class MergeRefused(Exception):
    """The import cannot be merged without losing something; the diagnostics say what."""

    def __init__(self, problems: list[Diagnostic]) -> None:
        super().__init__(problems[0].message if problems else "cannot merge")
        self.problems = problems


Item = tuple[str, int, int, "yaml.Node | None"]  # (id, first line, column, node)
_COMMENT_LINE = re.compile(r"^\s*#")


def _is_comment(line: str) -> bool:
    return bool(_COMMENT_LINE.match(line))


def _content_end(lines: list[str], start: int, stop: int) -> int:
    """One past the last line in [start, stop) that is neither blank nor a comment."""
    end = stop
    while end > start + 1 and (not lines[end - 1].strip() or _is_comment(lines[end - 1])):
        end -= 1
    return end


def _leading(lines: list[str], line: int, floor: int) -> int:
    """The first of the comment lines standing right above ``line`` (not above ``floor``)."""
    start = line
    while start > floor and _is_comment(lines[start - 1]):
        start -= 1
    return start


def _end_line(mark: Any) -> int:
    """One past the last line a node occupies, from its end mark."""
    return int(mark.line) + (0 if mark.column == 0 else 1)


def _entries(lines: list[str], items: list[Item], stop: int, floor: int) -> list[Entry]:
    """The entries of a section ending before line ``stop``, from their (id, first line,
    column, node): each runs to the last line of content before the next one, which takes
    the comment lines standing right above it."""
    found: list[Entry] = []
    for index, (ident, line, column, node) in enumerate(items):
        bound = items[index + 1][1] if index + 1 < len(items) else stop
        start = _leading(lines, line, found[-1].end if found else floor)
        end = _content_end(lines, line, max(bound, line + 1))
        found.append(Entry(ident, start, line, end, column, node))
    return found


def layout(path: str, text: str) -> Layout:
    """The sections and entries of a claim file's text; MergeRefused when it does not parse
    or is not a mapping of sections."""
    parsed, problems = parse(path, text.encode("utf-8"))
    if problems:
        raise MergeRefused(
            [
                diagnose(
                    problems[0].location,
                    Code.IMPORT,
                    f"the file to merge into does not parse ({problems[0].message}); fix it "
                    "(tracker validate) and import again",
                )
            ]
        )
    found = Layout(text.splitlines(keepends=True))
    root = parsed.root
    if root is None:
        return found
    if not isinstance(root, yaml.MappingNode):
        raise MergeRefused(
            [
                diagnose(
                    Location(path, 1, 1), Code.IMPORT, "the file to merge into is not a claim file"
                )
            ]
        )
    for key, value in root.value:
        stop = _end_line(value.end_mark)
        if key.value == "claims" and isinstance(value, yaml.SequenceNode):
            found.claims_key = key.start_mark.line
            items: list[Item] = []
            for item in value.value:
                pairs = item.value if isinstance(item, yaml.MappingNode) else []
                ident = next((str(v.value) for k, v in pairs if k.value == "id"), "")
                # The item's '-' stands two columns before its first key.
                items.append(
                    (ident, item.start_mark.line, max(item.start_mark.column - 2, 0), item)
                )
            found.claims = _entries(found.lines, items, stop, key.start_mark.line + 1)
            found.claims_end = _content_end(found.lines, key.start_mark.line, stop)
        elif key.value == "sources" and isinstance(value, yaml.MappingNode):
            found.sources_key = key.start_mark.line
            items = [
                (str(k.value), k.start_mark.line, k.start_mark.column, v) for k, v in value.value
            ]
            found.sources = _entries(found.lines, items, stop, key.start_mark.line + 1)
            found.sources_end = _content_end(found.lines, key.start_mark.line, stop)
    return found


def _reindent(lines: Iterable[str], old: int, new: int) -> list[str]:
    """Lines moved from indentation ``old`` to ``new`` (blank lines kept as they are)."""
    moved = []
    for line in lines:
        if not line.strip():
            moved.append(line)
        elif new >= old:
            moved.append(" " * (new - old) + line)
        else:
            cut = min(old - new, len(line) - len(line.lstrip(" ")))
            moved.append(line[cut:])
    return moved


def _value(node: yaml.Node) -> Any:
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def _pairs(entry: Entry) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    node = entry.node
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): (k, v) for k, v in node.value}


def merge(
    path: str,
    old_text: str,
    new_text: str,
    *,
    owned: Callable[[str], bool],
    generated_comment: Callable[[str], bool] = lambda line: False,
    missing: str = "refuse",
) -> Merged:
    """``new_text`` (what the import wrote for the feed or sheet) merged into ``old_text``
    (the file there, named ``path``). ``owned(key)`` says which claim keys the import
    writes; ``generated_comment(line)`` which comment lines it writes (replaced on update).
    Raises :class:`MergeRefused` rather than lose anything written by hand."""
    old, new = layout(path, old_text), layout(path, new_text)
    lines = list(old.lines)
    result = Merged("")
    new_ids = {e.ident for e in new.claims}
    old_by_id = {e.ident: e for e in old.claims}
    gone = [e for e in old.claims if e.ident not in new_ids]
    if gone and missing == "refuse":
        raise MergeRefused(
            [
                diagnose(
                    Location(path, e.line + 1, e.column + 1),
                    Code.IMPORT,
                    f"claim {e.ident!r} is in {path} but no longer in the import: it would be "
                    "lost; pass --missing keep to keep it, or --missing remove to remove it",
                )
                for e in gone
            ]
        )
    # Edits from the bottom of the file up, so earlier line numbers stay true.
    edits: list[tuple[int, int, list[str]]] = []  # (start, end, replacement lines)
    problems: list[Diagnostic] = []
    # Where the old text's comments are, found once for every claim the import updates.
    commented = {line for line, _ in comment_places(old_text)}
    for entry in new.claims:
        before = old_by_id.get(entry.ident)
        if before is None:
            continue
        if _owned_values(before, owned) == _owned_values(entry, owned) and _owned_comments(
            old.lines, before, generated_comment
        ) == _owned_comments(new.lines, entry, generated_comment):
            result.kept.append(entry.ident)
            continue
        result.updated.append(entry.ident)
        replacement, lost = _updated(
            path, old.lines, commented, before, new.lines, entry, owned, generated_comment
        )
        problems += lost
        edits.append((before.start, before.end, replacement))
    for entry in gone:
        if missing == "remove":
            result.removed.append(entry.ident)
            edits.append((entry.start, entry.end, []))
        else:
            result.kept.append(entry.ident)
    if problems:
        raise MergeRefused(problems)
    added = [e for e in new.claims if e.ident not in old_by_id]
    result.added = [e.ident for e in added]
    if added:
        column = old.claims[0].column if old.claims else 2
        block: list[str] = []
        for entry in added:
            block += _reindent(new.lines[entry.start : entry.end], entry.column, column)
        if old.claims_end is None:
            edits.append((len(lines), len(lines), [*_ending(lines), "claims:\n", *block]))
        else:
            edits.append((old.claims_end, old.claims_end, block))
    known_sources = {e.ident for e in old.sources}
    fresh = [e for e in new.sources if e.ident not in known_sources]
    if fresh:
        column = old.sources[0].column if old.sources else 2
        block = []
        for entry in fresh:
            block += _reindent(new.lines[entry.start : entry.end], entry.column, column)
        if old.sources_end is None:
            at = old.claims_key if old.claims_key is not None else len(lines)
            edits.append((at, at, ["sources:\n", *block]))
        else:
            edits.append((old.sources_end, old.sources_end, block))
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[start:end] = replacement
    result.text = "".join(lines)
    _check_kept_comments(path, old_text, result, old, generated_comment)
    return result


def _ending(lines: list[str]) -> list[str]:
    """A newline to end the file's last line with, when it has none."""
    return ["\n"] if lines and not lines[-1].endswith("\n") else []


def _owned_values(entry: Entry, owned: Callable[[str], bool]) -> dict[str, Any]:
    return {key: _value(value) for key, (_, value) in _pairs(entry).items() if owned(key)}


def _owned_comments(lines: list[str], entry: Entry, generated: Callable[[str], bool]) -> list[str]:
    return [line.strip() for line in lines[entry.start : entry.end] if generated(line.strip())]


def _updated(
    path: str,
    old_lines: list[str],
    commented: set[int],  # the lines of the old text that hold a comment
    before: Entry,
    new_lines: list[str],
    after: Entry,
    owned: Callable[[str], bool],
    generated: Callable[[str], bool],
) -> tuple[list[str], list[Diagnostic]]:
    """The lines of an updated claim: the import's, with the keys and comment lines written
    by hand in the old entry carried over; problems for what cannot be carried."""
    problems: list[Diagnostic] = []
    hand_lines: set[int] = set()
    carried: list[str] = []
    key_column = after.column + 2
    for key, (key_node, value_node) in _pairs(before).items():
        first, last = key_node.start_mark.line, _end_line(value_node.end_mark)
        last = _content_end(old_lines, first, max(last, first + 1))
        if owned(key):
            for number in range(first, last):
                if number in commented and not _is_comment(old_lines[number]):
                    problems.append(
                        diagnose(
                            Location(path, number + 1, 1),
                            Code.IMPORT,
                            f"the comment on this line of claim {before.ident!r} would be lost "
                            "when the import updates its "
                            f"{key!r}; move the comment onto a line of its own and import again",
                        )
                    )
            hand_lines.update(range(first, last))
            continue
        hand_lines.update(range(first, last))
        carried += _reindent(old_lines[first:last], key_node.start_mark.column, key_column)
    hand_comments = [
        line
        for number, line in enumerate(old_lines[before.start : before.end], start=before.start)
        if number not in hand_lines and _is_comment(line) and not generated(line.strip())
    ]
    leading = new_lines[after.start : after.line]
    body = new_lines[after.line : after.end]
    lines = (
        _reindent(leading, after.column, before.column)
        + _reindent(hand_comments, _indent(hand_comments), before.column)
        + _reindent(body + carried, after.column, before.column)
    )
    return lines, problems


def _indent(lines: list[str]) -> int:
    return min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)


def _check_kept_comments(
    path: str, old_text: str, result: Merged, old: Layout, generated: Callable[[str], bool]
) -> None:
    """Every comment of the old file is still there, but for those of removed claims and
    the import's own (replaced on update): checked on the text, as fmt checks."""
    removed = {e.ident for e in old.claims} & set(result.removed)
    allowed: list[str] = []
    for entry in old.claims:
        if entry.ident in removed:
            allowed += old.lines[entry.start : entry.end]
    expected = comments(old_text) - comments("".join(allowed))
    lost = {c: n for c, n in (expected - comments(result.text)).items() if not generated(c)}
    if lost:
        first = sorted(lost)[0]
        raise MergeRefused(
            [
                diagnose(
                    Location(path, 1, 1),
                    Code.IMPORT,
                    f"merging would drop the comment {first[:60]!r}; nothing was written",
                )
            ]
        )

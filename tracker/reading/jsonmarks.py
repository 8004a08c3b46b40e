"""JSON with positions: every object read knows the line and column it starts at, so that a
bad record of a feed (a ClaimReview export, say) can be reported where it is.

Python's ``json`` keeps no positions; its pure-Python scanner lets the object parser be
wrapped, which is all this needs. Anything that is not JSON, nests too deeply or holds a
number too long to convert is a diagnostic at its line and column, never an exception.

That scanner is slow (4 s for 30 MB), and a feed's positions are needed only for its problems:
the document is read with the C scanner, and read again with positions the first time an
object is asked where it is (the two readings give the same tree, walked side by side).
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
from typing import Any

from tracker.diagnostics import Code, Diagnostic, Location, diagnose

MAX_DEPTH = 200  # deeper than any feed; the pure-Python scanner recurses per level


class MarkedObject(dict[str, Any]):
    """A JSON object with the (line, column) of its opening brace."""

    __slots__ = ("_document", "_mark", "origin")  # no __dict__: a feed has 100,000s of them

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._mark: tuple[int, int] | None = None
        self._document: _Document | None = None  # where to find the mark when first asked
        self.origin: MarkedObject | None = None  # made from another: that one's mark

    @property
    def mark(self) -> tuple[int, int]:
        if self._mark is None and self.origin is not None:
            return self.origin.mark
        if self._mark is None and self._document is not None:
            self._document.place_all()
        return self._mark or (1, 1)

    @mark.setter
    def mark(self, value: tuple[int, int]) -> None:
        self._mark = value


class _Document:
    """A document read without positions, which finds them all when one is asked for."""

    def __init__(self, label: str, data: bytes) -> None:
        self.label, self.data = label, data
        self.root: Any = None
        self.placed = False

    def place_all(self) -> None:
        if self.placed:
            return
        self.placed = True
        marked, problems = _load_marked(self.label, self.data)
        if problems:
            return
        stack = [(self.root, marked)]
        while stack:
            fast, slow = stack.pop()
            if isinstance(fast, MarkedObject) and isinstance(slow, MarkedObject):
                fast._mark = slow.mark
                stack.extend((value, slow.get(key)) for key, value in fast.items())
            elif isinstance(fast, list) and isinstance(slow, list):
                stack.extend(zip(fast, slow, strict=False))


class _TooDeep(ValueError):
    def __init__(self, offset: int) -> None:
        super().__init__("nested too deeply")
        self.offset = offset


def release(value: Any) -> None:
    """Let the objects of a document read by :func:`load_json` be freed as soon as nothing
    else holds them (each knows its document, which knew them all: a cycle that only the
    cyclic collector, which imports turn off, would undo). Their marks are found no more."""
    first = value[0] if isinstance(value, list) and value else value
    document = first._document if isinstance(first, MarkedObject) else None
    if document is not None:
        document.root = None
        document.placed = True


def load_json(label: str, data: bytes) -> tuple[Any, list[Diagnostic]]:
    """The value of a JSON document, objects as :class:`MarkedObject`; or None and the
    problem, located at ``label:LINE:COLUMN``."""
    document = _Document(label, data)

    def marked(pairs: list[tuple[str, Any]]) -> MarkedObject:
        found = MarkedObject(pairs)
        found._document = document
        return found

    try:
        document.root = json.loads(data.decode("utf-8-sig"), object_pairs_hook=marked)
    except (ValueError, RecursionError):  # not JSON, or not UTF-8, or too deep: say where
        return _load_marked(label, data)
    return document.root, []


def _load_marked(label: str, data: bytes) -> tuple[Any, list[Diagnostic]]:
    """:func:`load_json` with the position of every object read as it is read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            diagnose(
                Location(label, line, column),
                Code.ENCODING,
                f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
            )
        ]
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    depth = 0
    decoder = json.JSONDecoder()

    def parse_object(
        s_and_end: tuple[str, int], *args: Any, **kwargs: Any
    ) -> tuple[MarkedObject, int]:
        nonlocal depth
        start = s_and_end[1] - 1  # the parser is called just past the brace
        depth += 1
        try:
            if depth > MAX_DEPTH:
                raise _TooDeep(start)
            pairs, end = json.decoder.JSONObject(  # type: ignore[attr-defined]
                s_and_end, *args, **kwargs
            )
        finally:
            depth -= 1
        found = MarkedObject(pairs)
        found.mark = position(start)
        return found, end

    # typeshed leaves out the scanner's hooks, which the pure-Python scanner reads.
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.object_pairs_hook = list  # pairs come back as they are; MarkedObject is built above
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    problem: tuple[int, str] | None = None
    try:
        return decoder.decode(text), []
    except json.JSONDecodeError as exc:
        problem = (exc.pos, f"not JSON: {exc.msg}; check the file is a JSON(-LD) export")
    except _TooDeep as exc:
        problem = (exc.offset, f"nested more than {MAX_DEPTH} levels deep; this is no feed")
    except RecursionError:
        problem = (0, "nested too deeply to read; this is no feed")
    except ValueError as exc:  # a number of thousands of digits (int_max_str_digits)
        problem = (0, f"cannot be read: {str(exc).split(';')[0]}; no feed holds such a number")
    line, column = position(problem[0])
    return None, [diagnose(Location(label, line, column), Code.IMPORT, problem[1])]

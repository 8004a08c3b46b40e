"""Grid tables for a terminal that fit its width.

Columns share the width by their content: a column whose text fits keeps its natural width,
the others share what is left, and text wraps inside its cell at spaces. No column is
narrower than its longest word, so an id or a word is never split across lines (it could not
be searched or copied from the report): a table whose words cannot fit takes the width it
needs. Only a "word" longer than MAX_UNBROKEN (a pasted URL, hostile input) is cut. Widths
are display widths (wcwidth): a CJK character or an emoji takes two columns, a combining
accent none, so rows stay aligned whatever the script.
"""

from __future__ import annotations

import re

from wcwidth import wcswidth, wcwidth

from tracker.render.formats import DEFAULT_WIDTH

MIN_COLUMN = 4  # narrow, but a 10-column table still fits 80 columns
MAX_UNBROKEN = 64  # longer words are cut to fit: ids and words of a claim are far shorter


def display_width(text: str) -> int:
    width = wcswidth(text)
    if width >= 0:
        return int(width)
    return sum(max(int(wcwidth(c)), 0) for c in text)  # control characters count as 0


def _cut(word: str, width: int) -> list[str]:
    """A word longer than the cell, cut into pieces that fit."""
    pieces: list[str] = []
    current, used = "", 0
    for character in word:
        size = max(int(wcwidth(character)), 0)
        if used + size > width and current:
            pieces.append(current)
            current, used = "", 0
        current += character
        used += size
    return [*pieces, current] if current else pieces


def wrap(text: str, width: int) -> list[str]:
    """The lines of ``text`` wrapped to ``width`` display columns, at spaces where possible."""
    lines: list[str] = []
    for line in text.split("\n"):
        if display_width(line) <= width:
            lines.append(line)
            continue
        # An indented line (a detail under an item) keeps its indent on every piece.
        paragraph = line.lstrip(" ")
        indent = " " * min(len(line) - len(paragraph), width // 2)
        lines.extend(indent + piece for piece in _wrap_words(paragraph, width - len(indent)))
    return lines


def _wrap_words(paragraph: str, width: int) -> list[str]:
    """Words joined by single spaces into lines of at most ``width`` display columns."""
    lines: list[str] = []
    current, used = "", 0
    for word in paragraph.split(" "):
        size = display_width(word)
        if current and used + 1 + size <= width:
            current, used = f"{current} {word}", used + 1 + size
            continue
        if current:
            lines.append(current)
        if size > width:
            *full, current = _cut(word, width) or [""]
            lines.extend(full)
            used = display_width(current)
        else:
            current, used = word, size
    lines.append(current)
    return lines


def fit(natural: list[int], available: int, minimum: list[int] | None = None) -> list[int]:
    """Column widths within ``available``: columns that fit their share keep their natural
    width, the others share what is left as equally as their minimums allow (never under
    MIN_COLUMN, never under their ``minimum``: the longest word of each). When even the
    minimums do not fit, they are the widths and the table is wider than asked."""
    floor = [
        min(max(low, MIN_COLUMN), high)
        for low, high in zip(minimum or [0] * len(natural), natural, strict=True)
    ]
    if sum(natural) <= available:
        return list(natural)
    if sum(floor) >= available:
        return floor

    def widths_at(level: int) -> list[int]:
        return [min(max(level, low), high) for low, high in zip(floor, natural, strict=True)]

    low, high = 0, max(natural)
    while low < high:  # the highest level whose widths still fit
        middle = (low + high + 1) // 2
        if sum(widths_at(middle)) <= available:
            low = middle
        else:
            high = middle - 1
    widths = widths_at(low)
    extra = available - sum(widths)
    # Give the rounding remainder to the widest columns that can still grow.
    for index in sorted(range(len(widths)), key=lambda i: (-natural[i], i)):
        if extra <= 0:
            break
        if widths[index] < natural[index]:
            widths[index] += 1
            extra -= 1
    return widths


def _longest_word(cell: str) -> int:
    """The display width of the longest word of a cell (at most MAX_UNBROKEN). Wide
    characters (CJK) may break anywhere, as lines of those scripts do, so only runs of narrow
    characters count as words."""
    longest = 0
    for line in cell.split("\n"):
        for word in line.split(" "):
            for run in _WIDE.split(word):
                longest = max(longest, display_width(run))
    return min(longest, MAX_UNBROKEN)


_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def _folded(headers: list[str], body: list[list[str]], width: int) -> str:
    """A table too wide for ``width`` even with every column at its longest word, folded:
    each row a block of "header: value" lines between rules, so no id is ever split."""
    label = min(max(display_width(h.replace("\n", " ")) for h in headers), width // 3)
    room = max(width - label - 2, MIN_COLUMN)
    out = ["─" * width]
    for row in body:
        for header, cell in zip(headers, row, strict=True):
            name = header.replace("\n", " ")
            lines = wrap(cell, room) if cell else ["—"]  # "part of:" alone reads as cut off
            shown = f"{name}:"
            for number, line in enumerate(lines):
                head = shown if number == 0 else ""
                out.append(f"{head}{' ' * (label + 2 - display_width(head))}{line}".rstrip())
        out.append("─" * width)
    return "\n".join(out)


def draw(headers: list[str], body: list[list[str]], width: int = DEFAULT_WIDTH) -> str:
    """A grid table (box-drawing lines, one space of padding) at most ``width`` columns wide
    (unless even the narrowest columns do not fit)."""
    count = len(headers)
    natural = [max(display_width(line) for line in h.split("\n")) for h in headers]
    for row in body:
        for index, cell in enumerate(row):
            natural[index] = max(natural[index], *(display_width(x) for x in cell.split("\n")))
    longest_word = [_longest_word(h) for h in headers]
    for row in body:
        for index, cell in enumerate(row):
            longest_word[index] = max(longest_word[index], _longest_word(cell))
    available = width - (3 * count + 1)  # "│ " before each cell, " " after, a final "│"
    floors = [
        min(max(w, MIN_COLUMN), max(n, 1)) for w, n in zip(longest_word, natural, strict=True)
    ]
    if sum(floors) > available and body:
        return _folded(headers, body, width)
    sizes = fit([max(n, 1) for n in natural], max(available, MIN_COLUMN * count), longest_word)

    def rule(left: str, middle: str, right: str) -> str:
        return left + middle.join("─" * (size + 2) for size in sizes) + right

    def lines_of(cells: list[str]) -> list[str]:
        wrapped = [wrap(cell, size) for cell, size in zip(cells, sizes, strict=True)]
        height = max(len(lines) for lines in wrapped)
        out = []
        for number in range(height):
            parts = []
            for lines, size in zip(wrapped, sizes, strict=True):
                text = lines[number] if number < len(lines) else ""
                parts.append(f" {text}{' ' * (size - display_width(text))} ")
            out.append("│" + "│".join(parts) + "│")
        return out

    out = [rule("┌", "┬", "┐"), *lines_of(headers)]
    for row in body:
        out.append(rule("├", "┼", "┤"))
        out.extend(lines_of(row))
    out.append(rule("└", "┴", "┘"))
    return "\n".join(out)

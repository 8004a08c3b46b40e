"""Grid tables for a terminal that fit its width.

Columns share the width by their content: a column whose text fits keeps its natural width,
the others share what is left, and text wraps inside its cell. Widths are display widths
(wcwidth): a CJK character or an emoji takes two columns, a combining accent none, so rows
stay aligned whatever the script.
"""

from __future__ import annotations

from wcwidth import wcswidth, wcwidth

from tracker.render.formats import DEFAULT_WIDTH

MIN_COLUMN = 4  # narrow, but a 10-column table still fits 80 columns


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


def fit(natural: list[int], available: int) -> list[int]:
    """Column widths within ``available``: columns that fit their share keep their natural
    width, the rest share what is left equally (never under MIN_COLUMN)."""
    widths = list(natural)
    if sum(natural) <= available:
        return widths
    open_columns = sorted(range(len(natural)), key=lambda i: natural[i])
    left = available
    while open_columns:
        share = max(left // len(open_columns), MIN_COLUMN)
        narrow = [i for i in open_columns if natural[i] <= share]
        if not narrow:
            for i in open_columns:
                widths[i] = share
            # Give the rounding remainder to the widest columns.
            extra = left - share * len(open_columns)
            for i in reversed(open_columns):
                if extra <= 0:
                    break
                widths[i] += 1
                extra -= 1
            break
        for i in narrow:
            widths[i] = natural[i]
            left -= natural[i]
            open_columns.remove(i)
    return widths


def draw(headers: list[str], body: list[list[str]], width: int = DEFAULT_WIDTH) -> str:
    """A grid table (box-drawing lines, one space of padding) at most ``width`` columns wide
    (unless even the narrowest columns do not fit)."""
    count = len(headers)
    natural = [max(display_width(line) for line in h.split("\n")) for h in headers]
    for row in body:
        for index, cell in enumerate(row):
            natural[index] = max(natural[index], *(display_width(x) for x in cell.split("\n")))
    available = width - (3 * count + 1)  # "│ " before each cell, " " after, a final "│"
    sizes = fit([max(n, 1) for n in natural], max(available, MIN_COLUMN * count))

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

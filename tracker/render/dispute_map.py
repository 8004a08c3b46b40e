"""A choice topic's dispute as a static SVG map: each competing answer a box holding its
independent origins and its relays, and the conflicts between answers as links.

The layout is made by construction, not by a force-directed library: boxes are stacked, and
every label sits on its own line inside its box, wrapped to the box's width, so no two labels
can overlap whatever the names are (a spring layout of the same graph overlapped labels as
soon as it held a dozen sources). Links run in the left margin, one lane per pair of answers,
the shortest innermost.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from tracker.analysis.report import AnswerView, Dispute, origins_text
from tracker.corpus.records import Source, source_name
from tracker.render.markup import esc

WIDTH = 400  # about a phone's width: shown at full size there, its labels stay legible
LANE = 14  # the margin each link's lane takes
MAX_LANES = 8  # beyond, lanes share the margin (a dispute of more than 5 answers)
PAD = 10
GAP = 16
ANSWER_FONT, NAME_FONT, SMALL_FONT = 15, 13, 12
# Wide enough for system sans-serif fonts' widest common letters on average; labels are
# wrapped with it, so a line never leaves its box (the browser test measures them).
CHAR_WIDTH = 0.62


def wrap(text: str, width: float, font: int) -> list[str]:
    """``text`` in lines that fit ``width`` pixels at ``font`` size; a word longer than a line
    is cut (with a hyphen) rather than allowed to leave the box."""
    limit = max(4, int(width / (font * CHAR_WIDTH)))
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > limit:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[: limit - 1] + "-")
            word = word[limit - 1 :]
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line or not lines:
        lines.append(line)
    return lines


@dataclass
class _Box:
    answer: AnswerView
    top: float
    height: float
    body: list[str]


def _box(answer: AnswerView, sources: dict[str, Source], left: float, top: float) -> _Box:
    inner = WIDTH - left - 2 * PAD - 4
    body: list[str] = []
    y = top + PAD
    for line in wrap(answer.answer or "(no answer)", inner, ANSWER_FONT):
        y += ANSWER_FONT + 3
        body.append(
            f'<text class="answer-label" x="{left + PAD:.1f}" y="{y:.1f}">{esc(line)}</text>'
        )
    y += SMALL_FONT + 4
    body.append(
        f'<text class="count" x="{left + PAD:.1f}" y="{y:.1f}">'
        f"{esc(origins_text(answer.origin_count))}</text>"
    )
    for origin in answer.origins:
        lines = wrap(source_name(sources, origin), inner - 18, NAME_FONT)
        y += NAME_FONT + 6
        body.append(
            f'<circle class="origin" cx="{left + PAD + 5:.1f}" cy="{y - 4:.1f}" r="5">'
            f"<title>{esc(origin)}</title></circle>"
        )
        for index, line in enumerate(lines):
            if index:
                y += NAME_FONT + 3
            body.append(
                f'<text class="origin-name" x="{left + PAD + 16:.1f}" y="{y:.1f}">'
                f"{esc(line)}</text>"
            )
    if answer.relays:
        relayed = "relayed by " + ", ".join(source_name(sources, r) for r in answer.relays)
        for line in wrap(relayed, inner, SMALL_FONT):
            y += SMALL_FONT + 5
            body.append(f'<text class="relays" x="{left + PAD:.1f}" y="{y:.1f}">{esc(line)}</text>')
    return _Box(answer, top, y + PAD - top, body)


@dataclass
class _Link:
    first: int
    second: int
    kinds: set[str]
    statuses: set[str]
    ids: list[str]


def _links(dispute: Dispute) -> list[_Link]:
    """One link per pair of competing answers that some conflict opposes, shortest first."""
    index = {answer.answer: i for i, answer in enumerate(dispute.answers)}
    found: dict[tuple[int, int], _Link] = {}
    for row in dispute.rows:
        placed = sorted({index[s.answer] for s in row.conflict.sides if s.answer in index})
        for a, b in itertools.pairwise(placed):
            link = found.setdefault((a, b), _Link(a, b, set(), set(), []))
            link.kinds.add(row.conflict.kind)
            link.statuses.add(row.conflict.status)
            link.ids.append(row.conflict.id)
    return sorted(found.values(), key=lambda k: (k.second - k.first, k.first, k.second))


def _link_svg(link: _Link, boxes: list[_Box], left: float, lane: int, lanes: int) -> str:
    spacing = LANE if lanes <= MAX_LANES else LANE * MAX_LANES / lanes
    x = left - 6 - spacing * (lane + 1)
    y1 = boxes[link.first].top + boxes[link.first].height / 2
    y2 = boxes[link.second].top + boxes[link.second].height / 2
    status = "open" if "open" in link.statuses else "settled"
    count = len(link.ids)
    title = (
        f"{count} conflict{'s' * (count != 1)} ({', '.join(sorted(link.kinds))}) between "
        f"“{boxes[link.first].answer.answer}” and “{boxes[link.second].answer.answer}”: "
        + ", ".join(link.ids)
    )
    path = f"M{left:.1f},{y1:.1f} H{x:.1f} V{y2:.1f} H{left:.1f}"
    # A white casing under each link breaks the links it crosses, so a crossing never reads
    # as a join; dots mark where the link meets its two answers.
    return (
        f'<path class="casing" d="{path}"/><path class="link {status}" d="{path}">'
        f"<title>{esc(title)}</title></path>"
        f'<circle class="end {status}" cx="{left:.1f}" cy="{y1:.1f}" r="3.5"/>'
        f'<circle class="end {status}" cx="{left:.1f}" cy="{y2:.1f}" r="3.5"/>'
    )


def dispute_map_svg(dispute: Dispute, sources: dict[str, Source]) -> str:
    """The map as an inline SVG, named for screen readers."""
    links = _links(dispute)
    lanes = len(links)
    left = 8 + LANE * min(lanes, MAX_LANES) + 8
    boxes: list[_Box] = []
    top = 4.0
    for answer in dispute.answers:
        box = _box(answer, sources, left, top)
        boxes.append(box)
        top += box.height + GAP
    height = top - GAP + 4
    open_count = sum(1 for row in dispute.rows if row.conflict.status == "open")
    label = (
        f"Map of the dispute: {dispute.question} {len(boxes)} answers; "
        f"{len(dispute.rows)} conflicts, {open_count} open"
    )
    parts = [
        f'<svg class="dispute-map" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-label="{esc(label)}" data-topic="{esc(dispute.topic)}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for lane, link in enumerate(links):
        parts.append(_link_svg(link, boxes, left, lane, lanes))
    for box in boxes:
        parts.append(
            f'<g class="answer-box"><rect x="{left:.1f}" y="{box.top:.1f}" '
            f'width="{WIDTH - left - 4:.1f}" height="{box.height:.1f}" rx="6"/>'
            f"{''.join(box.body)}</g>"
        )
    parts.append("</svg>")
    return "".join(parts)

"""A number topic's figures over time as a static SVG chart: one series per originator, each
value at the date it holds, running totals as steps, bounds as open ends (a dashed line to
the edge with an arrow), ranges as bars, each claim's tolerance as a band, and values a later
claim revised or a retraction withdrew drawn faded.

Written by hand rather than with a plotting library: the page must diff byte for byte when
nothing changed (a library's SVG carries generated ids and its version's layout), its labels
must stay text (searchable, read by screen readers, checked by the browser test), and the
chart needs only axes, steps, bands and markers.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math

from tracker.analysis.figures import FigureChart, FigurePoint, FigureSeries
from tracker.escape import shorten
from tracker.render.markup import esc

WIDTH, HEIGHT = 520, 300
LEFT, RIGHT, TOP, BOTTOM = 100, 16, 16, 56
FONT = 15  # the chart is scaled down on a phone: labels large enough to read there
# Okabe and Ito's colours, told apart with colour blindness too; each series also has its own
# marker shape, so no series is told only by its colour.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
SHAPES = ("circle", "square", "diamond", "triangle")


def series_style(index: int) -> tuple[str, str]:
    """The colour and marker shape of the index-th series (the legend uses the same)."""
    return COLOURS[index % len(COLOURS)], SHAPES[index % len(SHAPES)]


def marker(shape: str, x: float, y: float, colour: str, size: float = 5.0) -> str:
    if shape == "square":
        return (
            f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" '
            f'height="{2 * size:.1f}" fill="{colour}"/>'
        )
    if shape == "diamond":
        s = size * 1.3
        return (
            f'<polygon points="{x:.1f},{y - s:.1f} {x + s:.1f},{y:.1f} {x:.1f},{y + s:.1f} '
            f'{x - s:.1f},{y:.1f}" fill="{colour}"/>'
        )
    if shape == "triangle":
        s = size * 1.3
        return (
            f'<polygon points="{x:.1f},{y - s:.1f} {x + s:.1f},{y + s * 0.8:.1f} '
            f'{x - s:.1f},{y + s * 0.8:.1f}" fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"/>'


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``count`` ticks."""
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step: float = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return step


def value_ticks(low: float, high: float) -> tuple[float, float, list[float]]:
    """The drawn range and its ticks: round numbers that hold every value, from zero when
    the values are large beside their spread (a count shown from zero is not exaggerated)."""
    if low > 0 and (low < 0.3 * high or high == low):
        low = 0.0
    if high == low:
        high = low + 1
    step = nice_step(high - low, 5)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    if end == high:  # room above the highest value for an open end's arrow
        end += step
    ticks = [start + i * step for i in range(round((end - start) / step) + 1)]
    return start, end, ticks


def number_label(value: float, step: float) -> str:
    if step >= 1 and float(value).is_integer():
        return f"{value:,.0f}"
    decimals = max(0, -math.floor(math.log10(step)))
    return f"{value:,.{decimals}f}"


def _day(when: str) -> int:
    return dt.date.fromisoformat(when).toordinal()


# A date label's width and the gap after it, in the chart's units (ten characters).
DATE_ROOM = 10 * FONT * 0.62 + 14


def date_ticks(days: list[int]) -> tuple[float, float, list[int]]:
    """The drawn date range (a few days either side of one date) and its ticks: the dates
    of the figures themselves when their labels fit apart, else whole days far enough apart
    that their labels never touch."""
    first, last = min(days), max(days)
    if first == last:
        return first - 3, last + 3, [first]
    pad = max(0.5, (last - first) * 0.06)
    per_day = (WIDTH - LEFT - RIGHT) / (last - first + 2 * pad)
    given = sorted(set(days))
    if all((b - a) * per_day >= DATE_ROOM for a, b in itertools.pairwise(given)):
        return first - pad, last + pad, given
    step = max(1, math.ceil(DATE_ROOM / per_day))
    return first - pad, last + pad, list(range(first, last + 1, step))


def _ends(point: FigurePoint) -> tuple[float, float]:
    low = point.low if point.low is not None else point.high
    high = point.high if point.high is not None else point.low
    assert low is not None
    assert high is not None
    return low, high


class _Frame:
    """Data coordinates to the SVG's."""

    def __init__(self, chart: FigureChart) -> None:
        points = [p for s in chart.series for p in s.points]
        days = [_day(p.when) for p in points]
        self.x0, self.x1, self.x_ticks = date_ticks(days)
        ends = [e for p in points for e in _ends(p)]
        bands = [e + sign * p.allowance for p in points for e in _ends(p) for sign in (-1, 1)]
        low = min([*ends, *bands])
        high = max([*ends, *bands])
        self.y0, self.y1, self.y_ticks = value_ticks(min(low, high), high)
        self.step = self.y_ticks[1] - self.y_ticks[0] if len(self.y_ticks) > 1 else 1.0

    def x(self, when: str | float) -> float:
        day = _day(when) if isinstance(when, str) else when
        return LEFT + (day - self.x0) / (self.x1 - self.x0) * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        value = min(max(value, self.y0), self.y1)
        return HEIGHT - BOTTOM - (value - self.y0) / (self.y1 - self.y0) * (HEIGHT - TOP - BOTTOM)


def _axes(frame: _Frame, unit: str | None) -> list[str]:
    parts = ['<g class="axes">']
    for value in frame.y_ticks:
        y = frame.y(value)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y + 5:.1f}" text-anchor="end">'
            f"{number_label(value, frame.step)}</text>"
        )
    bottom = HEIGHT - BOTTOM
    parts.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}"/>'
    )
    for day in frame.x_ticks:
        x = frame.x(day)
        label = dt.date.fromordinal(day).isoformat()
        parts.append(
            f'<line class="axis" x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 5}"/>'
            f'<text class="tick" x="{x:.1f}" y="{bottom + 21}" text-anchor="middle">{label}</text>'
        )
    parts.append(
        f'<text class="axis-title" x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{HEIGHT - 8}" '
        'text-anchor="middle">as of (or the day it was said)</text>'
    )
    if unit:
        middle = (TOP + HEIGHT - BOTTOM) / 2
        parts.append(
            f'<text class="axis-title" x="16" y="{middle:.1f}" text-anchor="middle" '
            f'transform="rotate(-90 16 {middle:.1f})">{esc(shorten(unit, 24))}</text>'
        )
    parts.append("</g>")
    return parts


def _arrow(x: float, y_from: float, y_to: float, colour: str) -> str:
    """An open end: a dashed line from the value to the chart's edge, ending in an arrow."""
    tip = -6 if y_to < y_from else 6
    return (
        f'<line class="open-end" x1="{x:.1f}" y1="{y_from:.1f}" x2="{x:.1f}" y2="{y_to:.1f}" '
        f'stroke="{colour}"/><polygon points="{x - 5:.1f},{y_to - tip:.1f} {x + 5:.1f},'
        f'{y_to - tip:.1f} {x:.1f},{y_to:.1f}" fill="{colour}"/>'
    )


def _point(frame: _Frame, point: FigurePoint, name: str, colour: str, shape: str) -> str:
    x = frame.x(point.when)
    low, high = _ends(point)
    parts = []
    if point.allowance:
        top, bottom = frame.y(high + point.allowance), frame.y(low - point.allowance)
        parts.append(
            f'<rect class="band" x="{x - 9:.1f}" y="{top:.1f}" width="18" '
            f'height="{bottom - top:.1f}" fill="{colour}"/>'
        )
    if point.low is not None and point.high is not None and point.low != point.high:
        parts.append(
            f'<line class="range" x1="{x:.1f}" x2="{x:.1f}" y1="{frame.y(high):.1f}" '
            f'y2="{frame.y(low):.1f}" stroke="{colour}"/>'
        )
    if point.high is None:
        parts.append(_arrow(x, frame.y(low), TOP, colour))
    if point.low is None:
        parts.append(_arrow(x, frame.y(high), HEIGHT - BOTTOM, colour))
    middle = frame.y((low + high) / 2)
    parts.append(marker(shape, x, middle, colour))
    state = " (revised or withdrawn)" if point.withdrawn else ""
    title = f"{name}: {point.label}, {point.dated_by} {point.when}{state} ({point.claim})"
    faded = " withdrawn" if point.withdrawn else ""
    return (
        f'<g class="point{faded}" data-claim="{esc(point.claim)}"><title>{esc(title)}</title>'
        f"{''.join(parts)}</g>"
    )


def _steps(frame: _Frame, series: FigureSeries, colour: str, cumulative: bool) -> str:
    """A running total holds until the next figure: steps; other figures: a thin line."""
    standing = [p for p in series.points if not p.withdrawn]
    if len(standing) < 2:
        return ""
    coordinates = [(frame.x(p.when), frame.y(sum(_ends(p)) / 2)) for p in standing]
    path = f"M{coordinates[0][0]:.1f},{coordinates[0][1]:.1f}"
    for x, y in coordinates[1:]:
        path += f" H{x:.1f} V{y:.1f}" if cumulative else f" L{x:.1f},{y:.1f}"
    return f'<path class="{"steps" if cumulative else "trend"}" d="{path}" stroke="{colour}"/>'


def chart_svg(chart: FigureChart) -> str:
    """The chart as an inline SVG, named for screen readers by its question."""
    frame = _Frame(chart)
    dated = sum(len(s.points) for s in chart.series)
    label = f"Chart: {chart.question} {dated} dated figure{'s' * (dated != 1)}"
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{esc(label)}" data-topic="{esc(chart.topic)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        *_axes(frame, chart.unit),
    ]
    for index, series in enumerate(chart.series):
        colour, shape = series_style(index)
        parts.append(f'<g class="series" data-source="{esc(series.source)}">')
        parts.append(_steps(frame, series, colour, chart.cumulative))
        parts.extend(_point(frame, p, series.name, colour, shape) for p in series.points)
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def legend(chart: FigureChart) -> str:
    """The series by name, each with its colour and marker, as HTML that wraps on a phone."""
    items = []
    for index, series in enumerate(chart.series):
        colour, shape = series_style(index)
        key = (
            '<svg class="key" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">'
            f"{marker(shape, 6, 6, colour, 4.5)}</svg>"
        )
        items.append(f"<li>{key} {esc(series.name)}</li>")
    return f'<ul class="chart-legend">{"".join(items)}</ul>'

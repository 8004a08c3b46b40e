"""The figures of a number topic over time, as a chart shows them: one series per originator,
each value at the time it holds (``as_of``, else the day it was said), with its open ends, its
tolerance and whether a later claim revised or a retraction withdrew it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, overload

from tracker.analysis.answers import answer_of
from tracker.corpus.records import Claim, Topic, source_name

if TYPE_CHECKING:
    from tracker.analysis.report import ReportIndex


@dataclass(frozen=True)
class FigurePoint:
    claim: str
    when: str  # an ISO date (a time of day, if given, is kept in the text only)
    dated_by: str  # "as of" or "said"
    low: float | None  # None: no lower end ("at most")
    high: float | None  # None: no upper end ("at least")
    label: str  # the answer as the report spells it: "≥ 39480 people"
    allowance: float  # the claim's own tolerance in units (the source said "about"), else 0
    withdrawn: bool  # revised by a later claim or retracted: drawn faded


@dataclass(frozen=True)
class FigureSeries:
    """The values one originator gave, in time order."""

    source: str
    name: str
    points: tuple[FigurePoint, ...]


@dataclass(frozen=True)
class FigureChart:
    topic: str
    question: str
    unit: str | None
    cumulative: bool  # a running total: drawn as steps
    series: tuple[FigureSeries, ...]
    undated: tuple[str, ...]  # claims with a value but no date: not drawn, named below

    @property
    def point_count(self) -> int:
        return sum(len(s.points) for s in self.series)


def _allowance(claim: Claim) -> float:
    """The claim's own tolerance around its value (the source said "about"), 0 without one.
    A topic's tolerance is the analyst's rule for when figures agree, not the source's
    uncertainty: drawn as a band it read as an error bar nobody gave."""
    tolerance = claim.tolerance
    value = claim.value
    if tolerance is None:
        return 0.0
    assert value is not None
    magnitude = max(abs(end) for end in (value.low, value.high) if end is not None)
    return float(tolerance.allowance(magnitude))


def _end(end: Fraction | None) -> float | None:
    return None if end is None else float(end)


def figure_chart(joins: ReportIndex, topic: Topic) -> FigureChart | None:
    """The chart of a number topic, or None when no claim on it has both a value and a date.
    Every claim that states a value is drawn, withdrawn ones too (faded): the chart is how a
    figure moved."""
    if topic.kind != "number":
        return None
    withdrawn = joins.withdrawn
    by_source: dict[str, list[FigurePoint]] = {}
    undated: list[str] = []
    for claim in joins.about.get(topic.id, []):
        if claim.value is None or (claim.value.low is None and claim.value.high is None):
            continue
        when, dated_by = (claim.as_of, "as of") if claim.as_of else (claim.date, "said")
        if not when:
            undated.append(claim.id)
            continue
        point = FigurePoint(
            claim.id,
            when[:10],
            dated_by,
            _end(claim.value.low),
            _end(claim.value.high),
            answer_of(topic, claim)[1],
            _allowance(claim),
            claim.id in withdrawn,
        )
        by_source.setdefault(claim.source, []).append(point)
    if not by_source:
        return None
    series = tuple(
        FigureSeries(
            source,
            source_name(joins.sources, source),
            tuple(sorted(points, key=lambda p: (p.when, p.claim))),
        )
        for source, points in sorted(by_source.items())
    )
    return FigureChart(
        topic.id, topic.question, topic.unit, topic.cumulative, series, tuple(sorted(undated))
    )


def figure_charts(joins: ReportIndex, topics: Collection[str] = ()) -> list[FigureChart]:
    """The charts worth drawing (of the topics named, or all), by topic id: a running total
    with a dated value (where it stood, and how far it may still rise), and any other number
    topic with two dated values (one figure alone is read faster in words)."""
    charts = []
    for topic in sorted(joins.topics.values(), key=lambda t: t.id):
        if topics and topic.id not in topics:
            continue
        chart = figure_chart(joins, topic)
        if chart is not None and (chart.cumulative or chart.point_count >= 2):
            charts.append(chart)
    return charts


class LazyCharts(Sequence[FigureChart]):
    """The charts of a report, found when first asked for: only the HTML page draws them, and
    the text reports of 100,000 claims should not pay for reading every figure."""

    def __init__(self, joins: ReportIndex, topics: Collection[str] = ()) -> None:
        self._joins, self._topics = joins, topics
        self._charts: list[FigureChart] | None = None

    def _found(self) -> list[FigureChart]:
        if self._charts is None:
            self._charts = figure_charts(self._joins, self._topics)
        return self._charts

    def __len__(self) -> int:
        return len(self._found())

    @overload
    def __getitem__(self, index: int) -> FigureChart: ...

    @overload
    def __getitem__(self, index: slice) -> list[FigureChart]: ...

    def __getitem__(self, index: int | slice) -> FigureChart | list[FigureChart]:
        return self._found()[index]

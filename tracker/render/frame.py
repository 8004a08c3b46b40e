"""A table of data (sources, topics, matrix, timeline: a pandas DataFrame from
``tracker.analysis.tables``) for a terminal, markdown, CSV or JSON.

The frames hold data: snake_case columns, lists, None. JSON gives them as they are, as
``{"rows": [...]}`` with any totals and context beside the rows, never among them; the other
formats lay them out for reading: ``part_of`` headed "part of", a list joined by ", " (a
timeline's events by "; "), None shown empty (an undated claim's date as "undated"), the
totals as a last row.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from tracker.escape import markdown, spreadsheet, terminal
from tracker.render.formats import DEFAULT_WIDTH
from tracker.render.grid import draw

if TYPE_CHECKING:
    import pandas as pd

# How the display formats head some columns, and show a list or a missing value in them.
HEADERS = {"part_of": "part of", "open_conflicts": "open conflicts", "as_of": "as of"}
JOINED_BY = {"events": "; "}
MISSING_SHOWN = {"date": "undated"}


def _json_value(value: Any) -> Any:
    """A cell as JSON: numpy numbers as numbers, NaN as null."""
    if hasattr(value, "item") and not isinstance(value, list | dict | str):
        value = value.item()  # numpy scalars
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a data frame as JSON-ready dictionaries."""
    headers = [str(c) for c in frame.columns]
    return [
        {h: _json_value(v) for h, v in zip(headers, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def _shown(column: str, value: Any) -> Any:
    if isinstance(value, list | tuple):
        return JOINED_BY.get(column, ", ").join(map(str, value))
    value = _json_value(value)
    if value is None:
        return MISSING_SHOWN.get(column, "")
    return value


def render_frame(
    frame: pd.DataFrame,
    fmt: str = "table",
    title: str | None = None,
    width: int = DEFAULT_WIDTH,
    *,
    totals: tuple[str, Mapping[str, Any]] | None = None,
    context: Mapping[str, Any] | None = None,
    cells_from: int | None = None,
) -> str:
    """``frame`` in ``fmt``. ``totals`` (a name and a count per column, apart from the rows:
    the matrix's origins against each answer) is ``"totals": {name: counts}`` beside
    ``"rows"`` in JSON, a last row named in the first column elsewhere; ``context`` (what
    the table is of: the matrix's topic) is given in JSON only, ``title`` elsewhere. Columns
    named by the data rather than the program (the matrix's answers, from ``cells_from`` on)
    are one ``"cells"`` object of each row in JSON, so every key of a row is known."""
    columns = [str(c) for c in frame.columns]
    if fmt == "json":
        records = frame_records(frame)
        if cells_from is not None:
            named = columns[cells_from:]
            records = [
                {**{c: r[c] for c in columns[:cells_from]}, "cells": {c: r[c] for c in named}}
                for r in records
            ]
        data: dict[str, Any] = {**(context or {}), "rows": records}
        if totals is not None:
            data["totals"] = {totals[0].replace(" ", "_"): dict(totals[1])}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    headers = [HEADERS.get(c, c) for c in columns]
    rows = [
        [_shown(c, v) for c, v in zip(columns, row, strict=True)]
        for row in frame.itertuples(index=False, name=None)
    ]
    if totals is not None:
        name, counts = totals
        rows.append([name, *(_shown(c, counts.get(c)) for c in columns[1:])])
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([spreadsheet(h) for h in headers])
        writer.writerows(_clean(rows, spreadsheet))
        return buffer.getvalue()
    if fmt == "markdown":
        body = tabulate(
            _clean(rows, markdown),
            headers=[markdown(h) for h in headers],
            tablefmt="github",
            disable_numparse=True,
        )
        heading = f"**{markdown(title)}**\n\n" if title else ""
        return f"{heading}{body}\n"
    cells = [[str(v) for v in row] for row in _clean(rows, terminal)]
    body = draw([terminal(h) for h in headers], cells, width)
    heading = f"{terminal(title)}\n" if title else ""
    return f"{heading}{body}\n"


def _clean(rows: list[list[Any]], clean: Any) -> list[list[Any]]:
    return [[clean(v) if isinstance(v, str) else v for v in row] for row in rows]

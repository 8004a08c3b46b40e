"""A pandas table (sources, topics, matrix, timeline) for a terminal, markdown, CSV or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from tracker.escape import markdown, spreadsheet, terminal
from tracker.render.formats import DEFAULT_WIDTH
from tracker.render.grid import draw

if TYPE_CHECKING:
    import pandas as pd


def _cells(frame: pd.DataFrame, clean: Any) -> list[list[Any]]:
    return [
        [clean(v) if isinstance(v, str) else v for v in row]
        for row in frame.itertuples(index=False, name=None)
    ]


def render_frame(
    frame: pd.DataFrame, fmt: str = "table", title: str | None = None, width: int = DEFAULT_WIDTH
) -> str:
    headers = [str(c) for c in frame.columns]
    if fmt == "json":
        records = [
            dict(zip(headers, row, strict=True)) for row in frame.itertuples(index=False, name=None)
        ]
        return json.dumps(records, indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([spreadsheet(h) for h in headers])
        writer.writerows(_cells(frame, spreadsheet))
        return buffer.getvalue()
    if fmt == "markdown":
        body = tabulate(
            _cells(frame, markdown),
            headers=[markdown(h) for h in headers],
            tablefmt="github",
            disable_numparse=True,
        )
        heading = f"**{markdown(title)}**\n\n" if title else ""
        return f"{heading}{body}\n"
    cells = [["" if v is None else str(v) for v in row] for row in _cells(frame, terminal)]
    body = draw([terminal(h) for h in headers], cells, width)
    heading = f"{terminal(title)}\n" if title else ""
    return f"{heading}{body}\n"

"""The report as CSV, one line per claim of each side: easy to filter and pivot in a
spreadsheet or pandas. Cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.render import RenderOptions

import csv
import io

from tracker.analysis.report import Report
from tracker.escape import spreadsheet

COLUMNS = (
    "conflict",
    "basis",
    "status",
    "topic",
    "question",
    "side",
    "answer",
    "claim",
    "attribution",
    "date",
    "text",
    "upheld",
    "note",
    "resolution",
    "detail",
    "internal",
)


def render(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in report.rows:
        conflict = row.conflict
        for number, side in enumerate(row.sides, start=1):
            for claim in side.claims:
                cells = (
                    conflict.id,
                    conflict.kind,
                    conflict.status,
                    conflict.topic or "",
                    row.question or "",
                    str(number),
                    side.answer,
                    claim.id,
                    claim.attribution,
                    claim.date or "",
                    claim.text,
                    conflict.upheld or "",
                    conflict.note or "",
                    conflict.resolution or "",
                    conflict.detail or "",
                    conflict.self_contradiction or "",
                )
                writer.writerow([spreadsheet(c) for c in cells])
    return buffer.getvalue()


def render_report(report: Report, options: RenderOptions) -> str:
    return render(report)  # one layout: a row per side of each conflict

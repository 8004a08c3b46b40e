"""The report as JSON, in the shape FORMAT.md gives."""

from __future__ import annotations

import json
from typing import Any

from ..report import Report, Row


def row_data(row: Row) -> dict[str, Any]:
    """One conflict in the shape FORMAT.md gives."""
    return {
        "id": row.conflict.id,
        "basis": row.conflict.basis,
        "topic": row.conflict.topic,
        "status": row.conflict.status,
        "sides": [list(side.claims) for side in row.conflict.sides],
        "sources": list(row.sources),
        "note": row.conflict.note,
    }


def as_data(report: Report) -> dict[str, Any]:
    return {"contradictions": [row_data(row) for row in report.rows]}


def render(report: Report) -> str:
    return json.dumps(as_data(report), indent=2, ensure_ascii=False) + "\n"

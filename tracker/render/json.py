"""The report as JSON, in the shape FORMAT.md gives."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.render import RenderOptions

import json
from typing import Any

from tracker.analysis.report import Dispute, Report, Row


def row_data(row: Row) -> dict[str, Any]:
    """One conflict in the shape FORMAT.md gives."""
    return {
        "id": row.conflict.id,
        "basis": row.conflict.kind,
        "topic": row.conflict.topic,
        "status": row.conflict.status,
        "sides": [list(side.claims) for side in row.conflict.sides],
        "sources": list(row.sources),
        "note": row.conflict.note,
        "upheld": row.conflict.upheld,
        "resolution": row.conflict.resolution,
        "same_originator": row.conflict.same_originator,
        "same_document": row.conflict.same_document,
        # Extensions (README): who contradicts itself, and how far apart numbers are.
        "internal": row.conflict.self_contradiction,
        "detail": row.conflict.detail,
    }


def dispute_data(dispute: Dispute) -> dict[str, Any]:
    return {
        "topic": dispute.topic,
        "question": dispute.question,
        "answers": [
            {
                "answer": answer.answer,
                "claims": [claim.id for claim in answer.claims],
                "origins": list(answer.origins),
                # claims that give this answer only by implication, with the topic it is
                # implied from (docs/format.md)
                "implied": {c.id: c.implied_from for c in answer.claims if c.implied_from},
            }
            for answer in dispute.answers
        ],
        "conflicts": [row.conflict.id for row in dispute.rows],
    }


def uncompared_data(report: Report) -> list[dict[str, Any]]:
    """Claims no rule compares (docs/format.md): every one, with who said it."""
    return [
        {"id": claim.id, "source": claim.attribution, "text": claim.text}
        for claim in report.uncompared
    ]


def as_data(report: Report, group: str = "conflict") -> dict[str, Any]:
    if group == "topic":
        found = {"disputes": [dispute_data(d) for d in report.disputes]}
    else:
        found = {"contradictions": [row_data(row) for row in report.rows]}
    return {**found, "uncompared": uncompared_data(report)}


def render(report: Report, group: str = "conflict") -> str:
    return json.dumps(as_data(report, group), indent=2, ensure_ascii=False) + "\n"


def render_report(report: Report, options: RenderOptions) -> str:
    return render(report, options.group)

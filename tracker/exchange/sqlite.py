"""The corpus and its conflicts as a SQLite database, built with sqlite-utils (the library
Datasette's users know): tables with foreign keys, indexes on every key that joins, and
full-text search on claim text, so that `datasette corpus.db` browses, facets and searches it.

The database is written to a temporary file beside the target and renamed over it at the
end: an interrupted export never leaves half a database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import sqlite_utils

from tracker.analysis import graph as g
from tracker.analysis.conflicts import Conflict
from tracker.corpus.records import Claim, top_origin
from tracker.output import atomic_path


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _sources(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    sources = g.sources(graph)
    for source in sources.values():
        yield {
            "id": source.id,
            "name": source.name,
            "kind": source.kind,
            "country": source.country,
            "affiliation": source.affiliation,
            "reliability": source.reliability,
            "url": source.url,
            "notes": source.notes,
            "part_of": source.part_of,
            "origin": top_origin(sources, source.id),
        }


# Where each claim key of the format goes (tests check that every key of
# tracker.corpus.fields.CLAIM_FIELDS is here, so a new key cannot be silently left out).
CLAIM_KEY_PLACES = {
    "id": "claims.id",
    "text": "claims.text",
    "source": "claims.source",
    "via": "relays",
    "date": "claims.date",
    "as_of": "claims.as_of",
    "topic": "claims.topic",
    "position": "claims.position",
    "stance": "claims.stance",
    "value": "claims.value",
    "tolerance": "claims.tolerance",
    "supersedes": "claims.supersedes",
    "retracted": "claims.retracted",
    "evidence": "evidence",
    "tags": "claims.tags",
    "answers": "answers",
}


def _claim_row(claim: Claim, withdrawn: frozenset[str]) -> dict[str, Any]:
    value = claim.value
    return {
        "id": claim.id,
        "text": claim.text,
        "source": claim.source,
        "date": claim.date,
        "as_of": claim.as_of,
        "topic": claim.topic,
        "position": claim.position,
        "stance": claim.stance if claim.topic else None,
        "value": str(value) if value is not None else None,
        "value_low": _number(value.low) if value is not None else None,
        "value_high": _number(value.high) if value is not None else None,
        "tolerance": str(claim.tolerance) if claim.tolerance is not None else None,
        # Lists as JSON arrays, which Datasette shows and filters as such.
        "supersedes": json.dumps(list(claim.supersedes)) if claim.supersedes else None,
        "retracted": claim.retracted,
        "tags": json.dumps(list(claim.tags)) if claim.tags else None,
        "withdrawn": claim.id in withdrawn,
        "file": claim.path,
        "line": claim.location().line,
    }


def write_database(graph: nx.MultiDiGraph, conflicts: list[Conflict], path: Path) -> None:
    """Write the corpus and its conflicts to a new SQLite database at ``path`` (replacing a
    regular file there; what a killed export left beside it is removed first)."""
    with atomic_path(path, replace=True) as temporary:
        database = sqlite_utils.Database(temporary, recreate=True)
        try:
            _fill(database, graph, conflicts)
        finally:
            database.close()


def _fill(db: sqlite_utils.Database, graph: nx.MultiDiGraph, conflicts: list[Conflict]) -> None:
    claims = g.claims(graph)
    withdrawn = g.withdrawn(graph)
    db.table("sources").insert_all(_sources(graph), pk="id")
    db.table("sources").add_foreign_key("part_of", "sources", "id")
    db.table("topics").insert_all(
        (
            {
                "id": t.id,
                "question": t.question,
                "kind": t.kind,
                "unit": t.unit,
                "tolerance": str(t.tolerance) if t.kind == "number" else None,
                "cumulative": t.cumulative,
                "positions": "; ".join(t.positions) if t.positions else None,
            }
            for t in g.records(graph, "topic")
        ),
        pk="id",
    )
    db.table("claims").insert_all(
        (_claim_row(claim, withdrawn) for claim in claims.values()),
        pk="id",
        foreign_keys=[("source", "sources", "id"), ("topic", "topics", "id")],
    )
    db.table("relays").insert_all(
        (
            {"claim": c.id, "source": relay, "position": order}
            for c in claims.values()
            for order, relay in enumerate(c.via, start=1)
        ),
        pk=("claim", "position"),
        foreign_keys=[("claim", "claims", "id"), ("source", "sources", "id")],
    )
    # Further answers, one row each (the table exists when no claim has any, so queries
    # written against it keep working).
    db.table("answers").create(
        {
            "claim": str,
            "number": int,
            "topic": str,
            "position": str,
            "stance": str,
            "value": str,
            "value_low": float,
            "value_high": float,
        },
        pk=("claim", "number"),
        foreign_keys=[("claim", "claims", "id"), ("topic", "topics", "id")],
    )
    db.table("answers").insert_all(
        {
            "claim": c.id,
            "number": n,
            "topic": a.topic,
            "position": a.position,
            "stance": a.stance if a.position is not None else None,
            "value": str(a.value) if a.value is not None else None,
            "value_low": _number(a.value.low) if a.value is not None else None,
            "value_high": _number(a.value.high) if a.value is not None else None,
        }
        for c in claims.values()
        for n, a in enumerate(c.answers, start=1)
    )
    db.table("evidence").insert_all(
        (
            {"claim": c.id, "number": n, "document": e.document, "quote": e.quote}
            for c in claims.values()
            for n, e in enumerate(c.evidence, start=1)
        ),
        pk=("claim", "number"),
        foreign_keys=[("claim", "claims", "id")],
    )
    db.table("conflicts").insert_all(
        (
            {
                "id": c.id,
                "basis": c.kind,
                "topic": c.topic,
                "status": c.status,
                "upheld": c.upheld,
                "note": c.note,
                "resolution": c.resolution,
                "detail": c.detail,
                "internal": c.self_contradiction,
                "same_originator": c.same_originator,
                "same_document": c.same_document,
            }
            for c in conflicts
        ),
        pk="id",
        foreign_keys=[("topic", "topics", "id"), ("upheld", "claims", "id")],
    )
    db.table("conflict_sides").insert_all(
        (
            {"conflict": c.id, "side": n, "answer": side.answer, "claim": claim}
            for c in conflicts
            for n, side in enumerate(c.sides, start=1)
            for claim in side.claims
        ),
        pk=("conflict", "side", "claim"),
        foreign_keys=[("conflict", "conflicts", "id"), ("claim", "claims", "id")],
    )
    for table, columns in (
        ("claims", ["source"]),
        ("claims", ["topic"]),
        ("relays", ["source"]),
        ("conflicts", ["topic"]),
        ("conflict_sides", ["claim"]),
        ("sources", ["part_of"]),
    ):
        if db.table(table).exists():
            db.table(table).create_index(columns, if_not_exists=True)
    db.table("claims").enable_fts(["text"], create_triggers=True)
    db.conn.commit()

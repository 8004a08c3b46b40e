"""Analyses of the graph beyond the contradiction table: who contradicts whom, which answers
are independently corroborated, and the timeline (the competing-hypotheses matrix is in
:mod:`tracker.analysis.matrix`).

Each is a function of the graph and the conflicts returning a pandas DataFrame of data, not
of display: snake_case column names, lists as Python lists, None where nothing is known;
sorted so that output diffs cleanly. The renderers lay them out (``tracker.render.frame``);
`--format json` gives them as they are. pandas is imported here only, so commands that do not
need these tables never pay for it.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import Any

import networkx as nx
import pandas as pd

from tracker.analysis import graph as g
from tracker.analysis.answers import Answer, answer_of, answers
from tracker.analysis.conflicts import Conflict
from tracker.analysis.report import attribution
from tracker.analysis.sources import SOURCE_COLUMNS, source_rows
from tracker.corpus.records import Claim, Topic


def records_frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """Records (one dictionary a row) as a DataFrame with these columns, in this order; a
    value that is not there stays None (pandas would make it NaN in a column of text)."""
    frame = pd.DataFrame(rows, columns=columns)
    numbers = pd.api.types.is_numeric_dtype
    for column in [c for c in frame.columns if not numbers(frame[c])]:
        frame[column] = pd.Series(
            [None if isinstance(v, float) and v != v else v for v in frame[column]],  # NaN
            index=frame.index,
            dtype=object,
        )
    return frame


def _number(end: Fraction | None) -> float | None:
    return None if end is None else float(end)


def claims_table(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per claim, in the order of the files: its keys as data (lists as lists, None
    where a key is not given), the file it is written in, and the documents it cites."""
    rows = [
        {
            "claim": claim.id,
            "text": claim.text,
            "source": claim.source,
            "via": list(claim.via),
            "date": claim.date,
            "as_of": claim.as_of,
            "topic": claim.topic,
            "position": claim.position,
            "value": None if claim.value is None else str(claim.value),
            # The figure as numbers to plot or add up ("≥ 55": 55 and no upper end).
            "value_low": _number(claim.value.low if claim.value else None),
            "value_high": _number(claim.value.high if claim.value else None),
            "stance": claim.stance,
            "tags": list(claim.tags),
            "supersedes": list(claim.supersedes),
            "retracted": claim.retracted,
            "documents": [e.document for e in claim.evidence],
            "file": claim.path,
        }
        for claim in g.records(graph, "claim")
    ]
    return records_frame(rows, list(CLAIM_COLUMNS))


CLAIM_COLUMNS = (
    "claim",
    "text",
    "source",
    "via",
    "date",
    "as_of",
    "topic",
    "position",
    "value",
    "value_low",
    "value_high",
    "stance",
    "tags",
    "supersedes",
    "retracted",
    "documents",
    "file",
)


def sources_table(graph: nx.MultiDiGraph, conflicts: list[Conflict]) -> pd.DataFrame:
    """One row per source (:func:`tracker.analysis.sources.source_rows`), by id."""
    return records_frame(source_rows(graph, conflicts), list(SOURCE_COLUMNS))


def topics_table(graph: nx.MultiDiGraph, conflicts: list[Conflict]) -> pd.DataFrame:
    """One row per answer of each topic: its independent origins, relays and claims, and the
    open conflicts it stands on a side of (not the topic's count, repeated on every row)."""
    open_by_topic: dict[str, list[set[str]]] = {}
    for conflict in conflicts:
        if conflict.status == "open" and conflict.topic:
            open_by_topic.setdefault(conflict.topic, []).append(set(conflict.claim_ids))
    rows = []
    sources = g.sources(graph)
    for topic in sorted(g.records(graph, "topic"), key=lambda t: t.id):
        for answer in answers(graph, topic, sources) or [Answer((), "(no claims)", False, (), ())]:
            rows.append(
                {
                    "topic": topic.id,
                    "question": topic.question,
                    # given only by implication from another topic's answers: so marked
                    "answer": answer.label
                    + (
                        " (implied)"
                        if answer.claims and all(c.implied_from for c in answer.claims)
                        else ""
                    ),
                    "independent": len(answer.origins),
                    "origins": list(answer.origins),
                    "relays": list(answer.relays),
                    "claims": len(answer.claims),
                    "open_conflicts": sum(
                        1
                        for involved in open_by_topic.get(topic.id, [])
                        if any(c.id in involved for c in answer.claims)
                    ),
                }
            )
    columns = [
        "topic",
        "question",
        "answer",
        "independent",
        "origins",
        "relays",
        "claims",
        "open_conflicts",
    ]
    return records_frame(rows, columns)


def _answer_shown(topics: dict[str, Topic], claim: Claim) -> str | None:
    """A claim's answer to its topic, marked when it gives it only by implication."""
    if claim.topic not in topics:
        return None
    answer = answer_of(topics[claim.topic], claim)[1]
    return f"{answer} (implied by {claim.implied_from})" if claim.implied_from else answer


def _when(claim: Claim) -> tuple[bool, str, str]:
    """Date order, undated claims last, ties by id."""
    return claim.date is None, claim.date or "", claim.id


def timeline(
    graph: nx.MultiDiGraph, conflicts: list[Conflict], topic: str | None = None
) -> pd.DataFrame:
    """Claims in date order (undated last), marking when each answer first appeared and when
    each conflict opened: the date of the claim that completed it."""
    topics = g.topics(graph)
    # with a topic: the claims as they answer it (their own, further or implied answers)
    claims = list(g.records(graph, "claim")) if topic is None else g.claims_about(graph, topic)
    first_seen: dict[tuple[str, tuple[Any, ...]], str] = {}
    events: dict[str, list[str]] = defaultdict(list)
    ordered = sorted(claims, key=_when)
    for claim in ordered:
        if claim.topic in topics:
            key, label, _ = answer_of(topics[claim.topic], claim)
            if (claim.topic, key) not in first_seen:
                first_seen[(claim.topic, key)] = claim.id
                events[claim.id].append(f"first: {label}")
    by_id = {c.id: c for c in claims}
    for conflict in conflicts:
        if topic is not None and conflict.topic != topic:
            continue
        # A conflict opens when its last side gets its first claim.
        firsts = []
        for side in conflict.sides:
            dated = [by_id[c] for c in side.claims if c in by_id]
            if not dated:
                break
            firsts.append(min(dated, key=_when))
        else:
            opener = max(firsts, key=_when)
            events[opener.id].append(f"opens {conflict.id} ({conflict.kind})")
    for claim in ordered:
        for old in claim.supersedes:
            events[claim.id].append(f"revises {old}")
        if claim.retracted:
            events[claim.id].append(f"retracted {claim.retracted}")
    sources = g.sources(graph)
    rows = [
        {
            "date": claim.date,
            "as_of": claim.as_of,
            "claim": claim.id,
            "topic": claim.topic,
            "answer": _answer_shown(topics, claim),
            "source": attribution(sources, claim),
            "events": list(events[claim.id]),
        }
        for claim in ordered
    ]
    columns = ["date", "as_of", "claim", "topic", "answer", "source", "events"]
    return records_frame(rows, columns)

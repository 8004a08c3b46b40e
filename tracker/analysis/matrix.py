"""The competing-hypotheses matrix of one topic (Heuer's Analysis of Competing Hypotheses):
its answers as columns, the sources that spoke on it as rows, each cell what the source's
claims say of that answer, and the independent origins against each answer. Figures and
choices are judged as the report judges them (tolerances, times, running totals, compatible
and included positions), so the matrix and the report never disagree."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
import pandas as pd

from tracker.analysis import graph as g
from tracker.analysis.answers import Answer, answers
from tracker.analysis.conflicts import values_agree
from tracker.corpus.records import Claim, Topic, top_origin

ASSERTS, DENIES, AGAINST, CONSISTENT = "asserts", "denies", "against", "consistent"
BOTH = "asserts and denies"  # a source that contradicts itself on this answer
SILENT = None  # the source said nothing on this answer
# What counts against an answer in the totals: a denial, an excluding answer, or both stances.
COUNTED_AGAINST = (DENIES, AGAINST, f"{DENIES} (implied)", BOTH, f"{BOTH} (implied)")


def matrix(graph: nx.MultiDiGraph, topic: Topic) -> pd.DataFrame:
    """Analysis of Competing Hypotheses: the topic's answers as columns, the sources that spoke
    on it as rows. A cell says whether the source asserts that answer, denies it, asserts an
    answer that excludes it (against), asserts only compatible ones (consistent), or is silent.
    The last row counts, for each answer, the independent origins against it or denying it
    (members of one body, by part_of, count once): in Heuer's method, the hypothesis with the
    least evidence against it is the one to keep."""
    given = answers(graph, topic)
    hypotheses: dict[Any, str] = {}  # answer key (without the denial flag) -> label
    for answer in given:
        hypotheses.setdefault(
            answer.key[:-1],
            answer.label.removeprefix("not ") if answer.denies else answer.label,
        )
    for answer in given:  # prefer the asserted spelling
        if not answer.denies:
            hypotheses[answer.key[:-1]] = answer.label
    # The claims that give each answer: a figure is against another only where the two are
    # compared (the same time, or a running total that fell), as in the report.
    holders: dict[Any, list[Claim]] = defaultdict(list)
    for answer in given:
        holders[answer.key[:-1]].extend(answer.claims)
    sources = g.sources(graph)
    said: dict[str, list[tuple[Answer, Claim]]] = defaultdict(list)
    for answer in given:
        for claim in answer.claims:
            said[claim.source].append((answer, claim))
    fixed = ["source", "reliability", "dates"]  # then one column per answer
    # An answer spelled like a fixed column ("source") must not replace or clash with it.
    for key, label in hypotheses.items():
        if label in fixed:
            hypotheses[key] = f"{label} (answer)"
    labels = [hypotheses[k] for k in sorted(hypotheses)]
    columns = [*fixed, *labels]
    rows = []
    for source_id in sorted(said):
        row: dict[str, Any] = {
            "source": source_id,
            "reliability": sources[source_id].reliability,
            "dates": list(dict.fromkeys(sorted(c.date for _, c in said[source_id] if c.date))),
        }
        for key in sorted(hypotheses):
            row[hypotheses[key]] = _cell(topic, key, said[source_id], holders)
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def origins_against(graph: nx.MultiDiGraph, table: pd.DataFrame) -> dict[str, int]:
    """The matrix's totals: for each answer (a column of ``table``, the :func:`matrix`), the
    independent origins against it or denying it; members of one body (part_of) count once."""
    sources = g.sources(graph)
    origins = table["source"].map(lambda s: top_origin(sources, s))
    return {
        label: int(origins[table[label].isin(COUNTED_AGAINST)].nunique())
        for label in table.columns[3:]
    }


def _cell(
    topic: Topic,
    hypothesis: tuple[Any, ...],
    said: list[tuple[Answer, Claim]],
    holders: dict[Any, list[Claim]],
) -> str | None:
    asserted = [a.key[:-1] for a, _ in said if not a.denies]
    denied = [a.key[:-1] for a, _ in said if a.denies]
    ways = [c for a, c in said if a.key[:-1] == hypothesis]
    if ways:
        # A source that both asserts and denies the answer says so (it contradicts itself),
        # and an answer given by implication only (from another topic) is so marked.
        stances = {a.denies for a, _ in said if a.key[:-1] == hypothesis}
        word = BOTH if len(stances) == 2 else DENIES if True in stances else ASSERTS
        return word if any(c.implied_from is None for c in ways) else f"{word} (implied)"
    implied = topic.implied_keys() if topic.kind == "choice" else {}
    # Denying P is evidence against every answer that includes P ("not the US" against
    # "US and UK"); asserting an answer that includes this one is consistent with it.
    if any(d[0] in implied.get(hypothesis[0], ()) for d in denied):
        return AGAINST
    if any(hypothesis[0] in implied.get(k[0], ()) for k in asserted):
        return CONSISTENT
    if not asserted:
        return SILENT
    if topic.kind == "choice":
        compatible = topic.compatible_keys()
        clash = any(
            frozenset((k[0], hypothesis[0])) not in compatible
            and hypothesis[0] not in implied.get(k[0], ())
            and k[0] not in implied.get(hypothesis[0], ())
            for k in asserted
        )
    else:  # another value further apart than the tolerance is evidence against
        clash = any(
            _figures_clash(topic, claim, other)
            for answer, claim in said
            if not answer.denies and claim.value is not None
            for other in holders[hypothesis]
        )
    return AGAINST if clash else CONSISTENT


def _figures_clash(topic: Topic, first: Claim, second: Claim) -> bool:
    """Whether two figures are evidence against each other, by the report's rules: further
    apart than the tolerance, at one time (or either undated); across times only on a running
    total, and only where the later figure lies wholly below the earlier."""
    assert first.value is not None
    assert second.value is not None
    if values_agree(topic, (first.value, first.tolerance), (second.value, second.tolerance)):
        return False
    if first.as_of and second.as_of and first.as_of != second.as_of:
        if not topic.cumulative:
            return False
        earlier, later = sorted((first, second), key=lambda c: c.as_of or "")
        assert earlier.value is not None
        assert later.value is not None
        return later.value.below(earlier.value)
    return True

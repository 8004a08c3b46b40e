"""The corpus as pandas DataFrames, for notebooks (docs/notebook.md)::

    import tracker
    corpus = tracker.open_corpus("claims")
    corpus.conflicts().query("status == 'open'")

Every table command (`tracker sources`, `topics`, `matrix`, `timeline`) prints one of these
frames, so a notebook and the command line always agree. The frames hold data: snake_case
columns, lists as lists, None where there is nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.run import check_names, valid_analysis

if TYPE_CHECKING:
    import pandas as pd

    from tracker.analysis.pipeline import AnalysedCorpus
    from tracker.diagnostics import Diagnostic


class Analysis:
    """A valid corpus, analysed: one method per DataFrame. Made by :func:`open_corpus`."""

    def __init__(self, analysed: AnalysedCorpus) -> None:
        assert analysed.graph is not None  # a valid corpus has its graph
        self.analysed = analysed
        self.graph = analysed.graph

    @property
    def warnings(self) -> list[Diagnostic]:
        """What `tracker validate` would warn about (the corpus has no errors)."""
        return list(self.analysed.diagnostics)

    def claims(self) -> pd.DataFrame:
        """One row per claim: its keys, its file, the documents it cites."""
        from tracker.analysis.tables import claims_table

        return claims_table(self.graph)

    def sources(self) -> pd.DataFrame:
        """One row per source, as `tracker sources` prints it."""
        from tracker.analysis.tables import sources_table

        return sources_table(self.graph, self.analysed.conflicts)

    def answers(self) -> pd.DataFrame:
        """One row per answer of each topic, with its independent origins: the answers by
        topic, as `tracker topics` prints them."""
        from tracker.analysis.tables import topics_table

        return topics_table(self.graph, self.analysed.conflicts)

    def matrix(self, topic: str) -> pd.DataFrame:
        """The competing-hypotheses matrix of ``topic`` (a row per source, a column per
        answer), as `tracker matrix` prints it without its totals row."""
        from tracker.analysis.matrix import matrix

        check_names("topic", (topic,), self.analysed.corpus.topics, "topic")
        return matrix(self.graph, self.analysed.corpus.topics[topic])

    def timeline(self, topic: str | None = None) -> pd.DataFrame:
        """Claims in date order (undated last) with what each one started, as `tracker
        timeline` prints them."""
        from tracker.analysis.tables import timeline

        if topic is not None:
            check_names("topic", (topic,), self.analysed.corpus.topics, "topic")
        return timeline(self.graph, self.analysed.conflicts, topic)

    def conflicts(self) -> pd.DataFrame:
        """One row per conflict, with the columns of `tracker report --format json`."""
        from tracker.analysis.report import build_report
        from tracker.analysis.tables import records_frame
        from tracker.render.json import row_data

        rows = [row_data(row) for row in build_report(self.graph, self.analysed.conflicts).rows]
        return records_frame(rows, list(CONFLICT_COLUMNS))

    def disputes(self) -> pd.DataFrame:
        """One row per answer of each disputed topic: the claims giving it, their independent
        origins, and the conflicts it stands on a side of (`tracker report --group topic`)."""
        from tracker.analysis.report import build_report
        from tracker.analysis.tables import records_frame

        built = build_report(self.graph, self.analysed.conflicts)
        rows = [
            {
                "topic": dispute.topic,
                "question": dispute.question,
                "answer": answer.answer,
                "claims": [c.id for c in answer.claims],
                "origins": list(answer.origins),
                "conflicts": [
                    row.conflict.id
                    for row in dispute.rows
                    if any(side.answer == answer.answer for side in row.conflict.sides)
                ],
            }
            for dispute in built.disputes
            for answer in dispute.answers
        ]
        return records_frame(
            rows, ["topic", "question", "answer", "claims", "origins", "conflicts"]
        )


CONFLICT_COLUMNS = (
    "id",
    "basis",
    "topic",
    "status",
    "sides",
    "sources",
    "note",
    "upheld",
    "resolution",
    "same_originator",
    "same_document",
    "internal",
    "detail",
)


def open_corpus(claims_dir: str | Path = "claims", *, use_cache: bool = True) -> Analysis:
    """Load, validate and analyse the claims folder ``claims_dir``. Raises
    :class:`tracker.run.InvalidCorpus` when it has errors (its ``analysed.diagnostics`` list
    them, as `tracker validate` does); nothing is analysed on a corpus with errors."""
    return Analysis(valid_analysis(Path(claims_dir), use_cache=use_cache))

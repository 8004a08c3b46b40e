"""The whole pipeline in one call: files → load → validate → model → conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .cache import RecordCache
from .conflicts import Conflict, find_conflicts
from .corpus import load_corpus
from .diagnostics import Diagnostic, has_errors, sort_diagnostics
from .files import CorpusFiles
from .graph import build_graph
from .model import Corpus
from .perf import paused_gc


@dataclass
class Checked:
    corpus: Corpus
    diagnostics: list[Diagnostic]
    graph: nx.MultiDiGraph | None = None  # None when the corpus has errors
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def check_corpus(
    source: CorpusFiles | str | Path = "claims",
    *,
    require_files: bool = True,
    cache: RecordCache | None = None,
) -> Checked:
    """Load and validate a corpus and, when it is valid, build its graph and find its
    conflicts (which can add diagnostics of their own, e.g. two verdicts on one conflict)."""
    with paused_gc():
        loaded = load_corpus(source, require_files=require_files, cache=cache)
        if not loaded.ok:
            return Checked(loaded.corpus, loaded.diagnostics)
        graph = build_graph(loaded.corpus)
        analysis = find_conflicts(graph)
    diagnostics = sort_diagnostics(loaded.diagnostics + analysis.diagnostics)
    return Checked(loaded.corpus, diagnostics, graph, analysis.conflicts)

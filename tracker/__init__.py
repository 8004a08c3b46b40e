"""tracker: a claim-and-source contradiction tracker.

The pipeline, usable from Python as from the command line::

    from tracker import load_corpus, build_graph, find_conflicts, build_report, render_report
    loaded = load_corpus("claims")          # files → records, with diagnostics
    graph = build_graph(loaded.corpus)      # records → networkx MultiDiGraph
    found = find_conflicts(graph)           # graph → conflicts
    print(render_report(build_report(graph, found.conflicts), "markdown"))

For notebooks, the corpus as pandas DataFrames (docs/notebook.md)::

    corpus = tracker.open_corpus("claims")  # InvalidCorpus if it has errors
    corpus.claims(), corpus.sources(), corpus.conflicts(), corpus.disputes(), corpus.answers()

Names are imported on first use, so ``import tracker`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_corpus": "tracker.corpus.load",
    "analyse_corpus": "tracker.analysis.pipeline",
    "build_graph": "tracker.analysis.graph",
    "find_conflicts": "tracker.analysis.verdicts",
    "build_report": "tracker.analysis.report",
    "render_report": "tracker.render",
    # The corpus as pandas DataFrames, for notebooks (docs/notebook.md).
    "open_corpus": "tracker.run.notebook",
    "InvalidCorpus": "tracker.run",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'tracker' has no attribute {name!r}")

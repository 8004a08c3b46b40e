"""The commands as library calls: the whole pipeline for one claims folder, with the caches
wired in, returning text and data for the command line (or a notebook) to show.

Nothing here prints or exits; :mod:`tracker.cli` only parses options, calls these functions
and turns their results and exceptions into output and exit codes.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cache.folder import cache_folder_of
from tracker.cache.parses import RecordCache
from tracker.cache.topics import TopicCache
from tracker.config import Selection
from tracker.diagnostics import Diagnostic, did_you_mean
from tracker.reading.files import CorpusFiles
from tracker.render.formats import DEFAULT_LIMIT, DEFAULT_WIDTH

if TYPE_CHECKING:
    # Imported where used: a report replayed from the run cache needs neither the analysis
    # nor networkx, whose import was half of its 0.25 s.
    from tracker.analysis.pipeline import AnalysedCorpus
    from tracker.exchange.claimreview import Publisher


class InvalidCorpus(Exception):
    """The corpus has errors: nothing is reported on it."""

    def __init__(self, analysed: AnalysedCorpus) -> None:
        errors = [d for d in analysed.diagnostics if d.severity.value == "error"]
        first = f"; the first: {errors[0]} [{errors[0].code}]" if errors else ""
        super().__init__(f"the corpus has {len(errors)} errors{first}")
        self.analysed = analysed


class UnknownNames(ValueError):
    """An option names topics or sources the corpus does not declare."""

    def __init__(self, kind: str, unknown: list[str], known: Collection[str], option: str):
        listed = ", ".join(repr(u) for u in unknown)
        hint = next((h for h in (did_you_mean(u, known) for u in unknown) if h), None)
        mean = f"; did you mean '{hint}'?" if hint else ";"
        super().__init__(
            f"unknown {kind} {listed}{mean} known: {', '.join(sorted(known)) or 'none'}"
        )
        self.option = option


def check_names(kind: str, given: Collection[str], known: Collection[str], option: str) -> None:
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise UnknownNames(kind, unknown, known, option)


def analyse_folder(
    claims_dir: Path,
    *,
    use_cache: bool = True,
    selection: Selection | None = None,
    files: CorpusFiles | None = None,
) -> AnalysedCorpus:
    """Load, validate and analyse a claims folder (read through ``files`` when given),
    through the caches when allowed."""
    return _analyse(files or claims_dir, claims_dir, use_cache, selection)


def _analyse(
    files: CorpusFiles | Path, claims_dir: Path, use_cache: bool, selection: Selection | None
) -> AnalysedCorpus:
    """analyse_corpus through the caches beside ``claims_dir`` (when allowed): the parse
    cache, and the cache of each topic's conflicts."""
    from tracker.analysis.pipeline import analyse_corpus

    folder = cache_folder_of(claims_dir)
    cache = RecordCache(folder) if use_cache else None
    memo = TopicCache(folder) if use_cache else None
    try:
        return analyse_corpus(files, cache=cache, selection=selection, memo=memo)
    finally:
        if cache is not None:
            cache.close()
        if memo is not None:
            memo.save()


@dataclass
class FileCheck:
    """`tracker validate FILE...`: the named files checked against the rest of their corpus."""

    analysed: AnalysedCorpus
    files: list[str]  # display paths of the files named
    diagnostics: list[Diagnostic]  # the problems located in them


def check_files(
    claims_dir: Path,
    paths: list[Path],
    *,
    stdin: tuple[Path, bytes] | None = None,
    use_cache: bool = True,
    selection: Selection | None = None,
) -> FileCheck:
    """Check ``paths`` (and a buffer given as ``stdin``: the name it stands for and its
    bytes) within the corpus of ``claims_dir``; report the problems located in them."""
    from tracker.reading.files import DirectoryFiles, OverlayFiles

    base = DirectoryFiles(claims_dir)
    files: CorpusFiles = base
    named = [base.display(path) for path in paths]
    if stdin is not None:
        name, data = stdin
        shown = base.display(name)
        files = OverlayFiles(base, shown, data)
        named.append(shown)
    analysed = _analyse(files, claims_dir, use_cache, selection)
    wanted = set(named)
    found = [d for d in analysed.diagnostics if d.location.path in wanted]
    return FileCheck(analysed, named, found)


def valid_analysis(
    claims_dir: Path,
    *,
    use_cache: bool = True,
    selection: Selection | None = None,
    files: CorpusFiles | None = None,
) -> AnalysedCorpus:
    """The analysed corpus, or :class:`InvalidCorpus` when it has errors."""
    analysed = analyse_folder(claims_dir, use_cache=use_cache, selection=selection, files=files)
    if not analysed.ok or analysed.graph is None:
        raise InvalidCorpus(analysed)
    return analysed


@dataclass
class ReportRequest:
    fmt: str = "table"
    group: str | None = None
    statuses: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    output: Path | None = None  # where an HTML page goes: its document links start there
    width: int = DEFAULT_WIDTH  # of a table for a terminal
    selection: Selection = field(default_factory=Selection)  # the warnings to report
    limit: int = DEFAULT_LIMIT  # entries per part of a table or markdown report; 0: all


@dataclass
class ReportRun:
    text: str
    summary: str
    statuses: list[str]  # the statuses of the conflicts shown
    warnings: str = ""  # the corpus's warnings, rendered as text
    replayed: bool = False  # answered from the run cache
    documents: dict[str, str] = field(default_factory=dict)


def report(claims_dir: Path, request: ReportRequest, *, use_cache: bool = True) -> ReportRun:
    """The contradiction report of a claims folder, replayed from the run cache when no
    claim file, quoted document, option or tracker source changed since it was made."""
    from tracker.cache.runs import RunCache, WatchedFiles, listing_analysed, listing_now
    from tracker.reading.files import DirectoryFiles

    page_folder = (request.output.parent if request.output else Path()).resolve()
    prefix = os.path.relpath(claims_dir.resolve().parent, page_folder).replace(os.sep, "/")
    files = WatchedFiles(DirectoryFiles(claims_dir))
    runs = RunCache(cache_folder_of(claims_dir)) if use_cache else None
    options = [
        str(claims_dir),
        request.fmt,
        str(request.group),
        repr(request.statuses),
        repr(request.topics),
        repr(request.sources),
        prefix,
        str(request.width),
        repr(sorted(request.selection.select)),
        repr(sorted(request.selection.ignore)),
        str(request.limit),
    ]
    listing = listing_now(files) if runs else None
    entry = (
        runs.lookup(runs.run_key("report", options, listing), files) if runs and listing else None
    )
    if entry is not None:
        return ReportRun(
            entry["text"], entry["summary"], entry["statuses"], entry["diagnostics"], True
        )
    analysed = valid_analysis(
        claims_dir, use_cache=use_cache, selection=request.selection, files=files
    )
    check_names("topic", request.topics, analysed.corpus.topics, "--topic")
    check_names("source", request.sources, analysed.corpus.sources, "--source")

    from tracker.analysis.report import build_report
    from tracker.render import render_report
    from tracker.render.diagnostics import render_text

    graph = analysed.graph
    assert graph is not None  # valid_analysis guarantees it
    built = build_report(
        graph,
        analysed.conflicts,
        statuses=request.statuses,
        topics=request.topics,
        sources=request.sources,
    )
    result = ReportRun(
        render_report(
            built,
            request.fmt,
            graph=graph,
            document_prefix="" if prefix == "." else prefix,
            group=request.group,
            width=request.width,
            limit=request.limit,
        ),
        built.summary(),
        sorted({row.conflict.status for row in built.rows}),
        render_text(analysed.diagnostics),
        documents=files.documents_of(analysed.corpus),
    )
    # Stored under the digests of the bytes analysed, and only if nothing changed since.
    analysed_listing = listing_analysed(analysed.corpus)
    if (
        runs
        and analysed_listing is not None
        and runs.unchanged(files, analysed_listing, result.documents)
    ):
        runs.store(
            runs.run_key("report", options, analysed_listing),
            {
                "diagnostics": result.warnings,
                "text": result.text,
                "summary": result.summary,
                "statuses": result.statuses,
                "documents": result.documents,
            },
        )
    return result


@dataclass
class TableRun:
    text: str
    warnings: list[Diagnostic]


def table(
    claims_dir: Path,
    name: str,
    fmt: str,
    *,
    topic: str | None = None,
    use_cache: bool = True,
    width: int = DEFAULT_WIDTH,
    selection: Selection | None = None,
) -> TableRun:
    """One of the analysis tables (`sources`, `topics`, `matrix`, `timeline`) as text.
    ``topic`` is the matrix's topic, or the timeline's filter."""
    analysed = valid_analysis(claims_dir, use_cache=use_cache, selection=selection)
    graph = analysed.graph
    assert graph is not None  # valid_analysis guarantees it
    if topic is not None:
        option = "TOPIC" if name == "matrix" else "--topic"
        check_names("topic", (topic,), analysed.corpus.topics, option)
    from tracker.analysis.matrix import origins_against
    from tracker.render.frame import render_frame
    from tracker.run.notebook import Analysis

    # The frames a notebook gets (docs/notebook.md), laid out.
    frames = Analysis(analysed)
    title = totals = context = cells_from = None
    if name == "sources":
        frame = frames.sources()
    elif name == "topics":
        frame = frames.answers()
    elif name == "matrix":
        assert topic is not None
        found = analysed.corpus.topics[topic]
        frame, title = frames.matrix(topic), found.question
        totals = ("origins against", origins_against(graph, frame))
        context = {"topic": found.id, "question": found.question, "answers": [*frame.columns[3:]]}
        cells_from = 3  # source, reliability, dates, then one column per answer
    elif name == "timeline":
        frame = frames.timeline(topic)
    else:
        raise ValueError(f"unknown table {name!r}")
    text = render_frame(
        frame, fmt, title=title, width=width, totals=totals, context=context, cells_from=cells_from
    )
    return TableRun(text, analysed.diagnostics)


def graph_file(
    claims_dir: Path, fmt: str, *, use_cache: bool = True, selection: Selection | None = None
) -> TableRun:
    """The graph of the corpus, with a node per conflict, as GraphML, GEXF, JSON or DOT."""
    from tracker.render.graph import write_graph

    analysed = valid_analysis(claims_dir, use_cache=use_cache, selection=selection)
    assert analysed.graph is not None  # valid_analysis guarantees it
    return TableRun(write_graph(analysed.graph, analysed.conflicts, fmt), analysed.diagnostics)


def export_sqlite(
    claims_dir: Path, database: Path, *, use_cache: bool = True, selection: Selection | None = None
) -> AnalysedCorpus:
    """Write the corpus and its conflicts to a SQLite database (for Datasette)."""
    from tracker.exchange.sqlite import write_database

    analysed = valid_analysis(claims_dir, use_cache=use_cache, selection=selection)
    assert analysed.graph is not None  # valid_analysis guarantees it
    write_database(analysed.graph, analysed.conflicts, database)
    return analysed


def export_argdown(
    claims_dir: Path, *, use_cache: bool = True, selection: Selection | None = None
) -> TableRun:
    """The disputes and contradictions as Argdown text."""
    from tracker.analysis.report import build_report
    from tracker.exchange.argdown import render

    analysed = valid_analysis(claims_dir, use_cache=use_cache, selection=selection)
    assert analysed.graph is not None  # valid_analysis guarantees it
    report = build_report(analysed.graph, analysed.conflicts)
    return TableRun(render(report), analysed.diagnostics)


def export_claimreview(
    claims_dir: Path,
    *,
    publisher: Publisher,
    use_cache: bool = True,
    selection: Selection | None = None,
) -> TableRun:
    """The verdicts as ClaimReview JSON-LD."""
    from tracker.exchange.claimreview import render

    analysed = valid_analysis(claims_dir, use_cache=use_cache, selection=selection)
    assert analysed.graph is not None  # valid_analysis guarantees it
    return TableRun(render(analysed.graph, analysed.conflicts, publisher), analysed.diagnostics)


def export_sheet(
    claims_dir: Path, *, use_cache: bool = True, selection: Selection | None = None
) -> TableRun:
    """Every claim as a row of a CSV sheet (the layout `import csv` reads), by file and
    position."""
    from tracker.exchange.sheet import write_sheet

    analysed = valid_analysis(claims_dir, use_cache=use_cache, selection=selection)
    claims = sorted(analysed.corpus.claims.values(), key=lambda c: (c.path, c.marks[""]))
    return TableRun(write_sheet(claims), analysed.diagnostics)


def suggestions(
    claims_dir: Path,
    fmt: str,
    *,
    limit: int,
    width: int = DEFAULT_WIDTH,
    use_cache: bool = True,
    selection: Selection | None = None,
) -> TableRun:
    """`tracker suggest`: topics for claims with none and candidate contradictions, laid
    out as ``fmt``. Reads the corpus; writes nothing."""
    analysed = valid_analysis(claims_dir, use_cache=use_cache, selection=selection)
    assert analysed.graph is not None  # valid_analysis guarantees it
    from tracker.render.suggestions import render_suggestions
    from tracker.suggest import SuggestionInput, suggestions_of

    source, warnings = SuggestionInput.of(analysed.graph), analysed.diagnostics
    # The graph and the conflicts go before the suggestions' arrays are built: at 100,000
    # claims the two together took twice a report's memory (docs/suggest.md).
    del analysed
    found = suggestions_of(source, limit)
    text = render_suggestions(found, fmt, limit=limit, width=width)
    return TableRun(text, warnings)

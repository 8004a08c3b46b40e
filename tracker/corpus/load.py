"""Files to a validated corpus: load, read records, assemble, run the rules.

``load_corpus`` is the entry point of the pipeline for every command. It never raises on bad
input: every problem is a diagnostic, and the corpus holds whatever could be read.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from tracker.corpus.fields import FileRecords
from tracker.corpus.parsing import FileResult
from tracker.corpus.records import ContradictionEntry, Corpus, Record
from tracker.corpus.rules import run_rules
from tracker.diagnostics import (
    Code,
    Diagnostic,
    Location,
    diagnose,
    has_errors,
    sort_diagnostics,
)
from tracker.reading.files import CorpusFiles, DirectoryFiles, digest_of

R = TypeVar("R", bound=Record)

# Whoever drives a long load (the command line's progress bar) may listen here: called with
# (files read, files in all) after each file. The library itself never prints.
PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("progress", default=None)


class ParseCache(Protocol):
    """What loading asks of a cache of parsed files (tracker.cache.parses.RecordCache is
    one): the reading stage knows nothing of where or how entries are kept."""

    def lookup(self, path: str, data: bytes) -> Any | None: ...

    def store(self, path: str, data: bytes, value: Any) -> None: ...

    def prune(self) -> None: ...


@dataclass
class LoadResult:
    corpus: Corpus
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def _with_notes(diagnostics: list[Diagnostic], corpus: Corpus) -> list[Diagnostic]:
    """The first error of each file that does not parse says how many references elsewhere
    were not checked because they may name an id it declares (said once, at that file)."""
    noted: set[str] = set()
    found = []
    for problem in diagnostics:
        path = problem.location.path
        count = corpus.excused.get(path, 0)
        if count and path not in noted and problem.severity.value == "error":
            noted.add(path)
            plural = "s" * (count != 1)
            problem = replace(
                problem,
                message=f"{problem.message}; until this file parses, {count} reference{plural} "
                "in other files to ids it may declare are not checked",
            )
        found.append(problem)
    return found


def _read_or_cached(
    files: CorpusFiles, path: str, cache: ParseCache | None, digests: dict[str, str]
) -> FileResult | bytes:
    """The file's result when it cannot be read or the cache has it, else its bytes. The
    digest of the bytes read goes to ``digests``."""
    try:
        data = files.read_claim_file(path)
    except OSError as exc:
        return FileRecords(), [
            diagnose(Location(path), Code.READ, f"cannot read the file: {exc.strerror or exc}")
        ]
    digests[path] = digest_of(data)
    if cache is not None:
        cached = cache.lookup(path, data)
        if isinstance(cached, tuple) and len(cached) == 2:
            return cached[0], list(cached[1])
    return data


def _read_all(
    files: CorpusFiles,
    paths: list[str],
    cache: ParseCache | None,
    jobs: int | None,
    digests: dict[str, str],
) -> list[FileResult]:
    """Every file's records, in order. Files the cache does not have are parsed in worker
    processes when there are enough of them to pay for the workers (see
    :func:`tracker.corpus.parallel.records_in_parallel`)."""
    from tracker.corpus.parallel import records_in_parallel

    progress = PROGRESS.get()
    results: list[FileResult | None] = [None] * len(paths)
    pending: list[tuple[int, bytes]] = []
    done = 0
    for index, path in enumerate(paths):
        found = _read_or_cached(files, path, cache, digests)
        if isinstance(found, bytes):
            pending.append((index, found))
            continue
        results[index] = found
        done += 1
        if progress is not None:
            progress(done, len(paths))
    work = [(paths[index], data) for index, data in pending]
    for (index, data), result in zip(pending, records_in_parallel(work, jobs), strict=True):
        results[index] = result
        if cache is not None:
            cache.store(paths[index], data, result)
        done += 1
        if progress is not None:
            progress(done, len(paths))
    return [result for result in results if result is not None]


def _add(kind: str, table: dict[str, R], record: R, diagnostics: list[Diagnostic]) -> None:
    first = table.get(record.id)
    if first is None:
        table[record.id] = record
        return
    diagnostics.append(
        diagnose(
            record.location("id"),
            Code.DUPLICATE_ID,
            f"duplicate {kind} id '{record.id}': also defined at {first.location('id')}; ids are "
            "global to the corpus, so rename one of them",
        )
    )


def assemble(per_file: list[tuple[str, FileRecords]]) -> tuple[Corpus, list[Diagnostic]]:
    """One corpus from the records of every file, refusing ids declared twice."""
    corpus = Corpus()
    diagnostics: list[Diagnostic] = []
    given_ids: dict[str, ContradictionEntry] = {}
    for path, records in per_file:
        corpus.files.append(path)
        corpus.broken |= records.broken
        if records.words is not None:
            corpus.unparsed[path] = records.words
        if records.suppressions:
            corpus.suppressions[path] = records.suppressions
        for source in records.sources:
            _add("source", corpus.sources, source, diagnostics)
        for topic in records.topics:
            _add("topic", corpus.topics, topic, diagnostics)
        for claim in records.claims:
            _add("claim", corpus.claims, claim, diagnostics)
        for entry in records.contradictions:
            if entry.given_id:
                _add("contradiction", given_ids, entry, diagnostics)
            corpus.contradictions.append(entry)
    return corpus, diagnostics


def load_corpus(
    source: CorpusFiles | str | Path = "claims",
    *,
    require_files: bool = True,
    cache: ParseCache | None = None,
    jobs: int | None = None,
) -> LoadResult:
    """Read and validate every claim file of a corpus.

    ``source`` is a claims folder or a :class:`CorpusFiles`. The result holds the corpus and
    every problem found, sorted by file and position. ``jobs`` caps the worker processes that
    parse files (1: none; None: :data:`JOBS`, else one per core when it pays).
    """
    files = DirectoryFiles(Path(source)) if isinstance(source, str | Path) else source
    diagnostics: list[Diagnostic] = []
    per_file: list[tuple[str, FileRecords]] = []
    paths = files.claim_files()
    if not paths and require_files:
        diagnostics.append(
            diagnose(
                Location(files.label),
                Code.NO_FILES,
                f"no claim files (*.yaml, *.yml) under {files.label}; give the claims folder "
                "as an argument, e.g. `tracker report path/to/claims`",
            )
        )
    for folder, why in getattr(files, "unreadable", ()):
        diagnostics.append(
            diagnose(
                Location(folder),
                Code.READ,
                f"cannot list the folder: {why}; its claim files would be left out, so make "
                "it readable (or move it out of the claims folder)",
            )
        )
    digests: dict[str, str] = {}
    read = _read_all(files, paths, cache, jobs, digests)
    for path, (records, problems) in zip(paths, read, strict=True):
        per_file.append((path, records))
        diagnostics.extend(problems)
    corpus, problems = assemble(per_file)
    corpus.digests = digests
    diagnostics.extend(problems)
    corpus.complete = not has_errors(diagnostics)
    diagnostics.extend(run_rules(corpus, files))
    if corpus.excused:
        diagnostics = _with_notes(diagnostics, corpus)
    if cache is not None:
        cache.prune()
    return LoadResult(corpus, sort_diagnostics(diagnostics))

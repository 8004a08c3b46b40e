"""The analysed corpus of one claims folder, as the editor sees it, kept between edits.

An edit replaces one buffer; :meth:`Workspace.refresh` then runs the tracker's own pipeline
(:func:`tracker.analysis.pipeline.analyse_corpus`, the one `tracker validate` runs) over the
buffers and the files on disk, with the parse and topic work kept in memory: only the edited
file is parsed again and only the topics its claims touch are derived again. The
diagnostics are therefore `tracker validate`'s, for every file, including the files an edit
in another file made wrong or right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from tracker.analysis.pipeline import AnalysedCorpus, analyse_corpus
from tracker.config import Selection
from tracker.corpus.records import Record
from tracker.diagnostics import Diagnostic
from tracker.lsp.files import EditorFiles, KeptParses, KeptTopics
from tracker.lsp.occurrences import Occurrence, occurrences
from tracker.reading.files import CLAIM_SUFFIXES, DirectoryFiles

if TYPE_CHECKING:
    from tracker.analysis.conflicts import Conflict
    from tracker.analysis.report import ReportIndex, TopicAnswers


@dataclass
class Published:
    """The diagnostics of each file after a refresh: every file that has some, every file
    that had some before and has none now (its list is empty, to clear it), and every file
    the editor changed."""

    by_path: dict[str, list[Diagnostic]]
    elsewhere: list[Diagnostic]  # located on no claim file (the folder itself)


class Workspace:
    """A claims folder (``claims_dir`` as the command line names it, relative to the
    working folder) with the editor's buffers."""

    def __init__(self, claims_dir: Path, selection: Selection | None = None) -> None:
        self.claims_dir = claims_dir
        self.selection = selection or Selection()
        self.folder = DirectoryFiles(claims_dir)
        self.files = EditorFiles(self.folder)
        self.parses = KeptParses()
        self.topics = KeptTopics()
        self.analysed: AnalysedCorpus | None = None
        self._shown: set[str] = set()
        self._touched: set[str] = set()  # buffers opened, changed or closed since a refresh
        self._lines: dict[str, list[str]] = {}
        self._occurrences: list[Occurrence] | None = None
        self._occurrences_in: dict[str, list[Occurrence]] = {}
        self._joins: tuple[ReportIndex, TopicAnswers, dict[str, list[Conflict]]] | None = None

    # Paths and URIs

    def path_of(self, uri: str) -> str | None:
        """The display path (``claims/a.yaml``) of a claim file of this folder named by a
        ``file:`` URI; None for anything else (another scheme, a file outside the folder)."""
        parsed = urlparse(uri)
        if parsed.scheme != "file":
            return None
        path = Path(unquote(parsed.path))
        if not path.name.endswith(CLAIM_SUFFIXES):
            return None
        try:
            if not self.folder.contains(path):
                return None
            return self.folder.display(path)
        except (OSError, ValueError):
            return None

    @staticmethod
    def uri_of(path: str) -> str:
        return Path(path).absolute().as_uri()

    # Buffers

    def hold(self, path: str, text: str) -> None:
        """The editor's text of ``path`` from now on (open or changed)."""
        self.files.buffers[path] = text.encode("utf-8", "surrogatepass")
        self._lines.pop(path, None)
        self._touched.add(path)

    def release(self, path: str) -> None:
        """The editor closed ``path``: read it from disk again."""
        self.files.buffers.pop(path, None)
        self._lines.pop(path, None)
        self._touched.add(path)

    def lines(self, path: str) -> list[str]:
        """The current text of ``path``, line by line (the buffer, else the file on disk)."""
        found = self._lines.get(path)
        if found is None:
            try:
                data = self.files.read_claim_file(path)
            except OSError:
                data = b""
            found = data.decode("utf-8", "replace").splitlines()
            self._lines[path] = found
        return found

    # Analysis

    def refresh(self) -> Published:
        """Analyse the corpus as it now stands; the diagnostics to publish."""
        self._lines.clear()
        self._occurrences = None
        self._occurrences_in = {}
        self._joins = None
        self.analysed = analyse_corpus(
            self.files, cache=self.parses, selection=self.selection, memo=self.topics
        )
        self.topics.prune()
        files = set(self.analysed.corpus.files)
        # Every file edited gets its list, empty or not: the editor learns it was checked.
        by_path: dict[str, list[Diagnostic]] = {
            path: [] for path in self._shown | (self._touched & files)
        }
        self._touched = set()
        elsewhere: list[Diagnostic] = []
        for problem in self.analysed.diagnostics:
            path = problem.location.path
            if path in files:
                by_path.setdefault(path, []).append(problem)
            else:
                elsewhere.append(problem)
        self._shown = {path for path, found in by_path.items() if found}
        return Published(by_path, elsewhere)

    def occurrences(self) -> list[Occurrence]:
        """Every declaration and reference of an id in the corpus last analysed."""
        if self._occurrences is None:
            corpus = self.analysed.corpus if self.analysed else None
            self._occurrences = occurrences(corpus, self.lines) if corpus else []
        return self._occurrences

    def occurrences_in(self, path: str) -> list[Occurrence]:
        """The declarations and references written in one file (only that file is read)."""
        found = self._occurrences_in.get(path)
        if found is None:
            corpus = self.analysed.corpus if self.analysed else None
            found = occurrences(corpus, self.lines, path) if corpus else []
            self._occurrences_in[path] = found
        return found

    def occurrence_at(self, path: str, line: int, column: int) -> Occurrence | None:
        """The occurrence under a cursor (1-based line and column)."""
        for found in self.occurrences_in(path):
            if found.line == line and found.column <= column <= found.end:
                return found
        return None

    def declaration(self, kind: str, ident: str) -> Occurrence | None:
        """Where the id of ``kind`` is declared (its own file only is read)."""
        if self.analysed is None:
            return None
        corpus = self.analysed.corpus
        tables: dict[str, Mapping[str, Record]] = {
            "source": corpus.sources,
            "topic": corpus.topics,
            "claim": corpus.claims,
        }
        record = tables[kind].get(ident)
        if record is None:
            return None
        for found in self.occurrences_in(record.path):
            if found.declaration and found.kind == kind and found.id == ident:
                return found
        return None

    def joins(self) -> tuple[ReportIndex, TopicAnswers, dict[str, list[Conflict]]] | None:
        """What a report joins with (claims, sources and topics by id; each topic's answers,
        grouped when first asked for) and each claim's conflicts, for the corpus last
        analysed; None while it has errors (nothing is analysed then)."""
        analysed = self.analysed
        if analysed is None or analysed.graph is None:
            return None
        if self._joins is None:
            from tracker.analysis.report import ReportIndex, TopicAnswers

            index = ReportIndex(analysed.graph)
            by_claim: dict[str, list[Conflict]] = {}
            for conflict in analysed.conflicts:
                for claim in conflict.claim_ids:
                    by_claim.setdefault(claim, []).append(conflict)
            answered = TopicAnswers(analysed.graph, index.sources, index.about)
            self._joins = (index, answered, by_claim)
        return self._joins

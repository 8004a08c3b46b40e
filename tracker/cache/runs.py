"""A result cache for whole runs of `tracker report`: when no claim file, no quoted document,
no option and no tracker code changed since a run, its output is replayed as it was.

The key hashes the tracker's source, the command and its options, the working folder, and
the path and exact bytes of every claim file; an entry also records the documents the corpus
quotes, with a hash of each, and is used only while every one still reads the same.

A file can change while a run reads it (an editor saving). So the key of a stored entry is
made from the digests of the very bytes the analysis parsed, the documents' states are those
the analysis read, and the entry is written only if every file still reads the same at the
end of the run: an entry never holds the output of other bytes than its key names. Entries
are JSON signed with the parse cache's private key and bound to their name (see
:mod:`tracker.cache.parses`), so an entry copied in from elsewhere (a commit, say) cannot forge a
report. They live in ``runs/`` of the verified cache folder (:mod:`tracker.cache.folder`).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.cache.folder import CacheFolder, open_subfolder
from tracker.cache.parses import entry_name, read_signed, sign, user_key
from tracker.corpus.records import Corpus
from tracker.reading.files import CorpusFiles, DocumentRefused, FilesOver, digest_of

KEPT_RUNS = 32  # one entry per command line is what is ever replayed

# (path, digest of its bytes) for every claim file of a corpus, in order: what a run saw.
Listing = list[tuple[str, str]]


def document_state(files: CorpusFiles, name: str) -> str:
    """What a document reads as now: a digest of its bytes, or why it cannot be read."""
    try:
        return digest_of(files.read_document(name))
    except DocumentRefused as exc:
        return f"refused: {exc}"


def listing_now(files: CorpusFiles) -> Listing | None:
    """Every claim file with the digest of its bytes as they read now, or None when one
    cannot be read (such a run is never cached)."""
    try:
        return [(path, digest_of(files.read_claim_file(path))) for path in files.claim_files()]
    except OSError:
        return None


def listing_analysed(corpus: Corpus) -> Listing | None:
    """The claim files as the analysis read them (the digests of the very bytes it parsed),
    or None when one could not be read."""
    if any(path not in corpus.digests for path in corpus.files):
        return None
    return [(path, corpus.digests[path]) for path in corpus.files]


@dataclass
class WatchedFiles(FilesOver):
    """A claims folder whose document reads are remembered as they happen: the run cache
    records the state of each document as the analysis read it, not as it reads later."""

    documents: dict[str, str] = field(default_factory=dict)  # name -> document_state

    def read_document(self, relative: str) -> bytes:
        try:
            data = self.base.read_document(relative)
        except DocumentRefused as exc:
            self.documents.setdefault(relative, f"refused: {exc}")
            raise
        self.documents.setdefault(relative, digest_of(data))
        return data

    def documents_of(self, corpus: Corpus) -> dict[str, str]:
        """The state of every local document the corpus quotes: as the analysis read it,
        else (a document no rule opened) as it reads now."""
        names = {e.document for c in corpus.claims.values() for e in c.evidence if not e.is_url}
        return {
            name: self.documents.get(name) or document_state(self.base, name)
            for name in sorted(names)
        }


@dataclass
class RunCache:
    folder: Path  # .tracker-cache (the runs live in its runs/ sub-folder)
    key: bytes | None = field(default_factory=user_key)

    @staticmethod
    def run_key(command: str, options: list[str], listing: Listing) -> str:
        """The key of a run of ``command`` with ``options`` over the claim files of
        ``listing``: the same bytes give the same key, in any working folder."""
        parts = [command, os.getcwd(), *options]
        for path, digest in listing:
            parts += [path, digest]
        return entry_name(*(part.encode("utf-8", "surrogateescape") for part in parts))

    @staticmethod
    def unchanged(files: WatchedFiles, listing: Listing, documents: dict[str, str]) -> bool:
        """Whether the claim files and documents still read as the analysis read them: an
        entry is stored only then, so that it never holds what other bytes gave."""
        return listing_now(files.base) == listing and all(
            document_state(files.base, name) == state for name, state in documents.items()
        )

    def _runs(self, *, create: bool) -> CacheFolder | None:
        return open_subfolder(self.folder, self.key, "runs", create=create)

    def lookup(self, run: str, files: CorpusFiles) -> dict[str, Any] | None:
        runs = self._runs(create=False)
        if runs is None or self.key is None:
            return None
        with runs:
            payload = read_signed(runs, self.key, run)
        if payload is None:
            return None
        try:
            entry: dict[str, Any] = json.loads(payload)
            documents: dict[str, str] = entry["documents"]
        except (ValueError, KeyError, TypeError):
            return None
        if any(document_state(files, name) != state for name, state in documents.items()):
            return None
        return entry

    def store(self, run: str, entry: dict[str, Any]) -> None:
        runs = self._runs(create=True)
        if runs is None or self.key is None:
            return
        # ASCII JSON: file names that are not UTF-8 (surrogate escapes) survive the round trip.
        payload = json.dumps(entry, ensure_ascii=True, sort_keys=True).encode("ascii")
        with runs, contextlib.suppress(OSError):
            runs.write(run, sign(self.key, run, payload))
            # Keep only the newest runs, removing nothing but tracker's own entries.
            kept = sorted(runs.entries(), key=lambda item: (item[1].st_mtime_ns, item[0]))
            for name, _ in kept[:-KEPT_RUNS]:
                runs.remove(name)

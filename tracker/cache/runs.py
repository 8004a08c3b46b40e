"""A result cache for whole runs of `tracker report`: when no claim file, no quoted document,
no option and no tracker code changed since a run, its output is replayed as it was.

The key hashes the tracker's source, the command and its options, the working folder, and
the path and exact bytes of every claim file; an entry also records the documents the corpus
quotes, with a hash of each, and is used only while every one still reads the same. Entries
are JSON signed with the parse cache's private key and bound to their name (see
:mod:`tracker.cache.parses`), so an entry copied in from elsewhere (a commit, say) cannot forge a
report. They live in ``runs/`` of the verified cache folder (:mod:`tracker.cache.folder`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.cache.folder import CacheFolder, open_subfolder
from tracker.cache.parses import entry_name, read_signed, sign, user_key
from tracker.corpus.records import Corpus
from tracker.reading.files import DirectoryFiles, DocumentRefused

KEPT_RUNS = 32  # one entry per command line is what is ever replayed


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def document_state(files: DirectoryFiles, name: str) -> str:
    """What a document reads as now: a hash of its bytes, or why it cannot be read."""
    try:
        return _hash(files.read_document(name))
    except DocumentRefused as exc:
        return f"refused: {exc}"


def documents_of(corpus: Corpus, files: DirectoryFiles) -> dict[str, str]:
    names = sorted({e.document for c in corpus.claims.values() for e in c.evidence if not e.is_url})
    return {name: document_state(files, name) for name in names}


@dataclass
class RunCache:
    folder: Path  # .tracker-cache (the runs live in its runs/ sub-folder)
    key: bytes | None = field(default_factory=user_key)

    def run_key(self, command: str, options: list[str], files: DirectoryFiles) -> str | None:
        """The key of this run, or None when a claim file cannot be read (no caching)."""
        parts = [command, os.getcwd(), *options]
        try:
            for path in files.claim_files():
                parts += [path, _hash(files.read_claim_file(path))]
        except OSError:
            return None
        return entry_name(*(part.encode("utf-8", "surrogateescape") for part in parts))

    def _runs(self, *, create: bool) -> CacheFolder | None:
        return open_subfolder(self.folder, self.key, "runs", create=create)

    def lookup(self, run: str, files: DirectoryFiles) -> dict[str, Any] | None:
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

"""A result cache for whole runs of `tracker report`: when no claim file, no quoted document,
no option and no tracker version changed since a run, its output is replayed as it was.

The key hashes the tracker version, the command and its options, the working folder, and
the path and exact bytes of every claim file; an entry also records the documents the corpus
quotes, with a hash of each, and is used only while every one still reads the same. Entries
are JSON signed with the parse cache's private key (see :mod:`tracker.cache`), so an entry
copied in from elsewhere (a commit, say) cannot forge a report.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .cache import sign, user_key, verified
from .files import DirectoryFiles, DocumentRefused
from .model import Corpus
from .output import write_atomic_bytes


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
    folder: Path  # .tracker-cache/runs
    key: bytes | None = field(default_factory=user_key)

    def run_key(self, command: str, options: list[str], files: DirectoryFiles) -> str | None:
        """The key of this run, or None when a claim file cannot be read (no caching)."""
        digest = hashlib.blake2b(digest_size=24)
        parts = [__version__, command, os.getcwd(), *options]
        try:
            for path in files.claim_files():
                parts += [path, _hash(files.read_claim_file(path))]
        except OSError:
            return None
        for part in parts:
            encoded = part.encode("utf-8", "surrogateescape")
            digest.update(len(encoded).to_bytes(8, "little"))
            digest.update(encoded)
        return digest.hexdigest()

    def lookup(self, run: str, files: DirectoryFiles) -> dict[str, Any] | None:
        if self.key is None:
            return None
        try:
            blob = (self.folder / run).read_bytes()
        except OSError:
            return None
        payload = verified(self.key, blob)
        if payload is None:
            with contextlib.suppress(OSError):
                (self.folder / run).unlink()
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
        if self.key is None:
            return
        payload = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8")
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text(
                    "# Created by tracker: a cache, safe to delete.\n*\n", encoding="utf-8"
                )
            write_atomic_bytes(self.folder / run, sign(self.key, payload))
            # Keep only the newest runs: one per command line is what is ever replayed.
            entries = sorted(self.folder.iterdir(), key=lambda p: p.stat().st_mtime)
            for old in entries[:-32]:
                old.unlink()

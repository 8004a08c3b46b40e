"""A parse cache: each claim file's records and diagnostics, kept between runs.

Entries live in ``.tracker-cache/`` beside the claims folder (a ``.gitignore`` inside keeps
it out of git), one file per claim file, named by a hash of the tracker version, the file's
path and its exact bytes: an edited, added, renamed or deleted file can never be answered
from a stale entry. The cache is safe to delete at any time.

Entries are pickles, and unpickling runs code, so each entry is signed with HMAC-SHA256
under a key kept in the user's own cache folder (not in the repository): an entry that was
committed, copied from elsewhere, truncated or corrupted fails the check and is ignored and
rebuilt. Any problem with the cache only makes the run slower, never wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .output import write_atomic_bytes

_DIGEST = 32  # bytes of HMAC-SHA256


def sign(key: bytes, payload: bytes) -> bytes:
    """The payload with its HMAC-SHA256 signature in front."""
    return hmac.new(key, payload, hashlib.sha256).digest() + payload


def verified(key: bytes, blob: bytes) -> bytes | None:
    """The payload of a signed blob, or None when the signature does not match."""
    signature, payload = blob[:_DIGEST], blob[_DIGEST:]
    expected = hmac.new(key, payload, hashlib.sha256).digest()
    if len(blob) <= _DIGEST or not hmac.compare_digest(signature, expected):
        return None
    return payload


def user_key() -> bytes | None:
    """The signing key, created on first use; None when it cannot be kept."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tracker"
    path = home / "cache-key"
    with contextlib.suppress(OSError):
        key = path.read_bytes()
        if len(key) == 32:
            return key
    try:
        home.mkdir(parents=True, exist_ok=True)
        key = os.urandom(32)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
        return key
    except OSError:
        return None


@dataclass
class RecordCache:
    folder: Path
    key: bytes | None = field(default_factory=user_key)
    used: set[str] = field(default_factory=set)
    hits: int = 0
    misses: int = 0

    def _name(self, path: str, data: bytes) -> str:
        digest = hashlib.blake2b(digest_size=20)
        for part in (__version__.encode(), path.encode("utf-8", "surrogateescape"), data):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    def lookup(self, path: str, data: bytes) -> Any | None:
        """The cached value for this file's exact content, or None."""
        if self.key is None:
            return None
        name = self._name(path, data)
        self.used.add(name)
        entry = self.folder / name[:2] / name
        try:
            blob = entry.read_bytes()
        except OSError:
            self.misses += 1
            return None
        payload = verified(self.key, blob)
        if payload is None:
            self._discard(entry)
            return None
        try:
            value = pickle.loads(payload)  # signed by us: safe to unpickle
        except Exception:  # a signed but unreadable entry (another Python?) is just rebuilt
            self._discard(entry)
            return None
        self.hits += 1
        return value

    def store(self, path: str, data: bytes, value: Any) -> None:
        if self.key is None:
            return
        name = self._name(path, data)
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        entry = self.folder / name[:2] / name
        with contextlib.suppress(OSError):  # a cache that cannot be written is no cache
            self._prepare()
            entry.parent.mkdir(exist_ok=True)
            write_atomic_bytes(entry, sign(self.key, payload))

    def _discard(self, entry: Path) -> None:
        self.misses += 1
        with contextlib.suppress(OSError):
            entry.unlink()

    def _prepare(self) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text(
                "# Created by tracker: a parse cache, safe to delete.\n*\n", encoding="utf-8"
            )

    def prune(self) -> None:
        """Remove entries this run did not use, so the cache does not grow without end."""
        if self.key is None or not self.folder.is_dir():
            return
        for shard in self.folder.iterdir():
            if shard.is_dir() and len(shard.name) == 2:
                for entry in shard.iterdir():
                    if entry.name not in self.used:
                        with contextlib.suppress(OSError):
                            entry.unlink()

"""A parse cache: each claim file's records and diagnostics, kept between runs.

Entries live in ``.tracker-cache/`` beside the claims folder (see :mod:`tracker.cache.folder`
for how that folder is verified before anything is read, written or removed there), one file
per claim file, named by a hash of the tracker's own source code, the file's path and its
exact bytes: an edited, added, renamed or deleted file, or an edited tracker, can never be
answered from a stale entry. The cache is safe to delete at any time.

Entries are pickles, and unpickling runs code, so each entry is signed with HMAC-SHA256
under a key kept in the user's own cache folder (not in the repository), over the entry's
name and its content: an entry that was committed, copied from elsewhere, renamed, truncated
or corrupted fails the check and is ignored and rebuilt. Any problem with the cache only
makes the run slower, never wrong.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.cache.folder import CacheFolder

_DIGEST = 32  # bytes of HMAC-SHA256


PACKAGE = Path(__file__).resolve().parent.parent  # tracker/, not just tracker/cache/


def package_files() -> list[Path]:
    """Every source file of the tracker package, in a stable order."""
    return sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.json")])


@functools.cache
def code_digest() -> str:
    """A hash of the tracker package's own files: an edited install (even an editable one
    whose version did not change) never replays entries written by other code."""
    digest = hashlib.blake2b(digest_size=16)
    for path in package_files():
        for part in (path.relative_to(PACKAGE).as_posix().encode(), path.read_bytes()):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
    return digest.hexdigest()


def _mac(key: bytes, name: str, payload: bytes) -> bytes:
    message = hmac.new(key, name.encode("ascii"), hashlib.sha256)
    message.update(b"\0")
    message.update(payload)
    return message.digest()


def sign(key: bytes, name: str, payload: bytes) -> bytes:
    """The payload with its signature in front, bound to the entry name it is stored under
    (so two valid entries swapped on disk both fail)."""
    return _mac(key, name, payload) + payload


def verified(key: bytes, name: str, blob: bytes) -> bytes | None:
    """The payload of a signed blob stored as ``name``, or None when the signature fails."""
    signature, payload = blob[:_DIGEST], blob[_DIGEST:]
    if len(blob) <= _DIGEST or not hmac.compare_digest(signature, _mac(key, name, payload)):
        return None
    return payload


def read_signed(folder: CacheFolder, key: bytes, name: str) -> bytes | None:
    """The payload of the entry ``name`` in ``folder`` when its signature holds; an entry
    that fails the check (corrupt, truncated, copied in) is removed, to be rebuilt."""
    blob = folder.read(name)
    payload = None if blob is None else verified(key, name, blob)
    if payload is None and blob is not None:
        folder.remove(name)
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


def entry_name(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in (code_digest().encode(), *parts):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


@dataclass
class RecordCache:
    folder: Path  # .tracker-cache
    key: bytes | None = field(default_factory=user_key)
    used: set[str] = field(default_factory=set)
    hits: int = 0
    misses: int = 0
    _root: CacheFolder | None = None
    _opened: bool = False

    def _open(self, *, create: bool) -> CacheFolder | None:
        if self.key is None:
            return None
        if self._root is None and (create or not self._opened):
            self._opened = True
            self._root = CacheFolder.open(self.folder, self.key, create=create)
        return self._root

    def lookup(self, path: str, data: bytes) -> Any | None:
        """The cached value for this file's exact content, or None."""
        name = entry_name(path.encode("utf-8", "surrogateescape"), data)
        self.used.add(name)
        root = self._open(create=False)
        shard = root.subfolder(name[:2], create=False) if root and self.key else None
        if shard is None or self.key is None:
            self.misses += 1
            return None
        with shard:
            payload = read_signed(shard, self.key, name)
            if payload is None:
                self.misses += 1
                return None
            try:
                value = pickle.loads(payload)  # signed by us: safe to unpickle
            except Exception:  # a signed but unreadable entry (another Python?) is rebuilt
                shard.remove(name)
                self.misses += 1
                return None
        self.hits += 1
        return value

    def store(self, path: str, data: bytes, value: Any) -> None:
        root = self._open(create=True)
        if root is None or self.key is None:
            return
        name = entry_name(path.encode("utf-8", "surrogateescape"), data)
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        shard = root.subfolder(name[:2], create=True)
        if shard is None:
            return
        with shard, contextlib.suppress(OSError):  # a cache that cannot be written is no cache
            shard.write(name, sign(self.key, name, payload))

    def prune(self) -> None:
        """Remove tracker's own entries this run did not use, so the cache does not grow
        without end. Nothing else is ever removed."""
        root = self._open(create=False)
        if root is None:
            return
        for shard_name in root.shards():
            shard = root.subfolder(shard_name, create=False)
            if shard is None:
                continue
            with shard:
                for name, _ in list(shard.entries()):
                    if name not in self.used:
                        shard.remove(name)

    def close(self) -> None:
        if self._root is not None:
            self._root.close()
            self._root = None

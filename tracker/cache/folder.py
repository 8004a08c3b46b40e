"""The ``.tracker-cache`` folder, handled as untrusted ground.

A cloned repository can commit anything under ``.tracker-cache``: symbolic links to the
user's own folders, FIFOs, device files, entries forged to match computable names. So the
folder is used only when it is a real directory (never a link) owned by this user that
tracker itself created and marked: the mark is an HMAC of the folder's device and inode
under the user's private key, which a repository cannot forge and which does not survive a
copy. A folder that fails any check is treated as absent: nothing is read from it, written to
it or deleted in it.

Every operation goes through file descriptors opened with ``O_NOFOLLOW`` relative to the
verified folder, so a link planted inside is never followed, and only regular files whose
names match tracker's own entry pattern are ever removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CACHE_FOLDER_NAME = ".tracker-cache"
_MARK_NAME = "TRACKER-OWNER"
_GITIGNORE = "# Created by tracker: a cache, safe to delete.\n*\n"
# Entry names are hex digests; temporary files add a random hex suffix.
ENTRY_NAME = re.compile(r"[0-9a-f]{16,64}(\.[0-9a-f]{16}\.tmp)?\Z")
SHARD_NAME = re.compile(r"[0-9a-f]{2}\Z")
MAX_ENTRY_BYTES = 512 * 1024 * 1024  # larger than any entry tracker writes

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def cache_folder_of(claims_dir: Path) -> Path:
    """Where the caches of a claims folder live: beside it."""
    return claims_dir.resolve().parent / CACHE_FOLDER_NAME


def _open_directory(name: str | Path, dir_fd: int | None = None) -> int | None:
    """A descriptor of a real directory owned by this user, never through a link."""
    try:
        descriptor = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=dir_fd)
    except OSError:
        return None
    info = os.fstat(descriptor)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        os.close(descriptor)
        return None
    return descriptor


def _folder_mark(key: bytes, descriptor: int) -> bytes:
    info = os.fstat(descriptor)
    identity = f"tracker-cache-folder\0{info.st_dev}\0{info.st_ino}".encode()
    return hmac.new(key, identity, hashlib.sha256).digest()


def read_regular(name: str, dir_fd: int, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
    """The bytes of a regular file (never a link, FIFO or device), or None."""
    try:
        descriptor = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(limit + 1)[:limit]
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _write_new(name: str, data: bytes, dir_fd: int) -> None:
    descriptor = os.open(
        name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=dir_fd
    )
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


@dataclass
class CacheFolder:
    """An open, verified cache folder (or sub-folder): a directory descriptor."""

    descriptor: int
    path: Path

    @classmethod
    def open(cls, path: Path, key: bytes, *, create: bool) -> CacheFolder | None:
        """The cache folder at ``path`` when it is tracker's own; created (when ``create``)
        if absent; None when it is absent or anything else (a link, a file, a folder that
        tracker did not create)."""
        try:
            os.lstat(path)
        except FileNotFoundError:
            if not create:
                return None
            try:
                os.mkdir(path, 0o700)
            except OSError:
                return None
            descriptor = _open_directory(path)
            if descriptor is None:
                return None
            try:
                _write_new(_MARK_NAME, _folder_mark(key, descriptor), descriptor)
                _write_new(".gitignore", _GITIGNORE.encode(), descriptor)
            except OSError:
                os.close(descriptor)
                return None
            return cls(descriptor, path)
        except OSError:
            return None
        descriptor = _open_directory(path)
        if descriptor is None:
            return None
        mark = read_regular(_MARK_NAME, descriptor, limit=64)
        if mark is None or not hmac.compare_digest(mark, _folder_mark(key, descriptor)):
            os.close(descriptor)
            return None
        return cls(descriptor, path)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.descriptor)

    def __enter__(self) -> CacheFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def subfolder(self, name: str, *, create: bool) -> CacheFolder | None:
        """A real sub-directory of this folder (created when asked), never a link."""
        if create:
            with contextlib.suppress(FileExistsError, OSError):
                os.mkdir(name, 0o700, dir_fd=self.descriptor)
        descriptor = _open_directory(name, self.descriptor)
        return None if descriptor is None else CacheFolder(descriptor, self.path / name)

    def read(self, name: str) -> bytes | None:
        return read_regular(name, self.descriptor)

    def write(self, name: str, data: bytes) -> None:
        """Write an entry atomically: a temporary file, then a rename over the name."""
        temporary = f"{name}.{os.urandom(8).hex()}.tmp"
        try:
            _write_new(temporary, data, self.descriptor)
            os.replace(temporary, name, src_dir_fd=self.descriptor, dst_dir_fd=self.descriptor)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self.descriptor)
            raise

    def entries(self) -> Iterator[tuple[str, os.stat_result]]:
        """Tracker's own entries here: regular files whose names match its pattern."""
        with contextlib.suppress(OSError), os.scandir(self.descriptor) as found:
            for item in found:
                if not ENTRY_NAME.match(item.name):
                    continue
                with contextlib.suppress(OSError):
                    info = item.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode):
                        yield item.name, info

    def shards(self) -> Iterator[str]:
        with contextlib.suppress(OSError), os.scandir(self.descriptor) as found:
            names = [item.name for item in found if SHARD_NAME.match(item.name)]
        yield from sorted(names)

    def remove(self, name: str) -> None:
        """Remove one of tracker's own entries (a regular file with an entry name)."""
        if not ENTRY_NAME.match(name):
            return
        with contextlib.suppress(OSError):
            info = os.stat(name, dir_fd=self.descriptor, follow_symlinks=False)
            if stat.S_ISREG(info.st_mode):
                os.unlink(name, dir_fd=self.descriptor)


def open_subfolder(path: Path, key: bytes | None, name: str, *, create: bool) -> CacheFolder | None:
    """The sub-folder ``name`` of the verified cache folder at ``path`` (created when
    ``create``), or None when there is no key or either folder is not tracker's own."""
    if key is None:
        return None
    root = CacheFolder.open(path, key, create=create)
    if root is None:
        return None
    with root:
        return root.subfolder(name, create=create)

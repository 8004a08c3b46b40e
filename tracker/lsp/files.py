"""What the server reads, and what it keeps between edits.

:class:`EditorFiles` is the claims folder on disk with the editor's open buffers in place of
their files (the user's unsaved text wins; files the editor does not hold are read from disk,
and re-read only when their size or modification time changes). :class:`KeptParses` and
:class:`KeptTopics` keep, in memory, each file's parsed records under its bytes and each
topic's conflicts under its digest: after an edit only the edited file is parsed again and
only the topics it touches are derived again.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from typing import Any

from tracker.reading.files import MAX_FILE_BYTES, FilesOver, digest_of


@dataclass
class EditorFiles(FilesOver):
    """The claims folder with the open buffers (display path -> text) read instead of disk."""

    buffers: dict[str, bytes] = field(default_factory=dict)
    _disk: dict[str, tuple[tuple[int, int, int, int], bytes]] = field(default_factory=dict)

    def claim_files(self) -> list[str]:
        return sorted({*self.base.claim_files(), *self.buffers})

    def read_claim_file(self, path: str) -> bytes:
        held = self.buffers.get(path)
        if held is not None:
            if len(held) > MAX_FILE_BYTES:
                raise OSError(
                    errno.EFBIG,
                    f"the claim file is {len(held):,} bytes, over the limit of "
                    f"{MAX_FILE_BYTES:,}; split it into several files",
                )
            return held
        try:
            info = os.stat(path)
        except OSError:
            self._disk.pop(path, None)
            return self.base.read_claim_file(path)  # says why it cannot be read
        key = (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)
        kept = self._disk.get(path)
        if kept is not None and kept[0] == key:
            return kept[1]
        data = self.base.read_claim_file(path)
        self._disk[path] = (key, data)
        return data


class KeptParses:
    """The parse cache of one server: each file's result under the digest of its bytes (only
    the latest version of each file is kept)."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, Any]] = {}
        self._seen: set[str] = set()

    def lookup(self, path: str, data: bytes) -> Any | None:
        self._seen.add(path)
        kept = self._kept.get(path)
        return kept[1] if kept is not None and kept[0] == digest_of(data) else None

    def store(self, path: str, data: bytes, value: Any) -> None:
        self._kept[path] = (digest_of(data), value)

    def prune(self) -> None:
        """Forget the files not read in the last load (deleted or renamed)."""
        for path in set(self._kept) - self._seen:
            del self._kept[path]
        self._seen = set()


class KeptTopics:
    """Each topic's derived work under its digest, for the last analysis only (what an edit
    leaves unchanged is found again; what it changed is derived again)."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], Any] = {}
        self._used: dict[tuple[str, str], Any] = {}

    def get(self, kind: str, digest: str) -> Any | None:
        found = self._kept.get((kind, digest))
        if found is not None:
            self._used[(kind, digest)] = found
        return found

    def put(self, kind: str, digest: str, value: Any) -> None:
        self._kept[(kind, digest)] = value
        self._used[(kind, digest)] = value

    def prune(self) -> None:
        """Keep only what the last analysis asked for."""
        self._kept, self._used = self._used, {}

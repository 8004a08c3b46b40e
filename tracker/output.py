"""Writing files without ever leaving half of one behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OutputRefused(Exception):
    """The output file exists and replacing it was not asked for."""


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` through a temporary file and a rename (replacing any old file)."""
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomic(path: Path, text: str, *, replace: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename,
    so a crash or a full disk leaves either the old file or the new one, never a mix.

    An existing file is replaced only when ``replace`` is true.
    """
    if path.exists() and not replace:
        raise OutputRefused(f"{path} exists; pass --force to replace it")
    if path.exists() and not path.is_file():
        raise OutputRefused(f"{path} is not a regular file")
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # backslashreplace: a file name that is not UTF-8 is written as "\udcff", not lost.
        with os.fdopen(
            descriptor, "w", encoding="utf-8", errors="backslashreplace", newline=""
        ) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            # Keep the permissions of the file being replaced.
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

"""Writing files without ever leaving half of one behind.

Every output file, claim file rewritten by fmt, imported file and SQLite database is written
here: into a temporary file beside the target (``.NAME.xxxxxxxx.tmp``), then renamed over it,
so a crash, a full disk or a signal leaves either the old file or the new one, never a mix.
The writer holds an advisory lock on its temporary file while it writes, so the next write
to the same target can tell what a killed run left (unlocked: removed) from what another run
is still writing (locked: left alone).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


class OutputRefused(Exception):
    """The output file exists and replacing it was not asked for, or it is not a regular
    file (a FIFO, a device, a folder) that a write could harm."""


def check_output(path: Path, *, replace: bool) -> None:
    """Refuse a target that exists and may not be replaced, or is not a regular file (as
    root, replacing /dev/null or a FIFO with a file would break the system or a reader)."""
    if not path.exists() and not path.is_symlink():
        return
    if path.exists() and not path.is_file():
        raise OutputRefused(
            f"{path} is not a regular file (a FIFO, device or folder); write to a file"
        )
    if not replace:
        raise OutputRefused(f"{path} exists; pass --force to replace it")


def _temporary_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{path.name}.") + r"[a-z0-9_]{8}\.tmp(?:-journal)?\Z")


def remove_stale_temporaries(path: Path) -> None:
    """Remove the temporary files a killed write left beside ``path`` (and SQLite's
    ``-journal`` beside them): regular files whose writer no longer holds their lock."""
    pattern = _temporary_pattern(path)
    folder = path.parent if str(path.parent) else Path(".")
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        found = sorted(entry.name for entry in entries if pattern.match(entry.name))
    for name in (n for n in found if n.endswith(".tmp")):
        with contextlib.suppress(OSError):
            descriptor = os.open(
                folder / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
            )
            try:
                if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                    continue
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises while in use
                os.unlink(folder / name)
            finally:
                os.close(descriptor)
    for name in (n for n in found if n.endswith("-journal")):
        if not (folder / name.removesuffix("-journal")).exists():
            with contextlib.suppress(OSError):
                if stat.S_ISREG(os.lstat(folder / name).st_mode):
                    os.unlink(folder / name)


@contextlib.contextmanager
def atomic_path(path: Path, *, replace: bool = False) -> Iterator[Path]:
    """A temporary file beside ``path`` for the caller to fill (by name: SQLite opens it
    itself); renamed over ``path`` when the block ends without an exception, removed (with
    any ``-journal``) when it does not."""
    check_output(path, replace=replace)
    remove_stale_temporaries(path)
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temporary = Path(name)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield temporary
        if path.exists():
            # Keep the permissions of the file being replaced.
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        for leftover in (temporary, Path(f"{temporary}-journal")):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise
    finally:
        os.close(descriptor)


def write_atomic(path: Path, text: str, *, replace: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename,
    so a crash or a full disk leaves either the old file or the new one, never a mix.

    An existing file is replaced only when ``replace`` is true.
    """
    # backslashreplace: a file name that is not UTF-8 is written as "\udcff", not lost.
    with (
        atomic_path(path, replace=replace) as temporary,
        temporary.open("w", encoding="utf-8", errors="backslashreplace", newline="") as f,
    ):
        f.write(text)
        f.flush()
        os.fsync(f.fileno())

"""Where a corpus's bytes come from.

The loader reads claim files and documents through a :class:`CorpusFiles` object, so that the
same pipeline runs on a folder on disk or on files read from another place (a git revision,
a test's in-memory dict).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol

CLAIM_SUFFIXES = (".yaml", ".yml")
# Far above any hand-written corpus file; a bound on what one file can make tracker read.
MAX_FILE_BYTES = 64 * 1024 * 1024
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def digest_of(data: bytes) -> str:
    """The digest that names a file's bytes in every cache (the parse, topic and run caches
    compare files by it)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def resolved(path: Path) -> Path:
    """``path`` with every symbolic link followed; a loop of links (which Python reports as
    RuntimeError) is an OSError like any other unreadable path."""
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(
            errno.ELOOP,
            "it is a loop of symbolic links; make it a file, or remove the link",
            str(path),
        ) from None


def read_regular_file(path: Path, root: Path, what: str = "file") -> bytes:
    """The bytes of a regular file inside ``root``: never a FIFO or device (which could hang
    or never end), never through a link that leads outside ``root``, never over
    :data:`MAX_FILE_BYTES`. Raises OSError whose ``strerror`` says why and what to do."""
    if not resolved(path).is_relative_to(root):
        raise OSError(
            errno.EACCES,
            f"the {what} is a link that leads outside the corpus folder; copy the file in",
        )
    descriptor = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(
                errno.EINVAL,
                f"the {what} is not a regular file (a FIFO, device or folder); "
                "claim files and documents must be plain files",
            )
        if info.st_size > MAX_FILE_BYTES:
            raise OSError(
                errno.EFBIG,
                f"the {what} is {info.st_size:,} bytes, over the limit of "
                f"{MAX_FILE_BYTES:,}; split it into several files",
            )
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise OSError(errno.EFBIG, f"the {what} grew past the limit while being read")
        return data
    finally:
        os.close(descriptor)


class DocumentRefused(Exception):
    """A document path that may not be read (outside the corpus, absolute, missing)."""


class CorpusFiles(Protocol):
    """The claim files of one corpus and the documents they may quote."""

    @property
    def label(self) -> str:
        """How to name the claims folder in messages."""
        ...

    def claim_files(self) -> list[str]:
        """Display paths of every claim file, sorted."""
        ...

    def read_claim_file(self, path: str) -> bytes: ...

    def read_document(self, relative: str) -> bytes:
        """Bytes of a document named relative to the corpus root.

        Raises :class:`DocumentRefused` with a message saying why it cannot be read.
        """
        ...


def check_document_path(relative: str) -> PurePosixPath:
    """The normalised relative path of a document, or DocumentRefused if it escapes."""
    if "\\" in relative:
        raise DocumentRefused("use '/' to separate folders in a document path")
    if "\0" in relative:
        raise DocumentRefused("the path holds a NUL character; remove it")
    path = PurePosixPath(relative)
    if path.is_absolute() or (relative[1:3] == ":/"):
        raise DocumentRefused(
            "an absolute path is not allowed; name the document relative to the folder "
            "that holds the claims folder, e.g. 'seeds/article.txt'"
        )
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if not parts:
                raise DocumentRefused(
                    "the path leaves the corpus folder; keep documents under it, e.g. in seeds/"
                )
            parts.pop()
        elif part != ".":
            parts.append(part)
    if not parts:
        raise DocumentRefused("the path names no file")
    return PurePosixPath(*parts)


@dataclass
class DirectoryFiles:
    """A claims folder on disk; documents are relative to the folder that holds it."""

    claims_dir: Path
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, why)

    @property
    def label(self) -> str:
        return self.claims_dir.as_posix()

    @property
    def root(self) -> Path:
        return self.claims_dir.resolve().parent

    def _display(self, path: Path) -> str:
        relative = path.relative_to(self.claims_dir)
        return (PurePosixPath(self.claims_dir.as_posix()) / relative.as_posix()).as_posix()

    def contains(self, path: Path) -> bool:
        """Whether ``path`` (a file, existing or not) lies inside this claims folder."""
        return resolved(path).is_relative_to(resolved(self.claims_dir))

    def display(self, path: Path) -> str:
        """How this folder names a file inside it (``claims/sub/a.yaml``)."""
        relative = resolved(path).relative_to(resolved(self.claims_dir))
        return (PurePosixPath(self.claims_dir.as_posix()) / relative.as_posix()).as_posix()

    def claim_files(self) -> list[str]:
        """Every claim file under the folder. A sub-folder that cannot be listed is kept in
        :attr:`unreadable` (reported as an error: its claims would silently be missing)."""
        found: list[str] = []
        self.unreadable = []

        def refused(error: OSError) -> None:
            where = Path(error.filename) if error.filename else self.claims_dir
            self.unreadable.append((self._display(where), error.strerror or str(error)))

        for dirpath, dirnames, filenames in os.walk(self.claims_dir, onerror=refused):
            # Hidden folders (.git, caches) never hold claims.
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.endswith(CLAIM_SUFFIXES) and not name.startswith("."):
                    found.append(self._display(Path(dirpath) / name))
        return sorted(found)

    def read_claim_file(self, path: str) -> bytes:
        return read_regular_file(Path(path), self.root, "claim file")

    def read_document(self, relative: str) -> bytes:
        clean = check_document_path(relative)
        root = self.root
        try:
            target = resolved(root / clean)
            exists = target.exists()
        except (OSError, ValueError) as exc:  # a name too long, a folder we may not enter
            why = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise DocumentRefused(f"cannot read it: {why}") from exc
        if not target.is_relative_to(root):
            raise DocumentRefused(
                "the path leads outside the corpus folder (through a symbolic link); "
                "copy the document under seeds/"
            )
        if not exists:
            raise DocumentRefused(
                f"no such file beside the claims folder ({clean}); check the path, or copy "
                "the document under seeds/"
            )
        try:
            return read_regular_file(target, root, "document")
        except (OSError, ValueError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise DocumentRefused(f"cannot read it: {why}") from exc


@dataclass
class FilesOver:
    """A claims folder on disk seen through a layer that changes some of its reads: every
    read the layer does not override goes to the folder as it is."""

    base: DirectoryFiles

    @property
    def label(self) -> str:
        return self.base.label

    @property
    def unreadable(self) -> list[tuple[str, str]]:
        return self.base.unreadable

    def claim_files(self) -> list[str]:
        return self.base.claim_files()

    def read_claim_file(self, path: str) -> bytes:
        return self.base.read_claim_file(path)

    def read_document(self, relative: str) -> bytes:
        return self.base.read_document(relative)

    def display(self, path: Path) -> str:
        return self.base.display(path)


@dataclass
class OverlayFiles(FilesOver):
    """A claims folder on disk with one file's bytes given instead (an editor's unsaved
    buffer, read from standard input): it is checked against the rest of its corpus."""

    path: str  # display path of the given file, as the base names its files
    data: bytes

    def claim_files(self) -> list[str]:
        return sorted({*self.base.claim_files(), self.path})

    def read_claim_file(self, path: str) -> bytes:
        return self.data if path == self.path else self.base.read_claim_file(path)


@dataclass
class MemoryFiles:
    """Claim files and documents held in memory (tests, git revisions)."""

    files: dict[str, bytes]
    claims_prefix: str = "claims"

    @property
    def label(self) -> str:
        return self.claims_prefix

    def claim_files(self) -> list[str]:
        prefix = self.claims_prefix.rstrip("/") + "/"
        return sorted(p for p in self.files if p.startswith(prefix) and p.endswith(CLAIM_SUFFIXES))

    def read_claim_file(self, path: str) -> bytes:
        return self.files[path]

    def read_document(self, relative: str) -> bytes:
        clean = check_document_path(relative).as_posix()
        parent = str(PurePosixPath(self.claims_prefix).parent)
        key = clean if parent in ("", ".") else f"{parent}/{clean}"
        if key not in self.files:
            raise DocumentRefused(f"no such file: {key}")
        return self.files[key]


def repository_root(start: Path) -> Path:
    """The repository ``start`` lies in: the nearest folder up from it holding ``.git`` (a
    folder, or the file a worktree has), else ``start`` itself; absolute. Code-scanning and
    annotation paths are relative to it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start

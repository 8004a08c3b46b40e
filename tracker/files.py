"""Where a corpus's bytes come from.

The loader reads claim files and documents through a :class:`CorpusFiles` object, so that the
same pipeline runs on a folder on disk or on files read from another place (a git revision,
a test's in-memory dict).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

CLAIM_SUFFIXES = (".yaml", ".yml")


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

    @property
    def label(self) -> str:
        return self.claims_dir.as_posix()

    @property
    def root(self) -> Path:
        return self.claims_dir.resolve().parent

    def _display(self, path: Path) -> str:
        relative = path.relative_to(self.claims_dir)
        return (PurePosixPath(self.claims_dir.as_posix()) / relative.as_posix()).as_posix()

    def claim_files(self) -> list[str]:
        found: list[str] = []
        for dirpath, dirnames, filenames in os.walk(self.claims_dir):
            # Hidden folders (.git, caches) never hold claims.
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.endswith(CLAIM_SUFFIXES) and not name.startswith("."):
                    found.append(self._display(Path(dirpath) / name))
        return sorted(found)

    def read_claim_file(self, path: str) -> bytes:
        return Path(path).read_bytes()

    def read_document(self, relative: str) -> bytes:
        clean = check_document_path(relative)
        root = self.root
        target = (root / clean).resolve()
        if not target.is_relative_to(root):
            raise DocumentRefused(
                "the path leads outside the corpus folder (through a symbolic link); "
                "copy the document under seeds/"
            )
        if not target.is_file():
            raise DocumentRefused(f"no such file: {root / clean}")
        try:
            return target.read_bytes()
        except OSError as exc:
            raise DocumentRefused(f"cannot read {root / clean}: {exc.strerror}") from exc


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

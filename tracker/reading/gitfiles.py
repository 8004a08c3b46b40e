"""Claim files read straight from a git revision: no checkout, no stash, no index writes.

Only read-only plumbing is used (``rev-parse``, ``ls-tree``, ``cat-file``, ``merge-base``),
with ``GIT_OPTIONAL_LOCKS=0`` so that git does not even refresh the index.
"""

from __future__ import annotations

import errno
import os
import posixpath
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tracker.reading.files import CLAIM_SUFFIXES, DocumentRefused, check_document_path


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision does not exist."""


def _git(root: Path, *args: str, input_bytes: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            input=input_bytes,
            capture_output=True,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return result.stdout


def read_blobs(root: Path, shas: list[str]) -> dict[str, bytes]:
    """The contents of many blobs from one `git cat-file --batch` process."""
    unique = list(dict.fromkeys(shas))
    if not unique:
        return {}
    output = _git(root, "cat-file", "--batch", input_bytes="\n".join(unique).encode() + b"\n")
    found: dict[str, bytes] = {}
    position = 0
    for sha in unique:
        header_end = output.index(b"\n", position)
        header = output[position:header_end].decode().split()
        if len(header) != 3:  # "<sha> missing"
            raise GitError(f"object {sha} is missing from the repository")
        size = int(header[2])
        start = header_end + 1
        found[sha] = output[start : start + size]
        position = start + size + 1  # the content is followed by a newline
    return found


MAX_LINK_HOPS = 40  # as Linux follows at most 40 links in one path


@dataclass(frozen=True)
class Repository:
    root: Path  # the work tree's top folder
    claims_prefix: str  # the claims folder, relative to root, with '/' separators

    @classmethod
    def containing(cls, claims_dir: Path) -> Repository:
        folder = claims_dir.resolve()
        probe = folder if folder.is_dir() else folder.parent
        top = os.fsdecode(_git(probe, "rev-parse", "--show-toplevel").rstrip(b"\n"))
        root = Path(top).resolve()
        try:
            prefix = folder.relative_to(root).as_posix()
        except ValueError:
            raise GitError(f"{claims_dir} is not inside the repository at {root}") from None
        return cls(root, prefix)

    def resolve(self, revision: str) -> str:
        """The commit id of a revision, or GitError naming it."""
        try:
            return (
                _git(self.root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
                .decode()
                .strip()
            )
        except GitError:
            raise GitError(f"unknown revision '{revision}'") from None

    def default_base(self) -> str:
        """The merge base of HEAD with the default branch, or HEAD where there is none."""
        candidates = []
        try:
            remote_head = _git(self.root, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD")
            candidates.append(remote_head.decode().strip())
        except GitError:
            pass
        candidates += [
            "refs/heads/main",
            "refs/heads/master",
            "refs/remotes/origin/main",
            "refs/remotes/origin/master",
        ]
        for ref in candidates:
            try:
                return _git(self.root, "merge-base", "HEAD", ref).decode().strip()
            except GitError:
                continue
        return self.resolve("HEAD")


@dataclass
class GitFiles:
    """The claim files and documents of one revision."""

    repository: Repository
    commit: str
    display: str  # how to name the revision in paths, e.g. "main" or "a1b2c3d"
    claims_label: str  # the claims folder as the user named it
    _blobs: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (mode, sha)
    _contents: dict[str, bytes] = field(default_factory=dict)  # sha -> bytes, read in one batch

    def __post_init__(self) -> None:
        prefix = self.repository.claims_prefix
        listing = _git(
            self.repository.root,
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            self.commit,
            "--",
            "." if prefix in ("", ".") else prefix,
        )
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, path = entry.partition(b"\t")
            mode, kind, sha = meta.decode().split()
            name = path.decode("utf-8", "surrogateescape")
            if kind == "blob":
                self._blobs[name] = (mode, sha)
            elif kind == "commit":
                # The working tree would read the submodule's files, git would not: rather
                # than compare two different corpora, refuse both sides with one message.
                raise GitError(
                    f"the claims folder holds a git submodule ({name}); tracker diff cannot "
                    "read submodules: move its claim files into the repository"
                )

    @property
    def label(self) -> str:
        return f"{self.display}:{self.claims_label}"

    def _repo_path(self, display_path: str) -> str:
        relative = display_path.removeprefix(self.label).lstrip("/")
        prefix = self.repository.claims_prefix
        return relative if prefix in ("", ".") else f"{prefix}/{relative}"

    def claim_files(self) -> list[str]:
        prefix = self.repository.claims_prefix
        found = []
        for path in self._blobs:
            name = PurePosixPath(path)
            relative = path if prefix in ("", ".") else path[len(prefix) + 1 :]
            hidden = any(part.startswith(".") for part in PurePosixPath(relative).parts)
            if name.suffix in CLAIM_SUFFIXES and not hidden:
                found.append(f"{self.label}/{relative}")
        return sorted(found)

    def _read_blob(self, sha: str) -> bytes:
        if sha not in self._contents:
            self._contents.update(read_blobs(self.repository.root, [sha]))
        return self._contents[sha]

    def read_claim_file(self, path: str) -> bytes:
        if not self._contents:
            # Every claim file in one `git cat-file --batch` (one process, not one per file:
            # 0.03 s instead of 1.35 s for 300 files).
            wanted = [self._blobs[self._repo_path(p)][1] for p in self.claim_files()]
            self._contents.update(read_blobs(self.repository.root, wanted))
        mode, sha = self._blobs[self._repo_path(path)]
        if mode == "120000":
            return self._read_link(self._repo_path(path), self._read_blob(sha))
        return self._read_blob(sha)

    def _entry(self, path: str) -> tuple[str, str] | None:
        """(mode, sha) of the blob at ``path`` in this revision, or None."""
        found = self._blobs.get(path)
        if found is not None:
            return found
        listing = _git(
            self.repository.root, "ls-tree", "-z", "--full-tree", self.commit, "--", path
        ).split(b"\0")[0]
        if not listing:
            return None
        mode, kind, sha = listing.partition(b"\t")[0].decode().split()
        return (mode, sha) if kind == "blob" else None

    def _read_link(self, link: str, target: bytes, what: str = "claim file") -> bytes:
        """A symbolic link read as the working tree reads it: followed (through further links,
        as the system does) to a file inside the corpus folder (the folder that holds the
        claims folder), refused otherwise."""
        corpus = posixpath.dirname(self.repository.claims_prefix)
        for _ in range(MAX_LINK_HOPS):
            destination = posixpath.normpath(
                posixpath.join(posixpath.dirname(link), target.decode("utf-8", "surrogateescape"))
            )
            inside = (
                not destination.startswith(("/", "../"))
                and destination != ".."
                and (corpus in ("", ".") or destination.startswith(corpus + "/"))
            )
            found = self._entry(destination) if inside else None
            if found is None:
                raise OSError(
                    errno.EACCES,
                    f"the {what} is a link that leads outside the corpus folder; copy the file in",
                )
            if found[0] != "120000":
                return self._read_blob(found[1])
            link, target = destination, self._read_blob(found[1])
        raise OSError(errno.ELOOP, "it is a loop of symbolic links; make it a file")

    def read_document(self, relative: str) -> bytes:
        clean = check_document_path(relative).as_posix()
        parent = PurePosixPath(self.repository.claims_prefix).parent.as_posix()
        path = clean if parent in ("", ".") else f"{parent}/{clean}"
        listing = _git(
            self.repository.root, "ls-tree", "-z", "--full-tree", self.commit, "--", path
        )
        entry = listing.split(b"\0")[0]
        if not entry:
            raise DocumentRefused(f"no such file at {self.display}: {path}")
        meta, _, _ = entry.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if mode == "120000":  # followed inside the corpus, as on disk
            try:
                return self._read_link(path, self._read_blob(sha), "document")
            except OSError as exc:
                raise DocumentRefused(
                    "the path leads outside the corpus folder (through a symbolic link); "
                    "copy the document under seeds/"
                    if exc.errno == errno.EACCES
                    else str(exc.strerror)
                ) from None
        if kind != "blob":
            raise DocumentRefused(f"{path} is not a file")
        return self._read_blob(sha)

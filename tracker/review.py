"""Comparing the conflicts of two revisions of a corpus kept in git."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .diff import ConflictDiff, diff_conflicts
from .files import CorpusFiles, DirectoryFiles
from .gitfiles import GitFiles, Repository
from .pipeline import Checked, check_corpus

WORKING_TREE = "working tree"


@dataclass
class Comparison:
    diff: ConflictDiff | None  # None when a revision is invalid
    diagnostics: list[Diagnostic]  # errors of both revisions, paths prefixed by the revision


def _files(repository: Repository, claims_dir: Path, revision: str | None) -> CorpusFiles:
    if revision is None:
        return DirectoryFiles(claims_dir)
    commit = repository.resolve(revision)
    shown = revision[:12] if revision == commit else revision
    return GitFiles(repository, commit, shown, claims_dir.as_posix())


def compare_revisions(
    claims_dir: Path, base: str | None = None, head: str | None = None
) -> Comparison:
    """The conflict diff between ``base`` (default: the merge base with the default branch)
    and ``head`` (default: the working tree). Raises GitError for git-level problems."""
    repository = Repository.containing(claims_dir)
    base = base or repository.default_base()
    checked: list[Checked] = []
    for revision in (base, head):
        files = _files(repository, claims_dir, revision)
        # A revision without the claims folder (before it was added) has no conflicts.
        checked.append(check_corpus(files, require_files=revision is None))
    # Warnings are `tracker validate`'s business; a diff only stops on errors.
    diagnostics = [d for c in checked for d in c.diagnostics if d.severity is Severity.ERROR]
    if not all(c.ok for c in checked):
        return Comparison(None, diagnostics)
    label = base[:12] if len(base) == 40 else base
    return Comparison(
        diff_conflicts(checked[0], checked[1], label, head or WORKING_TREE), diagnostics
    )

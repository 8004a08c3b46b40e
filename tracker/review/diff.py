"""What a change does to the conflicts: which appear, which go, which change, between two
revisions of a corpus kept in git (or a revision and the working tree).

Conflicts are matched by their stable ids, so a conflict whose sides gain a claim, or whose
status a verdict changes, shows as changed rather than as one removed and one added. A
conflict's id follows the answers that clash, so when a claim's value or position changes, its
old conflict goes and a new one comes: such a pair (same topic, same kind, and each side of
the one sharing a claim with a side of the other) is shown as one conflict whose answers
changed, before → after. A conflict with a side of all-new claims is new, not changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracker.analysis.pipeline import AnalysedCorpus, analyse_corpus
from tracker.analysis.report import Row, build_report
from tracker.diagnostics import Diagnostic, Severity
from tracker.reading.files import CorpusFiles, DirectoryFiles
from tracker.reading.gitfiles import GitFiles, Repository

COMPARED = ("answers", "status", "upheld", "sides", "note")


@dataclass(frozen=True)
class Changed:
    before: Row
    after: Row
    fields: tuple[str, ...]  # which of COMPARED differ


@dataclass
class ConflictDiff:
    base: str
    head: str
    added: list[Row] = field(default_factory=list)
    removed: list[Row] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)

    @property
    def new_open(self) -> list[Row]:
        return [row for row in self.added if row.conflict.status == "open"]

    def headline(self) -> str:
        def count(number: int, noun: str) -> str:
            return f"{number} {noun}{'s' * (number != 1)}"

        if not (self.added or self.removed or self.changed):
            return "no change to the conflicts"
        return (
            f"{count(len(self.added), 'new conflict')} ({len(self.new_open)} open), "
            f"{len(self.removed)} gone, {len(self.changed)} changed"
        )


def _differences(before: Row, after: Row) -> tuple[str, ...]:
    old, new = before.conflict, after.conflict
    values = {
        "answers": ([s.answer for s in old.sides], [s.answer for s in new.sides]),
        "status": (old.status, new.status),
        "upheld": (old.upheld, new.upheld),
        "sides": ([s.claims for s in old.sides], [s.claims for s in new.sides]),
        "note": (old.note, new.note),
    }
    return tuple(name for name in COMPARED if values[name][0] != values[name][1])


def diff_conflicts(
    before: AnalysedCorpus, after: AnalysedCorpus, base: str, head: str
) -> ConflictDiff:
    """Compare the conflicts of two valid corpora."""
    if before.graph is None or after.graph is None:
        raise ValueError("both corpora must be valid to compare their conflicts")
    old = {row.conflict.id: row for row in build_report(before.graph, before.conflicts).rows}
    new = {row.conflict.id: row for row in build_report(after.graph, after.conflicts).rows}
    result = ConflictDiff(base, head)
    added = [row for ident, row in new.items() if ident not in old]
    removed = [row for ident, row in old.items() if ident not in new]
    pairs = [(old[ident], row) for ident, row in new.items() if ident in old]
    for gone in list(removed):
        came = next((row for row in added if _same_dispute(gone, row)), None)
        if came is not None:
            removed.remove(gone)
            added.remove(came)
            pairs.append((gone, came))
    result.added, result.removed = added, removed
    for old_row, new_row in pairs:
        fields = _differences(old_row, new_row)
        if fields:
            result.changed.append(Changed(old_row, new_row, fields))
    result.changed.sort(key=lambda c: c.after.conflict.id)
    return result


def _same_dispute(before: Row, after: Row) -> bool:
    """Whether a conflict that went and one that came are the same one, changed: same topic
    and kind, and every side of each shares a claim with some side of the other."""
    old, new = before.conflict, after.conflict
    if old.topic is None or (old.topic, old.kind) != (new.topic, new.kind):
        return False
    old_sides = [set(side.claims) for side in old.sides]
    new_sides = [set(side.claims) for side in new.sides]
    return all(any(a & b for b in new_sides) for a in old_sides) and all(
        any(a & b for a in old_sides) for b in new_sides
    )


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
    checked: list[AnalysedCorpus] = []
    for revision in (base, head):
        files = _files(repository, claims_dir, revision)
        # A revision without the claims folder (before it was added) has no conflicts.
        checked.append(analyse_corpus(files, require_files=revision is None))
    # Warnings are `tracker validate`'s business; a diff only stops on errors.
    diagnostics = [d for c in checked for d in c.diagnostics if d.severity is Severity.ERROR]
    if not all(c.ok for c in checked):
        return Comparison(None, diagnostics)
    label = base[:12] if len(base) == 40 else base
    return Comparison(
        diff_conflicts(checked[0], checked[1], label, head or WORKING_TREE), diagnostics
    )

"""What a change does to the conflicts: which appear, which go, which change.

Conflicts are matched by their stable ids, so a conflict whose sides gain a claim, or whose
status a verdict changes, shows as changed rather than as one removed and one added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .pipeline import Checked
from .report import Row, build_report

COMPARED = ("status", "upheld", "sides", "note")


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
        "status": (old.status, new.status),
        "upheld": (old.upheld, new.upheld),
        "sides": ([s.claims for s in old.sides], [s.claims for s in new.sides]),
        "note": (old.note, new.note),
    }
    return tuple(name for name in COMPARED if values[name][0] != values[name][1])


def diff_conflicts(before: Checked, after: Checked, base: str, head: str) -> ConflictDiff:
    """Compare the conflicts of two valid corpora."""
    if before.graph is None or after.graph is None:
        raise ValueError("both corpora must be valid to compare their conflicts")
    old = {row.conflict.id: row for row in build_report(before.graph, before.conflicts).rows}
    new = {row.conflict.id: row for row in build_report(after.graph, after.conflicts).rows}
    result = ConflictDiff(base, head)
    result.added = [row for ident, row in new.items() if ident not in old]
    result.removed = [row for ident, row in old.items() if ident not in new]
    for ident, row in new.items():
        if ident in old:
            fields = _differences(old[ident], row)
            if fields:
                result.changed.append(Changed(old[ident], row, fields))
    return result

"""The registry of conflict kinds: what makes two answers conflict, and how every output
names, orders and relates each kind. A new kind is one entry here, plus its derive function
registered for its topic kind in :data:`tracker.analysis.conflicts.DERIVERS` (written by hand:
none); the ids, the report's dispute order and the Argdown export all loop over this table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConflictKind:
    name: str  # as reports and JSON name it ("basis")
    prefix: str  # the first letter of its conflicts' ids (P1a2b3c4d5e)
    topic_kind: str | None  # the kind of topic whose claims it derives from; None: by hand
    argdown: str  # the Argdown relation between its sides: "><" contradictory, "-" contrary
    leads_dispute: bool  # listed first among a dispute's conflicts (meets an answer head-on)
    meaning: str  # one line for docs and help


CONFLICT_KINDS: dict[str, ConflictKind] = {
    kind.name: kind
    for kind in (
        ConflictKind(
            "position",
            "P",
            "choice",
            "-",
            False,
            "two answers to a question that exclude each other",
        ),
        ConflictKind("denial", "D", "choice", "><", True, "an answer and its denial"),
        ConflictKind(
            "numeric", "N", "number", "-", False, "two figures further apart than the tolerance"
        ),
        ConflictKind("explicit", "X", None, "-", False, "written in a contradictions entry"),
    )
}
# The order conflicts of one topic are listed in.
KIND_ORDER = tuple(CONFLICT_KINDS)

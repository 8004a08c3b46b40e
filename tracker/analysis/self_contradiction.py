"""Who contradicts itself, named as a reader wants it: the origin standing on two sides of a
conflict (and which of its bodies speak, through part_of), or the document quoted on two
sides and whose voice it speaks in. :func:`tracker.analysis.conflicts.mark_self_contradiction`
decides whether a conflict is one; this module only names who."""

from __future__ import annotations

from tracker.analysis.conflicts import Conflict
from tracker.corpus.records import Claim, Source, top_origin


def who_contradicts_itself(
    conflict: Conflict, claims: dict[str, Claim], sources: dict[str, Source]
) -> str:
    """ "The Government contradicts itself (The Prosecutor and Ministry of Health)",
    "seeds/report.txt contradicts itself, in the voice of The Daily", or "" when nobody does.
    A dismissed conflict names nobody: its sides were judged not to contradict, so nobody
    contradicts itself there (JSON keeps the plain facts, same_originator and internal)."""
    if conflict.status == "dismissed":
        return ""
    if conflict.self_contradiction == "source":
        return _self_contradicting_source(conflict, claims, sources)
    if conflict.self_contradiction == "document":
        return _self_contradicting_document(conflict, claims, sources)
    return ""


def _name(sources: dict[str, Source], source_id: str) -> str:
    source = sources.get(source_id)
    return source.name if source else source_id


def _self_contradicting_source(
    conflict: Conflict, claims: dict[str, Claim], sources: dict[str, Source]
) -> str:
    """The origin standing on two sides and, when different bodies of it speak (part_of),
    which ones."""
    sides = [{claims[c].source for c in side.claims} for side in conflict.sides]
    origins = [{top_origin(sources, s) for s in side} for side in sides]
    for index in range(len(sides)):
        for other in range(index + 1, len(sides)):
            for origin in sorted(origins[index] & origins[other]):
                bodies = sorted(
                    s for s in sides[index] | sides[other] if top_origin(sources, s) == origin
                )
                name = f"{_name(sources, origin)} contradicts itself"
                if bodies == [origin]:
                    return name
                shown = [_name(sources, body) for body in bodies]
                return f"{name} ({', '.join(shown[:-1])} and {shown[-1]})"
    return "a source contradicts itself"


def _self_contradicting_document(
    conflict: Conflict, claims: dict[str, Claim], sources: dict[str, Source]
) -> str:
    """The document quoted on two sides, and whose voice it speaks in on one of them."""
    quoted = [
        {e.document: claims[c] for c in side.claims for e in claims[c].evidence}
        for side in conflict.sides
    ]
    for index, first in enumerate(quoted):
        for second in quoted[index + 1 :]:
            for document in sorted(first.keys() & second.keys()):
                for one, other in (
                    (first[document], second[document]),
                    (second[document], first[document]),
                ):
                    if one.source in (other.source, *other.via):
                        voice = _name(sources, one.source)
                        return f"{document} contradicts itself, in the voice of {voice}"
    return "the document contradicts itself"

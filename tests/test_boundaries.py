"""Every conflict rule at its boundary, in both directions: a rule that holds only one way
round (the first claim's tolerance, the dated side, the originator who revises) is a rule
that silently fails the other way. Each case names the behaviour a mutation would break."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CorpusMaker, check

from tracker.diagnostics import Code

SOURCES = """\
sources:
  moh: {name: Health ministry, kind: government}
  wire: {name: Wire agency, kind: agency}
  daily: {name: The Daily, kind: outlet}
  other: {name: Another outlet, kind: outlet}
topics:
  toll:
    question: How many died?
    kind: number
    unit: people
  method:
    question: How?
    positions: [bomb, missile]
"""


def claims_yaml(*rows: str) -> str:
    return "claims:\n" + "".join(f"  - {{{row}}}\n" for row in rows)


def numeric(claims: Path) -> list[tuple[str, ...]]:
    checked = check(claims)
    assert checked.ok, checked.diagnostics
    return [tuple(s.answer for s in c.sides) for c in checked.conflicts if c.kind == "numeric"]


def codes(claims: Path) -> list[str]:
    return [str(d.code) for d in check(claims).diagnostics]


@pytest.mark.parametrize("lenient_first", [True, False], ids=["lenient-first", "lenient-second"])
@pytest.mark.parametrize(
    ("strict", "lenient", "conflict"),
    [(2, 8, False), (2, 7, True), (8, 8, False), (7, 7, True)],
    ids=["lenient-covers", "lenient-short", "both-cover", "both-short"],
)
def test_the_more_lenient_of_two_claim_tolerances_applies(
    make_corpus: CorpusMaker, lenient_first: bool, strict: int, lenient: int, conflict: bool
) -> None:
    """100 against 108 people: a gap of 8. The more lenient claim tolerance decides, whichever
    claim carries it."""
    rows = [
        f"id: a, text: t, source: moh, topic: toll, value: 100, tolerance: {strict}",
        f"id: b, text: t, source: wire, topic: toll, value: 108, tolerance: {lenient}",
    ]
    if not lenient_first:
        rows = [
            f"id: a, text: t, source: moh, topic: toll, value: 100, tolerance: {lenient}",
            f"id: b, text: t, source: wire, topic: toll, value: 108, tolerance: {strict}",
        ]
    claims = make_corpus({"a.yaml": SOURCES + claims_yaml(*rows)}, base=False)
    assert bool(numeric(claims)) is conflict


@pytest.mark.parametrize("dated", ["smaller", "larger"])
@pytest.mark.parametrize("undated_value_first", [True, False])
def test_an_undated_claim_meets_a_dated_one_either_way(
    make_corpus: CorpusMaker, dated: str, undated_value_first: bool
) -> None:
    """A claim without as_of meets every claim: whether it holds the smaller or the larger
    value, and whichever of the two is written first."""
    small, large = "value: 10", "value: 500"
    dated_value, undated_value = (small, large) if dated == "smaller" else (large, small)
    rows = [
        f"id: d, text: t, source: moh, topic: toll, {dated_value}, as_of: 2023-10-17",
        f"id: u, text: t, source: wire, topic: toll, {undated_value}",
    ]
    if undated_value_first:
        rows.reverse()
    claims = make_corpus({"a.yaml": SOURCES + claims_yaml(*rows)}, base=False)
    assert len(numeric(claims)) == 1


def test_two_dated_claims_meet_only_on_the_same_day(make_corpus: CorpusMaker) -> None:
    rows = [
        "id: d, text: t, source: moh, topic: toll, value: 10, as_of: 2023-10-17",
        "id: e, text: t, source: wire, topic: toll, value: 500, as_of: 2023-10-18",
    ]
    claims = make_corpus({"a.yaml": SOURCES + claims_yaml(*rows)}, base=False)
    assert numeric(claims) == []


@pytest.mark.parametrize(
    ("reviser", "via", "allowed"),
    [("moh", "", True), ("daily", "", True), ("other", "", False), ("moh", ", via: [other]", True)],
    ids=["originator", "relay-that-carried-it", "another-source", "originator-through-a-relay"],
)
def test_a_revision_by_its_originator_or_its_relay_only(
    make_corpus: CorpusMaker, reviser: str, via: str, allowed: bool
) -> None:
    rows = [
        "id: old, text: t, source: moh, via: [daily], topic: toll, value: 500",
        f"id: new, text: t, source: {reviser}{via}, topic: toll, value: 471, supersedes: [old]",
    ]
    claims = make_corpus({"a.yaml": SOURCES + claims_yaml(*rows)}, base=False)
    found = codes(claims)
    assert (str(Code.SUPERSEDES_OTHER_SOURCE) not in found) is allowed, found


@pytest.mark.parametrize("status", ["open", "resolved", "dismissed"])
@pytest.mark.parametrize("resolution", [True, False], ids=["with-resolution", "without"])
def test_every_entry_status_with_and_without_a_resolution(
    make_corpus: CorpusMaker, status: str, resolution: bool
) -> None:
    """A resolution on an open entry is a warning (nothing was resolved); on a resolved or
    dismissed entry it is the reason, and no problem. The status reaches the conflict."""
    rows = [
        "id: a, text: t, source: moh, topic: method, position: bomb",
        "id: b, text: t, source: wire, topic: method, position: missile",
    ]
    entry = f"  - {{claims: [a, b], status: {status}"
    entry += ", resolution: checked}\n" if resolution else "}\n"
    claims = make_corpus(
        {"a.yaml": SOURCES + claims_yaml(*rows) + "contradictions:\n" + entry}, base=False
    )
    checked = check(claims)
    warned = str(Code.RESOLUTION_ON_OPEN) in [str(d.code) for d in checked.diagnostics]
    assert warned is (status == "open" and resolution)
    (conflict,) = [c for c in checked.conflicts if c.kind == "position"]
    assert conflict.status == status
    assert conflict.resolution == ("checked" if resolution else None)


VOICE = """\
sources:
  paper: {name: The Paper, kind: outlet}
  officials: {name: Officials, kind: anonymous}
topics:
  method:
    question: How?
    positions: [bomb, missile]
"""


@pytest.mark.parametrize("paper_side", ["first", "second"])
def test_a_document_in_its_own_voice_either_side(make_corpus: CorpusMaker, paper_side: str) -> None:
    """A paper quoted on both sides contradicts itself when it speaks in its own voice on one
    of them, whichever side that is; relaying two sources on both sides is reporting."""
    quoted = "evidence: [{document: seeds/doc.txt, quote: explosive device}]"
    own = f"text: t, source: paper, topic: method, {quoted}"
    relayed = f"text: t, source: officials, via: [paper], topic: method, {quoted}"
    first, second = (own, relayed) if paper_side == "first" else (relayed, own)
    rows = [f"id: a, {first}, position: bomb", f"id: b, {second}, position: missile"]
    claims = make_corpus({"a.yaml": VOICE + claims_yaml(*rows)}, base=False)
    checked = check(claims)
    assert checked.ok, checked.diagnostics
    (conflict,) = checked.conflicts
    assert conflict.self_contradiction == "document"
    assert conflict.same_document


def test_relaying_two_sources_on_both_sides_is_reporting(make_corpus: CorpusMaker) -> None:
    quoted = "evidence: [{document: seeds/doc.txt, quote: explosive device}]"
    rows = [
        f"id: a, text: t, source: officials, via: [paper], topic: method, position: bomb, {quoted}",
        "id: b, text: t, source: other, via: [paper], topic: method, position: missile, " + quoted,
    ]
    text = VOICE.replace("topics:", "  other: {name: Other, kind: official}\ntopics:")
    claims = make_corpus({"a.yaml": text + claims_yaml(*rows)}, base=False)
    (conflict,) = check(claims).conflicts
    assert conflict.same_document
    assert conflict.self_contradiction is None

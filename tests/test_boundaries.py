"""Every conflict rule at its boundary, in both directions: a rule that holds only one way
round (the first claim's tolerance, the dated side, the originator who revises) is a rule
that silently fails the other way. Each case names the behaviour a mutation would break."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import CorpusMaker, check

from tracker.corpus.records import grouped
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


def test_ids_of_fields_with_a_backslash_or_nul_are_pinned() -> None:
    """The escaping inside conflict ids is part of the id: pinned, so it cannot change."""
    from tracker.analysis.conflicts import conflict_id

    assert conflict_id("position", "t", "a\\b", "c") == "P0598086c04"
    assert conflict_id("position", "t", "a\0b", "c") == "P5cc3a2c11b"


def _checked(make_corpus: CorpusMaker, text: str) -> Any:
    claims = make_corpus({"a.yaml": text}, base=False)
    checked = check(claims)
    assert checked.ok, checked.diagnostics
    return checked


SPELLED = """\
sources:
  moh: {name: Health ministry, kind: government}
  wire: {name: Wire agency, kind: agency}
topics:
  t:
    question: Who?
    positions: [Allies, Britain, Explosive device]
    implies: {Allies: [Britain]}
"""


def test_an_answer_is_shown_as_the_topic_declares_it(make_corpus: CorpusMaker) -> None:
    text = SPELLED + claims_yaml(
        "id: a, text: t, source: moh, topic: t, position: explosive  DEVICE",
        "id: b, text: t, source: wire, topic: t, position: britain",
    )
    (conflict,) = _checked(make_corpus, text).conflicts
    assert [s.answer for s in conflict.sides] == ["Britain", "Explosive device"]


def test_an_answer_implying_another_agrees_with_it_whichever_sorts_first(
    make_corpus: CorpusMaker,
) -> None:
    """'Allies' (which includes Britain) sorts before 'Britain': no conflict either way."""
    text = SPELLED + claims_yaml(
        "id: a, text: t, source: moh, topic: t, position: Allies",
        "id: b, text: t, source: wire, topic: t, position: Britain",
    )
    assert _checked(make_corpus, text).conflicts == []


def test_conflicts_are_ordered_by_topic_before_kind(make_corpus: CorpusMaker) -> None:
    text = """\
sources:
  moh: {name: Health ministry, kind: government}
  wire: {name: Wire agency, kind: agency}
topics:
  a-toll: {question: How many?, kind: number}
  b-method: {question: How?, positions: [bomb, missile]}
""" + claims_yaml(
        "id: a, text: t, source: moh, topic: b-method, position: bomb",
        "id: b, text: t, source: wire, topic: b-method, position: missile",
        "id: c, text: t, source: moh, topic: a-toll, value: 1",
        "id: d, text: t, source: wire, topic: a-toll, value: 2",
    )
    found = _checked(make_corpus, text).conflicts
    assert [(c.topic, c.kind) for c in found] == [("a-toll", "numeric"), ("b-method", "position")]


def test_a_shared_origin_on_any_two_of_three_sides_is_marked(make_corpus: CorpusMaker) -> None:
    """An entry naming three claims: the first two share an origin, the third does not. The
    mark must not depend on which pair is looked at last."""
    text = (
        SOURCES
        + claims_yaml(
            "id: a, text: t, source: moh, via: [daily]",
            "id: b, text: t, source: moh",
            "id: c, text: t, source: other",
        )
        + "contradictions:\n  - {claims: [a, b, c]}\n"
    )
    (conflict,) = _checked(make_corpus, text).conflicts
    assert conflict.same_originator
    assert conflict.self_contradiction == "source"


def test_a_document_in_its_own_voice_on_any_pair_is_marked(make_corpus: CorpusMaker) -> None:
    quoted = "evidence: [{document: seeds/doc.txt, quote: explosive device}]"
    text = (
        SOURCES
        + claims_yaml(
            f"id: a, text: t, source: daily, {quoted}",
            f"id: b, text: t, source: wire, via: [daily], {quoted}",
            f"id: c, text: t, source: other, {quoted}",
        )
        + "contradictions:\n  - {claims: [a, b, c]}\n"
    )
    (conflict,) = _checked(make_corpus, text).conflicts
    assert conflict.self_contradiction == "document"


@pytest.mark.parametrize(
    ("values", "detail"),
    [
        ((100, 101), "differ by 1 person (no tolerance)"),
        ((100, 102), "differ by 2 people (no tolerance)"),
        ((39_480, 2_000_000), "differ by 1,960,520 people (no tolerance)"),
        ((1.5, 2), "differ by 0.5 people (no tolerance)"),
    ],
)
def test_how_far_apart_figures_are_reads_naturally(
    make_corpus: CorpusMaker, values: tuple[float, float], detail: str
) -> None:
    text = SOURCES + claims_yaml(
        f"id: a, text: t, source: moh, topic: toll, value: {values[0]}",
        f"id: b, text: t, source: wire, topic: toll, value: {values[1]}",
    )
    (conflict,) = _checked(make_corpus, text).conflicts
    assert conflict.detail == detail


@pytest.mark.parametrize(
    ("rows", "same"),
    [
        (["position: bomb", "position: bomb"], "bomb"),
        (["position: bomb, stance: denies", "position: bomb, stance: denies"], "not bomb"),
        (["value: 5", "value: 5"], "5"),
        (["position: bomb", "position: missile"], None),
    ],
)
def test_an_entry_whose_claims_give_one_answer_is_flagged(
    make_corpus: CorpusMaker, rows: list[str], same: str | None
) -> None:
    topic = "toll" if "value" in rows[0] else "method"
    text = (
        SOURCES
        + claims_yaml(
            f"id: a, text: t, source: moh, topic: {topic}, {rows[0]}",
            f"id: b, text: t, source: wire, topic: {topic}, {rows[1]}",
        )
        + "contradictions:\n  - {claims: [a, b], note: checked}\n"
    )
    found = [d.message for d in check(make_corpus({"a.yaml": text}, base=False)).diagnostics]
    flagged = [m for m in found if "all give the same answer" in m]
    if same is None:
        assert flagged == []
    else:
        assert flagged == [
            f"the claims of this entry all give the same answer ({same}) to one topic; "
            "check the claims, or give them different answers"
        ]


def test_claims_on_no_topic_or_two_topics_are_never_one_same_answer(
    make_corpus: CorpusMaker,
) -> None:
    text = (
        SOURCES.replace("topics:", "topics:\n  count: {question: How many held?, kind: number}")
        + claims_yaml(
            "id: a, text: t, source: moh",
            "id: b, text: t, source: wire",
            "id: c, text: t, source: moh, topic: toll, value: 5",
            "id: d, text: t, source: wire, topic: method, position: bomb",
            "id: e, text: t, source: daily, topic: count, value: 5",
        )
        + "contradictions:\n  - {claims: [a, b]}\n  - {claims: [c, d]}\n"
        "  - {claims: [c, e]}\n"
    )
    found = check(make_corpus({"a.yaml": text}, base=False)).diagnostics
    assert not any("same answer" in d.message for d in found)


def test_a_document_that_is_not_utf8_is_refused_with_why(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": SOURCES
            + claims_yaml(
                "id: a, text: t, source: moh, evidence: [{document: seeds/latin.txt, quote: x}]"
            )
        },
        base=False,
    )
    (claims.parent / "seeds" / "latin.txt").write_bytes(b"caf\xe9 x\n")
    messages = [d.message for d in check(claims).diagnostics if d.code == "document"]
    assert messages == [
        "document 'seeds/latin.txt' cannot be used: byte 0xe9 is not valid UTF-8; save the "
        "file as UTF-8"
    ]


def _numeric_sides(make_corpus: CorpusMaker, rows: list[str], cumulative: bool = False) -> Any:
    text = SOURCES.replace("    unit: people\n", "    unit: people\n    cumulative: true\n")
    text = (text if cumulative else SOURCES) + claims_yaml(*rows)
    found = _checked(make_corpus, text).conflicts
    return sorted(tuple(tuple(s.claims) for s in c.sides) for c in found if c.kind == "numeric")


def test_one_value_at_two_times_is_two_groups(make_corpus: CorpusMaker) -> None:
    """The same figure said for two days meets only the claims of its own day."""
    rows = [
        "id: a, text: t, source: moh, topic: toll, value: 100, as_of: 2024-01-01",
        "id: b, text: t, source: wire, topic: toll, value: 100, as_of: 2024-01-02",
        "id: c, text: t, source: daily, topic: toll, value: 200, as_of: 2024-01-02",
    ]
    assert _numeric_sides(make_corpus, rows) == [(("b",), ("c",))]


def test_one_value_with_two_tolerances_is_two_groups(make_corpus: CorpusMaker) -> None:
    """100 with a tolerance of 1 conflicts with 110; 100 with a tolerance of 20 does not."""
    rows = [
        "id: a, text: t, source: moh, topic: toll, value: 100, tolerance: 1",
        "id: b, text: t, source: wire, topic: toll, value: 100, tolerance: 20",
        "id: c, text: t, source: daily, topic: toll, value: 110, tolerance: 0",
    ]
    assert _numeric_sides(make_corpus, rows) == [(("a",), ("c",))]


@pytest.mark.parametrize("first", ["1500", "1.5e3"])
def test_a_figure_spelled_two_ways_is_shown_one_way(make_corpus: CorpusMaker, first: str) -> None:
    second = "1.5e3" if first == "1500" else "1500"
    rows = [
        f"id: a, text: t, source: moh, topic: toll, value: {first}",
        f"id: b, text: t, source: wire, topic: toll, value: {second}",
        "id: c, text: t, source: daily, topic: toll, value: 10",
    ]
    (conflict,) = _checked(make_corpus, SOURCES + claims_yaml(*rows)).conflicts
    assert [s.answer for s in conflict.sides] == ["10 people", "1500 people"]
    assert [s.claims for s in conflict.sides] == [("c",), ("a", "b")]


def test_groups_of_one_value_clashing_with_another_make_one_conflict(
    make_corpus: CorpusMaker,
) -> None:
    rows = [
        "id: a, text: t, source: moh, topic: toll, value: 100, as_of: 2024-01-01",
        "id: b, text: t, source: wire, topic: toll, value: 100",
        "id: c, text: t, source: daily, topic: toll, value: 200, as_of: 2024-01-01",
    ]
    assert _numeric_sides(make_corpus, rows) == [(("a", "b"), ("c",))]


def test_a_running_total_checks_every_pair_after_one_that_grew(
    make_corpus: CorpusMaker,
) -> None:
    """100 on the 2nd grew to 200 on the 3rd (an update), but 300 on the 1st fell to both."""
    rows = [
        "id: a, text: t, source: moh, topic: toll, value: 100, as_of: 2024-01-02",
        "id: b, text: t, source: moh, topic: toll, value: 200, as_of: 2024-01-03",
        "id: c, text: t, source: wire, topic: toll, value: 300, as_of: 2024-01-01",
    ]
    assert _numeric_sides(make_corpus, rows, cumulative=True) == [
        (("c",), ("a",)),
        (("c",), ("b",)),
    ]


@pytest.mark.parametrize(("value", "conflict"), [(15, False), (16, True)])
def test_a_gap_equal_to_the_tolerance_is_no_conflict(
    make_corpus: CorpusMaker, value: int, conflict: bool
) -> None:
    rows = [
        "id: a, text: t, source: moh, topic: toll, value: 10, tolerance: 5",
        f"id: b, text: t, source: wire, topic: toll, value: {value}",
    ]
    assert bool(_numeric_sides(make_corpus, rows)) is conflict


def test_a_running_total_that_fell_is_pinned_and_explained(make_corpus: CorpusMaker) -> None:
    text = SOURCES.replace("    unit: people\n", "    unit: people\n    cumulative: true\n")
    text = text.replace("    cumulative: true\n", "    cumulative: true\n    tolerance: 2%\n", 1)
    rows = [
        "id: a, text: t, source: moh, topic: toll, value: 500, as_of: 2023-10-17",
        "id: b, text: t, source: wire, topic: toll, value: 471, as_of: 2023-10-18",
    ]
    (conflict,) = _checked(make_corpus, text + claims_yaml(*rows)).conflicts
    assert conflict.id == "Ncb79ef27e8"  # pinned: verdicts are written against it
    assert conflict.topic == "toll"
    assert [s.answer for s in conflict.sides] == [
        "500 people as of 2023-10-17",
        "471 people as of 2023-10-18",
    ]
    assert conflict.detail == (
        "a running total fell: differ by 29 people (topic tolerance 2% = 10 people)"
    )


def test_a_running_total_checks_every_pair_after_one_within_tolerance(
    make_corpus: CorpusMaker,
) -> None:
    """102 on the 1st fell to 100 on the 2nd, within the tolerance of 5; 300 on the 0th fell
    to both beyond it."""
    text = SOURCES.replace("    unit: people\n", "    unit: people\n    cumulative: true\n")
    text = text.replace("    cumulative: true\n", "    cumulative: true\n    tolerance: 5\n", 1)
    rows = [
        "id: a, text: t, source: moh, topic: toll, value: 100, as_of: 2024-01-02",
        "id: b, text: t, source: moh, topic: toll, value: 102, as_of: 2024-01-01",
        "id: c, text: t, source: wire, topic: toll, value: 300, as_of: 2023-12-31",
    ]
    found = _checked(make_corpus, text + claims_yaml(*rows)).conflicts
    assert sorted(tuple(tuple(s.claims) for s in c.sides) for c in found) == [
        (("c",), ("a",)),
        (("c",), ("b",)),
    ]


def test_an_entry_judging_two_conflicts_judges_both_even_after_a_double(
    make_corpus: CorpusMaker,
) -> None:
    """The second entry judges c-d (judged already: a double verdict, and first in the
    order of conflicts) and a-b: a-b still takes its status."""
    text = (
        SOURCES
        + claims_yaml(
            "id: a, text: t, source: moh, topic: method, position: bomb",
            "id: b, text: t, source: wire, topic: method, position: missile",
            "id: c, text: t, source: daily, topic: toll, value: 1",
            "id: d, text: t, source: other, topic: toll, value: 9",
        )
        + (
            "contradictions:\n  - {claims: [c, d], status: dismissed, resolution: r}\n"
            "  - {claims: [a, b, c, d], status: resolved, upheld: a}\n"
        )
    )
    checked = check(make_corpus({"a.yaml": text}, base=False))
    assert [d.code for d in checked.diagnostics if d.severity.value == "error"] == [
        "double-verdict"
    ]
    (position,) = [c for c in checked.conflicts if c.kind == "position"]
    assert (position.status, position.upheld) == ("resolved", "a")


def test_an_explicit_entry_on_one_topic_keeps_the_topic(make_corpus: CorpusMaker) -> None:
    text = (
        SOURCES.replace("positions: [bomb, missile]", "positions: [bomb, missile, drone]")
        + "    compatible: [[missile, drone]]\n"
        + claims_yaml(
            "id: a, text: t, source: moh, topic: method, position: missile",
            "id: b, text: t, source: wire, topic: method, position: drone",
            "id: c, text: t, source: daily",
            "id: d, text: t, source: other, topic: method, position: drone",
        )
        + "contradictions:\n  - {claims: [a, b]}\n  - {claims: [c, d]}\n"
    )
    found = _checked(make_corpus, text).conflicts
    explicit = {tuple(c.claim_ids): c.topic for c in found if c.kind == "explicit"}
    assert explicit == {("a", "b"): "method", ("c", "d"): None}


def test_the_uncompared_warning_when_selected(make_corpus: CorpusMaker) -> None:
    from tracker.analysis.pipeline import analyse_corpus
    from tracker.config import Selection

    claims = make_corpus(
        {"a.yaml": SOURCES + claims_yaml("id: lone, text: t, source: moh")}, base=False
    )
    found = analyse_corpus(claims, selection=Selection(frozenset({"uncompared-claim"})))
    shown = [f"{d} [{d.code}]" for d in found.diagnostics if d.code == "uncompared-claim"]
    assert shown == [
        f"{claims.name}/a.yaml:15:10: warning: claim 'lone' is compared with nothing: it has "
        "no topic and no contradictions entry names it; give it a topic and an answer, or "
        "record it in a contradictions entry [uncompared-claim]"
    ]


def test_references_to_a_file_that_does_not_parse_are_counted_once_each(
    make_corpus: CorpusMaker,
) -> None:
    claims = make_corpus(
        {
            "broken.yaml": 'sources:\n  reuters: {name: Reuters}\nclaims:\n  - {id: r1, text: "x\n',
            "uses.yaml": SOURCES
            + claims_yaml(
                "id: u1, text: t, source: reuters",
                "id: u2, text: t, source: moh, via: [reuters], supersedes: [r1]",
                "id: u3, text: t, source: nobody",
            ),
        },
        base=False,
    )
    found = check(claims).diagnostics
    (syntax,) = [d for d in found if d.code == "syntax"]
    assert syntax.message.endswith(
        "until this file parses, 3 references in other files to ids it may declare are not checked"
    )
    unknown = [d.message for d in found if d.code == "unknown-source"]
    assert unknown == ["unknown source 'nobody'; declare it under 'sources'"]


def test_revision_checks_go_on_after_a_problem(make_corpus: CorpusMaker) -> None:
    """A claim revising several: an unknown, itself, another source's claim, a claim of
    another topic, a claim that failed to read, each reported, none stopping the others."""
    text = SOURCES + claims_yaml(
        "id: old, text: t, source: wire, via: [daily, other], topic: toll, value: 1",
        "id: mine, text: t, source: moh, topic: method, position: bomb",
        "id: bad, text: [t], source: moh",
        "id: x, text: t, source: moh, topic: toll, value: 2, "
        "supersedes: [zz, x, old, mine, bad, old]",
    )
    found = [
        (d.location.column, str(d.code))
        for d in check(make_corpus({"a.yaml": text}, base=False)).diagnostics
        if str(d.code) not in ("no-evidence", "unused-source", "unused-topic")
    ]
    codes = [code for _, code in found]
    assert codes.count("unknown-claim") == 1  # zz; not 'bad', which failed to read
    assert codes.count("supersedes-cycle") == 1  # itself
    assert codes.count("supersedes-other-source") == 2  # old, twice
    assert codes.count("supersedes-other-topic") == 1  # mine
    messages = [d.message for d in check(make_corpus({"a.yaml": text}, base=False)).diagnostics]
    assert any("'wire' originated via daily, other;" in m for m in messages)


def test_a_cycle_through_a_second_revision_is_found(make_corpus: CorpusMaker) -> None:
    text = SOURCES + claims_yaml(
        "id: a, text: t, source: moh",
        "id: c, text: t, source: moh, supersedes: [a, d]",
        "id: d, text: t, source: moh, supersedes: [c]",
    )
    found = [d.message for d in check(make_corpus({"a.yaml": text}, base=False)).diagnostics]
    assert any("goes round in a circle (c → d → c)" in m for m in found), found


def test_the_same_answer_is_named_as_the_first_claim_spells_it(make_corpus: CorpusMaker) -> None:
    text = (
        SOURCES
        + claims_yaml(
            "id: a, text: t, source: moh, topic: method, position: bomb",
            "id: b, text: t, source: wire, topic: method, position: BOMB",
        )
        + "contradictions:\n  - {claims: [a, b]}\n"
    )
    found = [d.message for d in check(make_corpus({"a.yaml": text}, base=False)).diagnostics]
    assert any("all give the same answer (bomb)" in m for m in found), found


def test_a_denial_meets_every_answer_at_its_time(make_corpus: CorpusMaker) -> None:
    """'not Britain' on the 2nd meets 'Britain' on the 2nd, though 'Allies' (which includes
    Britain, and sorts first) was said on the 1st."""
    text = SPELLED.replace("sources:", "sources:\n  daily: {name: The Daily, kind: outlet}")
    text += claims_yaml(
        "id: a, text: t, source: moh, topic: t, position: Allies, as_of: 2024-01-01",
        "id: b, text: t, source: wire, topic: t, position: Britain, as_of: 2024-01-02",
        "id: c, text: t, source: daily, topic: t, position: Britain, stance: denies, "
        "as_of: 2024-01-02",
    )
    found = _checked(make_corpus, text).conflicts
    assert [(c.kind, [s.answer for s in c.sides]) for c in found] == [
        ("denial", ["Britain", "not Britain"])
    ]


def test_a_running_total_that_fell_by_exactly_the_tolerance_is_no_conflict(
    make_corpus: CorpusMaker,
) -> None:
    rows = [
        "id: a, text: t, source: moh, topic: toll, value: 105, as_of: 2024-01-01",
        "id: b, text: t, source: wire, topic: toll, value: 100, as_of: 2024-01-02",
    ]
    text = SOURCES.replace("    unit: people\n", "    unit: people\n    cumulative: true\n")
    text = text.replace("    cumulative: true\n", "    cumulative: true\n    tolerance: 5\n", 1)
    assert _checked(make_corpus, text + claims_yaml(*rows)).conflicts == []


def test_answers_are_checked_after_a_claim_on_an_unknown_topic(make_corpus: CorpusMaker) -> None:
    text = SOURCES + claims_yaml(
        "id: x, text: t, source: moh, topic: nosuch, position: bomb",
        "id: y, text: t, source: wire, topic: method, position: poison",
    )
    codes = [str(d.code) for d in check(make_corpus({"a.yaml": text}, base=False)).diagnostics]
    assert "unknown-topic" in codes
    assert "unknown-position" in codes


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("151265", "151,265"),
        ("≥ 39480", "≥ 39,480"),
        ("1948", "1948"),  # four digits (a year, a small count) stay as written
        ("12345.5", "12,345.5"),
        ("0.000012345", "0.000012345"),
        ("10000 to 250000", "10,000 to 250,000"),
    ],
)
def test_reports_group_long_figures_by_thousands(written: str, shown: str) -> None:
    assert grouped(written) == shown

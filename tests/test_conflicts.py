"""Derived and explicit conflicts, the cases that must not conflict, grouping and stable ids."""

from __future__ import annotations

import random
from pathlib import Path

from conftest import CorpusMaker, check

from tracker.analysis.conflicts import Conflict


def conflicts_of(claims: Path) -> list[Conflict]:
    checked = check(claims)
    assert checked.ok, checked.diagnostics
    return checked.conflicts


def summary(claims: Path) -> list[tuple[str, str | None, list[list[str]], str]]:
    return [
        (c.kind, c.topic, [list(s.claims) for s in c.sides], c.status) for c in conflicts_of(claims)
    ]


def claims_yaml(*rows: str) -> str:
    return "claims:\n" + "".join(f"  - {{{row}}}\n" for row in rows)


def test_position_conflict(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: method, position: explosive device",
                "id: b, text: t, source: fars, topic: method, position: projectile",
            )
        }
    )
    assert summary(claims) == [("position", "method", [["a"], ["b"]], "open")]
    [conflict] = conflicts_of(claims)
    assert [s.answer for s in conflict.sides] == ["explosive device", "projectile"]


def test_compatible_positions_do_not_conflict(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: method, position: aerial strike",
                "id: b, text: t, source: fars, topic: method, position: Projectile",
            )
        }
    )
    assert summary(claims) == []


def test_same_position_in_other_spelling_does_not_conflict(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: open-method, position: Bomb",
                "id: b, text: t, source: fars, topic: open-method, position: ' bomb '",
                "id: c, text: t, source: afp, topic: open-method, position: missile",
            )
        }
    )
    assert summary(claims) == [("position", "open-method", [["a", "b"], ["c"]], "open")]
    [conflict] = conflicts_of(claims)
    # The shown spelling is the smallest one used, whatever the file order.
    assert conflict.sides[0].answer == " bomb "


def test_denial_conflicts_with_the_assertion_only(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: method, position: explosive device",
                "id: b, text: t, source: fars, topic: method, position: explosive device, "
                "stance: denies",
                # Denying P and asserting Q (Q not P) do not conflict; nor do two denials.
                "id: c, text: t, source: fars, topic: method, position: projectile, stance: denies",
                "id: d, text: t, source: afp, topic: method, position: projectile, stance: denies",
            )
        }
    )
    assert summary(claims) == [("denial", "method", [["a"], ["b"]], "open")]
    [conflict] = conflicts_of(claims)
    assert [s.answer for s in conflict.sides] == ["explosive device", "not explosive device"]


def test_denial_of_an_answer_nobody_gives(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: method, position: projectile, stance: denies",
                "id: b, text: t, source: fars, topic: method, position: explosive device, "
                "stance: denies",
            )
        }
    )
    assert summary(claims) == []


def test_numeric_relative_tolerance(make_corpus: CorpusMaker) -> None:
    # 2% of the larger magnitude: 100 vs 102 agree (gap 2 <= 2.04), 100 vs 103 do not.
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: toll, value: 100",
                "id: b, text: t, source: fars, topic: toll, value: 102",
                "id: c, text: t, source: afp, topic: toll, value: 103",
            )
        }
    )
    assert summary(claims) == [("numeric", "toll", [["a"], ["c"]], "open")]
    [conflict] = conflicts_of(claims)
    assert [s.answer for s in conflict.sides] == ["100 people", "103 people"]


def test_numeric_relative_tolerance_boundary_is_exact(make_corpus: CorpusMaker) -> None:
    # 2% of 100 is exactly 2: 98 and 100 agree at the boundary; 0.1 further, they do not.
    # 0.98 and 1 agree too, which binary floats would get wrong (1 * 0.02 != 1 - 0.98).
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: toll, value: 100",
                "id: b, text: t, source: fars, topic: toll, value: 98",
            ),
            "b.yaml": claims_yaml(
                "id: c, text: t, source: afp, topic: toll, value: 0.98",
                "id: d, text: t, source: afp, topic: toll, value: 1",
            ),
        }
    )
    found = summary(claims)
    assert ("numeric", "toll", [["b"], ["a"]], "open") not in found
    assert ("numeric", "toll", [["c"], ["d"]], "open") not in found
    Path("claims/a.yaml").write_text(
        claims_yaml(
            "id: a, text: t, source: nyt, topic: toll, value: 100",
            "id: b, text: t, source: fars, topic: toll, value: 97.9",
        ),
        encoding="utf-8",
    )
    assert ("numeric", "toll", [["b"], ["a"]], "open") in summary(claims)


def test_numeric_absolute_tolerance(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: count, value: 20",
                "id: b, text: t, source: fars, topic: count, value: 25",
                "id: c, text: t, source: afp, topic: count, value: 25.5",
            )
        }
    )
    assert summary(claims) == [("numeric", "count", [["a"], ["c"]], "open")]


def test_numeric_zero_tolerance_by_default(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        topics:
          exact: {question: How many?, kind: number}
        claims:
          - {id: a, text: t, source: nyt, topic: exact, value: 12}
          - {id: b, text: t, source: fars, topic: exact, value: 12.0}
          - {id: c, text: t, source: afp, topic: exact, value: 13}
        """
        }
    )
    assert summary(claims) == [("numeric", "exact", [["a", "b"], ["c"]], "open")]


def test_ranges_overlap_or_are_as_far_apart_as_their_gap(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: count, value: [10, 20]",
                "id: b, text: t, source: fars, topic: count, value: [18, 30]",  # overlaps a
                "id: c, text: t, source: afp, topic: count, value: 35",  # 5 above b: agrees
                "id: d, text: t, source: officials, topic: count, value: [36, 40]",
            )
        }
    )
    assert summary(claims) == [
        ("numeric", "count", [["a"], ["c"]], "open"),
        ("numeric", "count", [["a"], ["d"]], "open"),
        ("numeric", "count", [["b"], ["d"]], "open"),
    ]


def test_same_answers_share_a_side(make_corpus: CorpusMaker) -> None:
    rows = [
        f"id: p{i:03}, text: t, source: nyt, topic: method, position: projectile"
        for i in range(200)
    ]
    rows += [
        f"id: e{i:03}, text: t, source: fars, topic: method, position: explosive device"
        for i in range(200)
    ]
    claims = make_corpus({"a.yaml": claims_yaml(*rows)})
    [conflict] = conflicts_of(claims)
    assert [len(s.claims) for s in conflict.sides] == [200, 200]


def test_verdict_merges_into_the_derived_row(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: method, position: explosive device",
                "id: b, text: t, source: fars, topic: method, position: projectile",
            )
            + """\
contradictions:
  - claims: [b, a]
    status: resolved
    upheld: a
    note: Later reporting confirmed the device.
    resolution: Confirmed by three outlets.
"""
        }
    )
    [conflict] = conflicts_of(claims)
    assert (conflict.kind, conflict.status, conflict.upheld) == ("position", "resolved", "a")
    assert conflict.note == "Later reporting confirmed the device."
    assert conflict.resolution == "Confirmed by three outlets."
    assert conflict.verdict == "claims/a.yaml:5:5"


def test_explicit_contradiction_of_its_own(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: Israel said it was a response., source: nyt",
                "id: b, text: Israel did not comment., source: afp",
                "id: c, text: t, source: fars",
            )
            + """\
contradictions:
  - claims: [b, a]
    note: Both cannot be true.
  - id: named
    claims: [c, a]
    status: dismissed
"""
        }
    )
    # The sides in the order each entry names its claims.
    assert summary(claims) == [
        ("explicit", None, [["b"], ["a"]], "open"),
        ("explicit", None, [["c"], ["a"]], "dismissed"),
    ]
    ids = [c.id for c in conflicts_of(claims)]
    assert ids[1] == "named"
    assert ids[0].startswith("X")


def test_two_verdicts_on_one_conflict_are_an_error(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: method, position: explosive device",
                "id: a2, text: t, source: afp, topic: method, position: explosive device",
                "id: b, text: t, source: fars, topic: method, position: projectile",
            )
            + """\
contradictions:
  - {claims: [a, b], status: dismissed}
  - {claims: [a2, b], status: resolved}
"""
        }
    )
    checked = check(claims)
    [problem] = [str(d) for d in checked.diagnostics if d.severity.value == "error"]
    conflict_id = checked.conflicts[0].id
    assert problem == (
        f"claims/a.yaml:7:5: error: this entry judges conflict {conflict_id}, which the entry "
        "at claims/a.yaml:6:5 judges already; merge the two entries into one"
    )


def _shuffled_corpus(seed: int) -> dict[str, str]:
    rows = [
        "id: a, text: t, source: nyt, topic: method, position: explosive device",
        "id: b, text: t, source: fars, topic: method, position: projectile",
        "id: c, text: t, source: fars, topic: method, position: explosive device, stance: denies",
        "id: d, text: t, source: nyt, topic: toll, value: 10",
        "id: e, text: t, source: afp, topic: toll, value: 20",
        "id: f, text: t, source: afp",
    ]
    random.Random(seed).shuffle(rows)
    return {
        "one.yaml": claims_yaml(*rows[:3]),
        "two.yaml": claims_yaml(*rows[3:]) + "contradictions:\n  - claims: [f, a]\n",
    }


def test_ids_are_stable_across_reordering(make_corpus: CorpusMaker, tmp_path: Path) -> None:
    results = []
    for seed in range(5):
        claims = make_corpus(_shuffled_corpus(seed))
        results.append(
            [(c.id, c.kind, [list(s.claims) for s in c.sides]) for c in conflicts_of(claims)]
        )
    assert all(r == results[0] for r in results)
    assert len(results[0]) == 4


def test_ids_survive_claims_joining_a_side(make_corpus: CorpusMaker) -> None:
    rows = [
        "id: a, text: t, source: nyt, topic: method, position: explosive device",
        "id: b, text: t, source: fars, topic: method, position: projectile",
    ]
    before = conflicts_of(make_corpus({"a.yaml": claims_yaml(*rows)}))
    rows.append("id: c, text: t, source: afp, topic: method, position: projectile")
    after = conflicts_of(make_corpus({"a.yaml": claims_yaml(*rows)}))
    assert [c.id for c in before] == [c.id for c in after]
    assert after[0].sides[1].claims == ("b", "c")


def test_ids_are_pinned(make_corpus: CorpusMaker) -> None:
    # Ids are part of the output contract: a change here breaks every user's verdict history.
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: method, position: explosive device",
                "id: b, text: t, source: fars, topic: method, position: projectile",
            )
        }
    )
    # The literal is sha1("position\\0method\\0explosive device\\0projectile")[:10]: pinned
    # here as a literal, so any change to how ids are computed fails this test.
    assert [c.id for c in conflicts_of(claims)] == ["Pcc0d338ea0"]


def test_ids_of_fields_holding_separators_do_not_collide() -> None:
    from tracker.analysis.conflicts import conflict_id

    assert conflict_id("explicit", "a\0b", "c") != conflict_id("explicit", "a", "b\0c")
    assert conflict_id("explicit", "a\\", "0b") != conflict_id("explicit", "a", "\\0b")


def test_one_answer_in_two_unicode_spellings_does_not_conflict(make_corpus: CorpusMaker) -> None:
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                f"id: a, text: t, source: nyt, topic: open-method, position: {composed}",
                f"id: b, text: t, source: fars, topic: open-method, position: {decomposed}",
            )
        }
    )
    assert summary(claims) == []

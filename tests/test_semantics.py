"""What counts as a contradiction in a real story: time (`as_of`, running totals), revisions
and retractions, bounds and per-claim tolerance, implied answers, disputes, internal
contradictions and `part_of` origins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CorpusMaker, check, errors_of

from tracker.analysis.conflicts import Conflict
from tracker.cli import cli

WHO = """\
sources:
  putin: {name: Vladimir Putin, kind: official}
  cia: {name: CIA, kind: agency}
  ukmod: {name: UK ministry of defence, kind: government}
  moscow: {name: Russian government, kind: government}
topics:
  who:
    question: Who blew up the pipelines?
    positions: [US and UK, United States, United Kingdom, Russia]
    implies:
      US and UK: [United States, United Kingdom]
"""

TOTALS = """\
sources:
  moh: {name: Health ministry, kind: government}
  dea: {name: Danish Energy Agency, kind: agency}
  scg: {name: Swedish Coast Guard, kind: agency}
  pros: {name: Federal Prosecutor, kind: official, part_of: gov}
  inv: {name: German investigators, kind: official, part_of: pros}
  gov: {name: German government, kind: government}
topics:
  deaths:
    question: How many died?
    kind: number
    unit: people
    cumulative: true
  leaks:
    question: How many leaks?
    kind: number
"""


def coded(claims: Path) -> list[str]:
    """Every problem as `PATH:LINE:COL: message [code]`."""
    return [f"{d} [{d.code}]" for d in check(claims).diagnostics]


def claims_yaml(*rows: str) -> str:
    return "claims:\n" + "".join(f"  - {{{row}}}\n" for row in rows)


def conflicts_of(claims: Path) -> list[Conflict]:
    checked = check(claims)
    assert checked.ok, checked.diagnostics
    return checked.conflicts


def clashes(claims: Path) -> list[tuple[str, list[str]]]:
    return [(c.kind, [s.answer for s in c.sides]) for c in conflicts_of(claims)]


def test_different_as_of_is_an_update_not_a_conflict(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: l3, text: t, source: dea, topic: leaks, value: 3, as_of: 2022-09-27",
                "id: l4, text: t, source: scg, topic: leaks, value: 4, as_of: 2022-09-29",
            )
        },
        base=False,
    )
    assert clashes(claims) == []


def test_same_as_of_or_none_is_compared(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: l3, text: t, source: dea, topic: leaks, value: 3, as_of: 2022-09-27",
                "id: l4, text: t, source: scg, topic: leaks, value: 4, as_of: 2022-09-27",
                "id: l5, text: t, source: moh, topic: leaks, value: 5",
            )
        },
        base=False,
    )
    assert sorted(clashes(claims)) == [
        ("numeric", ["3", "4"]),
        ("numeric", ["3", "5"]),
        ("numeric", ["4", "5"]),
    ]


def test_a_growing_running_total_is_no_conflict(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: d1, text: t, source: moh, topic: deaths, value: 300, as_of: 2023-10-10",
                "id: d2, text: t, source: dea, topic: deaths, value: 471, as_of: 2023-10-18",
            )
        },
        base=False,
    )
    assert clashes(claims) == []


def test_a_falling_running_total_is_a_conflict(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: d1, text: t, source: moh, topic: deaths, value: 500, as_of: 2023-10-17",
                "id: d2, text: t, source: dea, topic: deaths, value: 471, as_of: 2023-10-18",
            )
        },
        base=False,
    )
    [conflict] = conflicts_of(claims)
    assert [s.answer for s in conflict.sides] == [
        "500 people as of 2023-10-17",
        "471 people as of 2023-10-18",
    ]
    assert conflict.detail == "a running total fell: differ by 29 people (no tolerance)"


def test_a_fall_within_tolerance_is_no_conflict(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS.replace("cumulative: true", "cumulative: true\n    tolerance: 10%")
            + claims_yaml(
                "id: d1, text: t, source: moh, topic: deaths, value: 500, as_of: 2023-10-17",
                "id: d2, text: t, source: dea, topic: deaths, value: 471, as_of: 2023-10-18",
            )
        },
        base=False,
    )
    assert clashes(claims) == []


def test_a_superseded_claim_leaves_the_conflicts_and_is_history(
    make_corpus: CorpusMaker,
) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: c-moh-500, text: t, source: moh, topic: leaks, value: 500",
                "id: c-moh-471, text: t, source: moh, topic: leaks, value: 471,"
                " supersedes: [c-moh-500]",
                "id: other, text: t, source: dea, topic: leaks, value: 471",
            )
        },
        base=False,
    )
    assert clashes(claims) == []
    result = CliRunner().invoke(cli, ["report"])
    assert result.exit_code == 0
    assert "c-moh-500 → c-moh-471" in result.stdout
    markdown = CliRunner().invoke(cli, ["report", "--format", "markdown"]).stdout
    assert "`c-moh-500` → `c-moh-471`" in markdown


def test_without_supersedes_the_same_figures_conflict(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: c-moh-500, text: t, source: moh, topic: leaks, value: 500",
                "id: c-moh-471, text: t, source: moh, topic: leaks, value: 471",
            )
        },
        base=False,
    )
    [conflict] = conflicts_of(claims)
    assert conflict.same_originator
    assert conflict.self_contradiction == "source"


def test_an_outlet_may_correct_what_it_relayed(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: a, text: t, source: moh, via: dea, topic: leaks, value: 500",
                "id: b, text: t, source: dea, topic: leaks, value: 471, supersedes: a",
            )
        },
        base=False,
    )
    assert clashes(claims) == []


def test_supersedes_by_another_source_is_an_error(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: a, text: t, source: moh, topic: leaks, value: 500",
                "id: b, text: t, source: dea, topic: leaks, value: 471, supersedes: [a]",
            )
        },
        base=False,
    )
    [message] = [m for m in coded(claims) if "error" in m]
    assert message.startswith("claims/t.yaml:19:")
    assert "[supersedes-other-source]" in message
    assert "list the two under 'contradictions' instead" in message


def test_supersedes_cycles_and_unknown_claims_are_errors(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: a, text: t, source: moh, topic: leaks, value: 1, supersedes: b",
                "id: b, text: t, source: moh, topic: leaks, value: 2, supersedes: a",
                "id: c, text: t, source: moh, topic: leaks, value: 3, supersedes: zz",
                "id: d, text: t, source: moh, topic: leaks, value: 3, supersedes: d",
            )
        },
        base=False,
    )
    found = coded(claims)
    assert any("[supersedes-cycle]" in m and "a → b → a" in m for m in found)
    assert any(m.startswith("claims/t.yaml:20:") and "[unknown-claim]" in m for m in found)
    assert any(m.startswith("claims/t.yaml:21:") and "supersedes itself" in m for m in found)


def test_a_retracted_claim_leaves_the_conflicts(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: a, text: t, source: moh, topic: leaks, value: 5, retracted: 2022-10-01",
                "id: b, text: t, source: dea, topic: leaks, value: 3",
            )
        },
        base=False,
    )
    assert clashes(claims) == []
    assert "a retracted 2022-10-01" in CliRunner().invoke(cli, ["report"]).stdout


def test_an_entry_naming_a_retracted_claim_is_a_warning(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: a, text: t, source: moh, retracted: 2022-10-01",
                "id: b, text: t, source: dea",
            )
            + "contradictions:\n  - claims: [a, b]\n"
        },
        base=False,
    )
    assert conflicts_of(claims) == []
    assert any("[withdrawn-claim]" in m for m in coded(claims))


@pytest.mark.parametrize(
    ("value", "other", "conflicts", "shown"),
    [
        ("[300, null]", "250", True, "≥ 300"),
        ("[300, null]", "350", False, "≥ 300"),
        ("[null, 50]", "40", False, "≤ 50"),
        ("[null, 50]", "60", True, "≤ 50"),
        ("[300, null]", "[null, 50]", True, "≥ 300"),
        ("[300, null]", "[null, 300]", False, "≥ 300"),
    ],
)
def test_bounds(
    value: str, other: str, conflicts: bool, shown: str, make_corpus: CorpusMaker
) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                f"id: a, text: t, source: moh, topic: leaks, value: {value}",
                f"id: b, text: t, source: dea, topic: leaks, value: {other}",
            )
        },
        base=False,
    )
    found = conflicts_of(claims)
    assert bool(found) is conflicts
    if found:
        assert shown in [s.answer for s in found[0].sides]


def test_a_bound_with_no_number_is_an_error(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml("id: a, text: t, source: moh, topic: leaks, value: [null, null]")
        },
        base=False,
    )
    [message] = errors_of(claims)
    assert message.startswith("claims/t.yaml:18:")
    assert "write [low, null] for 'at least low'" in message


def test_claim_tolerance_overrides_the_topic(make_corpus: CorpusMaker) -> None:
    about = "id: a, text: about 280, source: moh, topic: leaks, value: 280, tolerance: 10%"
    exact = "id: b, text: t, source: dea, topic: leaks, value: 300"
    claims = make_corpus({"t.yaml": TOTALS + claims_yaml(about, exact)}, base=False)
    assert clashes(claims) == []  # 20 apart, 10% of 300 allows 30
    Path("claims/t.yaml").write_text(
        TOTALS + claims_yaml(about.replace("10%", "5%"), exact), encoding="utf-8"
    )
    [conflict] = conflicts_of(claims)
    assert conflict.detail == "differ by 20 (claim tolerance 5% = 15)"


def test_numeric_rows_say_by_how_much_and_which_tolerance(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claims_yaml(
                "id: a, text: t, source: nyt, topic: toll, value: 100",
                "id: b, text: t, source: fars, topic: toll, value: 110",
            )
        }
    )
    [conflict] = conflicts_of(claims)
    assert conflict.detail == "differ by 10 people (topic tolerance 2% = 2.2 people)"
    out = CliRunner().invoke(cli, ["report", "--format", "markdown"]).stdout
    assert "(numeric; differ by 10 people (topic tolerance 2% = 2.2 people))" in out


def test_an_implied_position_is_compatible(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "w.yaml": WHO
            + claims_yaml(
                "id: p, text: t, source: putin, topic: who, position: US and UK",
                "id: q, text: t, source: moscow, topic: who, position: United States",
            )
        },
        base=False,
    )
    assert clashes(claims) == []


def test_a_denial_conflicts_with_every_position_implying_it(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "w.yaml": WHO
            + claims_yaml(
                "id: p, text: t, source: putin, topic: who, position: US and UK",
                "id: c, text: t, source: cia, topic: who, position: United States, stance: denies",
                "id: u, text: t, source: ukmod, topic: who, position: United Kingdom,"
                " stance: denies",
                "id: r, text: t, source: moscow, topic: who, position: Russia",
            )
        },
        base=False,
    )
    assert sorted(clashes(claims)) == [
        ("denial", ["US and UK", "not United Kingdom"]),
        ("denial", ["US and UK", "not United States"]),
        ("position", ["Russia", "US and UK"]),
    ]


def test_implies_naming_an_undeclared_position_is_an_error(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {"w.yaml": WHO.replace("[United States, United Kingdom]", "[United States, Norway]")},
        base=False,
    )
    found = errors_of(claims)
    assert any(m.startswith("claims/w.yaml:11:") and "'implies' names 'Norway'" in m for m in found)


def test_disputes_json_has_the_documented_shape(make_corpus: CorpusMaker) -> None:
    make_corpus(
        {
            "w.yaml": WHO
            + claims_yaml(
                "id: p, text: t, source: putin, topic: who, position: US and UK",
                "id: c, text: t, source: cia, topic: who, position: United States, stance: denies",
                "id: r, text: t, source: moscow, topic: who, position: Russia",
            )
        },
        base=False,
    )
    result = CliRunner().invoke(cli, ["report", "--format", "json", "--group", "topic"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    [dispute] = data["disputes"]
    assert set(dispute) == {"topic", "question", "answers", "conflicts"}
    assert dispute["topic"] == "who"
    assert dispute["answers"] == [
        {"answer": "Russia", "claims": ["r"], "origins": ["moscow"], "implied": {}},
        {"answer": "not United States", "claims": ["c"], "origins": ["cia"], "implied": {}},
        {"answer": "US and UK", "claims": ["p"], "origins": ["putin"], "implied": {}},
    ]
    pairwise = json.loads(CliRunner().invoke(cli, ["report", "--format", "json"]).stdout)
    assert sorted(dispute["conflicts"]) == sorted(c["id"] for c in pairwise["contradictions"])
    assert dispute["conflicts"][0].startswith("D")  # denials come before other clashes


def test_the_table_shows_one_dispute_per_topic(make_corpus: CorpusMaker) -> None:
    rows = [
        f"id: c{n}, text: t, source: {s}, topic: who, position: {p}"
        for n, (s, p) in enumerate(
            [("putin", "US and UK"), ("cia", "Russia"), ("ukmod", "United States")]
        )
    ]
    make_corpus({"w.yaml": WHO + claims_yaml(*rows)}, base=False)
    out = CliRunner().invoke(cli, ["report"]).stdout
    disputes = out.split("Answers by topic:")[0]
    assert disputes.count("(who)") == 1  # one row for the topic
    assert "Competing answers" in disputes
    assert disputes.count(" open (position)") == 2  # its two conflicts underneath
    pairs = CliRunner().invoke(cli, ["report", "--group", "conflict"]).stdout
    assert "Side A" in pairs
    assert pairs.split("Answers by topic:")[0].count("│ position │") == 2


def test_group_topic_is_refused_for_csv(make_corpus: CorpusMaker) -> None:
    make_corpus({"w.yaml": WHO}, base=False)
    result = CliRunner().invoke(cli, ["report", "--format", "csv", "--group", "topic"])
    assert result.exit_code == 2
    assert "--group topic is for table, markdown and json" in result.stderr


def test_part_of_counts_one_origin_at_the_top(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: a, text: t, source: inv, topic: leaks, value: 4",
                "id: b, text: t, source: pros, topic: leaks, value: 4",
                "id: c, text: t, source: dea, topic: leaks, value: 3",
            )
        },
        base=False,
    )
    [conflict] = conflicts_of(claims)
    assert not conflict.same_originator
    out = CliRunner().invoke(cli, ["report", "--format", "json", "--group", "topic"]).stdout
    answers = json.loads(out)["disputes"][0]["answers"]
    assert answers[1] == {"answer": "4", "claims": ["a", "b"], "origins": ["gov"], "implied": {}}


def test_a_source_and_its_parent_disagreeing_is_internal(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: a, text: t, source: inv, topic: leaks, value: 4",
                "id: b, text: t, source: gov, topic: leaks, value: 3",
            )
        },
        base=False,
    )
    [conflict] = conflicts_of(claims)
    assert conflict.same_originator
    assert conflict.self_contradiction == "source"
    out = CliRunner().invoke(cli, ["report", "--format", "markdown"]).stdout
    assert "⚠ German government contradicts itself (German government and German " in out


def test_part_of_cycles_and_unknown_parents_are_errors(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "t.yaml": TOTALS.replace("part_of: gov}", "part_of: inv}").replace(
                "topics:", "  x: {name: X, part_of: y}\ntopics:"
            )
        },
        base=False,
    )
    found = coded(claims)
    assert any("[part-of-cycle]" in m and "inv → pros → inv" in m for m in found)
    assert any("[unknown-source]" in m and "'y'" in m for m in found)


def test_cumulative_must_be_true_or_false(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {"t.yaml": TOTALS.replace("cumulative: true", "cumulative: sometimes")}, base=False
    )
    [message] = errors_of(claims)
    assert message.startswith("claims/t.yaml:13:")
    assert "must be true or false" in message


def test_timeline_shows_as_of_and_revisions(make_corpus: CorpusMaker) -> None:
    make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: c-moh-500, text: t, source: moh, topic: deaths, value: 500,"
                " date: 2023-10-17, as_of: 2023-10-17",
                "id: c-moh-471, text: t, source: moh, topic: deaths, value: 471,"
                " date: 2023-10-18, as_of: 2023-10-18, supersedes: c-moh-500",
            )
        },
        base=False,
    )
    result = CliRunner().invoke(cli, ["timeline", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert [(r["as_of"], r["claim"]) for r in rows] == [
        ("2023-10-17", "c-moh-500"),
        ("2023-10-18", "c-moh-471"),
    ]
    assert "revises c-moh-500" in rows[1]["events"]


def test_choice_claims_meet_only_at_the_same_time(make_corpus: CorpusMaker) -> None:
    """Undated answers meet every claim; dated ones only claims of the same `as_of`, and a
    side lists only the claims that meet the other side."""
    claims = make_corpus(
        {
            "w.yaml": WHO
            + claims_yaml(
                "id: r1, text: t, source: moscow, topic: who, position: Russia, as_of: 2022-10-01",
                "id: r2, text: t, source: moscow, topic: who, position: Russia, as_of: 2022-11-01",
                "id: u1, text: t, source: cia, topic: who, position: United States,"
                " as_of: 2022-10-01",
                "id: k0, text: t, source: ukmod, topic: who, position: United Kingdom",
            )
        },
        base=False,
    )
    found = {
        tuple(s.answer for s in c.sides): [list(s.claims) for s in c.sides]
        for c in conflicts_of(claims)
    }
    assert found == {
        ("Russia", "United Kingdom"): [["r1", "r2"], ["k0"]],
        ("Russia", "United States"): [["r1"], ["u1"]],
        ("United Kingdom", "United States"): [["k0"], ["u1"]],
    }
    Path("claims/w.yaml").write_text(
        WHO
        + claims_yaml(
            "id: r2, text: t, source: moscow, topic: who, position: Russia, as_of: 2022-11-01",
            "id: u1, text: t, source: cia, topic: who, position: United States, as_of: 2022-10-01",
        ),
        encoding="utf-8",
    )
    assert conflicts_of(claims) == []


def test_every_conflict_id_is_unique(make_corpus: CorpusMaker) -> None:
    """A denial of P meets P and every answer implying P: each is its own conflict, with its
    own id."""
    claims = make_corpus(
        {
            "w.yaml": WHO
            + claims_yaml(
                "id: p, text: t, source: putin, topic: who, position: US and UK",
                "id: q, text: t, source: moscow, topic: who, position: United States",
                "id: c, text: t, source: cia, topic: who, position: United States, stance: denies",
            )
        },
        base=False,
    )
    ids = [c.id for c in conflicts_of(claims)]
    assert len(ids) == 2
    assert len(set(ids)) == 2


def test_trial_findings_origins_time_matrix_and_parents(make_corpus: CorpusMaker) -> None:
    """From a journalist's trial: a dispute counts the origins of the claims it lists; sides
    say when each answer holds; the matrix follows implies and counts origins once; a parent
    used only through part_of is not 'unused'."""
    claims = make_corpus(
        {
            "t.yaml": TOTALS
            + claims_yaml(
                "id: d3, text: t, source: dea, topic: leaks, value: 3, as_of: 2022-09-27",
                "id: s4, text: t, source: scg, topic: leaks, value: 4, as_of: 2022-09-29",
                "id: n4, text: t, source: moh, topic: leaks, value: 4",
            ),
            "w.yaml": WHO
            + claims_yaml(
                "id: p, text: t, source: putin, topic: who, position: US and UK",
                "id: c, text: t, source: cia, topic: who, position: United States, stance: denies",
            ),
        },
        base=False,
    )
    assert "unused-source" not in {d.code for d in check(claims).diagnostics if "gov" in str(d)}
    out = CliRunner().invoke(cli, ["report", "--format", "json", "--group", "topic"]).stdout
    leaks = next(d for d in json.loads(out)["disputes"] if d["topic"] == "leaks")
    three = next(a for a in leaks["answers"] if a["answer"] == "3")
    assert three == {"answer": "3", "claims": ["d3"], "origins": ["dea"], "implied": {}}
    table = CliRunner().invoke(cli, ["report", "--width", "250"]).stdout
    assert "d3 (Danish Energy Agency, as of 2022-09-27)" in table
    sources = json.loads(CliRunner().invoke(cli, ["sources", "--format", "json"]).stdout)
    opposed = {row["source"]: row["opposed"] for row in sources["rows"]}
    assert opposed["dea"] == ["moh"]  # never compared with the coast guard's later figure
    assert "dea" not in opposed["scg"]
    matrix = json.loads(CliRunner().invoke(cli, ["matrix", "who", "--format", "json"]).stdout)
    cia = next(row["cells"] for row in matrix["rows"] if row["source"] == "cia")
    putin = next(row["cells"] for row in matrix["rows"] if row["source"] == "putin")
    assert cia["US and UK"] == "against"  # denying the US is evidence against "US and UK"
    assert putin["United States"] == "consistent"  # implied by what he asserts

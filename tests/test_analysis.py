"""Sources, topics (independent corroboration), the competing-hypotheses matrix and the
timeline, against hand-computed expectations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import REPO, CorpusMaker

from tracker.cli import cli

CLAIMS = str(REPO / "claims")


def table(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def rows(*args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = table(*args)["rows"]
    return found


def test_sources_on_the_bundled_corpus() -> None:
    table = {row["source"]: row for row in rows("sources", CLAIMS)}
    assert len(table) == 14
    assert table["fars"] == {
        "source": "fars",
        "name": "Fars News Agency",
        "kind": "agency",
        "part_of": None,
        "reliability": "D",
        "originated": 2,
        "relayed": 0,
        "conflicts": 2,
        "opposed": ["mideast-officials"],
        "upheld": 0,
        "overturned": 0,
    }
    # AFP relays 16 claims and originates 2; its own claim conflicts with Israel's.
    assert (table["afp"]["originated"], table["afp"]["relayed"]) == (2, 16)
    assert table["afp"]["opposed"] == ["israel-government"]
    # The Times reports the arrests itself and relays the officials: it takes no side in any
    # conflict.
    assert (table["nyt"]["originated"], table["nyt"]["relayed"], table["nyt"]["conflicts"]) == (
        1,
        1,
        0,
    )


RELAY_CORPUS = """\
claims:
  # One originator relayed by two outlets: one independent origin, not three.
  - {id: a1, text: t, source: officials, via: [nyt], topic: method, position: explosive device}
  - {id: a2, text: t, source: officials, via: [afp], topic: method, position: explosive device}
  - {id: a3, text: t, source: officials, via: [nyt, afp], topic: method,
     position: explosive device}
  # Two originators: two independent origins, though AFP relays both.
  - {id: b1, text: t, source: fars, via: [afp], topic: method, position: projectile}
  - {id: b2, text: t, source: nyt, via: [afp], topic: method, position: projectile}
contradictions:
  - {claims: [a1, b1], status: resolved, upheld: b1}
"""


def test_relay_chains_do_not_count_as_independent_corroboration(
    make_corpus: CorpusMaker,
) -> None:
    make_corpus({"a.yaml": RELAY_CORPUS})
    method = [r for r in rows("topics") if r["topic"] == "method"]
    assert [
        (r["answer"], r["independent"], r["origins"], r["relays"], r["claims"]) for r in method
    ] == [
        ("explosive device", 1, ["officials"], ["afp", "nyt"], 3),
        ("projectile", 2, ["fars", "nyt"], ["afp"], 2),
    ]
    assert {r["open_conflicts"] for r in method} == {0}  # the only conflict is resolved


def test_verdicts_uphold_and_overturn_sources(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": RELAY_CORPUS})
    table = {row["source"]: row for row in rows("sources")}
    assert (table["fars"]["upheld"], table["fars"]["overturned"]) == (1, 0)
    # The upheld claim's whole side stands: nyt originated b2, on fars's side.
    assert (table["nyt"]["upheld"], table["nyt"]["overturned"]) == (1, 0)
    assert (table["officials"]["upheld"], table["officials"]["overturned"]) == (0, 1)
    assert table["officials"]["opposed"] == ["fars", "nyt"]


def test_matrix_on_the_bundled_corpus() -> None:
    matrix = table("matrix", "haniyeh-killing.method", CLAIMS)
    assert matrix == {
        "topic": "haniyeh-killing.method",
        "question": "How was Ismail Haniyeh killed?",
        "answers": ["aerial strike", "explosive device", "projectile"],
        "rows": [
            {
                "source": "fars",
                "reliability": "D",
                "dates": [],
                "cells": {
                    "aerial strike": "consistent",
                    "explosive device": "denies",
                    "projectile": "asserts",
                },
            },
            {
                "source": "idf-hagari",
                "reliability": "C",
                "dates": ["2024-07-31"],
                "cells": {"aerial strike": "denies", "explosive device": None, "projectile": None},
            },
            {
                "source": "mideast-officials",
                "reliability": "F",
                "dates": ["2024-08-01"],
                "cells": {
                    "aerial strike": "against",
                    "explosive device": "asserts",
                    "projectile": "against",
                },
            },
        ],
        # Apart from the rows: a total is not a source.
        "totals": {"origins_against": {"aerial strike": 2, "explosive device": 1, "projectile": 1}},
    }


def test_matrix_of_a_number_topic(make_corpus: CorpusMaker) -> None:
    make_corpus(
        {
            "a.yaml": """\
        claims:
          - {id: a, text: t, source: nyt, topic: count, value: 10}
          - {id: b, text: t, source: fars, topic: count, value: 14}
          - {id: c, text: t, source: afp, topic: count, value: [30, 40]}
        """
        }
    )
    found = table("matrix", "count")
    matrix = found["rows"]
    assert [row["source"] for row in matrix] == ["afp", "fars", "nyt"]
    assert matrix[1] == {
        "source": "fars",
        "reliability": None,
        "dates": [],
        "cells": {"10": "consistent", "14": "asserts", "30 to 40": "against"},
    }
    assert found["totals"] == {"origins_against": {"10": 1, "14": 1, "30 to 40": 2}}


def test_matrix_of_an_unknown_topic_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["matrix", "no-such-topic", CLAIMS])
    assert result.exit_code == 2
    assert "unknown topic 'no-such-topic'" in result.stderr


def test_timeline_on_the_bundled_corpus() -> None:
    timeline = rows("timeline", CLAIMS, "--topic", "haniyeh-killing.method")
    assert [(r["date"], r["claim"], r["events"]) for r in timeline] == [
        ("2024-07-31", "hagari-no-aerial-attack", ["first: not aerial strike"]),
        ("2024-08-01", "nyt-planted-device", ["first: explosive device"]),
        (None, "fars-denies-bomb", ["first: not explosive device", "opens Dd738a56ead (denial)"]),
        (None, "fars-projectile", ["first: projectile", "opens Pbf456486fe (position)"]),
    ]


def test_timeline_dates_order_and_conflict_opening(make_corpus: CorpusMaker) -> None:
    make_corpus(
        {
            "a.yaml": """\
        claims:
          - {id: late, text: t, source: fars, topic: method, position: projectile,
             date: 2024-08-03}
          - {id: early, text: t, source: nyt, topic: method, position: explosive device,
             date: 2024-08-01}
          - {id: echo, text: t, source: afp, topic: method, position: projectile,
             date: 2024-08-02T10:00:00}
        """
        }
    )
    timeline = rows("timeline")
    assert [(r["date"], r["claim"]) for r in timeline] == [
        ("2024-08-01", "early"),
        ("2024-08-02T10:00:00", "echo"),
        ("2024-08-03", "late"),
    ]
    assert timeline[1]["events"][0] == "first: projectile"
    assert timeline[1]["events"][1].startswith("opens P")
    assert timeline[2]["events"] == []


def test_tables_in_every_format(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": RELAY_CORPUS})
    runner = CliRunner()
    for command in (["sources"], ["topics"], ["matrix", "method"], ["timeline"]):
        for fmt in ("table", "markdown", "csv"):
            wide = ["--width", "250"] if fmt == "table" else []  # words whole, not wrapped
            result = runner.invoke(cli, [*command, "--format", fmt, *wide])
            assert result.exit_code == 0, (command, fmt, result.stderr)
            assert "officials" in result.stdout or "explosive device" in result.stdout
            # Each format lays the table out in its own way: a grid, a pipe table, CSV.
            lines = result.stdout.splitlines()
            if fmt == "table":
                assert any(line.startswith("┌") for line in lines)
            elif fmt == "markdown":
                assert any(line.startswith("|---") for line in lines)
            else:
                assert "," in lines[0]
                assert not any(line.startswith(("|", "┌")) for line in lines)
    csv_out = runner.invoke(cli, ["sources", "--format", "csv"]).stdout
    assert csv_out.splitlines()[0] == (
        "source,name,kind,part of,reliability,originated,relayed,conflicts,opposed,upheld,"
        "overturned"
    )
    assert Path("claims").is_dir()


def test_matrix_answers_spelled_like_its_columns(make_corpus: CorpusMaker) -> None:
    make_corpus(
        {
            "a.yaml": "claims:\n"
            + "".join(
                f"  - {{id: c{n}, text: t, source: {s}, topic: open-method, position: {p}}}\n"
                for n, (s, p) in enumerate(
                    [("nyt", "source"), ("fars", "reliability"), ("afp", "dates")]
                )
            )
        }
    )
    result = CliRunner().invoke(cli, ["matrix", "open-method", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    header = result.stdout.splitlines()[0]
    assert header == (
        "source,reliability,dates,dates (answer),reliability (answer),source (answer)"
    )


def test_matrix_agrees_with_the_report_on_tolerance_and_self_contradiction(
    make_corpus: CorpusMaker,
) -> None:
    """A claim's own tolerance makes 30 (± 5) and 33 agree in the matrix as in the report,
    and a source that asserts and denies one answer is shown doing both."""
    make_corpus(
        {
            "a.yaml": """\
        topics:
          who: {question: Who?, positions: [X, Y]}
        claims:
          - {id: a30, text: t, source: nyt, topic: toll, value: 30, tolerance: 5}
          - {id: b33, text: t, source: fars, topic: toll, value: 33}
          - {id: c50, text: t, source: afp, topic: toll, value: 50}
          - {id: ax, text: t, source: nyt, topic: who, position: X}
          - {id: anx, text: t, source: nyt, topic: who, position: X, stance: denies}
          - {id: by, text: t, source: fars, topic: who, position: Y}
        """
        }
    )
    toll = json.loads(CliRunner().invoke(cli, ["matrix", "toll", "--format", "json"]).stdout)
    cells = {row["source"]: row["cells"] for row in toll["rows"]}
    assert cells["nyt"]["33 people"] == "consistent"
    assert cells["fars"]["30 people (± 5)"] == "consistent"
    assert cells["afp"]["30 people (± 5)"] == "against"
    who = json.loads(CliRunner().invoke(cli, ["matrix", "who", "--format", "json"]).stdout)
    cells = {row["source"]: row["cells"] for row in who["rows"]}
    assert cells["nyt"]["X"] == "asserts and denies"
    assert who["totals"]["origins_against"]["X"] == 2  # its own denial counts against X


def test_matrix_compares_figures_only_where_the_report_does(make_corpus: CorpusMaker) -> None:
    """Figures of different dates are not against each other, except on a running total
    where the later one fell; a rising total is consistent (as the report finds)."""
    make_corpus(
        {
            "a.yaml": """\
        topics:
          deaths: {question: How many died?, kind: number, unit: people, cumulative: true}
          damage: {question: How many houses?, kind: number, unit: houses}
        claims:
          - {id: h28, text: t, source: nyt, topic: deaths, value: 28, as_of: 2025-10-03}
          - {id: c31, text: t, source: fars, topic: deaths, value: 31, as_of: 2025-10-04}
          - {id: r20, text: t, source: afp, topic: deaths, value: 20, as_of: 2025-10-05}
          - {id: d1, text: t, source: nyt, topic: damage, value: 100, as_of: 2025-10-03}
          - {id: d2, text: t, source: fars, topic: damage, value: 300, as_of: 2025-10-04}
        """
        }
    )
    deaths = json.loads(CliRunner().invoke(cli, ["matrix", "deaths", "--format", "json"]).stdout)
    cells = {row["source"]: row["cells"] for row in deaths["rows"]}
    assert cells["fars"]["28 people"] == "consistent"  # it rose
    assert cells["nyt"]["31 people"] == "consistent"
    assert cells["afp"]["28 people"] == "against"  # a later figure below both
    assert cells["fars"]["20 people"] == "against"
    damage = json.loads(CliRunner().invoke(cli, ["matrix", "damage", "--format", "json"]).stdout)
    cells = {row["source"]: row["cells"] for row in damage["rows"]}
    assert cells["nyt"]["300 houses"] == "consistent"  # another day: never compared

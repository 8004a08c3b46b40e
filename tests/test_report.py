"""Report formats, filters and safe output, through the library and the CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import CorpusMaker, installed_tracker

from tracker.cli import cli

HOSTILE = r"""
claims:
  - id: a
    text: "first | second\nnew row | forged `code` <script>alert(1)</script> \e[31mred\e[0m"
    source: nyt
    topic: method
    position: explosive device
  - id: b
    text: "=HYPERLINK(\"http://evil\")"
    source: fars
    topic: method
    position: projectile
  - id: c
    text: Fars denies the device.
    source: fars
    via: afp
    topic: method
    position: explosive device
    stance: denies
  - id: d
    text: Ten died.
    source: officials
    via: [nyt, afp]
    topic: toll
    value: 10
  - id: e
    text: Twenty died.
    source: afp
    topic: toll
    value: [19, 21]
contradictions:
  - claims: [a, c]
    status: resolved
    upheld: a
    note: The device was confirmed.
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_has_exactly_the_documented_shape(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": HOSTILE})
    code, out, _ = invoke("report", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["contradictions", "uncompared"]
    rows = data["contradictions"]
    assert [(r["basis"], r["topic"], r["status"], r["sides"]) for r in rows] == [
        ("position", "method", "open", [["a"], ["b"]]),
        ("denial", "method", "resolved", [["a"], ["c"]]),
        ("numeric", "toll", "open", [["d"], ["e"]]),
    ]
    for row in rows:
        assert set(row) == {
            "id",
            "basis",
            "topic",
            "status",
            "sides",
            "sources",
            "note",
            "upheld",
            "resolution",
            "same_originator",
            "same_document",
            "internal",
            "detail",
        }
    assert rows[1]["sources"] == ["afp", "fars", "nyt"]
    assert rows[2]["sources"] == ["afp", "nyt", "officials"]
    assert rows[1]["note"] == "The device was confirmed."
    assert rows[0]["note"] is None


def test_output_is_deterministic(make_corpus: CorpusMaker) -> None:
    """Two processes with different hash seeds (set iteration order differs between them)
    print the same bytes, in every format and grouping."""
    make_corpus({"a.yaml": HOSTILE})
    for args in (
        ["--format", "table"],
        ["--format", "table", "--group", "conflict"],
        ["--format", "markdown"],
        ["--format", "csv"],
        ["--format", "json"],
        ["--format", "json", "--group", "topic"],
        ["--format", "html"],
    ):
        runs = {
            seed: subprocess.run(
                [installed_tracker(), "--no-cache", "report", *args],
                capture_output=True,
                env={**os.environ, "PYTHONHASHSEED": seed},
                check=True,
            ).stdout
            for seed in ("1", "2")
        }
        assert runs["1"] == runs["2"], args


def test_table_shows_sides_sources_basis_status_and_summary(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": HOSTILE})
    code, out, _ = invoke("report", "--width", "200")
    assert code == 0
    assert "Middle Eastern officials via The New York Times via" in out
    assert "not explosive device" in out
    assert "upheld: a" in out
    assert "19 to 21 people" in out
    assert "3 conflicts: 2 open, 1 resolved, 0 dismissed" in out
    assert "\x1b" not in out  # terminal escapes from claim text are stripped


def test_markdown_cannot_be_broken_by_claim_text(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": HOSTILE})
    code, out, _ = invoke("report", "--format", "markdown", "--group", "conflict")
    assert code == 0
    table = [line for line in out.splitlines() if line.startswith("| ")]
    # header + 3 conflicts: the claim's '|' and newline did not add cells or rows
    assert len(table) == 4
    cells = {line.count(" | ") for line in table}
    assert cells == {5}  # six columns everywhere
    assert "first \\| second<br>new row \\| forged \\`code\\`" in out
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "\x1b" not in out


def test_csv_neutralises_formulas(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": HOSTILE})
    code, out, _ = invoke("report", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6  # one line per claim of each side
    texts = {r["claim"]: r["text"] for r in rows}
    assert texts["b"] == '\'=HYPERLINK("http://evil")'
    assert {r["conflict"] for r in rows} == {
        r["id"] for r in json.loads(invoke("report", "--format", "json")[1])["contradictions"]
    }


def test_filters(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": HOSTILE})

    def bases(*args: str) -> list[str]:
        code, out, _ = invoke("report", "--format", "json", *args)
        assert code == 0
        return [r["basis"] for r in json.loads(out)["contradictions"]]

    assert bases("--status", "resolved") == ["denial"]
    assert bases("--status", "open") == ["position", "numeric"]
    assert bases("--topic", "toll") == ["numeric"]
    assert bases("--source", "officials") == ["numeric"]
    assert bases("--source", "fars", "--status", "open") == ["position"]
    assert bases("--topic", "toll", "--topic", "method") == ["position", "denial", "numeric"]


def test_unknown_filter_values_are_usage_errors(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": HOSTILE})
    code, _, err = invoke("report", "--topic", "metod")
    assert code == 2
    assert "unknown topic 'metod'" in err
    code, _, err = invoke("report", "--status", "closed")
    assert code == 2


def test_fail_on_open(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": HOSTILE})
    assert invoke("report", "--fail-on", "open")[0] == 1
    assert invoke("report", "--fail-on", "open", "--status", "resolved")[0] == 0
    assert invoke("report", "--fail-on", "dismissed")[0] == 0


def test_output_file_replaces_a_regular_file_and_nothing_else(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": HOSTILE})
    target = Path("out.md")
    code, out, err = invoke("report", "--format", "markdown", "--output", str(target))
    assert code == 0
    assert out == "wrote out.md: 3 conflicts: 2 open, 1 resolved, 0 dismissed\n"
    assert target.read_text(encoding="utf-8").startswith("# Contradictions")
    # An existing regular file is replaced, as every Unix tool does (make, scripts).
    target.write_text("last week's report", encoding="utf-8")
    assert invoke("report", "--output", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("3 conflicts")
    assert invoke("report", "--output", str(target), "--force")[0] == 0  # still accepted
    assert [p.name for p in Path().iterdir() if p.name.startswith(".out")] == []
    # What a write would harm is refused: the corpus itself, a link, a FIFO, a folder.
    os.mkfifo("pipe")
    Path("link.md").symlink_to("out.md")
    before = Path("claims/a.yaml").read_bytes()
    for given, why in (
        ("claims/a.yaml", "is a claim file in the claims folder claims"),
        ("claims/new.yaml", "is a claim file in the claims folder claims"),
        ("claims", "is a directory"),
        ("link.md", "is a link"),
        ("pipe", "is not a regular file"),
    ):
        code, _, err = invoke("report", "--output", given, "--force")
        assert (code, why in err) == (2, True), (given, err)
    assert Path("claims/a.yaml").read_bytes() == before
    assert not Path("claims/new.yaml").exists()
    assert Path("link.md").is_symlink()


def test_report_refuses_an_invalid_corpus(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": "claims:\n  - {id: a, text: t, source: nobody}\n"})
    code, out, err = invoke("report")
    assert code == 1
    assert out == ""
    assert "claims/a.yaml:2:30: error: unknown source 'nobody'" in err
    assert "fix the errors above" in err


def test_no_conflicts(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": "claims:\n  - {id: a, text: t, source: nyt}\n"})
    code, out, _ = invoke("report")
    assert code == 0
    assert "0 conflicts: 0 open, 0 resolved, 0 dismissed" in out
    code, out, _ = invoke("report", "--format", "json")
    assert json.loads(out) == {
        "contradictions": [],
        "uncompared": [{"id": "a", "source": "The New York Times", "text": "t"}],
    }


def test_markdown_lists_every_answer_by_topic(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": HOSTILE})
    out = invoke("report", "--format", "markdown")[1]
    answers = out.split("## Answers by topic", 1)[1]
    assert (
        "- **10 people** (1 independent origin): `d` (Middle Eastern officials via The New "
        "York Times via" in answers
    )
    assert (
        "- **not explosive device** (1 independent origin): `c` (Fars News Agency via Agence "
        "France-Presse)" in answers
    )


def test_csv_keeps_numbers_and_survives_line_breaks_in_pandas(make_corpus: CorpusMaker) -> None:
    """Read back with pandas: legitimate values keep their sign, formulas are neutralised,
    and a bare CR inside a cell starts no new row."""
    import pandas as pd

    texts = {
        "a": "-5",
        "b": "-5 °C",
        "c": "+1 option",
        "d": "harmless\\r=cmd|' /C calc'!A0",
        "e": '=HYPERLINK(\\"http://evil\\")',
        "f": "-2+3+cmd|' /C calc'!A0",
    }
    rows = [
        f'  - {{id: {ident}, text: "{text}", source: nyt, topic: open-method, position: p{n}}}'
        for n, (ident, text) in enumerate(texts.items())
    ]
    make_corpus({"a.yaml": "claims:\n" + "\n".join(rows) + "\n"})
    code, out, err = invoke("report", "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    shown = dict(zip(frame["claim"], frame["text"], strict=False))
    assert set(shown) == set(texts)
    assert shown["a"] == "-5"
    assert shown["b"] == "-5 °C"
    assert shown["c"] == "+1 option"
    assert shown["d"] == "harmless\n=cmd|' /C calc'!A0"
    assert shown["e"] == '\'=HYPERLINK("http://evil")'
    assert shown["f"] == "'-2+3+cmd|' /C calc'!A0"
    # No cell broke its row: every row names a conflict by its id.
    assert all(ident[:1] in "PDNX" and len(ident) == 11 for ident in frame["conflict"])


def test_long_sides_are_capped_with_a_count(make_corpus: CorpusMaker) -> None:
    """Twelve claims on one side: the table and markdown summaries show eight and say how many
    more; JSON lists them all."""
    rows = [
        f"  - {{id: c{n:02d}, text: t, source: nyt, topic: open-method, position: bomb}}"
        for n in range(12)
    ]
    rows.append("  - {id: z, text: t, source: fars, topic: open-method, position: missile}")
    make_corpus({"a.yaml": "claims:\n" + "\n".join(rows) + "\n"})
    for args in (["--group", "conflict"], ["--group", "topic"], ["--format", "markdown"]):
        # The summaries are capped; markdown's per-conflict details below list every claim.
        out = invoke("report", *args)[1].split("Answers by topic")[0].split("## Conflicts")[0]
        assert "… and 4 more" in out, args
        assert "c07" in out
        assert "c08" not in out
    data = json.loads(invoke("report", "--format", "json")[1])
    assert len(data["contradictions"][0]["sides"][0]) == 12


def test_every_format_carries_the_verdict(make_corpus: CorpusMaker) -> None:
    """Status, upheld claim, note and resolution reach every format."""
    make_corpus(
        {
            "a.yaml": """\
            claims:
              - {id: a, text: t, source: nyt, topic: method, position: explosive device}
              - {id: b, text: t, source: fars, topic: method, position: projectile}
            contradictions:
              - claims: [a, b]
                status: resolved
                upheld: a
                note: Checked with the guesthouse staff.
                resolution: Forensic report of 5 August.
            """
        }
    )
    for args in (
        ["--format", "table"],
        ["--format", "table", "--group", "conflict"],
        ["--format", "markdown"],
        ["--format", "markdown", "--group", "conflict"],
        ["--format", "html"],
    ):
        out = invoke("report", *args)[1]
        for part in ("resolved", "upheld", "Forensic", "guesthouse"):  # cells wrap: one word
            assert part in out, (args, part)
    [row] = json.loads(invoke("report", "--format", "json")[1])["contradictions"]
    assert (row["status"], row["upheld"], row["resolution"]) == (
        "resolved",
        "a",
        "Forensic report of 5 August.",
    )
    rows = list(csv.DictReader(io.StringIO(invoke("report", "--format", "csv")[1])))
    assert {r["resolution"] for r in rows} == {"Forensic report of 5 August."}
    assert {r["upheld"] for r in rows} == {"a"}


def disputed_topics(count: int) -> str:
    """A claim file of ``count`` topics, each disputed by NYT (yes-N) and Fars (no-N)."""
    topics = "topics:\n" + "".join(f"  t{n}: {{question: Question {n}?}}\n" for n in range(count))
    claims = "claims:\n" + "".join(
        f"  - {{id: a{n}, text: t, source: nyt, topic: t{n}, position: yes-{n}}}\n"
        f"  - {{id: b{n}, text: t, source: fars, topic: t{n}, position: no-{n}}}\n"
        for n in range(count)
    )
    return "sources:\n  nyt: {name: NYT}\n  fars: {name: Fars}\n" + topics + claims


def test_limit_keeps_a_large_report_readable(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": disputed_topics(5)}, base=False)
    out = invoke("report", "--limit", "2", "--width", "200")[1]
    assert out.startswith("5 conflicts: 5 open")
    assert out.count("Question ") == 4  # two disputes, and two topics in the answers table
    assert "… and 3 more disputes (--limit 0 shows all; --format json or csv lists" in out
    assert "… and 3 more topics (--limit 0 shows all)" in out
    markdown = invoke("report", "--format", "markdown", "--limit", "2")[1]
    assert markdown.count("### Question") == 4  # two disputes, two topics answered
    assert "… and 3 more disputes" in markdown
    everything = invoke("report", "--limit", "0", "--width", "200")[1]
    assert "more disputes" not in everything
    assert len(json.loads(invoke("report", "--format", "json")[1])["contradictions"]) == 5


def test_a_limited_report_joins_only_what_it_shows(
    make_corpus: CorpusMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100,000 claims grouping every topic's answers and joining every conflict with its
    claims took two seconds of a report that shows a hundred of each: the table must not
    pay for what it leaves out."""
    from tracker.analysis import report

    make_corpus({"a.yaml": disputed_topics(6)}, base=False)
    viewed: list[str] = []
    view = report.claim_view

    def counted(sources: Any, claim: Any) -> Any:
        viewed.append(claim.id)
        return view(sources, claim)

    monkeypatch.setattr(report, "claim_view", counted)
    limited = invoke("report", "--limit", "2", "--width", "200")[1]
    assert "… and 4 more disputes" in limited
    assert "b1 (Fars)" in limited
    assert sorted(viewed) == ["a0", "a1", "b0", "b1"]  # the two disputes and topics shown
    viewed.clear()
    every = json.loads(invoke("report", "--format", "json", "--group", "topic")[1])
    assert len(every["disputes"]) == 6
    assert sorted(viewed) == sorted(f"{x}{n}" for x in "ab" for n in range(6))


def test_items_made_on_demand_behave_as_a_list() -> None:
    from tracker.analysis.lazy import LazySequence

    made: list[int] = []

    def square(n: int) -> int:
        made.append(n)
        return n * n

    items = LazySequence([1, 2, 3, 4], square)
    assert len(items) == 4
    assert made == []
    assert (items[0], items[-1], items[1:3]) == (1, 16, [4, 9])
    assert items == [1, 4, 9, 16]
    assert sorted(made) == [1, 2, 3, 4]  # each made once, however often asked for
    with pytest.raises(IndexError):
        items[4]

"""Answers that exclude across topics: an implication from one topic's position to another
topic's answer, and a claim that answers two topics. Each finds conflicts a topic alone cannot,
shows the answer as implied or further, and is checked, cached, diffed and exported like any
answer. Through the installed `tracker` where a user would run it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import textwrap
from pathlib import Path

from click.testing import CliRunner
from conftest import CorpusMaker, new_repository, run_tracker

from tracker.cli import cli

DAM = """\
sources:
  hydro: {name: Independent hydrologists, kind: organization}
  ua-gov: {name: Government of Ukraine, kind: government}
  ru-gov: {name: Government of Russia, kind: government}
topics:
  dam.breach:
    question: What breached the dam?
    positions: [structural failure, explosion]
  dam.culprit:
    question: Who destroyed the dam?
    positions: [Russian forces, Ukrainian forces]
  dam.deaths:
    question: How many people died in the flood?
    kind: number
    unit: people
claims:
  - id: hydrologists-structural-failure
    text: The dam failed structurally after years of neglect.
    source: hydro
    topic: dam.breach
    position: structural failure
  - id: ua-russian-forces
    text: Russian forces blew up the dam from inside; 52 people drowned.
    source: ua-gov
    topic: dam.culprit
    position: Russian forces
    answers:
      - {topic: dam.deaths, value: 52}
  - id: ru-toll
    text: Russia says 59 died on the left bank.
    source: ru-gov
    topic: dam.deaths
    value: 59
"""
IMPLIES = """\
    implies:
      structural failure:
        - {topic: dam.culprit, denies: Russian forces}
        - {topic: dam.culprit, denies: Ukrainian forces}
"""


def _with_implication(text: str = DAM) -> str:
    anchor = "    positions: [structural failure, explosion]\n"
    return text.replace(anchor, anchor + IMPLIES)


def _report(folder: Path, *args: str) -> dict[str, object]:
    """`tracker report --format json` in this process (the installed `tracker` runs in the
    first test and in the cache's)."""
    os.chdir(folder)
    result = CliRunner().invoke(cli, ["--no-cache", "report", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    found: dict[str, object] = json.loads(result.stdout)
    return found


def _sides(data: dict[str, object]) -> list[tuple[str, str | None, list[list[str]]]]:
    rows = data["contradictions"]
    assert isinstance(rows, list)
    return [(row["basis"], row["topic"], row["sides"]) for row in rows]


def test_an_implied_denial_meets_an_assertion_on_the_other_topic(
    make_corpus: CorpusMaker,
) -> None:
    claims = make_corpus({"dam.yaml": DAM}, base=False)
    before = _sides(_report(claims.parent))
    assert (
        "denial",
        "dam.culprit",
        [["ua-russian-forces"], ["hydrologists-structural-failure"]],
    ) not in before
    (claims / "dam.yaml").write_text(_with_implication(), encoding="utf-8")
    after = _sides(_report(claims.parent))
    assert (
        "denial",
        "dam.culprit",
        [["ua-russian-forces"], ["hydrologists-structural-failure"]],
    ) in after
    # The reader learns the answer is implied, and from which question.
    markdown = run_tracker("--no-cache", "report", "--format", "markdown", cwd=claims.parent)
    assert (
        "`hydrologists-structural-failure` — The dam failed structurally after years of "
        "neglect. (Independent hydrologists, by implication from “What breached the dam?”)"
    ) in markdown.stdout
    table = run_tracker("--no-cache", "report", "--width", "200", cwd=claims.parent).stdout
    assert "by implication from “What breached the dam?”" in table
    disputes = _report(claims.parent, "--group", "topic")["disputes"]
    assert isinstance(disputes, list)
    culprit = next(d for d in disputes if d["topic"] == "dam.culprit")
    answers = {a["answer"]: a for a in culprit["answers"]}
    assert answers["not Russian forces"]["implied"] == {
        "hydrologists-structural-failure": "dam.breach"
    }
    assert answers["Russian forces"]["implied"] == {}
    # The denial of Ukrainian forces clashes with nothing: the dispute does not list it.
    assert "not Ukrainian forces" not in answers


def test_implications_chain_through_positions_and_topics(make_corpus: CorpusMaker) -> None:
    story = """\
    sources:
      a: {name: A}
      b: {name: B}
    topics:
      cause:
        question: What caused it?
        positions: [rust, decay, blast]
        implies:
          rust: [decay]
          decay: [{topic: intent, position: accident}]
      intent:
        question: Was it deliberate?
        positions: [accident, attack]
        implies:
          accident: [{topic: actor, denies: navy}]
      actor:
        question: Who did it?
        positions: [navy, army]
    claims:
      - {id: rusted, text: It rusted through., source: a, topic: cause, position: rust}
      - {id: navy-did-it, text: The navy did it., source: b, topic: actor, position: navy}
      - {id: an-attack, text: It was an attack., source: b, topic: intent, position: attack}
    """
    claims = make_corpus({"story.yaml": story}, base=False)
    found = _sides(_report(claims.parent))
    # rust includes decay, decay implies accident (which meets "attack"), and accident
    # implies a denial of the navy (which meets "navy").
    assert ("position", "intent", [["rusted"], ["an-attack"]]) in found
    assert ("denial", "actor", [["navy-did-it"], ["rusted"]]) in found
    assert len(found) == 2


def test_a_claims_own_answer_wins_over_an_implied_one(make_corpus: CorpusMaker) -> None:
    own = _with_implication().replace(
        "    position: structural failure\n",
        "    position: structural failure\n"
        "    answers:\n      - {topic: dam.culprit, position: Russian forces}\n",
    )
    claims = make_corpus({"dam.yaml": own}, base=False)
    found = _sides(_report(claims.parent))
    # It says Russian forces itself: no conflict with its own implied denial, nor with the
    # Ukrainian claim that agrees with it.
    assert not [s for s in found if s[1] == "dam.culprit"]


def test_a_further_answer_is_compared_and_judged_like_a_main_one(
    make_corpus: CorpusMaker,
) -> None:
    claims = make_corpus({"dam.yaml": DAM}, base=False)
    found = _sides(_report(claims.parent))
    assert ("numeric", "dam.deaths", [["ua-russian-forces"], ["ru-toll"]]) in found
    disputes = _report(claims.parent, "--group", "topic")["disputes"]
    assert isinstance(disputes, list)
    deaths = next(d for d in disputes if d["topic"] == "dam.deaths")
    assert [a["answer"] for a in deaths["answers"]] == ["52 people", "59 people"]
    # A verdict on that conflict names the two claims, as for any derived conflict.
    judged = (
        DAM + "contradictions:\n  - {claims: [ua-russian-forces, ru-toll], status: dismissed}\n"
    )
    (claims / "dam.yaml").write_text(judged, encoding="utf-8")
    rows = _report(claims.parent)["contradictions"]
    assert isinstance(rows, list)
    assert [(r["basis"], r["status"]) for r in rows] == [("numeric", "dismissed")]


def test_a_claim_with_only_further_answers_is_compared(make_corpus: CorpusMaker) -> None:
    only = DAM.replace(
        "    topic: dam.culprit\n    position: Russian forces\n    answers:\n",
        "    answers:\n      - {topic: dam.culprit, position: Russian forces}\n",
    )
    claims = make_corpus({"dam.yaml": only}, base=False)
    data = _report(claims.parent)
    assert data["uncompared"] == []
    assert ("numeric", "dam.deaths", [["ua-russian-forces"], ["ru-toll"]]) in _sides(data)


def test_the_cache_sees_an_implication_added_in_another_file(make_corpus: CorpusMaker) -> None:
    """The conflicts of dam.culprit depend on dam.breach's record, which lives in another
    file than any claim on dam.culprit: a kept result must not outlive it."""
    topics, rest = DAM.split("claims:\n")
    claims = make_corpus({"topics.yaml": topics, "claims.yaml": "claims:\n" + rest}, base=False)
    folder = claims.parent

    def culprit_conflicts() -> int:
        result = run_tracker("report", "--format", "json", cwd=folder)
        assert result.returncode == 0, result.stderr
        return sum(
            1 for r in json.loads(result.stdout)["contradictions"] if r["topic"] == "dam.culprit"
        )

    assert culprit_conflicts() == 0
    assert culprit_conflicts() == 0  # now from the cache
    (claims / "topics.yaml").write_text(_with_implication(topics), encoding="utf-8")
    assert culprit_conflicts() == 1
    # The same claim now implies the answer the other side gives: same claims on the
    # topic, another answer, no conflict.
    agreeing = _with_implication(topics).replace(
        "        - {topic: dam.culprit, denies: Russian forces}\n"
        "        - {topic: dam.culprit, denies: Ukrainian forces}\n",
        "        - {topic: dam.culprit, position: Russian forces}\n"
        "        - {topic: dam.culprit, denies: Ukrainian forces}\n",
    )
    (claims / "topics.yaml").write_text(agreeing, encoding="utf-8")
    assert culprit_conflicts() == 0
    (claims / "topics.yaml").write_text(topics, encoding="utf-8")
    assert culprit_conflicts() == 0


def test_diff_shows_the_conflict_a_new_implication_adds(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    git = new_repository(root)
    (root / "claims").mkdir()
    (root / "claims" / "dam.yaml").write_text(DAM, encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "before")
    (root / "claims" / "dam.yaml").write_text(_with_implication(), encoding="utf-8")
    result = run_tracker("diff", "main", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    added = json.loads(result.stdout)["added"]
    assert [(c["basis"], c["topic"]) for c in added] == [("denial", "dam.culprit")]


def test_further_answers_survive_a_sheet_and_reach_the_database(
    make_corpus: CorpusMaker, tmp_path: Path
) -> None:
    claims = make_corpus({"dam.yaml": DAM}, base=False)
    runner = CliRunner()
    sheet = runner.invoke(cli, ["--no-cache", "export", "csv", str(claims)])
    assert sheet.exit_code == 0, sheet.output
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(sheet.stdout))}
    assert rows["ua-russian-forces"]["answers"] == "dam.deaths = 52"
    # Back in: the imported file gives the same further answer.
    (tmp_path / "sheet.csv").write_text(
        sheet.stdout.replace("dam.deaths = 52", "dam.deaths = 52; dam.breach != explosion"),
        encoding="utf-8",
    )
    fresh = tmp_path / "fresh" / "claims"
    fresh.mkdir(parents=True)
    topics = DAM.split("claims:\n")[0]
    (fresh / "topics.yaml").write_text(topics, encoding="utf-8")
    imported = runner.invoke(
        cli,
        [
            "--no-cache",
            "import",
            "csv",
            str(tmp_path / "sheet.csv"),
            str(fresh),
            "-o",
            str(fresh / "c.yaml"),
        ],
    )
    assert imported.exit_code == 0, imported.output
    text = (fresh / "c.yaml").read_text(encoding="utf-8")
    assert (
        "    answers:\n      - {topic: dam.deaths, value: 52}\n"
        "      - {topic: dam.breach, position: explosion, stance: denies}\n"
    ) in text
    database = tmp_path / "dam.db"
    exported = runner.invoke(cli, ["--no-cache", "export", "sqlite", str(database), str(claims)])
    assert exported.exit_code == 0, exported.output
    with sqlite3.connect(database) as connection:
        found = connection.execute(
            "select claim, number, topic, value, value_low from answers"
        ).fetchall()
    assert found == [("ua-russian-forces", 1, "dam.deaths", "52", 52.0)]


def test_a_bad_answers_cell_is_refused_at_its_cell(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,text,source,answers\na,t,s,dam.deaths 52\n", encoding="utf-8")
    (tmp_path / "claims").mkdir()
    result = run_tracker(
        "import", "csv", str(sheet), "-o", str(tmp_path / "claims" / "a.yaml"), cwd=tmp_path
    )
    assert result.returncode == 1, result.stdout
    assert f"{sheet}:2:4:" in result.stdout
    assert "`topic = answer`" in result.stdout
    assert not (tmp_path / "claims" / "a.yaml").exists()


def test_sheet_rows_after_an_answers_cell_keep_their_place_and_odd_positions_survive(
    tmp_path: Path,
) -> None:
    """A further answer spans lines of the claim file the import writes: the rows after it
    are still named by their own row. Positions that read as numbers or hold ';' go out in
    double quotes and come back as the same positions."""
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "topics.yaml").write_text(
        "sources:\n  s: {name: S}\ntopics:\n  t: {question: T?, positions: [a]}\n"
        "  yr: {question: Which year?, positions: ['1956', '1958']}\n"
        "  u: {question: U?, positions: ['p; q', r]}\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        'id,text,source,topic,answers\nd1,h1,s,,"yr = ""1956""; u != ""p; q"""\nd2,h2,s,t,\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    claims = str(tmp_path / "claims")
    result = runner.invoke(cli, ["--no-cache", "import", "csv", str(sheet), claims])
    assert result.exit_code == 1
    assert f"{sheet}:3:1: error: claim 'd2' is on choice topic 't'" in result.stdout
    sheet.write_text(
        'id,text,source,topic,answers\nd1,h1,s,,"yr = ""1956""; u != ""p; q"""\n',
        encoding="utf-8",
    )
    written = tmp_path / "claims" / "d.yaml"
    result = runner.invoke(
        cli, ["--no-cache", "import", "csv", str(sheet), claims, "-o", str(written)]
    )
    assert result.exit_code == 0, result.output
    exported = runner.invoke(cli, ["--no-cache", "export", "csv", claims])
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(exported.stdout))}
    assert rows["d1"]["answers"] == 'yr = "1956"; u != "p; q"'


def test_matrix_and_timeline_mark_an_answer_given_by_implication(
    make_corpus: CorpusMaker,
) -> None:
    claims = make_corpus({"dam.yaml": _with_implication()}, base=False)
    os.chdir(claims.parent)
    runner = CliRunner()
    matrix = runner.invoke(cli, ["--no-cache", "matrix", "dam.culprit", "--format", "json"])
    assert matrix.exit_code == 0, matrix.output
    found = json.loads(matrix.stdout)
    rows = {row["source"]: row["cells"] for row in found["rows"]}
    assert rows["hydro"]["Russian forces"] == "denies (implied)"
    assert rows["ua-gov"]["Russian forces"] == "asserts"
    # An implied denial is evidence against the answer like any denial.
    assert found["totals"]["origins_against"]["Russian forces"] == 1
    timeline = runner.invoke(
        cli, ["--no-cache", "timeline", "--topic", "dam.culprit", "--format", "json"]
    )
    answers = {row["claim"]: row["answer"] for row in json.loads(timeline.stdout)["rows"]}
    assert answers["hydrologists-structural-failure"] in (
        "not Russian forces (implied by dam.breach)",
        "not Ukrainian forces (implied by dam.breach)",
    )
    assert answers["ua-russian-forces"] == "Russian forces"
    topics = runner.invoke(cli, ["--no-cache", "topics", "--format", "json"])
    shown = {
        row["answer"] for row in json.loads(topics.stdout)["rows"] if row["topic"] == "dam.culprit"
    }
    assert shown == {
        "Russian forces",
        "not Russian forces (implied)",
        "not Ukrainian forces (implied)",
    }


def test_a_claim_told_when_its_own_answer_disagrees_with_an_implied_one(
    make_corpus: CorpusMaker,
) -> None:
    """Denying what an implication asserts, asserting what excludes it, or asserting what
    includes a denied answer warns; a compatible or included answer does not."""
    topics = """\
        topics:
          how:
            question: How?
            positions: [bomb, missile]
            implies:
              bomb: [{topic: who, position: insiders}]
              missile: [{topic: who, denies: army}]
          who:
            question: Who?
            positions: [insiders, outsiders, army, army unit]
            implies: {army unit: [army]}
            compatible: [[insiders, army]]
        claims:
        """
    cases = {
        "denies-it": ("bomb", "{topic: who, position: insiders, stance: denies}", True),
        "excludes-it": ("bomb", "{topic: who, position: outsiders}", True),
        "compatible": ("bomb", "{topic: who, position: army}", False),
        "the-same": ("bomb", "{topic: who, position: insiders}", False),
        "includes-denied": ("missile", "{topic: who, position: army unit}", True),
        "other-than-denied": ("missile", "{topic: who, position: outsiders}", False),
    }
    claims = "".join(
        f"  - {{id: {name}, text: t, source: nyt, topic: how, position: {position}, "
        f"answers: [{answer}]}}\n"
        for name, (position, answer, _) in cases.items()
    )
    make_corpus({"a.yaml": textwrap.dedent(topics) + claims})
    result = CliRunner().invoke(cli, ["validate", "--select", "implied-answer-differs"])
    warned = set(re.findall(r"claim '([a-z-]+)' answers topic 'who'", result.output))
    assert warned == {name for name, (_, _, warns) in cases.items() if warns}, result.output

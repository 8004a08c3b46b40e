"""Claims nobody compared: a claim with no topic that no contradictions entry names takes part
in no rule, so every report lists it under "Not compared" and the summary counts it; a team
can require every claim compared with the off-by-default uncompared-claim warning. Through
the installed `tracker`, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, CorpusMaker, run_tracker

STORY = """\
claims:
  - {id: device, text: t, source: nyt, topic: method, position: explosive device}
  - {id: projectile, text: t, source: fars, topic: method, position: projectile}
  - {id: mined, text: Russia has mined the dam., source: fars}
  - {id: not-mined, text: The dam is not mined., source: afp, via: [nyt]}
  - {id: named, text: t, source: afp}
  - {id: other, text: t, source: nyt}
contradictions:
  - {claims: [named, other], note: written by hand}
"""


def test_every_report_format_lists_the_claims_nobody_compared(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": STORY})
    folder = claims.parent
    table = run_tracker("report", cwd=folder)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].endswith("; 2 of 6 claims not compared")
    assert "Not compared: 2 of 6 claims (no topic, in no contradictions entry):" in table.stdout
    section = table.stdout.split("Not compared:")[1]
    assert "mined" in section
    assert "not-mined" in section
    assert "Russia has mined the dam." in section
    assert "Agence France-Presse via The" in section
    assert "named" not in section.replace("not-mined", "")  # named by an entry: compared
    markdown = run_tracker("report", "--format", "markdown", cwd=folder).stdout
    assert "## Not compared\n\n2 of 6 claims: no topic" in markdown
    assert "- `mined` (Fars News Agency): Russia has mined the dam." in markdown
    for group in ("conflict", "topic"):
        data = json.loads(
            run_tracker("report", "--format", "json", "--group", group, cwd=folder).stdout
        )
        assert [c["id"] for c in data["uncompared"]] == ["mined", "not-mined"]
        assert data["uncompared"][1] == {
            "id": "not-mined",
            "source": "Agence France-Presse via The New York Times",
            "text": "The dam is not mined.",
        }
    page = run_tracker("report", "--format", "html", "-o", "-", cwd=folder).stdout
    assert '<h2 id="h-not-compared">Not compared</h2>' in page
    assert "<code>not-mined</code>" in page


def test_filters_apply_to_the_list(make_corpus: CorpusMaker) -> None:
    folder = make_corpus({"a.yaml": STORY}).parent
    by_topic = json.loads(
        run_tracker("report", "--format", "json", "--topic", "method", cwd=folder).stdout
    )
    assert by_topic["uncompared"] == []  # a claim with no topic is on no topic named
    by_source = json.loads(
        run_tracker("report", "--format", "json", "--source", "nyt", cwd=folder).stdout
    )
    assert [c["id"] for c in by_source["uncompared"]] == ["not-mined"]  # nyt relays it


def test_a_team_can_require_every_claim_compared(make_corpus: CorpusMaker) -> None:
    folder = make_corpus({"a.yaml": STORY}).parent
    default = run_tracker("validate", "--strict", cwd=folder)
    assert "uncompared-claim" not in default.stdout  # off unless selected
    selected = run_tracker("validate", "--select", "uncompared-claim", "--strict", cwd=folder)
    assert selected.returncode == 1
    assert (
        "claims/a.yaml:4:10: warning: claim 'mined' is compared with nothing: it has no topic "
        "and no contradictions entry names it" in selected.stdout
    )
    assert selected.stdout.count("[uncompared-claim]") == 2
    Path(folder / ".tracker.yaml").write_text("select: [uncompared-claim]\n", encoding="utf-8")
    settings = run_tracker("validate", cwd=folder)
    assert settings.stdout.count("[uncompared-claim]") == 2
    Path(folder / ".tracker.yaml").write_text(
        "select: [uncompared-claim]\nignore: [uncompared-claim]\n", encoding="utf-8"
    )
    assert "[uncompared-claim]" not in run_tracker("validate", cwd=folder).stdout


def test_the_bundled_report_shows_its_reactions_as_not_compared() -> None:
    committed = (REPO / "reports" / "contradictions.md").read_text(encoding="utf-8")
    assert "3 of 18 claims not compared" in committed
    assert "`khamenei-harsh-punishment`" in committed.split("## Not compared")[1]


SMALL_FIXES = """\
claims:
  - {id: said-a, text: The dam was mined in May., source: fars}
  - {id: said-b, text: Nobody mined the dam., source: afp}
  - {id: one, text: t, source: nyt, topic: count, value: 10}
  - {id: two, text: t, source: fars, topic: count, value: 16}
  - {id: toll-a, text: t, source: nyt, topic: toll, value: 100}
  - {id: toll-b, text: t, source: afp, topic: toll, value: 103}
  - {id: device, text: t, source: nyt, topic: method, position: explosive device}
  - {id: strike, text: t, source: officials, topic: method, position: aerial strike}
  - {id: missile, text: t, source: afp, topic: method, position: projectile}
contradictions:
  - {claims: [said-a, said-b]}
  - {claims: [strike, missile], note: compatible answers but contradicted by hand}
  - {claims: [device, strike], status: dismissed, resolution: two different nights}
"""


def test_hand_written_sides_units_and_dismissed_opposition(make_corpus: CorpusMaker) -> None:
    """A contradiction written by hand between claims on no topic shows what each side says
    (never a bare "vs"); a gap of one person is "1 person"; a dismissed conflict does not
    make its sources opponents in the sources table."""
    folder = make_corpus({"a.yaml": SMALL_FIXES}).parent
    markdown = run_tracker("report", "--format", "markdown", cwd=folder).stdout
    # the sides in the order the entry names them: [strike, missile]
    assert "open: **aerial strike** vs **projectile** (explicit)" in markdown
    assert "**** vs ****" not in markdown
    assert "The dam was mined in May. `said-a`" in markdown  # no answer: its words
    grid = run_tracker("report", "--width", "200", cwd=folder).stdout
    assert "aerial strike vs projectile" in grid

    def details() -> list[str]:
        data = json.loads(run_tracker("report", "--format", "json", cwd=folder).stdout)
        return [c["detail"] for c in data["contradictions"] if c["detail"]]

    assert "differ by 3 people (topic tolerance 2% = 2.06 people)" in details()
    (folder / "claims" / "a.yaml").write_text(
        SMALL_FIXES.replace("value: 103", "value: 101"), encoding="utf-8"
    )
    (folder / "claims" / "base.yaml").write_text(
        (folder / "claims" / "base.yaml")
        .read_text("utf-8")
        .replace("tolerance: 2%", "tolerance: 0"),
        encoding="utf-8",
    )
    assert "differ by 1 person (no tolerance)" in details()
    sources = json.loads(run_tracker("sources", "--format", "json", cwd=folder).stdout)
    opposed = {row["source"]: row["opposed"] for row in sources["rows"]}
    assert "officials" not in opposed["nyt"]  # their conflict was dismissed
    assert "afp" in opposed["nyt"]  # the toll conflict stands

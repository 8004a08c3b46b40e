"""The bundled corpus: the Haniyeh story's claims, valid and reporting what the article holds."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import REPO

from tracker.analysis.pipeline import analyse_corpus
from tracker.analysis.report import build_report
from tracker.cli import cli
from tracker.render import render_report

CLAIMS = REPO / "claims"


def test_seed_article_is_in_the_repository() -> None:
    article = REPO / "seeds" / "haniyeh-tehran-2024-08-02.txt"
    assert "explosive device planted weeks ago" in article.read_text(encoding="utf-8")


def test_bundled_corpus_is_valid_without_warnings() -> None:
    checked = analyse_corpus(CLAIMS)
    assert checked.diagnostics == []


def test_every_claim_quotes_the_article_and_every_source_is_graded() -> None:
    corpus = analyse_corpus(CLAIMS).corpus
    for claim in corpus.claims.values():
        assert {e.document for e in claim.evidence} == {"seeds/haniyeh-tehran-2024-08-02.txt"}
        assert all(e.quote for e in claim.evidence)
    graded = {s.id for s in corpus.sources.values() if s.reliability}
    # The only ungraded source is the group the article names as accusers.
    assert set(corpus.sources) - graded == {"hamas-iran-and-others"}


def test_planted_device_is_relayed_by_the_times() -> None:
    claim = analyse_corpus(CLAIMS).corpus.claims["nyt-planted-device"]
    assert (claim.source, claim.via) == ("mideast-officials", ("nyt", "afp"))


def _conflicts() -> dict[tuple[str, tuple[tuple[str, ...], ...]], dict[str, object]]:
    result = CliRunner().invoke(cli, ["report", str(CLAIMS), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return {
        (row["basis"], tuple(tuple(side) for side in row["sides"])): row
        for row in json.loads(result.stdout)["contradictions"]
    }


def test_report_shows_the_article_contradictions() -> None:
    conflicts = _conflicts()
    assert set(conflicts) == {
        ("position", (("nyt-planted-device",), ("fars-projectile",))),
        ("denial", (("nyt-planted-device",), ("fars-denies-bomb",))),
        ("explicit", (("israel-says-response",), ("israel-no-comment",))),
    }
    explicit = conflicts[("explicit", (("israel-says-response",), ("israel-no-comment",)))]
    assert explicit["sources"] == ["afp", "israel-government"]
    assert "not commented" in str(explicit["note"])


def test_casualty_and_damage_figures_are_number_claims() -> None:
    corpus = analyse_corpus(CLAIMS).corpus
    numbers = {c.topic: c.value.text for c in corpus.claims.values() if c.value and c.topic}
    assert numbers == {
        "haniyeh-killing.deaths": "2",
        "oct7.deaths": "1197",
        "oct7.hostages-seized": "251",
        "oct7.hostages-dead": "39",
        "gaza.deaths": "≥ 39480",
        "gaza.damaged-structures": "151265",
        "iran.arrests": "≥ 25",
        "golan.children-killed": "12",
    }
    assert all(corpus.topics[t].kind == "number" for t in numbers)


def test_committed_report_is_up_to_date() -> None:
    checked = analyse_corpus(CLAIMS)
    assert checked.graph is not None
    expected = render_report(build_report(checked.graph, checked.conflicts), "markdown")
    committed = (REPO / "reports" / "contradictions.md").read_text(encoding="utf-8")
    assert committed == expected, "run `make report` to regenerate reports/contradictions.md"


def test_the_article_contradicting_itself_is_marked_and_reporting_is_not() -> None:
    """The article says Israel has not commented and quotes Israel on the killing: the
    document contradicts itself. It also relays the Times and Fars disagreeing: reporting."""
    checked = analyse_corpus(CLAIMS)
    by_claims = {frozenset(c.claim_ids): c for c in checked.conflicts}
    israel = by_claims[frozenset({"israel-no-comment", "israel-says-response"})]
    assert israel.same_document
    assert not israel.same_originator
    assert israel.self_contradiction == "document"
    method = by_claims[frozenset({"nyt-planted-device", "fars-projectile"})]
    assert method.same_document  # both quote the one article ...
    assert method.self_contradiction is None  # ... which relays both sides without taking one


def test_bundled_corpus_uses_the_additions_where_the_article_supports_them() -> None:
    corpus = analyse_corpus(CLAIMS).corpus
    assert str(corpus.claims["gaza-ministry-deaths"].value) == "≥ 39480"
    assert str(corpus.claims["nyt-iran-arrests"].value) == "≥ 25"
    assert corpus.topics["gaza.deaths"].cumulative
    assert corpus.origin_of("idf-hagari") == "israel-government"

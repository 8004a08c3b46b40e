"""`tracker import claimreview` reads feeds as JSON-LD (pyld, schema.org's bundled context):
the @graph layout WordPress SEO plug-ins emit, with nodes linked by @id; `schema:` prefixes;
dates publishers write in words; never the network; the direct expansion of schema.org-only
feeds gives what pyld's own expansion gives."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import REPO, CorpusMaker, run_tracker
from pyld import jsonld

from tracker.cli import cli
from tracker.exchange import jsonld as feeds
from tracker.reading.jsonmarks import load_json

sys.path.insert(0, str(REPO / "bench"))
from feed import feed as bench_feed


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


SITE = "https://checks.example.org/"
# As Yoast SEO prints it: one @graph; the review names its claim, the claim its author, by @id.
WORDPRESS = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "Organization", "@id": SITE + "#organization", "name": "Example Checks"},
        {
            "@type": "Person",
            "@id": SITE + "#/schema/person/fars",
            "name": "Fars News Agency",
            "sameAs": ["https://www.farsnews.ir/"],
        },
        {
            "@type": "ClaimReview",
            "@id": SITE + "2024/08/projectile/#claimreview",
            "url": SITE + "2024/08/projectile/",
            "author": {"@id": SITE + "#organization"},
            "claimReviewed": "Haniyeh was killed by a projectile.",
            "reviewRating": {"@type": "Rating", "alternateName": "Unproven"},
            "itemReviewed": {"@id": SITE + "2024/08/projectile/#claim"},
        },
        {
            "@type": "Claim",
            "@id": SITE + "2024/08/projectile/#claim",
            "author": {"@id": SITE + "#/schema/person/fars"},
            "datePublished": "August 1, 2024",
            "appearance": {"@type": "CreativeWork", "url": "https://www.farsnews.ir/news/1"},
        },
    ],
}
# The same review written with schema: prefixes and a context of its own.
PREFIXED = {
    "@context": {"schema": "http://schema.org/"},
    "@type": "schema:ClaimReview",
    "schema:claimReviewed": "Haniyeh was killed by a device.",
    "schema:itemReviewed": {
        "@type": "schema:Claim",
        "schema:author": {"@type": "schema:Organization", "schema:name": "The New York Times"},
        "schema:datePublished": "2024-07-31",
    },
}


def test_a_wordpress_graph_linked_by_id_imports_through_the_installed_tracker(
    tmp_path: Path,
) -> None:
    claims = tmp_path / "claims"
    claims.mkdir()
    given = tmp_path / "wp.jsonld"
    given.write_text(json.dumps(WORDPRESS, indent=1), encoding="utf-8")
    done = run_tracker("import", "claimreview", str(given), str(claims), cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    written = (claims / "wp.yaml").read_text(encoding="utf-8")
    assert "  fars-news-agency:\n    name: Fars News Agency\n    kind: person\n" in written
    assert "text: Haniyeh was killed by a projectile.\n    source: fars-news-agency\n" in written
    assert "date: 2024-08-01" in written  # "August 1, 2024"
    assert "- document: https://www.farsnews.ir/news/1" in written
    assert f"# Example Checks rated it 'Unproven': {SITE}2024/08/projectile/" in written
    for command in (["fmt", "--check"], ["validate"]):
        checked = run_tracker(*command, str(claims), cwd=tmp_path)
        assert checked.returncode == 0, checked.stdout + checked.stdout


def test_prefixed_terms_mean_what_they_mean(make_corpus: CorpusMaker, tmp_path: Path) -> None:
    claims = make_corpus({})
    given = tmp_path / "prefixed.json"
    given.write_text(json.dumps(PREFIXED), encoding="utf-8")
    result = invoke("import", "claimreview", str(given))
    assert result.exit_code == 0, result.stdout
    written = (claims / "prefixed.yaml").read_text(encoding="utf-8")
    assert "    source: nyt\n    date: 2024-07-31\n" in written  # the corpus's nyt, by name


def test_a_date_in_no_known_spelling_loses_only_the_date(
    make_corpus: CorpusMaker, tmp_path: Path
) -> None:
    claims = make_corpus({})
    graph = json.loads(json.dumps(WORDPRESS))
    graph["@graph"][3]["datePublished"] = "last Tuesday"
    given = tmp_path / "feed.json"
    text = json.dumps(graph, indent=1)
    given.write_text(text, encoding="utf-8")
    result = invoke("import", "claimreview", str(given))
    assert result.exit_code == 0, result.stdout
    line = text.split("\n").index('   "@type": "ClaimReview",')  # the review's brace is above
    where = f"{given}:{line}:3"
    assert f"{where}: warning: its date was left out: 'last Tuesday'" in result.stdout
    written = (claims / "feed.yaml").read_text(encoding="utf-8")
    assert "Haniyeh was killed by a projectile." in written
    assert "date:" not in written


def test_a_remote_context_is_never_fetched(make_corpus: CorpusMaker, tmp_path: Path) -> None:
    claims = make_corpus({})
    given = tmp_path / "remote.json"
    given.write_text(
        json.dumps({**PREFIXED, "@context": "https://example.org/context.jsonld"}),
        encoding="utf-8",
    )
    result = invoke("import", "claimreview", str(given))
    assert result.exit_code == 1
    assert "https://example.org/context.jsonld, which tracker does not fetch" in result.stdout
    assert not (claims / "remote.json").exists()


def _tagged(document: Any) -> Any:
    value, _ = load_json("feed", json.dumps(document).encode("utf-8"))
    feeds._tag(value, [])
    return value


@pytest.mark.parametrize(
    "document",
    [
        bench_feed(6),
        WORDPRESS,
        [{**PREFIXED, "@context": "http://schema.org/"}],
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://a.org/1",
            "schema:url": "https://a.org/2",
            "datePublished": 2024,
            "http://example.org/x": None,
            "alternateName": [],
            "author": [{"@id": "_:b0", "name": "A"}, "B"],
        },
    ],
    ids=["bench", "wordpress", "list", "mixed"],
)
def test_the_direct_expansion_is_pyld_expansion(document: Any) -> None:
    expected = jsonld.expand(_tagged(document), {"documentLoader": feeds._loader})
    found = feeds._Expansion(feeds._schema_terms()).document(_tagged(document))
    assert found == expected


@pytest.mark.parametrize(
    "document", [bench_feed(6), WORDPRESS, [{**PREFIXED, "@context": "http://schema.org/"}]]
)
def test_views_made_directly_are_those_of_pyld_expansion(document: Any) -> None:
    """What import claimreview reads of a schema.org feed, without pyld's expansion, is what
    it reads of the expansion: the same reviews, values, links and places."""
    text = json.dumps(document, indent=1).encode("utf-8")
    direct_feed, _ = load_json("feed", text)
    direct = list(feeds.DirectViews(direct_feed, feeds._Expansion(feeds._schema_terms())).reviews())
    expanded_feed, _ = load_json("feed", text)
    places: list[Any] = []
    feeds._tag(expanded_feed, places)
    expanded = jsonld.expand(expanded_feed, {"documentLoader": feeds._loader})
    through_pyld = list(feeds.Views(expanded, places).reviews())
    assert direct == through_pyld
    assert [v.mark for v in direct] == [v.mark for v in through_pyld]
    assert direct

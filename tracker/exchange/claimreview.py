"""Verdicts as schema.org ClaimReview (JSON-LD), what search engines and Google's Fact Check
Tools read. (Feeds of ClaimReview come in through :mod:`tracker.exchange.factchecks`.)

Export: a resolved conflict whose entry names the claim it `upheld` judges every claim on
it: the claims giving the upheld answer are rated "Upheld", those on the other sides
"Contradicted". Open, dismissed and resolved-without-`upheld` conflicts judge no claim and
give no review. Each review is one claim under one conflict (a claim judged in two conflicts
has two reviews, each with its conflict's address).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import networkx as nx

from tracker.analysis import graph as g
from tracker.analysis.conflicts import Conflict
from tracker.corpus.records import Claim, Source

# The rating scale: 1 (worst) to 5 (best), as Google's guide asks numbers to be when given.
BEST, WORST = 5, 1


@dataclass(frozen=True)
class Rating:
    value: int
    name: str  # alternateName: what a reader sees
    explanation: str


UPHELD = Rating(BEST, "Upheld", "A verdict on a contradiction found this claim's answer to stand.")
CONTRADICTED = Rating(
    WORST,
    "Contradicted",
    "A verdict on a contradiction upheld another answer, which this claim contradicts.",
)

_PLACEHOLDER = "{id}"
_PERSON_KINDS = ("person", "official")


@dataclass(frozen=True)
class Publisher:
    """Who publishes the reviews: the review's author, and the address of each verdict
    (``{id}`` in ``url`` becomes the conflict id; without it, ``#<id>`` is appended)."""

    author: str
    url: str
    date: str | None = None  # datePublished of the reviews

    def address(self, conflict_id: str) -> str:
        if _PLACEHOLDER in self.url:
            return self.url.replace(_PLACEHOLDER, conflict_id)
        return f"{self.url}#{conflict_id}"


_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\S*$")


def check_publisher(author: str | None, url: str | None, date: str | None) -> list[str]:
    """What is wrong with the publisher settings, as messages that say how to fix it."""
    problems = []
    if not author or not author.strip():
        problems.append(
            "the reviews need an author: pass --author 'Name of your organisation' or set "
            "claimreview.author in the settings"
        )
    if not url:
        problems.append(
            "the reviews need the address where you publish them: pass --url "
            "'https://example.org/checks/{id}' or set claimreview.url in the settings"
        )
    elif not _WEB_ADDRESS.match(url):
        problems.append(f"--url {url!r} is not an http(s) address, e.g. https://example.org/checks")
    if date is not None and not _is_calendar_date(date):
        problems.append(f"--date {date!r} is not a date; write it as YYYY-MM-DD")
    return problems


def _is_calendar_date(text: str) -> bool:
    """YYYY-MM-DD naming a day that exists (2024-02-30 does not), as claim dates are read."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _author(source: Source | None, source_id: str) -> dict[str, Any]:
    if source is None:
        return {"@type": "Organization", "name": source_id}
    kind = "Person" if source.kind in _PERSON_KINDS else "Organization"
    found: dict[str, Any] = {"@type": kind, "name": source.name}
    if source.url:
        found["url"] = source.url
    return found


def _appearances(claim: Claim) -> list[dict[str, Any]]:
    """The documents a claim was found in: web addresses as they are, local files by name."""
    seen: dict[str, dict[str, Any]] = {}
    for item in claim.evidence:
        key = "url" if item.is_url else "name"
        seen.setdefault(item.document, {"@type": "CreativeWork", key: item.document})
    return list(seen.values())


def _review(
    claim: Claim,
    conflict: Conflict,
    rating: Rating,
    sources: dict[str, Source],
    publisher: Publisher,
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": _author(sources.get(claim.source), claim.source),
    }
    if claim.date:
        item["datePublished"] = claim.date
    appearances = _appearances(claim)
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": publisher.address(conflict.id),
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": publisher.author},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating.value,
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": rating.name,
            "ratingExplanation": rating.explanation,
        },
        "identifier": f"{conflict.id}/{claim.id}",
    }
    if conflict.resolution:
        review["reviewBody"] = conflict.resolution
    if publisher.date:
        review["datePublished"] = publisher.date
    return review


def judged_claims(conflict: Conflict) -> list[tuple[str, Rating]]:
    """The claims a verdict judged, each with its rating (none unless resolved with
    `upheld`)."""
    if conflict.status != "resolved" or conflict.upheld is None:
        return []
    found = []
    for side in conflict.sides:
        rating = UPHELD if conflict.upheld in side.claims else CONTRADICTED
        found += [(claim, rating) for claim in side.claims]
    return sorted(found)


def claim_reviews(
    graph: nx.MultiDiGraph, conflicts: list[Conflict], publisher: Publisher
) -> dict[str, Any]:
    """One JSON-LD document holding a ClaimReview per judged claim, ordered by conflict id
    and claim id."""
    claims, sources = g.claims(graph), g.sources(graph)
    reviews = [
        _review(claims[claim_id], conflict, rating, sources, publisher)
        for conflict in sorted(conflicts, key=lambda c: c.id)
        for claim_id, rating in judged_claims(conflict)
    ]
    return {"@context": "https://schema.org", "@graph": reviews}


def render(graph: nx.MultiDiGraph, conflicts: list[Conflict], publisher: Publisher) -> str:
    document = claim_reviews(graph, conflicts, publisher)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

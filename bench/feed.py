"""A ClaimReview feed as fact-checking sites publish it, for `make bench`: ``size`` reviews
(20,000 make about 16 MB) in the ``@graph`` layout WordPress SEO plug-ins emit, each review
linking its claim, its author and its publisher by ``@id``, with a few authors shared across
reviews, appearances, ratings and dates in several spellings."""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = [
    "minister",
    "said",
    "the",
    "budget",
    "would",
    "rise",
    "percent",
    "year",
    "police",
    "reported",
    "protest",
    "city",
    "council",
    "vaccine",
    "doses",
    "were",
    "delivered",
    "the",
    "army",
    "denied",
    "strike",
    "hospital",
    "border",
    "crossing",
    "election",
    "turnout",
    "record",
    "claimed",
    "officials",
    "confirmed",
    "figure",
    "estimate",
    "wages",
    "prices",
    "inflation",
]


def feed(size: int, seed: int = 7) -> dict[str, object]:
    """The feed as a JSON-LD document."""
    rng = random.Random(seed)
    graph: list[dict[str, object]] = [
        {
            "@type": "Organization",
            "@id": "https://checks.example.org/#organization",
            "name": "Example Checks",
            "url": "https://checks.example.org/",
            "logo": {"@type": "ImageObject", "url": "https://checks.example.org/logo.png"},
        }
    ]
    authors = [f"https://checks.example.org/#/schema/person/{n}" for n in range(size // 20 + 1)]
    for number, ident in enumerate(authors):
        graph.append(
            {
                "@type": "Person" if number % 3 else "Organization",
                "@id": ident,
                "name": f"Speaker {number} {rng.choice(WORDS).title()}",
                "sameAs": [f"https://en.wikipedia.org/wiki/Speaker_{number}"],
            }
        )
    for number in range(size):
        page = f"https://checks.example.org/{2024 - number % 5}/fact-check-{number}/"
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16)))
        day = 1 + number % 28
        date = (
            f"2024-{1 + number % 12:02d}-{day:02d}"
            if number % 4
            else f"2024-{1 + number % 12:02d}-{day:02d}T10:{number % 60:02d}:00+00:00"
        )
        graph.append(
            {
                "@type": "ClaimReview",
                "@id": f"{page}#claimreview",
                "url": page,
                "datePublished": date,
                "author": {"@id": "https://checks.example.org/#organization"},
                "publisher": {"@id": "https://checks.example.org/#organization"},
                "claimReviewed": f"{words.capitalize()} ({number}).",
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": 1 + number % 5,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": rng.choice(["False", "Misleading", "True", "Half true"]),
                },
                "itemReviewed": {"@id": f"{page}#claim"},
            }
        )
        graph.append(
            {
                "@type": "Claim",
                "@id": f"{page}#claim",
                "author": {"@id": authors[number % len(authors)]},
                "datePublished": date,
                "appearance": [
                    {
                        "@type": "CreativeWork",
                        "url": f"https://social.example.com/post/{number}",
                    }
                ],
                "firstAppearance": {
                    "@type": "CreativeWork",
                    "url": f"https://news.example.net/story/{number}",
                },
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}


def write_feed(path: Path, size: int) -> None:
    """The feed with one node a line, as plug-ins print it."""
    document = feed(size)
    graph = document.pop("@graph")
    assert isinstance(graph, list)
    nodes = ",\n".join(json.dumps(node, ensure_ascii=False) for node in graph)
    head = json.dumps(document)[:-1]
    path.write_text(f'{head}, "@graph": [\n{nodes}\n]}}\n', encoding="utf-8")

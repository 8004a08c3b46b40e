"""One ClaimReview of a feed read as a claim's parts (:class:`Review`): the words, who said
them, when, where they appeared, and who reviewed them with what rating; or what keeps it from
being a claim. The review is a mapping keyed by schema.org's short names, as a plain JSON feed
gives it or as :mod:`tracker.exchange.jsonld` makes it of a JSON-LD one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from tracker.escape import lone_surrogate
from tracker.reading.dates import DateError, read_date
from tracker.reading.jsonmarks import MarkedObject

_WEB = re.compile(r"^https?://[^\s/]+\S*$")
_PERSON_TYPES = ("Person",)


@dataclass
class Author:
    name: str
    kind: str  # a source kind: person or organization
    url: str | None = None


@dataclass
class Review:
    """One ClaimReview read from the feed."""

    found: MarkedObject  # the review in the feed (its mark is its line and column)
    text: str
    author: Author
    date: str | None
    appearances: list[str]
    reviewed_by: list[str] = field(default_factory=list)  # "Full Fact rated it 'False': url"
    unusable: list[str] = field(default_factory=list)  # appearances with no web address
    date_problem: str | None = None  # a date that could not be read (the claim has none)


def types_of(item: dict[str, Any]) -> list[str]:
    found = item.get("@type", [])
    return [t for t in (found if isinstance(found, list) else [found]) if isinstance(t, str)]


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _author(value: Any) -> Author | None:
    value = _first(value)
    if isinstance(value, str):
        name = _text(value)
        return Author(name, "other") if name else None
    if not isinstance(value, dict):
        return None
    name = _text(value.get("name"))
    if name is None:
        return None
    kind = "person" if set(types_of(value)) & set(_PERSON_TYPES) else "organization"
    url = value.get("url") or value.get("sameAs")
    url = _first(url)
    return Author(name, kind, url if isinstance(url, str) and _WEB.match(url) else None)


def _date(value: Any) -> tuple[str | None, str | None]:
    """(the date, or None) and what is wrong with it."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        return None, f"its date {json.dumps(value)[:40]} is not a date"
    try:
        return read_date(value), None
    except DateError as exc:
        return None, f"its date was left out: {exc}"


def _appearances(item: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The web addresses the claim appeared at, and the appearances without one."""
    found: list[str] = []
    unusable: list[str] = []
    for key in ("firstAppearance", "appearance"):
        given = item.get(key)
        for entry in given if isinstance(given, list) else [given]:
            if entry is None:
                continue
            url = entry.get("url") if isinstance(entry, dict) else entry
            if isinstance(url, str) and _WEB.match(url.strip()):
                if url.strip() not in found:
                    found.append(url.strip())
            else:
                unusable.append(json.dumps(entry, ensure_ascii=False)[:80])
    return found, unusable


def _reviewed_by(review: dict[str, Any]) -> str | None:
    who = _author(review.get("author") or review.get("publisher"))
    rating = review.get("reviewRating") or {}
    said = _text(rating.get("alternateName")) if isinstance(rating, dict) else None
    said = said or _text(review.get("textualRating"))
    url = review.get("url")
    address = url if isinstance(url, str) and _WEB.match(url) else None
    if who is None and said is None and address is None:
        return None  # nothing known of the review worth a comment
    line = (
        f"{who.name if who else 'a fact checker'} {f'rated it {said!r}' if said else 'reviewed it'}"
    )
    return f"{line}: {address}" if address else line


def read_review(found: MarkedObject) -> tuple[Review | None, list[str]]:
    """A review of the feed as a claim's parts, or what keeps it from being one."""
    search = "claimReview" in found and "text" in found  # a Fact Check Tools search result
    item = found if search else found.get("itemReviewed")
    item = item if isinstance(item, dict) else {}
    problems = []
    text = _text(found.get("text") if search else found.get("claimReviewed"))
    if text is None:
        problems.append("it has no claimReviewed: the words of the claim")
    author = _author(item.get("claimant") if search else item.get("author"))
    if author is None:
        field_name = "claimant" if search else "itemReviewed.author"
        problems.append(f"it has no {field_name} with a name: who made the claim")
    date, wrong = _date(item.get("claimDate") if search else item.get("datePublished"))
    if problems or text is None or author is None:
        return None, problems
    appearances, unusable = _appearances(item)
    reviews = found.get("claimReview") if search else [found]
    review = Review(found, text, author, date, appearances, unusable=unusable)
    if wrong:
        review.date_problem = wrong
    for entry in reviews if isinstance(reviews, list) else []:
        if isinstance(entry, dict):
            line = _reviewed_by(entry)
            if line:
                review.reviewed_by.append(line)
    return review, []


def unwritable(review: Review) -> str | None:
    """What of a review no claim file can hold: a lone surrogate (a JSON escape such as
    \\ud800 that stands for no character, which no UTF-8 file can hold)."""
    for what, texts in (
        ("claimReviewed", [review.text]),
        ("author", [review.author.name, review.author.url or ""]),
        ("appearance", review.appearances),
        ("review", review.reviewed_by),
    ):
        for text in texts:
            found = lone_surrogate(text)
            if found:
                return (
                    f"its {what} holds {found}, half of a character (a lone surrogate), which "
                    "no UTF-8 file can hold; fix the feed"
                )
    return None

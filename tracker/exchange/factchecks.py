"""Published fact checks (schema.org ClaimReview) into a claim file, for starting a corpus
from them: `tracker import claimreview FEED`.

A feed is JSON(-LD): one ClaimReview, a list of them, a document with an ``@graph``, a
DataCommons-style ``DataFeed`` (``dataFeedElement`` → ``item``), or the ``claims`` of a Google
Fact Check Tools search. A feed with an ``@context`` is read as JSON-LD
(:mod:`tracker.exchange.jsonld`: prefixed terms, ``@id`` links and ``@graph`` layouts mean
what they mean); one without is read by the names of its keys. Each review becomes one claim:

- ``claimReviewed`` (or the search's ``text``) is the claim's ``text``;
- the claim's author (``itemReviewed.author``, or ``claimant``) is its ``source``: a source of
  the corpus with the same name, or a new one declared in the file (a ``Person`` is a
  person, anything else an organization);
- ``itemReviewed.datePublished`` (or ``claimDate``) is its ``date``, read as
  :mod:`tracker.reading.dates` reads dates ("August 1, 2024" is 2024-08-01); a date that
  cannot be read is left out, with a warning, and the claim kept;
- each appearance with a web address (``appearance``, ``firstAppearance``) is ``evidence``;
- who reviewed it, their rating and the review's address are kept as a comment above it.

The claim's id is the source's id and a hash of the text, so importing the same feed again
finds the claims already there instead of doubling them. A ClaimReview carries no topic:
the claims come without one, for the user to file under the corpus's questions.

A review that cannot become a claim (no text, no author) is reported at its line and column
in the feed, as a warning, and skipped; nothing is dropped without a word.

The claim file is written directly in fmt's layout (:mod:`tracker.exchange.feedfile`): a
20,000-review feed is not put through ruamel.yaml.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from tracker.corpus.records import Claim, Source
from tracker.diagnostics import Code, Diagnostic, Location, diagnose, relocated
from tracker.exchange.feedfile import NewClaim, NewSource, feed_file
from tracker.exchange.jsonld import FeedRefused, has_context, views_of
from tracker.exchange.reviews import Author, Review, read_review, types_of, unwritable
from tracker.reading.jsonmarks import MarkedObject, load_json, release
from tracker.reading.parse import parse
from tracker.review.fmt import FormatError


@dataclass
class ImportedFeed:
    label: str
    text: str  # the claim file ("" when nothing could be imported)
    claims: int
    new_sources: int
    marks: dict[str, int]  # claim or source id -> the number of the review it came from
    diagnostics: list[Diagnostic]
    data: bytes = b""  # the feed, read again to find a review's place when one is asked for
    _found: list[MarkedObject] | None = None

    def position(self, ident: str) -> Location:
        number = self.marks.get(ident)
        if number is None:
            return Location(self.label, 1, 1)
        if self._found is None:  # the feed itself was let go once the file was written
            value, _ = load_json(self.label, self.data)
            self._found = list(_found_reviews(value))
        line, column = self._found[number].mark
        return Location(self.label, line, column)


def _found_reviews(value: Any) -> Iterable[MarkedObject]:
    """The reviews of a feed read by :func:`load_json`: as JSON-LD when it has a context
    (raises FeedRefused), else by the names of its keys."""
    return views_of(value) if has_context(value) else _reviews(value)


def _reviews(value: Any) -> Iterator[MarkedObject]:
    """Every ClaimReview object of a feed, in order, wherever the known layouts keep them."""
    if isinstance(value, list):
        for item in value:
            yield from _reviews(item)
        return
    if not isinstance(value, MarkedObject):
        return
    if "ClaimReview" in types_of(value) or ("claimReview" in value and "text" in value):
        yield value
        return
    for key in ("@graph", "dataFeedElement", "item", "claims", "itemListElement"):
        if key in value:
            yield from _reviews(value[key])


def _is_feed(value: Any) -> bool:
    """Whether ``value`` has one of the layouts that hold reviews (reviews or none)."""
    return isinstance(value, list) or (
        isinstance(value, MarkedObject)
        and any(key in value for key in ("@graph", "dataFeedElement", "claims"))
    )


def _slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:40].strip("-")
    return slug or "source-" + hashlib.sha1(name.encode()).hexdigest()[:8]


def import_feed(
    label: str,
    data: bytes,
    sources: dict[str, Source],
    known: dict[str, Claim],
) -> ImportedFeed:
    """The claim file for the reviews of a feed, given the corpus's ``sources`` and
    ``claims``: a claim already there (its id, or its source and words) is not imported
    twice."""
    # A feed is hundreds of thousands of small objects and holds no cycles: the cyclic
    # collector, run again and again over all of them as they are made, would double the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import_feed(label, data, sources, known)
    finally:
        if collecting:
            gc.enable()


def _import_feed(
    label: str,
    data: bytes,
    sources: dict[str, Source],
    known: dict[str, Claim],
) -> ImportedFeed:
    value, problems = load_json(label, data)
    imported = ImportedFeed(label, "", 0, 0, {}, problems, data)
    if problems:
        return imported
    try:
        found_reviews = _found_reviews(value)
    except FeedRefused as exc:
        imported.diagnostics.append(
            diagnose(Location(label, 1, 1), Code.IMPORT, f"cannot read the feed: {exc}")
        )
        return imported
    try:
        return _from_reviews(imported, value, found_reviews, sources, known)
    finally:
        release(value)  # the feed's objects are freed now, not kept until the check is done


def _from_reviews(
    imported: ImportedFeed,
    value: Any,
    found_reviews: Iterable[MarkedObject],
    sources: dict[str, Source],
    known: dict[str, Claim],
) -> ImportedFeed:
    label = imported.label
    by_name = {s.name.casefold(): s.id for s in sources.values()}
    spoken = {(c.source, " ".join(c.text.split())): c.id for c in known.values()}
    taken = set(sources)
    new_sources: dict[str, Author] = {}
    claims: dict[str, Review] = {}
    seen = 0
    for found in found_reviews:
        seen += 1

        def where(found: MarkedObject = found) -> Location:
            return Location(label, *found.mark)  # asked only for a problem: marks cost time

        review, wrong = read_review(found)
        if review is not None and (bad := unwritable(review)):
            review, wrong = None, [bad]
        if review is None:
            imported.diagnostics.append(
                diagnose(where(), Code.IMPORT_SKIPPED, f"review skipped: {'; '.join(wrong)}")
            )
            continue
        if review.date_problem:
            imported.diagnostics.append(
                diagnose(
                    where(),
                    Code.IMPORT_SKIPPED,
                    f"{review.date_problem}; the claim is imported without a date (add it by hand)",
                )
            )
        for entry in review.unusable:
            imported.diagnostics.append(
                diagnose(
                    where(),
                    Code.IMPORT_SKIPPED,
                    f"appearance {entry} left out: evidence needs a web address (url); add "
                    "the document by hand if you have it",
                )
            )
        source_id = by_name.get(review.author.name.casefold())
        if source_id is None:
            source_id = base = _slug(review.author.name)
            number = 2
            while source_id in taken:
                source_id, number = f"{base}-{number}", number + 1
            taken.add(source_id)
            by_name[review.author.name.casefold()] = source_id
            new_sources[source_id] = review.author
            imported.marks.setdefault(source_id, seen - 1)
        digest = hashlib.sha1(review.text.encode("utf-8")).hexdigest()[:8]
        claim_id = f"{source_id}-{digest}"
        there = claim_id if claim_id in known else spoken.get((source_id, review.text))
        if there is not None:
            imported.diagnostics.append(
                diagnose(
                    where(),
                    Code.IMPORT_SKIPPED,
                    f"review skipped: its claim is in the corpus already as {there!r}",
                )
            )
            continue
        if claim_id in claims:  # the same words by the same author, reviewed again
            kept = claims[claim_id]
            kept.appearances += [a for a in review.appearances if a not in kept.appearances]
            kept.reviewed_by += review.reviewed_by
            continue
        claims[claim_id] = review
        imported.marks[claim_id] = seen - 1
    if seen == 0 and _is_feed(value):  # a feed of the known layouts, empty
        imported.diagnostics.append(
            diagnose(Location(label, 1, 1), Code.IMPORT_SKIPPED, "the feed holds no ClaimReview")
        )
        return imported
    if seen == 0:
        imported.diagnostics.append(
            diagnose(
                Location(label, 1, 1),
                Code.IMPORT,
                "no ClaimReview found: give a ClaimReview JSON-LD document, a list of them, "
                "an @graph, a DataFeed, or a Fact Check Tools search result",
            )
        )
        return imported
    if not claims:
        return imported
    try:
        imported.text = feed_file(
            label,
            (
                (ident, NewSource(author.name, author.kind, author.url))
                for ident, author in sorted(new_sources.items())
            ),
            (
                NewClaim(
                    claim_id,
                    review.text,
                    by_name[review.author.name.casefold()],
                    review.date,
                    review.appearances,
                    review.reviewed_by,
                )
                for claim_id, review in claims.items()
            ),
        )
    except FormatError as exc:  # a bug of ours, said at the feed rather than exit 3
        imported.diagnostics.append(
            diagnose(Location(label, 1, 1), Code.IMPORT, f"cannot write the claim file: {exc}")
        )
        return imported
    imported.claims, imported.new_sources = len(claims), len(new_sources)
    return imported


_REVIEW_COMMENT = re.compile(r"^# .+ (?:rated it '.*'|reviewed it)(?:: \S+)?$")


def is_review_comment(line: str) -> bool:
    """Whether a comment line is one the import writes above a claim (who reviewed it, their
    rating, where): replaced, not kept, when a re-import updates the claim."""
    return bool(_REVIEW_COMMENT.match(line.strip()))


def locate(
    imported: ImportedFeed, path: str, diagnostics: list[Diagnostic], text: str | None = None
) -> list[Diagnostic]:
    """Problems found in the claim file ``text`` (named ``path``; the import's own text by
    default) moved to the review of the feed each entry came from; problems in entries the
    feed did not give, and elsewhere, are kept as they are."""
    if not diagnostics:
        return diagnostics
    starts: list[tuple[int, str]] = []  # (first line, id) of every entry, in file order
    parsed, _ = parse(path, (imported.text if text is None else text).encode("utf-8"))
    root = parsed.root
    if isinstance(root, yaml.MappingNode):
        for key, section in root.value:
            if key.value == "claims" and isinstance(section, yaml.SequenceNode):
                for item in section.value:
                    pairs = item.value if isinstance(item, yaml.MappingNode) else []
                    ident = next((v.value for k, v in pairs if k.value == "id"), "")
                    starts.append((item.start_mark.line + 1, ident))
            elif key.value == "sources" and isinstance(section, yaml.MappingNode):
                starts += [(k.start_mark.line + 1, k.value) for k, _ in section.value]
    starts.sort()
    lines = [line for line, _ in starts]

    def owner(line: int) -> str:
        """The entry a line belongs to: the last one starting at or before it."""
        index = bisect.bisect_right(lines, line) - 1
        return starts[index][1] if index >= 0 else ""

    def place(where: Location) -> Location:
        ident = owner(where.line or 0)
        return imported.position(ident) if ident in imported.marks or text is None else where

    return relocated(diagnostics, path, place)

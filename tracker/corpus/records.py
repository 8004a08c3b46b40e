"""The records of a corpus: sources, topics, claims and contradiction entries.

Records are what the validator builds from YAML nodes. Each keeps the file it came from and the
line/column of its fields (``marks``), so that later checks can point at the right place.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any, ClassVar

from tracker.diagnostics import Location

SOURCE_KINDS = (
    "outlet",
    "agency",
    "government",
    "military",
    "official",
    "organization",
    "person",
    "anonymous",
    "other",
)
TOPIC_KINDS = ("choice", "number")
STANCES = ("asserts", "denies")
STATUSES = ("open", "resolved", "dismissed")
RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")

Mark = tuple[int, int]  # 1-based line, column


@lru_cache(maxsize=1 << 16)  # the few positions of each topic are asked for again and again
def answer_key(position: str) -> str:
    """How positions are compared: case, runs of white space and Unicode normalisation do
    not matter ("café" typed with one code point or two is one answer)."""
    return unicodedata.normalize("NFC", " ".join(position.split()).casefold())


class Marks(Mapping[str, Mark]):
    """Where each field of a record was written, packed: the field names as one tuple shared
    by every record written with the same keys, and the lines and columns in one array of
    32-bit numbers. A dict of tuples cost about 1.5 KB a claim; this costs about 200 bytes
    (docs/scaling.md)."""

    __slots__ = ("_keys", "_numbers")
    _shared: ClassVar[dict[tuple[str, ...], tuple[str, ...]]] = {}

    def __init__(self, marks: Mapping[str, Mark] | None = None) -> None:
        given = dict(marks or {})
        keys = tuple(given)
        self._keys = self._shared.setdefault(keys, keys)
        self._numbers = array("I", [n for mark in given.values() for n in mark])

    def __getitem__(self, key: str) -> Mark:
        try:
            index = self._keys.index(key)
        except ValueError:
            raise KeyError(key) from None
        return self._numbers[2 * index], self._numbers[2 * index + 1]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Callable[..., Marks], tuple[tuple[str, ...], bytes]]:
        return _restore_marks, (self._keys, self._numbers.tobytes())


def _restore_marks(keys: tuple[str, ...], numbers: bytes) -> Marks:
    """Marks from a pickle, sharing their key tuple with every record of the same keys."""
    marks = Marks.__new__(Marks)
    marks._keys = Marks._shared.setdefault(keys, keys)
    marks._numbers = array("I")
    marks._numbers.frombytes(numbers)
    return marks


@dataclass(slots=True)
class Record:
    id: str
    path: str
    marks: Mapping[str, Mark] = field(default_factory=Marks, kw_only=True)

    def __post_init__(self) -> None:
        if not isinstance(self.marks, Marks):
            self.marks = Marks(self.marks)

    def location(self, key: str = "") -> Location:
        """Where ``key`` (a field, or ``field.N`` for a list item) was written; the entry's
        own place when that key was not written."""
        line, column = self.marks.get(key) or self.marks[""]
        return Location(self.path, line, column)


@dataclass(slots=True)
class Source(Record):
    name: str
    kind: str = "other"
    country: str | None = None
    affiliation: str | None = None
    reliability: str | None = None
    url: str | None = None
    notes: str | None = None
    part_of: str | None = None  # the source this one belongs to (a prosecutor: a government)


@dataclass(frozen=True, slots=True)
class Tolerance:
    amount: Fraction = Fraction(0)
    relative: bool = False

    def __str__(self) -> str:
        text = str(float(self.amount)) if self.amount.denominator != 1 else str(self.amount)
        return f"{text}%" if self.relative else text

    def allowance(self, magnitude: Fraction) -> Fraction:
        """How far apart two values may be and agree; ``magnitude`` is the larger magnitude of
        the two values compared (what a relative tolerance is a share of)."""
        return self.amount * magnitude / 100 if self.relative else self.amount

    def allows(self, gap: Fraction, magnitude: Fraction) -> bool:
        """Whether two values ``gap`` apart agree."""
        return gap <= self.allowance(magnitude)


@dataclass(frozen=True, slots=True)
class Implication:
    """An answer on one topic that implies an answer on another: a claim asserting
    ``position`` on the topic that declares this also answers ``topic`` with ``answer``,
    asserted or denied (``stance``). Written as a mapping item of ``implies``."""

    position: str
    topic: str
    answer: str
    stance: str = "asserts"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Implication, (self.position, self.topic, self.answer, self.stance))


@dataclass(slots=True)
class Topic(Record):
    question: str
    kind: str = "choice"
    positions: tuple[str, ...] | None = None
    compatible: tuple[tuple[str, str], ...] = ()
    unit: str | None = None
    tolerance: Tolerance = Tolerance()
    cumulative: bool = False  # a running total: a later `as_of` may not be lower
    implies: tuple[tuple[str, tuple[str, ...]], ...] = ()  # position -> positions it includes
    # answers on other topics that a position implies (marks: "implies_across.N")
    implies_across: tuple[Implication, ...] = ()

    def canonical_position(self, position: str) -> str | None:
        """The declared spelling of ``position``, or None if the topic does not declare it."""
        if self.positions is None:
            return position
        key = answer_key(position)
        return next((p for p in self.positions if answer_key(p) == key), None)

    def compatible_keys(self) -> frozenset[frozenset[str]]:
        return frozenset(frozenset((answer_key(a), answer_key(b))) for a, b in self.compatible)

    def implied_keys(self) -> dict[str, frozenset[str]]:
        """Each position's key mapped to the keys of every position it includes, following
        `implies` transitively (a cycle simply makes its positions include each other)."""
        direct: dict[str, set[str]] = {}
        for position, included in self.implies:
            direct.setdefault(answer_key(position), set()).update(map(answer_key, included))
        closure: dict[str, frozenset[str]] = {}
        for start in direct:
            seen: set[str] = set()
            stack = list(direct[start])
            while stack:
                key = stack.pop()
                if key not in seen:
                    seen.add(key)
                    stack.extend(direct.get(key, ()))
            closure[start] = frozenset(seen - {start})
        return closure


_LONG_NUMBER = re.compile(r"(?<![\d.,])\d{5,}")


def grouped(text: str) -> str:
    """``text`` with each whole number of five digits or more grouped by thousands."""
    return _LONG_NUMBER.sub(lambda found: f"{int(found.group()):,}", text)


@dataclass(frozen=True, slots=True)
class NumberValue:
    """A number, a closed range, or a bound (``low`` or ``high`` None: at most / at least),
    kept exactly (as written in decimal) for comparisons."""

    low: Fraction | None
    high: Fraction | None
    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def shown(self) -> str:
        """The value as reports print it: figures of five digits or more grouped by
        thousands ("≥ 39,480"), shorter ones as written (a year-like 1948 stays 1948)."""
        return grouped(self.text)

    @property
    def sort_key(self) -> tuple[int, Fraction, int, Fraction]:
        """Orders values by their low end, then their high end; open ends sort outermost."""
        zero = Fraction(0)
        return (
            0 if self.low is None else 1,
            zero if self.low is None else self.low,
            1 if self.high is None else 0,
            zero if self.high is None else self.high,
        )

    def gap_to(self, other: NumberValue) -> tuple[Fraction, Fraction]:
        """The distance between two values, ranges or bounds (0 when they overlap) and the
        larger magnitude of the two ends that face each other."""
        if self.high is not None and other.low is not None and self.high < other.low:
            return other.low - self.high, max(abs(self.high), abs(other.low))
        if other.high is not None and self.low is not None and other.high < self.low:
            return self.low - other.high, max(abs(other.high), abs(self.low))
        return Fraction(0), Fraction(0)

    def below(self, other: NumberValue) -> bool:
        """Whether this value lies wholly below ``other`` (a running total that fell)."""
        return self.high is not None and other.low is not None and self.high < other.low

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as a call of the constructor: dataclasses restore a frozen slotted instance
        # by walking fields() for each one, a fifth of unpickling a cached corpus.
        return (NumberValue, (self.low, self.high, self.text))


@dataclass(frozen=True, slots=True)
class Evidence:
    document: str
    quote: str | None
    mark: Mark
    quote_mark: Mark | None = None

    @property
    def is_url(self) -> bool:
        head, sep, _ = self.document.partition("://")
        return bool(sep) and head.isascii() and head.replace("+", "").replace(".", "").isalnum()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Evidence, (self.document, self.quote, self.mark, self.quote_mark))  # as above


@dataclass(frozen=True, slots=True)
class Answer:
    """A further answer of a claim, to a topic other than its main one (``answers``)."""

    topic: str
    position: str | None = None
    stance: str = "asserts"
    value: NumberValue | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (Answer, (self.topic, self.position, self.stance, self.value))


@dataclass(slots=True)
class Claim(Record):
    text: str
    source: str
    via: tuple[str, ...] = ()
    date: str | None = None
    topic: str | None = None
    position: str | None = None
    stance: str = "asserts"
    value: NumberValue | None = None
    evidence: tuple[Evidence, ...] = ()
    tags: tuple[str, ...] = ()
    as_of: str | None = None  # when the answer holds (``date`` is when it was said)
    supersedes: tuple[str, ...] = ()  # claims this one revises (same originator or relay)
    retracted: str | None = None  # when the source withdrew the claim
    tolerance: Tolerance | None = None  # overrides the topic's tolerance for this claim
    answers: tuple[Answer, ...] = ()  # further answers, to other topics (marks: "answers.N.key")
    # Set only on a view of the claim (tracker.corpus.views): the topic whose answer implies
    # this one. A claim as written never has it.
    implied_from: str | None = None


@dataclass(slots=True)
class ContradictionEntry(Record):
    """One entry of a ``contradictions`` list. ``id`` is the optional id the user gave, or a
    key derived from the claims when none was given."""

    claims: tuple[str, ...]
    note: str | None = None
    status: str = "open"
    upheld: str | None = None
    resolution: str | None = None
    given_id: bool = False


@dataclass
class Corpus:
    """A validated corpus. Claims keep the order of files and entries."""

    sources: dict[str, Source] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    contradictions: list[ContradictionEntry] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # Ids declared by entries that could not be read (an error was reported there): a
    # reference to one is not "unknown", and its absence proves nothing unused.
    broken: set[tuple[str, str]] = field(default_factory=set)
    # Files that do not parse, with every word of each that could be an id: a reference to
    # one of those words may name an entry of the file, so it is not reported as unknown.
    unparsed: dict[str, frozenset[str]] = field(default_factory=dict)
    excused: dict[str, int] = field(default_factory=dict)  # such references, by that file
    complete: bool = True  # every file read without errors
    # `# tracker: ignore[code]` comments: file -> line -> the warning codes silenced there.
    suppressions: dict[str, dict[int, frozenset[str]]] = field(default_factory=dict)
    # Each file's path mapped to a digest of its bytes: what a record read from it depends
    # on, so caches of work per topic can tell an unchanged topic without comparing records.
    digests: dict[str, str] = field(default_factory=dict)

    def origin_of(self, source_id: str) -> str:
        return top_origin(self.sources, source_id)


def source_name(sources: Mapping[str, Source], source_id: str) -> str:
    """A source by its name, or by its id where it is not declared."""
    source = sources.get(source_id)
    return source.name if source is not None else source_id


def top_origin(sources: dict[str, Source], source_id: str) -> str:
    """The top of a source's `part_of` chain: what counts as one independent origin (a
    prosecutor and the government it belongs to are one origin, not two)."""
    seen = {source_id}
    source = sources.get(source_id)
    while source is not None and source.part_of is not None and source.part_of not in seen:
        seen.add(source.part_of)
        source_id = source.part_of
        source = sources.get(source_id)
    return source_id


def revisions(claims: dict[str, Claim]) -> dict[str, list[str]]:
    """Each revised claim's id mapped to the ids of the claims that revise it."""
    revised: dict[str, list[str]] = {}
    for claim in claims.values():
        for old in claim.supersedes:
            revised.setdefault(old, []).append(claim.id)
    return revised


def withdrawn_claims(claims: dict[str, Claim]) -> set[str]:
    """Claims that take part in no conflict: superseded by another claim, or retracted."""
    return set(revisions(claims)) | {c.id for c in claims.values() if c.retracted is not None}


def uncompared_claims(
    claims: Iterable[Claim], entries: Iterable[ContradictionEntry]
) -> list[Claim]:
    """Claims no rule can set against another: no topic, no further answer, and no
    contradictions entry names them. Reports list them, so that a reader learns what was
    never compared."""
    named = {claim_id for entry in entries for claim_id in entry.claims}
    return [c for c in claims if c.topic is None and not c.answers and c.id not in named]

"""The records of a corpus: sources, topics, claims and contradiction entries.

Records are what the validator builds from YAML nodes. Each keeps the file it came from and the
line/column of its fields (``marks``), so that later checks can point at the right place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .diagnostics import Location

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


def answer_key(position: str) -> str:
    """How positions are compared: case and runs of white space do not matter."""
    return " ".join(position.split()).casefold()


@dataclass(slots=True)
class Record:
    id: str
    path: str
    marks: dict[str, Mark] = field(default_factory=dict, kw_only=True)

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


@dataclass(frozen=True, slots=True)
class Tolerance:
    amount: Fraction = Fraction(0)
    relative: bool = False

    def __str__(self) -> str:
        text = str(float(self.amount)) if self.amount.denominator != 1 else str(self.amount)
        return f"{text}%" if self.relative else text

    def allows(self, gap: Fraction, magnitude: Fraction) -> bool:
        """Whether two values ``gap`` apart agree; ``magnitude`` is the larger magnitude of
        the two values compared (what a relative tolerance is a share of)."""
        allowed = self.amount * magnitude / 100 if self.relative else self.amount
        return gap <= allowed


@dataclass(slots=True)
class Topic(Record):
    question: str
    kind: str = "choice"
    positions: tuple[str, ...] | None = None
    compatible: tuple[tuple[str, str], ...] = ()
    unit: str | None = None
    tolerance: Tolerance = Tolerance()

    def canonical_position(self, position: str) -> str | None:
        """The declared spelling of ``position``, or None if the topic does not declare it."""
        if self.positions is None:
            return position
        key = answer_key(position)
        return next((p for p in self.positions if answer_key(p) == key), None)

    def compatible_keys(self) -> frozenset[frozenset[str]]:
        return frozenset(frozenset((answer_key(a), answer_key(b))) for a, b in self.compatible)


@dataclass(frozen=True, slots=True)
class NumberValue:
    """A number or a closed range, kept exactly (as written in decimal) for comparisons."""

    low: Fraction
    high: Fraction
    text: str

    def __str__(self) -> str:
        return self.text

    def gap_to(self, other: NumberValue) -> tuple[Fraction, Fraction]:
        """The distance between two values or ranges (0 when they overlap) and the larger
        magnitude of the two ends that face each other."""
        if self.high < other.low:
            return other.low - self.high, max(abs(self.high), abs(other.low))
        if other.high < self.low:
            return self.low - other.high, max(abs(other.high), abs(self.low))
        return Fraction(0), Fraction(0)


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

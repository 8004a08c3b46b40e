"""Problems found in claim files, as plain data.

Every stage that inspects user input yields :class:`Diagnostic` objects instead of raising or
printing; the CLI decides how to show them (text, GitHub annotations, JSON).
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Code(enum.StrEnum):
    """Every diagnostic code: a published contract. Users select and ignore problems by these
    names, so a code is never renamed or reused; docs/rules.md is generated from
    :data:`CODES`."""

    READ = "read"
    ENCODING = "encoding"
    SYNTAX = "syntax"
    ALIAS = "alias"
    TAG = "tag"
    MERGE = "merge"
    NO_FILES = "no-files"
    FILE_NOT_MAPPING = "file-not-mapping"
    NOT_A_MAPPING = "not-a-mapping"
    NOT_A_LIST = "not-a-list"
    KEY_NOT_TEXT = "key-not-text"
    DUPLICATE_KEY = "duplicate-key"
    UNKNOWN_KEY = "unknown-key"
    MISSING_KEY = "missing-key"
    WRONG_TYPE = "wrong-type"
    EMPTY = "empty"
    ID = "id"
    NOT_AN_OPTION = "not-an-option"
    RELIABILITY_GRADE = "reliability-grade"
    NOT_A_BOOLEAN = "not-a-boolean"
    TOO_FEW_ITEMS = "too-few-items"
    PAIR_SHAPE = "pair-shape"
    DATE = "date"
    NOT_A_NUMBER = "not-a-number"
    NOT_FINITE = "not-finite"
    AMBIGUOUS_NUMBER = "ambiguous-number"
    RANGE_SHAPE = "range-shape"
    RANGE_BACKWARDS = "range-backwards"
    TOLERANCE_FORMAT = "tolerance-format"
    NEGATIVE_TOLERANCE = "negative-tolerance"
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_SOURCE = "unknown-source"
    UNKNOWN_TOPIC = "unknown-topic"
    UNKNOWN_CLAIM = "unknown-claim"
    VIA_ORIGINATOR = "via-originator"
    VIA_REPEAT = "via-repeat"
    NO_TOPIC = "no-topic"
    VALUE_ON_CHOICE = "value-on-choice"
    POSITION_ON_NUMBER = "position-on-number"
    DENIAL_ON_NUMBER = "denial-on-number"
    MISSING_ANSWER = "missing-answer"
    UNKNOWN_POSITION = "unknown-position"
    TOPIC_UNKNOWN_POSITION = "topic-unknown-position"
    DUPLICATE_POSITION = "duplicate-position"
    CHOICE_KEY_ON_NUMBER = "choice-key-on-number"
    NUMBER_KEY_ON_CHOICE = "number-key-on-choice"
    PART_OF_CYCLE = "part-of-cycle"
    SUPERSEDES_OTHER_SOURCE = "supersedes-other-source"
    SUPERSEDES_CYCLE = "supersedes-cycle"
    IMPLICATION_TARGET = "implication-target"
    IMPLICATION_CYCLE = "implication-cycle"
    REPEATED_ANSWER = "repeated-answer"
    IMPLIED_ANSWER_DIFFERS = "implied-answer-differs"
    SELF_CONTRADICTION = "self-contradiction"
    DUPLICATE_CONTRADICTION = "duplicate-contradiction"
    UPHELD_NEEDS_RESOLVED = "upheld-needs-resolved"
    UPHELD_NOT_LISTED = "upheld-not-listed"
    DOUBLE_VERDICT = "double-verdict"
    DOCUMENT = "document"
    QUOTE_NOT_FOUND = "quote-not-found"
    FMT_REFUSED = "fmt-refused"
    IMPORT = "import"
    IMPORT_SKIPPED = "import-skipped"
    UNCOMPARED_CLAIM = "uncompared-claim"
    IGNORE_COMMENT = "ignore-comment"
    NO_EVIDENCE = "no-evidence"
    UNUSED_SOURCE = "unused-source"
    UNUSED_TOPIC = "unused-topic"
    RESOLUTION_ON_OPEN = "resolution-on-open"
    SUPERSEDES_OTHER_TOPIC = "supersedes-other-topic"
    WITHDRAWN_CLAIM = "withdrawn-claim"
    VERDICT_ID = "verdict-id"
    SAME_ANSWER = "same-answer"


# Each code's usual severity and a one-line description (docs/rules.md, `tracker rule`).
CODES: dict[Code, tuple[str, str]] = {
    Code.READ: (
        "error",
        "a claim file cannot be read (permissions, not a regular file, too large)",
    ),
    Code.ENCODING: ("error", "a claim file is not UTF-8 text"),
    Code.SYNTAX: ("error", "the file is not valid YAML, or nests too deeply to read"),
    Code.ALIAS: ("error", "an alias repeats a list or mapping, or aliases expand beyond the limit"),
    Code.TAG: ("error", "a YAML tag other than the plain types (nothing tagged is ever run)"),
    Code.MERGE: ("error", "a merge key ('<<'), which claim files do not support"),
    Code.NO_FILES: ("error", "the claims folder holds no *.yaml or *.yml file"),
    Code.FILE_NOT_MAPPING: (
        "error",
        "a file's top level is not a mapping of sources, topics, claims, contradictions",
    ),
    Code.NOT_A_MAPPING: (
        "error",
        "a value that must be a mapping (key: value lines) is something else",
    ),
    Code.NOT_A_LIST: ("error", "a value that must be a list is something else"),
    Code.KEY_NOT_TEXT: ("error", "a mapping key is not plain text"),
    Code.DUPLICATE_KEY: ("error", "the same key twice in one mapping"),
    Code.UNKNOWN_KEY: ("error", "a key the format does not know (a typo such as 'soruce')"),
    Code.MISSING_KEY: (
        "error",
        "a required key is missing (a claim's id, text, source; a source's name; ...)",
    ),
    Code.WRONG_TYPE: ("error", "a value that must be text is a list or mapping"),
    Code.EMPTY: ("error", "a value that must be text is empty or blank"),
    Code.ID: ("error", "an id that does not match [a-z0-9][a-z0-9._-]*"),
    Code.NOT_AN_OPTION: ("error", "a value outside its list of options (kind, stance, status)"),
    Code.RELIABILITY_GRADE: ("error", "a reliability that is not an Admiralty grade A to F"),
    Code.NOT_A_BOOLEAN: ("error", "a value that must be true or false"),
    Code.TOO_FEW_ITEMS: (
        "error",
        "a list with fewer items than it needs (a contradiction names two claims)",
    ),
    Code.PAIR_SHAPE: ("error", "a compatible pair that is not [a, b]"),
    Code.DATE: ("error", "a date that is not a real ISO date"),
    Code.NOT_A_NUMBER: ("error", "a value that must be a number is text or another type"),
    Code.NOT_FINITE: ("error", "a number that is infinite, not a number, or too large"),
    Code.AMBIGUOUS_NUMBER: (
        "error",
        "a number YAML 1.1 and 1.2 read differently (010, 1:30, 0b101, 1_000)",
    ),
    Code.RANGE_SHAPE: ("error", "a range that is not [low, high], or a bound with no number"),
    Code.RANGE_BACKWARDS: ("error", "a range whose low end is above its high end"),
    Code.TOLERANCE_FORMAT: ("error", "a tolerance that is neither an amount nor a percentage"),
    Code.NEGATIVE_TOLERANCE: ("error", "a tolerance below zero"),
    Code.DUPLICATE_ID: ("error", "the same id declared twice in the corpus"),
    Code.UNKNOWN_SOURCE: (
        "error",
        "a claim's source or via, or a source's part_of, names no declared source",
    ),
    Code.UNKNOWN_TOPIC: ("error", "a claim's topic names no declared topic"),
    Code.UNKNOWN_CLAIM: ("error", "a contradiction or supersedes names no declared claim"),
    Code.VIA_ORIGINATOR: ("error", "a claim's via names its own originator"),
    Code.VIA_REPEAT: ("error", "a claim's via names one relay twice"),
    Code.NO_TOPIC: ("error", "a claim has a position, value or stance but no topic"),
    Code.VALUE_ON_CHOICE: ("error", "a claim on a choice topic gives a value"),
    Code.POSITION_ON_NUMBER: ("error", "a claim on a number topic gives a position"),
    Code.DENIAL_ON_NUMBER: ("error", "stance: denies on a number topic"),
    Code.MISSING_ANSWER: (
        "error",
        "a claim on a topic gives no position (choice) or value (number)",
    ),
    Code.UNKNOWN_POSITION: ("error", "a claim's position is not one the topic declares"),
    Code.TOPIC_UNKNOWN_POSITION: (
        "error",
        "a topic's compatible or implies names a position it does not declare",
    ),
    Code.DUPLICATE_POSITION: ("error", "a topic lists one position twice"),
    Code.CHOICE_KEY_ON_NUMBER: ("error", "positions, compatible or implies on a number topic"),
    Code.NUMBER_KEY_ON_CHOICE: (
        "error",
        "unit, tolerance or cumulative on a choice topic (or a claim's tolerance there)",
    ),
    Code.PART_OF_CYCLE: ("error", "part_of leads back to where it started"),
    Code.SUPERSEDES_OTHER_SOURCE: ("error", "a claim revises a claim of another source"),
    Code.SUPERSEDES_CYCLE: ("error", "supersedes leads back to where it started"),
    Code.IMPLICATION_TARGET: (
        "error",
        "an implication across topics names its own topic or a number topic, or does not give "
        "exactly one of position and denies",
    ),
    Code.IMPLICATION_CYCLE: ("error", "implications across topics lead back to where they started"),
    Code.REPEATED_ANSWER: ("error", "a claim answers one topic twice (topic and answers)"),
    Code.IMPLIED_ANSWER_DIFFERS: (
        "warning",
        "a claim's own answer to a topic disagrees with what its other answer implies there",
    ),
    Code.SELF_CONTRADICTION: ("error", "a contradiction names one claim twice"),
    Code.DUPLICATE_CONTRADICTION: ("error", "two contradiction entries name the same claims"),
    Code.UPHELD_NEEDS_RESOLVED: ("error", "upheld on an entry that is not resolved"),
    Code.UPHELD_NOT_LISTED: ("error", "upheld names a claim the entry does not list"),
    Code.DOUBLE_VERDICT: ("error", "two entries judge one derived conflict"),
    Code.DOCUMENT: (
        "error",
        "a quoted document cannot be used (missing, outside the corpus, unreadable)",
    ),
    Code.QUOTE_NOT_FOUND: ("error", "a quote does not occur in its local document"),
    Code.FMT_REFUSED: (
        "error",
        "tracker fmt left a file untouched (its result would read differently)",
    ),
    Code.IMPORT: (
        "error",
        "a sheet or feed given to `tracker import` has a column, row or record it cannot read",
    ),
    Code.IMPORT_SKIPPED: (
        "warning",
        "part of a sheet or feed left out of the import with a note: a review or appearance "
        "that cannot become a claim, a review's date that is not a date, a sheet's column "
        "that is no claim key (`import claimreview --strict` writes nothing then)",
    ),
    Code.IGNORE_COMMENT: (
        "error",
        "a `# tracker: ignore[...]` comment names an unknown code or an error's code",
    ),
    Code.NO_EVIDENCE: ("warning", "a claim cites no evidence"),
    Code.UNUSED_SOURCE: ("warning", "a source no claim originates or relays"),
    Code.UNUSED_TOPIC: ("warning", "a topic with no claims"),
    Code.RESOLUTION_ON_OPEN: ("warning", "a resolution on an open entry"),
    Code.SUPERSEDES_OTHER_TOPIC: ("warning", "a claim revises a claim on another topic"),
    Code.VERDICT_ID: ("warning", "an 'id' on an entry that judges a derived conflict (unused)"),
    Code.SAME_ANSWER: ("warning", "a contradiction whose claims all give the same answer"),
    Code.WITHDRAWN_CLAIM: ("warning", "a contradiction names a superseded or retracted claim"),
    Code.UNCOMPARED_CLAIM: (
        "warning",
        "a claim no rule compares: no topic, and no contradictions entry names it (off unless "
        "selected: `--select uncompared-claim`, or `select` in the settings)",
    ),
}
# The codes --select, --ignore, the settings and `# tracker: ignore[...]` may name.
WARNING_CODES = tuple(str(code) for code, (severity, _) in CODES.items() if severity == "warning")
# Warnings reported only when selected by name: a team that wants every claim compared
# turns this on; most corpora start with claims not yet filed under a question.
OFF_BY_DEFAULT = frozenset({Code.UNCOMPARED_CLAIM})


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column, as editors count them."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    severity: Severity
    code: Code
    message: str

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"


# Where the documentation lives online: each code has a section of docs/rules.md there
# (`tracker rule CODE` prints the same text from the installed package).
REPOSITORY_URL = "https://github.com/OWNER/tracker"
RULES_URL = f"{REPOSITORY_URL}/blob/main/docs/rules.md"


def help_uri(code: str | None) -> str:
    """The page documenting ``code`` (its section of docs/rules.md online), or the rules
    page itself."""
    return f"{RULES_URL}#{code}" if code else RULES_URL


def diagnose(location: Location, code: Code, message: str) -> Diagnostic:
    """A diagnostic of ``code`` at ``location``; its severity is the one :data:`CODES`
    registers for the code (one truth: no call site chooses it)."""
    return Diagnostic(location, Severity(CODES[code][0]), code, message)


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a misspelt ``value`` (``soruce`` → ``source``), if any is close."""
    hint = difflib.get_close_matches(value[:100], list(choices), n=1, cutoff=0.6)
    return hint[0] if hint else None


def quoted(text: str, limit: int = 60) -> str:
    """User text quoted in a message: on one line, cut short, in quotes."""
    return repr(clip(" ".join(text.split()), limit))


def clip(text: str, limit: int = 80) -> str:
    """User text echoed in a message, cut short so a huge value cannot flood the output."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def relocated(
    diagnostics: list[Diagnostic], path: str, place: Callable[[Location], Location]
) -> list[Diagnostic]:
    """The problems found in ``path`` (a file made from another one, by an import) moved to
    ``place(location)`` in the original, and every place in ``path`` their messages name
    ("also defined at ...") too: the file was never written. Problems elsewhere are kept as
    they are."""
    named = re.compile(re.escape(path) + r":(\d+):(\d+)")

    def moved(message: str) -> str:
        return named.sub(
            lambda found: str(place(Location(path, int(found[1]), int(found[2])))), message
        )

    return [
        replace(d, location=place(d.location), message=moved(d.message))
        if d.location.path == path
        else d
        for d in diagnostics
    ]


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line and column, without repeats."""
    return sorted(set(diagnostics), key=lambda d: d.sort_key)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)

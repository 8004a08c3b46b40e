"""YAML nodes to records: the structural half of validation.

Each file's node tree is walked against the shape FORMAT.md gives: known keys only, the right
type for every value, required keys present. What fits becomes a record; what does not becomes a
diagnostic at the line and column of the offending key or value. Nothing here looks across
records (references, duplicates across files): that is :mod:`tracker.corpus.rules`.

Long because it is one table-driven reader (about 900 lines). The field tables
(``SOURCE_FIELDS``, ``TOPIC_FIELDS``, ``CLAIM_FIELDS``, ...) name for every key its converter,
its JSON Schema and its description, and they drive the validator, ``tracker schema``, fmt's
key order and the exports' columns. Each converter is a few lines next to the tables that use
it; split apart, a reader of one table would have to open three files to see what a key
accepts.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from tracker.corpus.records import (
    RELIABILITY_GRADES,
    SOURCE_KINDS,
    STANCES,
    STATUSES,
    TOPIC_KINDS,
    Answer,
    Claim,
    ContradictionEntry,
    Evidence,
    Implication,
    Mark,
    NumberValue,
    Source,
    Tolerance,
    Topic,
)
from tracker.diagnostics import Code, Diagnostic, Location, clip, diagnose, did_you_mean, quoted
from tracker.reading.dates import DateError, read_date

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")
_DECIMAL = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,3})?")

_YAML = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_YAML + t for t in ("str", "int", "float", "bool", "null"))
TIMESTAMP, SEQ, MAP, MERGE = (_YAML + t for t in ("timestamp", "seq", "map", "merge"))
_KNOWN_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, SEQ, MAP}

_constructor = SafeConstructor()


MAX_DIGITS = 300  # any real figure fits; a float holds it; Python's int limit is far away


def _yaml11_trap(text: str) -> str | None:
    """Why a plain number reads differently in YAML 1.1 (PyYAML) and YAML 1.2 (editors,
    most other tools), or None. Such a spelling is refused rather than read either way."""
    bare = text.lstrip("+-")
    if ":" in bare:
        return (
            f"{text} is a base-60 number to YAML 1.1 but text to YAML 1.2; write the "
            "number in decimal, or quote it as text"
        )
    if "_" in bare:
        plain = text.replace("_", "")
        return f"{text} holds '_', which YAML 1.2 does not read as a number; write {plain}"
    if bare[:2].lower() == "0b":
        return f"{text} is binary to YAML 1.1 but text to YAML 1.2; write it in decimal"
    if bare.isdigit() and len(bare) > 1 and bare[0] == "0":
        return (
            f"{text} is octal to YAML 1.1 but {int(bare)} to YAML 1.2; write it without "
            "the leading zero"
        )
    return None


def _iso_hint(text: str) -> str:
    """How to write a date given in another spelling: the ISO date it spells when only one
    reading is possible ('31/07/2024': write 2024-07-31), else the form."""
    try:
        return f"write {read_date(text)}"
    except DateError:
        return "write YYYY-MM-DD or YYYY-MM-DDTHH:MM"


class Invalid(Exception):
    """A value that does not fit; the diagnostic has been recorded already."""


def _mark(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return {
        STR: f"the text {quoted(node.value, 40)}",
        INT: f"the number {node.value}",
        FLOAT: f"the number {node.value}",
        BOOL: f"the yes/no value {node.value}",
        NULL: "nothing (an empty value)",
        TIMESTAMP: f"the date {node.value}",
    }.get(node.tag, f"a value tagged {node.tag}")


@dataclass
class FileReader:
    """Walks the nodes of one file, recording diagnostics as it goes."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken: set[tuple[str, str]] = field(default_factory=set)  # entries that failed, by id

    def at(self, node: yaml.Node) -> Location:
        line, column = _mark(node)
        return Location(self.path, line, column)

    def fail(self, node: yaml.Node, code: Code, message: str) -> Invalid:
        self.diagnostics.append(diagnose(self.at(node), code, message))
        return Invalid()

    def visit(self, node: yaml.Node) -> None:
        """Refuse tags we do not know. (Aliases of lists and mappings never get here: the
        load stage refuses them from the event stream.)"""
        if node.tag not in _KNOWN_TAGS:
            raise self.fail(
                node,
                Code.TAG,
                f"unknown tag '{node.tag.removeprefix(_YAML)}'; claim files hold "
                "plain text, numbers, dates, lists and mappings only: remove the tag",
            )

    # -- containers ------------------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, what: str, advice: str = ""
    ) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
        """Key/value pairs of a mapping, refusing duplicate, merge and non-text keys."""
        self.visit(node)
        if not isinstance(node, yaml.MappingNode):
            if isinstance(node, yaml.ScalarNode) and re.search(r"\w:\S", node.value):
                advice = advice or "; put a space after each ':' (e.g. `id: a`, not `id:a`)"
            raise self.fail(
                node,
                Code.NOT_A_MAPPING,
                f"{what} must be a mapping (key: value lines), not {_describe(node)}{advice}",
            )
        pairs: list[tuple[yaml.ScalarNode, yaml.Node]] = []
        first: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if key.tag == MERGE:
                self.fail(
                    key,
                    Code.MERGE,
                    "merge keys ('<<') are not supported in claim files; write the keys out",
                )
                continue
            try:
                self.visit(key)
            except Invalid:
                continue
            if not isinstance(key, yaml.ScalarNode) or key.tag == NULL:
                self.fail(
                    key,
                    Code.KEY_NOT_TEXT,
                    f"a key in {what} must be plain text, not {_describe(key)}",
                )
                continue
            if key.value in first:
                line, column = _mark(first[key.value])
                self.fail(
                    key,
                    Code.DUPLICATE_KEY,
                    f"duplicate key '{key.value}' in {what}; it is already set at line "
                    f"{line}, column {column}: keep one of them",
                )
                continue
            first[key.value] = key
            pairs.append((key, value))
        return pairs

    def sequence(self, node: yaml.Node, what: str, advice: str = "") -> list[yaml.Node]:
        self.visit(node)
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(
                node, Code.NOT_A_LIST, f"{what} must be a list, not {_describe(node)}{advice}"
            )
        return list(node.value)

    def fields(
        self,
        node: yaml.Node,
        what: str,
        spec: dict[str, Field],
    ) -> tuple[dict[str, Any], dict[str, Mark]]:
        """Values of the known keys of an entry, checked against ``spec``. Every problem is
        recorded first; then :class:`Invalid` is raised if there was any, so that one bad
        value does not hide the others and no half-read entry escapes."""
        values: dict[str, Any] = {}
        marks: dict[str, Mark] = {"": _mark(node)}
        failed = False
        suggested: set[str] = set()  # a typo's likely meaning is not reported missing too
        pairs = self.mapping(node, what)
        for key, value_node in pairs:
            name = key.value
            if name not in spec:
                hint = did_you_mean(name, spec)
                if hint:
                    suggested.add(hint)
                advice = f"did you mean '{hint}'?" if hint else "allowed keys: " + ", ".join(spec)
                self.fail(key, Code.UNKNOWN_KEY, f"unknown key '{clip(name)}' in {what}; {advice}")
                continue
            marks[name] = _mark(value_node)
            try:
                values[name] = spec[name].convert(self, value_node, f"'{name}' in {what}")
            except Invalid:
                failed = True
        for name, rule in spec.items():
            if rule.required and name not in values and name not in marks:
                failed = True
                if name not in suggested:
                    self.diagnostics.append(
                        diagnose(
                            self.at(node),
                            Code.MISSING_KEY,
                            f"{what} has no '{name}'; add `{name}: {rule.example}`",
                        )
                    )
        if failed:
            raise Invalid()
        return values, marks

    # -- scalars ---------------------------------------------------------------------------

    def scalar(self, node: yaml.Node, what: str, expected: str) -> yaml.ScalarNode:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(
                node, Code.WRONG_TYPE, f"{what} must be {expected}, not {_describe(node)}"
            )
        return node

    def text(self, node: yaml.Node, what: str) -> str:
        """Text as written. A plain ``NO`` or ``1984`` stays text: YAML's yes/no and number
        readings are not applied to fields that hold text (the "Norway problem")."""
        scalar = self.scalar(node, what, "text")
        if scalar.tag == NULL and scalar.style is None:
            raise self.fail(node, Code.EMPTY, f"{what} is empty; write a value or remove the key")
        if not scalar.value.strip():
            raise self.fail(node, Code.EMPTY, f"{what} is empty; write a value or remove the key")
        return str(scalar.value)

    def identifier(self, node: yaml.Node, what: str) -> str:
        value = self.text(node, what)
        check_id(self, node, value, f"'{clip(value)}' ({what})")
        return value

    def number(self, node: yaml.Node, what: str) -> tuple[Fraction, str]:
        scalar = self.scalar(node, what, "a number")
        digits = sum(c.isdigit() for c in scalar.value)
        if digits > MAX_DIGITS and scalar.tag in (STR, INT, FLOAT):
            raise self.fail(
                node,
                Code.NOT_FINITE,
                f"{what} has {digits:,} digits; numbers in claim files have at most {MAX_DIGITS}",
            )
        if scalar.tag in (INT, FLOAT) and not scalar.style:  # plain, not quoted
            reading = _yaml11_trap(scalar.value)
            if reading:
                raise self.fail(node, Code.AMBIGUOUS_NUMBER, f"{what}: {reading}")
        if scalar.tag == STR and _DECIMAL.fullmatch(scalar.value.strip()):
            # YAML 1.1 reads 1e3 or "1197" as text; they are plainly numbers.
            real = float(scalar.value)
            if not math.isfinite(real):
                raise self.fail(
                    node, Code.NOT_FINITE, f"{what} must be a finite number, not {scalar.value}"
                )
            exact = Fraction(scalar.value.strip())
            return exact, str(exact) if exact.denominator == 1 else repr(real)
        if scalar.tag not in (INT, FLOAT):
            advice = ""
            if scalar.tag == STR and re.fullmatch(r"[\d,.\s]+", scalar.value):
                plain = re.sub(r"[,\s]", "", scalar.value)[:40]
                advice = f" (write it without thousands separators: {plain})"
            raise self.fail(
                node, Code.NOT_A_NUMBER, f"{what} must be a number, not {_describe(scalar)}{advice}"
            )
        try:
            if scalar.tag == INT:
                whole = _constructor.construct_yaml_int(scalar)
                return Fraction(whole), str(whole)
            real = _constructor.construct_yaml_float(scalar)
        except (ValueError, ConstructorError):
            raise self.fail(
                node, Code.NOT_A_NUMBER, f"{what}: {quoted(scalar.value, 40)} is not a number"
            ) from None
        if not math.isfinite(real):
            raise self.fail(
                node, Code.NOT_FINITE, f"{what} must be a finite number, not {scalar.value}"
            )
        return Fraction(repr(real)), repr(real).removesuffix(".0")

    def date(self, node: yaml.Node, what: str) -> str:
        scalar = self.scalar(node, what, "a date")
        if scalar.tag == TIMESTAMP:
            try:
                value = _constructor.construct_yaml_timestamp(scalar)
            except (ValueError, ConstructorError) as exc:
                raise self.fail(
                    node,
                    Code.DATE,
                    f"{what}: {scalar.value} is not a real date ({exc}); check the day and month",
                ) from None
            return value.isoformat()
        if scalar.tag == STR:
            text = scalar.value.strip()
            try:
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                    return dt.date.fromisoformat(text).isoformat()
                return dt.datetime.fromisoformat(text).isoformat()
            except ValueError:
                raise self.fail(
                    node, Code.DATE, f"{what}: {text!r} is not an ISO date; {_iso_hint(text)}"
                ) from None
        raise self.fail(
            node,
            Code.DATE,
            f"{what} must be an ISO date such as 2024-07-31, not {_describe(scalar)}",
        )


def check_id(reader: FileReader, node: yaml.Node, value: str, subject: str) -> None:
    """``subject`` names the id in the message, e.g. "source id 'x'"."""
    if not ID_PATTERN.fullmatch(value):
        suggestion = re.sub(r"[^a-z0-9._-]+", "-", value[:80].lower()).strip("-._") or "x"
        raise reader.fail(
            node,
            Code.ID,
            f"{subject} is not a valid id: ids use lower-case letters, digits, '.', '_' and "
            f"'-', starting with a letter or digit (e.g. '{suggestion}')",
        )


Converter = Callable[[FileReader, yaml.Node, str], Any]


@dataclass(frozen=True)
class Field:
    """One key of an entry: how its value is read, and how the JSON Schema for editors
    describes it (tracker/corpus/schema.py builds the schema from these, so the validator and
    the schema are written once)."""

    convert: Converter
    required: bool = False
    example: str = "..."
    schema: dict[str, Any] = field(default_factory=dict)
    description: str = ""


# -- converters ------------------------------------------------------------------------------


def _text(r: FileReader, n: yaml.Node, what: str) -> str:
    return r.text(n, what)


def _identifier(r: FileReader, n: yaml.Node, what: str) -> str:
    return r.identifier(n, what)


def _choice(options: tuple[str, ...]) -> Converter:
    def convert(r: FileReader, n: yaml.Node, what: str) -> str:
        value = r.text(n, what)
        if value not in options:
            hint = did_you_mean(value.lower(), options)
            advice = f"did you mean '{hint}'? " if hint else ""
            raise r.fail(
                n,
                Code.NOT_AN_OPTION,
                f"{what} is '{clip(value)}'; {advice}use one of: {', '.join(options)}",
            )
        return value

    return convert


def _reliability(r: FileReader, n: yaml.Node, what: str) -> str:
    value = r.text(n, what)
    if value not in RELIABILITY_GRADES:
        advice = (
            f" (write it in capitals: '{value.upper()}')"
            if value.upper() in RELIABILITY_GRADES
            else ""
        )
        raise r.fail(
            n,
            Code.RELIABILITY_GRADE,
            f"{what} is '{clip(value)}'; use a grade of the Admiralty scale, "
            f"A (reliable) to F (cannot be judged){advice}",
        )
    return value


def _list_of(
    item: Converter,
    *,
    allow_single: bool = False,
    min_items: int = 0,
) -> Callable[[FileReader, yaml.Node, str], tuple[tuple[Any, Mark], ...]]:
    """A list whose items are converted one by one; each item keeps its mark."""

    def convert(r: FileReader, n: yaml.Node, what: str) -> tuple[tuple[Any, Mark], ...]:
        if allow_single and isinstance(n, yaml.ScalarNode) and n.tag != NULL:
            return ((item(r, n, what), _mark(n)),)
        items: list[tuple[Any, Mark]] = []
        bad = False
        for index, child in enumerate(r.sequence(n, what)):
            try:
                items.append((item(r, child, f"item {index + 1} of {what}"), _mark(child)))
            except Invalid:
                bad = True
        if bad:
            raise Invalid()
        if len(items) < min_items:
            raise r.fail(
                n,
                Code.TOO_FEW_ITEMS,
                f"{what} must list at least {min_items} item{'s' * (min_items != 1)}",
            )
        return tuple(items)

    return convert


def _date(r: FileReader, n: yaml.Node, what: str) -> str:
    return r.date(n, what)


def _range_end(r: FileReader, n: yaml.Node, what: str) -> tuple[Fraction | None, str]:
    if isinstance(n, yaml.ScalarNode) and n.tag == NULL:
        return None, ""  # an open end: [300, null] is "at least 300"
    return r.number(n, f"{what} range end")


def _value(r: FileReader, n: yaml.Node, what: str) -> NumberValue:
    if isinstance(n, yaml.SequenceNode):
        items = r.sequence(n, what)
        if len(items) != 2:
            raise r.fail(
                n,
                Code.RANGE_SHAPE,
                f"{what} as a range must be [low, high], with two numbers, not {len(items)}",
            )
        (low, low_text), (high, high_text) = (_range_end(r, i, what) for i in items)
        if low is None and high is None:
            raise r.fail(
                n,
                Code.RANGE_SHAPE,
                f"{what} has no number: write [low, null] for 'at least low' or "
                "[null, high] for 'at most high'",
            )
        if low is None:
            return NumberValue(None, high, f"≤ {high_text}")
        if high is None:
            return NumberValue(low, None, f"≥ {low_text}")
        if low > high:
            raise r.fail(
                n,
                Code.RANGE_BACKWARDS,
                f"{what}: the range [{low_text}, {high_text}] runs "
                f"backwards; write [{high_text}, {low_text}]",
            )
        return NumberValue(low, high, f"{low_text} to {high_text}")
    number, text = r.number(n, what)
    return NumberValue(number, number, text)


def _boolean(r: FileReader, n: yaml.Node, what: str) -> bool:
    scalar = r.scalar(n, what, "true or false")
    if scalar.tag != BOOL or scalar.value.lower() not in ("true", "false"):
        raise r.fail(
            n, Code.NOT_A_BOOLEAN, f"{what} must be true or false, not {_describe(scalar)}"
        )
    return str(scalar.value).lower() == "true"


# position, the positions of its own topic it includes, and its answers on other topics
Implied = tuple[str, tuple[str, ...], tuple[tuple[Implication, Mark], ...]]
ImplicationItems = tuple[tuple[Implied, Mark], ...]


def _implication(r: FileReader, n: yaml.Node, what: str) -> ImplicationItems:
    """`implies`: a mapping of a position to what it includes: positions of the same topic
    (text), and answers on other topics (``{topic: t, position: p}`` or ``{topic: t,
    denies: p}``)."""
    found: list[tuple[Implied, Mark]] = []
    bad = False
    for key, value in r.mapping(n, what):
        try:
            position = r.text(key, what)
            items = _list_of(_implied, allow_single=True, min_items=1)(
                r, value, f"what '{clip(position)}' implies in {what}"
            )
        except Invalid:
            bad = True
            continue
        within = tuple(item for item, _ in items if isinstance(item, str))
        across = tuple(
            (Implication(position, *item), mark) for item, mark in items if isinstance(item, tuple)
        )
        found.append(((position, within, across), _mark(key)))
    if bad:
        raise Invalid()
    return tuple(found)


def _implied(r: FileReader, n: yaml.Node, what: str) -> str | tuple[str, str, str]:
    """One thing a position implies: a position of its own topic, or (topic, answer, stance)
    on another topic."""
    if not isinstance(n, yaml.MappingNode):
        return r.text(n, what)
    values, _ = r.fields(n, what, IMPLICATION_FIELDS)
    given = [key for key in ("position", "denies") if key in values]
    if len(given) != 1:
        raise r.fail(
            n,
            Code.IMPLICATION_TARGET,
            f"{what} names topic '{clip(values['topic'])}' and must give one answer on it: "
            "`position: <answer>` (it asserts it) or `denies: <answer>` (it denies it)"
            + (", not both" if given else ""),
        )
    stance = "denies" if given[0] == "denies" else "asserts"
    return values["topic"], values[given[0]], stance


def _answer(r: FileReader, n: yaml.Node, what: str) -> tuple[Answer, dict[str, Mark]]:
    """One further answer of a claim, with where each of its keys was written."""
    values, marks = r.fields(n, what, ANSWER_FIELDS)
    return Answer(**values), marks


def _tolerance(r: FileReader, n: yaml.Node, what: str) -> Tolerance:
    scalar = r.scalar(n, what, "a number or a percentage")
    if scalar.tag == STR:
        match = re.fullmatch(r"\s*(\d{1,30}(?:\.\d{1,30})?)\s*%\s*", scalar.value)
        if not match:
            raise r.fail(
                n,
                Code.TOLERANCE_FORMAT,
                f"{what} is {quoted(scalar.value, 40)}; write an absolute amount "
                '(e.g. 5) or a percentage (e.g. "2%")',
            )
        return Tolerance(Fraction(match.group(1)), relative=True)
    amount, text = r.number(n, what)
    if amount < 0:
        raise r.fail(n, Code.NEGATIVE_TOLERANCE, f"{what} must not be negative, not {text}")
    return Tolerance(amount)


def _pair(r: FileReader, n: yaml.Node, what: str) -> tuple[str, str]:
    items = r.sequence(n, what)
    if len(items) != 2:
        raise r.fail(
            n,
            Code.PAIR_SHAPE,
            f"{what} must be a pair of positions, [a, b], not {len(items)} items",
        )
    return r.text(items[0], what), r.text(items[1], what)


def _evidence(r: FileReader, n: yaml.Node, what: str) -> Evidence:
    values, marks = r.fields(n, what, EVIDENCE_FIELDS)
    return Evidence(values["document"], values.get("quote"), marks["document"], marks.get("quote"))


# JSON Schema fragments of the kinds of value (YAML 1.2 editors read plain `NO`, `1984` and
# `2024-07-31` as a boolean, a number and a string; the validator reads text fields as text).
_DECIMAL_TEXT = r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?\s*$"
TEXT: dict[str, Any] = {"type": ["string", "number", "boolean"], "pattern": r"\S"}
IDENTIFIER: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$"},
        {"type": "number", "minimum": 0},
        {"type": "boolean"},
    ]
}
DATE: dict[str, Any] = {
    "type": "string",
    "anyOf": [
        {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        {
            "pattern": r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
            r"([Zz]|[+-]\d{2}(:?\d{2})?)?$"
        },
    ],
}
NUMBER: dict[str, Any] = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": _DECIMAL_TEXT}]
}
BOUND: dict[str, Any] = {"anyOf": [NUMBER, {"type": "null"}]}
VALUE: dict[str, Any] = {
    "anyOf": [
        NUMBER,
        {
            "type": "array",
            "items": BOUND,
            "minItems": 2,
            "maxItems": 2,
            "not": {"items": {"type": "null"}},
        },
    ]
}
TOLERANCE: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": r"^\s*\d{1,30}(\.\d{1,30})?\s*%\s*$"},
    ]
}


def _one_or_many(item: dict[str, Any], *, min_items: int = 0) -> dict[str, Any]:
    many: dict[str, Any] = {"type": "array", "items": item, "uniqueItems": True}
    if min_items:
        many["minItems"] = min_items
    return {"anyOf": [item, many]}


def _many(item: dict[str, Any], *, min_items: int = 0, unique: bool = False) -> dict[str, Any]:
    many: dict[str, Any] = {"type": "array", "items": item}
    if min_items:
        many["minItems"] = min_items
    if unique:
        many["uniqueItems"] = True
    return many


EVIDENCE_FIELDS = {
    "document": Field(
        _text,
        required=True,
        example="seeds/article.txt",
        schema=TEXT,
        description="A file under seeds/ (relative to the folder that holds the claims "
        "folder), or a URL",
    ),
    "quote": Field(
        _text,
        schema=TEXT,
        description="Words copied from the document; a local document must contain them",
    ),
}

SOURCE_FIELDS = {
    "name": Field(
        _text,
        required=True,
        example="The New York Times",
        schema=TEXT,
        description="The source's name, as reports show it",
    ),
    "kind": Field(
        _choice(SOURCE_KINDS),
        schema={"enum": list(SOURCE_KINDS)},
        description="What kind of source it is",
    ),
    "country": Field(_text, schema=TEXT, description="Country, e.g. US or IR"),
    "affiliation": Field(_text, schema=TEXT, description="Free text, e.g. IRGC-affiliated"),
    "reliability": Field(
        _reliability,
        schema={"enum": list(RELIABILITY_GRADES)},
        description="Admiralty scale: A reliable ... E unreliable, F cannot be judged",
    ),
    "url": Field(_text, schema=TEXT, description="The source's web address"),
    "notes": Field(_text, schema=TEXT, description="Anything a reader should know"),
    "part_of": Field(
        _identifier,
        schema=IDENTIFIER,
        description="The source this one belongs to (a prosecutor: a government); counted "
        "as one independent origin with it",
    ),
}

TOPIC_FIELDS = {
    "question": Field(
        _text,
        required=True,
        example="How was Ismail Haniyeh killed?",
        schema=TEXT,
        description="The question the claims answer",
    ),
    "kind": Field(
        _choice(TOPIC_KINDS),
        schema={"enum": list(TOPIC_KINDS)},
        description="choice (answers are positions, the default) or number (answers are values)",
    ),
    "positions": Field(
        _list_of(_text, min_items=1),
        schema=_many(TEXT, min_items=1, unique=True),
        description="The answers allowed (choice topics); any other position is an error",
    ),
    "compatible": Field(
        _list_of(_pair),
        schema=_many({"type": "array", "items": TEXT, "minItems": 2, "maxItems": 2}),
        description="Pairs of positions that can both be true",
    ),
    "unit": Field(_text, schema=TEXT, description="The unit of the values (number topics)"),
    "tolerance": Field(
        _tolerance,
        schema=TOLERANCE,
        description="How far apart two values may be and agree: an amount (5) or a share "
        'of the larger ("2%")',
    ),
    "cumulative": Field(
        _boolean,
        schema={"type": "boolean"},
        description="A running total (number topics): a later as_of may not be lower",
    ),
    "implies": Field(
        _implication,
        schema={
            "type": "object",
            "additionalProperties": _one_or_many(
                {"anyOf": [TEXT, {"$ref": "#/definitions/implication"}]}, min_items=1
            ),
        },
        description="A position mapped to what it includes: positions of this topic, and "
        "answers on other topics ({topic: t, position: p} or {topic: t, denies: p})",
    ),
}

# The keys an answer is given with, in a claim and in each of its further answers.
POSITION = Field(_text, schema=TEXT, description="The answer given (choice topics)")
STANCE = Field(
    _choice(STANCES),
    schema={"enum": list(STANCES)},
    description="asserts (default) or denies the position",
)

IMPLICATION_FIELDS = {
    "topic": Field(
        _identifier,
        required=True,
        example="<another topic's id>",
        schema=IDENTIFIER,
        description="The other topic this position answers",
    ),
    "position": Field(
        _text, schema=TEXT, description="The answer it asserts on that topic (or 'denies')"
    ),
    "denies": Field(
        _text, schema=TEXT, description="The answer it denies on that topic (or 'position')"
    ),
}

ANSWER_FIELDS = {
    "topic": Field(
        _identifier,
        required=True,
        example="<id of another topic the claim answers>",
        schema=IDENTIFIER,
        description="Another topic the claim answers",
    ),
    "position": POSITION,
    "stance": STANCE,
    "value": Field(
        _value,
        schema=VALUE,
        description="A number, a range or a bound (number topics)",
    ),
}

CLAIM_FIELDS = {
    "id": Field(
        _identifier,
        required=True,
        example="short-claim-id",
        schema=IDENTIFIER,
        description="The claim's id: lower-case letters, digits, '.', '_', '-'",
    ),
    "text": Field(
        _text,
        required=True,
        example="what the source says, in one sentence",
        schema=TEXT,
        description="What the source says, in one sentence",
    ),
    "source": Field(
        _identifier,
        required=True,
        example="<id of the source that originated it>",
        schema=IDENTIFIER,
        description="The source that originated the claim",
    ),
    "via": Field(
        _list_of(_identifier, allow_single=True),
        schema=_one_or_many(IDENTIFIER),
        description="The sources that relayed it, nearest the originator first",
    ),
    "date": Field(_date, schema=DATE, description="When it was said (ISO date or date-time)"),
    "as_of": Field(
        _date,
        schema=DATE,
        description="When the answer holds; claims with different as_of are not compared",
    ),
    "topic": Field(_identifier, schema=IDENTIFIER, description="The topic the claim answers"),
    "position": POSITION,
    "stance": STANCE,
    "value": Field(
        _value,
        schema=VALUE,
        description="A number, a range [low, high], or a bound: [300, null] is at least "
        "300, [null, 50] at most 50 (number topics)",
    ),
    "tolerance": Field(
        _tolerance,
        schema=TOLERANCE,
        description="Overrides the topic's tolerance for this claim",
    ),
    "supersedes": Field(
        _list_of(_identifier, allow_single=True, min_items=1),
        schema=_one_or_many(IDENTIFIER, min_items=1),
        description="Claims this one revises (same originator, or the relay that carried them)",
    ),
    "retracted": Field(_date, schema=DATE, description="When the source withdrew the claim"),
    "answers": Field(
        _list_of(_answer, min_items=1),
        schema=_many({"$ref": "#/definitions/answer"}, min_items=1),
        description="Further answers, each to another topic: {topic, position, stance} or "
        "{topic, value}",
    ),
    "evidence": Field(
        _list_of(_evidence),
        schema=_many({"$ref": "#/definitions/evidence"}),
        description="Documents the claim comes from, with the words quoted",
    ),
    "tags": Field(
        _list_of(_text, allow_single=True),
        schema=_one_or_many(TEXT),
        description="Free words to group claims by",
    ),
}

CONTRADICTION_FIELDS = {
    "id": Field(
        _identifier,
        schema=IDENTIFIER,
        description="A stable id for an explicit contradiction (optional)",
    ),
    "claims": Field(
        _list_of(_identifier, min_items=2),
        required=True,
        example="[claim-a, claim-b]",
        schema=_many(IDENTIFIER, min_items=2, unique=True),
        description="Two or more claims that contradict each other",
    ),
    "note": Field(_text, schema=TEXT, description="Why they contradict, or what is known"),
    "status": Field(
        _choice(STATUSES),
        schema={"enum": list(STATUSES)},
        description="open (default), resolved or dismissed",
    ),
    "upheld": Field(
        _identifier,
        schema=IDENTIFIER,
        description="With status resolved: the claim that stands",
    ),
    "resolution": Field(_text, schema=TEXT, description="How it was resolved or dismissed"),
}

TOP_LEVEL_KEYS = ("sources", "topics", "claims", "contradictions")


def _items(values: dict[str, Any], key: str) -> tuple[Any, ...]:
    items = values.get(key)
    return () if items is None else tuple(v for v, _ in items)


def _item_marks(values: dict[str, Any], key: str, marks: dict[str, Mark]) -> None:
    items = values.get(key)
    if items:
        for index, (_, mark) in enumerate(items):
            marks[f"{key}.{index}"] = mark


@dataclass
class FileRecords:
    """Everything one file declares, in file order."""

    sources: list[Source] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    contradictions: list[ContradictionEntry] = field(default_factory=list)
    broken: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) that failed
    suppressions: dict[int, frozenset[str]] = field(default_factory=dict)  # line -> codes
    # A file that does not parse: every word of it that could be an id (None: it parsed).
    words: frozenset[str] | None = None


def read_records(path: str, root: yaml.Node | None) -> tuple[FileRecords, list[Diagnostic]]:
    """The records of one parsed file, and the structural problems found on the way."""
    reader = FileReader(path)
    records = FileRecords()
    if root is None:
        return records, []
    if isinstance(root, yaml.ScalarNode) and root.tag == NULL:
        return records, []  # a file holding only comments
    try:
        pairs = reader.mapping(root, "a claim file")
    except Invalid:
        reader.diagnostics[-1] = diagnose(
            reader.at(root),
            Code.FILE_NOT_MAPPING,
            f"a claim file must be a mapping with the keys {', '.join(TOP_LEVEL_KEYS)}, "
            f"not {_describe(root)}",
        )
        return records, reader.diagnostics
    for key, node in pairs:
        section = key.value
        if section not in TOP_LEVEL_KEYS:
            hint = did_you_mean(section, TOP_LEVEL_KEYS)
            advice = (
                f"did you mean '{hint}'?"
                if hint
                else ("a file holds only " + ", ".join(TOP_LEVEL_KEYS))
            )
            reader.fail(key, Code.UNKNOWN_KEY, f"unknown top-level key '{clip(section)}'; {advice}")
            continue
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL:
            continue  # an empty section, e.g. "claims:" with nothing under it yet
        try:
            for record in _SECTION_READERS[section](reader, node):
                getattr(records, section).append(record)
        except Invalid:
            continue
    records.broken = reader.broken
    return records, reader.diagnostics


def _keyed_entries(
    r: FileReader, node: yaml.Node, kind: str, spec: dict[str, Field], example: str
) -> Iterator[tuple[str, dict[str, Any], dict[str, Mark]]]:
    """The entries of a section keyed by id (sources, topics): each id checked, each entry's
    fields read; an entry that fails is remembered by id (see Corpus.broken) and skipped."""
    advice = f"; write each {kind} as `id: {{{example}: ...}}`, without '- '"
    for key, entry in r.mapping(node, f"'{kind}s'", advice):
        try:
            check_id(r, key, key.value, f"{kind} id '{clip(key.value)}'")
            values, marks = r.fields(entry, f"{kind} '{key.value}'", spec)
        except Invalid:
            r.broken.add((kind, str(key.value)))
            continue
        marks["id"] = _mark(key)
        yield str(key.value), values, marks


def _read_sources(r: FileReader, node: yaml.Node) -> Iterator[Source]:
    for ident, values, marks in _keyed_entries(r, node, "source", SOURCE_FIELDS, "name"):
        yield Source(ident, r.path, marks=marks, **values)


def _read_topics(r: FileReader, node: yaml.Node) -> Iterator[Topic]:
    for ident, values, marks in _keyed_entries(r, node, "topic", TOPIC_FIELDS, "question"):
        for key in ("positions", "compatible", "implies"):
            _item_marks(values, key, marks)
        positions = values.pop("positions", None)
        values["compatible"] = _items(values, "compatible")
        implications = _items(values, "implies")
        values["implies"] = tuple((position, within) for position, within, _ in implications)
        across = [item for _, _, items in implications for item in items]
        for index, (_, mark) in enumerate(across):
            marks[f"implies_across.{index}"] = mark
        values["implies_across"] = tuple(implication for implication, _ in across)
        yield Topic(
            ident,
            r.path,
            marks=marks,
            positions=None if positions is None else tuple(v for v, _ in positions),
            **values,
        )


def _read_claims(r: FileReader, node: yaml.Node) -> Iterator[Claim]:
    advice = "; start each claim with '- ' (e.g. `- id: a`)"
    for index, entry in enumerate(r.sequence(node, "'claims'", advice)):
        what = f"claim {index + 1}"
        written_id = ""
        if isinstance(entry, yaml.MappingNode):
            for key, value in entry.value:
                if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode):
                    written_id = str(value.value)
                    what = f"claim '{clip(written_id)}'"
        try:
            values, marks = r.fields(entry, what, CLAIM_FIELDS)
        except Invalid:
            r.broken.add(("claim", written_id))
            continue
        for key in ("via", "evidence", "tags", "supersedes", "answers"):
            _item_marks(values, key, marks)
            values[key] = _items(values, key)
        for index, (_, answer_marks) in enumerate(values["answers"]):
            for key, mark in answer_marks.items():
                if key:
                    marks[f"answers.{index}.{key}"] = mark
        values["answers"] = tuple(answer for answer, _ in values["answers"])
        yield Claim(path=r.path, marks=marks, **values)


def _read_contradictions(r: FileReader, node: yaml.Node) -> Iterator[ContradictionEntry]:
    advice = "; start each entry with '- ' (e.g. `- claims: [a, b]`)"
    for index, entry in enumerate(r.sequence(node, "'contradictions'", advice)):
        what = f"contradiction {index + 1}"
        try:
            values, marks = r.fields(entry, what, CONTRADICTION_FIELDS)
        except Invalid:
            continue
        _item_marks(values, "claims", marks)
        claims = _items(values, "claims")
        values["claims"] = claims
        given = "id" in values
        entry_id = values.pop("id", None) or "+".join(sorted(set(claims)))
        yield ContradictionEntry(entry_id, r.path, marks=marks, given_id=given, **values)


_SECTION_READERS: dict[str, Callable[[FileReader, yaml.Node], Iterator[Any]]] = {
    "sources": _read_sources,
    "topics": _read_topics,
    "claims": _read_claims,
    "contradictions": _read_contradictions,
}

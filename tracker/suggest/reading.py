"""One claim's text, read once: its words, what it negates and in which clause, the figures
it gives with what they count, the dates and names it holds, and its words that have an
opposite. :mod:`tracker.suggest.cues` compares two readings; :mod:`tracker.suggest.topics`
reads an answer from one.

The word lists it reads with are in :mod:`tracker.suggest.vocabulary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from sys import intern

from tracker.suggest.vocabulary import (
    FILLER,
    MONTHS,
    NEGATIONS,
    NUMBER_WORDS,
    OPPOSABLE,
    SCALES,
    STOP,
    WEEKDAYS,
    WORD,
    listed,
)

SCOPE_BEFORE, SCOPE_AFTER = 7, 9  # the words around a negation that it speaks of


def words(text: str) -> list[str]:
    """The words and figures of a text, in order, as written."""
    return WORD.findall(text)


# Phrases whose negative word affirms ("there is no doubt", "nothing more than a crime").
AFFIRMING = (("no", "doubt"), ("not", "only"), ("nothing", "more"), ("nothing", "less"))


# Verbs of answering: a negation that falls on one ("has not commented", "did not confirm",
# "no comment") says a source kept silent, which denies nothing.
SILENCE = listed(
    """comment commented commenting comments confirm confirmed confirming respond responded
    responding reply replied acknowledge acknowledged address addressed"""
)
SILENCE_REACH = 3  # words after the negation ("has not directly commented")


def _may_negate(distinct: frozenset[str]) -> bool:
    return not distinct.isdisjoint(NEGATIONS) or any(
        w.endswith(("n't", "n\u2019t")) for w in distinct
    )


def _negations(lowered: list[str]) -> list[tuple[int, bool]]:
    """Each negative word's position, and whether it falls on a verb of answering."""
    return [
        (i, not SILENCE.isdisjoint(lowered[i + 1 : i + 1 + SILENCE_REACH]))
        for i, word in enumerate(lowered)
        if word in NEGATIONS or word.endswith(("n't", "n\u2019t"))
    ]


def _denying(lowered: list[str], found: list[tuple[int, bool]]) -> list[int]:
    """Of the negative words ``found``, the positions of those that deny: not those that
    only keep silent, nor those of an affirming phrase ("no doubt")."""
    return [i for i, silent in found if not silent and tuple(lowered[i : i + 2]) not in AFFIRMING]


def negated(tokens: list[str]) -> list[int]:
    """Positions of the words that negate or deny (not those that only keep silent)."""
    lowered = [t.lower() for t in tokens]
    return _denying(lowered, _negations(lowered))


# Words before a figure that make it a bound or an estimate.
AT_LEAST = listed("more over above exceeding least upwards beyond")
AT_MOST = listed("less fewer under below most up")
ROUGHLY = listed("about around roughly some nearly almost approximately estimated")


@dataclass(frozen=True)
class Figure:
    amount: Fraction
    size: float  # the amount as a float: pairs are compared by the hundred thousand
    text: str  # as written: "2,000", "465 thousand", "ten"
    unit: str  # what it counts, one spelling ("tonne", "kg"), "time" for 19:03, or ""
    bound: str = ""  # "≥" (more than 100), "≤" (up to 50), "~" (about 30) or ""

    def agrees(self, other: Figure, tolerance: float) -> bool:
        """Whether two figures for one thing can both hold: equal within the tolerance
        (wider for estimates), or on the side of a bound it allows."""
        if self.bound == "≥" and other.size >= self.size:
            return True
        if self.bound == "≤" and other.size <= self.size:
            return True
        if other.bound in ("≥", "≤"):
            return other.agrees(self, tolerance)
        if self.bound == "~" or other.bound == "~":
            tolerance = max(tolerance, 0.25)
        larger = max(abs(self.size), abs(other.size))
        return not larger or abs(self.size - other.size) / larger <= tolerance


# Units of time that, followed by one of RELATIVE, measure from some other event ("two days
# before the invasion"): such a figure dates, it does not count the thing talked about.
SPANS = listed("minute hour day week month year")
RELATIVE = listed("before after later earlier ago")


def _unit_after(tokens: list[str], index: int) -> str:
    for position in range(index + 1, min(index + 4, len(tokens))):
        token = tokens[position]
        lowered = token.lower()
        if lowered in FILLER or lowered in SCALES:
            continue
        if token[0].isdigit() or token[0].isupper():
            return ""  # another figure, or a name ("One of the Nord Stream strings")
        unit = singular(lowered)
        after = tokens[position + 1].lower() if position + 1 < len(tokens) else ""
        if unit in SPANS and after in RELATIVE:
            return ""
        return unit
    return ""


# Spellings of one unit, to one name: "100 kilograms" and "several hundred kilos" count alike.
UNIT_ALIASES = {
    "kilogram": "kg",
    "kilo": "kg",
    "kilogramme": "kg",
    "ton": "tonne",
    "t": "tonne",
    "meter": "metre",
    "m": "metre",
    "kilometre": "km",
    "kilometer": "km",
    "person": "people",
    "dead": "people",
    "percent": "%",
}


def singular(word: str) -> str:
    """The unit a word names, in one spelling: plural and alias folded ("kilos" -> "kg")."""
    if len(word) > 3 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return UNIT_ALIASES.get(word, word)


def unit_words(unit: str) -> frozenset[str]:
    """The words of a topic's unit that a figure's unit may match ("tonnes of methane":
    tonne, methane)."""
    return frozenset(singular(w.lower()) for w in words(unit) if w.lower() not in STOP)


def figures(tokens: list[str]) -> list[Figure]:
    """The figures of a text with what each counts. Years (1900-2100 before or after a
    month) and day numbers of dates are left out: they date, they do not count."""
    found: list[Figure] = []
    lowered = [t.lower() for t in tokens]
    for i, token in enumerate(tokens):
        if token[0].isdigit():
            near_month = not MONTHS.isdisjoint(lowered[max(0, i - 1) : i + 2])
            if ":" in token:
                clock = Fraction(token.replace(":", ""))
                found.append(Figure(clock, float(clock), token, "time"))
                continue
            try:
                amount = Fraction(token.replace(",", ""))
            except ValueError:
                continue
            year = len(token) == 4 and token.isdigit() and 1900 <= amount <= 2100
            if near_month or year:
                continue  # a date, not a count ("June 2022"; "2,000" is a count)
        elif lowered[i] in NUMBER_WORDS and not (i and lowered[i - 1] in ("one", "a")):
            amount = Fraction(NUMBER_WORDS[lowered[i]])
        else:
            continue
        if i > 1 and tokens[i - 1][:1].isupper() and lowered[i - 1] not in STOP:
            continue  # part of a name: "Nord Stream 2", "BALTOPS 22"
        text = token
        if i + 1 < len(tokens) and lowered[i + 1] in SCALES:
            amount *= SCALES[lowered[i + 1]]
            text = f"{token} {tokens[i + 1]}"
        unit = _unit_after(tokens, i)
        if unit:
            bound = _bound(lowered[max(0, i - 3) : i])
            found.append(Figure(amount, float(amount), text, unit, bound))
    return found


def _bound(before: list[str]) -> str:
    if set(before) & AT_LEAST and (
        "than" in before or "least" in before or before[-1:] in (["over"], ["above"], ["exceeding"])
    ):
        return "≥"
    if set(before) & AT_MOST and (
        "than" in before
        or "to" in before
        or "most" in before
        or before[-1:] in (["under"], ["below"])
    ):
        return "≤"
    if set(before) & ROUGHLY:
        return "~"
    return ""


@lru_cache(maxsize=1 << 16)
def reading(text: str) -> Reading:
    return Reading.of(text)


@dataclass(frozen=True)
class Reading:
    """What the cues need of one text, worked out once per claim. Words are interned: a
    corpus of 100,000 claims repeats a vocabulary of a few tens of thousands of words, and
    its claims' word sets then share the strings instead of holding copies."""

    text: str
    lowered: frozenset[str]
    negations: tuple[int, ...]  # positions (in ``tokens``) of the words that negate
    scope: frozenset[str]  # the words the first negation speaks of (see SCOPE_BEFORE)
    figures: tuple[Figure, ...]
    months: frozenset[str]
    weekdays: frozenset[str]
    capitals: frozenset[str]  # capitalised words: names, and words that open a sentence
    opposable: tuple[str, ...]  # its words that have an opposite (ANTONYMS), sorted
    silent: bool = False  # the source kept silent ("has not commented"): it answers nothing

    @property
    def tokens(self) -> list[str]:
        """The words and figures, as written (read again: only reasons shown need them)."""
        return words(self.text)

    def may_meet(self, other: Reading) -> bool:
        """Whether any cue can hold between the two texts: a negation on one side only,
        figures, words with opposites, or dates on both. (Most pairs have none: this keeps
        :func:`cues` off them.)"""
        return (
            bool(self.negations) != bool(other.negations)
            or bool(self.figures and other.figures)
            or bool(self.opposable and other.opposable)
            or bool(self.months and other.months)
            or bool(self.weekdays and other.weekdays)
        )

    @classmethod
    def of(cls, text: str) -> Reading:
        tokens = words(text)
        lowered = [intern(t.lower()) for t in tokens]
        distinct = frozenset(lowered)
        months, weekdays = distinct & MONTHS or _NONE, distinct & WEEKDAYS or _NONE
        has_figure = any(t[0].isdigit() for t in tokens) or not distinct.isdisjoint(NUMBER_WORDS)
        found = _negations(lowered) if _may_negate(distinct) else []
        negations = tuple(_denying(lowered, found))
        scope = _negated_clause(text) if negations else _NONE
        capitals = frozenset(
            low
            for t, low in zip(tokens, lowered, strict=True)
            if t[0].isupper() and low not in STOP and low not in months and low not in weekdays
        )
        return cls(
            text,
            distinct,
            negations,
            scope,
            tuple(figures(tokens)) if has_figure else (),
            months,
            weekdays,
            capitals or _NONE,
            tuple(sorted(distinct & OPPOSABLE)),
            any(silent for _, silent in found),
        )


_NONE: frozenset[str] = frozenset()
# Where a clause ends: a negation speaks of its own clause, not of the next ("no evidence of
# an Israeli strike; a Palestinian rocket is the likely cause").
_CLAUSE_END = re.compile(r"[;:!?]|\.(?:\s|$)|,\s+(?:but|while|whereas)\b|\s+but\s+")


def _negated_clause(text: str) -> frozenset[str]:
    """The words the first negation of ``text`` speaks of: those of its clause, at most
    SCOPE_BEFORE before it and SCOPE_AFTER after it."""
    for clause in _CLAUSE_END.split(text):
        tokens = words(clause)
        found = negated(tokens)
        if found:
            at = found[0]
            window = tokens[max(0, at - SCOPE_BEFORE) : at + SCOPE_AFTER]
            return frozenset(intern(t.lower()) for t in window)
    return _NONE

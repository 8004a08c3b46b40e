"""The general English word lists a reading uses: negations, opposites, month and weekday
names, number words, and words too common to name anything. Not words of one story."""

from __future__ import annotations

import re

APOSTROPHES = "'\u2019"  # typed and typographic
WORD = re.compile(rf"[^\W\d_](?:[\w{APOSTROPHES}-]*\w)?|\d[\d,]*(?:\.\d+)?(?::\d\d)?", re.UNICODE)


def listed(text: str) -> frozenset[str]:
    """The words of a list written as one string (easier to read and edit than a literal)."""
    return frozenset(text.split())


# Words that deny or negate what a sentence says (lower case; "n't" endings count too).
NEGATIONS = listed(
    """not no never none nothing nobody neither nor without cannot deny denies denied
    denial rejects rejected rejecting false untrue nonsense absurd fabricated fabrication
    fiction baseless groundless refutes refuted dismissed dismisses hoax myth unfounded
    stupid"""
)
# Pairs of words with opposite meanings: one on each side is a cue. General English, not
# words of one story.
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("intact", "destroyed"),
    ("intact", "damaged"),
    ("intact", "wrecked"),
    ("undamaged", "destroyed"),
    ("undamaged", "wrecked"),
    ("undamaged", "damaged"),
    ("surviving", "wrecked"),
    ("surviving", "destroyed"),
    ("alive", "dead"),
    ("alive", "killed"),
    ("survived", "killed"),
    ("open", "closed"),
    ("opened", "closed"),
    ("rose", "fell"),
    ("increased", "decreased"),
    ("higher", "lower"),
    ("more", "fewer"),
    ("accident", "deliberate"),
    ("accidental", "deliberate"),
    ("accidentally", "deliberately"),
    ("accident", "sabotage"),
    ("accidentally", "sabotage"),
    ("accidental", "sabotage"),
    ("natural", "deliberate"),
    ("confirmed", "denied"),
    ("true", "false"),
    ("delivering", "halted"),
    ("pumping", "halted"),
    ("pumping", "shut"),
    ("flowing", "halted"),
    ("flowing", "stopped"),
    ("working", "broken"),
    ("possible", "impossible"),
    ("possible", "unusable"),
    ("repairable", "unusable"),
    ("guilty", "innocent"),
    ("inside", "outside"),
    ("before", "after"),
    ("evening", "morning"),
    ("night", "day"),
    ("all", "none"),
    ("attack", "accident"),
    ("attacked", "accidentally"),
    ("arrested", "released"),
    ("detained", "released"),
    ("won", "lost"),
    ("success", "failure"),
    ("present", "absent"),
    ("found", "missing"),
    ("legal", "illegal"),
    ("civilian", "military"),
    ("sunk", "afloat"),
)
OPPOSITE: dict[str, frozenset[str]] = {}
for _one, _other in ANTONYMS:
    OPPOSITE[_one] = OPPOSITE.get(_one, frozenset()) | {_other}
    OPPOSITE[_other] = OPPOSITE.get(_other, frozenset()) | {_one}
OPPOSABLE = frozenset(OPPOSITE)

MONTHS = listed(
    "january february march april may june july august september october november december"
)
WEEKDAYS = listed("monday tuesday wednesday thursday friday saturday sunday")
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Words between a figure and what it counts that say nothing of the unit.
FILLER = listed(
    "of the a an more than some about around roughly nearly almost over under up to at least "
    "most per cent percent other"
)
# Words too common to name a unit, an actor or a subject.
STOP = listed(
    """a an the and or but if of to in on at by for from with as is was were be been being
    are it its this that these those there their they them he she his her we our you your i
    which who whom whose what when where why how has have had do does did will would could
    should may might must can said says say told according also after before than then into
    over under about around between up down out off such any each every both either one
    two three other only just very so too not no"""
)

"""What a pair of claim texts says about a contradiction, in words a reader can check.

Each cue is a plain reading of the two texts: one side negates or denies what both talk about;
both give a figure for the same thing (the word after it) and the figures differ; one uses a
word whose opposite the other uses; both date the same thing differently. Cues weigh more
when both texts name the same rare person, place or thing. None understands the sentence: a
cue only says why a pair is worth a person's look, and the reason is shown with the
suggestion. Each text is read once, by :mod:`tracker.suggest.reading`.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.suggest.reading import Figure, Reading, singular
from tracker.suggest.vocabulary import OPPOSITE, STOP

OUT_OF_SCOPE = 0.4  # a negation that speaks of nothing the two texts share weighs this
GENERAL_SUBJECT = 0.3  # what a cue weighs when the texts share no specific word
SELF_EVIDENT = 0.8  # the least figures and opposites weigh (they name what they are about)
SAME_NAME = 1.5  # what it weighs when both texts name the same person, place or thing


@dataclass(frozen=True)
class Cue:
    kind: str  # negation, numbers, opposites, dates, names
    weight: float
    reason: str  # "negation: 'never ordered' / 'Zelensky first signed off'"


def _written(figure: Figure, text: Reading) -> str:
    """A figure with the words that follow it up to its unit, as the text has them
    ("more than 100,000 tonnes", "26 photographs")."""
    tokens = text.tokens
    for index, token in enumerate(tokens):
        if token == figure.text.split(" ")[0]:
            end = index + 1
            while end < len(tokens) and end <= index + 3:
                if singular(tokens[end].lower()) == figure.unit:
                    before = {"≥": 2, "≤": 2, "~": 1}.get(figure.bound, 0)
                    return " ".join(tokens[max(0, index - before) : end + 1])
                end += 1
            break
    return figure.text


def _phrase(tokens: list[str], at: int, span: int = 2) -> str:
    return " ".join(tokens[max(0, at - span) : at + span + 1])


def cues(
    first: Reading,
    second: Reading,
    rare: frozenset[str] = frozenset(),
    tolerance: float = 0.1,
    *,
    explain: bool = True,
) -> list[Cue]:
    """Every cue of contradiction between two texts. ``rare`` holds the words few claims of
    the corpus use: a negation weighs fully only when the two texts share one (the same
    specific subject: a person, a place, a thing), not merely common words. Without
    ``explain`` the reasons are left empty: ranking hundreds of thousands of pairs needs
    only the weights, and only the pairs shown are explained."""
    found: list[Cue] = []
    shared = (first.lowered & second.lowered) - STOP
    one, other = bool(first.negations), bool(second.negations)
    if one != other and shared:
        negating = first if one else second
        specific = shared & rare & negating.scope
        reason = ""
        if explain:
            subject = ", ".join(sorted(specific or shared)[:3])
            phrase = _phrase(negating.tokens, negating.negations[0])
            reason = f"negation: '{phrase}' on one side only (both about {subject})"
        found.append(Cue("negation", 1.0 if specific else OUT_OF_SCOPE, reason))
    for mine in first.figures:
        for theirs in second.figures:
            if mine.unit != theirs.unit or mine.agrees(theirs, tolerance):
                continue
            reason = ""
            if explain:
                reason = f"numbers: {_written(mine, first)} vs {_written(theirs, second)}"
            found.append(Cue("numbers", 1.0, reason))
            break
        if found and found[-1].kind == "numbers":
            break
    for word in first.opposable:
        opposite = sorted(OPPOSITE[word] & second.lowered)
        if opposite and word not in second.lowered and opposite[0] not in first.lowered:
            reason = f"opposites: '{word}' / '{opposite[0]}'" if explain else ""
            found.append(Cue("opposites", 0.8, reason))
            break
    for one_date, other_date in (
        (first.months, second.months),
        (first.weekdays, second.weekdays),
    ):
        if one_date and other_date and not one_date & other_date:
            reason = ""
            if explain:
                reason = f"dates: {', '.join(sorted(one_date))} vs {', '.join(sorted(other_date))}"
            found.append(Cue("dates", 0.7, reason))
            break
    if first.capitals & second.capitals & rare:
        factor = SAME_NAME  # both name the same person, place or thing
    elif shared & rare:
        factor = 1.0
    else:
        factor = GENERAL_SUBJECT  # only common words in common: maybe two different things
    # Figures of one unit and opposite words say what they are about themselves; only a
    # common word shared lowers them less.
    return [
        Cue(
            c.kind,
            c.weight
            * (max(factor, SELF_EVIDENT) if c.kind in ("numbers", "opposites") else factor),
            c.reason,
        )
        for c in found
    ]

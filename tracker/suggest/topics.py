"""A topic and an answer for each claim that has none: the topic whose question, positions
and claims read most like the claim (cosine of TF-IDF vectors against each topic's profile),
then the position whose words and claims read most like it (asserted, or denied when the claim
negates it), or for a number topic the figure of the text that counts the topic's unit."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from tracker.corpus.records import Claim, NumberValue, Topic
from tracker.escape import yaml_scalar
from tracker.suggest.reading import Figure, Reading, reading, unit_words
from tracker.suggest.vocabulary import STOP

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

PROFILE_TERMS = 100  # terms kept in each topic's profile
BLOCK_ROWS = 2_000  # claims scored against every topic at once (a dense block of scores)
MIN_TOPIC_SCORE = 0.1  # below this no topic reads like the claim: nothing is suggested


@dataclass(frozen=True)
class TopicSuggestion:
    claim: str
    topic: str
    question: str
    score: float
    answer: str  # what the lines give: "Russian forces", "not Russian forces", "52 people"
    lines: tuple[str, ...]  # the YAML to add to the claim, e.g. ("topic: t", "value: 52")
    # The answer itself, as the rules compare it, when the text gives it (a position whose
    # words it uses, a figure in the topic's unit); None when the answer is only a guess.
    position: str | None = None
    stance: str = "asserts"
    value: NumberValue | None = None


def _normalised(matrix: csr_matrix) -> csr_matrix:
    from sklearn.preprocessing import normalize

    if matrix.shape[0] == 0:
        return matrix.tocsr()
    normalised: csr_matrix = normalize(matrix, norm="l2", axis=1, copy=True).tocsr()
    return normalised


def _summed(groups: list[list[int]], rows: csr_matrix, extra: csr_matrix) -> csr_matrix:
    """Row ``i``: ``extra[i]`` plus the sum of ``rows[j]`` for every ``j`` in ``groups[i]``,
    normalised (one sparse product, not a sum per group)."""
    import numpy as np
    from scipy.sparse import csr_matrix as sparse

    members = [(i, j) for i, group in enumerate(groups) for j in group]
    indicator = sparse(
        (
            np.ones(len(members), dtype=np.float32),
            ([i for i, _ in members], [j for _, j in members]),
        ),
        shape=(len(groups), rows.shape[0]),
    )
    return _normalised(indicator @ rows + extra)


def _pruned(profiles: csr_matrix, terms: int = PROFILE_TERMS) -> csr_matrix:
    """Each row kept to its ``terms`` heaviest terms, renormalised: a topic with thousands
    of claims has a profile of thousands of terms, and scoring every claim against all of
    them was most of the time at 100,000 claims; its few heaviest terms say what it is about."""
    import numpy as np
    from scipy.sparse import csr_matrix as sparse

    rows, columns, values = [], [], []
    for row in range(profiles.shape[0]):
        begin, end = profiles.indptr[row], profiles.indptr[row + 1]
        data, indices = profiles.data[begin:end], profiles.indices[begin:end]
        top = np.lexsort((indices, -data))[:terms]
        rows.extend([row] * len(top))
        columns.extend(indices[top].tolist())
        values.extend(data[top].tolist())
    kept = sparse((np.array(values, dtype=np.float32), (rows, columns)), shape=profiles.shape)
    return _normalised(kept)


@dataclass
class TopicSpace:
    """The topics and their positions as vectors among the claims': each topic's question
    and positions plus the claims that answer it; each position's words plus the claims that
    assert it."""

    topics: list[Topic]
    profiles: csr_matrix  # a row per topic
    positions: dict[str, list[str]]  # topic id -> its positions, in order
    position_profiles: dict[str, csr_matrix]  # topic id -> a row per position

    @classmethod
    def of(
        cls,
        topics: list[Topic],
        topic_rows: csr_matrix,
        claim_rows: csr_matrix,
        answered: dict[str, list[int]],
        position_keys: list[tuple[str, str]],
        position_rows: csr_matrix,
        asserting: dict[tuple[str, str], list[int]],
    ) -> TopicSpace:
        profiles = _pruned(
            _summed([answered.get(t.id, []) for t in topics], claim_rows, topic_rows)
        )
        every_position = _summed(
            [asserting.get(key, []) for key in position_keys], claim_rows, position_rows
        )
        positions: dict[str, list[str]] = {}
        indices: dict[str, list[int]] = {}
        for index, (topic_id, position) in enumerate(position_keys):
            positions.setdefault(topic_id, []).append(position)
            indices.setdefault(topic_id, []).append(index)
        return cls(
            topics,
            profiles,
            positions,
            {topic_id: every_position[found] for topic_id, found in indices.items()},
        )


def suggest_topics(
    claims: list[Claim],
    readings: list[Reading],
    claim_rows: csr_matrix,
    space: TopicSpace,
    wanted: list[int],
) -> list[TopicSuggestion]:
    """Suggestions for the claims at ``wanted`` (rows of ``claim_rows``), best first. Claims
    are scored against every topic a block of rows at a time."""

    topics = space.topics
    if not topics or not wanted:
        return []
    chosen: dict[str, list[tuple[int, float]]] = {}
    transposed = space.profiles.T.tocsr()
    for start in range(0, len(wanted), BLOCK_ROWS):
        block = wanted[start : start + BLOCK_ROWS]
        scores = (claim_rows[block] @ transposed).toarray()
        for offset, row in enumerate(block):
            found = _best_topic(readings[row], scores[offset], topics)
            if found is not None:
                chosen.setdefault(topics[found].id, []).append((row, float(scores[offset][found])))
    by_id = {t.id: t for t in topics}
    suggestions = []
    for topic_id in sorted(chosen):
        topic, rows = by_id[topic_id], chosen[topic_id]
        position_scores = None
        if topic.kind == "choice" and topic_id in space.position_profiles:
            position_scores = (
                claim_rows[[r for r, _ in rows]] @ space.position_profiles[topic_id].T
            ).toarray()
        for index, (row, score) in enumerate(rows):
            claim = claims[row]
            scored = None if position_scores is None else position_scores[index]
            answer, lines, given = _answer(
                topic, readings[row], space.positions.get(topic_id, []), scored
            )
            suggestions.append(
                TopicSuggestion(
                    claim.id,
                    topic.id,
                    topic.question,
                    round(score, 3),
                    answer,
                    (f"topic: {topic.id}", *lines),
                    *given,
                )
            )
    suggestions.sort(key=lambda s: (-s.score, s.claim))
    return suggestions


def _best_topic(text: Reading, scores: Any, topics: list[Topic]) -> int | None:
    """The best-scoring topic, unless it counts something the text gives no figure of: then
    the next best (a claim about the blasts' cause is no answer to their strength)."""
    import numpy as np

    order = np.lexsort((np.arange(len(topics)), -scores))
    for best in (int(i) for i in order[:2]):
        if scores[best] < MIN_TOPIC_SCORE:
            return None
        topic = topics[best]
        if topic.kind == "number" and _figure_for(topic, list(text.figures)) is None:
            continue
        return best
    return None


def _answer(
    topic: Topic, text: Reading, positions: list[str], scores: Any
) -> tuple[str, tuple[str, ...], tuple[str | None, str, NumberValue | None]]:
    """What the claim (read as ``text``) answers: the answer shown, the YAML lines, and
    (position, stance, value) for the rules (all None when nothing in the text gives the
    answer). ``scores`` holds how much the claim reads like each of ``positions``."""
    if topic.kind == "number":
        figure = _figure_for(topic, list(text.figures))
        if figure is None:
            unit = f" (in {topic.unit})" if topic.unit else ""
            return "", (f"# value: the figure it gives{unit}",), (None, "asserts", None)
        unit = f" {topic.unit}" if topic.unit else ""
        plain, shown = _plain(figure.amount), _shown(figure.amount)
        value = NumberValue(figure.amount, figure.amount, shown)
        written = plain
        if figure.bound == "≥":
            value, written = NumberValue(figure.amount, None, f"≥ {shown}"), f"[{plain}, null]"
        elif figure.bound == "≤":
            value, written = NumberValue(None, figure.amount, f"≤ {shown}"), f"[null, {plain}]"
        return f"{value}{unit}", (f"value: {written}",), (None, "asserts", value)
    if not positions or scores is None:
        return "", ("# position: the answer it gives",), (None, "asserts", None)
    if text.silent:
        # "Israel has not commented on the attack" names Israel, and answers nothing.
        return "", ("# position: none; the source kept silent",), (None, "asserts", None)
    # A position the text names (most of its words) comes first; then the one whose claims
    # read most like it.
    stems = _stems(text.lowered)
    named = [_named_share(position, text.lowered, stems) for position in positions]
    best = min(range(len(positions)), key=lambda i: (-named[i], -float(scores[i]), i))
    best_position = positions[best]
    if named[best] == 0:
        # The text names no position: say which are open rather than guess one.
        return "", (f"# position: one of {', '.join(positions)}",), (None, "asserts", None)
    # Denied only when the negation's own clause names the position: "no evidence of an
    # Israeli strike; a Palestinian rocket ..." denies the strike, not the rocket.
    denies = _named_share(best_position, text.scope, _stems(text.scope)) > 0
    lines = [f"position: {yaml_scalar(best_position)}"]
    if denies:
        lines.append("stance: denies")
    stance = "denies" if denies else "asserts"
    return ("not " if denies else "") + best_position, tuple(lines), (best_position, stance, None)


def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:5] for w in words if len(w) >= 5)


def _named_share(position: str, text: frozenset[str], stems: frozenset[str]) -> float:
    """The share of a position's words in a text, a word counting when the text has it or
    a word of the same first five letters ("Ukrainian" names "Ukraine")."""
    own = [w for w in reading(position).lowered if w not in STOP]
    if not own:
        return 0.0
    return sum(1 for w in own if w in text or (len(w) >= 5 and w[:5] in stems)) / len(own)


def _figure_for(topic: Topic, figures: list[Figure]) -> Figure | None:
    counted = [f for f in figures if f.unit != "time"]
    if topic.unit:
        units = unit_words(topic.unit)
        matching = [f for f in counted if f.unit in units]
        return matching[0] if matching else None
    return counted[0] if counted else None


def _plain(amount: Fraction) -> str:
    """A figure as YAML takes it (no thousands separators)."""
    return str(amount.numerator) if amount.denominator == 1 else f"{float(amount):g}"


def _shown(amount: Fraction) -> str:
    """A figure as a reader takes it: 465,000."""
    return f"{amount.numerator:,}" if amount.denominator == 1 else f"{float(amount):,g}"

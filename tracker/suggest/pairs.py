"""Candidate contradictions: pairs of claims no rule compares, found by blocking, ranked by
lexical similarity and cues.

Blocking never looks at all n² pairs. Each claim's text (with its originator's name) becomes a
TF-IDF vector (scikit-learn: the weighting, tokenising and sparse arithmetic are its
well-tested job). The *rare* terms, in at least two claims and at most ``RARE_SHARE`` of them
or ``RARE_MOST``, make a second, sparser matrix. Its product with itself, a block of rows at a
time, gives each claim the claims it shares a rare term with, and how much; the
``NEIGHBOURS`` best per claim are the candidates. A pair is then scored on the full vectors
(how alike the two texts are: same subject) and on its cues (:mod:`tracker.suggest.cues`: why
they might disagree):

    score = sqrt(similarity) * (BASE + sum of cue weights)

so that two claims on one subject with no cue (a paraphrase) rank below two with a negation
or differing figures. Scores are rounded to three decimals and ties broken by claim ids, so the
order is the same on every machine.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.suggest.cues import STOP, Cue, Reading, cues

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

NEIGHBOURS = 12  # candidates kept per claim
RARE_SHARE = 0.05  # a term in more than this share of the claims does not block,
RARE_MOST = 100  # nor one in more than this many: blocking stays linear in the claims
BLOCK_ROWS = 2_000  # rows of the sparse product worked out at once (bounds its memory)
BASE = 0.15  # a pair with no cue keeps this share of its similarity
MIN_SIMILARITY = 0.02  # below this, two texts are not about the same thing


def _same_subject(first: Reading, second: Reading, rare: frozenset[str]) -> Cue:
    shared = sorted((first.lowered & second.lowered & rare) - STOP) or sorted(
        (first.lowered & second.lowered) - STOP
    )
    return Cue("subject", SAME_SUBJECT_WEIGHT, f"same subject: {', '.join(shared[:4])}")


@dataclass(frozen=True)
class PairSuggestion:
    claims: tuple[str, str]  # sorted ids
    score: float
    similarity: float
    cues: tuple[Cue, ...]

    @property
    def reasons(self) -> list[str]:
        return [cue.reason for cue in self.cues]


def vectors(texts: list[str]) -> csr_matrix:
    """TF-IDF vectors of the texts (words, English stop words left out), normalised."""
    import numpy as np
    from scipy.sparse import csr_matrix as sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        stop_words="english",
        ngram_range=(1, 1),
        sublinear_tf=True,
        min_df=1,
        dtype=np.float32,
    )
    try:
        found: csr_matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no word at all (every text is stop words or figures)
        return sparse((len(texts), 1), dtype=np.float32)
    return found


def blocked_pairs(matrix: csr_matrix, neighbours: int = NEIGHBOURS) -> list[tuple[int, int]]:
    """Pairs of rows (i < j) that share rare terms, the ``neighbours`` strongest per row
    (ties by the other row's number, so the choice is stable), in row order."""
    import numpy as np

    rows = matrix.shape[0]
    if rows < 2:
        return []
    document_frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    limit = max(2, min(int(RARE_SHARE * rows), RARE_MOST))
    rare_columns = np.flatnonzero((document_frequency >= 2) & (document_frequency <= limit))
    rare = matrix[:, rare_columns].tocsr()
    transposed = rare.T.tocsr()
    found: list[np.ndarray] = []
    for start in range(0, rows, BLOCK_ROWS):
        block = (rare[start : start + BLOCK_ROWS] @ transposed).tocoo()
        mine, theirs, strength = block.row + start, block.col, block.data
        keep = mine != theirs
        mine, theirs, strength = mine[keep], theirs[keep], strength[keep]
        # Each row's strongest first (ties by the other row), then its first few.
        order = np.lexsort((theirs, -strength, mine))
        mine, theirs = mine[order], theirs[order]
        starts = np.searchsorted(mine, mine, side="left")
        rank = np.arange(len(mine)) - starts
        keep = rank < neighbours
        mine, theirs = mine[keep], theirs[keep]
        found.append(np.stack((np.minimum(mine, theirs), np.maximum(mine, theirs)), axis=1))
    if not found:
        return []
    every = np.unique(np.concatenate(found), axis=0)  # sorted, each pair once
    return [(int(a), int(b)) for a, b in every.tolist()]


RARE_WORD = 3  # a word in at most this many claims (or RARE_WORD_SHARE of them) is specific
RARE_WORD_SHARE = 0.02
SAME_ORIGIN = 0.5
SAME_SUBJECT = 0.3  # a pair with no cue is shown only when this alike ("same subject: ...")
SAME_SUBJECT_WEIGHT = 0.1  # a source contradicting itself is rarer than two sources disagreeing


def rare_words(readings: list[Reading]) -> frozenset[str]:
    """Words few claims use (at most ``RARE_WORD`` of them, or ``RARE_WORD_SHARE``)."""
    used = Counter(word for found in readings for word in found.lowered)
    limit = max(RARE_WORD, min(RARE_WORD_SHARE * len(readings), RARE_MOST))
    return frozenset(w for w, n in used.items() if n <= limit)


def _similarities(pairs: list[tuple[int, int]], matrix: csr_matrix) -> list[float]:
    """The cosine of each pair's two rows (the rows are normalised), a chunk at a time."""
    import numpy as np

    found = np.zeros(len(pairs), dtype=np.float64)
    step = BLOCK_ROWS * 10
    for start in range(0, len(pairs), step):
        chunk = pairs[start : start + step]
        firsts = matrix[[one for one, _ in chunk]]
        seconds = matrix[[other for _, other in chunk]]
        found[start : start + len(chunk)] = np.asarray(firsts.multiply(seconds).sum(axis=1)).ravel()
    similarities: list[float] = found.tolist()
    return similarities


@dataclass
class Scoring:
    """How each candidate pair is scored: its rows' readings, ids and independent origins,
    the corpus's rare words, and cues found otherwise (``extra``, by pair of rows)."""

    readings: list[Reading]
    ids: list[str]
    origins: list[str]
    extra: Mapping[tuple[int, int], list[Cue]]
    rare: frozenset[str]

    def cues_of(self, one: int, other: int, similarity: float) -> tuple[Cue, ...] | None:
        """The pair's cues, or None when it is not worth a suggestion (about different
        things, or nothing to say why the two might disagree)."""
        given = self.extra.get((min(one, other), max(one, other)), [])
        if self.ids[one] > self.ids[other]:  # read in id order: the reasons never depend
            one, other = other, one  # on which file came first
        first, second = self.readings[one], self.readings[other]
        if not given and (similarity < MIN_SIMILARITY or not first.may_meet(second)):
            if similarity < SAME_SUBJECT:
                return None
            return (_same_subject(first, second, self.rare),)
        found = (*given, *cues(first, second, self.rare))
        if not found and similarity < SAME_SUBJECT:
            return None
        return found or (_same_subject(first, second, self.rare),)

    def score(self, one: int, other: int, similarity: float, found: tuple[Cue, ...]) -> float:
        weight = BASE + sum(c.weight for c in found)
        if self.origins[one] == self.origins[other]:
            weight *= SAME_ORIGIN
        return round(float(max(similarity, MIN_SIMILARITY) ** 0.5) * weight, 3)

    def suggestion(self, one: int, other: int, similarity: float) -> PairSuggestion:
        found = self.cues_of(one, other, similarity) or ()
        first, second = sorted((self.ids[one], self.ids[other]))
        score = self.score(one, other, similarity, found)
        return PairSuggestion((first, second), score, round(similarity, 3), found)


def score_pairs(
    scoring: Scoring, allowed: list[tuple[int, int]], matrix: csr_matrix, keep: int = 0
) -> tuple[list[PairSuggestion], int]:
    """The best ``keep`` suggestions among the allowed pairs (all when 0), best first, and
    how many pairs were worth one. Only the scores of the others are kept while ranking:
    at 100,000 claims there are hundreds of thousands."""
    ranked: list[tuple[float, str, str, int, int, float]] = []
    for (one, other), similarity in zip(allowed, _similarities(allowed, matrix), strict=True):
        found = scoring.cues_of(one, other, similarity)
        if found is None:
            continue
        first, second = sorted((scoring.ids[one], scoring.ids[other]))
        score = scoring.score(one, other, similarity, found)
        ranked.append((-score, first, second, one, other, similarity))
    total = len(ranked)
    best = heapq.nsmallest(keep, ranked) if keep else sorted(ranked)
    return [scoring.suggestion(one, other, sim) for _, _, _, one, other, sim in best], total

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

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.suggest.cues import Cue, cues
from tracker.suggest.reading import Reading
from tracker.suggest.vocabulary import STOP

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

NEIGHBOURS = 12  # candidates kept per claim
RARE_SHARE = 0.05  # a term in more than this share of the claims does not block,
RARE_MOST = 100  # nor one in more than this many: blocking stays linear in the claims
BLOCK_ROWS = 2_000  # rows of the sparse product worked out at once (bounds its memory)
BASE = 0.15  # a pair with no cue keeps this share of its similarity
MIN_SIMILARITY = 0.02  # below this, two texts are not about the same thing


def _same_subject(first: Reading, second: Reading, rare: frozenset[str], explain: bool) -> Cue:
    if not explain:
        return Cue("subject", SAME_SUBJECT_WEIGHT, "")
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


def blocked_pairs(matrix: csr_matrix, neighbours: int = NEIGHBOURS) -> np.ndarray:
    """Pairs of rows (i < j) that share rare terms, the ``neighbours`` strongest per row
    (ties by the other row's number, so the choice is stable), sorted, as an array of two
    columns (a million pairs as Python tuples took 140 MB)."""
    import numpy as np

    rows = matrix.shape[0]
    if rows < 2:
        return np.zeros((0, 2), dtype=np.int64)
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
    every: np.ndarray = np.unique(np.concatenate(found), axis=0)  # sorted, each pair once
    return every


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


def _similarities(pairs: np.ndarray, matrix: csr_matrix) -> np.ndarray:
    """The cosine of each pair's two rows (the rows are normalised)."""
    import numpy as np

    if not len(pairs):
        return np.zeros(0)
    products = matrix[pairs[:, 0]].multiply(matrix[pairs[:, 1]])
    found: np.ndarray = np.asarray(products.sum(axis=1)).ravel().astype(np.float64)
    return found


@dataclass
class Scoring:
    """How each candidate pair is scored: its rows' readings, ids and independent origins,
    the corpus's rare words, and cues found otherwise (``extra``, by pair of rows)."""

    readings: list[Reading]
    ids: list[str]
    origins: list[str]
    extra: Mapping[tuple[int, int], list[Cue]]
    rare: frozenset[str]

    def cues_of(
        self, one: int, other: int, similarity: float, *, explain: bool = True
    ) -> tuple[Cue, ...] | None:
        """The pair's cues, or None when it is not worth a suggestion (about different
        things, or nothing to say why the two might disagree)."""
        given = self.extra.get((min(one, other), max(one, other)), [])
        if self.ids[one] > self.ids[other]:  # read in id order: the reasons never depend
            one, other = other, one  # on which file came first
        first, second = self.readings[one], self.readings[other]
        if not given and (similarity < MIN_SIMILARITY or not first.may_meet(second)):
            return self._alike(first, second, similarity, explain)
        found = (*given, *cues(first, second, self.rare, explain=explain))
        if found:
            return found
        return self._alike(first, second, similarity, explain)

    def _alike(
        self, first: Reading, second: Reading, similarity: float, explain: bool
    ) -> tuple[Cue, ...] | None:
        """A pair with no cue is worth showing only when its texts share words of their own
        and are very alike (not merely two claims of one source, whose name both carry)."""
        if similarity < SAME_SUBJECT or not (first.lowered & second.lowered) - STOP:
            return None
        return (_same_subject(first, second, self.rare, explain),)

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
    scoring: Scoring, allowed: np.ndarray, matrix: csr_matrix, keep: int = 0
) -> tuple[list[PairSuggestion], int]:
    """The best ``keep`` suggestions among the allowed pairs (all when 0), best first (ties
    by claim ids), and how many pairs were worth one. While ranking, only each pair's score
    is kept, and the reasons are written for the pairs shown alone: at 100,000 claims there
    are hundreds of thousands of candidates."""
    import numpy as np

    scores = np.full(len(allowed), np.nan)
    step = BLOCK_ROWS * 25
    for start in range(0, len(allowed), step):
        chunk = allowed[start : start + step]
        similarities = _similarities(chunk, matrix).tolist()
        for offset, ((one, other), similarity) in enumerate(
            zip(chunk.tolist(), similarities, strict=True)
        ):
            found = scoring.cues_of(one, other, similarity, explain=False)
            if found is not None:
                scores[start + offset] = scoring.score(one, other, similarity, found)
    worth = np.flatnonzero(~np.isnan(scores))
    # Claim ids in sorted order, as numbers: ties are broken by id, never by file order.
    order = {claim_id: rank for rank, claim_id in enumerate(sorted(scoring.ids))}
    by_id = np.array([order[claim_id] for claim_id in scoring.ids], dtype=np.int64)
    firsts = np.minimum(by_id[allowed[worth, 0]], by_id[allowed[worth, 1]])
    seconds = np.maximum(by_id[allowed[worth, 0]], by_id[allowed[worth, 1]])
    ranked = worth[np.lexsort((seconds, firsts, -scores[worth]))]
    shown = ranked[:keep] if keep else ranked
    pairs = allowed[shown]
    similarities = _similarities(pairs, matrix).tolist()
    return [
        scoring.suggestion(one, other, similarity)
        for (one, other), similarity in zip(pairs.tolist(), similarities, strict=True)
    ], len(worth)

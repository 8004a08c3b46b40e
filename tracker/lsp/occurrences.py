"""Every place an id of a source, topic or claim stands: where it is declared and where it is
named, found from the records' marks (the loader's own line and column of every value) and
the text at each mark (whose length is the id's, inside its quotes when it is quoted).

This is what go-to-definition, find-references, rename and hover ask: "what id is under the
cursor", "where is it declared", "where is it named".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tracker.corpus.records import Corpus, Record, Topic

# The keys of each record whose values name another record: (kind named, key or key prefix
# of a list, as the marks name them: "via.0", "supersedes.1").
CLAIM_REFERENCES = (
    ("source", "source"),
    ("source", "via."),
    ("topic", "topic"),
    ("claim", "supersedes."),
)
ANSWER_TOPIC = "answers."  # "answers.N.topic"
SOURCE_REFERENCES = (("source", "part_of"),)
ENTRY_REFERENCES = (("claim", "claims."), ("claim", "upheld"))


@dataclass(frozen=True)
class Occurrence:
    """An id at a place: ``line`` 1-based, ``column`` 1-based in characters, where the id's
    own characters start (after an opening quote)."""

    kind: str
    id: str
    path: str
    line: int
    column: int
    declaration: bool

    @property
    def end(self) -> int:
        return self.column + len(self.id)


Lines = Callable[[str], list[str]]


def _at_mark(
    kind: str, record: Record, key: str, lines: Lines, declaration: bool = False
) -> Occurrence | None:
    """The id named at ``record``'s mark ``key``: the plain word or quoted text there."""
    line, column = record.marks[key]
    text = lines(record.path)
    if not 1 <= line <= len(text):
        return None
    word = word_at(text[line - 1], column - 1, exact=True)
    if word is None or (declaration and word[1] != record.id):
        return None
    start, ident = word
    return Occurrence(kind, ident, record.path, line, start + 1, declaration)


def _references(record: Record, keys: Iterable[tuple[str, str]]) -> Iterable[tuple[str, str]]:
    """(kind, mark key) of each reference ``record`` makes through ``keys``."""
    for kind, key in keys:
        if key.endswith("."):
            yield from ((kind, k) for k in record.marks if k.startswith(key) and k.count(".") == 1)
        elif key in record.marks:
            yield kind, key
    for key in record.marks:
        if key.startswith(ANSWER_TOPIC) and key.endswith(".topic"):
            yield "topic", key


def occurrences(corpus: Corpus, lines: Lines, path: str | None = None) -> list[Occurrence]:
    """Every declaration and reference of the corpus's records (those of the file ``path``
    when given) whose text is found at its mark. ``lines(path)`` gives a file's current
    text, line by line (only the files holding the records asked for are read)."""
    found: list[Occurrence | None] = []
    declared: list[tuple[str, Iterable[Record]]] = [
        ("source", corpus.sources.values()),
        ("topic", corpus.topics.values()),
        ("claim", corpus.claims.values()),
    ]
    for kind, records in declared:
        found.extend(
            _at_mark(kind, record, "id", lines, True)
            for record in records
            if "id" in record.marks and (path is None or record.path == path)
        )
    naming: list[tuple[tuple[tuple[str, str], ...], Iterable[Record]]] = [
        (SOURCE_REFERENCES, corpus.sources.values()),
        (CLAIM_REFERENCES, corpus.claims.values()),
        (ENTRY_REFERENCES, corpus.contradictions),
    ]
    for topic in corpus.topics.values():
        if path is None or topic.path == path:
            found.extend(_implied_topics(topic, lines))
    for keys, records in naming:
        for record in records:
            if path is not None and record.path != path:
                continue
            found.extend(
                _at_mark(kind, record, key, lines) for kind, key in _references(record, keys)
            )
    return [o for o in found if o is not None]


_TOPIC_KEY = re.compile(r"\btopic:\s*['\"]?")


def _implied_topics(topic: Topic, lines: Lines) -> Iterable[Occurrence | None]:
    """The other topics a topic's ``implies`` names (``{topic: t, position: p}``): the
    mark is the item's, so the id is the value of the first ``topic:`` key from there."""
    text = lines(topic.path)
    for index, implication in enumerate(topic.implies_across):
        mark = topic.marks.get(f"implies_across.{index}")
        if mark is None:
            continue
        line, column = mark
        for number in range(line, min(line + 3, len(text) + 1)):
            row = text[number - 1]
            key = _TOPIC_KEY.search(row, column - 1 if number == line else 0)
            if key is not None:
                word = word_at(row, key.end(), exact=True)
                if word is not None and word[1] == implication.topic:
                    yield Occurrence(
                        "topic", implication.topic, topic.path, number, word[0] + 1, False
                    )
                break


ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def word_at(row: str, index: int, *, exact: bool = False) -> tuple[int, str] | None:
    """The id-like word at ``index`` of ``row`` (0-based): its start and text. With ``exact``,
    ``index`` is where a value starts (a quote before the word is skipped)."""
    if exact:
        if row[index : index + 1] in ("'", '"'):
            index += 1
        start = index
    else:
        if index > len(row) or (
            (index == len(row) or row[index] not in ID_CHARACTERS)
            and (index == 0 or row[index - 1] not in ID_CHARACTERS)
        ):
            return None
        start = min(index, len(row))
        while start > 0 and row[start - 1] in ID_CHARACTERS:
            start -= 1
    end = start
    while end < len(row) and row[end] in ID_CHARACTERS:
        end += 1
    word = row[start:end] if exact else row[start:end].rstrip(".")
    return (start, word) if word else None

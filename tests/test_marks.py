"""Packed marks: a record's field positions read back exactly, survive the parse cache's
pickles, and share one key tuple across records written with the same keys."""

from __future__ import annotations

import pickle

import pytest

from tracker.corpus.records import Claim, Marks


def test_marks_read_back_every_position_and_compare_as_mappings() -> None:
    given = {"": (3, 5), "id": (3, 7), "text": (4, 11), "via.0": (70000, 1)}
    marks = Marks(given)
    assert dict(marks) == given
    assert marks["via.0"] == (70000, 1)
    assert marks.get("topic") is None
    assert "text" in marks
    assert "topic" not in marks
    with pytest.raises(KeyError):
        marks["topic"]
    assert marks == given
    assert repr(marks) == repr(given)  # what a topic's digest hashes


def test_records_pack_their_marks_and_pickles_share_the_keys() -> None:
    first = Claim("a", "f.yaml", text="t", source="s", marks={"": (1, 3), "id": (1, 7)})
    second = Claim("b", "f.yaml", text="t", source="s", marks={"": (2, 3), "id": (2, 7)})
    assert isinstance(first.marks, Marks)
    assert str(second.location("id")) == "f.yaml:2:7"
    assert str(second.location("date")) == "f.yaml:2:3"  # not written: the entry's place
    again = pickle.loads(pickle.dumps([first, second]))
    assert again == [first, second]
    assert again[0].marks._keys is again[1].marks._keys is first.marks._keys

"""The cache of each topic's conflicts: after an edit, a rename, a verdict or a change to a
source, the output equals a cold run's; only the topics an edited file is about are worked out
again; a forged or corrupt entry is never used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CorpusMaker

from tracker.analysis.pipeline import analyse_corpus
from tracker.cache.folder import cache_folder_of
from tracker.cache.topics import TopicCache
from tracker.cli import cli
from tracker.reading.files import DirectoryFiles

# Two files, each about its own topics, so that editing one leaves the other's topics alone.
METHOD = """\
claims:
  - {id: m-nyt, text: t, source: nyt, topic: method, position: explosive device}
  - {id: m-fars, text: t, source: fars, topic: method, position: projectile}
  - {id: m-afp, text: t, source: afp, via: [nyt], topic: method, position: aerial strike}
"""
TOLL = """\
claims:
  - {id: t-nyt, text: t, source: nyt, topic: toll, value: 100}
  - {id: t-fars, text: t, source: fars, topic: toll, value: 150}
  - {id: c-afp, text: t, source: afp, topic: count, value: 10}
  - {id: c-officials, text: t, source: officials, topic: count, value: 30}
"""

FORMATS = [["report", "--format", "json"], ["report"], ["sources", "--format", "csv"], ["validate"]]


def outputs(*options: str) -> list[tuple[int, str]]:
    runner = CliRunner()
    found = []
    for command in FORMATS:
        result = runner.invoke(cli, [*options, *command])
        found.append((result.exit_code, result.stdout))
    return found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def memo_counts(claims: Path) -> tuple[int, int]:
    """(topics answered from the cache, topics worked out) in one analysis."""
    memo = TopicCache(cache_folder_of(claims))
    analyse_corpus(DirectoryFiles(claims), memo=memo)
    memo.save()
    return memo.hits, memo.misses


@pytest.fixture
def corpus(make_corpus: CorpusMaker) -> Path:
    claims = make_corpus({"method.yaml": METHOD, "toll.yaml": TOLL})
    outputs()  # fills the caches
    assert memo_counts(claims) == (4, 0)  # every topic kept: method, open-method, toll, count
    return claims


def same_as_cold() -> None:
    cached, cold = outputs(), outputs("--no-cache")
    assert cached == cold
    assert cached[0][0] == 0


def test_an_edit_recomputes_only_the_topics_of_the_edited_file(corpus: Path) -> None:
    edit(corpus / "toll.yaml", "value: 150", "value: 101")  # within 2%: no conflict left
    assert memo_counts(corpus) == (2, 2)  # method and open-method kept; toll, count redone
    same_as_cold()
    assert "t-fars" not in outputs()[0][1]


def test_a_renamed_file_gives_the_cold_output(corpus: Path) -> None:
    (corpus / "toll.yaml").rename(corpus / "zz-toll.yaml")
    assert memo_counts(corpus) == (2, 2)  # a claim's file is part of what it is
    same_as_cold()


def test_a_moved_claim_gives_the_cold_output(corpus: Path) -> None:
    """The same claim in another file (its location changes, its topic's digest too)."""
    edit(
        corpus / "method.yaml",
        "  - {id: m-fars, text: t, source: fars, topic: method, position: projectile}\n",
        "",
    )
    with (corpus / "toll.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "  - {id: m-fars, text: t, source: fars, topic: method, position: projectile}\n"
        )
    same_as_cold()


def test_a_verdict_gives_the_cold_output(corpus: Path) -> None:
    with (corpus / "method.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "contradictions:\n"
            "  - {claims: [m-nyt, m-fars], status: resolved, upheld: m-nyt, resolution: r}\n"
        )
    same_as_cold()
    assert '"status": "resolved"' in outputs()[0][1]


def test_a_source_joining_another_gives_the_cold_output(corpus: Path) -> None:
    """`part_of` makes two sides one origin: the conflict becomes a source contradicting
    itself, though no claim file changed."""
    before = outputs()[0][1]
    edit(
        corpus / "base.yaml",
        "fars: {name: Fars News Agency, kind: agency}",
        "fars: {name: Fars News Agency, kind: agency, part_of: nyt}",
    )
    same_as_cold()
    assert outputs()[0][1] != before
    assert '"internal": "source"' in outputs()[0][1]


def test_a_source_reliability_change_gives_the_cold_output(corpus: Path) -> None:
    edit(
        corpus / "base.yaml",
        "afp: {name: Agence France-Presse, kind: agency}",
        "afp: {name: Agence France-Presse, kind: agency, reliability: B}",
    )
    same_as_cold()


def test_a_renamed_source_gives_the_cold_output(corpus: Path) -> None:
    edit(corpus / "base.yaml", "The New York Times", "The Times")
    same_as_cold()
    assert "The Times" in outputs()[1][1]


def test_a_forged_or_corrupt_entry_is_never_used(corpus: Path) -> None:
    folder = Path(".tracker-cache") / "topics"
    (entry,) = [p for p in folder.iterdir() if not p.name.startswith(".")]
    entry.write_bytes(entry.read_bytes()[:-10] + b"0123456789")
    edit(corpus / "toll.yaml", "value: 150", "value: 151")
    assert memo_counts(corpus) == (0, 4)  # nothing trusted; the entry is rebuilt
    same_as_cold()
    assert memo_counts(corpus) == (4, 0)


def test_an_entry_of_other_tracker_code_is_removed(corpus: Path) -> None:
    folder = Path(".tracker-cache") / "topics"
    shutil.copy(next(folder.iterdir()), folder / ("ab" * 20))
    edit(corpus / "toll.yaml", "value: 150", "value: 151")
    memo_counts(corpus)
    assert not (folder / ("ab" * 20)).exists()

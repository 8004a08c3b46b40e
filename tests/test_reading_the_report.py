"""What a journalist reads in a report: who contradicts itself is named, not hinted at.
Through the installed `tracker`."""

from __future__ import annotations

from conftest import CorpusMaker, run_tracker

BODIES = """\
sources:
  gov: {name: The Government, kind: government}
  pros: {name: The Prosecutor, kind: official, part_of: gov}
  paper: {name: The Paper, kind: outlet}
  officials: {name: Officials, kind: anonymous}
topics:
  who:
    question: Who did it?
    positions: [Russia, Ukraine]
  how:
    question: How?
    positions: [bomb, missile]
claims:
  - {id: gov-russia, text: t, source: gov, topic: who, position: Russia}
  - {id: pros-ukraine, text: t, source: pros, topic: who, position: Ukraine}
  - id: paper-bomb
    text: t
    source: paper
    topic: how
    position: bomb
    evidence: [{document: seeds/doc.txt, quote: explosive device}]
  - id: officials-missile
    text: t
    source: officials
    via: [paper]
    topic: how
    position: missile
    evidence: [{document: seeds/doc.txt, quote: projectile}]
"""


def test_the_mark_names_who_contradicts_itself(make_corpus: CorpusMaker) -> None:
    folder = make_corpus({"a.yaml": BODIES}, base=False).parent
    markdown = run_tracker("report", "--format", "markdown", cwd=folder)
    assert markdown.returncode == 0, markdown.stderr
    assert "⚠ The Government contradicts itself (The Government and The Prosecutor)" in (
        markdown.stdout
    )
    assert "⚠ seeds/doc.txt contradicts itself, in the voice of The Paper" in markdown.stdout
    assert "a source contradicts itself" not in markdown.stdout
    page = run_tracker("report", "--format", "html", "-o", "-", cwd=folder).stdout
    assert "The Government contradicts itself (The Government and The Prosecutor)" in page

"""What a journalist reads in a report: who contradicts itself is named, not hinted at.
Through the installed `tracker`."""

from __future__ import annotations

import json

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


TOLL = """\
sources:
  moh: {name: Ministry of Health, kind: official}
  paper: {name: The Paper, kind: outlet}
  army: {name: The Army, kind: military}
  rebels: {name: The Rebels, kind: organization}
  wire: {name: Wire, kind: agency}
topics:
  a-minor:
    question: Was the bridge closed?
    positions: [open, closed]
  toll:
    question: How many died?
    kind: number
    unit: people
claims:
  - {id: moh-500, text: t, source: moh, topic: toll, value: 500, as_of: 2023-10-17}
  - id: moh-471
    text: t
    source: moh
    topic: toll
    value: 471
    as_of: 2023-10-18
    supersedes: [moh-500]
  - {id: paper-30, text: t, source: paper, topic: toll, value: 30, tolerance: 5, as_of: 2023-10-18}
  - {id: army-200, text: t, source: army, topic: toll, value: 200, as_of: 2023-10-18}
  - {id: wire-open, text: t, source: wire, topic: a-minor, position: open}
  - {id: rebels-closed, text: t, source: rebels, topic: a-minor, position: closed}
  - {id: loose-a, text: The bridge was intact., source: wire}
  - {id: loose-b, text: The bridge was gone., source: rebels}
contradictions:
  - claims: [loose-a, loose-b]
"""


def test_revisions_tolerance_order_and_headings_read_as_a_journalist_expects(
    make_corpus: CorpusMaker,
) -> None:
    claims = make_corpus({"a.yaml": TOLL}, base=False)
    markdown = run_tracker("--no-cache", "report", "--format", "markdown", cwd=claims.parent)
    assert markdown.returncode == 0, markdown.stderr
    text = markdown.stdout
    # A revision reads old → new, each with the time it holds.
    assert (
        "- `moh-500` → `moh-471`: 500 people, as of 2023-10-17 → 471 people, as of 2023-10-18"
    ) in text
    # A claim's own tolerance is shown where it applies: about 30, not exactly 30.
    assert "**30 people (± 5)**" in text
    # The main question first: three open conflicts on the toll, one on the bridge.
    assert text.index("### How many died?") < text.index("### Was the bridge closed?")
    # A contradiction written by hand between claims on no topic is not "across topics".
    assert "## Other contradictions" in text
    assert "across topics" not in text
    table = run_tracker("--no-cache", "report", "--width", "200", cwd=claims.parent).stdout
    assert "500 people, as of 2023-10-17 → 471 people, as of 2023-10-18" in table
    assert "Other contradictions (on no single topic):" in table


def test_the_page_reads_as_the_disputes_in_order_of_weight(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": TOLL}, base=False)
    page = run_tracker("--no-cache", "report", "--format", "html", cwd=claims.parent).stdout
    # The main question first (three open conflicts), each with its count; the toll drawn
    # as a chart in its own section, the bridge as a map; the hand-written one apart.
    toll = page.index('<h3 id="q-toll">How many died?</h3>')
    bridge = page.index('<h3 id="q-a-minor">Was the bridge closed?</h3>')
    assert toll < bridge < page.index('<h2 id="h-other">Other contradictions</h2>')
    assert "3 conflicts, 3 open" in page[toll:bridge]
    assert '<svg class="chart"' in page[toll:bridge]
    assert '<svg class="dispute-map"' in page[bridge:]
    # A hand-written contradiction shows each side's words, the revision reads old → new.
    assert "<h4>The bridge was intact.</h4>" in page
    assert "500 people, as of 2023-10-17 → 471 people, as of 2023-10-18" in page
    # A claim's own tolerance is shown with its answer.
    assert "<h4>30 people (± 5)</h4>" in page


def test_a_hand_written_entry_keeps_the_order_it_names_its_claims(
    make_corpus: CorpusMaker,
) -> None:
    story = TOLL.replace("  - claims: [loose-a, loose-b]", "  - claims: [loose-b, loose-a]")
    claims = make_corpus({"a.yaml": story}, base=False)
    report = run_tracker("--no-cache", "report", "--format", "json", cwd=claims.parent)
    rows = json.loads(report.stdout)["contradictions"]
    explicit = next(r for r in rows if r["basis"] == "explicit")
    assert explicit["sides"] == [["loose-b"], ["loose-a"]]


def test_a_dismissed_conflict_names_nobody_as_contradicting_itself(
    make_corpus: CorpusMaker,
) -> None:
    judged = BODIES + (
        "contradictions:\n"
        "  - claims: [gov-russia, pros-ukraine]\n"
        "    status: dismissed\n"
        "    resolution: Two different operations.\n"
    )
    claims = make_corpus({"a.yaml": judged}, base=False)
    text = run_tracker("--no-cache", "report", "--format", "markdown", cwd=claims.parent).stdout
    assert "dismissed" in text
    assert "The Government contradicts itself" not in text
    data = json.loads(
        run_tracker("--no-cache", "report", "--format", "json", cwd=claims.parent).stdout
    )
    row = next(r for r in data["contradictions"] if r["status"] == "dismissed")
    assert row["same_originator"] is True  # the plain fact stays in the data


def test_the_topics_table_counts_each_answers_own_open_conflicts(
    make_corpus: CorpusMaker,
) -> None:
    story = """\
sources:
  a: {name: A}
  b: {name: B}
  c: {name: C}
topics:
  t:
    question: Which?
    positions: [left, centre, right]
    compatible: [[left, centre]]
claims:
  - {id: says-left, text: t, source: a, topic: t, position: left}
  - {id: says-centre, text: t, source: b, topic: t, position: centre}
  - {id: says-right, text: t, source: c, topic: t, position: right}
"""
    claims = make_corpus({"a.yaml": story}, base=False)
    result = run_tracker("--no-cache", "topics", "--format", "json", cwd=claims.parent)
    rows = {row["answer"]: row["open_conflicts"] for row in json.loads(result.stdout)["rows"]}
    assert rows == {"centre": 1, "left": 1, "right": 2}


def test_the_sources_table_says_which_body_a_source_is_part_of(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": BODIES}, base=False)
    result = run_tracker("--no-cache", "sources", "--format", "json", cwd=claims.parent)
    rows = {row["source"]: row for row in json.loads(result.stdout)["rows"]}
    assert rows["pros"]["part_of"] == "gov"
    assert rows["gov"]["part_of"] is None

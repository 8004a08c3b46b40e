"""Property tests: random valid corpora and random damage to them never produce a traceback;
the result is a valid corpus or diagnostics with a file and line; reports are deterministic."""

from __future__ import annotations

import os
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.analysis.pipeline import analyse_corpus
from tracker.analysis.report import build_report
from tracker.reading.files import MemoryFiles
from tracker.render import render_report
from tracker.render.formats import REPORT_FORMATS

IDS = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda s: s.strip() != "")
POSITIONS = ["explosive device", "projectile", "aerial strike", "poison"]
DOCUMENT = "Haniyeh was killed by an explosive device planted weeks ago at the guesthouse."


@st.composite
def corpora(draw: st.DrawFn) -> dict[str, Any]:
    sources = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    claim_ids = draw(st.lists(IDS, min_size=1, max_size=12, unique=True))
    claims = []
    for claim_id in claim_ids:
        claim: dict[str, Any] = {
            "id": claim_id,
            "text": draw(WORDS),
            "source": draw(st.sampled_from(sources)),
        }
        relays = [
            s
            for s in draw(st.lists(st.sampled_from(sources), max_size=2, unique=True))
            if s != claim["source"]
        ]
        if relays:
            claim["via"] = relays
        kind = draw(st.sampled_from(["none", "choice", "number"]))
        if kind == "choice":
            claim["topic"] = "method"
            claim["position"] = draw(st.sampled_from(POSITIONS))
            if draw(st.booleans()):
                claim["stance"] = "denies"
        elif kind == "number":
            claim["topic"] = "toll"
            low = draw(st.integers(0, 50))
            claim["value"] = low if draw(st.booleans()) else [low, low + draw(st.integers(0, 10))]
        if draw(st.booleans()):
            claim["evidence"] = [
                {"document": "seeds/doc.txt", "quote": "killed by an explosive device"}
            ]
        if draw(st.booleans()):
            claim["date"] = draw(st.dates()).isoformat()
        claims.append(claim)
    pairs: list[list[str]] = []
    if len(claim_ids) >= 2:
        pair = st.lists(st.sampled_from(claim_ids), min_size=2, max_size=3, unique=True)
        pairs = draw(st.lists(pair, max_size=3, unique_by=frozenset))
    contradictions = [
        {"claims": pair, "status": draw(st.sampled_from(["open", "dismissed"]))} for pair in pairs
    ]
    return {
        "sources": {s: {"name": draw(WORDS)} for s in sources},
        "topics": {
            "method": {
                "question": "How?",
                "positions": POSITIONS,
                "compatible": [["projectile", "aerial strike"]],
            },
            "toll": {
                "question": "How many?",
                "kind": "number",
                "tolerance": draw(st.sampled_from([0, 2, "10%"])),
            },
        },
        "claims": claims,
        "contradictions": contradictions,
    }


def dump(data: dict[str, Any]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def files_of(corpus: dict[str, Any], split: int) -> dict[str, bytes]:
    """The corpus as YAML files: sources and topics in one, claims split over two."""
    claims = corpus["claims"]
    head = {"sources": corpus["sources"], "topics": corpus["topics"]}
    first = {"claims": claims[:split]}
    second = {"claims": claims[split:], "contradictions": corpus["contradictions"]}
    return {
        "claims/a.yaml": dump(head),
        "claims/b/one.yaml": dump(first),
        "claims/b/two.yml": dump(second),
        "seeds/doc.txt": DOCUMENT.encode(),
    }


def assert_sound(files: dict[str, bytes]) -> None:
    checked = analyse_corpus(MemoryFiles(files))
    for diagnostic in checked.diagnostics:
        assert diagnostic.location.path in files
        assert diagnostic.location.line >= 1
        assert diagnostic.location.column >= 1
        assert diagnostic.message
    if checked.ok:
        assert checked.graph is not None
        again = analyse_corpus(MemoryFiles(files))
        assert again.graph is not None
        for fmt in REPORT_FORMATS:
            first = render_report(
                build_report(checked.graph, checked.conflicts), fmt, graph=checked.graph
            )
            second = render_report(
                build_report(again.graph, again.conflicts), fmt, graph=again.graph
            )
            assert first == second


# 150 examples per property (450 in `make test`); `make fuzz` runs 5,000 each.
EXAMPLES = int(os.environ.get("TRACKER_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(corpora(), st.integers(0, 12))
def test_valid_corpora_report_deterministically(corpus: dict[str, Any], split: int) -> None:
    files = files_of(corpus, split)
    checked = analyse_corpus(MemoryFiles(files))
    # Two entries may judge one derived conflict: that is the only error a valid corpus gets.
    codes = {d.code for d in checked.diagnostics if d.severity.value == "error"}
    assert codes <= {"double-verdict"}
    assert_sound(files)


@SETTINGS
@given(corpora(), st.integers(0, 12), st.data())
def test_damaged_corpora_give_diagnostics_not_tracebacks(
    corpus: dict[str, Any], split: int, data: st.DataObject
) -> None:
    claims = corpus["claims"]
    victim = data.draw(st.sampled_from(claims))
    damage = data.draw(st.sampled_from(["delete", "swap", "rename", "unknown"]))
    key = data.draw(st.sampled_from(sorted(victim)))
    if damage == "delete":
        del victim[key]
    elif damage == "swap":
        victim[key] = data.draw(st.sampled_from([[1, 2], {"a": 1}, 3.5, None, True, "x y"]))
    elif damage == "rename":
        victim["id"] = data.draw(IDS) + "-renamed"
    else:
        victim[data.draw(IDS) + "x"] = "stray"
    files = files_of(corpus, split)
    if data.draw(st.booleans()):
        path = data.draw(st.sampled_from(sorted(p for p in files if p.startswith("claims"))))
        files[path] = files[path][: data.draw(st.integers(0, len(files[path])))]
    assert_sound(files)


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    assert_sound({"claims/a.yaml": data})

"""The JSON Schema editors use and `tracker validate` give the same verdict, file by file,
checked with the real check-jsonschema (which reads YAML 1.2, as editors do).

Each case changes one thing in a valid file. Where a schema cannot express a rule (it looks
across files, into documents, or at the order of two numbers), the case is listed in
VALIDATOR_ONLY with the reason, and docs/format.md names the same rules."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import REPO, CorpusMaker, check, client_program

from tracker.corpus.schema import schema_text

BASE = """\
sources:
  nyt: {name: The New York Times, kind: outlet, reliability: B}
  fars: {name: Fars, part_of: nyt}
topics:
  method:
    question: How was he killed?
    positions: [bomb, missile]
    implies: {bomb: missile}
  toll: {question: How many died?, kind: number, unit: people, tolerance: 2%, cumulative: true}
claims:
  - {id: a, text: t, source: nyt, topic: method, position: bomb, date: 2024-07-31}
  - {id: b, text: t, source: fars, via: nyt, topic: toll, value: 10, as_of: 2024-08-01}
  - {id: c, text: t, source: fars, topic: toll, value: [300, null], tolerance: 5}
contradictions:
  - {claims: [a, b], status: open}
"""

WHO = "\n  who: {question: Who?, positions: [x]}\n  toll:"  # a second choice topic
# (name, text replaced, replacement, valid?)
CASES: list[tuple[str, str, str, bool]] = [
    ("base", "", "", True),
    ("quoted-number-value", "value: 10,", "value: '10',", True),
    ("numeric-id", "id: a,", "id: 1984,", False),  # 'a' then unknown in contradiction: see below
    ("boolean-id-text", "name: Fars,", "name: true,", True),
    ("numeric-source-name", "name: Fars,", "name: 2024,", True),
    ("exponent-value", "value: 10,", "value: 1e3,", True),
    ("underscore-value", "value: 10,", "value: 1_000,", False),
    ("octal-value", "value: 10,", "value: 010,", False),
    ("blank-text", "id: a, text: t,", "id: a, text: '  ',", False),
    ("short-date", "date: 2024-07-31", "date: 2024-7-31", False),
    ("impossible-date", "date: 2024-07-31", "date: 2024-02-30", False),
    ("date-with-words", "date: 2024-07-31", "date: '2024-08-01 noon'", False),
    ("datetime", "date: 2024-07-31", "date: 2024-07-31T04:00:00+03:30", True),
    ("repeated-claims", "claims: [a, b]", "claims: [a, a]", False),
    ("one-claim", "claims: [a, b]", "claims: [a]", False),
    ("unknown-status", "status: open", "status: closed", False),
    ("unknown-key", "status: open", "statsu: open", False),
    ("unknown-top-level", "contradictions:", "contradiction:", False),
    ("missing-text", "id: a, text: t,", "id: a,", False),
    ("missing-question", "question: How many died?, kind", "kind", False),
    ("missing-name", "{name: The New York Times, kind", "{kind", False),
    ("bad-kind", "kind: outlet", "kind: newspaper", False),
    ("bad-grade", "reliability: B", "reliability: b", False),
    ("bad-topic-kind", "kind: number, unit", "kind: numeric, unit", False),
    ("bad-stance", "position: bomb,", "position: bomb, stance: rejects,", False),
    ("stance-denies", "position: bomb,", "position: bomb, stance: denies,", True),
    ("negative-tolerance", "tolerance: 5}", "tolerance: -5}", False),
    ("word-tolerance", "tolerance: 5}", "tolerance: lots}", False),
    ("percent-tolerance", "tolerance: 5}", "tolerance: 10%}", True),
    ("cumulative-yes", "cumulative: true", "cumulative: yes", False),
    ("empty-bound", "value: [300, null]", "value: [null, null]", False),
    ("upper-bound", "value: [300, null]", "value: [null, 50]", True),
    ("three-ends", "value: [300, null]", "value: [1, 2, 3]", False),
    ("text-value", "value: [300, null]", "value: many", False),
    ("list-via", "via: nyt,", "via: [nyt],", True),
    ("repeated-via", "via: nyt,", "via: [nyt, nyt],", False),
    ("bad-id", "id: c,", "id: C c,", False),
    ("bad-source-id", "  fars: {name", "  Fars News: {name", False),
    ("single-tag", "date: 2024-07-31}", "date: 2024-07-31, tags: haniyeh}", True),
    (
        "evidence-url",
        "date: 2024-07-31}",
        "date: 2024-07-31, evidence: [{document: 'https://x.org', quote: q}]}",
        True,
    ),
    (
        "evidence-no-document",
        "date: 2024-07-31}",
        "date: 2024-07-31, evidence: [{quote: q}]}",
        False,
    ),
    ("pair-of-one", "implies: {bomb: missile}", "compatible: [[bomb]]", False),
    ("empty-positions", "positions: [bomb, missile]", "positions: []", False),
    ("repeated-positions", "positions: [bomb, missile]", "positions: [bomb, missile, bomb]", False),
    ("supersedes-list", "tolerance: 5}", "tolerance: 5, supersedes: [b]}", True),
    ("broken-yaml", "claims:\n", "claims: {}\n#", False),
    (
        "empty-section",
        "contradictions:\n  - {claims: [a, b], status: open}\n",
        "contradictions:\n",
        True,
    ),
    ("retracted-date", "tolerance: 5}", "tolerance: 5, retracted: 2024-08-05}", True),
    (
        "further-answer",
        "value: 10, as_of",
        "value: 10, answers: [{topic: method, position: bomb}], as_of",
        True,
    ),
    (
        "further-answer-no-topic",
        "value: 10, as_of",
        "value: 10, answers: [{value: 3}], as_of",
        False,
    ),
    ("further-answers-empty", "value: 10, as_of", "value: 10, answers: [], as_of", False),
    (
        "further-answer-unknown-key",
        "value: 10, as_of",
        "value: 10, answers: [{topic: method, positon: bomb}], as_of",
        False,
    ),
    (
        "implied-across",
        "    implies: {bomb: missile}\n  toll:",
        "    implies: {bomb: [missile, {topic: who, denies: x}]}" + WHO,
        True,
    ),
    (
        "implied-both-answers",
        "    implies: {bomb: missile}\n  toll:",
        "    implies: {bomb: [missile, {topic: who, position: x, denies: x}]}" + WHO,
        False,
    ),
    (
        "implied-no-answer",
        "    implies: {bomb: missile}\n  toll:",
        "    implies: {bomb: [missile, {topic: who}]}" + WHO,
        False,
    ),
]

# Rules a schema cannot express: the validator's verdict stands alone.
VALIDATOR_ONLY = {
    "numeric-id": "the id 1984 is valid, but the contradiction then names an unknown claim 'a'",
    "underscore-value": "a schema sees the number an editor reads (1000), not its spelling",
    "octal-value": "a schema sees the number an editor reads (10), not its spelling",
}


def _files(tmp: Path) -> dict[str, Path]:
    made = {}
    for name, old, new, _ in CASES:
        text = BASE.replace(old, new, 1) if old else BASE
        assert name == "base" or text != BASE, f"case {name} changes nothing"
        path = tmp / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        made[name] = path
    return made


def test_committed_schema_is_the_generated_one() -> None:
    committed = (REPO / "tracker" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run `tracker schema > tracker/schema.json`"
    schema = json.loads(committed)
    assert schema["$id"] == "urn:tracker:claim-file:1"
    for definition in schema["definitions"].values():
        for name, prop in definition["properties"].items():
            assert prop.get("description"), name  # editors show it on hover


def test_schema_and_validator_agree(make_corpus: CorpusMaker, tmp_path: Path) -> None:
    assert len(CASES) >= 40
    checker = client_program("check-jsonschema")
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(schema_text(), encoding="utf-8")
    cases = tmp_path / "cases"
    cases.mkdir()
    files = _files(cases)
    result = subprocess.run(
        [checker, "--schemafile", str(schema_file), "-o", "JSON", *map(str, files.values())],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    # A file that does not parse fails both (the validator: a syntax error).
    failed = {Path(e["filename"]).stem for e in report["errors"] + report["parse_errors"]}
    schema_verdict = {name: name not in failed for name in files}
    claims = make_corpus({}, base=False)
    disagreements = []
    for name, _, _, expected in CASES:
        (claims / "case.yaml").write_text(files[name].read_text(encoding="utf-8"))
        validator_ok = check(claims).ok
        if name in VALIDATOR_ONLY:
            assert validator_ok is expected, name
            continue
        if not (validator_ok is expected and schema_verdict[name] is expected):
            disagreements.append((name, expected, validator_ok, schema_verdict[name]))
    assert disagreements == [], "\n".join(map(str, disagreements))

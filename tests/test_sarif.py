"""`tracker validate --format sarif`: SARIF 2.1.0, valid against the official schema (vendored
from Microsoft's npm package, checked offline with check-jsonschema)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import REPO, CorpusMaker, client_program, installed_tracker

BAD = "claims:\n  - {id: a, text: t, soruce: nyt}\n  - {id: b, text: t, source: nyt}\n"


def test_sarif_output_is_valid_and_complete(make_corpus: CorpusMaker, tmp_path: Path) -> None:
    make_corpus({"a.yaml": BAD})
    result = subprocess.run(
        [installed_tracker(), "validate", "--format", "sarif"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    log = json.loads(result.stdout)
    [run] = log["runs"]
    results = run["results"]
    assert {r["ruleId"] for r in results} >= {"unknown-key", "no-evidence"}
    unknown = next(r for r in results if r["ruleId"] == "unknown-key")
    assert unknown["level"] == "error"
    location = unknown["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "claims/a.yaml"
    assert location["region"] == {"startLine": 2, "startColumn": 22}
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(rule["id"] for rule in rules)
    assert all(
        results_rule == rules[r["ruleIndex"]]["id"]
        for r in results
        for results_rule in [r["ruleId"]]
    )
    out = tmp_path / "log.sarif.json"
    out.write_text(result.stdout, encoding="utf-8")
    checker = client_program("check-jsonschema")
    check = subprocess.run(
        [checker, "--schemafile", str(REPO / "tests" / "schemas" / "sarif-2.1.0.json"), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr

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


SARIF_MULTITOOL = REPO / ".venv" / "node_modules" / ".bin" / "sarif-multitool"


def test_paths_are_relative_to_the_repository_and_pass_microsofts_validator(
    tmp_path: Path,
) -> None:
    """The claims folder named by the settings (an absolute path inside), run from a
    sub-folder, with a space and an accent in the names: SARIF locations are percent-encoded
    URIs under %SRCROOT% (the repository), GitHub annotations name the file from the
    repository's root, and sarif-multitool finds no error or warning in the log."""
    repo = tmp_path / "my repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    (repo / "pyproject.toml").write_text('[tool.tracker]\nclaims = "les clâims"\n', "utf-8")
    (repo / "les clâims").mkdir()
    (repo / "les clâims" / "bad file.yaml").write_text(
        "sources:\n  nyt: {name: NYT}\n" + BAD, encoding="utf-8"
    )
    run = [installed_tracker(), "validate", "--format"]
    sarif = subprocess.run([*run, "sarif"], cwd=repo / "sub", capture_output=True, check=False)
    assert sarif.returncode == 1, sarif.stderr
    [log_run] = json.loads(sarif.stdout)["runs"]
    assert log_run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}
    location = log_run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "les%20cl%C3%A2ims/bad%20file.yaml", "uriBaseId": "%SRCROOT%"}
    rule = log_run["tool"]["driver"]["rules"][0]
    assert (rule["name"], rule["helpUri"].rsplit("/", 1)[1]) == (
        "NoEvidence",
        "rules.md#no-evidence",
    )
    github = subprocess.run([*run, "github"], cwd=repo / "sub", capture_output=True, check=False)
    assert github.stdout.decode().startswith("::error file=les clâims/bad file.yaml,line=4,col=22,")

    assert SARIF_MULTITOOL.exists(), "`make test` installs @microsoft/sarif-multitool"
    (tmp_path / "log.sarif").write_bytes(sarif.stdout)
    # The npm wrapper runs the tool through a shell: plain file names only.
    checked = subprocess.run(
        [str(SARIF_MULTITOOL), "validate", "log.sarif", "--output", "checked.sarif"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    findings = json.loads((tmp_path / "checked.sarif").read_text(encoding="utf-8"))
    problems = [
        (r["ruleId"], r["message"].get("arguments")) for r in findings["runs"][0]["results"]
    ]
    assert problems == []  # errors and warnings (its notes are house style, e.g. ids "TR1001")

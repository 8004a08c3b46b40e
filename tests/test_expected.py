"""Every output of every command, on the bundled corpus and on a corpus that uses every
addition to the format (tests/expected/additions), compared byte for byte with the committed
expectations in tests/expected/<corpus>/. A refactoring must leave them all as they are; a
change meant to alter an output regenerates them (TRACKER_UPDATE_EXPECTED=1) and the diff of
the expectations is reviewed with the change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from tracker.cli import cli

EXPECTED = REPO / "tests" / "expected"
CORPORA = {"bundled": REPO, "additions": EXPECTED / "additions"}
TABLES = ("table", "markdown", "csv", "json")
COMMANDS: dict[str, list[str]] = {
    **{f"report.{f}": ["report", "--format", f] for f in ("table", "markdown", "csv", "json")},
    "report.html": ["report", "--format", "html", "-o", "-"],
    "report.table.conflict": ["report", "--group", "conflict", "--width", "120"],
    "report.json.topic": ["report", "--format", "json", "--group", "topic"],
    "report.markdown.limit": ["report", "--format", "markdown", "--limit", "1"],
    **{f"sources.{f}": ["sources", "--format", f] for f in TABLES},
    **{f"topics.{f}": ["topics", "--format", f] for f in TABLES},
    **{f"timeline.{f}": ["timeline", "--format", f] for f in TABLES},
    **{f"graph.{f}": ["graph", "--format", f] for f in ("graphml", "gexf", "json", "dot")},
    "export.argdown": ["export", "argdown"],
    "export.csv": ["export", "csv"],
    "export.claimreview": [
        "export",
        "claimreview",
        "--author",
        "Example Checks",
        "--url",
        "https://checks.example/{id}",
        "--date",
        "2024-08-02",
    ],
    **{f"validate.{f}": ["validate", "--format", f] for f in ("text", "json", "sarif", "github")},
    "schema": ["schema"],
}
MATRIX = {"bundled": "haniyeh-killing.method", "additions": "culprit"}


def _commands(corpus: str) -> dict[str, list[str]]:
    found = dict(COMMANDS)
    for fmt in TABLES:
        found[f"matrix.{fmt}"] = ["matrix", MATRIX[corpus], "--format", fmt]
    return found


CASES = [(corpus, name) for corpus in CORPORA for name in _commands(corpus)]


@pytest.mark.parametrize(("corpus", "name"), CASES, ids=[f"{c}-{n}" for c, n in CASES])
def test_output_is_the_committed_one(
    corpus: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / corpus
    for part in ("claims", "seeds"):
        shutil.copytree(CORPORA[corpus] / part, folder / part)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = CliRunner().invoke(cli, ["--no-cache", *_commands(corpus)[name]])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    shown = f"exit {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    # SARIF names the repository root (here the temporary folder) as an absolute URI.
    shown = shown.replace(folder.resolve().as_uri() + "/", "file:///ROOT/")
    expected = EXPECTED / corpus / name
    if os.environ.get("TRACKER_UPDATE_EXPECTED"):
        expected.write_text(shown, encoding="utf-8")
    assert expected.read_text(encoding="utf-8") == shown

"""docs/notebook.md runs as written, and its DataFrames are the tables the commands print."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import REPO

from tracker.cli import cli


def test_the_notebook_page_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    page = (REPO / "docs" / "notebook.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, re.DOTALL)
    assert len(blocks) >= 5
    monkeypatch.chdir(REPO)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/notebook.md", "exec"), namespace)
    # What the page computes is what it says it is.
    assert list(namespace["busiest"].columns) == ["source", "originated", "relayed"]  # type: ignore[attr-defined]
    assert len(namespace["problems"]) > 0  # type: ignore[arg-type]


def test_the_table_commands_print_the_notebooks_frames(monkeypatch: pytest.MonkeyPatch) -> None:
    """Values stay data in the frames (None, not NaN) and are the commands' JSON rows."""
    import tracker

    monkeypatch.chdir(REPO)
    corpus = tracker.open_corpus("claims")
    for args, frame in (
        (["sources"], corpus.sources()),
        (["topics"], corpus.answers()),
        (["timeline"], corpus.timeline()),
    ):
        printed = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).stdout)
        assert printed["rows"] == frame.to_dict(orient="records"), args
    report = json.loads(CliRunner().invoke(cli, ["report", "--format", "json"]).stdout)
    assert corpus.conflicts().to_dict(orient="records") == report["contradictions"]
    sides = {c for row in report["contradictions"] for side in row["sides"] for c in side}
    assert sides <= set(corpus.claims()["claim"])
    with pytest.raises(tracker.InvalidCorpus, match=r"errors; the first: "):
        tracker.open_corpus(REPO / "tests" / "hostile", use_cache=False)

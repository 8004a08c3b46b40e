"""The server's corpus between edits, in-process: after an edit only the edited file is
parsed again and only the topics its claims are about are derived again; the buffer is what
is checked, the file on disk is untouched, and no cache folder is written."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from tracker.lsp.completion import completions
from tracker.lsp.files import KeptParses, KeptTopics
from tracker.lsp.workspace import Workspace

KILLING = "claims/haniyeh-killing.yaml"


class CountedParses(KeptParses):
    def __init__(self) -> None:
        super().__init__()
        self.parsed: list[str] = []

    def store(self, path: str, data: bytes, value: Any) -> None:
        self.parsed.append(path)
        super().store(path, data, value)


class CountedTopics(KeptTopics):
    def __init__(self) -> None:
        super().__init__()
        self.derived = 0

    def put(self, kind: str, digest: str, value: Any) -> None:
        self.derived += 1
        super().put(kind, digest, value)


def test_an_edit_parses_one_file_and_derives_its_topics_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "claims", tmp_path / "claims")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    workspace = Workspace(Path("claims"))
    parses, topics = CountedParses(), CountedTopics()
    workspace.parses, workspace.topics = parses, topics
    workspace.refresh()
    assert sorted(parses.parsed) == sorted(str(p) for p in Path("claims").glob("*.yaml"))
    everything = topics.derived
    assert workspace.analysed is not None
    assert everything == len(workspace.analysed.corpus.topics)
    parses.parsed, topics.derived = [], 0

    text = (tmp_path / KILLING).read_text(encoding="utf-8")
    workspace.hold(KILLING, text.replace("position: projectile", "position: aerial strike"))
    published = workspace.refresh()
    assert parses.parsed == [KILLING]
    # The edited claim's topic is derived again; the other topics come from memory.
    assert 0 < topics.derived < everything
    assert published.by_path == {KILLING: []}  # checked, and clean
    assert workspace.analysed is not None
    assert workspace.analysed.corpus.claims["fars-projectile"].position == "aerial strike"
    assert (tmp_path / KILLING).read_text(encoding="utf-8") == text
    assert not (tmp_path / ".tracker-cache").exists()

    parses.parsed = []
    workspace.release(KILLING)  # closed unsaved: the file on disk again
    workspace.refresh()
    assert parses.parsed == [KILLING]
    assert workspace.analysed.corpus.claims["fars-projectile"].position == "projectile"


def test_a_topic_named_in_another_topics_implies_is_a_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.yaml").write_text(
        "sources:\n"
        "  s: {name: S}\n"
        "topics:\n"
        "  cause:\n"
        "    question: Why?\n"
        "    positions: [rust, sabotage]\n"
        "    implies:\n"
        "      sabotage: [{topic: intent, position: deliberate}]\n"
        "      rust:\n"
        "        - topic: 'intent'\n"
        "          denies: deliberate\n"
        "  intent:\n"
        "    question: Meant?\n"
        "    positions: [deliberate, accident]\n"
        "claims:\n"
        "  - {id: c, text: T, source: s, topic: intent, position: accident}\n",
        encoding="utf-8",
    )
    workspace = Workspace(Path("claims"))
    workspace.refresh()
    rows = (tmp_path / "claims" / "a.yaml").read_text(encoding="utf-8").splitlines()
    named = [(o.line, o.column) for o in workspace.occurrences() if o.id == "intent"]
    # both implications (flow and block, quoted), the declaration, the claim's topic
    assert sorted(named) == [(n, rows[n - 1].index("intent") + 1) for n in (8, 10, 12, 16)]


def test_positions_are_offered_for_the_topic_an_implication_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    text = (
        "topics:\n"
        "  cause:\n"
        "    question: Why?\n"
        "    positions: [rust, sabotage]\n"
        "    implies:\n"
        "      sabotage: [{topic: intent, denies: ac}]\n"
        "  intent:\n"
        "    question: Meant?\n"
        "    positions: [deliberate, accident]\n"
    )
    (tmp_path / "claims" / "a.yaml").write_text(text, encoding="utf-8")
    workspace = Workspace(Path("claims"))
    workspace.refresh()
    row = text.splitlines()[5]
    offers = completions(workspace, "claims/a.yaml", 5, row.index("ac}") + 2)
    assert [(o.label, o.start) for o in offers] == [
        ("deliberate", row.index("ac}")),
        ("accident", row.index("ac}")),
    ]

"""The parse cache and the run cache: identical results to a cold run, never stale, never
trusted when corrupt or forged."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CorpusMaker

from tracker.cli import cli

STORY = """\
claims:
  - id: a
    text: t
    source: nyt
    topic: method
    position: explosive device
    evidence:
      - {document: seeds/doc.txt, quote: killed by an explosive device}
  - {id: b, text: t, source: fars, topic: method, position: projectile}
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def outputs(*args: str) -> tuple[int, str, str]:
    result = run(*args)
    return result.exit_code, result.stdout, result.stderr


COMMANDS = [
    ["report"],
    ["report", "--format", "json"],
    ["validate"],
    ["sources"],
    ["topics", "--format", "csv"],
    ["timeline"],
]


def cold(args: list[str]) -> tuple[int, str, str]:
    return outputs("--no-cache", *args)


def entries() -> list[Path]:
    return sorted(
        p for p in Path(".tracker-cache").rglob("*") if p.is_file() and p.name != ".gitignore"
    )


def test_cached_runs_equal_cold_runs(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": STORY})
    for args in COMMANDS:
        expected = cold(args)
        assert outputs(*args) == expected  # fills the caches
        assert outputs(*args) == expected  # answered from them
    assert entries()
    assert Path(".tracker-cache/.gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_no_cache_writes_nothing(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": STORY})
    for args in COMMANDS:
        cold(args)
    assert not Path(".tracker-cache").exists()


@pytest.mark.parametrize("damage", ["corrupt", "truncate", "empty", "foreign-key"])
def test_damaged_cache_is_ignored_and_rebuilt(
    damage: str, make_corpus: CorpusMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus({"a.yaml": STORY})
    expected = {tuple(args): cold(args) for args in COMMANDS}
    for args in COMMANDS:
        outputs(*args)
    if damage == "foreign-key":
        # Entries signed by someone else's key (e.g. committed to the repository).
        monkeypatch.setenv("XDG_CACHE_HOME", str(Path("other-user-cache").resolve()))
    for entry in entries():
        data = entry.read_bytes()
        if damage == "corrupt":
            entry.write_bytes(data[:40] + bytes(b ^ 0xFF for b in data[40:80]) + data[80:])
        elif damage == "truncate":
            entry.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            entry.write_bytes(b"")
    for args in COMMANDS:
        assert outputs(*args) == expected[tuple(args)]
        assert outputs(*args) == expected[tuple(args)]


def test_forged_pickle_is_never_unpickled(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": STORY})
    run("validate")
    records = [e for e in entries() if "runs" not in e.parts]
    assert records

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, ("touch pwned",))

    for entry in records:
        entry.write_bytes(b"\0" * 32 + pickle.dumps(Exploit()))
    assert run("validate").exit_code == 0
    assert not Path("pwned").exists()


def test_edited_added_renamed_and_deleted_files_are_noticed(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": STORY})

    def same_as_cold() -> None:
        for args in (["report", "--format", "json"], ["validate"]):
            assert outputs(*args) == cold(args)

    same_as_cold()
    (claims / "a.yaml").write_text(
        STORY.replace("projectile", "aerial strike"), encoding="utf-8"
    )  # edited: compatible? no, still a conflict
    same_as_cold()
    (claims / "b.yaml").write_text(
        "claims:\n  - {id: c, text: t, source: afp, topic: method, position: poison}\n",
        encoding="utf-8",
    )  # added
    same_as_cold()
    shutil.move(claims / "b.yaml", claims / "c.yaml")  # renamed: paths in messages change
    same_as_cold()
    (claims / "c.yaml").unlink()  # deleted
    same_as_cold()
    (claims / "a.yaml").write_text(
        STORY + "  - {id: broken, text: t, source: nobody}\n", encoding="utf-8"
    )  # now invalid
    same_as_cold()
    assert outputs("report")[0] == 1


def test_an_edited_document_is_noticed(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": STORY})
    assert outputs("report")[0] == 0
    Path("seeds/doc.txt").write_text("A different article.\n", encoding="utf-8")
    code, _, err = outputs("report")
    assert code == 1
    assert "quote 'killed by an explosive device' does not occur" in err


EDITED = STORY.replace("position: projectile", "position: explosive device")


@pytest.mark.parametrize("restored", [True, False], ids=["saved-back", "kept"])
def test_a_file_saved_during_a_run_never_leaves_a_wrong_entry(
    make_corpus: CorpusMaker, monkeypatch: pytest.MonkeyPatch, restored: bool
) -> None:
    """An editor saves the file after the run cache computed its key and before the analysis
    read it (and, saved-back, saves the old text again before the run ends): the entry must
    never hold the edited text's report under the old text's key."""
    from tracker import run as run_module

    make_corpus({"a.yaml": STORY})
    target = Path("claims/a.yaml")
    real = run_module._analyse

    def save_during_the_run(*args: object, **kwargs: object) -> object:
        target.write_text(EDITED, encoding="utf-8")
        try:
            return real(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            if restored:
                target.write_text(STORY, encoding="utf-8")

    monkeypatch.setattr(run_module, "_analyse", save_during_the_run)
    edited_run = outputs("report", "--format", "json")
    monkeypatch.setattr(run_module, "_analyse", real)
    assert '"open"' not in edited_run[1]  # the run saw the edited text: no conflict
    runs = [p for p in entries() if p.parent.name == "runs"]
    assert len(runs) == (0 if restored else 1)  # stored only when the files held still
    expected = cold(["report", "--format", "json"])
    assert outputs("report", "--format", "json") == expected
    assert outputs("report", "--format", "json") == expected  # and replayed

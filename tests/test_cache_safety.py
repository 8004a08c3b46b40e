"""A cloned repository is untrusted: whatever it commits under .tracker-cache (links to the
user's folders, FIFOs, device files, forged or swapped entries), tracker must never delete,
hang on, or trust it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BASE, REPO, CorpusMaker, run_tracker

from tracker.cache import parses as cache_module
from tracker.cache.folder import CacheFolder
from tracker.cache.parses import RecordCache, entry_name
from tracker.cli import cli

CLAIMS = """\
claims:
  - {id: a, text: t, source: nyt, topic: method, position: explosive device}
  - {id: b, text: t, source: fars, topic: method, position: projectile}
"""


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def tracker(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tracker(*args, cwd=cwd)


@pytest.fixture
def hostile_clone(tmp_path: Path) -> Path:
    """A fresh clone of a repository whose .tracker-cache holds links to the user's files."""
    origin = tmp_path / "origin"
    (origin / "claims").mkdir(parents=True)
    (origin / "claims" / "base.yaml").write_text(BASE, encoding="utf-8")
    (origin / "claims" / "a.yaml").write_text(CLAIMS, encoding="utf-8")
    for folder in ("ab", "runs-target"):
        (origin / "notes" / folder).mkdir(parents=True)
        for number in range(40):
            (origin / "notes" / folder / f"{number:040x}").write_text("mine\n")
    cache = origin / ".tracker-cache"
    cache.mkdir()
    (cache / "ab").symlink_to("../notes/ab")
    (cache / "cd").symlink_to("../claims")
    (cache / "runs").symlink_to("../notes/runs-target")
    git(origin, "init", "-q")
    git(origin, "add", "-A", "-f")
    git(origin, "commit", "-q", "-m", "hostile")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    assert (clone / ".tracker-cache" / "ab").is_symlink()
    return clone


def test_links_in_a_cloned_cache_are_never_followed(hostile_clone: Path) -> None:
    before = snapshot(hostile_clone / "notes"), snapshot(hostile_clone / "claims")
    for args in (["validate"], ["report"], ["report", "--format", "json"], ["validate"]):
        result = tracker(hostile_clone, *args)
        assert result.returncode == 0, result.stderr
    assert (snapshot(hostile_clone / "notes"), snapshot(hostile_clone / "claims")) == before
    # Nothing was written through the links either.
    assert sorted(os.listdir(hostile_clone / "notes" / "runs-target")) == sorted(
        f"{n:040x}" for n in range(40)
    )


def test_a_cache_folder_that_is_a_link_is_treated_as_absent(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": CLAIMS})
    elsewhere = Path("elsewhere")
    (elsewhere / "ab").mkdir(parents=True)
    (elsewhere / "ab" / ("ab" + "0" * 38)).write_text("mine\n")
    Path(".tracker-cache").symlink_to("elsewhere")
    for _ in range(2):
        assert CliRunner().invoke(cli, ["report"]).exit_code == 0
    assert sorted(p.name for p in elsewhere.rglob("*")) == ["ab", "ab" + "0" * 38]


def test_a_cache_folder_tracker_did_not_create_is_left_alone(make_corpus: CorpusMaker) -> None:
    """A real folder committed to the repository, with names shaped like entries."""
    make_corpus({"a.yaml": CLAIMS})
    shard = Path(".tracker-cache") / "ab"
    shard.mkdir(parents=True)
    planted = shard / ("ab" + "0" * 38)
    planted.write_text("committed by someone\n")
    for _ in range(2):
        assert CliRunner().invoke(cli, ["validate"]).exit_code == 0
    assert planted.read_text() == "committed by someone\n"
    assert sorted(p.name for p in Path(".tracker-cache").rglob("*")) == ["ab", planted.name]


def test_own_cache_prunes_only_its_own_entries(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": CLAIMS})
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 0
    cache = Path(".tracker-cache")
    assert (cache / "TRACKER-OWNER").is_file()
    shard = next(p for p in cache.iterdir() if p.is_dir() and len(p.name) == 2)
    stale = shard / ("f" * 40)
    stale.write_bytes(b"old entry")
    notes = Path("notes")
    notes.mkdir()
    (notes / ("e" * 40)).write_text("mine\n")
    (shard / ("e" * 40)).symlink_to((notes / ("e" * 40)).resolve())
    (shard / "readme.txt").write_text("not an entry name\n")
    linked = Path("linked-notes")
    linked.mkdir()
    (linked / ("d" * 40)).write_text("mine too\n")
    (cache / "dd").symlink_to(linked.resolve())  # a shard that is a link
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 0
    assert (linked / ("d" * 40)).read_text() == "mine too\n"
    assert not stale.exists()  # an unused entry of tracker's own is pruned
    assert (notes / ("e" * 40)).read_text() == "mine\n"
    assert (shard / ("e" * 40)).is_symlink()  # a link is never removed or followed
    assert (shard / "readme.txt").exists()


def test_run_cache_keeps_only_the_newest_runs(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": CLAIMS})
    for number in range(40):  # each edit of the corpus is a different run
        Path("claims/a.yaml").write_text(CLAIMS.replace("text: t", f"text: t{number}"))
        assert CliRunner().invoke(cli, ["report"]).exit_code == 0
    runs = Path(".tracker-cache") / "runs"
    assert len(list(runs.iterdir())) == 32


def _entry_path(path: str) -> Path:
    data = Path(path).read_bytes()
    name = entry_name(path.encode(), data)
    return Path(".tracker-cache") / name[:2] / name


@pytest.mark.parametrize("kind", ["fifo", "device", "outside"])
def test_special_cache_entries_are_not_read(kind: str, make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": CLAIMS})
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 0
    entry = _entry_path("claims/a.yaml")
    assert entry.is_file()
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "device":
        entry.symlink_to("/dev/zero")
    else:
        Path("secret").write_text("x" * 100)
        entry.symlink_to(Path("secret").resolve())
    result = tracker(Path.cwd(), "validate")  # a hang or a memory blow-up fails the timeout
    assert result.returncode == 0, result.stderr


def test_swapped_entries_are_not_trusted(make_corpus: CorpusMaker) -> None:
    """Each entry is signed with its own name: swapping a valid file's entry with an invalid
    file's entry must not make the invalid file valid."""
    make_corpus({"a.yaml": CLAIMS, "b.yaml": "claims:\n  - {id: c, text: t, source: nobody}\n"})
    first = CliRunner().invoke(cli, ["validate"])
    assert first.exit_code == 1
    good, bad = _entry_path("claims/a.yaml"), _entry_path("claims/b.yaml")
    good_bytes, bad_bytes = good.read_bytes(), bad.read_bytes()
    good.write_bytes(bad_bytes)
    bad.write_bytes(good_bytes)
    again = CliRunner().invoke(cli, ["validate"])
    assert again.exit_code == 1
    assert again.stderr == first.stderr


def test_entries_are_keyed_on_the_tracker_source(
    make_corpus: CorpusMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus({"a.yaml": CLAIMS})
    data = Path("claims/a.yaml").read_bytes()
    cache = RecordCache(Path(".tracker-cache").resolve())
    cache.store("claims/a.yaml", data, ("records", []))
    assert cache.lookup("claims/a.yaml", data) == ("records", [])
    monkeypatch.setattr(cache_module, "code_digest", lambda: "edited tracker")
    assert cache.lookup("claims/a.yaml", data) is None
    cache.close()


def test_code_digest_covers_the_package_source() -> None:
    """Every module of the package is hashed: an edit to a validation rule or a renderer
    (not only to the cache's own code) must invalidate the cache."""
    digest = cache_module.code_digest()
    assert len(digest) == 32
    names = {p.relative_to(REPO).as_posix() for p in cache_module.package_files()}
    expected = {p.relative_to(REPO).as_posix() for p in (REPO / "tracker").rglob("*.py")}
    assert names >= expected
    assert {"tracker/corpus/fields.py", "tracker/render/table.py", "tracker/schema.json"} <= names
    folder = CacheFolder.open(Path("/nonexistent-tracker-cache"), b"k" * 32, create=False)
    assert folder is None

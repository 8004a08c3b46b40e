"""Nothing is lost: a failed or interrupted write leaves every original file as it was, and
no command touches the claim files."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, CorpusMaker

from tracker.cli import cli
from tracker.output import write_atomic

CORPUS = {
    "a.yaml": """\
    claims:
      - {id: a, text: t, source: nyt, topic: method, position: projectile}
      - {id: b, text: t, source: fars, topic: method, position: explosive device}
    """
}


def tree_hash(root: Path) -> dict[str, str]:
    """Every file's hash, except tracker's own cache."""
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".tracker-cache" not in p.parts
    }


def test_commands_never_modify_the_corpus(make_corpus: CorpusMaker) -> None:
    make_corpus(CORPUS)
    before = tree_hash(Path("."))
    runner = CliRunner()
    for args in (
        ["validate"],
        ["validate", "--strict", "--format", "json"],
        ["report"],
        ["report", "--format", "csv"],
        ["report", "--format", "markdown"],
    ):
        runner.invoke(cli, args)
    assert tree_hash(Path(".")) == before


def test_disk_full_leaves_the_old_report(
    make_corpus: CorpusMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus(CORPUS)
    Path("report.md").write_text("previous report", encoding="utf-8")
    before = tree_hash(Path("."))

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = CliRunner().invoke(cli, ["report", "-o", "report.md", "--force"])
    assert result.exit_code == 1
    assert "tracker: cannot write report.md: No space left on device" in result.stderr
    assert tree_hash(Path(".")) == before  # no temporary file left behind either


def test_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new " * 100_000, replace=True)
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
    assert target.read_text(encoding="utf-8") == "old"


def test_write_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new", replace=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(("signal_name", "exit_code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_signal_during_write_in_a_real_process(
    signal_name: str, exit_code: int, make_corpus: CorpusMaker
) -> None:
    """A real process receives the signal in the middle of writing its output file."""
    make_corpus(CORPUS)
    Path("report.md").write_text("previous report", encoding="utf-8")
    before = tree_hash(Path("."))
    script = (
        "import os, signal, sys\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "real_fsync = os.fsync\n"
        "def fsync(fd):\n"
        f"    os.kill(os.getpid(), signal.{signal_name})\n"
        "    real_fsync(fd)\n"
        "os.fsync = fsync\n"
        "from tracker.cli import main\n"
        "main(['report', '-o', 'report.md', '--force'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    # Signals exit 128 + their number, never 1 (which means "problems found").
    assert result.returncode == exit_code, result.stderr
    assert "Traceback" not in result.stderr
    assert tree_hash(Path(".")) == before

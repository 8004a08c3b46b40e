"""The pre-commit hooks, run by the real pre-commit tool against a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BASE, REPO

GOOD = "claims:\n  - {id: a, text: t, source: nyt}\n"
BAD = "claims:\n  - {id: b, text: t, soruce: nyt}\n"


def pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert found, "pre-commit is a test dependency and must be installed"
    return found


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        # A cache shared between runs: installing the hook's environment is the slow part.
        "PRE_COMMIT_HOME": str(REPO / ".pre-commit-cache"),
        "SKIP": "",
    }
    return subprocess.run(
        [*args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600, check=False
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "claims").mkdir(parents=True)
    (root / "claims" / "base.yaml").write_text(BASE, encoding="utf-8")
    (root / "claims" / "good.yaml").write_text(GOOD, encoding="utf-8")
    run(root, "git", "init", "-q")
    return root


def try_repo(project: Path, hook: str) -> subprocess.CompletedProcess[str]:
    run(project, "git", "add", "-A")
    return run(project, pre_commit(), "try-repo", str(REPO), hook, "--all-files")


def test_validate_hook_passes_good_and_fails_bad_files(project: Path) -> None:
    result = try_repo(project, "tracker-validate")
    assert result.returncode == 0, result.stdout + result.stderr
    (project / "claims" / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = try_repo(project, "tracker-validate")
    assert result.returncode == 1
    assert (
        "claims/bad.yaml:2:22: error: unknown key 'soruce' in claim 'b'; did you mean 'source'?"
    ) in result.stdout


def test_fmt_hook_rewrites_and_fails_then_passes(project: Path) -> None:
    result = try_repo(project, "tracker-fmt")
    assert result.returncode == 1  # files were reformatted: pre-commit asks to re-add them
    assert "files were modified by this hook" in result.stdout
    assert (project / "claims" / "good.yaml").read_text(encoding="utf-8") == (
        "claims:\n  - id: a\n    text: t\n    source: nyt\n"
    )
    result = try_repo(project, "tracker-fmt")
    assert result.returncode == 0, result.stdout + result.stderr

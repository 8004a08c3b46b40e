"""The pre-commit hooks, run by the real pre-commit tool against a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BASE, REPO, client_program

from tracker.diagnostics import REPOSITORY_URL

TryRepo = Callable[[Path, str], subprocess.CompletedProcess[str]]
GOOD = "claims:\n  - {id: a, text: t, source: nyt}\n"
BAD = "claims:\n  - {id: b, text: t, soruce: nyt}\n"


def pre_commit() -> str:
    return client_program("pre-commit")


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


def build_hooks_repository() -> tuple[Path, str]:
    """This project's files (as they are now, committed or not) in a repository of their own,
    committed with fixed dates: the same code gives the same revision, so pre-commit builds
    the hook environment once for the whole session, and once across runs while the code is
    unchanged (`try-repo` would build a new one for every call)."""
    # Built in a fixed place (ignored by git), then kept under a name made from its revision:
    # the README's snippet names the branch `main`, and pre-commit keys its environments on
    # the address and the rev, so each state of the code gets an address of its own.
    cache = REPO / ".pre-commit-cache"
    root = cache / "hooks-repository"
    shutil.rmtree(root, ignore_errors=True)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = REPO / os.fsdecode(name)
        if source.is_file() and not source.is_symlink():
            target = root / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    fixed = {
        "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
    }
    git = ["git", "-c", "user.name=tracker", "-c", "user.email=tracker@example.org"]
    env = {**os.environ, **fixed}
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-q", "-m", "hooks under test"],
    ):
        subprocess.run([*git, *args], cwd=root, env=env, check=True, capture_output=True)
    revision = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    kept = cache / f"hooks-{revision[:16]}"
    if kept.exists():
        shutil.rmtree(root)
    else:
        for earlier in cache.glob("hooks-*"):
            if earlier != root:
                shutil.rmtree(earlier, ignore_errors=True)
        root.rename(kept)
    return kept, revision


def hooks_config(root: Path, revision: str, hook: str) -> str:
    """The README's pre-commit snippet as written, with the address of the copy of this
    repository in place of its own (``revision`` is the commit its `main` branch holds)."""
    from test_readme import block

    snippet = block("pre-commit")
    assert REPOSITORY_URL in snippet
    assert f"id: {hook}" in snippet
    return snippet.replace(REPOSITORY_URL, str(root))


@pytest.fixture(scope="session")
def hooks_repository() -> tuple[Path, str]:
    return build_hooks_repository()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "claims").mkdir(parents=True)
    (root / "claims" / "base.yaml").write_text(BASE, encoding="utf-8")
    (root / "claims" / "good.yaml").write_text(GOOD, encoding="utf-8")
    run(root, "git", "init", "-q")
    return root


@pytest.fixture
def try_repo(
    hooks_repository: tuple[Path, str],
) -> Callable[[Path, str], subprocess.CompletedProcess[str]]:
    root, revision = hooks_repository

    def run_hook(project: Path, hook: str) -> subprocess.CompletedProcess[str]:
        config = hooks_config(root, revision, hook)
        (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
        run(project, "git", "add", "-A")
        return run(project, pre_commit(), "run", hook, "--all-files")

    return run_hook


def test_validate_hook_passes_good_and_fails_bad_files(project: Path, try_repo: TryRepo) -> None:
    result = try_repo(project, "tracker-validate")
    assert result.returncode == 0, result.stdout + result.stderr
    (project / "claims" / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = try_repo(project, "tracker-validate")
    assert result.returncode == 1
    assert (
        "claims/bad.yaml:2:22: error: unknown key 'soruce' in claim 'b'; did you mean 'source'?"
    ) in result.stdout


def test_fmt_hook_rewrites_and_fails_then_passes(project: Path, try_repo: TryRepo) -> None:
    result = try_repo(project, "tracker-fmt")
    assert result.returncode == 1  # files were reformatted: pre-commit asks to re-add them
    assert "files were modified by this hook" in result.stdout
    assert (project / "claims" / "good.yaml").read_text(encoding="utf-8") == (
        "claims:\n  - id: a\n    text: t\n    source: nyt\n"
    )
    result = try_repo(project, "tracker-fmt")
    assert result.returncode == 0, result.stdout + result.stderr


def prepare() -> None:
    """Build the hook environment before the suite runs (`make test` calls this): installing
    the project and its dependencies into pre-commit's environment takes half a minute,
    which is set-up, like the npm clients, not a test."""
    import tempfile

    root, revision = build_hooks_repository()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        run(project, "git", "init", "-q")
        config = hooks_config(root, revision, "tracker-validate")
        (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
        result = run(project, pre_commit(), "install-hooks")
        if result.returncode != 0:
            raise SystemExit(result.stdout + result.stderr)


if __name__ == "__main__":
    prepare()

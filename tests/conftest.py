"""Shared helpers: write a small corpus into a temporary folder and look at what tracker
makes of it. Tests run from that folder so diagnostics name paths like ``claims/a.yaml``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.analysis.pipeline import AnalysedCorpus, analyse_corpus
from tracker.diagnostics import Diagnostic, Severity

REPO = Path(__file__).resolve().parent.parent

# Two sources and a choice and a number topic, used by most tests; every claim file may
# assume them.
BASE = """\
sources:
  nyt: {name: The New York Times, kind: outlet}
  fars: {name: Fars News Agency, kind: agency}
  afp: {name: Agence France-Presse, kind: agency}
  officials: {name: Middle Eastern officials, kind: anonymous}
topics:
  method:
    question: How was he killed?
    positions: [explosive device, projectile, aerial strike]
    compatible: [[projectile, aerial strike]]
  open-method:
    question: How, with no declared positions?
  toll:
    question: How many died?
    kind: number
    unit: people
    tolerance: 2%
  count:
    question: How many were arrested?
    kind: number
    tolerance: 5
"""

DOCUMENT = "Haniyeh was killed by an explosive device planted weeks ago. Fars said “projectile”.\n"

CorpusMaker = Callable[..., Path]


def run_tracker(
    *args: str,
    cwd: Path | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The installed `tracker` in a real process, as a user or an editor runs it."""
    return subprocess.run(
        [installed_tracker(), *args],
        cwd=cwd,
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def client_program(name: str) -> str:
    """A client program the tests drive (check-jsonschema, datasette, pre-commit, lint-imports):
    from TRACKER_CLIENTS_BIN when set (the minimum-versions job runs the suite in a venv of
    tracker's oldest dependencies and takes the clients, which need newer ones, from the main
    venv), else from beside this Python."""
    folder = os.environ.get("TRACKER_CLIENTS_BIN") or str(Path(sys.executable).parent)
    found = shutil.which(name, path=folder)
    assert found, f"{name} is not installed in {folder}; `make test` installs it"
    return found


def installed_tracker() -> str:
    """The ``tracker`` console script installed beside this Python, as a user runs it."""
    found = shutil.which("tracker", path=str(Path(sys.executable).parent))
    assert found, "the tracker console script is not installed next to this Python"
    return found


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables are 100 columns wide unless a test says otherwise (pytest and CI may set
    COLUMNS), and no test runs as if inside GitHub Actions."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(autouse=True)
def private_cache_key(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse cache's signing key lives in a temporary folder, not the user's home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture
def make_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CorpusMaker:
    """Write claim files (dedented) and seed documents; return the relative claims folder."""
    monkeypatch.chdir(tmp_path)

    def make(
        files: dict[str, str], *, base: bool = True, documents: dict[str, str] | None = None
    ) -> Path:
        claims = Path("claims")
        claims.mkdir(exist_ok=True)
        if base:
            (claims / "base.yaml").write_text(BASE, encoding="utf-8")
        for name, text in files.items():
            path = claims / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        for name, text in (documents or {"seeds/doc.txt": DOCUMENT}).items():
            path = Path(name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return claims

    return make


def check(claims: Path) -> AnalysedCorpus:
    return analyse_corpus(claims)


def lines(
    diagnostics: list[Diagnostic],
    severity: Severity | None = Severity.ERROR,
) -> list[str]:
    return [str(d) for d in diagnostics if severity is None or d.severity is severity]


def errors_of(claims: Path) -> list[str]:
    return lines(check(claims).diagnostics)


def warnings_of(claims: Path) -> list[str]:
    return lines(check(claims).diagnostics, Severity.WARNING)


# The files that take longest start first: with two workers each taking whole files
# (--dist loadfile), a long file started last keeps one worker busy after the other is done.
SLOW_FIRST = ("test_precommit.py", "test_properties.py", "test_report.py", "test_suggest.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOW_FIRST.index(name) if name in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: the order within each file is kept


def new_repository(root: Path) -> Callable[..., None]:
    """A git repository at ``root`` on branch main with a committer set; returns a function
    running git in it."""

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    root.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "T")
    return git

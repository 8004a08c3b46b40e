"""Parsing in worker processes gives exactly what parsing in one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import REPO, run_tracker

from tracker.cli import cli
from tracker.corpus import parallel
from tracker.corpus.load import PROGRESS, load_corpus


def _corpus_with_problems(root: Path) -> Path:
    claims = root / "claims"
    shutil.copytree(REPO / "claims", claims)
    shutil.copytree(REPO / "seeds", root / "seeds")
    (claims / "broken.yaml").write_text("claims:\n  - id: x\n    text: [unclosed\n")
    (claims / "dup.yaml").write_text(
        "claims:\n  - {id: fars-projectile, text: t, source: nobody}  # tracker: ignore[xyz]\n"
    )
    return claims


def test_workers_give_the_same_corpus_and_diagnostics(tmp_path: Path) -> None:
    claims = _corpus_with_problems(tmp_path)
    alone = load_corpus(claims, jobs=1)
    shared = load_corpus(claims, jobs=2)
    assert shared.diagnostics == alone.diagnostics
    assert len(alone.diagnostics) >= 3
    assert shared.corpus.claims == alone.corpus.claims
    assert shared.corpus.sources == alone.corpus.sources
    assert shared.corpus.files == alone.corpus.files


def test_progress_counts_every_file_once_with_workers(tmp_path: Path) -> None:
    claims = _corpus_with_problems(tmp_path)
    seen: list[tuple[int, int]] = []
    token = PROGRESS.set(lambda done, total: seen.append((done, total)))
    try:
        load_corpus(claims, jobs=2)
    finally:
        PROGRESS.reset(token)
    total = len(list(claims.glob("*.yaml")))
    assert seen == [(n, total) for n in range(1, total + 1)]


def test_workers_start_only_when_the_work_pays() -> None:
    small = [("a.yaml", b"x" * 1000)] * 10
    assert parallel.worker_count(small, None) == 1
    big = [("a.yaml", b"x" * 300_000)] * 10
    assert parallel.worker_count(big, None) == min(parallel.available_cores(), 8, 10)
    assert parallel.worker_count(big, 1) == 1
    assert parallel.worker_count(small, 4) == 4  # asked for explicitly
    assert parallel.worker_count(small[:2], 4) == 2  # never more workers than files


def test_jobs_option_through_the_installed_tracker(tmp_path: Path) -> None:
    claims = _corpus_with_problems(tmp_path)
    one = run_tracker("--no-cache", "-j", "1", "validate", str(claims), cwd=tmp_path)
    two = run_tracker("--no-cache", "--jobs", "2", "validate", str(claims), cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert (one.stdout, one.stderr) == (two.stdout, two.stderr)
    assert "broken.yaml:4:1: error: YAML syntax" in two.stdout
    bad = CliRunner().invoke(cli, ["--jobs", "0", "validate"])
    assert bad.exit_code == 2
    assert "--jobs" in bad.stderr

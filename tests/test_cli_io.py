"""Editors and pipelines: standard input for validate and fmt, files checked against their
corpus, fmt --diff. Driven through the installed `tracker`, as an editor runs it."""

from __future__ import annotations

from pathlib import Path

from conftest import CorpusMaker, run_tracker

SOURCES = "sources:\n  nyt: {name: NYT}\n"
GOOD = "claims:\n  - {id: a, text: t, source: nyt}\n"
FORMATTED = "claims:\n  - id: a\n    text: t\n    source: nyt\n"


tracker = run_tracker


def test_validate_reads_a_buffer_from_stdin_in_its_corpus(make_corpus: CorpusMaker) -> None:
    make_corpus({"s.yaml": SOURCES, "a.yaml": GOOD}, base=False)
    buffer = "claims:\n  - {id: a, text: t, soruce: nyt}\n"
    result = tracker("validate", "-", "--stdin-filename", "claims/a.yaml", stdin=buffer)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "claims/a.yaml:2:22: error: unknown key 'soruce' in claim 'a'; did you mean "
        "'source'? [unknown-key]"
    )
    # The buffer replaced the file on disk: no duplicate id with the saved version.
    assert "duplicate" not in result.stdout
    assert Path("claims/a.yaml").read_text(encoding="utf-8") == GOOD
    # The same buffer, fixed, is valid: its source is declared in another file of the corpus.
    result = tracker("validate", "-", "--stdin-filename", "claims/a.yaml", stdin=GOOD)
    assert result.returncode == 0, result.stderr


def test_validate_a_file_reports_only_its_own_problems(make_corpus: CorpusMaker) -> None:
    make_corpus(
        {"s.yaml": SOURCES, "a.yaml": GOOD, "b.yaml": "claims:\n  - {id: b, text: t}\n"},
        base=False,
    )
    result = tracker("validate", "claims/a.yaml")
    assert result.returncode == 0, result.stdout
    assert "b.yaml" not in result.stdout
    result = tracker("validate", "claims/b.yaml")
    assert result.returncode == 1
    assert "claims/b.yaml:2:5: error: claim 'b' has no 'source'" in result.stdout
    assert tracker("validate", "claims/nope.yaml").returncode == 2


def test_fmt_formats_stdin_to_stdout(make_corpus: CorpusMaker) -> None:
    make_corpus({}, base=False)
    result = tracker("fmt", "-", stdin=GOOD)
    assert result.returncode == 0, result.stderr
    assert result.stdout == FORMATTED
    broken = tracker("fmt", "-", "--stdin-filename", "claims/x.yaml", stdin="claims: [\n")
    assert broken.returncode == 1
    assert broken.stdout == ""
    assert broken.stderr.startswith("claims/x.yaml:2:1: error: YAML syntax")


def test_fmt_diff_changes_nothing(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": GOOD}, base=False)
    result = tracker("fmt", "--diff")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        "--- a/claims/a.yaml",
        "+++ b/claims/a.yaml",
        "@@ -1,2 +1,4 @@",
    ]
    assert "+  - id: a" in result.stdout
    assert Path("claims/a.yaml").read_text(encoding="utf-8") == GOOD
    assert tracker("fmt").returncode == 0
    clean = tracker("fmt", "--diff")
    assert clean.returncode == 0
    assert clean.stdout == ""

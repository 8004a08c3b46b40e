"""Settings as ruff reads them: [tool.tracker] in pyproject.toml or .tracker.yaml beside the
claims folder; --select/--ignore; `# tracker: ignore[CODE]` on a line; flags win; an unknown
code anywhere is an error. Driven through the installed `tracker`."""

from __future__ import annotations

from pathlib import Path

from conftest import CorpusMaker, run_tracker

SOURCES = "sources:\n  nyt: {name: NYT}\n  afp: {name: AFP}\n"
CLAIMS = "claims:\n  - {id: a, text: t, source: nyt}\n  - {id: b, text: t, source: nyt}\n"


tracker = run_tracker


def codes(output: str) -> list[str]:
    return [
        line.rsplit("[", 1)[1].rstrip("]") for line in output.splitlines() if line.endswith("]")
    ]


def test_pyproject_sets_the_folder_and_silences_warnings(tmp_path: Path) -> None:
    data = tmp_path / "data" / "claims"
    data.mkdir(parents=True)
    (data / "a.yaml").write_text(SOURCES + CLAIMS, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.tracker]\nclaims = "data/claims"\nignore = ["no-evidence"]\n', encoding="utf-8"
    )
    result = tracker("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert codes(result.stderr) == ["unused-source"]  # afp; no-evidence is silenced
    flags = tracker("validate", "--ignore", "unused-source", cwd=tmp_path)  # flags win
    assert codes(flags.stderr) == ["no-evidence", "no-evidence"]
    only = tracker("validate", "--select", "unused-source", cwd=tmp_path)
    assert codes(only.stderr) == ["unused-source"]
    assert tracker("report", cwd=tmp_path).returncode == 0  # the folder from the settings


def test_tracker_yaml_beside_the_claims_folder(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": SOURCES + CLAIMS}, base=False)
    Path(".tracker.yaml").write_text("strict: true\nignore: [unused-source]\n", encoding="utf-8")
    result = tracker("validate")
    assert result.returncode == 1  # strict: the no-evidence warnings fail
    assert codes(result.stderr) == ["no-evidence", "no-evidence"]


def test_mistakes_in_settings_are_usage_errors(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": SOURCES + CLAIMS}, base=False)
    for text, message in (
        ("ignore: [no-evidnce]\n", "unknown code 'no-evidnce'"),
        ("ignroe: [no-evidence]\n", "unknown setting 'ignroe'"),
        ("ignore: [unknown-source]\n", "'unknown-source' is an error"),
        ("strict: maybe\n", "'strict' must be true or false"),
    ):
        Path(".tracker.yaml").write_text(text, encoding="utf-8")
        result = tracker("validate")
        assert result.returncode == 2, text
        assert ".tracker.yaml" in result.stderr
        assert message in result.stderr
    Path(".tracker.yaml").unlink()
    result = tracker("validate", "--ignore", "nope")
    assert result.returncode == 2
    assert "--ignore: unknown code 'nope'" in result.stderr


def test_an_inline_comment_silences_one_warning_on_its_line(make_corpus: CorpusMaker) -> None:
    make_corpus(
        {
            "a.yaml": SOURCES.replace(
                "afp: {name: AFP}", "afp: {name: AFP}  # tracker: ignore[unused-source]"
            )
            + "claims:\n"
            "  - {id: a, text: t, source: nyt}  # tracker: ignore[no-evidence]\n"
            "  - {id: b, text: t, source: nyt}\n"
        },
        base=False,
    )
    result = tracker("validate")
    assert result.returncode == 0
    assert codes(result.stderr) == ["no-evidence"]
    assert "claims/a.yaml:6:10" in result.stderr  # claim b's, not claim a's

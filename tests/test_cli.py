"""The command line: exit codes, diagnostics formats, start-up cost, and a real subprocess."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, CorpusMaker, installed_tracker

from tracker import __version__
from tracker.cli import cli, main

BAD = "claims:\n  - {id: a, text: t, source: nyt, soruce: x}\n"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert (code, out) == (0, f"tracker, version {__version__}\n")


def test_validate_clean_corpus(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": "claims:\n  - {id: a, text: t, source: nyt}\n"})
    code, out, err = invoke("validate")
    assert code == 0
    assert "claims: 2 files valid: 0 errors, 8 warnings" in out
    assert "claims/a.yaml:2:10: warning: claim 'a' cites no evidence" in out
    assert err == ""


def test_validate_strict_fails_on_warnings(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": "claims:\n  - {id: a, text: t, source: nyt}\n"})
    code, out, err = invoke("validate", "--strict")
    assert code == 1
    assert "claims: 2 files, 2 invalid: 0 errors, 8 warnings" in out
    assert err == ""


def test_validate_errors(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": BAD})
    code, out, err = invoke("validate")
    assert code == 1
    assert err == ""  # diagnostics are the command's output: `tracker validate | grep` works
    assert [line for line in out.splitlines() if ": error: " in line] == [
        "claims/a.yaml:2:35: error: unknown key 'soruce' in claim 'a'; did you mean 'source'? "
        "[unknown-key]"
    ]
    # The claim that failed to read would have used the sources: no knock-on "unused-source"
    # warnings while that error stands (only the real warning, a claim without evidence).
    assert out.splitlines()[-1] == "claims: 2 files, 1 invalid: 1 error, 1 warning"


def test_validate_github_annotations(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": BAD})
    code, out, _ = invoke("validate", "--format", "github")
    assert code == 1
    assert out.splitlines()[1] == (
        "::error file=claims/a.yaml,line=2,col=35,title=tracker unknown-key::unknown key "
        "'soruce' in claim 'a'; did you mean 'source'?"
    )


def test_validate_json(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": BAD})
    code, out, _ = invoke("validate", "--format", "json")
    assert code == 1
    first = json.loads(out)["diagnostics"][1]
    assert first == {
        "path": "claims/a.yaml",
        "line": 2,
        "column": 35,
        "severity": "error",
        "code": "unknown-key",
        "message": "unknown key 'soruce' in claim 'a'; did you mean 'source'?",
    }


def test_missing_claims_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["validate"], ["report"], ["sources"], ["topics"], ["timeline"], ["graph"]):
        code, _, err = invoke(*command)
        assert code == 2, command
        assert "no claims folder here" in err
    code, _, err = invoke("matrix", "t")
    assert code == 2
    Path("empty").mkdir()
    code, _, err = invoke("report", "empty")
    assert code == 2
    assert "empty holds no claim files (*.yaml, *.yml)" in err
    code, _, err = invoke("report", "elsewhere")
    assert code == 2


def test_internal_errors_never_show_a_traceback(
    make_corpus: CorpusMaker, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_corpus({})

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("tracker.analysis.pipeline.analyse_corpus", broken)
    with pytest.raises(SystemExit) as exit_info:
        main(["validate"])
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "tracker: internal error (RuntimeError: boom)" in err
    assert "Traceback" not in err


def test_installed_command_runs_as_a_subprocess() -> None:
    tracker = installed_tracker()
    result = subprocess.run(
        [tracker, "report", "claims", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["contradictions"]) >= 3
    result = subprocess.run(
        [tracker, "validate", "does-not-exist"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def imported(args: list[str], modules: tuple[str, ...], cwd: Path) -> list[str]:
    """Which of ``modules`` a real process of `tracker ARGS` imported (it must exit 0)."""
    probe = (
        "import sys\n"
        "from tracker.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        f"print(sorted(m for m in {modules!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: list[str] = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (["--help"], ("pandas", "networkx", "tabulate", "sklearn", "scipy")),
        (["validate", "claims"], ("pandas", "sklearn")),
        (["report", "claims"], ("pandas", "sklearn")),
    ],
)
def test_start_up_imports_only_what_it_needs(args: list[str], absent: tuple[str, ...]) -> None:
    assert imported(args, absent, REPO) == []


def test_a_replayed_report_imports_no_analysis(tmp_path: Path) -> None:
    """A report answered from the run cache needs neither the analysis nor networkx: their
    import was half of a replay's time."""
    shutil.copytree(REPO / "claims", tmp_path / "claims")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    modules = ("networkx", "tracker.analysis.graph")
    # the first run makes the entry, the second replays it
    assert imported(["report", "claims"], modules, tmp_path) == sorted(modules)
    assert imported(["report", "claims"], modules, tmp_path) == []


def test_dash_output_is_stdout(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": "claims:\n  - {id: a, text: t, source: nyt}\n"})
    result = CliRunner().invoke(cli, ["report", "-o", "-", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "contradictions": [],
        "uncompared": [{"id": "a", "source": "The New York Times", "text": "t"}],
    }
    assert not Path("-").exists()


def test_github_format_is_the_default_in_github_actions(
    make_corpus: CorpusMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus({"a.yaml": BAD})
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = subprocess.run(
        [installed_tracker(), "validate"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stdout.startswith("::")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    result = subprocess.run(
        [installed_tracker(), "validate"], capture_output=True, text=True, check=False
    )
    assert result.stdout.startswith("claims/a.yaml:")


def test_the_list_of_commands_cuts_no_summary() -> None:
    """Each command's summary in `tracker --help` is its first sentence whole."""
    for args in (["--help"], ["export", "--help"], ["import", "--help"]):
        listed = CliRunner().invoke(cli, args).stdout.split("Commands:")[1]
        assert "..." not in listed, listed
    assert "  export    Export the corpus for other tools.\n" in (
        CliRunner().invoke(cli, ["--help"]).stdout
    )

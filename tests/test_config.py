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
    assert codes(result.stdout) == ["unused-source"]  # afp; no-evidence is silenced
    flags = tracker("validate", "--ignore", "unused-source", cwd=tmp_path)  # flags win
    assert codes(flags.stdout) == ["no-evidence", "no-evidence"]
    only = tracker("validate", "--select", "unused-source", cwd=tmp_path)
    assert codes(only.stdout) == ["unused-source"]
    assert tracker("report", cwd=tmp_path).returncode == 0  # the folder from the settings


def test_tracker_yaml_beside_the_claims_folder(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": SOURCES + CLAIMS}, base=False)
    Path(".tracker.yaml").write_text("strict: true\nignore: [unused-source]\n", encoding="utf-8")
    result = tracker("validate")
    assert result.returncode == 1  # strict: the no-evidence warnings fail
    assert codes(result.stdout) == ["no-evidence", "no-evidence"]


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
    assert codes(result.stdout) == ["no-evidence"]
    assert "claims/a.yaml:6:10" in result.stdout  # claim b's, not claim a's


SECRET = (
    "sources:\n  key: {name: AKIA-SECRET-VALUE}\n"
    "claims: [{id: s, text: AKIA-SECRET-VALUE, source: key}]\n"
)


def _outside_home(tmp_path: Path) -> tuple[Path, Path]:
    """A repository in tmp_path/repo and, beside it, a folder of YAML it must not read."""
    repo, home = tmp_path / "repo", tmp_path / "home"
    (repo / "claims").mkdir(parents=True)
    (repo / "claims" / "a.yaml").write_text(SOURCES + CLAIMS, encoding="utf-8")
    home.mkdir()
    (home / "secret.yaml").write_text(SECRET, encoding="utf-8")
    return repo, home


def test_settings_never_lead_outside_the_repository(tmp_path: Path) -> None:
    repo, home = _outside_home(tmp_path)
    (repo / "inside").symlink_to(home)
    for name, text, line in (
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.tracker]\nclaims = "../home"\n', 5),
        ("pyproject.toml", "[tool.tracker]\nstrict = false\nclaims = '/'\n", 3),
        (".tracker.yaml", "strict: false\nclaims: ../home\n", 2),
        (".tracker.yaml", "claims: inside\n", 1),  # a link that leads out
    ):
        for other in ("pyproject.toml", ".tracker.yaml"):
            (repo / other).unlink(missing_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
        for command in ("validate", "report", "sources"):
            result = tracker(command, cwd=repo)
            assert result.returncode == 2, (name, text, command, result.stderr)
            assert f"{name}:{line}:" in result.stderr
            assert "'claims' leads outside" in result.stderr
            assert "AKIA" not in result.stdout + result.stderr
        assert not (home / ".tracker-cache").exists()
        assert not (tmp_path / ".tracker-cache").exists()
    # A folder the user names on the command line is theirs to choose.
    (repo / ".tracker.yaml").unlink()
    chosen = tracker("validate", str(home), cwd=repo)
    assert chosen.returncode == 0, chosen.stderr
    inside = tracker("validate", cwd=repo)  # settings naming nothing: ./claims
    assert inside.returncode == 0


def test_settings_that_cannot_be_used_name_their_file_and_line(tmp_path: Path) -> None:
    repo, _ = _outside_home(tmp_path)
    deep_toml = "[tool.tracker]\nselect = " + "[" * 2000 + "]" * 2000 + "\n"
    deep_yaml = "select: " + "[" * 5000 + "]" * 5000 + "\n"
    for name, text, where, message in (
        ("pyproject.toml", "tool = 5\n", "pyproject.toml:1:", "'tool' must be a table"),
        ("pyproject.toml", deep_toml, "pyproject.toml", "nests too deeply"),
        (".tracker.yaml", deep_yaml, ".tracker.yaml:1:", "too deeply"),
        (
            "pyproject.toml",
            f"[tool.tracker]\n\nclaims = '{'x' * 300}'\n",
            "pyproject.toml:3:1",
            "File name too long",
        ),
        (".tracker.yaml", "ignore: [no-evidence]\nstrict: maybe\n", ".tracker.yaml:2:1", "true"),
        (".tracker.yaml", "claims: [a]\n", ".tracker.yaml:1:1", "must be a folder path"),
        (".tracker.yaml", "claims: !!python/name:os.system a\n", ".tracker.yaml:1:", "tag"),
    ):
        for other in ("pyproject.toml", ".tracker.yaml"):
            (repo / other).unlink(missing_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
        result = tracker("validate", cwd=repo)
        assert result.returncode == 2, (text[:60], result.stderr)
        assert where in result.stderr, (text[:60], result.stderr)
        assert message in result.stderr, (text[:60], result.stderr)
        assert "internal error" not in result.stderr

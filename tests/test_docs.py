"""The documented CI workflow and pre-commit hooks name commands and options that exist."""

from __future__ import annotations

import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, client_program

from tracker.cli import cli


def tracker_commands(text: str) -> list[list[str]]:
    commands = []
    for match in re.finditer(r"^\s*(?:run: )?(tracker [^\n>|]*)", text, re.MULTILINE):
        words = shlex.split(match.group(1).replace("\\", ""))
        commands.append([w for w in words if not w.startswith('"') and "${{" not in w])
    return commands


def test_workflow_is_valid_yaml_and_its_commands_exist() -> None:
    text = (REPO / "docs" / "github-workflow.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert "review" in workflow["jobs"]
    commands = tracker_commands(text)
    assert [c[1] for c in commands] == ["validate", "fmt", "diff", "diff"]
    for command in commands:
        options = [w for w in command[2:] if w.startswith("--")]
        help_text = CliRunner().invoke(cli, [command[1], "--help"]).stdout
        for option in options:
            assert option in help_text, f"{command[1]} has no option {option}"


def test_pre_commit_hooks_name_real_commands() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"tracker-validate", "tracker-fmt"}
    for hook in hooks:
        program, command = hook["entry"].split()
        assert program == "tracker"
        assert CliRunner().invoke(cli, [command, "--help"]).exit_code == 0


def test_workflow_passes_the_github_workflow_schema() -> None:
    """check-jsonschema's vendored schema of GitHub workflows (offline), and what the schema
    cannot say: current action majors, least privilege, a summary even when validation fails."""
    checker = client_program("check-jsonschema")
    path = REPO / "docs" / "github-workflow.yml"
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["review"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses == ["actions/checkout@v5", "actions/setup-python@v6"]
    summary = next(s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert summary["if"] == "always()"


def test_validate_hook_runs_when_a_quoted_document_changes() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    validate = next(h for h in hooks if h["id"] == "tracker-validate")
    pattern = re.compile(validate["files"])
    assert pattern.search("claims/a.yaml")
    assert pattern.search("seeds/article.txt")
    assert not pattern.search("README.md")


def test_every_dependency_declares_the_floor_the_minimum_job_installs(tmp_path: Path) -> None:
    """`make test-minimum` pins each runtime dependency to its floor; a dependency without a
    floor would escape that job, so it is an error."""
    from minimum_versions import minimum_constraints

    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pins = minimum_constraints()
    assert len(pins) == len(declared["project"]["dependencies"])
    assert "pandas==2.2.2" in pins
    loose = tmp_path / "pyproject.toml"
    loose.write_text('[project]\ndependencies = ["click>=8.2", "pandas"]\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="'pandas' declares no '>=' floor"):
        minimum_constraints(loose)

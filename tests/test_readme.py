"""The README's worked example is real: its claim file gives exactly the table it shows."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from tracker.cli import cli


def block(name: str) -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- example:{name} -->\n```\w+\n(.*?)```", readme, re.DOTALL)
    assert match, f"README has no example:{name} block"
    return match.group(1)


def test_worked_example_output_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("claims").mkdir()
    Path("claims/example.yaml").write_text(block("claims"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["report"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == block("report")
    assert result.stderr == ""
    # Written as `tracker fmt` writes it: copying the example starts a corpus in its layout.
    formatted = CliRunner().invoke(cli, ["fmt", "--check"])
    assert formatted.exit_code == 0, formatted.stdout


OUTPUT = re.compile(r"<!-- output: (tracker [^>]*?) -->\n(.*?)<!-- end output -->", re.DOTALL)


def command_output(command: str) -> str:
    """The output of a documented command, run on the bundled corpus from the repository."""
    words = command.split()[1:]
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        result = CliRunner().invoke(cli, words)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_documented_outputs_are_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = OUTPUT.findall(readme)
    assert len(blocks) >= 4
    for command, shown in blocks:
        assert shown == command_output(command), f"README output of `{command}` is stale"


def refresh() -> None:
    """Rewrite the README's example report from its example claims (`make examples`)."""
    import tempfile

    readme_path = REPO / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as temp:
        cwd = Path.cwd()
        os.chdir(temp)
        try:
            Path("claims").mkdir()
            Path("claims/example.yaml").write_text(block("claims"), encoding="utf-8")
            output = CliRunner().invoke(cli, ["report"]).stdout
        finally:
            os.chdir(cwd)
    start = readme.index("<!-- example:report -->\n```text\n") + len(
        "<!-- example:report -->\n```text\n"
    )
    end = readme.index("```", start)
    readme = readme[:start] + output + readme[end:]
    readme = OUTPUT.sub(
        lambda m: f"<!-- output: {m.group(1)} -->\n{command_output(m.group(1))}<!-- end output -->",
        readme,
    )
    readme_path.write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    refresh()

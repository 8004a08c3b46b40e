"""The README's worked example is real: its claim file gives exactly the table it shows."""

from __future__ import annotations

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


def refresh() -> None:
    """Rewrite the README's example report from its example claims (`make examples`)."""
    import os
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
    readme_path.write_text(readme[:start] + output + readme[end:], encoding="utf-8")


if __name__ == "__main__":
    refresh()

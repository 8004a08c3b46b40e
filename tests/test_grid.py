"""Tables fit the terminal: --width, else COLUMNS, else the terminal's size, else 100; columns
share the width by content; wide characters count double."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, CorpusMaker, installed_tracker

from tracker.cli import cli
from tracker.render.grid import display_width, draw, fit, wrap

CLAIMS = str(REPO / "claims")


def widths_of(text: str) -> set[int]:
    return {display_width(line) for line in text.splitlines() if line[:1] in "┌│├└"}


@pytest.mark.parametrize("width", [80, 100, 200])
def test_every_table_fits_the_width(width: int) -> None:
    for command in (
        ["report", CLAIMS],
        ["report", CLAIMS, "--group", "conflict"],
        ["sources", CLAIMS],
        ["topics", CLAIMS],
        ["timeline", CLAIMS],
        ["matrix", "haniyeh-killing.method", CLAIMS],
    ):
        result = CliRunner().invoke(cli, [*command, "--width", str(width)])
        assert result.exit_code == 0, result.stderr
        assert max(widths_of(result.stdout)) <= width, command


def test_wide_characters_stay_aligned() -> None:
    body = [["伊斯梅尔·哈尼亚在德黑兰被杀", "爆炸装置 💣 explosive"], ["short", "ok"]]
    table = draw(["题目", "Answer"], body, 30)
    assert len(widths_of(table)) == 1  # every line of the grid has the same display width
    assert max(widths_of(table)) <= 30
    assert display_width("哈尼亚") == 6


def test_wrapping_keeps_words_and_indents() -> None:
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    assert wrap("  detail that wraps", 12) == ["  detail", "  that wraps"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_columns_share_by_content() -> None:
    assert fit([5, 10, 80], 60) == [5, 10, 45]
    assert fit([5, 10, 20], 60) == [5, 10, 20]
    assert fit([50, 50], 60) == [30, 30]


def test_columns_variable_and_pipes(make_corpus: CorpusMaker) -> None:
    """Through the installed command: COLUMNS is obeyed, and piped output is 100 wide."""
    piped = subprocess.run(
        [installed_tracker(), "report", CLAIMS],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "COLUMNS"},
    ).stdout
    assert max(widths_of(piped)) == 100
    narrow = subprocess.run(
        [installed_tracker(), "report", CLAIMS],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "80"},
    ).stdout
    assert max(widths_of(narrow)) <= 80


def test_a_terminal_of_120_columns_gets_120(tmp_path: Path) -> None:
    """In a pseudo-terminal of 120 columns (no COLUMNS variable), tables use its width."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    process = subprocess.Popen(
        [installed_tracker(), "report", CLAIMS],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=tmp_path,
    )
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=30)
    os.close(leader)
    text = output.decode("utf-8", "replace").replace("\r\n", "\n")
    assert max(widths_of(text)) == 120

"""Tables fit the terminal: --width, else COLUMNS, else the terminal's size, else 100; columns
share the width by content; wide characters count double."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, CorpusMaker, installed_tracker, new_repository, run_tracker

from tracker.cli import cli
from tracker.render.grid import display_width, draw, fit, wrap

CLAIMS = str(REPO / "claims")


def widths_of(text: str) -> set[int]:
    """The display width of every line of a table command's output (folded tables too)."""
    return {display_width(line) for line in text.splitlines()} or {0}


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
    piped = run_tracker(
        "report", CLAIMS, env={k: v for k, v in os.environ.items() if k != "COLUMNS"}
    ).stdout
    assert max(widths_of(piped)) == 100
    narrow = run_tracker("report", CLAIMS, env={**os.environ, "COLUMNS": "80"}).stdout
    assert max(widths_of(narrow)) <= 80


def test_a_terminal_of_120_columns_gets_120(tmp_path: Path) -> None:
    """In a pseudo-terminal of 120 columns (no COLUMNS variable), tables use its width."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    text = _in_terminal(["report", CLAIMS], tmp_path, env).replace("\r\n", "\n")
    assert max(widths_of(text)) == 120


def _in_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        [installed_tracker(), *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=cwd,
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
    return output.decode("utf-8", "replace")


def test_progress_on_a_terminal_never_in_a_pipe(make_corpus: CorpusMaker) -> None:
    make_corpus(
        {f"f{n}.yaml": f"claims:\n  - {{id: c{n}, text: t, source: nyt}}\n" for n in range(30)}
    )
    env = {**os.environ, "TRACKER_PROGRESS_AFTER": "0"}
    shown = _in_terminal(["--no-cache", "validate"], Path.cwd(), env)
    assert "reading claim files: 31/31" in shown
    piped = run_tracker("--no-cache", "validate", env=env)
    assert "reading claim files" not in piped.stderr


def test_quiet_and_verbose(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": "claims:\n  - {id: a, text: t, source: nyt, evidence: []}\n"})
    quiet = run_tracker(
        "-q",
        "validate",
        "--ignore",
        "no-evidence",
        "--ignore",
        "unused-source",
        "--ignore",
        "unused-topic",
    )
    assert quiet.returncode == 0
    assert quiet.stderr == ""
    verbose = run_tracker("-v", "validate")
    assert "tracker: read 2 files: 4 sources, 4 topics, 1 claims, 0 conflicts" in verbose.stderr
    assert "tracker: done in" in verbose.stderr


def test_shell_completion_script() -> None:
    result = subprocess.run(
        [installed_tracker()],
        capture_output=True,
        text=True,
        env={**os.environ, "_TRACKER_COMPLETE": "bash_source"},
        check=False,
    )
    assert "_tracker_completion" in result.stdout
    assert "complete " in result.stdout


LONG_IDS = """\
sources:
  ministry-of-health-of-the-gaza-strip-auth: {name: Gaza health ministry, kind: government}
  associated-press-wire-service-new-york-de: {name: Associated Press, kind: agency}
topics:
  kakhovka.dam-state-after-the-sixth-of-june:
    question: Was the Kakhovka dam destroyed or only damaged on the sixth of June?
    positions: [destroyed entirely, damaged in its central section]
  kakhovka.people-evacuated-from-the-flood-zone:
    question: How many people were evacuated from the flooded zone?
    kind: number
    unit: people
claims:
  - id: maxar-central-section-destroyed-by-blast
    text: Satellite images show the central section destroyed.
    source: associated-press-wire-service-new-york-de
    topic: kakhovka.dam-state-after-the-sixth-of-june
    position: destroyed entirely
  - id: ministry-says-dam-only-damaged-in-centre
    text: The ministry says the dam was only damaged in its central section.
    source: ministry-of-health-of-the-gaza-strip-auth
    topic: kakhovka.dam-state-after-the-sixth-of-june
    position: damaged in its central section
  - id: associated-press-counts-seventeen-hundred
    text: Associated Press counted 1,700 evacuated people.
    source: associated-press-wire-service-new-york-de
    topic: kakhovka.people-evacuated-from-the-flood-zone
    value: 1700
  - id: ministry-counts-two-thousand-six-hundred
    text: The ministry counted 2,600 evacuated people.
    source: ministry-of-health-of-the-gaza-strip-auth
    topic: kakhovka.people-evacuated-from-the-flood-zone
    value: 2600
  - id: associated-press-notes-landmines-moved-x
    text: Associated Press noted that landmines had moved downstream.
    source: associated-press-wire-service-new-york-de
"""


@pytest.mark.parametrize("width", [80, 100, 200])
def test_no_table_splits_an_id_or_a_word(make_corpus: CorpusMaker, width: int) -> None:
    """40-character ids and long words at 80, 100 and 200 columns, in every table of every
    command: each id and each word of a question is found whole in the output (a split one
    would be broken by a line end and a border), and every line fits the width."""
    claims = make_corpus({"story.yaml": LONG_IDS}, base=False)
    ids = [line.split(": ", 1)[1] for line in LONG_IDS.splitlines() if "- id: " in line]
    ids += [
        "ministry-of-health-of-the-gaza-strip-auth",
        "kakhovka.dam-state-after-the-sixth-of-june",
        "kakhovka.people-evacuated-from-the-flood-zone",
    ]
    words = ["Associated", "evacuated", "Kakhovka"]
    for command in (
        ["report"],
        ["report", "--group", "conflict"],
        ["sources"],
        ["topics"],
        ["timeline"],
        ["matrix", "kakhovka.dam-state-after-the-sixth-of-june"],
    ):
        result = CliRunner().invoke(
            cli, ["--no-cache", *command, str(claims), "--width", str(width)]
        )
        assert result.exit_code == 0, result.output
        out = result.stdout
        assert max(widths_of(out)) <= width, (command, out)
        shown = [i for i in ids if i in out]
        # An id cut at a line end leaves a piece that starts it: a token of id characters
        # (with a '-' or '.', unlike a word of text) that is a strict prefix of an id.
        tokens = {t for t in re.findall(r"[a-z0-9][a-z0-9._-]{7,}", out) if set(t) & set("-.")}
        split = sorted(t for t in tokens for i in ids if i.startswith(t) and t != i)
        assert split == [], (command, split, out)
        assert shown, (command, out)
        for word in words:
            assert word not in out or all(
                line.count(word[:6]) <= line.count(word) for line in out.splitlines()
            ), (command, word)


@pytest.mark.parametrize("width", [80, 100, 200])
def test_diff_and_suggest_tables_split_no_id(tmp_path: Path, width: int) -> None:
    """The same ids through `tracker diff` (a change that adds and changes conflicts) and
    `tracker suggest`: whole at every width, every line within it."""
    root = tmp_path / "repo"
    git = new_repository(root)
    (root / "claims").mkdir()
    before = LONG_IDS.replace("value: 2600", "value: 1700")
    (root / "claims" / "story.yaml").write_text(before, encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "before")
    (root / "claims" / "story.yaml").write_text(LONG_IDS, encoding="utf-8")
    ids = [line.split(": ", 1)[1] for line in LONG_IDS.splitlines() if "- id: " in line]
    cwd = Path.cwd()
    os.chdir(root)
    try:
        outputs = [
            CliRunner().invoke(cli, ["--no-cache", *command, "--width", str(width)])
            for command in (["diff", "main"], ["suggest"])
        ]
    finally:
        os.chdir(cwd)
    for result in outputs:
        assert result.exit_code == 0, result.output
        grid = [line for line in result.stdout.splitlines() if line[:1] in "│┌├└─"]
        assert grid, result.stdout
        assert max(widths_of("\n".join(grid))) <= width, result.stdout
        tokens = {t for t in re.findall(r"[a-z0-9][a-z0-9._-]{7,}", result.stdout) if "-" in t}
        assert sorted(t for t in tokens for i in ids if i.startswith(t) and t != i) == []
    assert "ministry-counts-two-thousand-six-hundred" in outputs[0].stdout

"""fmt's layout proven without the round trip (tracker/review/canonical.py): a formatted file
is recognised by `fmt --check` without ruamel.yaml, and whatever the proof accepts is what the
round trip leaves unchanged (a wrong proof would let `fmt --check` pass a file `fmt` rewrites)."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from ruamel.yaml.comments import CommentedMap, CommentedSeq

import tracker.review.fmt as fmt
from tracker.cli import cli
from tracker.reading.parse import parse
from tracker.review.canonical import is_canonical, scalar
from tracker.review.layout import round_trip_yaml

BUNDLED = sorted((REPO / "claims").glob("*.yaml"))


def test_fmt_check_on_formatted_files_never_runs_the_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled claims (comments, folded quotes, ranges, booleans) are proven in the
    layout; the round trip is not asked."""
    claims = tmp_path / "claims"
    claims.mkdir()
    for path in BUNDLED:
        (claims / path.name).write_bytes(path.read_bytes())

    def no_round_trip(text: str, path: str = "") -> str:
        raise AssertionError(f"{path} went through the round trip")

    monkeypatch.setattr(fmt, "_dump", no_round_trip)
    result = CliRunner().invoke(cli, ["fmt", "--check", str(claims)])
    assert result.exit_code == 0, result.output + result.stdout
    assert f"{len(BUNDLED)} unchanged" in result.stdout


def _round_trip(text: str) -> str:
    return fmt._dump(text)


def _mutants(rng: random.Random, text: str) -> list[str]:
    """Small edits of a formatted file: comments here and there, values re-spelled, lines
    swapped or indented, trailing spaces."""
    values = [
        "'a: b'",
        '"it\'s"',
        "x #y",
        "[a, b]",
        "{a: 1}",
        "'1e3'",
        "1e3",
        "no",
        "'no'",
        "null",
        "~",
        "'x'",
        '"y"',
        "2024-01-01",
        "'2024-01-01'",
        "1_000",
        "-1",
        "+1",
        ".5",
        "True",
        "true",
        "@x",
        "' lead'",
        "x  # two",
        "a,b",
        "'a,b'",
        "0o7",
    ]
    found = []
    lines = text.split("\n")
    for _ in range(50):
        edited = list(lines)
        for _ in range(rng.randint(1, 2)):
            number = rng.randrange(len(edited))
            line = edited[number]
            choice = rng.randrange(5)
            if choice == 0:
                edited.insert(number, " " * rng.randint(0, 6) + "# note")
            elif choice == 1:
                edited[number] = line + rng.choice(["  # end", " #e", " "])
            elif choice == 2 and ": " in line:
                edited[number] = line.partition(": ")[0] + ": " + rng.choice(values)
            elif choice == 3 and number + 1 < len(edited):
                edited[number], edited[number + 1] = edited[number + 1], line
            else:
                edited[number] = " " * rng.randint(1, 2) + line
        found.append("\n".join(edited))
    return found


def test_what_the_proof_accepts_the_round_trip_leaves_unchanged() -> None:
    path = min(BUNDLED, key=lambda p: p.stat().st_size)
    rng = random.Random(path.name)
    proven = 0
    for text in _mutants(rng, path.read_text(encoding="utf-8")):
        parsed, _ = parse("x.yaml", text.encode("utf-8"))
        if parsed.root is None or not is_canonical(text, parsed.root):
            continue
        proven += 1
        assert _round_trip(text) == text, text
    assert proven >= 8  # the edits that keep the layout (comments, mostly) are proven


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "it's",
        "Killed by: a bomb",
        "a #tag",
        "no",
        "2024-01-01",
        "1e3",
        "0o7",
        "- dash",
        "@handle",
        "'quoted'",
        '"double"',
        "a,b [c]",
        "x:y",
        "? what",
        "1:30",
        "café ☕",
        "trailing ",
        " leading",
        "---",
        "... more",
        "it's: here",
        "back\\slash: 'q'",
    ],
)
def test_scalars_are_written_as_the_round_trip_writes_them(text: str) -> None:
    yaml = round_trip_yaml()
    for flow in (False, True):
        document = CommentedMap()
        if flow:
            document["k"] = CommentedSeq([text])
            document["k"].fa.set_flow_style()
        else:
            document["k"] = text
        buffer = io.StringIO()
        yaml.dump(document, buffer)
        written = scalar(text, flow=flow)
        assert written is not None
        assert buffer.getvalue() == (f"k: [{written}]\n" if flow else f"k: {written}\n")


def test_what_the_proof_does_not_know_it_leaves_to_the_round_trip() -> None:
    assert scalar("") is None
    assert scalar("tab\there") is None
    assert scalar("line\nbreak") is None
    unproven = "claims:\n  - id: a\n    text: |+\n      kept\n\n    source: s\n"
    parsed, _ = parse("x.yaml", unproven.encode("utf-8"))
    assert not is_canonical(unproven, parsed.root)
    complex_key = "? [a, b]\n: c\n"  # a list as a key (the YAML test suite has such files)
    parsed, _ = parse("x.yaml", complex_key.encode("utf-8"))
    assert not is_canonical(complex_key, parsed.root)

"""Hostile and broken input: every case gets its exact error, nothing runs, nothing crashes.

The cases live in ``tests/hostile/``, one per file; each is copied into a fresh corpus beside
the shared ``base.yaml`` and validated through the real command.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CorpusMaker, check, installed_tracker, lines

from tracker.cli import cli

HOSTILE = Path(__file__).parent / "hostile"

ALIAS = "aliases of lists and mappings are not supported in claim files, write the entry out"
EXPECTED: dict[str, list[str]] = {
    "syntax-start.yaml": [
        "claims/syntax-start.yaml:2:3: error: YAML syntax: did not find expected node content"
    ],
    "syntax-middle.yaml": [
        "claims/syntax-middle.yaml:6:1: error: YAML syntax: found unexpected end of stream (a "
        "quoted string or bracket is never closed)"
    ],
    "syntax-end.yaml": [
        "claims/syntax-end.yaml:7:4: error: YAML syntax: did not find expected '-' indicator "
        "(a list item is missing its '- ', or this line is indented differently from the "
        "items above it)"
    ],
    "tabs.yaml": [
        "claims/tabs.yaml:3:1: error: YAML syntax: found a tab character that violates "
        "indentation (a tab character: YAML indents with spaces only, replace the tab with spaces)"
    ],
    "bom.yaml": [],
    "utf16.yaml": ["claims/utf16.yaml:1:1: error: the file is UTF-16; save it as UTF-8"],
    "latin1.yaml": [
        "claims/latin1.yaml:2:22: error: byte 0xe9 is not valid UTF-8; save the file as UTF-8"
    ],
    "empty.yaml": [],
    "list.yaml": [
        "claims/list.yaml:1:1: error: a claim file must be a mapping with the keys sources, "
        "topics, claims, contradictions, not a list"
    ],
    "scalar.yaml": [
        "claims/scalar.yaml:1:1: error: a claim file must be a mapping with the keys sources, "
        "topics, claims, contradictions, not the number 42"
    ],
    "merge-key.yaml": [
        "claims/merge-key.yaml:2:5: error: claim 'a' has no 'source'; add `source: <id of the "
        "source that originated it>`",
        "claims/merge-key.yaml:4:5: error: merge keys ('<<') are not supported in claim files; "
        "write the keys out",
    ],
    "anchor-duplicate-id.yaml": [
        f"claims/anchor-duplicate-id.yaml:3:5: error: the alias *claim repeats a list or "
        f"mapping written elsewhere; {ALIAS}"
    ],
    "python-tag.yaml": [
        "claims/python-tag.yaml:3:11: error: unknown tag 'python/object/apply:os.system'; "
        "claim files hold plain text, numbers, dates, lists and mappings only: remove the tag"
    ],
    "custom-tag.yaml": [
        "claims/custom-tag.yaml:2:6: error: unknown tag '!source'; claim files hold plain text, "
        "numbers, dates, lists and mappings only: remove the tag"
    ],
    "billion-laughs.yaml": [
        f"claims/billion-laughs.yaml:2:10: error: the alias *a0 repeats a list or mapping "
        f"written elsewhere (81 more in this file); {ALIAS}"
    ],
    "deep-flow.yaml": [
        "claims/deep-flow.yaml:1:1008: error: YAML syntax: exceeded maximum nesting depth (the "
        "file nests brackets or indentation too deeply)"
    ],
    "overflow.yaml": [
        "claims/overflow.yaml:2:55: error: 'value' in claim 'a' must be a finite number, not 1e999",
        "claims/overflow.yaml:3:55: error: 'value' in claim 'b' must be a finite number, not .nan",
        "claims/overflow.yaml:4:55: error: 'value' in claim 'c' must be a finite number, not -.inf",
        "claims/overflow.yaml:5:59: error: 'value' in claim 'd' range end must be a finite "
        "number, not .inf",
    ],
    "self-contradiction.yaml": [
        "claims/self-contradiction.yaml:4:13: error: contradiction names claim 'a' more than "
        "once; a claim cannot contradict itself: name two or more different claims"
    ],
    "via-originator.yaml": [
        "claims/via-originator.yaml:2:46: error: 'via' of claim 'a' names its originator "
        "'nyt'; a source does not relay its own claim: remove it from 'via'"
    ],
    "document-escape.yaml": [
        "claims/document-escape.yaml:6:20: error: document '../../etc/passwd' cannot be used: "
        "the path leaves the corpus folder; keep documents under it, e.g. in seeds/",
        "claims/document-escape.yaml:7:20: error: document '/etc/passwd' cannot be used: an "
        "absolute path is not allowed; name the document relative to the folder that holds "
        "the claims folder, e.g. 'seeds/article.txt'",
        "claims/document-escape.yaml:8:20: error: document 'seeds/outside-link.txt' cannot be "
        "used: the path leads outside the corpus folder (through a symbolic link); copy the "
        "document under seeds/",
    ],
    "control-characters.yaml": [
        "claims/control-characters.yaml:2:24: error: YAML syntax: the control character "
        "U+0007 is not allowed in YAML; remove it, or write \\u0007 inside double quotes if "
        "it is meant"
    ],
}


def test_every_case_has_an_expectation() -> None:
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_case(name: str, make_corpus: CorpusMaker) -> None:
    claims = make_corpus({})
    shutil.copyfile(HOSTILE / name, claims / name)
    os.symlink("/etc/passwd", "seeds/outside-link.txt")
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == (1 if EXPECTED[name] else 0), result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert lines(check(claims).diagnostics) == EXPECTED[name]
    assert not Path("pwned").exists()


def test_deep_block_nesting(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({})
    deep = "claims:\n" + "".join("  " * depth + "-\n" for depth in range(1, 3000))
    (claims / "deep.yaml").write_text(deep, encoding="utf-8")
    assert lines(check(claims).diagnostics) == [
        "claims/deep.yaml:1000:1999: error: YAML syntax: exceeded maximum nesting depth (the "
        "file nests brackets or indentation too deeply)"
    ]


def test_ten_megabyte_string_is_read_and_reported_in_bounded_space(
    make_corpus: CorpusMaker,
) -> None:
    claims = make_corpus({})
    huge = "x" * 10_000_000
    (claims / "huge.yaml").write_text(
        "claims:\n"
        f"  - {{id: a, text: {huge}, source: nyt, topic: method, position: projectile}}\n"
        "  - {id: b, text: t, source: fars, topic: method, position: explosive device}\n"
        f"  - {{id: c, text: t, source: fars, topic: method, position: {huge}}}\n",
        encoding="utf-8",
    )
    checked = check(claims)
    [problem] = lines(checked.diagnostics)
    # The message quotes the 10 MB position cut short.
    assert problem.startswith("claims/huge.yaml:4:61: error: position 'xxxx")
    assert len(problem) < 400
    result = CliRunner().invoke(cli, ["report", "--format", "table"])
    assert result.exit_code == 1
    assert len(result.stderr) < 5000


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fmt_never_damages_a_hostile_file(name: str, make_corpus: CorpusMaker) -> None:
    """fmt either leaves a hostile file byte-identical (and says why) or rewrites it to the
    same meaning; it never crashes and never runs anything."""
    from tracker.review.fmt import _meaning

    claims = make_corpus({})
    target = claims / name
    shutil.copyfile(HOSTILE / name, target)
    before = target.read_bytes()
    result = CliRunner().invoke(cli, ["fmt", str(target)])
    assert result.exit_code in (0, 1), result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    after = target.read_bytes()
    if after != before:
        assert result.exit_code == 0
        assert _meaning(name, after.decode("utf-8")) == _meaning(name, before.decode("utf-8-sig"))
    elif EXPECTED[name] and "YAML syntax" in EXPECTED[name][0]:
        assert "left untouched" in result.stdout
    assert not Path("pwned").exists()


def test_alias_amplification_is_bounded(make_corpus: CorpusMaker) -> None:
    """A 10 kB quote aliased 100,000 times (a 410 kB file) would expand to 1 GB in every
    output: one diagnostic at the alias that crosses the bound, nothing exported."""
    claims = make_corpus({})
    bomb = (
        "claims:\n  - id: a\n    text: &q " + "x" * 10_000 + "\n    source: nyt\n"
        "    tags:\n" + "      - *q\n" * 100_000
    )
    (claims / "bomb.yaml").write_text(bomb, encoding="utf-8")
    found = [str(d) for d in check(claims).diagnostics if d.code == "alias"]
    assert len(found) == 1
    assert found[0].startswith("claims/bomb.yaml:")
    assert "aliases expand this file past" in found[0]
    result = CliRunner().invoke(cli, ["graph"])
    assert result.exit_code == 1
    assert len(result.stdout) < 1000


def test_output_is_capped_per_problem_kind(make_corpus: CorpusMaker) -> None:
    """20,000 references to unknown claims: 20 lines and a count, not 20,000 lines;
    JSON still lists every problem."""
    claims = make_corpus({})
    entries = "".join(f"  - claims: [nope{n}, nada{n}]\n" for n in range(10_000))
    (claims / "refs.yaml").write_text("contradictions:\n" + entries, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "refs.yaml" in line]
    assert len(lines) == 21
    assert lines[-1] == "claims/refs.yaml: … and 19,980 more [unknown-claim] problems"
    github = CliRunner().invoke(cli, ["validate", "--format", "github"]).stdout.splitlines()
    assert len([line for line in github if "refs.yaml" in line]) == 21
    full = CliRunner().invoke(cli, ["validate", "--format", "json"]).stdout
    assert full.count('"unknown-claim"') == 20_000


def test_a_huge_position_is_cut_in_tables_but_whole_in_json(make_corpus: CorpusMaker) -> None:
    huge = "bomb " * 200_000  # a 1 MB answer
    make_corpus(
        {
            "a.yaml": "claims:\n"
            f"  - {{id: a, text: t, source: nyt, topic: open-method, position: {huge.strip()}}}\n"
            "  - {id: b, text: t, source: fars, topic: open-method, position: missile}\n"
        }
    )
    for fmt in ("table", "markdown"):
        out = CliRunner().invoke(cli, ["report", "--format", fmt]).stdout
        assert len(out) < 20_000, fmt
    data = CliRunner().invoke(cli, ["report", "--format", "json", "--group", "topic"]).stdout
    assert len(data) > 1_000_000


NAMED = (
    b"sources:\n  nyt: {name: N}\ntopics:\n  m: {question: q}\nclaims:\n"
    b"  - {id: a, text: t, source: nyt, topic: m, position: x}\n"
)


def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    """A claim file named with a byte that is not UTF-8, reported (twice: the second from the
    run cache) and diffed in a repository whose own path is not UTF-8."""
    root = os.fsencode(tmp_path) + b"/repo-\xff"
    os.makedirs(root + b"/claims")
    with open(root + b"/claims/\xff-name.yaml", "wb") as handle:
        handle.write(NAMED + b"  - {id: b, text: t, source: nyt, topic: m, position: y}\n")
    tracker = os.fsencode(installed_tracker())
    for args in ([b"report"], [b"report"], [b"report", b"--format", b"json"], [b"validate"]):
        result = subprocess.run([tracker, *args], cwd=root, capture_output=True, check=False)
        assert result.returncode == 0, result.stderr
        assert b"internal error" not in result.stderr
        assert b"\\udcff-name.yaml" in result.stdout + result.stderr
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=root, check=True)
    result = subprocess.run(
        [tracker, b"diff", b"HEAD", b"--format", b"json"], cwd=root, capture_output=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["added"] == []

"""`tracker fmt`: one canonical layout, comments kept, meaning never changed, files replaced
atomically, unparseable files left alone."""

from __future__ import annotations

import errno
import fcntl
import os
import random
import re
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, CorpusMaker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import EXAMPLES, corpora

from tracker.cli import cli
from tracker.review.fmt import _meaning, format_text

COMMENTED = """\
# A file full of comments.
sources:   # who
  nyt: {name: "The New York Times", kind: outlet}   # the Times
  # Fars is next
  fars:
      name: Fars
      country: NO   # Norway? no: Iran, but the key must stay text
claims:
  # the first claim
  - {text: "Killed by: a bomb", id: a, source: nyt, via: [fars], date: 2024-07-31}
  - source: fars   # who said it
    # the id comes second here
    id: b
    text: >-
      A long folded
      text here.
    tags:
      - one
      - two
    evidence:
      - quote: "x"   # the quote
        document: seeds/doc.txt
# the end
"""


def comments(text: str) -> list[str]:
    return sorted(m.group(0).strip() for m in re.finditer(r"#[^\n]*", text))


def test_canonical_layout_keeps_every_comment_and_the_meaning() -> None:
    formatted = format_text(COMMENTED)
    assert comments(formatted) == comments(COMMENTED)
    assert _meaning("f", formatted) == _meaning("f", COMMENTED)
    assert format_text(formatted) == formatted
    assert "  - id: a\n    text: 'Killed by: a bomb'\n    source: nyt\n    via: [fars]\n" in (
        formatted
    )
    assert "    tags: [one, two]\n" in formatted
    assert re.search(r"      - document: seeds/doc.txt\n        quote: x +# the quote\n", formatted)
    assert "    country: 'NO'" in formatted  # quoted: YAML 1.1 tools would read a bool
    assert formatted.rstrip().endswith("# the end")


@pytest.mark.parametrize("path", sorted((REPO / "claims").rglob("*.yaml")), ids=lambda p: p.name)
def test_bundled_corpus_is_already_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_text(text) == text


def test_cli_check_then_format(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": COMMENTED, "b.yaml": "claims: [\n"})
    canonical = format_text((claims / "base.yaml").read_text(encoding="utf-8"))
    (claims / "base.yaml").write_text(canonical, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["fmt", "--check"])
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[0] == "would reformat claims/a.yaml"
    assert (claims / "a.yaml").read_text(encoding="utf-8") == COMMENTED
    assert out[1].startswith("claims/b.yaml:2:1: error: YAML syntax")
    assert out[2:] == [
        "left untouched: claims/b.yaml",
        "1 file would be reformatted, 1 unchanged, 1 left untouched",
    ]
    assert result.stderr == ""
    result = runner.invoke(cli, ["fmt"])
    assert result.exit_code == 1  # b.yaml could not be formatted
    assert result.stdout.splitlines()[0] == "reformatted claims/a.yaml"
    assert (claims / "a.yaml").read_text(encoding="utf-8") == format_text(COMMENTED)
    assert (claims / "b.yaml").read_text(encoding="utf-8") == "claims: [\n"
    assert sorted(p.name for p in claims.iterdir()) == ["a.yaml", "b.yaml", "base.yaml"]
    (claims / "b.yaml").unlink()
    assert runner.invoke(cli, ["fmt", "--check"]).exit_code == 0
    assert runner.invoke(cli, ["fmt", "claims/a.yaml"]).exit_code == 0


def _scramble(corpus: dict[str, Any], seed: int) -> str:
    """The corpus written in a random layout: shuffled keys, mixed flow and block styles."""
    rng = random.Random(seed)

    def shuffle(value: Any) -> Any:
        if isinstance(value, dict):
            items = list(value.items())
            rng.shuffle(items)
            return {k: shuffle(v) for k, v in items}
        if isinstance(value, list):
            return [shuffle(v) for v in value]
        return value

    return yaml.safe_dump(
        shuffle(corpus),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=rng.choice([None, False, True]),
        indent=rng.choice([2, 4]),
        width=rng.choice([40, 80, 1000]),
    )


@settings(
    max_examples=max(40, EXAMPLES // 10),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(corpora(), st.integers(0, 1000))
def test_fmt_is_idempotent_and_meaning_preserving(corpus: dict[str, Any], seed: int) -> None:
    text = _scramble(corpus, seed)
    formatted = format_text(text)
    assert _meaning("f", formatted) == _meaning("f", text)
    assert format_text(formatted) == formatted


@pytest.mark.parametrize("text", ["_", "._", "1_", "0x_"])
def test_scalars_ruamel_cannot_convert_stay_text(text: str) -> None:
    source = f"claims:\n  - {{id: a, text: {text}, source: s}}\n"
    formatted = format_text(source)
    assert _meaning("f", formatted) == _meaning("f", source)


@pytest.mark.parametrize(
    ("name", "text", "comment"),
    [
        (
            "above-document-start",
            "# yaml-language-server: $schema=../claims.schema.json\n---\n"
            "sources:\n  nyt: {name: NYT}\n",
            "# yaml-language-server: $schema=../claims.schema.json",
        ),
        ("inside-flow", "sources: {\n  # inside flow\n  nyt: {name: NYT}\n}\n", "# inside flow"),
        ("scalar-file", "# a header\n'just a scalar'\n", "# a header"),
    ],
)
def test_fmt_never_drops_a_comment(
    name: str, text: str, comment: str, make_corpus: CorpusMaker
) -> None:
    """Shapes where ruamel.yaml loses comments: the file is refused and left byte for byte."""
    claims = make_corpus({}, base=False)
    path = claims / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 1
    assert f"formatting would drop the comment {comment[:60]!r}" in result.stdout
    assert "[fmt-refused]" in result.stdout
    assert path.read_text(encoding="utf-8") == text


def test_comments_are_found_outside_scalars_only() -> None:
    from tracker.review.comments import comments

    text = "a: '#1 suspect'  # one\nb: |\n  # not a comment\n# two\nc: x#y\n"
    assert sorted(comments(text)) == ["# one", "# two"]


def test_a_comment_before_a_tag_is_kept(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({}, base=False)
    path = claims / "tagged.yaml"
    path.write_text("sources:\n  # before tag\n  nyt: !!map {name: NYT}\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["fmt", str(path)]).exit_code == 0
    assert "# before tag" in path.read_text(encoding="utf-8")


def test_text_that_yaml_1_1_would_misread_keeps_its_quotes() -> None:
    text = (
        "sources:\n  nyt: {name: 'no', country: 'NO', notes: 'off', url: 'yes', kind: outlet,"
        " affiliation: '1:30'}\n"
    )
    formatted = format_text(text)
    for value in ("'no'", "'NO'", "'off'", "'yes'", "'1:30'"):
        assert value in formatted
    assert "kind: outlet\n" in formatted
    # Read by a YAML 1.1 reader, every value is still text.
    loaded = yaml.safe_load(formatted)["sources"]["nyt"]
    assert all(isinstance(v, str) for v in loaded.values())


def test_very_long_lines_are_not_folded() -> None:
    long = "x " * 80_000
    text = f"claims:\n  - id: a\n    text: {long.strip()}\n    source: nyt\n"
    assert format_text(text).count("\n") == 4


UNFORMATTED = "claims:\n  - {id: a, text: t, source: nyt}\n"
FORMATTED = "claims:\n  - id: a\n    text: t\n    source: nyt\n"


def test_fmt_writes_through_a_symlink(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({}, base=False)
    real = Path("shared.yaml")
    real.write_text(UNFORMATTED, encoding="utf-8")
    link = claims / "linked.yaml"
    link.symlink_to(real.resolve())
    assert CliRunner().invoke(cli, ["fmt", str(link)]).exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == FORMATTED


def test_fmt_keeps_hard_links(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({}, base=False)
    first = claims / "a.yaml"
    first.write_text(UNFORMATTED, encoding="utf-8")
    second = Path("elsewhere.yaml")
    os.link(first, second)
    assert CliRunner().invoke(cli, ["fmt", str(first)]).exit_code == 0
    assert os.path.samefile(first, second)
    assert second.read_text(encoding="utf-8") == FORMATTED


def test_fmt_refuses_a_read_only_file(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({}, base=False)
    path = claims / "a.yaml"
    path.write_text(UNFORMATTED, encoding="utf-8")
    path.chmod(0o444)
    result = CliRunner().invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 1
    assert "the file is read-only (chmod u+w makes it writable)" in result.stdout
    assert path.read_text(encoding="utf-8") == UNFORMATTED
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_fmt_reports_a_failed_write_and_leaves_the_file(
    make_corpus: CorpusMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = make_corpus({}, base=False)
    path = claims / "a.yaml"
    path.write_text(UNFORMATTED, encoding="utf-8")

    def full_disk(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tracker.review.fmt.write_atomic", full_disk)
    result = CliRunner().invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 1
    assert "cannot write the file: No space left on device" in result.stdout
    assert path.read_text(encoding="utf-8") == UNFORMATTED


def test_fmt_removes_temporaries_a_killed_run_left(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({}, base=False)
    path = claims / "a.yaml"
    path.write_text(FORMATTED, encoding="utf-8")
    stale = claims / ".a.yaml.ab12cd34.tmp"
    fresh = claims / ".a.yaml.zz99yy88.tmp"
    other = claims / ".notes.txt"
    for leftover in (stale, fresh, other):
        leftover.write_text("partial", encoding="utf-8")
    writer = os.open(fresh, os.O_RDONLY)  # another fmt writing right now holds its lock
    try:
        fcntl.flock(writer, fcntl.LOCK_EX)
        assert CliRunner().invoke(cli, ["fmt", str(path)]).exit_code == 0
    finally:
        os.close(writer)
    assert not stale.exists()
    assert fresh.exists()
    assert other.exists()


def test_fmt_refuses_a_flow_list_too_long_to_format_quickly(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({}, base=False)
    path = claims / "long.yaml"
    tags = ", ".join(f"t{n}" for n in range(10_001))
    text = f"claims:\n  - {{id: a, text: t, source: nyt, tags: [{tags}]}}\n"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 1
    assert "claims/long.yaml:2:1: error: line 2 holds a flow list" in result.stdout
    assert path.read_text(encoding="utf-8") == text

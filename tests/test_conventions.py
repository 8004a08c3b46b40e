"""The conventions other command-line tools follow: -q/-v anywhere, colour only on a terminal
(NO_COLOR, FORCE_COLOR), did-you-mean for every name an option or a setting takes, shell
completion of topic and source ids, and '-' for standard input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, CorpusMaker

from tracker.cli import cli
from tracker.diagnostics import CODES

CLAIM = "claims:\n  - {id: a, text: t, source: nyt, topic: method, position: projectile}\n"


def invoke(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_quiet_and_verbose_after_the_subcommand(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": CLAIM})
    code, out, _ = invoke("validate")
    assert (code, out.splitlines()[-1]) == (0, "claims: 2 files valid: 0 errors, 7 warnings")
    for args in (["-q", "validate"], ["validate", "-q"], ["validate", "--quiet"]):
        code, out, _ = invoke(*args)
        assert code == 0
        assert "files valid" not in out, args  # the summary is left out
    code, _, err = invoke("validate", "-v")
    assert "tracker: read 2 files: 4 sources, 4 topics, 1 claims" in err
    assert "tracker: done in" in err
    for args in (["validate", "-q", "-v"], ["-q", "validate", "-v"]):
        code, _, err = invoke(*args)
        assert (code, "-q and -v cannot be used together" in err) == (2, True), args


def test_colour_only_on_a_terminal_or_when_forced(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": "claims:\n  - {id: a, text: t, source: nobody}\n"})
    red = "\x1b[1;31merror\x1b[0m"
    plain = invoke("validate", env={"NO_COLOR": "", "FORCE_COLOR": ""})[1]
    assert "claims/a.yaml:2:30: error: unknown source 'nobody'" in plain  # a pipe: no colour
    assert "\x1b[" not in plain
    forced = invoke("validate", env={"NO_COLOR": "", "FORCE_COLOR": "1"})[1]
    assert f"\x1b[1mclaims/a.yaml:2:30\x1b[0m: {red}: unknown source 'nobody'" in forced
    assert "\x1b[1;33mwarning\x1b[0m" in forced
    assert "\x1b[" not in invoke("validate", env={"NO_COLOR": "1", "FORCE_COLOR": "1"})[1]
    assert "\x1b[" not in invoke("validate", env={"NO_COLOR": "", "FORCE_COLOR": "0"})[1]
    # Machine formats never carry colour.
    assert "\x1b[" not in invoke("validate", "--format", "json", env={"FORCE_COLOR": "1"})[1]


def test_did_you_mean_for_topics_sources_codes_and_settings(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": CLAIM})
    for args, hint in (
        (["report", "--topic", "metod"], "unknown topic 'metod'; did you mean 'method'?"),
        (["timeline", "--topic", "tol"], "unknown topic 'tol'; did you mean 'toll'?"),
        (["matrix", "methd"], "unknown topic 'methd'; did you mean 'method'?"),
        (["report", "--source", "nty"], "unknown source 'nty'; did you mean 'nyt'?"),
        (["validate", "--ignore", "no-evidense"], "did you mean 'no-evidence'?"),
    ):
        code, _, err = invoke(*args)
        assert (code, hint in err) == (2, True), (args, err)
    Path("pyproject.toml").write_text('[tool.tracker]\nclams = "claims"\n', encoding="utf-8")
    code, _, err = invoke("validate")
    assert code == 2
    assert "unknown setting 'clams'; did you mean 'claims'?" in err
    Path("pyproject.toml").unlink()
    Path("claims/b.yaml").write_text(
        "claims:\n  - {id: b, text: t, source: nyt}  # tracker: ignore[no-evidnce]\n",
        encoding="utf-8",
    )
    out = invoke("validate")[1]
    assert "'no-evidnce' is not a code; did you mean 'no-evidence'?" in out


def test_shell_completion_offers_topic_and_source_ids(
    make_corpus: CorpusMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus({"a.yaml": CLAIM})

    def complete(words: str) -> list[str]:
        env = {
            "_TRACKER_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1),
        }
        result = CliRunner().invoke(cli, [], env=env, prog_name="tracker")
        return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]

    assert complete("tracker report --topic ") == ["count", "method", "open-method", "toll"]
    assert complete("tracker report --topic m") == ["method"]
    assert complete("tracker matrix t") == ["toll"]
    assert complete("tracker timeline claims --topic co") == ["count"]
    assert complete("tracker report --source ") == ["afp", "fars", "nyt", "officials"]
    assert complete("tracker validate --ignore no-") == ["no-evidence"]
    assert complete("tracker rule unknown-t") == ["unknown-topic"]
    Path("elsewhere").mkdir()
    monkeypatch.chdir("elsewhere")
    assert complete("tracker report --source ") == []  # no corpus here: nothing, quietly


def test_imports_read_standard_input(make_corpus: CorpusMaker) -> None:
    make_corpus({})
    sheet = "id,text,source\nc1,Forty died.,nyt\n"
    code, out, err = invoke("import", "csv", "-", stdin=sheet)
    assert code == 2
    assert "reading standard input ('-'): give -o" in err
    code, out, _ = invoke("import", "csv", "-", "-o", "claims/sheet.yaml", stdin=sheet)
    assert code == 0, out
    assert out.endswith(
        "wrote claims/sheet.yaml: 1 claims (0 kept, 1 added, 0 updated, 0 removed)\n"
    )
    assert "Forty died." in Path("claims/sheet.yaml").read_text(encoding="utf-8")
    code, out, _ = invoke(
        "import", "csv", "-", "-o", "claims/bad.yaml", stdin="id,text,source\nc2,t,nobody\n"
    )
    assert code == 1
    assert "<stdin>:2:3: error: unknown source 'nobody'" in out


def test_rule_explains_a_code_from_the_installed_package() -> None:
    """`tracker rule CODE` (as `ruff rule`): the code's documentation, which docs/rules.md
    holds too; the messages that name unknown codes point there."""
    code, out, _ = invoke("rule", "no-evidence")
    assert code == 0
    assert out.startswith("no-evidence (warning)\n\nA claim cites no evidence.\n")
    assert "# tracker: ignore[no-evidence]" in out
    assert "https://" not in out  # the installed text; the public address is not settled
    assert "cannot be ignored" in invoke("rule", "syntax")[1]
    code, _, err = invoke("rule", "no-evidense")
    assert (code, "did you mean 'no-evidence'?" in err) == (2, True)
    assert invoke("rule")[0] == 2
    every = invoke("rule", "--all")[1]
    assert every.count(" (error)\n") + every.count(" (warning)\n") == len(CODES)
    assert "### `no-evidence`\n\nA claim cites no evidence." in (
        (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    )

"""`tracker export argdown`, read and drawn by the real Argdown CLI (npm @argdown/cli 1.x)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner
from conftest import REPO, CorpusMaker

from tracker.cli import cli

ARGDOWN = REPO / ".venv" / "node_modules" / ".bin" / "argdown"


def argdown(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert ARGDOWN.exists(), "the Argdown CLI is installed by `make test` (npm @argdown/cli@1)"
    return subprocess.run(
        [str(ARGDOWN), *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_bundled_corpus_as_an_argument_map(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "argdown", str(REPO / "claims")])
    assert result.exit_code == 0, result.stderr
    (tmp_path / "corpus.argdown").write_text(result.stdout, encoding="utf-8")
    parsed = argdown("json", "corpus.argdown", "out", cwd=tmp_path)
    assert parsed.returncode == 0, parsed.stdout + parsed.stderr
    data = json.loads((tmp_path / "out" / "corpus.json").read_text(encoding="utf-8"))
    relations = {(r["from"], r["to"], r["relationType"]) for r in data["relations"]}
    method = "haniyeh-killing.method"
    assert (f"{method} explosive device", f"{method} not explosive device", "contradictory") in (
        relations
    )
    assert (f"{method} projectile", f"{method} explosive device", "attack") in relations
    assert ("nyt-planted-device", f"{method} explosive device", "support") in relations
    # in the order the entry names them: the first claim, attacked by the second
    assert ("israel-no-comment", "israel-says-response", "attack") in relations
    for command, made in (("html", "corpus.html"), ("map", "corpus.svg")):
        extra = ["--format", "svg"] if command == "map" else []
        drawn = argdown(command, "corpus.argdown", "out", *extra, cwd=tmp_path)
        assert drawn.returncode == 0, drawn.stdout + drawn.stderr
        assert "error" not in drawn.stdout.lower()
        assert (tmp_path / "out" / made).stat().st_size > 1000


def test_claim_text_cannot_forge_argdown_syntax(make_corpus: CorpusMaker, tmp_path: Path) -> None:
    make_corpus(
        {
            "a.yaml": """\
            claims:
              - id: a
                text: "[forged]: statement\\n  >< [other] # tag *bold* <b>"
                source: nyt
                topic: method
                position: explosive device
              - {id: b, text: "- a dash", source: fars, topic: method, position: projectile}
            """
        }
    )
    result = CliRunner().invoke(cli, ["export", "argdown"])
    assert result.exit_code == 0, result.stderr
    (tmp_path / "x.argdown").write_text(result.stdout, encoding="utf-8")
    parsed = argdown("json", "x.argdown", "out", cwd=tmp_path)
    assert parsed.returncode == 0, parsed.stdout + parsed.stderr
    data = json.loads((tmp_path / "out" / "x.json").read_text(encoding="utf-8"))
    titles = set(data["statements"])  # statements are keyed by their titles
    assert "forged" not in titles
    assert "other" not in titles
    assert len(data["relations"]) == 3  # two supports and the one contrary relation

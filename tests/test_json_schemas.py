"""Every JSON output has a JSON Schema in docs/schemas/, and every output checked against it by
check-jsonschema: data, not tables (arrays for lists, null for nothing, snake_case keys,
totals apart from rows)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner
from conftest import REPO, CorpusMaker, client_program, new_repository

from tracker.cli import cli

SCHEMAS = REPO / "docs" / "schemas"
CLAIM = "claims:\n  - {{id: {0}, text: t, source: {1}, topic: toll, value: {2}}}\n"


def output(*args: str) -> object:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_every_json_output_is_valid_against_its_documented_schema(
    make_corpus: CorpusMaker, tmp_path: Path
) -> None:
    claims = make_corpus({"a.yaml": CLAIM.format("a", "nyt", 10)})
    git = new_repository(claims.parent)
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    Path("claims/b.yaml").write_text(CLAIM.format("b", "fars", 40), encoding="utf-8")
    outputs = {
        "diff": output("diff", "HEAD", "--format", "json"),
        "diagnostics": output("validate", "--format", "json"),
        "report": output("report", "--format", "json"),
        "report-topic": output("report", "--format", "json", "--group", "topic"),
        "sources": output("sources", "--format", "json"),
        "topics": output("topics", "--format", "json"),
        "timeline": output("timeline", "--format", "json"),
        "matrix": output("matrix", "toll", "--format", "json"),
        "graph": output("graph", "--format", "json"),
    }
    assert outputs["diff"]["added"]  # type: ignore[index]  # the refs to a conflict are used
    schema_of = {name: name.split("-")[0] for name in outputs}
    documented = {p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json")}
    # suggest's is checked in test_suggest.py, where suggest (and scikit-learn) already runs.
    assert set(schema_of.values()) == documented - {"suggest"}
    # One document holding every output, and one schema pointing each at its own: one run of
    # the checker instead of one a schema.
    (tmp_path / "outputs.json").write_text(json.dumps(outputs), encoding="utf-8")
    wrapper = {
        "type": "object",
        "required": sorted(outputs),
        "properties": {
            name: {"$ref": (SCHEMAS / f"{schema}.schema.json").as_uri()}
            for name, schema in schema_of.items()
        },
    }
    (tmp_path / "outputs.schema.json").write_text(json.dumps(wrapper), encoding="utf-8")
    checker = client_program("check-jsonschema")
    for args in (
        ["--check-metaschema", *map(str, sorted(SCHEMAS.glob("*.json")))],
        ["--schemafile", str(tmp_path / "outputs.schema.json"), str(tmp_path / "outputs.json")],
    ):
        checked = subprocess.run([checker, *args], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stdout + checked.stderr

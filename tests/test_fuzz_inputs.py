"""Random sheets, feeds and settings files, as a cloned repository or a newsroom's export could
hold them: every one gives a result or diagnostics (exit 0, 1 or 2), never an internal error,
and an import never writes a file that does not validate.

`make test` runs a few dozen examples of each; `make fuzz` runs 5,000 (TRACKER_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import BASE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.cli import cli
from tracker.exchange.sheet import COLUMNS

EXAMPLES = int(os.environ.get("TRACKER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
# Any text, controls, DEL, C1, non-characters and YAML's indicators included.
TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["Null", "~", "2024-02-30", "? x", ": b", "- a", "[c", "0x1F", "yes", "1:30", "#", "'", '"']
)
CELLS = TEXT | st.sampled_from(["nyt", "fars", "method", "toll", "explosive device", "denies"])


@pytest.fixture
def corpus_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "base.yaml").write_text(BASE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str) -> Any:
    result = CliRunner().invoke(cli, ["--no-cache", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output
    return result


def _import_and_check(kind: str, given_name: str) -> None:
    target = Path("claims/fuzz.yaml")
    result = _run("import", kind, given_name, "-o", str(target))
    if target.exists():
        assert result.exit_code == 0
        assert _run("validate").exit_code == 0, "an import wrote a file that does not validate"
        assert _run("fmt", "--check", str(target)).exit_code == 0
        target.unlink()


@st.composite
def sheets(draw: st.DrawFn) -> bytes:
    columns = draw(st.lists(st.sampled_from(COLUMNS) | TEXT, min_size=1, max_size=6, unique=True))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=7), max_size=5))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    if draw(st.booleans()):  # damage: bytes cut, inserted or replaced
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at + draw(st.integers(0, 4)) :]
    return data


@FUZZ
@given(data=sheets())
def test_random_sheets_import_or_say_why(corpus_folder: Path, data: bytes) -> None:
    Path("sheet.csv").write_bytes(data)
    _import_and_check("csv", "sheet.csv")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def reviews(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {
        "author": draw(st.one_of(JSON_VALUES, st.fixed_dictionaries({"name": TEXT})))
    }
    for key in ("datePublished", "appearance", "firstAppearance"):
        if draw(st.booleans()):
            item[key] = draw(JSON_VALUES | st.sampled_from(["2024-08-01", "https://x.org/a"]))
    found: dict[str, Any] = {"@type": "ClaimReview", "itemReviewed": item}
    if draw(st.booleans()):
        found["claimReviewed"] = draw(TEXT)
    if draw(st.booleans()):
        found["reviewRating"] = {"alternateName": draw(JSON_VALUES)}
    return found


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    found = draw(st.lists(reviews(), max_size=4))
    layout = draw(st.sampled_from(["list", "graph", "one", "junk"]))
    value: Any = {
        "list": found,
        "graph": {"@graph": found},
        "one": found[0] if found else {},
        "junk": draw(JSON_VALUES),
    }[layout]
    text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):  # a lone surrogate, as a JSON escape
        text = text.replace("a", "\\ud800", 1)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=6)) + data[at + draw(st.integers(0, 3)) :]
    return data


@FUZZ
@given(data=feeds())
def test_random_feeds_import_or_say_why(corpus_folder: Path, data: bytes) -> None:
    Path("feed.json").write_bytes(data)
    _import_and_check("claimreview", "feed.json")


SETTING_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT | st.sampled_from(["claims", "../x", "/"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
SETTING_KEYS = st.sampled_from(["claims", "strict", "select", "ignore", "claimreview"]) | TEXT


@st.composite
def yaml_settings(draw: st.DrawFn) -> bytes:
    import yaml

    mapping = draw(st.dictionaries(SETTING_KEYS, SETTING_VALUES, max_size=4))
    data = yaml.safe_dump(mapping, allow_unicode=draw(st.booleans())).encode("utf-8", "replace")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=6)) + data[at:]
    return data


@st.composite
def toml_settings(draw: st.DrawFn) -> bytes:
    lines = [draw(st.sampled_from(["[tool.tracker]", "[tool]", "tool = 5", "[project]", ""]))]
    for key in draw(st.lists(SETTING_KEYS, max_size=4)):
        value = draw(SETTING_VALUES)
        lines.append(f"{json.dumps(key)} = {json.dumps(value)}")
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=6)) + data[at:]
    return data


@FUZZ
@given(
    data=yaml_settings() | toml_settings(),
    name=st.sampled_from([".tracker.yaml", "pyproject.toml"]),
)
def test_random_settings_are_used_or_refused(corpus_folder: Path, data: bytes, name: str) -> None:
    for old in (".tracker.yaml", "pyproject.toml"):
        Path(old).unlink(missing_ok=True)
    Path(name).write_bytes(data)
    for command in (["validate"], ["report", "--format", "json"]):
        _run(*command)
    assert not Path("..", ".tracker-cache").exists()

"""The JSON Schema for editors agrees with the validator on structure."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, CorpusMaker, errors_of

from tracker.cli import cli


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as an editor's schema check sees it: dates stay text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema() -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def schema_errors(text: str) -> list[str]:
    document = yaml.load(text, Loader=EditorLoader)  # a SafeLoader subclass: safe
    validator = jsonschema.Draft7Validator(schema())
    return [error.message for error in validator.iter_errors(document)]


def test_schema_is_a_valid_draft7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(schema())


@pytest.mark.parametrize("path", sorted((REPO / "claims").rglob("*.yaml")), ids=lambda p: p.name)
def test_bundled_corpus_passes_the_schema(path: Path) -> None:
    assert schema_errors(path.read_text(encoding="utf-8")) == []


BROKEN = {
    "unknown key": "claims:\n  - {id: a, text: t, soruce: nyt, source: nyt}\n",
    "unknown top-level key": "claim: []\n",
    "missing required key": "claims:\n  - {id: a, text: t}\n",
    "bad id": "claims:\n  - {id: Bad Id, text: t, source: nyt}\n",
    "wrong type": "claims:\n  - {id: a, text: [t], source: nyt}\n",
    "bad enum": "sources:\n  s: {name: S, kind: newspaper}\n",
    "bad reliability": "sources:\n  s: {name: S, reliability: G}\n",
    "short contradiction": "contradictions:\n  - claims: [a]\n",
    "range of three": "claims:\n  - {id: a, text: t, source: nyt, topic: toll, value: [1, 2, 3]}\n",
    "sources as a list": "sources:\n  - nyt: {name: N}\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_structural_errors_fail_schema_and_validator(name: str, make_corpus: CorpusMaker) -> None:
    text = BROKEN[name]
    assert schema_errors(text), f"the schema accepts: {text}"
    claims = make_corpus({"a.yaml": textwrap.dedent(text)})
    assert errors_of(claims), f"tracker validate accepts: {text}"

"""Every entry of each registry is used by every consumer it must be: adding an entry and
forgetting a consumer fails here, not in a user's hands."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from tracker.cli import cli
from tracker.render.formats import GROUPS, REPORT_FORMATS, TABLE_FORMATS


def _choices(command: list[str], option: str) -> list[str]:
    found: click.Command = cli
    for name in command:
        assert isinstance(found, click.Group)
        found = found.commands[name]
    param = next(p for p in found.params if p.name == option)
    assert isinstance(param.type, click.Choice)
    return list(param.type.choices)


def test_every_report_format_has_a_renderer_a_choice_and_an_expectation() -> None:
    from test_expected import COMMANDS

    assert _choices(["report"], "fmt") == list(REPORT_FORMATS)
    assert _choices(["report"], "group") == list(GROUPS)
    for name, entry in REPORT_FORMATS.items():
        module = importlib.import_module(f"tracker.render.{name}")
        assert callable(module.render_report), name
        assert entry.default_group in GROUPS
        assert f"report.{name}" in COMMANDS, f"no committed expectation of report --format {name}"
        assert entry.help in (cli.commands["report"].params[1].help or "")


def test_every_table_command_offers_every_table_format() -> None:
    for command in ("sources", "topics", "matrix", "timeline"):
        assert _choices([command], "fmt") == list(TABLE_FORMATS)


def test_every_conflict_kind_is_derived_named_and_drawn() -> None:
    from tracker.analysis.conflicts import DERIVERS, conflict_id
    from tracker.analysis.kinds import CONFLICT_KINDS
    from tracker.corpus.records import TOPIC_KINDS

    assert set(DERIVERS) == set(TOPIC_KINDS), "a topic kind without a derive function"
    prefixes = [kind.prefix for kind in CONFLICT_KINDS.values()]
    assert len(set(prefixes)) == len(prefixes), "two conflict kinds share an id prefix"
    rules = (Path(__file__).parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    for name, kind in CONFLICT_KINDS.items():
        assert kind.topic_kind is None or kind.topic_kind in DERIVERS, name
        assert conflict_id(name, "a", "b").startswith(kind.prefix)
        assert kind.argdown in ("-", "><"), name
        assert f"**{name}**" in rules, f"docs/format.md does not define the conflict kind {name}"
    by_hand = [k for k in CONFLICT_KINDS.values() if k.topic_kind is None]
    assert [k.name for k in by_hand] == ["explicit"]


def test_every_claim_key_has_a_place_in_the_sheet_and_the_database(tmp_path: Path) -> None:
    import sqlite3

    from click.testing import CliRunner

    from tracker.corpus.fields import CLAIM_FIELDS
    from tracker.exchange.sheet import CLAIM_KEY_COLUMNS, COLUMNS
    from tracker.exchange.sqlite import CLAIM_KEY_PLACES

    assert set(CLAIM_KEY_COLUMNS) == set(CLAIM_FIELDS)
    assert sorted(c for cs in CLAIM_KEY_COLUMNS.values() for c in cs) == sorted(COLUMNS)
    assert set(CLAIM_KEY_PLACES) == set(CLAIM_FIELDS)
    corpus = Path(__file__).parent / "expected" / "additions"
    database = tmp_path / "corpus.db"
    result = CliRunner().invoke(
        cli, ["--no-cache", "export", "sqlite", str(database), str(corpus / "claims")]
    )
    assert result.exit_code == 0, result.output
    with sqlite3.connect(database) as connection:
        tables = {
            name: {row[1] for row in connection.execute(f"pragma table_info({name})")}
            for (name,) in connection.execute("select name from sqlite_master where type='table'")
        }
        for key, place in CLAIM_KEY_PLACES.items():
            table, _, column = place.partition(".")
            assert table in tables, (key, place)
            assert not column or column in tables[table], (key, place)
        tags = connection.execute("select tags from claims where id = 'daily-400'").fetchone()
        assert tags == ('["toll", "estimate"]',)


def test_severity_comes_from_the_code_registry_only() -> None:
    """No module but tracker/diagnostics.py builds a Diagnostic or names a severity for a
    code: `diagnose` takes it from CODES, so the registry and the output cannot disagree."""
    package = Path(__file__).parent.parent / "tracker"
    for path in sorted(package.rglob("*.py")):
        if path.name == "diagnostics.py":
            continue
        text = path.read_text(encoding="utf-8")
        # (lsprotocol's types.Diagnostic is the editor's message, built from ours)
        ours = text.replace("[Diagnostic(", "").replace("types.Diagnostic(", "")
        assert "Diagnostic(" not in ours, path
        assert "Severity.ERROR," not in text, path
        assert "Severity.WARNING," not in text, path

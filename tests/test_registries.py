"""Every entry of each registry is used by every consumer it must be: adding an entry and
forgetting a consumer fails here, not in a user's hands."""

from __future__ import annotations

import importlib

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

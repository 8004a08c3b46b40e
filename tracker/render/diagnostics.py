"""Diagnostics for people (``text``), for GitHub Actions annotations (``github``) and for
programs (``json``)."""

from __future__ import annotations

import json

from tracker.diagnostics import Diagnostic, Severity
from tracker.render.escape import terminal


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def render_text(diagnostics: list[Diagnostic]) -> str:
    """``PATH:LINE:COL: error: message [code]``, one problem a line: a newline in user text
    echoed by a message is shown as ``\\n``, so no value can forge a line of its own."""
    return "".join(f"{_one_line(terminal(str(d)))} [{d.code}]\n" for d in diagnostics)


def _one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "\\n")


def _github_escape(text: str, *, property_value: bool = False) -> str:
    # GitHub's workflow-command escaping (see @actions/core's command.ts).
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        loc = d.location
        props = ",".join(
            (
                f"file={_github_escape(loc.path, property_value=True)}",
                f"line={loc.line}",
                f"col={loc.column}",
                f"title={_github_escape('tracker ' + d.code, property_value=True)}",
            )
        )
        lines.append(f"::{d.severity.value} {props}::{_github_escape(terminal(d.message))}\n")
    return "".join(lines)


def render_json(diagnostics: list[Diagnostic]) -> str:
    data = [
        {
            "path": d.location.path,
            "line": d.location.line,
            "column": d.location.column,
            "severity": d.severity.value,
            "code": d.code,
            "message": d.message,
        }
        for d in diagnostics
    ]
    return json.dumps({"diagnostics": data}, indent=2, ensure_ascii=False) + "\n"

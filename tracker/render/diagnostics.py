"""Diagnostics for people (``text``), for GitHub Actions annotations (``github``) and for
programs (``json``)."""

from __future__ import annotations

import json

from tracker.diagnostics import Diagnostic, Severity
from tracker.escape import terminal


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


# Problems of one code shown per file; the rest are counted (a million references to one
# unknown claim must not print a million lines).
MAX_SHOWN_PER_CODE = 20


def capped(diagnostics: list[Diagnostic]) -> tuple[list[Diagnostic], dict[tuple[str, str], int]]:
    """The diagnostics to show, and how many of each (file, code) were left out."""
    seen: dict[tuple[str, str], int] = {}
    shown: list[Diagnostic] = []
    for diagnostic in diagnostics:
        key = (diagnostic.location.path, str(diagnostic.code))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= MAX_SHOWN_PER_CODE:
            shown.append(diagnostic)
    hidden = {k: n - MAX_SHOWN_PER_CODE for k, n in seen.items() if n > MAX_SHOWN_PER_CODE}
    return shown, hidden


def render_text(diagnostics: list[Diagnostic]) -> str:
    """``PATH:LINE:COL: error: message [code]``, one problem a line: a newline in user text
    echoed by a message is shown as ``\\n``, so no value can forge a line of its own. Past
    :data:`MAX_SHOWN_PER_CODE` problems of one code in one file, the rest are counted."""
    shown, hidden = capped(diagnostics)
    lines = [f"{_one_line(terminal(str(d)))} [{d.code}]\n" for d in shown]
    for (path, code), count in sorted(hidden.items()):
        lines.append(f"{_one_line(terminal(path))}: … and {count:,} more [{code}] problems\n")
    return "".join(lines)


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
    shown, hidden = capped(diagnostics)
    for d in shown:
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
    for (path, code), count in sorted(hidden.items()):
        lines.append(
            f"::notice file={_github_escape(path, property_value=True)}::"
            f"{count} more [{code}] problems in this file (--format json lists them all)\n"
        )
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


def render_sarif(diagnostics: list[Diagnostic]) -> str:
    """SARIF 2.1.0, for code-scanning pages (GitHub's among them): one rule per code used,
    one result per problem, locations relative to the repository."""
    from tracker import __version__
    from tracker.diagnostics import CODES

    used = sorted({d.code for d in diagnostics})
    rules = [
        {
            "id": str(code),
            "name": str(code),
            "shortDescription": {"text": CODES[code][1]},
            "defaultConfiguration": {"level": CODES[code][0]},
        }
        for code in used
    ]
    results = [
        {
            "ruleId": str(d.code),
            "ruleIndex": used.index(d.code),
            "level": d.severity.value,
            "message": {"text": terminal(d.message)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": d.location.path},
                        "region": {
                            "startLine": d.location.line,
                            "startColumn": d.location.column,
                        },
                    }
                }
            ],
        }
        for d in diagnostics
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tracker",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

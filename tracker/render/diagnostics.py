"""Diagnostics for people (``text``), for GitHub Actions annotations (``github``) and for
programs (``json``)."""

from __future__ import annotations

import json
import posixpath
from pathlib import PurePath, PurePosixPath
from urllib.parse import quote

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


# ANSI colours of the text format on a terminal: the place bold, the severity in its colour.
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
_SEVERITY_COLOURS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m"}


def render_text(diagnostics: list[Diagnostic], *, color: bool = False) -> str:
    """``PATH:LINE:COL: error: message [code]``, one problem a line: a newline in user text
    echoed by a message is shown as ``\\n``, so no value can forge a line of its own. Past
    :data:`MAX_SHOWN_PER_CODE` problems of one code in one file, the rest are counted. With
    ``color`` (a terminal), the place is bold and the severity red or yellow; user text is made
    safe before the colours are added, so it can never bring its own."""
    shown, hidden = capped(diagnostics)
    lines = [_text_line(d, color) for d in shown]
    for (path, code), count in sorted(hidden.items()):
        lines.append(f"{_one_line(terminal(path))}: … and {count:,} more [{code}] problems\n")
    return "".join(lines)


def _text_line(d: Diagnostic, color: bool) -> str:
    place = _one_line(terminal(str(d.location)))
    severity = d.severity.value
    if color:
        place = f"{_BOLD}{place}{_RESET}"
        severity = f"{_SEVERITY_COLOURS[d.severity]}{severity}{_RESET}"
    return f"{place}: {severity}: {_one_line(terminal(d.message))} [{d.code}]\n"


def _one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "\\n")


def _github_escape(text: str, *, property_value: bool = False) -> str:
    # GitHub's workflow-command escaping (see @actions/core's command.ts).
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(
    diagnostics: list[Diagnostic], root: PurePath | None = None, here: PurePath | None = None
) -> str:
    """GitHub workflow-command annotations; files are named relative to the repository
    ``root`` (GitHub matches them to the pull request's files), as given when outside it."""
    lines = []
    shown, hidden = capped(diagnostics)

    def file_of(path: str) -> str:
        relative = repository_path(path, root, here or root) if root else None
        return _github_escape(relative or path, property_value=True)

    for d in shown:
        loc = d.location
        props = ",".join(
            (
                f"file={file_of(loc.path)}",
                f"line={loc.line}",
                f"col={loc.column}",
                f"title={_github_escape('tracker ' + d.code, property_value=True)}",
            )
        )
        lines.append(f"::{d.severity.value} {props}::{_github_escape(terminal(d.message))}\n")
    for (path, code), count in sorted(hidden.items()):
        lines.append(
            f"::notice file={file_of(path)}::"
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


def repository_path(path: str, root: PurePath, here: PurePath) -> str | None:
    """``path`` (as a diagnostic names it: relative to ``here``, or absolute) relative to the
    repository ``root``, in POSIX form; None when it lies outside the root."""
    full = PurePosixPath(posixpath.normpath(posixpath.join(here.as_posix(), path)))
    try:
        return full.relative_to(root.as_posix()).as_posix()
    except ValueError:
        return None


def render_sarif(
    diagnostics: list[Diagnostic], root: PurePath | None = None, here: PurePath | None = None
) -> str:
    """SARIF 2.1.0, for code-scanning pages (GitHub's among them): one rule per code used
    (its name, description and help page), one result per problem. Locations are
    percent-encoded URIs relative to the repository ``root`` (``uriBaseId`` ``%SRCROOT%``,
    whose absolute URI is given in ``originalUriBaseIds``); a file outside it is an absolute
    ``file:`` URI. Without ``root``, paths are taken relative to ``here`` as given."""
    from tracker import __version__
    from tracker.diagnostics import CODES, help_uri

    used = sorted({d.code for d in diagnostics})
    rules = [
        {
            "id": str(code),
            "name": _rule_name(code),
            "shortDescription": {"text": CODES[code][1]},
            "helpUri": help_uri(code),
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
                        "artifactLocation": _artifact(d.location.path, root, here),
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
    run: dict[str, object] = {
        "tool": {
            "driver": {
                "name": "tracker",
                "version": __version__,
                "informationUri": help_uri(None),
                "rules": rules,
            }
        },
    }
    if root is not None:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": _file_uri(root.as_posix(), "/")}}
    run["results"] = results
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule_name(code: str) -> str:
    """A rule's name as SARIF wants it: an identifier in PascalCase (``UnknownKey``) that is
    not its id (``DocumentProblem`` for ``document``)."""
    name = "".join(part.capitalize() for part in code.split("-"))
    return f"{name}Problem" if name.lower() == code.lower() else name


def _artifact(path: str, root: PurePath | None, here: PurePath | None) -> dict[str, str]:
    if root is None:
        return {"uri": quote(PurePosixPath(path).as_posix())}
    relative = repository_path(path, root, here or root)
    if relative is None:
        full = posixpath.normpath(posixpath.join((here or root).as_posix(), path))
        return {"uri": _file_uri(full)}
    return {"uri": quote(relative), "uriBaseId": "%SRCROOT%"}


def _file_uri(path: str, end: str = "") -> str:
    """An absolute POSIX path as a ``file:`` URI, percent-encoded."""
    return "file://" + quote(path.rstrip("/") + end)

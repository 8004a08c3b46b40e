"""Project settings, as ruff reads them: `[tool.tracker]` in the nearest pyproject.toml, or
`.tracker.yaml` beside the claims folder. Command-line flags win over both.

Keys: `claims` (the claims folder), `strict` (warnings fail `validate`), `select` and
`ignore` (warning codes to report or silence). An unknown key or code is an error: a typo
must never silently switch a check off.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tracker.diagnostics import (
    CODES,
    OFF_BY_DEFAULT,
    WARNING_CODES,
    Code,
    Diagnostic,
    Severity,
    did_you_mean,
)
from tracker.reading.files import read_regular_file
from tracker.reading.parse import parse

KEYS = ("claims", "strict", "select", "ignore", "claimreview")
CLAIMREVIEW_KEYS = ("author", "url")


class ConfigError(ValueError):
    """A settings file that cannot be used; the message names the file and the fix."""


@dataclass(frozen=True)
class Selection:
    """Which warnings to report: errors are always reported (a corpus with errors cannot
    be analysed, so hiding one would only hide why nothing is reported)."""

    select: frozenset[str] = frozenset()  # empty: every warning
    ignore: frozenset[str] = frozenset()

    def keeps(self, diagnostic: Diagnostic, inline: frozenset[str] = frozenset()) -> bool:
        if diagnostic.severity is Severity.ERROR:
            return True
        code = str(diagnostic.code)
        if code in self.ignore or code in inline:
            return False
        if diagnostic.code in OFF_BY_DEFAULT:
            return code in self.select
        return not self.select or code in self.select


@dataclass(frozen=True)
class Config:
    claims: Path | None = None
    strict: bool = False
    selection: Selection = field(default_factory=Selection)
    source: str = ""  # where the settings came from, for messages
    # `tracker export claimreview`: the fact-checking organisation and the address of its
    # published verdicts (see tracker.exchange.claimreview).
    claimreview: dict[str, str] = field(default_factory=dict)


def check_codes(codes: list[str], where: str) -> frozenset[str]:
    """Codes named in settings, flags or comments: known warning codes only."""
    found: set[str] = set()
    for code in codes:
        if code not in {c.value for c in Code}:
            hint = did_you_mean(code, WARNING_CODES)
            mean = f"did you mean '{hint}'? " if hint else ""
            raise ConfigError(
                f"{where}: unknown code '{code}'; {mean}`tracker rule --all` lists the codes "
                "(`tracker validate` shows each problem's code in brackets)"
            )
        if CODES[Code(code)][0] == "error":
            raise ConfigError(
                f"{where}: '{code}' is an error, and errors cannot be ignored or selected "
                "(nothing is reported on a corpus with errors); fix the files instead"
            )
        found.add(code)
    return frozenset(found)


def _did_you_mean(given: str, known: Iterable[str]) -> str:
    hint = did_you_mean(given, known)
    return f"did you mean '{hint}'? " if hint else ""


# Where a setting is written: "FILE:LINE:COLUMN" for a key (or the file's own place for "").
Where = Callable[[str], str]


def _from_mapping(data: Any, where: Where, base: Path) -> Config:
    if data is None:
        return Config(source=where(""))
    if not isinstance(data, dict):
        raise ConfigError(f"{where('')}: settings must be a mapping of {', '.join(KEYS)}")
    unknown = sorted(set(map(str, data)) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{where(unknown[0])}: unknown setting '{unknown[0]}'; "
            + _did_you_mean(unknown[0], KEYS)
            + f"known: {', '.join(KEYS)}"
        )
    strict = data.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{where('strict')}: 'strict' must be true or false")
    codes: dict[str, frozenset[str]] = {}
    for key in ("select", "ignore"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                f"{where(key)}: '{key}' must be a list of codes, e.g. [unused-source]"
            )
        codes[key] = check_codes(value, f"{where(key)} ({key})")
    claims = data.get("claims")
    if claims is not None and not isinstance(claims, str):
        raise ConfigError(f"{where('claims')}: 'claims' must be a folder path")
    return Config(
        claims=_claims_inside(claims, base, where("claims")) if claims else None,
        strict=strict,
        selection=Selection(codes["select"], codes["ignore"]),
        source=where(""),
        claimreview=_claimreview(data.get("claimreview", {}), where("claimreview")),
    )


def _claims_inside(claims: str, base: Path, where: str) -> Path:
    """The claims folder a settings file names, which must lie inside the folder that holds
    the settings: a cloned repository's settings may not point the tracker at other files on
    the machine (whose values messages would echo, and where a cache would be written). A
    folder given on the command line is the user's own choice and is not checked here."""
    fix = "name a folder inside it (e.g. claims)"
    if "\0" in claims:
        raise ConfigError(f"{where}: 'claims' holds a NUL character; {fix}")
    folder = base / claims
    try:
        resolved = folder.resolve()
        folder.exists()  # a name the system cannot take raises here, not later
    except (OSError, RuntimeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"{where}: 'claims' cannot be used as a folder ({why}); {fix}") from None
    if not resolved.is_relative_to(base.resolve()):
        raise ConfigError(
            f"{where}: 'claims' leads outside {base} (the folder holding these settings); "
            f"settings may only name a claims folder inside it; {fix}, or give the folder on "
            "the command line"
        )
    return folder


def _claimreview(data: Any, where: str) -> dict[str, str]:
    example = "claimreview: {author: Example Checks, url: 'https://example.org/checks/{id}'}"
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError(f"{where}: 'claimreview' must be a mapping of text, e.g. {example}")
    unknown = sorted(set(map(str, data)) - set(CLAIMREVIEW_KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting 'claimreview.{unknown[0]}'; "
            + _did_you_mean(unknown[0], CLAIMREVIEW_KEYS)
            + f"known: {', '.join(CLAIMREVIEW_KEYS)}"
        )
    return {str(k): v for k, v in data.items()}


# Far above any real settings file; bounds what a cloned repository can make tracker read.
MAX_SETTINGS_BYTES = 1024 * 1024


def _read_settings(path: Path, folder: Path) -> str:
    """A settings file's text: a regular UTF-8 file inside ``folder`` (never a link leading
    out, a FIFO or a device), at most :data:`MAX_SETTINGS_BYTES`."""
    try:
        data = read_regular_file(path, folder.resolve(), "settings file")
        if len(data) > MAX_SETTINGS_BYTES:
            raise ConfigError(
                f"{path}: the settings file is {len(data):,} bytes, over the limit of "
                f"{MAX_SETTINGS_BYTES:,}"
            )
        return data.decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the settings ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: cannot read the settings (byte {exc.start} is not UTF-8; save the file "
            "as UTF-8)"
        ) from None


def _yaml_settings(path: Path, folder: Path) -> Config:
    """`.tracker.yaml`, composed with the claim files' parser (marks for every key; tags,
    aliases of collections and deep nesting refused) and then built into plain values."""
    text = _read_settings(path, folder)
    parsed, problems = parse(str(path), text.encode("utf-8"))
    if problems:
        problem = problems[0]
        raise ConfigError(f"{problem.location}: cannot read the settings ({problem.message})")
    marks: dict[str, str] = {}
    data: Any = None
    if parsed.root is not None:
        try:
            data = yaml.constructor.SafeConstructor().construct_document(parsed.root)
        except (yaml.YAMLError, RecursionError, TypeError, ValueError) as exc:
            why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ConfigError(f"{path}:1:1: cannot read the settings ({why})") from None
        if isinstance(parsed.root, yaml.MappingNode):
            for key, _ in parsed.root.value:
                mark = key.start_mark
                marks.setdefault(str(key.value), f"{path}:{mark.line + 1}:{mark.column + 1}")
    return _from_mapping(data, lambda key: marks.get(key, f"{path}:1:1"), folder)


def _toml_settings(path: Path, directory: Path) -> Config | None:
    """`[tool.tracker]` of a pyproject.toml, or None when it has no such section."""
    text = _read_settings(path, directory)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: cannot read the settings ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: cannot read the settings (it nests too deeply)") from None
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{_toml_place(path, text, 'tool')}: 'tool' must be a table")
    if "tracker" not in tool:
        return None

    def where(key: str) -> str:
        return _toml_place(path, text, key) + ("" if key else " [tool.tracker]")

    return _from_mapping(tool["tracker"], where, directory)


def _toml_place(path: Path, text: str, key: str) -> str:
    """FILE:LINE:COLUMN of ``key`` in the [tool.tracker] table (tomllib keeps no positions):
    its ``key =`` line after the table's header, else the header, else the file's start."""
    lines = text.splitlines()
    header = next(
        (i for i, line in enumerate(lines) if re.match(r"\s*\[\s*tool\.tracker\s*\]", line)),
        None,
    )
    if key == "tool" or header is None:
        found = next((i for i, line in enumerate(lines) if re.match(r"\s*(\[\s*)?tool\b", line)), 0)
        return f"{path}:{found + 1}:1"
    if key:
        pattern = re.compile(rf"\s*\"?{re.escape(key)}\"?\s*[=.]")
        for number in range(header + 1, len(lines)):
            if lines[number].lstrip().startswith("["):
                break
            if pattern.match(lines[number]):
                return f"{path}:{number + 1}:{len(lines[number]) - len(lines[number].lstrip()) + 1}"
    return f"{path}:{header + 1}:1"


def load_config(start: Path, claims: Path | None = None) -> Config:
    """The settings that apply when running in ``start``: `.tracker.yaml` beside the
    claims folder (given, or ./claims), else `[tool.tracker]` of the nearest pyproject.toml
    up from ``start``, else the defaults. A claims folder they name lies inside the folder
    that holds them; every mistake is a :class:`ConfigError` naming the file and line."""
    try:
        folder = (claims or start / "claims").resolve().parent
        beside = folder / ".tracker.yaml"
        if beside.is_file() or beside.is_symlink():
            return _yaml_settings(beside, folder)
        here = start.resolve()
        for directory in (here, *here.parents):
            pyproject = directory / "pyproject.toml"
            if pyproject.is_file() or pyproject.is_symlink():
                return _toml_settings(pyproject, directory) or Config()
    except OSError as exc:  # a folder we may not enter, a name too long
        raise ConfigError(f"cannot look for settings: {exc.strerror or exc}") from None
    return Config()

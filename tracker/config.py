"""Project settings, as ruff reads them: `[tool.tracker]` in the nearest pyproject.toml, or
`.tracker.yaml` beside the claims folder. Command-line flags win over both.

Keys: `claims` (the claims folder), `strict` (warnings fail `validate`), `select` and
`ignore` (warning codes to report or silence). An unknown key or code is an error: a typo
must never silently switch a check off.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tracker.diagnostics import CODES, Code, Diagnostic, Severity

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
            raise ConfigError(
                f"{where}: unknown code '{code}'; docs/rules.md lists the codes "
                "(`tracker validate` shows each problem's code in brackets)"
            )
        if CODES[Code(code)][0] == "error":
            raise ConfigError(
                f"{where}: '{code}' is an error, and errors cannot be ignored or selected "
                "(nothing is reported on a corpus with errors); fix the files instead"
            )
        found.add(code)
    return frozenset(found)


def _from_mapping(data: Any, where: str, base: Path) -> Config:
    if data is None:
        return Config(source=where)
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: settings must be a mapping of {', '.join(KEYS)}")
    unknown = sorted(set(map(str, data)) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown setting '{unknown[0]}'; known: {', '.join(KEYS)}")
    strict = data.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{where}: 'strict' must be true or false")
    codes: dict[str, frozenset[str]] = {}
    for key in ("select", "ignore"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{key}' must be a list of codes, e.g. [unused-source]")
        codes[key] = check_codes(value, f"{where} ({key})")
    claims = data.get("claims")
    if claims is not None and not isinstance(claims, str):
        raise ConfigError(f"{where}: 'claims' must be a folder path")
    return Config(
        claims=base / claims if claims else None,
        strict=strict,
        selection=Selection(codes["select"], codes["ignore"]),
        source=where,
        claimreview=_claimreview(data.get("claimreview", {}), where),
    )


def _claimreview(data: Any, where: str) -> dict[str, str]:
    example = "claimreview: {author: Example Checks, url: 'https://example.org/checks/{id}'}"
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError(f"{where}: 'claimreview' must be a mapping of text, e.g. {example}")
    unknown = sorted(set(map(str, data)) - set(CLAIMREVIEW_KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting 'claimreview.{unknown[0]}'; known: "
            f"{', '.join(CLAIMREVIEW_KEYS)}"
        )
    return {str(k): v for k, v in data.items()}


def load_config(start: Path, claims: Path | None = None) -> Config:
    """The settings that apply when running in ``start``: `.tracker.yaml` beside the
    claims folder (given, or ./claims), else `[tool.tracker]` of the nearest pyproject.toml
    up from ``start``, else the defaults."""
    folder = (claims or start / "claims").resolve().parent
    beside = folder / ".tracker.yaml"
    if beside.is_file():
        try:
            data = yaml.safe_load(beside.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"{beside}: cannot read the settings ({exc})") from None
        return _from_mapping(data, str(beside), folder)
    for directory in (start.resolve(), *start.resolve().parents):
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{pyproject}: cannot read the settings ({exc})") from None
            section = data.get("tool", {}).get("tracker")
            if section is not None:
                return _from_mapping(section, f"{pyproject} [tool.tracker]", directory)
            break
    return Config()

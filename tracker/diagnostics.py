"""Problems found in claim files, as plain data.

Every stage that inspects user input yields :class:`Diagnostic` objects instead of raising or
printing; the CLI decides how to show them (text, GitHub annotations, JSON).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column, as editors count them."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    severity: Severity
    code: str
    message: str

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"


def error(location: Location, code: str, message: str) -> Diagnostic:
    return Diagnostic(location, Severity.ERROR, code, message)


def warning(location: Location, code: str, message: str) -> Diagnostic:
    return Diagnostic(location, Severity.WARNING, code, message)


def clip(text: str, limit: int = 80) -> str:
    """User text echoed in a message, cut short so a huge value cannot flood the output."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line and column, without repeats."""
    return sorted(set(diagnostics), key=lambda d: d.sort_key)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)

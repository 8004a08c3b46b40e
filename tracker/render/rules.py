"""docs/rules.md: the table of diagnostic codes, generated from the registry."""

from __future__ import annotations

from tracker.diagnostics import CODES


def rules_markdown() -> str:
    lines = [
        "# Diagnostic codes",
        "",
        "Generated from `tracker/diagnostics.py` (`make examples`); do not edit by hand.",
        "Every problem `tracker validate` reports carries one of these codes, shown as",
        "`PATH:LINE:COL: error: message [code]`. Codes are stable: a code is never renamed or",
        "reused, so configurations and inline comments that name them keep working.",
        "",
        "| code | severity | what it reports |",
        "|---|---|---|",
    ]
    for code, (severity, description) in CODES.items():
        lines.append(f"| `{code}` | {severity} | {description} |")
    return "\n".join(lines) + "\n"

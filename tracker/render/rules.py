"""The documentation of each diagnostic code, generated from the registry: `tracker rule CODE`
prints one code's, docs/rules.md holds them all (a table, then a section per code, the page
SARIF's help links point to)."""

from __future__ import annotations

from tracker.diagnostics import CODES, OFF_BY_DEFAULT, Code


def rule_text(code: Code) -> str:
    """One code's documentation, as `tracker rule CODE` prints it and docs/rules.md holds
    it: what it reports, its severity, and how to select or silence it."""
    severity, description = CODES[code]
    if severity == "error":
        handling = (
            "An error: it cannot be ignored or selected, and nothing is reported on a corpus "
            "with errors. Fix the file at the place the message names."
        )
    else:
        usually = (
            f"Off unless selected: `--select {code}`, or `select` in the settings."
            if code in OFF_BY_DEFAULT
            else f"Reported unless ignored: `--ignore {code}`, or `ignore` in the settings."
        )
        handling = (
            f"A warning (it fails `validate` only with `--strict`). {usually} A "
            f"`# tracker: ignore[{code}]` comment silences it on its line."
        )
    return f"{code} ({severity})\n\n{description[0].upper()}{description[1:]}.\n\n{handling}\n"


def rules_markdown() -> str:
    lines = [
        "# Diagnostic codes",
        "",
        "Generated from `tracker/diagnostics.py` (`make examples`); do not edit by hand.",
        "Every problem `tracker validate` reports carries one of these codes, shown as",
        "`PATH:LINE:COL: error: message [code]`. Codes are stable: a code is never renamed or",
        "reused, so configurations and inline comments that name them keep working.",
        "`tracker rule CODE` prints a code's section below; `tracker rule --all` every one.",
        "",
        "| code | severity | what it reports |",
        "|---|---|---|",
    ]
    for code, (severity, description) in CODES.items():
        lines.append(f"| [`{code}`](#{code}) | {severity} | {description} |")
    lines += ["", "## Each code"]
    for code in CODES:
        _title, body = rule_text(code).split("\n\n", 1)
        lines += ["", f"### `{code}`", "", body.rstrip("\n")]
    return "\n".join(lines) + "\n"

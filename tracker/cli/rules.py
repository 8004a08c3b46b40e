"""`tracker rule`: the documentation of a diagnostic code, from the installed package."""

from __future__ import annotations

import click

from tracker.cli.base import cli


def _complete(context: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    from tracker.diagnostics import Code

    return [str(code) for code in Code if code.startswith(incomplete)]


@cli.command()
@click.argument("code", required=False, shell_complete=_complete)
@click.option("--all", "every", is_flag=True, help="Every code, one after the other.")
def rule(code: str | None, every: bool) -> None:
    """Explain the diagnostic CODE (the name in brackets after a problem, e.g. `tracker rule
    no-evidence`): what it reports, its severity, and how to select or silence it. The same
    text is in docs/rules.md."""
    from tracker.diagnostics import CODES, Code, did_you_mean
    from tracker.render.rules import rule_text

    if every == (code is not None):
        raise click.UsageError("give one CODE, or --all")
    if every:
        click.echo("\n".join(rule_text(c) for c in CODES), nl=False)
        return
    if code not in set(map(str, Code)):
        hint = did_you_mean(str(code), map(str, Code))
        mean = f"did you mean '{hint}'? " if hint else ""
        raise click.BadParameter(
            f"unknown code '{code}'; {mean}`tracker rule --all` lists them", param_hint="CODE"
        )
    # No web address: the installed text is the documentation, and the project's public
    # address is not settled (tracker.diagnostics.REPOSITORY_URL).
    click.echo(rule_text(Code(code)), nl=False)

"""Shell completion of the names the corpus and the registry give: topic and source ids,
warning codes (click calls these while the user presses Tab; they never print or fail)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


def complete_codes(
    context: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Shell completion of the warning codes --select and --ignore take."""
    from click.shell_completion import CompletionItem

    from tracker.diagnostics import CODES, WARNING_CODES, Code

    return [
        CompletionItem(code, help=CODES[Code(code)][1])
        for code in WARNING_CODES
        if code.startswith(incomplete)
    ]


def complete_ids(kind: str) -> Callable[..., list[CompletionItem]]:
    """Shell completion of topic or source ids (``kind``: "topics" or "sources") from the
    corpus the command line names (its CLAIMS_DIR, else the `claims` setting, else ./claims),
    each with its question or name. Completion never fails: nothing is offered instead."""

    def complete(
        context: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        try:
            from tracker.config import load_config
            from tracker.corpus.load import load_corpus

            given = context.params.get("claims_dir")
            folder = Path(given) if given else load_config(Path.cwd()).claims or Path("claims")
            records = getattr(load_corpus(folder).corpus, kind)
        except Exception:  # a broken corpus or settings: offer nothing, print nothing
            return []
        return [
            CompletionItem(ident, help=getattr(record, "question", None) or record.name)
            for ident, record in sorted(records.items())
            if ident.startswith(incomplete)
        ]

    return complete

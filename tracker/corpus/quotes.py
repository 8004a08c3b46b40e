"""The rule on evidence: a local document must be readable and contain the words quoted
(compared with white space folded and typographic quotes and dashes made plain)."""

from __future__ import annotations

from collections.abc import Iterator

from tracker.corpus.checking import Context
from tracker.diagnostics import Code, Diagnostic, Location, clip, diagnose, quoted
from tracker.reading.files import DocumentRefused


def _fold(text: str) -> str:
    """FORMAT.md's rule for quotes: white space runs fold to one space, typographic quotes
    and dashes fold to plain ones."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())


_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)


def check_evidence(ctx: Context) -> Iterator[Diagnostic]:
    folded: dict[str, str] = {}
    # a quote is often cited by many claims (each outlet relaying it): search once
    found: dict[tuple[str, str], bool] = {}
    for claim in ctx.corpus.claims.values():
        if not claim.evidence:
            yield diagnose(
                claim.location("id"),
                Code.NO_EVIDENCE,
                f"claim '{claim.id}' cites no evidence; add an 'evidence' entry "
                "with the document and quote it comes from",
            )
        for item in claim.evidence:
            line, column = item.mark
            where = Location(claim.path, line, column)
            if item.is_url:
                continue
            text = ctx.document_text(item.document)
            if isinstance(text, DocumentRefused):
                yield diagnose(
                    where, Code.DOCUMENT, f"document '{clip(item.document)}' cannot be used: {text}"
                )
                continue
            if item.quote is None:
                continue
            if item.document not in folded:
                folded[item.document] = _fold(text)
            asked = (item.document, item.quote)
            if asked not in found:
                found[asked] = _fold(item.quote) in folded[item.document]
            if not found[asked]:
                qline, qcolumn = item.quote_mark or item.mark
                yield diagnose(
                    Location(claim.path, qline, qcolumn),
                    Code.QUOTE_NOT_FOUND,
                    f"quote {quoted(item.quote)} does not occur in "
                    f"'{clip(item.document)}'; copy it exactly from the document "
                    "(spacing and typographic quotes do not matter)",
                )

"""The columns of a sheet as people name them: the claim keys (``COLUMNS``), matched whatever
the case, spaces, ``_`` or ``-`` (``Claim ID`` is ``id``), with the usual other names
(``ALIASES``) and the user's own (``--column NAME=KEY``, or ``NAME=-`` to leave a column out
quietly). A column that is none of these is named in one warning and left out.
"""

from __future__ import annotations

import re

from tracker.diagnostics import Code, Diagnostic, Location, diagnose

COLUMNS = (
    "id",
    "text",
    "source",
    "via",
    "date",
    "topic",
    "position",
    "stance",
    "value",
    "as_of",
    "tolerance",
    "supersedes",
    "retracted",
    "tags",
    "answers",
    "document",
    "quote",
)

# Other names sheets give the columns (compared as :func:`header_key` folds them).
ALIASES = {
    "id": ("claim_id", "claim_no", "claim_number", "ref", "reference"),
    "text": ("claim", "claim_text", "statement", "what_was_said"),
    "source": ("source_id", "said_by", "speaker", "claimant", "author", "who"),
    "via": ("relayed_by", "reported_by"),
    "date": ("claim_date", "date_said", "said_on", "published", "date_published"),
    "topic": ("topic_id",),
    "position": ("answer",),
    "value": ("figure", "number"),
    "as_of": ("figure_date", "as_at"),
    "tags": ("tag", "labels", "keywords"),
    "document": ("url", "link", "evidence", "source_url", "address"),
    "quote": ("excerpt", "quotation"),
}
DATES = ("date", "as_of", "retracted")  # cells read as dates in the sheet's own spelling
IGNORE = "-"  # --column NAME=- : the column is left out without a warning
_FOLD = re.compile(r"[\s_\-]+")


def header_key(name: str) -> str:
    """A header folded for comparison: ``Claim ID``, ``claim-id`` and ``claim_id`` alike."""
    return _FOLD.sub("_", name.strip().casefold()).strip("_")


_KNOWN = {header_key(c): c for c in COLUMNS} | {
    header_key(alias): column for column, aliases in ALIASES.items() for alias in aliases
}


def read_header(
    label: str, names: list[str], columns: dict[str, str], filled: set[int]
) -> tuple[dict[str, int], list[str], list[Diagnostic]]:
    """The claim key of each column of the header row (key -> 1-based column number): a
    column named by a claim key, an alias, or ``columns``. The other headers (left out), and
    the problems: those headers named in one warning (and a column without a header, when
    a row fills it: ``filled`` holds those numbers), a key given twice, a --column for a
    column the sheet does not have."""
    header: dict[str, int] = {}
    problems: list[Diagnostic] = []
    mapped = {header_key(name): key for name, key in columns.items()}
    unknown: list[tuple[int, str]] = []
    given_by: dict[str, str] = {}
    for number, name in enumerate(names, start=1):
        folded = header_key(name)
        column = mapped.get(folded) or _KNOWN.get(folded)
        if column == IGNORE:
            continue
        if column is None:
            if folded:
                unknown.append((number, name.strip()))
            continue
        if column in header:
            problems.append(
                diagnose(
                    Location(label, 1, number),
                    Code.IMPORT,
                    f"column {name.strip()!r} holds {column!r}, as column "
                    f"{given_by[column]!r} does; keep one, or map the other to its key "
                    "with --column (NAME=KEY, or NAME=- to leave it out)",
                )
            )
            continue
        header[column] = number
        given_by[column] = name.strip()
    unused = sorted(set(mapped) - {header_key(n) for n in names})
    for folded in unused:
        name = next(n for n in columns if header_key(n) == folded)
        problems.append(
            diagnose(
                Location(label, 1, 1),
                Code.IMPORT,
                f"--column {name}={columns[name]}: the sheet has no column {name!r}; its "
                f"columns are {', '.join(repr(n.strip()) for n in names)}",
            )
        )
    left_out = [name for _, name in unknown]
    headless = sorted(
        n for n in filled if n > len(names) or not header_key(names[n - 1])
    )  # cells under no header: left out too, and said
    parts = []
    if unknown:
        names_left = ", ".join(repr(name) for _, name in unknown)
        parts.append(
            f"column{'s' if len(unknown) > 1 else ''} {names_left} left out: not a claim "
            f"key; map one with --column (--column '{unknown[0][1]}=KEY', KEY one of "
            f"{', '.join(COLUMNS)}), or leave it out quietly with "
            f"--column '{unknown[0][1]}=-'"
        )
    if headless:
        numbers = ", ".join(str(n) for n in headless)
        parts.append(
            f"the cells of column{'s' if len(headless) > 1 else ''} {numbers} left out: "
            "the column has no header; name it with a claim key to import them"
        )
    if parts:
        first = unknown[0][0] if unknown else headless[0]
        problems.append(diagnose(Location(label, 1, first), Code.IMPORT_SKIPPED, "; ".join(parts)))
    return header, left_out, problems

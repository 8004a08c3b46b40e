"""Claims as a spreadsheet (CSV), one claim a row, for newsrooms that start from one.

The columns are the claim keys of the format (``COLUMNS``). Lists (``via``, ``tags``,
``supersedes``) are separated by ``;``. A claim's first piece of evidence goes in its row's
``document`` and ``quote``; each further piece is a row of its own that repeats the ``id`` and
fills only ``document`` and ``quote``. ``value`` is a number, or a range or bound written as in
YAML (``[300, 400]``, ``[300, null]``); ``tolerance`` a number or a percentage. ``answers``
holds a claim's further answers, ``;``-separated, each ``topic = answer`` (``topic != answer``
for a denial); an answer spelled as a value is a value, anything else a position.

Sheets as people keep them: headers are matched loosely and under their usual other names
(:mod:`tracker.exchange.sheet_columns`: ``Claim ID`` is ``id``, ``Said by`` is ``source``),
and a column that is no claim key is named in one warning and left out, unless ``--column
NAME=KEY`` says which key it holds. Dates are read as the sheet spells them
(:mod:`tracker.reading.dates`); ``03/12/2024`` is refused unless ``--date-format`` says which
number is the day.

Import turns the rows into a claim file's text in the canonical layout (what ``tracker fmt``
writes), which the caller validates with the rest of the corpus; :func:`locate` maps each
problem found in that text back to the ``FILE:ROW:COLUMN`` of the sheet.

Long because it is one format both ways (about 450 lines): the columns, a claim written as a
row, a row read back as YAML, and each problem in that YAML traced back to its cell. Split,
the rule of a column (lists, values written verbatim, the ``answers`` cell and its quoting)
would be written in one module and read back in another, and the two could drift.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

import yaml

from tracker.corpus.fields import CLAIM_FIELDS, EVIDENCE_FIELDS
from tracker.corpus.records import Answer, Claim, NumberValue
from tracker.diagnostics import (
    Code,
    Diagnostic,
    Location,
    diagnose,
    has_errors,
    quoted,
    relocated,
)
from tracker.escape import spreadsheet, yaml_comment, yaml_string
from tracker.exchange.sheet_columns import COLUMNS as COLUMNS  # the sheet's columns, re-exported
from tracker.exchange.sheet_columns import DATES, read_header
from tracker.reading.dates import DateError, Order, read_date
from tracker.reading.parse import parse
from tracker.review.canonical import scalar
from tracker.review.fmt import FormatError, format_text

REQUIRED = tuple(key for key, spec in CLAIM_FIELDS.items() if spec.required)
LISTS = ("via", "supersedes", "tags")  # cells of ';'-separated items
EVIDENCE = tuple(EVIDENCE_FIELDS)  # a claim's `evidence` spreads over these columns
# Where each claim key of the format goes in a sheet (tests check that every key of
# CLAIM_FIELDS is here, so a new key cannot be silently dropped by a round trip).
CLAIM_KEY_COLUMNS = {key: (key,) for key in COLUMNS if key not in EVIDENCE} | {"evidence": EVIDENCE}
_FORMULA_MARK = re.compile(r"^'(?=[=+\-@|%\t\r])")  # the apostrophe export puts before formulas
# Cells written into the YAML as they are (so the validator reads them as numbers, ranges or
# dates); anything else becomes a quoted string, which the validator then judges.
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_VERBATIM = {
    "value": re.compile(rf"^(?:{_NUMBER}|\[\s*(?:{_NUMBER}|null)\s*,\s*(?:{_NUMBER}|null)\s*\])$"),
    "tolerance": re.compile(rf"^{_NUMBER}%?$"),
}


def _join(items: Iterable[str]) -> str:
    return "; ".join(items)


def _value_text(value: NumberValue) -> str:
    if value.low is not None and value.low == value.high:
        return value.text
    ends = ["null" if end is None else _number(end) for end in (value.low, value.high)]
    return f"[{ends[0]}, {ends[1]}]"


def _number(end: Fraction) -> str:
    if end.denominator == 1:
        return str(end.numerator)
    return repr(float(end))


def _answer_text(answer: Answer) -> str:
    """A further answer as a sheet writes it: ``topic = answer`` or ``topic != answer``; a
    position that reads as a number, or holds ``;`` or ``"``, in double quotes (so that
    import reads it back as the same position)."""
    if answer.value is not None:
        return f"{answer.topic} = {_value_text(answer.value)}"
    sign = "!=" if answer.stance == "denies" else "="
    position = answer.position or ""
    if _VERBATIM["value"].match(position) or set(position) & {";", '"'} or not position.strip():
        position = json.dumps(position, ensure_ascii=False)
    return f"{answer.topic} {sign} {position}"


# One item of an ``answers`` cell: anything up to a ';' that is not inside double quotes.
_ANSWER_ITEM = re.compile(r'(?:[^;"]|"(?:[^"\\]|\\.)*")+')


def _answers_yaml(cell: str) -> str | None:
    """The ``answers`` cell as a YAML flow list, or None when an item has no ``=``."""
    items = []
    for item in (part.strip() for part in _ANSWER_ITEM.findall(cell)):
        if not item:
            continue
        topic, sign, answer = item.partition("=")
        if not sign:
            return None
        denies = topic.endswith("!")
        topic, answer = topic.removesuffix("!").strip(), answer.strip()
        if len(answer) >= 2 and answer[0] == answer[-1] == '"':
            try:  # a quoted position: its text, whatever it looks like
                quoted = json.loads(answer)
            except ValueError:
                return None
            given = f"position: {yaml_string(str(quoted))}"
            given += ", stance: denies" if denies else ""
        elif _VERBATIM["value"].match(answer) and not denies:
            given = f"value: {answer}"
        else:
            given = f"position: {yaml_string(answer)}" + (", stance: denies" if denies else "")
        items.append(f"{{topic: {yaml_string(topic)}, {given}}}")
    return "[" + ", ".join(items) + "]"


def claim_rows(claims: Iterable[Claim]) -> list[dict[str, str]]:
    """The rows of a sheet holding ``claims``, in the given order."""
    rows = []
    for claim in claims:
        row = {
            "id": claim.id,
            "text": claim.text,
            "source": claim.source,
            "via": _join(claim.via),
            "date": claim.date or "",
            "topic": claim.topic or "",
            "position": claim.position or "",
            "stance": claim.stance if claim.stance != "asserts" else "",
            "value": _value_text(claim.value) if claim.value is not None else "",
            "as_of": claim.as_of or "",
            "tolerance": str(claim.tolerance) if claim.tolerance is not None else "",
            "supersedes": _join(claim.supersedes),
            "retracted": claim.retracted or "",
            "tags": _join(claim.tags),
            "answers": _join(_answer_text(answer) for answer in claim.answers),
            "document": "",
            "quote": "",
        }
        evidence = list(claim.evidence)
        if evidence:
            row["document"], row["quote"] = evidence[0].document, evidence[0].quote or ""
        rows.append(row)
        for item in evidence[1:]:
            rows.append({"id": claim.id, "document": item.document, "quote": item.quote or ""})
    return rows


def write_sheet(claims: Iterable[Claim]) -> str:
    """CSV text of the claims (formula-like cells neutralised as in every CSV output)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in claim_rows(claims):
        writer.writerow([spreadsheet(row.get(column, "")) for column in COLUMNS])
    return buffer.getvalue()


@dataclass
class SheetClaim:
    """One claim read from the sheet, with where each of its cells was."""

    row: int  # the sheet row (1 is the header)
    cells: dict[str, str]
    evidence: list[tuple[int, str, str]] = field(default_factory=list)  # (row, document, quote)


@dataclass
class ImportedSheet:
    label: str  # the sheet as named in messages
    header: dict[str, int]  # column name -> 1-based column number
    claims: list[SheetClaim]
    text: str = ""  # the claim file, when every row could be read
    left_out: list[str] = field(default_factory=list)  # headers that are no claim key

    def position(self, row: int, column: str) -> Location:
        return Location(self.label, row, self.header.get(column, 1))


def read_sheet(
    label: str,
    data: bytes,
    columns: dict[str, str] | None = None,
    date_order: Order | None = None,
) -> tuple[ImportedSheet, list[Diagnostic]]:
    """The claims of a CSV sheet, and the problems of its layout (missing columns, columns
    left out, evidence rows without a claim, dates that are not dates), located at
    ``label:ROW:COLUMN``. ``columns`` maps a sheet's header to the claim key it holds (or
    to ``-``: left out); ``date_order`` says how the sheet writes ``03/12/2024``."""
    sheet = ImportedSheet(label, {}, [])
    try:
        text = data.decode("utf-8-sig")  # spreadsheets often save UTF-8 with a byte-order mark
    except UnicodeDecodeError as exc:
        where = data[: exc.start].count(b"\n") + 1
        return sheet, [
            diagnose(
                Location(label, where, 1),
                Code.ENCODING,
                f"byte 0x{data[exc.start]:02x} is not valid UTF-8; export the sheet as 'CSV UTF-8'",
            )
        ]
    rows, unreadable = _rows(label, text)
    if unreadable is not None:
        return sheet, [unreadable]
    if not rows:
        return sheet, [
            diagnose(
                Location(label, 1, 1),
                Code.IMPORT,
                f"the sheet is empty; its first row names the columns: {', '.join(COLUMNS)}",
            )
        ]
    filled = {n for row in rows[1:] for n, cell in enumerate(row, start=1) if cell.strip()}
    sheet.header, sheet.left_out, problems = read_header(label, rows[0], columns or {}, filled)
    missing = [c for c in REQUIRED if c not in sheet.header]
    if missing:
        hint = (
            f"; if a column left out holds it, say so: --column '{sheet.left_out[0]}={missing[0]}'"
            if sheet.left_out
            else ""
        )
        problems.append(
            diagnose(
                Location(label, 1, 1),
                Code.IMPORT,
                f"the sheet has no {', '.join(repr(c) for c in missing)} column; every claim "
                f"needs {', '.join(REQUIRED)}{hint}",
            )
        )
    if has_errors(problems):
        return sheet, problems
    for number, row in enumerate(rows[1:], start=2):
        cells = {
            column: _FORMULA_MARK.sub("", row[index - 1].strip())
            for column, index in sheet.header.items()
            if index - 1 < len(row) and row[index - 1].strip()
        }
        if not cells:
            continue  # a blank row
        previous = sheet.claims[-1] if sheet.claims else None
        if (
            set(cells) <= {"id", *EVIDENCE}
            and "document" in cells
            and (previous is not None and cells.get("id") == previous.cells.get("id"))
        ):
            previous.evidence.append((number, cells["document"], cells.get("quote", "")))
            continue
        claim = SheetClaim(number, cells)
        for column in DATES:
            if column in cells and not _is_iso(cells[column]):
                try:
                    cells[column] = read_date(cells[column], date_order)
                except DateError as exc:
                    problems.append(
                        diagnose(sheet.position(number, column), Code.IMPORT, f"{column}: {exc}")
                    )
        if "answers" in cells and _answers_yaml(cells["answers"]) is None:
            problems.append(
                diagnose(
                    sheet.position(number, "answers"),
                    Code.IMPORT,
                    f"cannot read the answers {quoted(cells['answers'], 80)}: "
                    "each further answer is `topic = answer` (or `topic != answer` for a "
                    "denial), separated by ';'; put a position holding ';' in double quotes",
                )
            )
        if "document" in cells:
            claim.evidence.append((number, cells["document"], cells.get("quote", "")))
        elif "quote" in cells:
            problems.append(
                diagnose(
                    sheet.position(number, "quote"),
                    Code.IMPORT,
                    "a quote without a document; fill 'document' with the file or address "
                    "it comes from",
                )
            )
        sheet.claims.append(claim)
    if not has_errors(problems):
        try:
            sheet.text = _claim_file(sheet)
        except FormatError as exc:  # a bug of ours, said at the sheet rather than exit 3
            problems.append(
                diagnose(Location(label, 1, 1), Code.IMPORT, f"cannot write the claim file: {exc}")
            )
    return sheet, problems


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_iso(cell: str) -> bool:
    """Whether a cell is an ISO date or date-time, which is written as it is (the
    validator judges it, as it judges a claim file's; a date-time keeps its time)."""
    if _ISO_DATE.fullmatch(cell):
        return True
    try:
        dt.datetime.fromisoformat(cell)
    except ValueError:
        return False
    return True


def _rows(label: str, text: str) -> tuple[list[list[str]], Diagnostic | None]:
    """The rows of the sheet's text, or the problem at the row where reading stopped (a cell
    over the csv module's limit of 131,072 characters, almost always a double quote that is
    never closed and takes the rest of the sheet into one cell)."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0  # the last line of the last row read
    try:
        for row in reader:
            rows.append(row)
            line = reader.line_num
    except csv.Error as exc:
        why = str(exc)
        if "field larger than field limit" in why:
            why = (
                f"a cell runs past {csv.field_size_limit():,} characters: a double quote "
                '(") opened in this row is probably never closed; close it, or double a '
                'quote inside a cell ("")'
            )
        return rows, diagnose(
            Location(label, len(rows) + 1, 1),
            Code.IMPORT,
            f"cannot read the row starting at line {line + 1}: {why}",
        )
    return rows, None


def _written(cell: str, *, flow: bool = False) -> str:
    """A cell as fmt writes it (so that ``format_text`` proves the file rather than
    rewriting it), or double-quoted when that spelling is not known."""
    return scalar(cell, flow=flow) or yaml_string(cell)


def _claim_file(sheet: ImportedSheet) -> str:
    lines = [f"# Imported from {yaml_comment(sheet.label)} by `tracker import csv`.", "claims:"]
    for claim in sheet.claims:
        first = True
        for column in COLUMNS:
            if column in EVIDENCE or column not in claim.cells:
                continue
            cell = claim.cells[column]
            if column in LISTS:
                items = [item.strip() for item in cell.split(";") if item.strip()]
                text = "[" + ", ".join(_written(item, flow=True) for item in items) + "]"
            elif column in _VERBATIM and _VERBATIM[column].match(cell):
                text = cell
            elif column == "answers":
                text = _answers_yaml(cell) or "[]"
            else:
                text = _written(cell)
            lines.append(f"  {'- ' if first else '  '}{column}: {text}")
            first = False
        if first:  # a row with evidence cells only, and no id
            lines.append("  - {}")
        if claim.evidence:
            lines.append("    evidence:")
            for _, document, quote in claim.evidence:
                lines.append(f"      - document: {_written(document)}")
                if quote:
                    lines.append(f"        quote: {_written(quote)}")
    return format_text("\n".join(lines) + "\n", sheet.label)


def _last_line(node: yaml.Node) -> int:
    """The 0-based line a value ends on. A block list or mapping ends where the next key or
    claim starts: its last line is its last child's. A block scalar ends at column 0 of the
    line after it."""
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_line(node.value[-1])
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_line(node.value[-1][1])
    end = node.end_mark
    if end.column == 0 and end.line > node.start_mark.line:
        return int(end.line) - 1
    return int(end.line)


def _cells(sheet: ImportedSheet, path: str, text: str) -> dict[int, tuple[int, str]]:
    """Each line of the claim file ``text`` (the import's, or the import merged into the file
    there) mapped to the sheet (row, column) it came from, by claim id; lines of claims the
    sheet does not hold map to nothing. Read from the YAML nodes, not from records: a claim
    with errors yields no record."""
    parsed, _ = parse(path, text.encode("utf-8"))
    root = parsed.root
    cells: dict[int, tuple[int, str]] = {}
    if not isinstance(root, yaml.MappingNode):
        return cells
    items: list[yaml.MappingNode] = next(
        (v.value for k, v in root.value if k.value == "claims"), []
    )
    by_id = {claim.cells.get("id", ""): claim for claim in sheet.claims}
    for item in items:
        if not isinstance(item, yaml.MappingNode):
            continue
        ident = next((str(v.value) for k, v in item.value if k.value == "id"), "")
        claim = by_id.get(ident) if text != sheet.text else None
        if claim is None and text == sheet.text:  # the import alone: its claims, in order
            position = items.index(item)
            claim = sheet.claims[position] if position < len(sheet.claims) else None
        if claim is None:
            continue
        for key, value in item.value:
            if key.value != "evidence":
                for line in range(key.start_mark.line, _last_line(value) + 1):
                    cells.setdefault(line + 1, (claim.row, key.value))
                continue
            for number, entry in enumerate(value.value):
                row = claim.evidence[number][0] if number < len(claim.evidence) else claim.row
                cells.setdefault(entry.start_mark.line + 1, (row, "document"))
                for part, content in entry.value:
                    for line in range(part.start_mark.line, content.end_mark.line + 1):
                        cells.setdefault(line + 1, (row, part.value))
        cells.setdefault(item.start_mark.line + 1, (claim.row, "id"))
    return cells


def locate(
    sheet: ImportedSheet, path: str, diagnostics: list[Diagnostic], text: str | None = None
) -> list[Diagnostic]:
    """Problems found in the claim file ``text`` (named ``path``; the import's own text by
    default) each moved to the sheet row and column it came from; problems in lines the
    sheet did not write (a claim kept from the file merged into) and elsewhere in the corpus
    are kept as they are."""
    text = sheet.text if text is None else text
    cells = _cells(sheet, path, text)
    merged = text != sheet.text

    def place(where: Location) -> Location:
        found = cells.get(where.line or 0)
        if found is None:
            return where if merged else sheet.position(1, "id")
        return sheet.position(*found)

    return relocated(diagnostics, path, place)

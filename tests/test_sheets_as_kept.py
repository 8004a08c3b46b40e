"""`tracker import csv` on sheets as newsrooms keep them: headers in any case and spacing and
under their usual other names, extra columns named in one warning and left out (or mapped with
--column), dates in the sheet's own spelling, an ambiguous date refused with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CorpusMaker, run_tracker

from tracker.cli import cli
from tracker.reading.dates import DateError, read_date

KEPT = (
    "Claim ID,Claim,Said by,Date,URL,Notes,Checked by\n"
    "c1,Forty died.,afp,1 August 2024,seeds/doc.txt,call back,jo\n"
    'c2,Fifty died.,afp,"August 2, 2024",seeds/doc.txt,,\n'
    "c3,Sixty died.,afp,13/08/2024,seeds/doc.txt,,\n"
)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_a_kept_sheet_imports_with_one_warning_through_the_installed_tracker(
    make_corpus: CorpusMaker,
) -> None:
    claims = make_corpus({})
    Path("kept.csv").write_text(KEPT, encoding="utf-8")
    done = run_tracker("import", "csv", "kept.csv", str(claims), cwd=claims.parent)
    assert done.returncode == 0, done.stdout
    assert done.stdout.count("left out") == 1
    assert "kept.csv:1:6: warning: columns 'Notes', 'Checked by' left out" in done.stdout
    assert "--column 'Notes=KEY'" in done.stdout
    written = (claims / "kept.yaml").read_text(encoding="utf-8")
    assert "  - id: c1\n    text: Forty died.\n    source: afp\n    date: '2024-08-01'" in written
    assert "date: '2024-08-02'" in written
    assert "date: '2024-08-13'" in written  # 13 can only be the day
    assert "call back" not in written
    for command in (["fmt", "--check", str(claims / "kept.yaml")], ["validate", str(claims)]):
        checked = run_tracker(*command, cwd=claims.parent)
        assert checked.returncode == 0, checked.stdout + checked.stdout


def test_columns_are_mapped_or_left_out_quietly_with_column(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({})
    Path("kept.csv").write_text(KEPT, encoding="utf-8")
    result = invoke(
        "import", "csv", "kept.csv", "--column", "notes=tags", "--column", "CHECKED BY=-"
    )
    assert result.exit_code == 0, result.stdout
    assert "left out" not in result.stdout
    assert "tags: [call back]" in (claims / "kept.yaml").read_text(encoding="utf-8")
    wrong = invoke("import", "csv", "kept.csv", "--column", "notes=remarks")
    assert wrong.exit_code == 2
    assert "'notes=remarks': write NAME=KEY" in wrong.stderr  # a usage error
    absent = invoke("import", "csv", "kept.csv", "-o", "claims/x.yaml", "--column", "Editor=-")
    assert absent.exit_code == 1
    assert "kept.csv:1:1: error: --column Editor=-: the sheet has no column 'Editor'" in (
        absent.stdout
    )
    Path("headless.csv").write_text("id,text,source,\nc8,a,afp,kept?\n", encoding="utf-8")
    result = invoke("import", "csv", "headless.csv")
    assert (
        "headless.csv:1:4: warning: the cells of column 4 left out: the column has no header"
        in (result.stdout)
    )
    twice = Path("twice.csv")
    twice.write_text("ID,Text,Claim,Source\nc9,a,b,afp\n", encoding="utf-8")
    result = invoke("import", "csv", "twice.csv")
    assert result.exit_code == 1
    assert "twice.csv:1:3: error: column 'Claim' holds 'text', as column 'Text' does" in (
        result.stdout
    )


def test_an_ambiguous_date_is_refused_with_the_fix(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({})
    Path("dates.csv").write_text(
        "id,text,source,date\nc1,Forty died.,afp,03/12/2024\nc2,Fifty died.,afp,soon\n",
        encoding="utf-8",
    )
    result = invoke("import", "csv", "dates.csv")
    assert result.exit_code == 1
    assert (
        "dates.csv:2:4: error: date: '03/12/2024' could be 2024-12-03 or 2024-03-12; write it "
        "as YYYY-MM-DD, or say how the sheet writes dates with --date-format day-first"
    ) in result.stdout
    assert "dates.csv:3:4: error: date: 'soon' is not a date tracker can read" in result.stdout
    assert "isoformat" not in result.stdout
    assert not (claims / "dates.yaml").exists()
    Path("dates.csv").write_text(
        "id,text,source,date\nc1,Forty died.,afp,03/12/2024\n", encoding="utf-8"
    )
    result = invoke("import", "csv", "dates.csv", "--date-format", "month-first")
    assert result.exit_code == 0, result.stdout
    assert "date: '2024-03-12'" in (claims / "dates.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2024-08-01", None, "2024-08-01"),
        ("2024-08-01T23:30:00Z", None, "2024-08-01"),
        ("1 August 2024", None, "2024-08-01"),
        ("1st Aug. 2024", None, "2024-08-01"),
        ("August 1, 2024", None, "2024-08-01"),
        ("Sept 30 2024", None, "2024-09-30"),
        ("01/08/2024", "day-first", "2024-08-01"),
        ("01/08/2024", "month-first", "2024-01-08"),
        ("25.12.2024", None, "2024-12-25"),
        ("12/25/2024", None, "2024-12-25"),
        ("07/07/2024", None, "2024-07-07"),
    ],
)
def test_dates_in_their_spellings(text: str, order: str | None, expected: str) -> None:
    assert read_date(text, order) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["03/12/2024", "31 February 2024", "August 2024", "soon"])
def test_what_is_no_date_is_said(text: str) -> None:
    with pytest.raises(DateError):
        read_date(text)

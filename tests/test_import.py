"""`tracker import csv` and `tracker export csv`: a claims folder survives export → import →
export unchanged, its report is the same, and every problem of a sheet is reported at its
SHEET:ROW:COLUMN with nothing written."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import yaml
from click.testing import CliRunner
from conftest import REPO, CorpusMaker, run_tracker

from tracker.cli import cli


def _claims_removed(root: Path) -> Path:
    """A copy of the bundled corpus with every claim taken out (sources, topics and the
    contradictions entry stay): what a newsroom has before it imports its sheet."""
    shutil.copytree(REPO / "claims", root / "claims")
    shutil.copytree(REPO / "seeds", root / "seeds")
    for path in (root / "claims").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.pop("claims", None)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True) if data else "")
    return root / "claims"


def test_bundled_claims_round_trip_through_the_installed_tracker(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    exported = run_tracker("export", "csv", str(REPO / "claims"), "-o", str(sheet), cwd=REPO)
    assert exported.returncode == 0, exported.stdout
    claims = _claims_removed(tmp_path)
    imported = run_tracker("import", "csv", str(sheet), "claims", cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout
    assert "wrote claims/sheet.yaml: 18 claims" in imported.stdout
    again = run_tracker("export", "csv", "claims", cwd=tmp_path)
    assert again.stdout == sheet.read_text(encoding="utf-8")
    report = [
        run_tracker("report", "--format", "csv", str(folder), cwd=folder.parent).stdout
        for folder in (REPO / "claims", claims)
    ]
    assert report[0] == report[1]
    assert report[0].count("\n") > 5
    check = run_tracker("fmt", "--check", "claims/sheet.yaml", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stdout  # written in fmt's layout


def test_pandas_reads_the_sheet_with_the_claim_keys() -> None:
    result = CliRunner().invoke(cli, ["export", "csv", str(REPO / "claims")])
    frame = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert list(frame.columns[:3]) == ["id", "text", "source"]
    toll = frame[frame["id"] == "gaza-ministry-deaths"].iloc[0]
    assert toll["value"] == "[39480, null]"  # a bound, as written in YAML
    assert frame["id"].is_unique is False  # a second quote is a row of its own


SHEET = (
    "id,text,source,via,topic,value,position,date,tags,document,quote\n"
    "c1,Forty died.,nyt,afp; officials,toll,40,,2024-08-01,gaza; toll,seeds/doc.txt,"
    "explosive device\n"
    "c1,,,,,,,,,seeds/doc.txt,planted weeks ago\n"
    "c2,=SUM(A1),fars,,method,,projectile,,,,\n"
)


def test_lists_evidence_rows_and_formulas_become_claim_keys(make_corpus: CorpusMaker) -> None:
    make_corpus({})
    Path("sheet.csv").write_text(SHEET, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "csv", "sheet.csv"])
    assert result.exit_code == 0, result.stdout
    claims = yaml.safe_load(Path("claims/sheet.yaml").read_text(encoding="utf-8"))["claims"]
    first, second = claims
    assert first["via"] == ["afp", "officials"]
    assert first["tags"] == ["gaza", "toll"]
    assert first["value"] == 40
    assert first["date"] == "2024-08-01"
    assert [e["quote"] for e in first["evidence"]] == ["explosive device", "planted weeks ago"]
    assert second["text"] == "=SUM(A1)"  # kept as text, never run
    exported = CliRunner().invoke(cli, ["export", "csv"]).stdout
    assert "'=SUM(A1)" in exported  # neutralised for spreadsheets, and read back as it was
    Path("again.csv").write_text(exported, encoding="utf-8")
    clash = CliRunner().invoke(cli, ["import", "csv", "again.csv", "-o", "claims/x.yaml"])
    assert clash.exit_code == 1  # the same ids twice in one corpus
    assert "duplicate claim id 'c1'" in clash.stdout
    Path("claims/sheet.yaml").unlink()
    again = CliRunner().invoke(cli, ["import", "csv", "again.csv", "-o", "claims/x.yaml"])
    assert again.exit_code == 0, again.stdout
    texts = [c["text"] for c in yaml.safe_load(Path("claims/x.yaml").read_text())["claims"]]
    assert texts == ["Forty died.", "=SUM(A1)"]


def test_problems_are_reported_at_sheet_row_and_column(make_corpus: CorpusMaker) -> None:
    make_corpus({})
    Path("bad.csv").write_text(
        "id,text,source,topic,value,date,document,quote\n"
        "c1,Forty died.,nobody,toll,40,,seeds/doc.txt,not in the document\n"
        "c2,Many died.,afp,toll,many,2024-02-30,,\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["import", "csv", "bad.csv"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("bad.csv:2:3: error: unknown source 'nobody'")
    assert lines[1].startswith("bad.csv:2:8: error: quote 'not in the document' does not occur")
    assert lines[2].startswith("bad.csv:3:6: error: 'date' in claim 'c2': '2024-02-30'")
    assert lines[3].startswith("bad.csv:3:5: error: 'value' in claim 'c2' must be a number")
    assert "nothing written" in lines[-1]
    assert not Path("claims/bad.yaml").exists()


def test_layout_problems_and_refusals(make_corpus: CorpusMaker) -> None:
    make_corpus({})
    Path("cols.csv").write_text("id,txt,source\nc1,t,nyt\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "csv", "cols.csv"])
    assert result.exit_code == 1
    assert "cols.csv:1:2: warning: column 'txt' left out: not a claim key" in result.stdout
    assert "cols.csv:1:1: error: the sheet has no 'text' column" in result.stdout
    assert "--column 'txt=text'" in result.stdout
    Path("quote.csv").write_text("id,text,source,quote\nc1,t,nyt,q\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "csv", "quote.csv"])
    assert "quote.csv:2:4: error: a quote without a document" in result.stdout
    Path("latin.csv").write_bytes(b"id,text,source\nc1,caf\xe9,nyt\n")
    result = CliRunner().invoke(cli, ["import", "csv", "latin.csv"])
    assert "latin.csv:2:1: error: byte 0xe9 is not valid UTF-8" in result.stdout
    Path("good.csv").write_text("\ufeffid,text,source\nc1,t,nyt\n", encoding="utf-8")  # Excel BOM
    assert CliRunner().invoke(cli, ["import", "csv", "good.csv"]).exit_code == 0
    again = CliRunner().invoke(cli, ["import", "csv", "good.csv"])
    assert again.exit_code == 0  # merged into: the same sheet changes nothing
    assert "claims/good.yaml is up to date: 1 kept, 0 added" in again.stdout
    before = Path("claims/good.yaml").read_bytes()
    assert (
        CliRunner()
        .invoke(cli, ["import", "csv", "latin.csv", "-o", "claims/good.yaml", "--force"])
        .exit_code
        == 1
    )
    assert Path("claims/good.yaml").read_bytes() == before  # nothing written on error


def test_a_repeated_id_in_a_sheet_names_the_other_row(make_corpus: CorpusMaker) -> None:
    """The file an import would write is never written: a problem's message names the sheet's
    row, not a line of that file."""
    make_corpus({})
    Path("s.csv").write_text("id,text,source\nc1,a,afp\nc1,b,afp\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "csv", "s.csv"])
    assert result.exit_code == 1
    assert "s.csv:3:1: error: duplicate claim id 'c1': also defined at s.csv:2:1;" in (
        result.stdout
    )
    assert "claims/s.yaml" not in result.stdout

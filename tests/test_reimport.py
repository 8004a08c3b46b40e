"""Re-importing an updated feed or sheet into the file an earlier import wrote: nothing
imported before, and nothing written by hand, is ever lost. Through the installed `tracker`
as a fact-checker runs it every week."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BASE, run_tracker


def review(number: int) -> dict[str, object]:
    return {
        "@type": "ClaimReview",
        "claimReviewed": f"Week claim {number}",
        "itemReviewed": {"author": {"name": "Fars News Agency"}},
        "reviewRating": {"alternateName": "False"},
        "author": {"name": "Full Fact"},
    }


def write_feed(folder: Path, numbers: list[int]) -> None:
    (folder / "checks.json").write_text(json.dumps([review(n) for n in numbers]), "utf-8")


def write_sheet(folder: Path, rows: list[str]) -> None:
    (folder / "checks.csv").write_text("id,text,source\n" + "".join(rows), "utf-8")


ROWS = ["c1,Week claim 1,fars\n", "c2,Week claim 2,fars\n", "c3,Week claim 3,fars\n"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "base.yaml").write_text(BASE, encoding="utf-8")
    return tmp_path


def write(kind: str, folder: Path, count: int) -> None:
    """The feed or sheet as it stands in week ``count``: its first ``count`` claims."""
    if kind == "claimreview":
        write_feed(folder, list(range(1, count + 1)))
    else:
        write_sheet(folder, ROWS[:count])


def reimport(kind: str, folder: Path, *args: str) -> tuple[int, str]:
    given = "checks.json" if kind == "claimreview" else "checks.csv"
    result = run_tracker("import", kind, given, "claims", *args, cwd=folder)
    return result.returncode, result.stdout


def texts(folder: Path) -> list[str]:
    lines = (folder / "claims" / "checks.yaml").read_text(encoding="utf-8").splitlines()
    return [line.split("text:", 1)[1].strip().strip('"') for line in lines if "text:" in line]


KINDS = ["claimreview", "csv"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_issue_reproduction_keeps_every_claim(kind: str, folder: Path) -> None:
    """The reported loss: week 1 (2 claims), then week 2 (3 claims) with --force."""
    write(kind, folder, 2)
    assert reimport(kind, folder)[0] == 0
    write(kind, folder, 3)
    code, err = reimport(kind, folder, "--force")
    assert code == 0, err
    assert "(2 kept, 1 added, 0 updated, 0 removed)" in err
    assert texts(folder) == ["Week claim 1", "Week claim 2", "Week claim 3"]
    assert run_tracker("validate", cwd=folder).returncode == 0


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_feed_twice_leaves_the_file_byte_for_byte(kind: str, folder: Path) -> None:
    write(kind, folder, 2)
    assert reimport(kind, folder)[0] == 0
    before = (folder / "claims" / "checks.yaml").read_bytes()
    code, err = reimport(kind, folder)
    assert code == 0, err
    assert "claims/checks.yaml is up to date: 2 kept, 0 added, 0 updated, 0 removed" in err
    assert (folder / "claims" / "checks.yaml").read_bytes() == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_claim_the_feed_dropped_is_refused_then_kept_or_removed_on_request(
    kind: str, folder: Path
) -> None:
    write(kind, folder, 3)
    assert reimport(kind, folder)[0] == 0
    before = (folder / "claims" / "checks.yaml").read_bytes()
    write(kind, folder, 2)
    code, err = reimport(kind, folder)
    assert code == 1
    dropped = "c3" if kind == "csv" else "fars-"  # the base corpus's source, by name
    assert f"claim '{dropped}" in err
    assert "no longer in the import: it would be lost" in err
    assert "nothing written" in err
    assert (folder / "claims" / "checks.yaml").read_bytes() == before
    code, err = reimport(kind, folder, "--missing", "keep")
    assert (code, (folder / "claims" / "checks.yaml").read_bytes()) == (0, before), err
    assert "3 kept, 0 added, 0 updated, 0 removed" in err
    code, err = reimport(kind, folder, "--missing", "remove")
    assert code == 0, err
    assert "(2 kept, 0 added, 0 updated, 1 removed)" in err
    assert texts(folder) == ["Week claim 1", "Week claim 2"]


HAND_EDIT = "    topic: method  # filed by the desk\n    position: projectile\n"


@pytest.mark.parametrize("kind", KINDS)
def test_hand_added_keys_and_comments_survive_an_updated_feed(kind: str, folder: Path) -> None:
    write(kind, folder, 1)
    assert reimport(kind, folder)[0] == 0
    target = folder / "claims" / "checks.yaml"
    text = target.read_text(encoding="utf-8")
    first = text.index("    source: fars\n") + len("    source: fars\n")
    edited = text[:first] + HAND_EDIT + text[first:]
    edited = edited.replace("claims:\n", "claims:\n  # checked with the Tehran desk\n", 1)
    target.write_text(edited, encoding="utf-8")
    if kind == "csv":  # the sheet's row changes: the claim is updated, the hand keys stay
        write_sheet(folder, ["c1,Week claim 1 (corrected),fars\n", ROWS[1]])
    else:  # the review of claim 1 changes its rating; claim 2 is new
        reviews = [review(1), review(2)]
        reviews[0]["reviewRating"] = {"alternateName": "Misleading"}
        (folder / "checks.json").write_text(json.dumps(reviews), "utf-8")
    code, err = reimport(kind, folder)
    assert code == 0, err
    assert "(0 kept, 1 added, 1 updated, 0 removed)" in err
    after = target.read_text(encoding="utf-8")
    assert HAND_EDIT in after
    assert "# checked with the Tehran desk" in after
    if kind == "csv":
        assert "Week claim 1 (corrected)" in after
    else:
        assert "rated it 'Misleading'" in after
        assert "rated it 'False'" in after  # claim 2's review
        assert after.count("rated it") == 2  # claim 1's old rating replaced, not doubled
    answers = run_tracker("topics", "--format", "csv", cwd=folder)
    assert answers.returncode == 0, answers.stdout
    assert "projectile" in answers.stdout


def test_an_end_of_line_comment_on_an_updated_line_is_refused(folder: Path) -> None:
    write("csv", folder, 1)
    assert reimport("csv", folder)[0] == 0
    target = folder / "claims" / "checks.yaml"
    target.write_text(
        target.read_text("utf-8").replace("Week claim 1", "Week claim 1  # see p. 3"), "utf-8"
    )
    before = target.read_bytes()
    write_sheet(folder, ["c1,Week claim one,fars\n"])
    code, err = reimport("csv", folder)
    assert code == 1
    assert "claims/checks.yaml:4:1: error: the comment on this line of claim 'c1'" in err
    assert target.read_bytes() == before

"""`tracker diff`: conflicts added, removed and changed between git revisions, read straight
from git without touching the working tree or the index."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli

BEFORE = """\
sources:
  nyt: {name: The New York Times}
  fars: {name: Fars News Agency}
  afp: {name: Agence France-Presse}
topics:
  method:
    question: How was he killed?
claims:
  - {id: device, text: t, source: nyt, topic: method, position: explosive device}
  - {id: projectile, text: t, source: fars, topic: method, position: projectile}
  - {id: denial, text: t, source: fars, topic: method, position: explosive device, stance: denies}
"""
# The projectile claim now says "explosive device" (that conflict is resolved away, and the
# denial conflict gains a claim), and a new claim brings a new answer.
AFTER = BEFORE.replace(
    "topic: method, position: projectile}", "topic: method, position: explosive device}"
) + ("  - {id: poison, text: t, source: afp, topic: method, position: poison}\n")


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose claims live in data/claims, with BEFORE committed on main and AFTER
    in the working tree."""
    root = tmp_path / "repo"
    claims = root / "data" / "claims"
    claims.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    (claims / "story.yaml").write_text(BEFORE, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "before")
    git(root, "checkout", "-q", "-b", "change")
    (claims / "story.yaml").write_text(AFTER, encoding="utf-8")
    monkeypatch.chdir(root / "data")
    return root


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["diff", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_reports_exactly_the_new_removed_and_changed(repo: Path) -> None:
    before = snapshot(repo)
    code, out, err = invoke("--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["head"] == "working tree"
    assert [(r["basis"], r["sides"]) for r in data["added"]] == [
        ("position", [["device", "projectile"], ["poison"]])
    ]
    assert [(r["basis"], r["sides"]) for r in data["removed"]] == [
        ("position", [["device"], ["projectile"]])
    ]
    [changed] = data["changed"]
    assert changed["fields"] == ["sides"]
    assert changed["before"]["sides"] == [["device"], ["denial"]]
    assert changed["after"]["sides"] == [["device", "projectile"], ["denial"]]
    assert snapshot(repo) == before  # working tree, index and .git untouched


def test_every_format(repo: Path) -> None:
    before = snapshot(repo)
    code, table, _ = invoke()
    assert code == 0
    assert "1 new conflict (1 open), 1 gone, 1 changed" in table
    assert "explosive device: + projectile" in table
    code, markdown, _ = invoke("--format", "markdown")
    assert code == 0
    assert markdown.startswith("## Contradictions: 1 new conflict (1 open), 1 gone, 1 changed")
    sections = [line for line in markdown.splitlines() if line.startswith("### ")]
    assert sections == [
        "### New conflicts",
        "### Resolved or removed conflicts",
        "### Changed conflicts",
    ]
    assert "**poison** (1 origin)<br>`poison` (Agence France-Presse)" in markdown
    assert snapshot(repo) == before


def test_committed_revisions_and_fail_on_new(repo: Path) -> None:
    git(repo, "commit", "-q", "-am", "after")
    code, out, _ = invoke("main", "change", "--format", "json", "--fail-on-new")
    assert code == 1
    assert json.loads(out)["base"] == "main"
    assert len(json.loads(out)["added"]) == 1
    code, out, _ = invoke("change", "main", "--format", "json")
    assert code == 0  # without --fail-on-new, new conflicts do not fail
    reverse = json.loads(out)
    assert [r["sides"] for r in reverse["added"]] == [[["device"], ["projectile"]]]
    assert [r["sides"] for r in reverse["removed"]] == [[["device", "projectile"], ["poison"]]]


def test_default_base_is_the_merge_base_with_main(repo: Path) -> None:
    git(repo, "commit", "-q", "-am", "after")
    code, out, _ = invoke("--format", "json")  # committed change vs main: same diff
    assert code == 0
    assert len(json.loads(out)["added"]) == 1
    assert json.loads(out)["base"] == git(repo, "rev-parse", "main").strip()[:12]


def test_no_change(repo: Path) -> None:
    code, out, _ = invoke("main", "main")
    assert code == 0
    assert "no change to the conflicts" in out


def test_invalid_corpus_at_a_revision_gives_its_diagnostics(repo: Path) -> None:
    claims = repo / "data" / "claims" / "story.yaml"
    claims.write_text(AFTER + "  - {id: broken, text: t, source: nobody}\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    code, out, err = invoke("main", "change")
    assert code == 1
    assert out == ""
    assert "change:claims/story.yaml:13:35: error: unknown source 'nobody'" in err
    assert "Traceback" not in err


def test_a_base_without_claims_has_no_conflicts(repo: Path) -> None:
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    empty_tree = git(repo, "hash-object", "-t", "tree", "/dev/null").strip()
    empty = git(repo, "commit-tree", empty_tree, "-m", "empty").strip()
    git(repo, "branch", "empty", empty)
    code, out, err = invoke("empty", first, "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)["added"]) == 2


def test_unknown_revision_and_no_repository(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = invoke("no-such-branch")
    assert code == 2
    assert "git: unknown revision 'no-such-branch'" in err
    outside = tmp_path / "outside"
    (outside / "claims").mkdir(parents=True)
    (outside / "claims" / "a.yaml").write_text("sources:\n  s: {name: S}\n", encoding="utf-8")
    monkeypatch.chdir(outside)
    code, _, err = invoke()
    assert code == 2
    assert "git: " in err


@pytest.mark.parametrize(
    "args",
    [["--claims", "claimz"], ["HEAD~1", "HEAD", "--claims", "claimz"], ["HEAD", "claimz"]],
)
def test_a_mistyped_claims_folder_fails_the_gate(repo: Path, args: list[str]) -> None:
    """A typo must not pass as "no change to the conflicts" with exit 0 (--fail-on-new)."""
    git(repo, "commit", "-q", "-am", "after")
    code, out, _ = invoke(*args, "--fail-on-new")
    assert code == 2, out
    assert "no change" not in out


def test_claims_folder_as_an_argument(repo: Path) -> None:
    code, out, err = invoke("--format", "json", "claims")
    assert code == 0, err
    assert json.loads(out)["head"] == "working tree"
    assert invoke("--format", "json")[1] == out


def test_run_from_inside_the_claims_folder_is_a_usage_error(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "data" / "claims")
    code, _, err = invoke("--fail-on-new")
    assert code == 2
    assert "no claims folder here" in err


NUMBERS = """\
sources:
  moh: {name: Health ministry}
  un: {name: United Nations}
  ngo: {name: An NGO}
topics:
  toll:
    question: How many died?
    kind: number
claims:
  - {id: a, text: t, source: moh, topic: toll, value: 500}
  - {id: b, text: t, source: un, topic: toll, value: 400}
  - {id: c, text: t, source: ngo, topic: toll, value: 300}
"""


def test_a_changed_value_is_one_changed_conflict(repo: Path) -> None:
    """500/400/300 becomes 450/400/300 with 450 and 400 agreeing: the 500-vs-300 conflict is
    now 450-vs-300 (changed), 500-vs-400 is gone, 400-vs-300 is untouched."""
    story = repo / "data" / "claims" / "story.yaml"
    story.write_text(NUMBERS, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "numbers")
    story.write_text(
        NUMBERS.replace("value: 500", "value: 450").replace(
            "kind: number", "kind: number\n    tolerance: 50"
        ),
        encoding="utf-8",
    )
    code, out, err = invoke("HEAD", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["added"] == []
    assert [r["sides"] for r in data["removed"]] == [[["b"], ["a"]]]
    [changed] = data["changed"]
    assert changed["fields"] == ["answers"]
    assert changed["before"]["sides"] == changed["after"]["sides"] == [["c"], ["a"]]
    code, out, _ = invoke("HEAD")
    assert "0 new conflicts (0 open), 1 gone, 1 changed" in out
    assert "300 vs 500 → 300 vs 450" in out


def test_claim_files_are_read_from_git_in_one_batch(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = repo / "data" / "claims"
    for number in range(20):
        (claims / f"extra-{number:02d}.yaml").write_text(
            f"claims:\n  - {{id: x{number}, text: t, source: nyt}}\n", encoding="utf-8"
        )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "many files")
    from tracker.reading import gitfiles

    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting(args: list[str], **kwargs: object) -> object:
        calls.append(list(args))
        return real_run(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(gitfiles.subprocess, "run", counting)  # type: ignore[attr-defined]
    code, _, err = invoke("HEAD~1", "HEAD", "--format", "json")
    assert code == 0, err
    cat_files = [c for c in calls if "cat-file" in c]
    # One batch per revision, however many files: never one process per file.
    assert len(cat_files) == 2
    assert all("--batch" in c for c in cat_files)


def test_symlinked_claim_files_read_alike_on_both_sides(repo: Path) -> None:
    """A claim file linked from elsewhere in the corpus folder is read from git as from the
    working tree: a clean tree shows no change (it used to show new conflicts)."""
    data = repo / "data"
    (data / "shared").mkdir()
    (data / "shared" / "extra.yaml").write_text(
        "claims:\n  - {id: poison2, text: t, source: afp, topic: method, position: poison}\n",
        encoding="utf-8",
    )
    (data / "claims" / "extra.yaml").symlink_to("../shared/extra.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "linked file")
    code, out, err = invoke("HEAD", "--format", "json", "--fail-on-new")
    assert code == 0, err
    data_out = json.loads(out)
    assert (data_out["added"], data_out["removed"], data_out["changed"]) == ([], [], [])
    # The linked claim is in the corpus on both sides: its conflicts are there in the report.
    report = CliRunner().invoke(cli, ["report", "claims", "--format", "json"]).stdout
    assert "poison2" in report


def test_a_link_out_of_the_corpus_is_refused_on_both_sides(repo: Path) -> None:
    (repo / "data" / "claims" / "out.yaml").symlink_to("/etc/hostname")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "bad link")
    code, _, err = invoke("HEAD", "--format", "json")
    assert code == 1
    assert err.count("the claim file is a link that leads outside the corpus folder") == 2


def test_submodules_in_the_claims_folder_are_refused(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    (other / "x.yaml").write_text("sources: {}\n", encoding="utf-8")
    git(other, "add", "-A")
    git(other, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x")
    git(
        repo,
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        str(other),
        "data/claims/sub",
    )
    git(repo, "commit", "-q", "-m", "submodule")
    code, _, err = invoke("HEAD", "--format", "json")
    assert code == 2
    assert "holds a git submodule (data/claims/sub)" in err


def test_documents_linked_inside_the_corpus_read_alike_on_both_sides(repo: Path) -> None:
    """A quoted document that is a link (through another link) to a file of the corpus is
    read from git as validate and report read it from disk; a link leading out is refused on
    both sides, as a link loop is."""
    data = repo / "data"
    (data / "seeds").mkdir()
    (data / "seeds" / "article.txt").write_text("Killed by an explosive device.\n", "utf-8")
    (data / "seeds" / "latest.txt").symlink_to("article.txt")
    (data / "seeds" / "quoted.txt").symlink_to("latest.txt")
    quoted = (
        "  - id: quoted\n    text: t\n    source: nyt\n    topic: method\n"
        "    position: explosive device\n    evidence:\n"
        "      - {document: seeds/quoted.txt, quote: explosive device}\n"
    )
    story = data / "claims" / "story.yaml"
    story.write_text(AFTER + quoted, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "linked document")
    assert CliRunner().invoke(cli, ["validate", "claims"]).exit_code == 0
    code, out, err = invoke("HEAD", "--format", "json", "--fail-on-new")
    assert code == 0, err
    assert json.loads(out)["added"] == []
    (data / "seeds" / "quoted.txt").unlink()
    (data / "seeds" / "quoted.txt").symlink_to("/etc/hostname")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "link out")
    assert CliRunner().invoke(cli, ["validate", "claims"]).exit_code == 1
    code, _, err = invoke("HEAD", "--format", "json")
    assert code == 1
    assert err.count("leads outside the corpus folder (through a symbolic link)") == 2

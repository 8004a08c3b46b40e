"""What a cloned repository or a hurried user can do to the newer surfaces (imports, the SQLite
export, a file that does not parse): a clear error or a correct result, never an internal
error, never a file harmed. Through the installed `tracker`, as a user runs it."""

from __future__ import annotations

import fcntl
import os
import subprocess
from pathlib import Path

from conftest import BASE, installed_tracker, run_tracker

CLAIMS = "claims:\n  - {id: c1, text: t, source: nyt}\n"


def corpus(tmp_path: Path) -> Path:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "base.yaml").write_text(BASE + CLAIMS, encoding="utf-8")
    return tmp_path


def test_export_sqlite_never_replaces_what_is_not_a_regular_file(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    os.mkfifo(folder / "pipe.db")
    (folder / "null.db").symlink_to("/dev/null")
    for name, why in (("pipe.db", "is not a regular file"), ("null.db", "is a link")):
        result = run_tracker("export", "sqlite", name, cwd=folder)
        assert result.returncode == 2, result.stderr
        assert why in result.stderr
    assert (folder / "pipe.db").is_fifo()
    assert (folder / "null.db").is_symlink()
    assert Path("/dev/null").is_char_device()


def test_a_later_export_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    left = [folder / ".out.db.ab12cd34.tmp", folder / ".out.db.ab12cd34.tmp-journal"]
    for path in left:
        path.write_bytes(b"partial")
    running = folder / ".out.db.zz99yy88.tmp"  # another export, still writing
    running.write_bytes(b"partial")
    orphan = folder / ".out.db.qq11ww22.tmp-journal"  # its database already gone
    orphan.write_bytes(b"partial")
    writer = os.open(running, os.O_RDONLY)
    try:
        fcntl.flock(writer, fcntl.LOCK_EX)
        result = run_tracker("export", "sqlite", "out.db", cwd=folder)
    finally:
        os.close(writer)
    assert result.returncode == 0, result.stderr
    assert not any(path.exists() for path in [*left, orphan])
    assert running.exists()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".out")) == [running.name]


def test_a_killed_export_leaves_its_temporary_for_the_next_to_remove(tmp_path: Path) -> None:
    """SIGKILL in the middle of writing the database, for real: the next export cleans up."""
    folder = corpus(tmp_path)
    claims = "".join(f"  - {{id: k{n}, text: t, source: nyt}}\n" for n in range(3000))
    (folder / "claims" / "many.yaml").write_text("claims:\n" + claims, encoding="utf-8")
    env = {**os.environ, "TRACKER_NO_CACHE": "1"}
    process = subprocess.Popen(
        [installed_tracker(), "export", "sqlite", "out.db"],
        cwd=folder,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(2000):  # wait for the temporary database to appear, then kill
        if any(p.name.endswith(".tmp") for p in folder.iterdir()):
            break
        if process.poll() is not None:
            break
        os.sched_yield()
        subprocess.run(["sleep", "0.005"], check=False)
    process.kill()
    process.wait()
    result = run_tracker("export", "sqlite", "out.db", "--force", cwd=folder, env=env)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in folder.iterdir() if p.name.startswith(".out.db")] == []


def test_imports_write_only_claim_files_the_corpus_reads(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / ".sheet.csv").write_text("id,text,source\nh1,t,nyt\n", encoding="utf-8")
    (folder / "sheet.csv").write_text("id,text,source\ns1,t,nyt\n", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (folder / "claims" / "out").symlink_to(outside)
    for args, message in (
        ([".sheet.csv"], "names starting with '.' are skipped"),
        (["sheet.csv", "-o", "claims/.hidden.yaml"], "names starting with '.' are skipped"),
        (["sheet.csv", "-o", "claims/sheet.txt"], "end in .yaml or .yml"),
        (["sheet.csv", "-o", "elsewhere.yaml"], "is not inside the claims folder"),
        (["sheet.csv", "-o", "claims/out/x.yaml"], "is not inside the claims folder"),
        (["sheet.csv", "-o", "/tmp/x.yaml"], "is not inside the claims folder"),
    ):
        result = run_tracker("import", "csv", *args, cwd=folder)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "internal error" not in result.stderr
    assert sorted(p.name for p in (folder / "claims").iterdir()) == ["base.yaml", "out"]
    assert list(outside.iterdir()) == []


def test_input_names_that_are_not_utf8_or_hold_a_newline(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    for name in (b"sheet\xff.csv", b"two\nlines.csv"):
        path = os.path.join(os.fsencode(folder), name)
        with open(path, "wb") as handle:
            handle.write(b"id,text,source\nq1,t,nyt\n")
        result = subprocess.run(
            [installed_tracker(), "import", "csv", name, "-o", "claims/q.yaml"],
            cwd=folder,
            capture_output=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert b"internal error" not in result.stderr
        assert run_tracker("validate", cwd=folder).returncode == 0
        (folder / "claims" / "q.yaml").unlink()


def test_two_imports_at_once_never_both_write(tmp_path: Path) -> None:
    """Two sheets holding the same id, imported at the same moment into two files: the
    folder lock makes the second see the first's file, so one is refused."""
    folder = corpus(tmp_path)
    for name in ("one", "two"):
        (folder / f"{name}.csv").write_text("id,text,source\nsame,t,nyt\n", encoding="utf-8")
    env = {**os.environ, "TRACKER_NO_CACHE": "1"}
    for _ in range(3):
        processes = [
            subprocess.Popen(
                [installed_tracker(), "import", "csv", f"{name}.csv"],
                cwd=folder,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for name in ("one", "two")
        ]
        codes = sorted(p.wait() for p in processes)
        errors = "".join(p.stdout.read() for p in processes if p.stdout)
        assert codes == [0, 1], errors
        assert "duplicate claim id 'same'" in errors
        assert run_tracker("validate", cwd=folder, env=env).returncode == 0
        for name in ("one", "two"):
            (folder / "claims" / f"{name}.yaml").unlink(missing_ok=True)


def test_a_file_that_does_not_parse_makes_no_ids_unknown_elsewhere(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "claims" / "broken.yaml").write_text(
        'sources:\n  reuters: {name: Reuters}\nclaims:\n  - id: r1\n    text: "unclosed\n',
        encoding="utf-8",
    )
    (folder / "claims" / "uses.yaml").write_text(
        "claims:\n"
        "  - {id: u1, text: t, source: reuters, via: [nyt]}\n"
        "  - {id: u2, text: t, source: nyt, supersedes: [r1]}\n"
        "  - {id: u3, text: t, source: nytt}\n",
        encoding="utf-8",
    )
    result = run_tracker("--no-cache", "validate", cwd=folder)
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 2, result.stdout
    assert errors[0].startswith("claims/broken.yaml:6:1: error: YAML syntax")
    assert (
        "until this file parses, 2 references in other files to ids it may declare" in (errors[0])
    )
    assert "unknown source 'nytt'; did you mean 'nyt'?" in errors[1]  # no word of broken.yaml
    assert "'reuters'" not in result.stdout
    assert "'r1'" not in result.stdout


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(child) for child in task.read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status is left to collect


def test_parse_workers_end_when_tracker_is_killed(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    for number in range(24):
        claims = "".join(
            f"  - {{id: f{number}-c{n}, text: t, source: nyt, tags: [a, b]}}\n" for n in range(1500)
        )
        (folder / "claims" / f"part{number}.yaml").write_text("claims:\n" + claims, "utf-8")
    process = subprocess.Popen(
        [installed_tracker(), "--no-cache", "--jobs", "2", "validate"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    for _ in range(1000):
        workers = _children(process.pid)
        if len(workers) >= 2 or process.poll() is not None:
            break
        subprocess.run(["sleep", "0.01"], check=False)
    assert len(workers) >= 2, "the workers never started"
    process.kill()
    process.wait()
    for _ in range(300):
        if not any(_alive(pid) for pid in workers):
            break
        subprocess.run(["sleep", "0.01"], check=False)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, 9)
    assert left == [], "parse workers outlived the killed tracker"


def test_a_loop_of_links_is_a_diagnostic_at_the_link(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "seeds").mkdir()
    (folder / "claims" / "quotes.yaml").write_text(
        "claims:\n  - id: q\n    text: t\n    source: nyt\n    evidence:\n"
        "      - {document: seeds/loop.txt, quote: x}\n",
        encoding="utf-8",
    )
    (folder / "claims" / "loop1.yaml").symlink_to("loop2.yaml")
    (folder / "claims" / "loop2.yaml").symlink_to("loop1.yaml")
    (folder / "seeds" / "loop.txt").symlink_to("again.txt")
    (folder / "seeds" / "again.txt").symlink_to("loop.txt")
    for command in (["validate"], ["report"], ["fmt", "claims"], ["fmt", "claims/loop1.yaml"]):
        result = run_tracker("--no-cache", *command, cwd=folder)
        assert result.returncode == 1, (command, result.stderr)
        assert "internal error" not in result.stderr
        # validate and fmt print problems on stdout; report keeps stdout for the report.
        assert "claims/loop1.yaml:1:1: error: cannot read the file: it is a loop of symbolic" in (
            result.stdout + result.stderr
        )
        if command[0] != "fmt":
            shown = result.stdout + result.stderr
            assert "claims/quotes.yaml:6:20: error: document 'seeds/loop.txt'" in shown
            assert "loop of symbolic links" in shown.split("quotes.yaml:6:20")[1]


HOSTILE_TEXT = "esc \x1b[31m del \x7f c1 \x80\x9f nonchar \ufffe nul \x00 end"


def _imported_values(folder: Path, name: str) -> list[object]:
    """The claim texts, source ids and tags of an imported file, read by PyYAML."""
    import yaml

    data = yaml.safe_load((folder / "claims" / name).read_text(encoding="utf-8"))
    return [
        value
        for claim in data["claims"]
        for value in (claim["text"], claim["source"], *claim.get("tags", []))
    ]


def test_imports_hold_any_text_yaml_cannot_hold_as_such(tmp_path: Path) -> None:
    """Controls, DEL, C1, U+FFFE and NUL in a feed or a sheet are written as escapes;
    authors and cells that YAML would read as another type unquoted stay text."""
    import csv
    import json

    folder = corpus(tmp_path)
    authors = ["Null", "2024-02-30", "True", "0x1F", "~", "? who"]
    reviews = [
        {
            "@type": "ClaimReview",
            "claimReviewed": f"{HOSTILE_TEXT} {n}",
            "itemReviewed": {"author": {"name": name}},
        }
        for n, name in enumerate(authors)
    ]
    (folder / "feed.json").write_text(json.dumps(reviews), encoding="utf-8")
    with (folder / "sheet.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "source", "tags"])
        writer.writerow(["s1", HOSTILE_TEXT, "nyt", "? unverified; : b; - c; null; [d"])
    for kind, given, name in (
        ("claimreview", "feed.json", "feed.yaml"),
        ("csv", "sheet.csv", "sheet.yaml"),
    ):
        result = run_tracker("import", kind, given, cwd=folder)
        assert result.returncode == 0, result.stderr
        values = _imported_values(folder, name)
        assert all(isinstance(value, str) for value in values), values
        assert HOSTILE_TEXT in values or f"{HOSTILE_TEXT} 0" in values
    assert "? unverified" in _imported_values(folder, "sheet.yaml")
    assert run_tracker("validate", cwd=folder).returncode == 0
    check = run_tracker("fmt", "--check", "claims/feed.yaml", "claims/sheet.yaml", cwd=folder)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_lone_surrogate_in_a_feed_skips_its_review_at_its_place(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    feed = (
        '[{"@type": "ClaimReview", "claimReviewed": "half \\ud800 a character",\n'
        '  "itemReviewed": {"author": {"name": "Fars"}}},\n'
        ' {"@type": "ClaimReview", "claimReviewed": "whole",\n'
        '  "itemReviewed": {"author": {"name": "Fars"}}}]\n'
    )
    (folder / "feed.json").write_text(feed, encoding="utf-8")
    result = run_tracker("import", "claimreview", "feed.json", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "feed.json:1:2: warning: review skipped: its claimReviewed holds \\ud800" in (
        result.stdout
    )
    assert "1 claims, 1 new sources" in result.stdout
    strict = run_tracker(
        "import", "claimreview", "feed.json", "-o", "claims/b.yaml", "--strict", cwd=folder
    )
    assert strict.returncode == 1


def test_a_cell_past_the_csv_limit_is_an_error_at_its_row(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    body = 'id,text,source\nc1,fine,nyt\nc2,"never closed,nyt\n' + ("x" * 200 + "\n") * 1000
    (folder / "sheet.csv").write_text(body, encoding="utf-8")
    result = run_tracker("import", "csv", "sheet.csv", cwd=folder)
    assert result.returncode == 1
    assert "sheet.csv:3:1: error: cannot read the row starting at line 3: a cell runs past" in (
        result.stdout
    )
    assert "internal error" not in result.stderr
    assert not (folder / "claims" / "sheet.yaml").exists()

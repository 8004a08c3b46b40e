"""`tracker export sqlite`: the bundled corpus in SQLite, browsed by the real Datasette server
on 127.0.0.1 through its JSON API: a facet, a full-text search and a join."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import REPO, CorpusMaker, client_program, installed_tracker

from tracker.cli import cli


def export(path: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["export", "sqlite", str(path), str(REPO / "claims"), *args])
    assert result.exit_code == 0, result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get(port: int, path: str) -> Any:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return json.loads(response.read())


def test_tables_keys_and_search(tmp_path: Path) -> None:
    database = tmp_path / "corpus.db"
    export(database)
    connection = sqlite3.connect(database)
    counts = {
        table: connection.execute(f"select count(*) from {table}").fetchone()[0]
        for table in ("sources", "topics", "claims", "relays", "evidence", "conflicts")
    }
    assert counts == {
        "sources": 14,
        "topics": 10,
        "claims": 18,
        "relays": 17,
        "evidence": 19,
        "conflicts": 3,
    }
    keys = connection.execute("select * from pragma_foreign_key_list('conflict_sides')").fetchall()
    assert {(row[2], row[3]) for row in keys} == {("conflicts", "conflict"), ("claims", "claim")}
    found = connection.execute(
        "select rowid from claims_fts where claims_fts match 'projectile'"
    ).fetchall()
    assert len(found) == 1
    assert connection.execute("pragma foreign_key_check").fetchall() == []
    # Replaces a regular file, as every Unix tool does (--force is still accepted).
    database.write_text("an old export", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "sqlite", str(database), str(REPO / "claims")])
    assert result.exit_code == 0, result.output
    assert sqlite3.connect(database).execute("select count(*) from claims").fetchone()[0] > 0
    export(database, "--force")


def test_datasette_browses_the_export(tmp_path: Path) -> None:
    database = tmp_path / "corpus.db"
    export(database)
    datasette = client_program("datasette")
    port = free_port()
    server = subprocess.Popen(
        [datasette, "serve", str(database), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                get(port, "/-/versions.json")
                break
            except OSError:
                time.sleep(0.1)
        facets = get(port, "/corpus/claims.json?_facet=source&_shape=objects")
        counts = (
            {
                f["value"]: f["count"]
                for f in facets["facet_results"]["results"]["source"]["results"]
            }
            if "results" in facets["facet_results"]
            else {f["value"]: f["count"] for f in facets["facet_results"]["source"]["results"]}
        )
        assert counts["fars"] == 2
        found = get(port, "/corpus/claims.json?_search=projectile&_shape=objects")
        assert [row["id"] for row in found["rows"]] == ["fars-projectile"]
        sql = (
            "select c.id, c.basis, s.side, cl.source from conflicts c "
            "join conflict_sides s on s.conflict = c.id join claims cl on cl.id = s.claim "
            "where c.basis = 'position' order by s.side"
        )
        joined = get(
            port, "/corpus.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"})
        )
        assert [(row["side"], row["source"]) for row in joined] == [
            (1, "mideast-officials"),
            (2, "fars"),
        ]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_corpus_with_errors_writes_nothing(make_corpus: CorpusMaker) -> None:
    make_corpus({"a.yaml": "claims:\n  - {id: a, text: t}\n"})
    result = CliRunner().invoke(cli, ["export", "sqlite", "out.db"])
    assert result.exit_code == 1
    assert not Path("out.db").exists()


def test_init_makes_a_corpus_that_validates_and_never_overwrites(tmp_path: Path) -> None:
    tracker = installed_tracker()
    made = subprocess.run([tracker, "init", "news"], cwd=tmp_path, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    # The next steps it prints run as printed, from where init ran.
    step = made.stdout.splitlines()[-1]
    assert step == "next: cd news && tracker validate && tracker report"
    env = {**os.environ, "PATH": f"{Path(tracker).parent}{os.pathsep}{os.environ['PATH']}"}
    ran = subprocess.run(
        ["sh", "-c", step.removeprefix("next: ")], cwd=tmp_path, env=env, capture_output=True
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    check = subprocess.run(
        [tracker, "validate", "--strict"], cwd=tmp_path / "news", capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    report = subprocess.run(
        [tracker, "report", "--format", "json"],
        cwd=tmp_path / "news",
        capture_output=True,
        text=True,
    )
    assert [c["basis"] for c in json.loads(report.stdout)["contradictions"]] == ["numeric"]
    story = tmp_path / "news" / "claims" / "story.yaml"
    story.write_text("# mine\n", encoding="utf-8")
    again = subprocess.run([tracker, "init", "news"], cwd=tmp_path, capture_output=True, text=True)
    assert again.returncode == 2
    assert "never overwrites" in again.stderr
    assert story.read_text(encoding="utf-8") == "# mine\n"

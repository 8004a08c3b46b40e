"""`tracker import claimreview FEED`: published fact checks into a claim file that `tracker
validate` accepts and `tracker fmt` leaves unchanged; a bad review reported at its line and
column and skipped; nothing imported twice; no traceback on a hostile feed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import CorpusMaker, run_tracker
from test_claimreview import PUBLISHER, VERDICTS

from tracker.cli import cli


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def review(text: str | None, author: object, **item: object) -> dict[str, object]:
    found: dict[str, object] = {"@type": "ClaimReview", "itemReviewed": {"@type": "Claim", **item}}
    if text is not None:
        found["claimReviewed"] = text
    if author is not None:
        found["itemReviewed"]["author"] = author  # type: ignore[index]
    return found


FARS = {"@type": "Organization", "name": "Fars News Agency"}


def test_an_exported_feed_imports_into_an_empty_folder_through_the_installed_tracker(
    make_corpus: CorpusMaker, tmp_path: Path
) -> None:
    """Our own export is a real producer's feed: its claims come back with their authors,
    dates and web appearances, in a file that validates and that fmt leaves alone."""
    make_corpus({"verdicts.yaml": VERDICTS})
    exported = invoke("export", "claimreview", *PUBLISHER)
    assert exported.exit_code == 0, exported.stdout
    feed = tmp_path / "feed.jsonld"
    feed.write_text(exported.stdout, encoding="utf-8")
    fresh = tmp_path / "fresh" / "claims"
    fresh.mkdir(parents=True)
    done = run_tracker("import", "claimreview", str(feed), str(fresh), cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "wrote" in done.stdout
    assert "2 claims, 2 new sources" in done.stdout
    # The local document of the export (seeds/doc.txt) has no web address: said, not dropped.
    assert "appearance" in done.stdout
    assert "seeds/doc.txt" in done.stdout
    written = (fresh / "feed.yaml").read_text(encoding="utf-8")
    assert "name: Middle Eastern officials" in written
    assert "name: Fars News Agency" in written
    assert "text: Haniyeh was killed by an explosive device planted weeks ago." in written
    assert "date: 2024-08-01" in written
    assert "https://www.nytimes.com/2024/07/31/world/middleeast/haniyeh.html" in written
    assert "# Example Checks rated it 'Upheld': https://example.org/checks/" in written
    assert "rated it 'Contradicted'" in written
    checked = run_tracker("validate", str(fresh), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stdout
    formatted = run_tracker("fmt", "--check", str(fresh), cwd=tmp_path)
    assert formatted.returncode == 0, formatted.stdout + formatted.stdout


def test_claims_already_in_the_corpus_are_not_imported_twice(
    make_corpus: CorpusMaker, tmp_path: Path
) -> None:
    claims = make_corpus({"verdicts.yaml": VERDICTS})
    feed = tmp_path / "feed.json"
    feed.write_text(invoke("export", "claimreview", *PUBLISHER).stdout, encoding="utf-8")
    result = invoke("import", "claimreview", str(feed))
    assert result.exit_code == 0, result.stdout
    assert "in the corpus already as 'nyt-device'" in result.stdout
    assert "in the corpus already as 'fars-projectile'" in result.stdout
    assert not (claims / "feed.yaml").exists()


def test_sources_of_the_corpus_are_reused_by_name_and_new_ones_declared(
    make_corpus: CorpusMaker, tmp_path: Path
) -> None:
    claims = make_corpus({})
    feed = tmp_path / "feed.json"
    feed.write_text(
        json.dumps(
            [
                review("Fars said it first.", FARS, datePublished="2024-08-02T09:00:00Z"),
                review("A person said so.", {"@type": "Person", "name": "Jane Ö. Doe"}),
                review("An outlet with a near name.", {"@type": "Organization", "name": "Fars"}),
            ]
        ),
        encoding="utf-8",
    )
    result = invoke("import", "claimreview", str(feed), "-o", str(claims / "checks.yaml"))
    assert result.exit_code == 0, result.stdout
    written = (claims / "checks.yaml").read_text(encoding="utf-8")
    assert "    source: fars\n" in written  # the corpus's own fars, by its name
    assert "  jane-o-doe:\n    name: Jane Ö. Doe\n    kind: person\n" in written
    assert "  fars-2:\n    name: Fars\n    kind: organization\n" in written  # id taken: suffixed
    assert "date: 2024-08-02\n" in written
    assert invoke("validate").exit_code == 0
    again = invoke("import", "claimreview", str(feed), "-o", str(claims / "more.yaml"))
    assert again.exit_code == 0
    assert not (claims / "more.yaml").exists()
    assert again.stdout.count("is in the corpus already as") == 3


def test_a_bad_review_is_reported_at_its_line_and_column_and_a_bad_date_loses_only_the_date(
    make_corpus: CorpusMaker, tmp_path: Path
) -> None:
    claims = make_corpus({})
    feed = tmp_path / "feed.json"
    good = json.dumps(review("Fars said it first.", FARS))
    no_author = json.dumps(review("Nobody said this.", None))
    bad_date = json.dumps(review("Dated badly.", FARS, datePublished="2024-02-30"))
    feed.write_text(
        f'{{"@graph": [\n  {good},\n    {no_author},\n{bad_date}]}}\n', encoding="utf-8"
    )
    result = invoke("import", "claimreview", str(feed))
    assert result.exit_code == 0, result.stdout
    assert f"{feed}:3:5: warning: review skipped: it has no itemReviewed.author" in result.stdout
    assert (
        f"{feed}:4:1: warning: its date was left out: '2024-02-30' is not a date (day is out "
        "of range for month); the claim is imported without a date" in result.stdout
    )
    written = (claims / "feed.yaml").read_text(encoding="utf-8")
    assert "Fars said it first." in written
    assert "Nobody" not in written
    assert "text: Dated badly.\n    source: fars\n" in written  # kept, without a date
    (claims / "feed.yaml").unlink()
    strict = invoke("import", "claimreview", str(feed), "--strict")
    assert strict.exit_code == 1
    assert "nothing written" in strict.stdout
    assert not (claims / "feed.yaml").exists()


def test_a_fact_check_tools_search_result_imports(make_corpus: CorpusMaker, tmp_path: Path) -> None:
    claims = make_corpus({})
    feed = tmp_path / "search.json"
    feed.write_text(
        json.dumps(
            {
                "claims": [
                    {
                        "text": "Fars said it first.",
                        "claimant": "Fars News Agency",
                        "claimDate": "2024-08-02T00:00:00Z",
                        "claimReview": [
                            {
                                "publisher": {"name": "Example Checks", "site": "example.org"},
                                "url": "https://example.org/checks/1",
                                "textualRating": "False",
                            }
                        ],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    result = invoke("import", "claimreview", str(feed))
    assert result.exit_code == 0, result.stdout
    written = (claims / "search.yaml").read_text(encoding="utf-8")
    assert "# Example Checks rated it 'False': https://example.org/checks/1" in written
    assert "source: fars" in written
    assert "date: 2024-08-02" in written


def test_a_problem_the_validator_finds_points_into_the_feed(
    make_corpus: CorpusMaker, tmp_path: Path
) -> None:
    """A claim without evidence gets the validator's warning, located at its review."""
    make_corpus({})
    feed = tmp_path / "feed.json"
    feed.write_text(
        '[\n\n   {"@type": "ClaimReview", "claimReviewed": "No evidence.",\n'
        '    "itemReviewed": {"author": "Fars News Agency"}}]',
        encoding="utf-8",
    )
    result = invoke("import", "claimreview", str(feed))
    assert result.exit_code == 0
    assert f"{feed}:3:4: warning: claim 'fars-" in result.stdout
    assert "[no-evidence]" in result.stdout


def test_hostile_or_broken_feeds_are_errors_with_a_position(
    make_corpus: CorpusMaker, tmp_path: Path
) -> None:
    claims = make_corpus({})
    cases = {
        "broken.json": (b'{"@graph": [\n  {"claimReviewed": }]}', ":2:21: error: not JSON"),
        "deep.json": (b'{"a":' * 5000 + b"1" + b"}" * 5000, "nested more than 200 levels"),
        "number.json": (b"[" + b"9" * 50000 + b"]", "no feed holds such a number"),
        "latin1.json": ('[{"claimReviewed": "café"}]'.encode("latin-1"), "not valid UTF-8"),
        "nothing.json": (b'{"@type": "WebPage"}', "no ClaimReview found"),
    }
    for name, (data, expected) in cases.items():
        feed = tmp_path / name
        feed.write_bytes(data)
        result = invoke("import", "claimreview", str(feed))
        assert result.exit_code == 1, (name, result.stdout)
        assert expected in result.stdout, (name, result.stdout)
        assert "Traceback" not in result.stdout + result.stderr
        assert list(claims.iterdir()) == [claims / "base.yaml"]


def test_an_existing_hand_written_file_is_merged_into(
    make_corpus: CorpusMaker, tmp_path: Path
) -> None:
    """A feed named like a hand-written file goes into it: every line of the file stays,
    the feed's author is the source declared there, and its claim is added after them."""
    claims = make_corpus({})
    feed = tmp_path / "base.json"
    feed.write_text(json.dumps(review("Fars said it first.", FARS)), encoding="utf-8")
    before = (claims / "base.yaml").read_text(encoding="utf-8")
    result = invoke("import", "claimreview", str(feed))
    assert result.exit_code == 0, result.stdout
    assert "1 claims, 0 new sources (0 kept, 1 added, 0 updated, 0 removed)" in result.stdout
    after = (claims / "base.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)
    assert "source: fars" in after[len(before) :]
    assert invoke("validate").exit_code == 0


def test_an_empty_feed_is_no_error(make_corpus: CorpusMaker, tmp_path: Path) -> None:
    """The bundled corpus has no verdicts, so its export is an empty @graph: a feed with
    nothing in it, said as such, not a file of the wrong kind."""
    claims = make_corpus({})
    feed = tmp_path / "empty.jsonld"
    feed.write_text('{"@context": "https://schema.org", "@graph": []}', encoding="utf-8")
    result = invoke("import", "claimreview", str(feed))
    assert result.exit_code == 0, result.stdout
    assert f"{feed}:1:1: warning: the feed holds no ClaimReview" in result.stdout
    assert "nothing written" in result.stdout
    assert list(claims.iterdir()) == [claims / "base.yaml"]
    assert invoke("import", "claimreview", str(feed), "--strict").exit_code == 1

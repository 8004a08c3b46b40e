"""Reading files: encodings, YAML syntax, and the shape of a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import CorpusMaker, check, errors_of


def write_bytes(name: str, data: bytes) -> None:
    Path("claims", name).write_bytes(data)


def test_syntax_error_names_line_column_and_advice(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": "claims:\n  - id: x\n    text: a: b\n"})
    assert errors_of(claims) == [
        "claims/a.yaml:3:12: error: YAML syntax: mapping values are not allowed in this "
        "context (an unexpected ':'; if the value contains ': ', put the whole value in "
        "quotes, otherwise check the indentation of this line)"
    ]


def test_tab_indentation_is_explained(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({})
    write_bytes("a.yaml", b"claims:\n\t- id: x\n")
    [problem] = errors_of(claims)
    assert problem == (
        "claims/a.yaml:2:1: error: YAML syntax: found character that cannot start any token "
        "(a tab character: YAML indents with spaces only, replace the tab with spaces)"
    )


def test_invalid_utf8_points_at_the_byte(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({})
    write_bytes("a.yaml", b"claims:\n  - id: caf\xe9\n")
    assert errors_of(claims) == [
        "claims/a.yaml:2:12: error: byte 0xe9 is not valid UTF-8; save the file as UTF-8"
    ]


def test_utf16_is_refused_and_utf8_bom_accepted(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({})
    write_bytes("a.yaml", "claims: []\n".encode("utf-16"))
    write_bytes("b.yaml", b"\xef\xbb\xbfclaims: []\n")
    assert errors_of(claims) == ["claims/a.yaml:1:1: error: the file is UTF-16; save it as UTF-8"]


def test_empty_and_comment_only_files_are_fine(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": "", "b.yaml": "# nothing yet\n", "c.yml": "claims:\n"})
    assert errors_of(claims) == []


def test_a_list_or_scalar_file_is_refused(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": "- id: x\n", "b.yaml": "just text\n"})
    assert errors_of(claims) == [
        "claims/a.yaml:1:1: error: a claim file must be a mapping with the keys sources, "
        "topics, claims, contradictions, not a list",
        "claims/b.yaml:1:1: error: a claim file must be a mapping with the keys sources, "
        "topics, claims, contradictions, not the text 'just text'",
    ]


def test_two_documents_in_one_file(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": "claims: []\n---\nclaims: []\n"})
    [problem] = errors_of(claims)
    assert problem == (
        "claims/a.yaml:2:1: error: YAML syntax: but found another document (a claim file "
        "holds one YAML document; remove the '---' line or split the file)"
    )


def test_every_file_is_read_and_problems_sorted(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"z.yaml": "bogus: 1\n", "sub/a.yml": "claims: {}\nsoruces: {}\n"})
    assert errors_of(claims) == [
        "claims/sub/a.yml:1:9: error: 'claims' must be a list, not a mapping (key: value lines); "
        "start each claim with '- ' (e.g. `- id: a`)",
        "claims/sub/a.yml:2:1: error: unknown top-level key 'soruces'; did you mean 'sources'?",
        "claims/z.yaml:1:1: error: unknown top-level key 'bogus'; a file holds only sources, "
        "topics, claims, contradictions",
    ]


def test_hidden_folders_and_other_files_are_ignored(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({".cache/x.yaml": "bogus: 1\n", "notes.txt": "bogus"})
    assert errors_of(claims) == []


def test_no_claim_files(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({}, base=False)
    [problem] = errors_of(claims)
    assert problem.startswith("claims:1:1: error: no claim files (*.yaml, *.yml) under claims")


def test_unknown_tags_are_refused_and_never_run(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - id: x
            text: !!python/object/apply:os.system ["touch pwned"]
            source: nyt
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:3:11: error: unknown tag 'python/object/apply:os.system'; claim files "
        "hold plain text, numbers, dates, lists and mappings only: remove the tag"
    ]
    assert not Path("pwned").exists()


def test_aliases_and_merge_keys_are_refused(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - &first
            id: x
            text: t
            source: nyt
          - <<: *first
            id: y
          - *first
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:6:9: error: the alias *first repeats a list or mapping written "
        "elsewhere (1 more in this file); aliases of lists and mappings are not supported in "
        "claim files, write the entry out",
    ]


def test_merge_keys_are_refused(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - id: x
            text: t
            source: nyt
            <<: {via: [afp]}
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:5:5: error: merge keys ('<<') are not supported in claim files; write "
        "the keys out"
    ]


def test_aliases_of_plain_values_are_allowed(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - id: x
            text: &t Haniyeh was killed.
            source: nyt
          - id: y
            text: *t
            source: fars
        """
        }
    )
    assert errors_of(claims) == []


def test_a_folder_that_cannot_be_listed_is_an_error(
    make_corpus: CorpusMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Tests run as root in CI, where chmod 000 does not stop a listing: the refusal is
    simulated where os.walk reports it.)"""
    from tracker.reading import files as files_module

    claims = make_corpus({"sub/a.yaml": "sources:\n  s: {name: S}\n"})
    real_walk = os.walk

    def walk(top: Any, onerror: Any = None, **kwargs: Any) -> Any:
        for dirpath, dirnames, filenames in real_walk(top, onerror=onerror, **kwargs):
            if Path(dirpath).name == "sub":
                onerror(PermissionError(13, "Permission denied", str(dirpath)))
                dirnames[:] = []
                continue
            yield dirpath, dirnames, filenames

    monkeypatch.setattr(files_module.os, "walk", walk)  # type: ignore[attr-defined]
    found = [(str(d.location), d.code, d.message) for d in check(claims).diagnostics]
    assert (
        "claims/sub:1:1",
        "read",
        "cannot list the folder: Permission denied; its claim files would be left out, so make "
        "it readable (or move it out of the claims folder)",
    ) in found

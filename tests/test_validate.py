"""Every validation rule of FORMAT.md, each with the exact place it reports."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import CorpusMaker, check, errors_of, warnings_of

from tracker.cli import cli

GOOD_EVIDENCE = """\
    evidence:
      - document: seeds/doc.txt
        quote: killed by an explosive device
"""


def claim(body: str) -> str:
    """A claims file holding one claim; ``body`` is its keys, indented by four spaces."""
    return "claims:\n  - id: c1\n" + body


def test_valid_corpus_has_no_problems(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claim(
                "    text: t\n    source: officials\n    via: [nyt, afp]\n    topic: method\n"
                "    position: explosive device\n    date: 2024-07-31\n" + GOOD_EVIDENCE
            )
        }
    )
    assert errors_of(claims) == []


def test_unknown_key_suggests_the_right_one(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": claim("    text: t\n    soruce: nyt\n    source: nyt\n")})
    assert errors_of(claims) == [
        "claims/a.yaml:4:5: error: unknown key 'soruce' in claim 'c1'; did you mean 'source'?"
    ]


def test_unknown_key_in_source_topic_evidence_and_contradiction(
    make_corpus: CorpusMaker,
) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        sources:
          s1: {name: S, kindd: outlet}
        topics:
          t1: {question: Q?, postions: [a]}
        claims:
          - id: c1
            text: t
            source: nyt
            evidence:
              - {document: seeds/doc.txt, qoute: x}
        contradictions:
          - claims: [c1, c1b]
            notes: x
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:2:17: error: unknown key 'kindd' in source 's1'; did you mean 'kind'?",
        "claims/a.yaml:4:22: error: unknown key 'postions' in topic 't1'; did you mean "
        "'positions'?",
        "claims/a.yaml:10:35: error: unknown key 'qoute' in item 1 of 'evidence' in claim "
        "'c1'; did you mean 'quote'?",
        "claims/a.yaml:12:18: error: unknown claim 'c1b'; did you mean 'c1'?",
        "claims/a.yaml:13:5: error: unknown key 'notes' in contradiction 1; did you mean 'note'?",
    ]


def test_duplicate_mapping_key(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": claim("    text: t\n    source: nyt\n    text: u\n")})
    assert errors_of(claims) == [
        "claims/a.yaml:5:5: error: duplicate key 'text' in claim 'c1'; it is already set at "
        "line 3, column 5: keep one of them"
    ]


def test_duplicate_source_id_in_one_file_is_a_duplicate_key(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": "sources:\n  s: {name: A}\n  s: {name: B}\n"})
    assert errors_of(claims) == [
        "claims/a.yaml:3:3: error: duplicate key 's' in 'sources'; it is already set at line "
        "2, column 3: keep one of them"
    ]


def test_duplicate_ids_across_files_name_both_places(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claim("    text: t\n    source: nyt\n"),
            "b.yaml": "sources:\n  nyt: {name: Again}\n" + claim("    text: u\n    source: nyt\n"),
        }
    )
    assert errors_of(claims) == [
        "claims/b.yaml:4:9: error: duplicate claim id 'c1': also defined at claims/a.yaml:2:9; "
        "ids are global to the corpus, so rename one of them",
        # b.yaml sorts before base.yaml, so its 'nyt' is the first one.
        "claims/base.yaml:2:3: error: duplicate source id 'nyt': also defined at "
        "claims/b.yaml:2:3; ids are global to the corpus, so rename one of them",
    ]


def test_contradiction_ids_are_unique_too(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - {id: a, text: t, source: nyt}
          - {id: b, text: t, source: fars}
          - {id: c, text: t, source: afp}
        contradictions:
          - {id: x1, claims: [a, b]}
          - {id: x1, claims: [a, c]}
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:7:10: error: duplicate contradiction id 'x1': also defined at "
        "claims/a.yaml:6:10; ids are global to the corpus, so rename one of them"
    ]


def test_ids_must_match_the_pattern(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        sources:
          New York Times: {name: NYT}
        claims:
          - {id: -bad, text: t, source: nyt}
          - {id: Good_ID, text: t, source: nyt}
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:2:3: error: source id 'New York Times' is not a valid id: ids use "
        "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit "
        "(e.g. 'new-york-times')",
        "claims/a.yaml:4:10: error: '-bad' ('id' in claim '-bad') is not a valid id: ids use "
        "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit "
        "(e.g. 'bad')",
        "claims/a.yaml:5:10: error: 'Good_ID' ('id' in claim 'Good_ID') is not a valid id: ids "
        "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit "
        "(e.g. 'good_id')",
    ]


def test_wrong_types(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        sources:
          s1: Just a name
        claims:
          - id: c1
            text: [not, text]
            source: nyt
            via: {nyt: 1}
            evidence: seeds/doc.txt
          - just a string
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:2:7: error: source 's1' must be a mapping (key: value lines), not the "
        "text 'Just a name'",
        "claims/a.yaml:5:11: error: 'text' in claim 'c1' must be text, not a list",
        "claims/a.yaml:7:10: error: 'via' in claim 'c1' must be a list, not a mapping (key: "
        "value lines)",
        "claims/a.yaml:8:15: error: 'evidence' in claim 'c1' must be a list, not the text "
        "'seeds/doc.txt'",
        "claims/a.yaml:9:5: error: claim 2 must be a mapping (key: value lines), not the text "
        "'just a string'",
    ]


def test_missing_required_keys(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        sources:
          s1: {kind: outlet}
        topics:
          t1: {kind: choice}
        claims:
          - id: c1
          - text: no id
            source: nyt
            evidence:
              - quote: no document
        contradictions:
          - note: no claims
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:2:7: error: source 's1' has no 'name'; add `name: The New York Times`",
        "claims/a.yaml:4:7: error: topic 't1' has no 'question'; add `question: How was Ismail "
        "Haniyeh killed?`",
        "claims/a.yaml:6:5: error: claim 'c1' has no 'source'; add `source: <id of the source "
        "that originated it>`",
        "claims/a.yaml:6:5: error: claim 'c1' has no 'text'; add `text: what the source says, "
        "in one sentence`",
        "claims/a.yaml:7:5: error: claim 2 has no 'id'; add `id: short-claim-id`",
        "claims/a.yaml:10:9: error: item 1 of 'evidence' in claim 2 has no 'document'; add "
        "`document: seeds/article.txt`",
        "claims/a.yaml:12:5: error: contradiction 1 has no 'claims'; add "
        "`claims: [claim-a, claim-b]`",
    ]


def test_empty_values(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": claim("    text:\n    source: ''\n")})
    assert errors_of(claims) == [
        "claims/a.yaml:3:10: error: 'text' in claim 'c1' is empty; write a value or remove the key",
        "claims/a.yaml:4:13: error: 'source' in claim 'c1' is empty; write a value or remove "
        "the key",
    ]


def test_references_to_unknown_sources_and_topics(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claim(
                "    text: t\n    source: nytt\n    via: [afp, reuters]\n    topic: methd\n"
                "    position: projectile\n"
            )
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:4:13: error: unknown source 'nytt'; did you mean 'nyt'?",
        "claims/a.yaml:5:16: error: unknown source 'reuters'; declare it under 'sources'",
        "claims/a.yaml:6:12: error: unknown topic 'methd'; did you mean 'method'?",
    ]


def test_via_naming_the_originator_or_repeating(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {"a.yaml": claim("    text: t\n    source: nyt\n    via: [afp, nyt, afp]\n")}
    )
    assert errors_of(claims) == [
        "claims/a.yaml:5:16: error: 'via' of claim 'c1' names its originator 'nyt'; a source "
        "does not relay its own claim: remove it from 'via'",
        "claims/a.yaml:5:21: error: 'via' of claim 'c1' names 'afp' twice; list each relay once",
    ]


def test_via_may_be_a_single_id(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": claim("    text: t\n    source: officials\n    via: nyt\n")})
    assert errors_of(claims) == []


def test_positions_must_be_declared_ones(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claim(
                "    text: t\n    source: nyt\n    topic: method\n    position: projectle\n"
            )
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:6:15: error: position 'projectle' is not one of the positions of topic "
        "'method'; did you mean 'projectile'? declared: explosive device, projectile, aerial "
        "strike"
    ]


def test_position_matching_ignores_case_and_spacing(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": claim(
                "    text: t\n    source: nyt\n    topic: method\n"
                "    position: Explosive   Device\n"
            )
        }
    )
    assert errors_of(claims) == []


def test_choice_claim_needs_position_and_number_claim_needs_value(
    make_corpus: CorpusMaker,
) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - {id: c1, text: t, source: nyt, topic: method}
          - {id: c2, text: t, source: nyt, topic: toll}
          - {id: c3, text: t, source: nyt, topic: toll, position: many, value: 3}
          - {id: c4, text: t, source: nyt, topic: method, position: projectile, value: 3}
          - {id: c5, text: t, source: nyt, position: projectile}
          - {id: c6, text: t, source: nyt, topic: toll, value: 3, stance: denies}
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:2:5: error: claim 'c1' is on choice topic 'method' but has no "
        "'position'; add `position: <the answer it gives>`",
        "claims/a.yaml:3:5: error: claim 'c2' is on number topic 'toll' but has no 'value'; "
        "add `value: <number>` or `value: [low, high]`",
        "claims/a.yaml:4:59: error: topic 'toll' is a number topic, so claim 'c3' gives a "
        "'value', not a 'position'",
        "claims/a.yaml:5:80: error: topic 'method' is a choice topic, so claim 'c4' gives a "
        "'position', not a 'value' (or add `kind: number` to the topic)",
        "claims/a.yaml:6:46: error: claim 'c5' has 'position' but no 'topic'; add the topic "
        "it answers, or remove the key",
        "claims/a.yaml:7:67: error: claim 'c6': 'stance: denies' applies to choice topics; on "
        "number topic 'toll' give the value the source asserts",
    ]


def test_values_and_ranges(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - {id: c1, text: t, source: nyt, topic: toll, value: "1,197"}
          - {id: c2, text: t, source: nyt, topic: toll, value: [10, 5]}
          - {id: c3, text: t, source: nyt, topic: toll, value: [1, 2, 3]}
          - {id: c4, text: t, source: nyt, topic: toll, value: .nan}
          - {id: c5, text: t, source: nyt, topic: toll, value: 1e999}
          - {id: c6, text: t, source: nyt, topic: toll, value: [1.5, 2]}
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:2:56: error: 'value' in claim 'c1' must be a number, not the text "
        "'1,197' (write it without thousands separators: 1197)",
        "claims/a.yaml:3:56: error: 'value' in claim 'c2': the range [10, 5] runs backwards; "
        "write [5, 10]",
        "claims/a.yaml:4:56: error: 'value' in claim 'c3' as a range must be [low, high], with "
        "two numbers, not 3",
        "claims/a.yaml:5:56: error: 'value' in claim 'c4' must be a finite number, not .nan",
        "claims/a.yaml:6:56: error: 'value' in claim 'c5' must be a finite number, not 1e999",
    ]


def test_impossible_and_malformed_dates(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - {id: c1, text: t, source: nyt, date: 2024-02-30}
          - {id: c2, text: t, source: nyt, date: "31/07/2024"}
          - {id: c3, text: t, source: nyt, date: 2024-07-31T10:00:00Z}
          - {id: c4, text: t, source: nyt, date: "2024-07-31"}
          - {id: c5, text: t, source: nyt, date: 2024-13-01}
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:2:42: error: 'date' in claim 'c1': 2024-02-30 is not a real date (day "
        "is out of range for month); check the day and month",
        "claims/a.yaml:3:42: error: 'date' in claim 'c2': '31/07/2024' is not an ISO date; "
        "write 2024-07-31",
        "claims/a.yaml:6:42: error: 'date' in claim 'c5': 2024-13-01 is not a real date (month "
        "must be in 1..12); check the day and month",
    ]


def test_reliability_and_kinds(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        sources:
          s1: {name: A, reliability: G}
          s2: {name: B, reliability: b}
          s3: {name: C, kind: newspaper}
          s4: {name: D, kind: outlte}
        topics:
          t1: {question: Q?, kind: numbers}
        claims:
          - {id: c1, text: t, source: nyt, stance: deny}
        contradictions:
          - {claims: [c1, c1], status: closed}
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:2:30: error: 'reliability' in source 's1' is 'G'; use a grade of the "
        "Admiralty scale, A (reliable) to F (cannot be judged)",
        "claims/a.yaml:3:30: error: 'reliability' in source 's2' is 'b'; use a grade of the "
        "Admiralty scale, A (reliable) to F (cannot be judged) (write it in capitals: 'B')",
        "claims/a.yaml:4:23: error: 'kind' in source 's3' is 'newspaper'; use one of: outlet, "
        "agency, government, military, official, organization, person, anonymous, other",
        "claims/a.yaml:5:23: error: 'kind' in source 's4' is 'outlte'; did you mean 'outlet'? "
        "use one of: outlet, agency, government, military, official, organization, person, "
        "anonymous, other",
        "claims/a.yaml:7:28: error: 'kind' in topic 't1' is 'numbers'; did you mean 'number'? "
        "use one of: choice, number",
        "claims/a.yaml:9:44: error: 'stance' in claim 'c1' is 'deny'; did you mean 'denies'? "
        "use one of: asserts, denies",
        "claims/a.yaml:11:32: error: 'status' in contradiction 1 is 'closed'; use one of: "
        "open, resolved, dismissed",
    ]


def test_country_no_stays_text(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": "sources:\n  nrk: {name: NRK, country: NO}\n"})
    assert errors_of(claims) == []


def test_topic_rules(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        topics:
          t1:
            question: Q?
            positions: [a, b, A]
            compatible: [[a, c], [a]]
            tolerance: 5
          t2:
            question: N?
            kind: number
            positions: [a]
            tolerance: "five percent"
          t3: {question: N?, kind: number, tolerance: -1}
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:5:26: error: item 2 of 'compatible' in topic 't1' must be a pair of "
        "positions, [a, b], not 1 items",
        "claims/a.yaml:11:16: error: 'tolerance' in topic 't2' is 'five percent'; write an "
        'absolute amount (e.g. 5) or a percentage (e.g. "2%")',
        "claims/a.yaml:12:47: error: 'tolerance' in topic 't3' must not be negative, not -1",
    ]
    claims = make_corpus(
        {
            "a.yaml": """\
        topics:
          t1:
            question: Q?
            positions: [a, b, A]
            compatible: [[a, c]]
            tolerance: 5
          t2:
            question: N?
            kind: number
            positions: [a]
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:4:23: error: topic 't1' lists position 'A' twice (case and spacing do "
        "not count); keep one",
        "claims/a.yaml:5:18: error: compatible pair names 'c', which is not a position of "
        "topic 't1'",
        "claims/a.yaml:6:16: error: 'tolerance' applies to number topics; add `kind: number` "
        "to topic 't1' or remove 'tolerance'",
        "claims/a.yaml:10:16: error: 'positions' applies to choice topics; topic 't2' is a "
        "number topic",
    ]


def test_contradiction_rules(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - {id: a, text: t, source: nyt}
          - {id: b, text: t, source: fars}
          - {id: c, text: t, source: afp}
        contradictions:
          - claims: [a]
          - claims: [a, a]
          - {claims: [a, b], upheld: b}
          - {claims: [b, a], status: resolved, upheld: c}
          - {claims: [a, c], status: open, resolution: still checking}
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:6:13: error: 'claims' in contradiction 1 must list at least 2 items",
        "claims/a.yaml:7:13: error: contradiction names claim 'a' more than once; a claim "
        "cannot contradict itself: name two or more different claims",
        "claims/a.yaml:8:30: error: 'upheld' names the claim that stands after a resolution; "
        "add `status: resolved` or remove 'upheld'",
        "claims/a.yaml:9:5: error: these claims are already listed together at "
        "claims/a.yaml:8:5; keep one entry",
        "claims/a.yaml:9:48: error: upheld claim 'c' is not one of this entry's claims (b, a)",
    ]
    assert [w for w in warnings_of(claims) if "resolution" in w] == [
        (
            "claims/a.yaml:10:48: warning: this entry has a 'resolution' but its status is open; "
            "set `status: resolved` or `status: dismissed`"
        )
    ]


def test_quotes_must_occur_in_their_document(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - id: c1
            text: t
            source: nyt
            evidence:
              - document: seeds/doc.txt
                quote: |
                  killed by an
                  explosive device
              - document: seeds/doc.txt
                quote: 'Fars said "projectile"'
              - document: seeds/doc.txt
                quote: killed by a projectile
              - document: https://example.org/article
                quote: anything at all
              - document: seeds/missing.txt
        """
        }
    )
    assert errors_of(claims) == [
        "claims/a.yaml:13:16: error: quote 'killed by a projectile' does not occur in "
        "'seeds/doc.txt'; copy it exactly from the document (spacing and typographic quotes "
        "do not matter)",
        "claims/a.yaml:16:19: error: document 'seeds/missing.txt' cannot be used: no such "
        "file beside the claims folder (seeds/missing.txt); check the path, or copy the "
        "document under seeds/",
    ]


def test_document_paths_may_not_escape_the_corpus(make_corpus: CorpusMaker) -> None:
    import os
    from pathlib import Path

    claims = make_corpus(
        {
            "a.yaml": """\
        claims:
          - id: c1
            text: t
            source: nyt
            evidence:
              - {document: ../outside.txt, quote: secret}
              - {document: /etc/passwd, quote: root}
              - {document: seeds/link.txt, quote: secret}
        """
        }
    )
    outside = Path("..", "outside.txt")
    outside.write_text("secret", encoding="utf-8")
    os.symlink(outside.resolve(), Path("seeds", "link.txt"))
    assert errors_of(claims) == [
        "claims/a.yaml:6:20: error: document '../outside.txt' cannot be used: the path leaves "
        "the corpus folder; keep documents under it, e.g. in seeds/",
        "claims/a.yaml:7:20: error: document '/etc/passwd' cannot be used: an absolute path is "
        "not allowed; name the document relative to the folder that holds the claims folder, "
        "e.g. 'seeds/article.txt'",
        "claims/a.yaml:8:20: error: document 'seeds/link.txt' cannot be used: the path leads "
        "outside the corpus folder (through a symbolic link); copy the document under seeds/",
    ]


def test_warnings_for_what_is_legal_but_suspect(make_corpus: CorpusMaker) -> None:
    claims = make_corpus({"a.yaml": claim("    text: t\n    source: nyt\n")})
    assert warnings_of(claims) == [
        "claims/a.yaml:2:9: warning: claim 'c1' cites no evidence; add an 'evidence' entry "
        "with the document and quote it comes from",
        "claims/base.yaml:3:3: warning: source 'fars' is not the source or relay of any claim",
        "claims/base.yaml:4:3: warning: source 'afp' is not the source or relay of any claim",
        "claims/base.yaml:5:3: warning: source 'officials' is not the source or relay of any claim",
        "claims/base.yaml:7:3: warning: topic 'method' has no claims",
        "claims/base.yaml:11:3: warning: topic 'open-method' has no claims",
        "claims/base.yaml:13:3: warning: topic 'toll' has no claims",
        "claims/base.yaml:18:3: warning: topic 'count' has no claims",
    ]


def test_no_knock_on_problems_while_their_cause_is_an_error(make_corpus: CorpusMaker) -> None:
    """A topic (or claim) that failed to read is reported once, where it stands: references
    to it are not 'unknown', and sources its claims would use are not 'unused'."""
    claims = make_corpus(
        {
            "a.yaml": """\
            sources:
              lonely: {name: Used only by the broken claim}
            topics:
              broken: {question: q, kind: number, tolerance: lots}
            claims:
              - {id: a, text: t, source: nyt, topic: broken, value: 1}
              - {id: b, text: t, source: lonely, topic: toll, value: [1]}
            contradictions:
              - claims: [a, b]
            """
        }
    )
    found = [(d.code, str(d.location)) for d in check(claims).diagnostics]
    codes = [code for code, _ in found]
    assert ("tolerance-format", "claims/a.yaml:4:50") in found
    assert ("range-shape", "claims/a.yaml:7:58") in found
    assert "unknown-topic" not in codes
    assert "unknown-claim" not in codes
    assert "unused-source" not in codes
    assert "unused-topic" not in codes


def test_advice_quotes_the_users_own_number(make_corpus: CorpusMaker) -> None:
    claims = make_corpus(
        {"a.yaml": "claims:\n  - {id: a, text: t, source: nyt, topic: toll, value: '39,480'}\n"}
    )
    [message] = errors_of(claims)
    assert message.endswith("(write it without thousands separators: 39480)")


def test_a_misspelt_source_does_not_also_make_the_meant_one_unused(
    make_corpus: CorpusMaker,
) -> None:
    make_corpus({"a.yaml": "claims:\n  - {id: a, text: t, source: nytt}\n"})
    result = CliRunner().invoke(cli, ["validate"])
    assert "did you mean 'nyt'" in result.stdout
    assert "source 'nyt' is not the source or relay" not in result.stdout
    assert "source 'fars' is not the source or relay" in result.stdout  # others still are

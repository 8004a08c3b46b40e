"""Diagnostic codes are a published contract: each code in the registry is produced, at the
right place, by the smallest file that shows it; docs/rules.md is generated from the registry.

A renamed or merged code fails here: users `--ignore` these names."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, CorpusMaker, check

from tracker.diagnostics import CODES, Code
from tracker.render.rules import rules_markdown

C = "claims:\n  - "  # the start of a claim file with one claim
# Each code: the files that produce it (on top of conftest's BASE) and where it is reported.
CASES: dict[Code, tuple[dict[str, str | bytes], str]] = {
    Code.READ: ({"a.yaml": "LINK"}, "claims/a.yaml:1:1"),
    Code.ENCODING: ({"a.yaml": b"claims: [\xff]\n"}, "claims/a.yaml:1:10"),
    Code.SYNTAX: ({"a.yaml": "claims: [\n"}, "claims/a.yaml:2:1"),
    Code.ALIAS: ({"a.yaml": "x: &a [1]\ny: *a\n"}, "claims/a.yaml:2:4"),
    Code.TAG: ({"a.yaml": "sources: !!python/object:os.system {}\n"}, "claims/a.yaml:1:10"),
    Code.MERGE: ({"a.yaml": "sources:\n  <<: {}\n"}, "claims/a.yaml:2:3"),
    Code.FILE_NOT_MAPPING: ({"a.yaml": "- 1\n"}, "claims/a.yaml:1:1"),
    Code.NOT_A_MAPPING: ({"a.yaml": "sources: [a]\n"}, "claims/a.yaml:1:10"),
    Code.NOT_A_LIST: ({"a.yaml": "claims: {a: 1}\n"}, "claims/a.yaml:1:9"),
    Code.KEY_NOT_TEXT: ({"a.yaml": "sources:\n  [a]: {name: x}\n"}, "claims/a.yaml:2:3"),
    Code.DUPLICATE_KEY: ({"a.yaml": "sources:\n  x: {name: a, name: b}\n"}, "claims/a.yaml:2:16"),
    Code.UNKNOWN_KEY: ({"a.yaml": C + "{id: a, text: t, soruce: nyt}\n"}, "claims/a.yaml:2:22"),
    Code.MISSING_KEY: ({"a.yaml": C + "{id: a, text: t}\n"}, "claims/a.yaml:2:5"),
    Code.WRONG_TYPE: ({"a.yaml": C + "{id: a, text: [t], source: nyt}\n"}, "claims/a.yaml:2:19"),
    Code.EMPTY: ({"a.yaml": C + "{id: a, text: ' ', source: nyt}\n"}, "claims/a.yaml:2:19"),
    Code.ID: ({"a.yaml": C + "{id: A b, text: t, source: nyt}\n"}, "claims/a.yaml:2:10"),
    Code.NOT_AN_OPTION: (
        {"a.yaml": "sources:\n  x: {name: X, kind: paper}\n"},
        "claims/a.yaml:2:22",
    ),
    Code.RELIABILITY_GRADE: (
        {"a.yaml": "sources:\n  x: {name: X, reliability: G}\n"},
        "claims/a.yaml:2:29",
    ),
    Code.NOT_A_BOOLEAN: (
        {"a.yaml": "topics:\n  t: {question: q, kind: number, cumulative: yes}\n"},
        "claims/a.yaml:2:46",
    ),
    Code.TOO_FEW_ITEMS: ({"a.yaml": "contradictions:\n  - claims: [a]\n"}, "claims/a.yaml:2:13"),
    Code.PAIR_SHAPE: (
        {"a.yaml": "topics:\n  t: {question: q, compatible: [[a]]}\n"},
        "claims/a.yaml:2:33",
    ),
    Code.DATE: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, date: 2024-02-30}\n"},
        "claims/a.yaml:2:41",
    ),
    Code.NOT_A_NUMBER: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: many}\n"},
        "claims/a.yaml:2:55",
    ),
    Code.NOT_FINITE: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: .inf}\n"},
        "claims/a.yaml:2:55",
    ),
    Code.AMBIGUOUS_NUMBER: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 010}\n"},
        "claims/a.yaml:2:55",
    ),
    Code.RANGE_SHAPE: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: [1, 2, 3]}\n"},
        "claims/a.yaml:2:55",
    ),
    Code.RANGE_BACKWARDS: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: [3, 1]}\n"},
        "claims/a.yaml:2:55",
    ),
    Code.TOLERANCE_FORMAT: (
        {"a.yaml": "topics:\n  t: {question: q, kind: number, tolerance: lots}\n"},
        "claims/a.yaml:2:45",
    ),
    Code.NEGATIVE_TOLERANCE: (
        {"a.yaml": "topics:\n  t: {question: q, kind: number, tolerance: -1}\n"},
        "claims/a.yaml:2:45",
    ),
    Code.DUPLICATE_ID: (
        {"a.yaml": C + "{id: a, text: t, source: nyt}\n  - {id: a, text: t, source: nyt}\n"},
        "claims/a.yaml:3:10",
    ),
    Code.UNKNOWN_SOURCE: ({"a.yaml": C + "{id: a, text: t, source: cnn}\n"}, "claims/a.yaml:2:30"),
    Code.UNKNOWN_TOPIC: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: x}\n"},
        "claims/a.yaml:2:42",
    ),
    Code.UNKNOWN_CLAIM: (
        {"a.yaml": C + "{id: a, text: t, source: nyt}\ncontradictions:\n  - claims: [a, b]\n"},
        "claims/a.yaml:4:17",
    ),
    Code.VIA_ORIGINATOR: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, via: nyt}\n"},
        "claims/a.yaml:2:40",
    ),
    Code.VIA_REPEAT: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, via: [afp, afp]}\n"},
        "claims/a.yaml:2:46",
    ),
    Code.NO_TOPIC: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, position: x}\n"},
        "claims/a.yaml:2:45",
    ),
    Code.VALUE_ON_CHOICE: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: open-method, value: 1}\n"},
        "claims/a.yaml:2:62",
    ),
    Code.POSITION_ON_NUMBER: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 1, position: x}\n"},
        "claims/a.yaml:2:68",
    ),
    Code.DENIAL_ON_NUMBER: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 1, stance: denies}\n"},
        "claims/a.yaml:2:66",
    ),
    Code.MISSING_ANSWER: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: method}\n"},
        "claims/a.yaml:2:5",
    ),
    Code.UNKNOWN_POSITION: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, topic: method, position: poison}\n"},
        "claims/a.yaml:2:60",
    ),
    Code.TOPIC_UNKNOWN_POSITION: (
        {"a.yaml": "topics:\n  t: {question: q, positions: [a], compatible: [[a, b]]}\n"},
        "claims/a.yaml:2:49",
    ),
    Code.DUPLICATE_POSITION: (
        {"a.yaml": "topics:\n  t: {question: q, positions: [a, A]}\n"},
        "claims/a.yaml:2:35",
    ),
    Code.CHOICE_KEY_ON_NUMBER: (
        {"a.yaml": "topics:\n  t: {question: q, kind: number, positions: [a]}\n"},
        "claims/a.yaml:2:45",
    ),
    Code.NUMBER_KEY_ON_CHOICE: (
        {"a.yaml": "topics:\n  t: {question: q, unit: people}\n"},
        "claims/a.yaml:2:26",
    ),
    Code.PART_OF_CYCLE: (
        {"a.yaml": "sources:\n  x: {name: X, part_of: x}\n"},
        "claims/a.yaml:2:25",
    ),
    Code.SUPERSEDES_OTHER_SOURCE: (
        {
            "a.yaml": C
            + "{id: a, text: t, source: nyt}\n  - {id: b, text: t, source: afp, supersedes: a}\n"
        },
        "claims/a.yaml:3:47",
    ),
    Code.SUPERSEDES_CYCLE: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, supersedes: a}\n"},
        "claims/a.yaml:2:47",
    ),
    Code.IMPLICATION_TARGET: (
        {
            "a.yaml": "topics:\n  t: {question: q, positions: [a], implies: {a: [{topic: toll, "
            "position: x}]}}\n"
        },
        "claims/a.yaml:2:50",
    ),
    Code.IMPLICATION_CYCLE: (
        {
            "a.yaml": "topics:\n  t: {question: q, positions: [a], implies: {a: [{topic: u, "
            "position: b}]}}\n  u: {question: r, positions: [b], implies: {b: [{topic: t, "
            "position: a}]}}\n"
        },
        "claims/a.yaml:2:50",
    ),
    Code.REPEATED_ANSWER: (
        {
            "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 3, answers: "
            "[{topic: toll, value: 4}]}\n"
        },
        "claims/a.yaml:2:76",
    ),
    Code.IMPLIED_ANSWER_DIFFERS: (
        {
            "a.yaml": "topics:\n  t: {question: q, positions: [a], implies: {a: [{topic: u, "
            "position: b}]}}\n  u: {question: r, positions: [b, c]}\n"
            + C
            + "{id: a, text: t, source: nyt, topic: t, position: a, answers: [{topic: u, "
            "position: c}]}\n"
        },
        "claims/a.yaml:5:89",
    ),
    Code.SELF_CONTRADICTION: (
        {"a.yaml": C + "{id: a, text: t, source: nyt}\ncontradictions:\n  - claims: [a, a]\n"},
        "claims/a.yaml:4:13",
    ),
    Code.DUPLICATE_CONTRADICTION: (
        {
            "a.yaml": C + "{id: a, text: t, source: nyt}\n  - {id: b, text: t, source: afp}\n"
            "contradictions:\n  - claims: [a, b]\n  - claims: [b, a]\n"
        },
        "claims/a.yaml:6:5",
    ),
    Code.UPHELD_NEEDS_RESOLVED: (
        {
            "a.yaml": C + "{id: a, text: t, source: nyt}\n  - {id: b, text: t, source: afp}\n"
            "contradictions:\n  - {claims: [a, b], upheld: a}\n"
        },
        "claims/a.yaml:5:30",
    ),
    Code.UPHELD_NOT_LISTED: (
        {
            "a.yaml": C + "{id: a, text: t, source: nyt}\n  - {id: b, text: t, source: afp}\n"
            "  - {id: c, text: t, source: fars}\n"
            "contradictions:\n  - {claims: [a, b], status: resolved, upheld: c}\n"
        },
        "claims/a.yaml:6:48",
    ),
    Code.DOUBLE_VERDICT: (
        {
            "a.yaml": C + "{id: a, text: t, source: nyt, topic: method, position: projectile}\n"
            "  - {id: b, text: t, source: afp, topic: method, position: explosive device}\n"
            "  - {id: c, text: t, source: fars, topic: method, position: projectile}\n"
            "contradictions:\n  - claims: [a, b]\n  - claims: [b, c]\n"
        },
        "claims/a.yaml:7:5",
    ),
    Code.DOCUMENT: (
        {"a.yaml": C + "{id: a, text: t, source: nyt, evidence: [{document: seeds/none.txt}]}\n"},
        "claims/a.yaml:2:57",
    ),
    Code.QUOTE_NOT_FOUND: (
        {
            "a.yaml": C
            + "{id: a, text: t, source: nyt, evidence: [{document: seeds/doc.txt, quote: xyz}]}\n"
        },
        "claims/a.yaml:2:79",
    ),
    Code.IGNORE_COMMENT: (
        {"a.yaml": C + "{id: a, text: t, source: nyt}  # tracker: ignore[no-evidnce]\n"},
        "claims/a.yaml:2:36",
    ),
    Code.NO_EVIDENCE: ({"a.yaml": C + "{id: a, text: t, source: nyt}\n"}, "claims/a.yaml:2:10"),
    Code.UNUSED_SOURCE: ({"a.yaml": "sources:\n  x: {name: X}\n"}, "claims/a.yaml:2:3"),
    Code.UNUSED_TOPIC: ({"a.yaml": "topics:\n  t: {question: q}\n"}, "claims/a.yaml:2:3"),
    Code.RESOLUTION_ON_OPEN: (
        {
            "a.yaml": C + "{id: a, text: t, source: nyt}\n  - {id: b, text: t, source: afp}\n"
            "contradictions:\n  - {claims: [a, b], resolution: r}\n"
        },
        "claims/a.yaml:5:34",
    ),
    Code.SUPERSEDES_OTHER_TOPIC: (
        {
            "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 1}\n"
            "  - {id: b, text: t, source: nyt, supersedes: a}\n"
        },
        "claims/a.yaml:3:47",
    ),
    Code.VERDICT_ID: (
        {
            "a.yaml": C + "{id: a, text: t, source: nyt, topic: method, position: projectile}\n"
            "  - {id: b, text: t, source: afp, topic: method, position: explosive device}\n"
            "contradictions:\n  - {id: my-verdict, claims: [a, b], status: dismissed}\n"
        },
        "claims/a.yaml:5:10",
    ),
    Code.SAME_ANSWER: (
        {
            "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 5}\n"
            "  - {id: b, text: t, source: afp, topic: toll, value: 5}\n"
            "contradictions:\n  - claims: [a, b]\n"
        },
        "claims/a.yaml:5:5",
    ),
    Code.WITHDRAWN_CLAIM: (
        {
            "a.yaml": C + "{id: a, text: t, source: nyt, retracted: 2024-01-01}\n"
            "  - {id: b, text: t, source: afp}\ncontradictions:\n  - claims: [a, b]\n"
        },
        "claims/a.yaml:5:5",
    ),
}
# For every code of CASES, its near miss: the closest legal variant a user would write, which
# must not produce that code (a rule that fires on the near miss is as wrong as one that
# never fires). "LINK:<target>" makes the file a symbolic link to <target>, beside it.
# Two claims on one topic, by two sources, ready for a contradictions entry.
AB = C + "{id: a, text: t, source: nyt}\n  - {id: b, text: t, source: afp}\n"
# Evidence that is found in seeds/doc.txt.
EV = "evidence: [{document: seeds/doc.txt, quote: explosive device}]"

NEAR_MISSES: dict[Code, dict[str, str | bytes]] = {
    # a.yaml is a symlink that stays inside the corpus (to claims/shared.txt), not to /etc/passwd
    Code.READ: {"a.yaml": "LINK:shared.txt", "shared.txt": "sources: {}\n"},
    # the non-ASCII character saved as UTF-8 (ÿ = C3 BF, not latin-1 FF), as a claim's text
    Code.ENCODING: {"a.yaml": b"claims: [{id: a, text: \xc3\xbf, source: nyt}]\n"},
    # the flow list closed: `claims: []`
    Code.SYNTAX: {"a.yaml": "claims: []\n"},
    # an alias of a scalar (allowed), not of a list
    Code.ALIAS: {"a.yaml": "sources:\n  x: {name: &a X}\n  y: {name: *a}\n"},
    # a plain-type tag (!!map) instead of !!python/object
    Code.TAG: {"a.yaml": "sources: !!map {}\n"},
    # an ordinary key written out where the merge key `<<` was
    Code.MERGE: {"a.yaml": "sources:\n  x: {name: X}\n"},
    # top level a mapping holding the list under `claims:` (empty), not a bare list
    Code.FILE_NOT_MAPPING: {"a.yaml": "claims: []\n"},
    # sources as a mapping `{a: {name: a}}`, not the list `[a]`
    Code.NOT_A_MAPPING: {"a.yaml": "sources: {a: {name: a}}\n"},
    # claims as a list of one claim mapping, not a mapping
    Code.NOT_A_LIST: {"a.yaml": "claims: [{id: a, text: t, source: nyt}]\n"},
    # the source key `a` as plain text, not the flow list `[a]`
    Code.KEY_NOT_TEXT: {"a.yaml": "sources:\n  a: {name: x}\n"},
    # second key renamed name -> notes: two different keys
    Code.DUPLICATE_KEY: {"a.yaml": "sources:\n  x: {name: a, notes: b}\n"},
    # `source` spelt right instead of `soruce`
    Code.UNKNOWN_KEY: {"a.yaml": C + "{id: a, text: t, source: nyt}\n"},
    # the claim with its required `source`
    Code.MISSING_KEY: {"a.yaml": C + "{id: a, text: t, source: nyt}\n"},
    # text as plain text `t`, not the list `[t]`
    Code.WRONG_TYPE: {"a.yaml": C + "{id: a, text: t, source: nyt}\n"},
    # text ' t' (leading blank, not blank): non-empty
    Code.EMPTY: {"a.yaml": C + "{id: a, text: ' t', source: nyt}\n"},
    # id `a-b` (lower case, '-' for the space) instead of `A b`
    Code.ID: {"a.yaml": C + "{id: a-b, text: t, source: nyt}\n"},
    # kind `outlet` (a listed option) instead of `paper`
    Code.NOT_AN_OPTION: {"a.yaml": "sources:\n  x: {name: X, kind: outlet}\n"},
    # reliability F, the last Admiralty grade, instead of G just past it
    Code.RELIABILITY_GRADE: {"a.yaml": "sources:\n  x: {name: X, reliability: F}\n"},
    # cumulative: true instead of the YAML 1.1 `yes`
    Code.NOT_A_BOOLEAN: {"a.yaml": "topics:\n  t: {question: q, kind: number, cumulative: true}\n"},
    # the contradiction names two declared claims [a, b], not one
    Code.TOO_FEW_ITEMS: {"a.yaml": AB + "contradictions:\n  - claims: [a, b]\n"},
    # compatible pair [[a, b]] (two items) instead of [[a]]
    Code.PAIR_SHAPE: {"a.yaml": "topics:\n  t: {question: q, compatible: [[a, b]]}\n"},
    # 2024-02-29, a real (leap) day, instead of 2024-02-30
    Code.DATE: {"a.yaml": C + "{id: a, text: t, source: nyt, date: 2024-02-29}\n"},
    # value: 10, a number, instead of the word `many`
    Code.NOT_A_NUMBER: {"a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 10}\n"},
    # a huge but finite value: 300 digits, exactly the MAX_DIGITS limit, instead of .inf
    Code.NOT_FINITE: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: " + "9" * 300 + "}\n"
    },
    # value: 10, no leading zero, instead of 010
    Code.AMBIGUOUS_NUMBER: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 10}\n"
    },
    # a two-item range [1, 3] instead of [1, 2, 3]
    Code.RANGE_SHAPE: {"a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: [1, 3]}\n"},
    # the range the right way round, [1, 3] instead of [3, 1]
    Code.RANGE_BACKWARDS: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: [1, 3]}\n"
    },
    # tolerance `5%`, a percentage, instead of `lots`
    Code.TOLERANCE_FORMAT: {"a.yaml": "topics:\n  t: {question: q, kind: number, tolerance: 5%}\n"},
    # tolerance 0, the edge, instead of -1
    Code.NEGATIVE_TOLERANCE: {
        "a.yaml": "topics:\n  t: {question: q, kind: number, tolerance: 0}\n"
    },
    # two claims whose ids differ by one character: a and b
    Code.DUPLICATE_ID: {
        "a.yaml": C + "{id: a, text: t, source: nyt}\n  - {id: b, text: t, source: nyt}\n"
    },
    # the claim names a declared source (nyt) instead of cnn
    Code.UNKNOWN_SOURCE: {"a.yaml": C + "{id: a, text: t, source: nyt}\n"},
    # the claim names a declared topic (open-method, with the position it then needs)
    Code.UNKNOWN_TOPIC: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: open-method, position: x}\n"
    },
    # claim b is declared too, so the contradiction [a, b] names two known claims
    Code.UNKNOWN_CLAIM: {"a.yaml": AB + "contradictions:\n  - claims: [a, b]\n"},
    # via names another source (afp), not the originator nyt
    Code.VIA_ORIGINATOR: {"a.yaml": C + "{id: a, text: t, source: nyt, via: afp}\n"},
    # via names two different relays [afp, fars], not afp twice
    Code.VIA_REPEAT: {"a.yaml": C + "{id: a, text: t, source: nyt, via: [afp, fars]}\n"},
    # the implication names a choice topic (method) and one of its positions
    Code.IMPLICATION_TARGET: {
        "a.yaml": "topics:\n  t: {question: q, positions: [a], implies: {a: [{topic: method, "
        "position: projectile}]}}\n" + C + "{id: a, text: t, source: nyt, topic: t, position: a}\n"
    },
    # the implication goes one way only (t: a implies u: b)
    Code.IMPLICATION_CYCLE: {
        "a.yaml": "topics:\n  t: {question: q, positions: [a], implies: {a: [{topic: u, "
        "position: b}]}}\n  u: {question: r, positions: [b]}\n"
        + C
        + "{id: a, text: t, source: nyt, topic: t, position: a}\n"
    },
    # the claim's own answer to u is the one its answer to t implies (b, not c)
    Code.IMPLIED_ANSWER_DIFFERS: {
        "a.yaml": "topics:\n  t: {question: q, positions: [a], implies: {a: [{topic: u, "
        "position: b}]}}\n  u: {question: r, positions: [b, c]}\n"
        + C
        + "{id: a, text: t, source: nyt, topic: t, position: a, answers: [{topic: u, "
        "position: b}]}\n"
    },
    # the further answer is to another topic (count), not toll again
    Code.REPEATED_ANSWER: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 3, answers: "
        "[{topic: count, value: 4}]}\n"
    },
    # the position with the topic it answers (open-method)
    Code.NO_TOPIC: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: open-method, position: x}\n"
    },
    # value: 1 on the number topic count, not on the choice topic open-method
    Code.VALUE_ON_CHOICE: {"a.yaml": C + "{id: a, text: t, source: nyt, topic: count, value: 1}\n"},
    # the number claim without the stray `position: x`
    Code.POSITION_ON_NUMBER: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 1}\n"
    },
    # stance: asserts (the default, spelt out) instead of denies on the number topic
    Code.DENIAL_ON_NUMBER: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 1, stance: asserts}\n"
    },
    # the choice claim with its position (projectile)
    Code.MISSING_ANSWER: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: method, position: projectile}\n"
    },
    # a declared position (projectile) instead of poison
    Code.UNKNOWN_POSITION: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: method, position: projectile}\n"
    },
    # b declared among the positions, so compatible [[a, b]] names known positions
    Code.TOPIC_UNKNOWN_POSITION: {
        "a.yaml": "topics:\n  t: {question: q, positions: [a, b], compatible: [[a, b]]}\n"
    },
    # two different positions [a, b] instead of [a, A]
    Code.DUPLICATE_POSITION: {"a.yaml": "topics:\n  t: {question: q, positions: [a, b]}\n"},
    # kind: choice, so positions belong to it (was kind: number)
    Code.CHOICE_KEY_ON_NUMBER: {
        "a.yaml": "topics:\n  t: {question: q, kind: choice, positions: [a]}\n"
    },
    # kind: number added, so unit belongs to it
    Code.NUMBER_KEY_ON_CHOICE: {
        "a.yaml": "topics:\n  t: {question: q, kind: number, unit: people}\n"
    },
    # part_of names another declared source (officials), not itself
    Code.PART_OF_CYCLE: {"a.yaml": "sources:\n  x: {name: X, part_of: officials}\n"},
    # the revision comes from the same source (nyt) as the claim it supersedes
    Code.SUPERSEDES_OTHER_SOURCE: {
        "a.yaml": C
        + "{id: a, text: t, source: nyt}\n  - {id: b, text: t, source: nyt, supersedes: a}\n"
    },
    # a supersedes an earlier claim b (same source), not itself
    Code.SUPERSEDES_CYCLE: {
        "a.yaml": C
        + "{id: a, text: t, source: nyt, supersedes: b}\n  - {id: b, text: t, source: nyt}\n"
    },
    # the contradiction names two claims [a, b], not a twice
    Code.SELF_CONTRADICTION: {"a.yaml": AB + "contradictions:\n  - claims: [a, b]\n"},
    # the second entry names another pair [b, c], not [b, a] again
    Code.DUPLICATE_CONTRADICTION: {
        "a.yaml": AB + "  - {id: c, text: t, source: fars}\n"
        "contradictions:\n  - claims: [a, b]\n  - claims: [b, c]\n"
    },
    # status: resolved added, so upheld is allowed
    Code.UPHELD_NEEDS_RESOLVED: {
        "a.yaml": AB + "contradictions:\n  - {claims: [a, b], status: resolved, upheld: a}\n"
    },
    # upheld names a listed claim (b) instead of c
    Code.UPHELD_NOT_LISTED: {
        "a.yaml": AB + "  - {id: c, text: t, source: fars}\n"
        "contradictions:\n  - {claims: [a, b], status: resolved, upheld: b}\n"
    },
    # c says aerial strike (compatible with projectile), so [b, c] judges another conflict
    Code.DOUBLE_VERDICT: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: method, position: projectile}\n"
        "  - {id: b, text: t, source: afp, topic: method, position: explosive device}\n"
        "  - {id: c, text: t, source: fars, topic: method, position: aerial strike}\n"
        "contradictions:\n  - claims: [a, b]\n  - claims: [b, c]\n"
    },
    # the document that exists, seeds/doc.txt, instead of seeds/none.txt
    Code.DOCUMENT: {
        "a.yaml": C + "{id: a, text: t, source: nyt, evidence: [{document: seeds/doc.txt}]}\n"
    },
    # a quote that occurs in seeds/doc.txt (with its typographic quotes typed plain)
    Code.QUOTE_NOT_FOUND: {
        "a.yaml": C + "{id: a, text: t, source: nyt, evidence: [{document: seeds/doc.txt, "
        "quote: 'Fars said \"projectile\"'}]}\n"
    },
    # the ignore comment spells the warning code right: no-evidence
    Code.IGNORE_COMMENT: {
        "a.yaml": C + "{id: a, text: t, source: nyt}  # tracker: ignore[no-evidence]\n"
    },
    # the claim with an evidence entry quoting seeds/doc.txt
    Code.NO_EVIDENCE: {"a.yaml": C + "{id: a, text: t, source: nyt, " + EV + "}\n"},
    # source x originates a claim, relayed by every base source (so none is unused)
    Code.UNUSED_SOURCE: {
        "a.yaml": "sources:\n  x: {name: X}\n"
        "claims:\n  - {id: a, text: t, source: x, via: [nyt, fars, afp, officials]}\n"
    },
    # topic t has a claim, and so does every base topic
    Code.UNUSED_TOPIC: {
        "a.yaml": "topics:\n  t: {question: q}\n"
        "claims:\n  - {id: a, text: t, source: nyt, topic: t, position: x}\n"
        "  - {id: b, text: t, source: nyt, topic: method, position: projectile}\n"
        "  - {id: c, text: t, source: nyt, topic: open-method, position: x}\n"
        "  - {id: d, text: t, source: nyt, topic: toll, value: 1}\n"
        "  - {id: e, text: t, source: nyt, topic: count, value: 1}\n"
    },
    # the resolution on an entry with status: resolved
    Code.RESOLUTION_ON_OPEN: {
        "a.yaml": AB + "contradictions:\n  - {claims: [a, b], status: resolved, resolution: r}\n"
    },
    # the revision answers the same topic (toll, value 2) as the claim it supersedes
    Code.SUPERSEDES_OTHER_TOPIC: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 1}\n"
        "  - {id: b, text: t, source: nyt, topic: toll, value: 2, supersedes: a}\n"
    },
    # the verdict on the derived conflict without the unused `id`
    Code.VERDICT_ID: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: method, position: projectile}\n"
        "  - {id: b, text: t, source: afp, topic: method, position: explosive device}\n"
        "contradictions:\n  - {claims: [a, b], status: dismissed}\n"
    },
    # different answers exactly at toll's 2% edge (50, 49): no derived conflict, so the
    # entry stays explicit and really is checked for one answer (5 vs 6 would be a verdict)
    Code.SAME_ANSWER: {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 50}\n"
        "  - {id: b, text: t, source: afp, topic: toll, value: 49}\n"
        "contradictions:\n  - claims: [a, b]\n"
    },
    # claim a is not retracted, so the entry names two standing claims
    Code.WITHDRAWN_CLAIM: {
        "a.yaml": C + "{id: a, text: t, source: nyt}\n"
        "  - {id: b, text: t, source: afp}\ncontradictions:\n  - claims: [a, b]\n"
    },
}


# The other places a code is raised from (CASES has one per code): each branch's message is
# in tests/expected/messages.txt too.
BRANCHES: dict[str, dict[str, str | bytes]] = {
    "unknown-source in via": {"a.yaml": C + "{id: a, text: t, source: nyt, via: [nty]}\n"},
    "unknown-source in part_of": {"a.yaml": "sources:\n  x: {name: X, part_of: ofc}\n"},
    "part_of cycle of two": {
        "a.yaml": "sources:\n  x: {name: X, part_of: y}\n  y: {name: Y, part_of: x}\n"
    },
    "supersedes cycle of two": {
        "a.yaml": C + "{id: a, text: t, source: nyt, supersedes: b}\n"
        "  - {id: b, text: t, source: nyt, supersedes: a}\n"
    },
    "supersedes an unknown claim": {"a.yaml": C + "{id: a, text: t, source: nyt, supersedes: z}\n"},
    "supersedes across topics": {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll, value: 3}\n"
        "  - {id: b, text: t, source: nyt, topic: count, value: 4, supersedes: a}\n"
    },
    "revised by another source, relayed": {
        "a.yaml": C + "{id: a, text: t, source: nyt, via: [afp]}\n"
        "  - {id: b, text: t, source: fars, supersedes: a}\n"
    },
    "missing value on a number topic": {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: toll}\n"
    },
    "tolerance on a choice claim": {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: method, position: projectile, "
        "tolerance: 5}\n"
    },
    "implies names an unknown position": {
        "a.yaml": "topics:\n  t: {question: q, positions: [a], implies: {a: [b]}}\n"
    },
    "contradiction names an unknown claim": {
        "a.yaml": C + "{id: a, text: t, source: nyt}\ncontradictions:\n  - claims: [a, z]\n"
    },
    "two verdicts, a withdrawn claim, a same answer": {
        "a.yaml": C + "{id: a, text: t, source: nyt, topic: method, position: projectile}\n"
        "  - {id: b, text: t, source: afp, topic: method, position: explosive device}\n"
        "  - {id: f, text: t, source: fars, topic: method, position: explosive device}\n"
        "  - {id: c, text: t, source: fars, topic: toll, value: 5}\n"
        "  - {id: d, text: t, source: afp, topic: toll, value: 5}\n"
        "  - {id: e, text: t, source: afp, retracted: 2024-01-01}\n"
        "contradictions:\n  - {claims: [a, b], status: dismissed, resolution: r}\n"
        "  - {id: given, claims: [a, f], status: open}\n"
        "  - {claims: [c, d]}\n  - {claims: [a, e]}\n"
    },
    "a broken source referenced as originator and relay": {
        "a.yaml": "sources:\n  x: {name: [X]}\n" + C + "{id: a, text: t, source: x, via: [x2]}\n"
        "  - {id: b, text: t, source: nyt, via: [x]}\n"
    },
    "an answer given on no topic, key by key": {
        "a.yaml": C + "{id: a, text: t, source: nyt, value: 3}\n"
        "  - {id: b, text: t, source: nyt, stance: denies}\n"
        "  - {id: c, text: t, source: nyt, position: bomb}\n"
        "  - {id: d, text: t, source: nyt, topic: method, position: poison}\n"
    },
    "two withdrawn claims, then another entry": {
        "a.yaml": C + "{id: a, text: t, source: nyt, retracted: 2024-01-01}\n"
        "  - {id: b, text: t, source: afp, retracted: 2024-01-02}\n"
        "  - {id: c, text: t, source: fars}\n  - {id: d, text: t, source: nyt}\n"
        "contradictions:\n  - {claims: [a, b, c]}\n  - {claims: [c, d]}\n"
        "  - {claims: [d, a]}\n"
    },
    "evidence without a quote, then a quote not found": {
        "a.yaml": C + "{id: a, text: t, source: nyt, evidence: [{document: seeds/doc.txt}, "
        "{document: seeds/doc.txt, quote: never said}]}\n"
    },
    "choice keys on a number topic, number keys on a choice topic": {
        "a.yaml": "topics:\n  n: {question: q, kind: number, compatible: [[a, b]], "
        "implies: {a: [b]}}\n  c: {question: q, positions: [a, b, c], cumulative: true, "
        "tolerance: 5, implies: {a: [d]}}\n"
    },
    "references to entries that failed to read": {
        "a.yaml": "sources:\n  x: {name: [X]}\n  y: {name: Y, part_of: x}\n"
        + C
        + "{id: [bad], text: t, source: nyt}\n"
        "  - {id: ok, text: t, source: y, supersedes: bad}\n"
    },
    "chains without a cycle, and a cycle of three": {
        "a.yaml": "sources:\n  p: {name: P, part_of: q}\n  q: {name: Q, part_of: r}\n"
        "  r: {name: R}\n  s: {name: S, part_of: t}\n  t: {name: T, part_of: u}\n"
        "  u: {name: U, part_of: s}\n"
        + C
        + "{id: a, text: t, source: p}\n  - {id: b, text: t, source: p, supersedes: [a]}\n"
        "  - {id: c, text: t, source: p, supersedes: [a, b]}\n"
        "  - {id: d, text: t, source: r, supersedes: [e, zz]}\n"
        "  - {id: e, text: t, source: r, supersedes: [d]}\n"
    },
    "implications across topics: unknown topic and position, own topic, both answers": {
        "a.yaml": "topics:\n  t: {question: q, positions: [a, b], implies: {a: [{topic: mehtod, "
        "position: x}, {topic: method, position: projectle}, {topic: t, position: b}]}}\n"
        "  u: {question: q, positions: [a], implies: {a: [{topic: method, position: "
        "projectile, denies: projectile}]}}\n"
    },
    "an implication that asserts and denies one answer": {
        "a.yaml": "topics:\n  t: {question: q, positions: [a], implies: {a: [{topic: method, "
        "position: projectile}, {topic: method, denies: projectile}]}}\n"
    },
    "further answers: unknown topic, no answer, wrong kind of answer": {
        "a.yaml": C + "{id: a, text: t, source: nyt, answers: [{topic: tol, value: 1}, "
        "{topic: toll}, {topic: method}, {topic: count, position: x, stance: denies, value: 2}, "
        "{topic: open-method, value: 3, position: y}]}\n"
    },
    "a quote with typographic marks, a missing document, a URL": {
        "a.yaml": C + "{id: a, text: t, source: nyt, evidence: ["
        "{document: seeds/doc.txt, quote: 'Fars said \"projectile\"'}, "
        "{document: seeds/gone.txt, quote: x}, {document: 'https://x.org/a', quote: y}, "
        "{document: seeds/doc.txt, quote: not in it}]}\n"
    },
}


# Codes produced outside `tracker validate` on one corpus, each tested where it arises.
ELSEWHERE = {
    Code.NO_FILES: "test_cli.py (an empty claims folder)",
    Code.FMT_REFUSED: "test_fmt.py (a file fmt cannot format without changing its meaning)",
    Code.IMPORT: "test_import.py (missing columns, a quote without a document, bad records)",
    Code.IMPORT_SKIPPED: "test_factchecks.py, test_surfaces.py, test_sheets_as_kept.py (left out)",
    Code.UNCOMPARED_CLAIM: "test_uncompared.py (off unless selected)",
}


def test_every_code_has_a_case() -> None:
    assert set(CASES) | set(ELSEWHERE) == set(Code)
    assert set(CODES) == set(Code)


def _write(claims: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        if content == "LINK":
            (claims / name).symlink_to("/etc/passwd")
        elif isinstance(content, str) and content.startswith("LINK:"):
            (claims / name).symlink_to(content.removeprefix("LINK:"))
        elif isinstance(content, bytes):
            (claims / name).write_bytes(content)
        else:
            (claims / name).write_text(content, encoding="utf-8")


@pytest.mark.parametrize("code", sorted(CASES), ids=str)
def test_code_is_produced_where_it_belongs(code: Code, make_corpus: CorpusMaker) -> None:
    files, where = CASES[code]
    claims = make_corpus({})
    _write(claims, files)
    found = {(str(d.location), d.code) for d in check(claims).diagnostics}
    assert (where, code) in found, sorted(found)


def test_every_code_has_a_near_miss() -> None:
    assert set(NEAR_MISSES) == set(CASES)


@pytest.mark.parametrize("code", sorted(NEAR_MISSES), ids=str)
def test_the_near_miss_does_not_produce_the_code(code: Code, make_corpus: CorpusMaker) -> None:
    claims = make_corpus({})
    _write(claims, NEAR_MISSES[code])
    found = check(claims).diagnostics
    assert code not in {d.code for d in found}, [str(d) for d in found]
    assert not any(d.severity.value == "error" for d in found), [str(d) for d in found]


def test_rules_doc_is_generated_from_the_registry() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "run `make examples` to regenerate docs/rules.md"


def test_codes_are_kebab_case_and_described() -> None:
    for code, (severity, description) in CODES.items():
        assert code.value == code.value.lower().replace("_", "-")
        assert severity in ("error", "warning")
        assert description
    assert Path(REPO / "docs" / "rules.md").exists()


def test_every_message_is_the_committed_one(make_corpus: CorpusMaker) -> None:
    """Each code's case, every diagnostic it gives word for word (tests/expected/messages.txt;
    TRACKER_UPDATE_EXPECTED=1 regenerates): advice is part of the behaviour, and a message
    that loses its fix or its place is a regression."""
    import os

    lines: list[str] = []
    cases = [(str(code), CASES[code][0]) for code in sorted(CASES)] + list(BRANCHES.items())
    for title, files in cases:
        claims = make_corpus({})
        for old in list(os.listdir(claims)):
            if old != "base.yaml":
                os.remove(claims / old)
        _write(claims, files)
        lines.append(f"== {title}")
        lines += [f"{d} [{d.code}]" for d in check(claims).diagnostics]
    shown = "\n".join(lines) + "\n"
    expected = REPO / "tests" / "expected" / "messages.txt"
    if os.environ.get("TRACKER_UPDATE_EXPECTED"):
        expected.write_text(shown, encoding="utf-8")
    assert expected.read_text(encoding="utf-8") == shown

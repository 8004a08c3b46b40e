"""The twenty most likely editing mistakes, each with the message that says what to change.

``docs/mistakes.md`` is generated from :data:`MISTAKES` (``python tests/test_mistakes.py >
docs/mistakes.md``) and a test keeps it in step, so the table cannot drift from the tool.
"""

from __future__ import annotations

import sys
import textwrap

import pytest
from conftest import REPO, CorpusMaker, errors_of

# (what the person did, the file they wrote, the first error tracker gives)
MISTAKES: list[tuple[str, str, str]] = [
    (
        "Typo in a key",
        "claims:\n  - id: a\n    text: t\n    soruce: nyt\n",
        "claims/a.yaml:4:5: error: unknown key 'soruce' in claim 'a'; did you mean 'source'?",
    ),
    (
        "Typo in a top-level key",
        "claim:\n  - id: a\n",
        "claims/a.yaml:1:1: error: unknown top-level key 'claim'; did you mean 'claims'?",
    ),
    (
        "A source id that does not exist",
        "claims:\n  - {id: a, text: t, source: nytimes}\n",
        "claims/a.yaml:2:30: error: unknown source 'nytimes'; did you mean 'nyt'?",
    ),
    (
        "A misspelt topic id",
        "claims:\n  - {id: a, text: t, source: nyt, topic: methods, position: projectile}\n",
        "claims/a.yaml:2:42: error: unknown topic 'methods'; did you mean 'method'?",
    ),
    (
        "A claim without its '- '",
        "claims:\n  id: a\n  text: t\n",
        "claims/a.yaml:2:3: error: 'claims' must be a list, not a mapping (key: value lines); "
        "start each claim with '- ' (e.g. `- id: a`)",
    ),
    (
        "Sources written as a list",
        "sources:\n  - reuters: {name: Reuters}\n",
        "claims/a.yaml:2:3: error: 'sources' must be a mapping (key: value lines), not a list; "
        "write each source as `id: {name: ...}`, without '- '",
    ),
    (
        "A colon inside an unquoted value",
        "claims:\n  - id: a\n    text: Fars said: a lie\n    source: fars\n",
        "claims/a.yaml:3:20: error: YAML syntax: mapping values are not allowed in this context "
        "(an unexpected ':'; if the value contains ': ', put the whole value in quotes, "
        "otherwise check the indentation of this line)",
    ),
    (
        "No space after a colon",
        "claims:\n  - id:a\n",
        "claims/a.yaml:2:5: error: claim 1 must be a mapping (key: value lines), not the text "
        "'id:a'; put a space after each ':' (e.g. `id: a`, not `id:a`)",
    ),
    (
        "A key indented too far",
        "claims:\n  - id: a\n     text: t\n",
        "claims/a.yaml:3:10: error: YAML syntax: mapping values are not allowed in this context "
        "(an unexpected ':'; if the value contains ': ', put the whole value in quotes, "
        "otherwise check the indentation of this line)",
    ),
    (
        "A key indented too little",
        "claims:\n  - id: a\n    text: t\n  source: nyt\n",
        "claims/a.yaml:4:3: error: YAML syntax: did not find expected '-' indicator (a list item "
        "is missing its '- ', or this line is indented differently from the items above it)",
    ),
    (
        "A tab used for indentation",
        "claims:\n  - id: a\n\ttext: t\n",
        "claims/a.yaml:3:1: error: YAML syntax: found a tab character that violates indentation "
        "(a tab character: YAML indents with spaces only, replace the tab with spaces)",
    ),
    (
        "A quote left open",
        'claims:\n  - id: a\n    text: "Haniyeh was killed\n    source: nyt\n',
        "claims/a.yaml:5:1: error: YAML syntax: found unexpected end of stream (a quoted string "
        "or bracket is never closed)",
    ),
    (
        "The same claim id twice",
        "claims:\n  - {id: a, text: t, source: nyt}\n  - {id: a, text: u, source: fars}\n",
        "claims/a.yaml:3:10: error: duplicate claim id 'a': also defined at claims/a.yaml:2:10; "
        "ids are global to the corpus, so rename one of them",
    ),
    (
        "A position the topic does not declare",
        "claims:\n  - {id: a, text: t, source: nyt, topic: method, position: bomb}\n",
        "claims/a.yaml:2:60: error: position 'bomb' is not one of the positions of topic "
        "'method'; declared: explosive device, projectile, aerial strike",
    ),
    (
        "A choice claim without a position",
        "claims:\n  - {id: a, text: t, source: nyt, topic: method}\n",
        "claims/a.yaml:2:5: error: claim 'a' is on choice topic 'method' but has no 'position'; "
        "add `position: <the answer it gives>`",
    ),
    (
        "A number with thousands separators",
        'claims:\n  - {id: a, text: t, source: nyt, topic: toll, value: "1,197"}\n',
        "claims/a.yaml:2:55: error: 'value' in claim 'a' must be a number, not the text '1,197' "
        "(write it without thousands separators: 1197)",
    ),
    (
        "A date that is not ISO",
        "claims:\n  - {id: a, text: t, source: nyt, date: 31 July 2024}\n",
        "claims/a.yaml:2:41: error: 'date' in claim 'a': '31 July 2024' is not an ISO date; "
        "write 2024-07-31",
    ),
    (
        "A quote that is not in the document",
        "claims:\n  - id: a\n    text: t\n    source: nyt\n    evidence:\n"
        "      - {document: seeds/doc.txt, quote: killed by a bomb}\n",
        "claims/a.yaml:6:42: error: quote 'killed by a bomb' does not occur in 'seeds/doc.txt'; "
        "copy it exactly from the document (spacing and typographic quotes do not matter)",
    ),
    (
        "The originator listed again under via",
        "claims:\n  - {id: a, text: t, source: nyt, via: [nyt]}\n",
        "claims/a.yaml:2:41: error: 'via' of claim 'a' names its originator 'nyt'; a source does "
        "not relay its own claim: remove it from 'via'",
    ),
    (
        "'upheld' without 'status: resolved'",
        "claims:\n  - {id: a, text: t, source: nyt}\n  - {id: b, text: t, source: fars}\n"
        "contradictions:\n  - {claims: [a, b], upheld: a}\n",
        "claims/a.yaml:5:30: error: 'upheld' names the claim that stands after a resolution; add "
        "`status: resolved` or remove 'upheld'",
    ),
    (
        "A value on a topic that is not marked as a number",
        "topics:\n  arrests: {question: How many were arrested?}\n"
        "claims:\n  - {id: a, text: t, source: nyt, topic: arrests, value: 24}\n",
        "claims/a.yaml:4:58: error: topic 'arrests' is a choice topic, so claim 'a' gives a "
        "'position', not a 'value' (or add `kind: number` to the topic)",
    ),
]


@pytest.mark.parametrize(("mistake", "text", "expected"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_mistake_gets_an_actionable_message(
    mistake: str, text: str, expected: str, make_corpus: CorpusMaker
) -> None:
    claims = make_corpus({"a.yaml": text})
    assert errors_of(claims)[0] == expected


def table() -> str:
    rows = [
        "# The most likely editing mistakes",
        "",
        "What `tracker validate` says for each (generated from `tests/test_mistakes.py`;",
        "every row is checked by the test suite).",
        "",
    ]
    for mistake, text, expected in MISTAKES:
        rows += [
            f"## {mistake}",
            "",
            "```yaml",
            text.rstrip("\n"),
            "```",
            "",
            "```text",
            textwrap.fill(expected, 100, break_long_words=False, break_on_hyphens=False),
            "```",
            "",
        ]
    return "\n".join(rows)


def test_docs_table_is_current() -> None:
    path = REPO / "docs" / "mistakes.md"
    assert path.read_text(encoding="utf-8") == table(), (
        "regenerate with: python tests/test_mistakes.py > docs/mistakes.md"
    )


if __name__ == "__main__":
    sys.stdout.write(table())

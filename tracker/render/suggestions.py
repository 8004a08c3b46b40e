"""`tracker suggest` laid out: a table for a terminal, Markdown, or JSON.

Each suggestion carries what a person pastes: the lines to add to a claim for a topic, and
a ``contradictions`` entry for a pair. Nothing is written to any file; the person decides.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.escape import markdown as md
from tracker.escape import markdown_code as code
from tracker.escape import shorten, terminal, yaml_scalar
from tracker.render.grid import draw
from tracker.suggest import PairSuggestion, Suggestions, TopicSuggestion

SUGGEST_FORMATS = ("table", "markdown", "json")  # the choices of `tracker suggest --format`
MAX_TEXT = 160  # characters of a claim's text shown in a table cell


def entry_lines(pair: PairSuggestion) -> list[str]:
    """The ``contradictions`` entry to paste (indented as under ``contradictions:``)."""
    note = "Suggested by tracker suggest: " + "; ".join(pair.reasons)
    return [f"  - claims: [{pair.claims[0]}, {pair.claims[1]}]", f"    note: {yaml_scalar(note)}"]


def _limited(items: list[Any], limit: int) -> list[Any]:
    return items if not limit else items[:limit]


def _heading(count: int, shown: int, noun: str) -> str:
    return f"{noun} ({shown} of {count})" if shown < count else f"{noun} ({count})"


def render_table(found: Suggestions, limit: int, width: int) -> str:
    topics = _limited(found.topics, limit)
    pairs = _limited(found.pairs, limit)
    parts = [
        f"{found.pair_total} candidate contradictions and {found.topic_total} topics suggested "
        f"among {found.compared_claims} claims; nothing was written.",
        "",
    ]
    if topics:
        parts.append(_heading(found.topic_total, len(topics), "Topics for claims with none") + ":")
        body = [
            [
                s.claim,
                terminal(shorten(found.claims[s.claim][1], MAX_TEXT)),
                f"{s.score:.3f}",
                "\n".join(s.lines),
            ]
            for s in topics
        ]
        parts.append(draw(["Claim", "Text", "Score", "Add to the claim"], body, width))
    if pairs:
        parts.append(_heading(found.pair_total, len(pairs), "Contradictions to consider") + ":")
        body = []
        for rank, pair in enumerate(pairs, start=1):
            claims = "\n".join(
                f"{c}: {terminal(shorten(found.claims[c][1], MAX_TEXT))} "
                f"({terminal(found.claims[c][0])})"
                for c in pair.claims
            )
            why = "\n".join(terminal(r) for r in pair.reasons)
            body.append([str(rank), claims, f"{pair.score:.3f}", why])
        parts.append(draw(["#", "Claims", "Score", "Why"], body, width))
        parts.append("To record one, paste its entry under `contradictions:` in a claims file")
        parts.append("(add `status: dismissed` to say no: it is never suggested again):")
        parts.append("")
        parts.append("contradictions:")
        for rank, pair in enumerate(pairs, start=1):
            parts.append(f"  # {rank}")
            parts.extend(terminal(line) for line in entry_lines(pair))
    if not topics and not pairs:
        parts.append("Nothing to suggest: every claim is compared, or no two read alike.")
    return "\n".join(parts).rstrip("\n") + "\n"


def render_markdown(found: Suggestions, limit: int) -> str:
    topics = _limited(found.topics, limit)
    pairs = _limited(found.pairs, limit)
    lines = [
        "# Suggestions",
        "",
        f"{found.pair_total} candidate contradictions and {found.topic_total} topics "
        f"suggested among {found.compared_claims} claims; nothing was written.",
    ]
    if topics:
        lines += [
            "",
            "## " + _heading(found.topic_total, len(topics), "Topics for claims with none"),
        ]
        for s in topics:
            source, text = found.claims[s.claim]
            lines += [
                "",
                f"- {code(s.claim)} ({md(source)}): {md(shorten(text, MAX_TEXT))}  ",
                f"  *{md(s.question)}*: {md(s.answer) or 'answer not read from the text'} "
                f"(score {s.score:.3f})",
                "",
                "  ```yaml",
                *(f"  {line}" for line in s.lines),
                "  ```",
            ]
    if pairs:
        lines += ["", "## " + _heading(found.pair_total, len(pairs), "Contradictions to consider")]
        for rank, pair in enumerate(pairs, start=1):
            lines += [
                "",
                f"{rank}. Score {pair.score:.3f}: " + "; ".join(md(r) for r in pair.reasons),
            ]
            for c in pair.claims:
                source, text = found.claims[c]
                lines.append(f"   - {code(c)} ({md(source)}): {md(shorten(text, MAX_TEXT))}")
            lines += [
                "",
                "   ```yaml",
                "   contradictions:",
                *(f"   {line}" for line in entry_lines(pair)),
                "   ```",
            ]
        lines += [
            "",
            "Paste an entry under `contradictions:` to record it; add `status: dismissed` to "
            "say no (a recorded pair is never suggested again).",
        ]
    return "\n".join(lines) + "\n"


def _topic_data(s: TopicSuggestion) -> dict[str, Any]:
    return {
        "claim": s.claim,
        "topic": s.topic,
        "question": s.question,
        "score": s.score,
        "answer": s.answer or None,
        "yaml": "\n".join(s.lines) + "\n",
    }


def _pair_data(pair: PairSuggestion) -> dict[str, Any]:
    return {
        "claims": list(pair.claims),
        "score": pair.score,
        "similarity": pair.similarity,
        "cues": [cue.kind for cue in pair.cues],
        "reasons": pair.reasons,
        "yaml": "\n".join(entry_lines(pair)) + "\n",
    }


def render_json(found: Suggestions, limit: int) -> str:
    data = {
        "claims": found.compared_claims,
        "topics_found": found.topic_total,
        "contradictions_found": found.pair_total,
        "topics": [_topic_data(s) for s in _limited(found.topics, limit)],
        "contradictions": [_pair_data(p) for p in _limited(found.pairs, limit)],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_suggestions(found: Suggestions, fmt: str, *, limit: int, width: int) -> str:
    if fmt == "json":
        return render_json(found, limit)
    if fmt == "markdown":
        return render_markdown(found, limit)
    return render_table(found, limit, width)

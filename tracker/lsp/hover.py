"""What a hover shows, as Markdown: on a claim id its dispute in one paragraph (its answer,
that answer's independent origins, the conflicts it is in with their status); on a source
id its name, kind, reliability and ``part_of`` chain; on a topic id its question and the
answers given with their origin counts. The words are the report's (tracker.analysis.report):
the same attribution, answer labels and origin counts."""

from __future__ import annotations

from tracker.analysis.answers import answer_of
from tracker.analysis.history import dated
from tracker.analysis.report import ReportIndex, attribution, origins_text
from tracker.corpus.records import Source
from tracker.escape import markdown
from tracker.lsp.occurrences import Occurrence
from tracker.lsp.workspace import Workspace

NOT_ANALYSED = "_The corpus has errors: conflicts and answers are shown once it validates._"


def hover_text(workspace: Workspace, found: Occurrence) -> str | None:
    if workspace.analysed is None:
        return None
    if found.kind == "source":
        return _source(workspace.analysed.corpus.sources, found.id)
    if found.kind == "topic":
        return _topic(workspace, found.id)
    return _claim(workspace, found.id)


def _source(sources: dict[str, Source], ident: str) -> str | None:
    source = sources.get(ident)
    if source is None:
        return None
    lines = [f"**{markdown(source.name)}** (source `{ident}`)", ""]
    facts = [f"kind: {source.kind}", f"reliability: {source.reliability or 'not graded'}"]
    lines.append(" · ".join(facts))
    chain: list[str] = []
    seen = {ident}
    above = source.part_of
    while above is not None and above not in seen:
        seen.add(above)
        parent = sources.get(above)
        chain.append(f"{markdown(parent.name)} (`{above}`)" if parent else f"`{above}`")
        above = parent.part_of if parent else None
    if chain:
        lines += ["", "part of: " + " → ".join(chain)]
    return "\n".join(lines)


def _topic(workspace: Workspace, ident: str) -> str | None:
    assert workspace.analysed is not None
    topic = workspace.analysed.corpus.topics.get(ident)
    if topic is None:
        return None
    lines = [f"**{markdown(topic.question)}** (topic `{ident}`, {topic.kind})", ""]
    joined = workspace.joins()
    if joined is None:
        if topic.positions:
            lines.append("positions: " + ", ".join(topic.positions))
        lines += ["", NOT_ANALYSED]
        return "\n".join(lines)
    _, answered, _ = joined
    given = answered(topic)
    if not given:
        lines.append("No claim answers it yet.")
    for answer in given:
        count = len(answer.claims)
        lines.append(
            f"- {markdown(answer.label)}: {origins_text(len(answer.origins))} "
            f"({count} claim{'s' * (count != 1)})"
        )
    return "\n".join(lines)


def _said(index: ReportIndex, claim_id: str, topic_id: str | None) -> str:
    """Another claim of a conflict as the hover names it: its id, and what it answers there
    with the time the answer holds ("`cp-47` saying “47 people”, as of 2025-10-05")."""
    claim = index.claims.get(claim_id)
    topic = index.topics.get(topic_id or "")
    if claim is None or topic is None:
        return f"`{claim_id}`"
    view = next((v for v in index.about.get(topic.id, []) if v.id == claim_id), claim)
    answer = answer_of(topic, view)[1]
    when = dated(answer, view).removeprefix(answer)
    return f"`{claim_id}` saying “{markdown(answer)}”{markdown(when)}"


def _claim(workspace: Workspace, ident: str) -> str | None:
    assert workspace.analysed is not None
    claim = workspace.analysed.corpus.claims.get(ident)
    if claim is None:
        return None
    sources = workspace.analysed.corpus.sources
    head = f"**{ident}**: {markdown(' '.join(claim.text.split()))} ({attribution(sources, claim)})"
    joined = workspace.joins()
    if joined is None:
        return f"{head}\n\n{NOT_ANALYSED}"
    index, answered, by_claim = joined
    words: list[str] = []
    topic = index.topics.get(claim.topic or "")
    if topic is not None:
        for answer in answered(topic):
            if any(c.id == ident for c in answer.claims):
                words.append(
                    f"To “{markdown(topic.question)}” it answers "
                    f"“{markdown(answer.label)}”, an answer with "
                    f"{origins_text(len(answer.origins))}."
                )
                break
    else:
        words.append("It answers no topic.")
    revisers = sorted(
        c.id for c in workspace.analysed.corpus.claims.values() if ident in c.supersedes
    )
    if revisers or claim.retracted:
        gave = f"“{markdown(answer_of(topic, claim)[1])}”" if topic is not None else "its answer"
        if revisers:
            words.append(
                f"It was revised by {', '.join(f'`{c}`' for c in revisers)}: {gave} is "
                "history, compared with nothing."
            )
        else:
            words.append(
                f"It was retracted {markdown(claim.retracted or '')}: {gave} is history, "
                "compared with nothing."
            )
    conflicts = by_claim.get(ident, [])
    if not conflicts:
        words.append("It is in no conflict.")
    else:
        plural = "s" * (len(conflicts) != 1)
        parts = []
        for conflict in conflicts:
            others = sorted({c for c in conflict.claim_ids if c != ident})
            with_whom = ", ".join(_said(index, c, conflict.topic) for c in others) or "itself"
            parts.append(f"{conflict.kind} with {with_whom} ({conflict.status})")
        words.append(f"It is in {len(conflicts)} conflict{plural}: " + "; ".join(parts) + ".")
    return f"{head}\n\n" + " ".join(words)

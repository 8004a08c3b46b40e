"""Checks that look across records: references, answers, quotes, and what is merely suspect.

Each rule is a small function that takes the assembled corpus and yields diagnostics; adding a
rule means adding one function to :data:`RULES`. The chains (part_of, supersedes) are in
:mod:`tracker.corpus.chains`, the quotes in :mod:`tracker.corpus.quotes`; what every rule
shares (the context, the test for a reference to nothing) in :mod:`tracker.corpus.checking`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from tracker.corpus.chains import (
    check_implications,
    check_implied_answers,
    check_part_of,
    check_revisions,
)
from tracker.corpus.checking import Context, Rule, missing_reference, unknown_message
from tracker.corpus.quotes import check_evidence
from tracker.corpus.records import Claim, Corpus, NumberValue, answer_key, uncompared_claims
from tracker.corpus.views import Implications, answer_views
from tracker.diagnostics import Code, Diagnostic, clip, diagnose, did_you_mean
from tracker.reading.files import CorpusFiles


def check_claim_references(ctx: Context) -> Iterator[Diagnostic]:
    sources, topics = ctx.corpus.sources, ctx.corpus.topics
    for claim in ctx.corpus.claims.values():
        if missing_reference(ctx, "source", claim.source, sources):
            yield diagnose(
                claim.location("source"),
                Code.UNKNOWN_SOURCE,
                unknown_message("source", claim.source, sources),
            )
        seen: set[str] = set()
        for index, relay in enumerate(claim.via):
            where = claim.location(f"via.{index}")
            if missing_reference(ctx, "source", relay, sources):
                yield diagnose(
                    where, Code.UNKNOWN_SOURCE, unknown_message("source", relay, sources)
                )
            if relay == claim.source:
                yield diagnose(
                    where,
                    Code.VIA_ORIGINATOR,
                    f"'via' of claim '{claim.id}' names its originator '{relay}'; "
                    "a source does not relay its own claim: remove it from 'via'",
                )
            elif relay in seen:
                yield diagnose(
                    where,
                    Code.VIA_REPEAT,
                    f"'via' of claim '{claim.id}' names '{relay}' twice; list each relay once",
                )
            seen.add(relay)
        if claim.topic is not None and missing_reference(ctx, "topic", claim.topic, topics):
            yield diagnose(
                claim.location("topic"),
                Code.UNKNOWN_TOPIC,
                unknown_message("topic", claim.topic, topics),
            )


def check_claim_answers(ctx: Context) -> Iterator[Diagnostic]:
    """A claim answers each topic in the topic's own terms, and each topic once."""
    for claim in ctx.corpus.claims.values():
        if claim.topic is None:
            for key in ("position", "value", "stance"):
                if key in claim.marks:
                    yield diagnose(
                        claim.location(key),
                        Code.NO_TOPIC,
                        f"claim '{claim.id}' has '{key}' but no 'topic'; add the "
                        "topic it answers, or remove the key",
                    )
        else:
            yield from _check_answer(ctx, claim, "", claim.topic, claim.position, claim.stance)
            if claim.tolerance is not None:
                topic = ctx.corpus.topics.get(claim.topic)
                if topic is not None and topic.kind == "choice":
                    yield diagnose(
                        claim.location("tolerance"),
                        Code.NUMBER_KEY_ON_CHOICE,
                        f"'tolerance' applies to claims on number topics; topic '{topic.id}' "
                        "is a choice topic: remove it",
                    )
        answered = {claim.topic: "topic"}
        for index, answer in enumerate(claim.answers):
            prefix = f"answers.{index}."
            if answer.topic in answered:
                yield diagnose(
                    claim.location(prefix + "topic"),
                    Code.REPEATED_ANSWER,
                    f"claim '{claim.id}' already answers topic '{answer.topic}' (its "
                    f"{answered[answer.topic]}); a claim gives one answer to a topic: remove "
                    "one, or split the claim if its source really gave two",
                )
                continue
            answered[answer.topic] = f"answer {index + 1}"
            if missing_reference(ctx, "topic", answer.topic, ctx.corpus.topics):
                yield diagnose(
                    claim.location(prefix + "topic"),
                    Code.UNKNOWN_TOPIC,
                    unknown_message("topic", answer.topic, ctx.corpus.topics),
                )
                continue
            yield from _check_answer(
                ctx, claim, prefix, answer.topic, answer.position, answer.stance, answer.value
            )


def _check_answer(
    ctx: Context,
    claim: Claim,
    prefix: str,
    topic_id: str,
    position: str | None,
    stance: str,
    value: NumberValue | None = None,
) -> Iterator[Diagnostic]:
    """One answer of a claim (its own, ``prefix`` "", or a further one, "answers.N."),
    reported at the keys that give it."""
    topic = ctx.corpus.topics.get(topic_id)
    if topic is None:
        return
    if not prefix:
        value = claim.value
    where = prefix.rstrip(".")  # the answer's own place (the claim's, for its own answer)
    who = f"claim '{claim.id}'"
    if prefix:
        who = f"item {int(prefix.split('.')[1]) + 1} of 'answers' of claim '{claim.id}'"
    if topic.kind == "choice":
        if value is not None:
            yield diagnose(
                claim.location(prefix + "value"),
                Code.VALUE_ON_CHOICE,
                f"topic '{topic.id}' is a choice topic, so {who} "
                "gives a 'position', not a 'value' (or add `kind: number` to the topic)",
            )
        if position is None and value is None:
            yield diagnose(
                claim.location(where),
                Code.MISSING_ANSWER,
                f"{who} is on choice topic '{topic.id}' but has no "
                "'position'; add `position: <the answer it gives>`",
            )
        elif position is not None and topic.canonical_position(position) is None:
            declared = topic.positions or ()
            hint = did_you_mean(position, declared)
            advice = f"did you mean '{hint}'? " if hint else ""
            yield diagnose(
                claim.location(prefix + "position"),
                Code.UNKNOWN_POSITION,
                f"position '{clip(position)}' is not one of the positions of topic "
                f"'{topic.id}'; {advice}declared: {', '.join(declared)}",
            )
    else:
        if position is not None:
            yield diagnose(
                claim.location(prefix + "position"),
                Code.POSITION_ON_NUMBER,
                f"topic '{topic.id}' is a number topic, so {who} gives a 'value', not a 'position'",
            )
        if stance == "denies":
            yield diagnose(
                claim.location(prefix + "stance"),
                Code.DENIAL_ON_NUMBER,
                f"{who}: 'stance: denies' applies to choice topics; "
                f"on number topic '{topic.id}' give the value the source asserts",
            )
        if value is None:
            yield diagnose(
                claim.location(where),
                Code.MISSING_ANSWER,
                f"{who} is on number topic '{topic.id}' but has no "
                "'value'; add `value: <number>` or `value: [low, high]`",
            )


def check_topics(ctx: Context) -> Iterator[Diagnostic]:
    implications = Implications.of(ctx.corpus.topics)
    used = Counter(
        view.topic for c in ctx.corpus.claims.values() for view in answer_views(c, implications)
    )
    for topic in ctx.corpus.topics.values():
        if topic.kind == "number":
            for key in ("positions", "compatible", "implies"):
                if key in topic.marks:
                    yield diagnose(
                        topic.location(key),
                        Code.CHOICE_KEY_ON_NUMBER,
                        f"'{key}' applies to choice topics; topic '{topic.id}' is a number topic",
                    )
        else:
            for key in ("unit", "tolerance", "cumulative"):
                if key in topic.marks:
                    yield diagnose(
                        topic.location(key),
                        Code.NUMBER_KEY_ON_CHOICE,
                        f"'{key}' applies to number topics; add `kind: number` to "
                        f"topic '{topic.id}' or remove '{key}'",
                    )
        if topic.positions is not None:
            seen: set[str] = set()
            for index, position in enumerate(topic.positions):
                if answer_key(position) in seen:
                    yield diagnose(
                        topic.location(f"positions.{index}"),
                        Code.DUPLICATE_POSITION,
                        f"topic '{topic.id}' lists position '{clip(position)}' twice "
                        "(case and spacing do not count); keep one",
                    )
                seen.add(answer_key(position))
            for index, (position, included) in enumerate(topic.implies):
                for name in (position, *included):
                    if topic.canonical_position(name) is None:
                        yield diagnose(
                            topic.location(f"implies.{index}"),
                            Code.TOPIC_UNKNOWN_POSITION,
                            f"'implies' names '{clip(name)}', which is not a position of "
                            f"topic '{topic.id}'; declared: {', '.join(topic.positions)}",
                        )
            for index, pair in enumerate(topic.compatible):
                for position in pair:
                    if topic.canonical_position(position) is None:
                        yield diagnose(
                            topic.location(f"compatible.{index}"),
                            Code.TOPIC_UNKNOWN_POSITION,
                            f"compatible pair names '{clip(position)}', which is not a "
                            f"position of topic '{topic.id}'",
                        )
        if not used[topic.id] and ctx.corpus.complete:
            yield diagnose(
                topic.location("id"), Code.UNUSED_TOPIC, f"topic '{topic.id}' has no claims"
            )


def check_contradictions(ctx: Context) -> Iterator[Diagnostic]:
    claims = ctx.corpus.claims
    seen: dict[frozenset[str], str] = {}
    for entry in ctx.corpus.contradictions:
        for index, claim_id in enumerate(entry.claims):
            if missing_reference(ctx, "claim", claim_id, claims):
                yield diagnose(
                    entry.location(f"claims.{index}"),
                    Code.UNKNOWN_CLAIM,
                    unknown_message("claim", claim_id, claims),
                )
        repeated = sorted(c for c, n in Counter(entry.claims).items() if n > 1)
        for claim_id in repeated:
            yield diagnose(
                entry.location("claims"),
                Code.SELF_CONTRADICTION,
                f"contradiction names claim '{claim_id}' more than once; a claim "
                "cannot contradict itself: name two or more different claims",
            )
        if len(set(entry.claims)) >= 2:
            key = frozenset(entry.claims)
            if key in seen:
                yield diagnose(
                    entry.location(),
                    Code.DUPLICATE_CONTRADICTION,
                    f"these claims are already listed together at {seen[key]}; keep one entry",
                )
            else:
                seen[key] = str(entry.location())
        if entry.upheld is not None:
            if entry.status != "resolved":
                yield diagnose(
                    entry.location("upheld"),
                    Code.UPHELD_NEEDS_RESOLVED,
                    "'upheld' names the claim that stands after a resolution; add "
                    "`status: resolved` or remove 'upheld'",
                )
            if entry.upheld not in entry.claims:
                yield diagnose(
                    entry.location("upheld"),
                    Code.UPHELD_NOT_LISTED,
                    f"upheld claim '{entry.upheld}' is not one of this entry's claims "
                    f"({', '.join(entry.claims)})",
                )
        if entry.resolution is not None and entry.status == "open":
            yield diagnose(
                entry.location("resolution"),
                Code.RESOLUTION_ON_OPEN,
                "this entry has a 'resolution' but its status is open; set "
                "`status: resolved` or `status: dismissed`",
            )


MAX_HINTED = 1000  # unknown names looked up for the source they mean (a hostile corpus has more)


def check_unused_sources(ctx: Context) -> Iterator[Diagnostic]:
    if not ctx.corpus.complete:
        return  # a claim that failed to read may be the one that uses the source
    used: set[str] = set()
    for claim in ctx.corpus.claims.values():
        used.add(claim.source)
        used.update(claim.via)
    # A parent named by `part_of` is used: its members' claims count as its own.
    used.update(s.part_of for s in ctx.corpus.sources.values() if s.part_of)
    # A source a misspelt reference most likely means is used too: the unknown-source error
    # already offers it, and a second warning that it is unused would only mislead.
    sources = ctx.corpus.sources
    unknown = sorted(used - sources.keys())[:MAX_HINTED]
    used.update(hint for name in unknown if (hint := did_you_mean(name, sources)) is not None)
    for source in ctx.corpus.sources.values():
        if source.id not in used:
            yield diagnose(
                source.location("id"),
                Code.UNUSED_SOURCE,
                f"source '{source.id}' is not the source or relay of any claim",
            )


def check_uncompared(ctx: Context) -> Iterator[Diagnostic]:
    """Claims no rule compares (reported only when the code is selected)."""
    corpus = ctx.corpus
    for claim in uncompared_claims(corpus.claims.values(), corpus.contradictions):
        yield diagnose(
            claim.location("id"),
            Code.UNCOMPARED_CLAIM,
            f"claim '{claim.id}' is compared with nothing: it has no topic and no "
            "contradictions entry names it; give it a topic and an answer, or record it in "
            "a contradictions entry",
        )


RULES: tuple[Rule, ...] = (
    check_claim_references,
    check_claim_answers,
    check_topics,
    check_part_of,
    check_revisions,
    check_implications,
    check_implied_answers,
    check_contradictions,
    check_evidence,
    check_unused_sources,
    check_uncompared,
)


def run_rules(corpus: Corpus, files: CorpusFiles) -> list[Diagnostic]:
    ctx = Context(corpus, files)
    return [d for rule in RULES for d in rule(ctx)]

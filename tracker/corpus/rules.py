"""Checks that look across records: references, answers, quotes, and what is merely suspect.

Each rule is a small function that takes the assembled corpus and yields diagnostics; adding a
rule means adding one function to :data:`RULES`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from tracker.corpus.records import Corpus, answer_key
from tracker.diagnostics import Code, Diagnostic, Location, clip, diagnose, did_you_mean, quoted
from tracker.reading.files import CorpusFiles, DocumentRefused
from tracker.reading.parse import decode


@dataclass
class Context:
    corpus: Corpus
    files: CorpusFiles
    documents: dict[str, str | DocumentRefused] = field(default_factory=dict)

    def document_text(self, name: str) -> str | DocumentRefused:
        """A local document's text, read once however many claims quote it."""
        if name not in self.documents:
            try:
                text, problems = decode(name, self.files.read_document(name))
                self.documents[name] = (
                    text
                    if text is not None
                    else DocumentRefused(problems[0].message if problems else "unreadable")
                )
            except DocumentRefused as exc:
                self.documents[name] = exc
        return self.documents[name]


Rule = Callable[[Context], Iterable[Diagnostic]]


def _missing(ctx: Context, kind: str, ident: str, known: Iterable[str]) -> bool:
    """Whether a reference names nothing: not declared, not an entry that was declared but
    failed to read (whose own error is reported where it stands), and not a word of a file
    that does not parse (which may declare it; that file's error says so)."""
    if ident in known or (kind, ident) in ctx.corpus.broken:
        return False
    for path, words in ctx.corpus.unparsed.items():
        if ident in words:
            ctx.corpus.excused[path] = ctx.corpus.excused.get(path, 0) + 1
            return False
    return True


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    hint = did_you_mean(value, known)
    advice = f"did you mean '{hint}'?" if hint else f"declare it under '{kind}s'"
    return f"unknown {kind} '{value}'; {advice}"


def check_claim_references(ctx: Context) -> Iterator[Diagnostic]:
    sources, topics = ctx.corpus.sources, ctx.corpus.topics
    for claim in ctx.corpus.claims.values():
        if _missing(ctx, "source", claim.source, sources):
            yield diagnose(
                claim.location("source"),
                Code.UNKNOWN_SOURCE,
                _unknown("source", claim.source, sources),
            )
        seen: set[str] = set()
        for index, relay in enumerate(claim.via):
            where = claim.location(f"via.{index}")
            if _missing(ctx, "source", relay, sources):
                yield diagnose(where, Code.UNKNOWN_SOURCE, _unknown("source", relay, sources))
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
        if claim.topic is not None and _missing(ctx, "topic", claim.topic, topics):
            yield diagnose(
                claim.location("topic"), Code.UNKNOWN_TOPIC, _unknown("topic", claim.topic, topics)
            )


def check_claim_answers(ctx: Context) -> Iterator[Diagnostic]:
    """A claim answers its topic in the topic's own terms."""
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
            continue
        topic = ctx.corpus.topics.get(claim.topic)
        if topic is None:
            continue
        if topic.kind == "choice":
            if claim.tolerance is not None:
                yield diagnose(
                    claim.location("tolerance"),
                    Code.NUMBER_KEY_ON_CHOICE,
                    f"'tolerance' applies to claims on number topics; topic '{topic.id}' "
                    "is a choice topic: remove it",
                )
            if claim.value is not None:
                yield diagnose(
                    claim.location("value"),
                    Code.VALUE_ON_CHOICE,
                    f"topic '{topic.id}' is a choice topic, so claim '{claim.id}' "
                    "gives a 'position', not a 'value' (or add `kind: number` to the topic)",
                )
            if claim.position is None and claim.value is None:
                yield diagnose(
                    claim.location(),
                    Code.MISSING_ANSWER,
                    f"claim '{claim.id}' is on choice topic '{topic.id}' but has no "
                    "'position'; add `position: <the answer it gives>`",
                )
            elif claim.position is not None and topic.canonical_position(claim.position) is None:
                declared = topic.positions or ()
                hint = did_you_mean(claim.position, declared)
                advice = f"did you mean '{hint}'? " if hint else ""
                yield diagnose(
                    claim.location("position"),
                    Code.UNKNOWN_POSITION,
                    f"position '{clip(claim.position)}' is not one of the positions of topic "
                    f"'{topic.id}'; {advice}declared: {', '.join(declared)}",
                )
        else:
            if claim.position is not None:
                yield diagnose(
                    claim.location("position"),
                    Code.POSITION_ON_NUMBER,
                    f"topic '{topic.id}' is a number topic, so claim '{claim.id}' "
                    "gives a 'value', not a 'position'",
                )
            if claim.stance == "denies":
                yield diagnose(
                    claim.location("stance"),
                    Code.DENIAL_ON_NUMBER,
                    f"claim '{claim.id}': 'stance: denies' applies to choice topics; "
                    f"on number topic '{topic.id}' give the value the source asserts",
                )
            if claim.value is None:
                yield diagnose(
                    claim.location(),
                    Code.MISSING_ANSWER,
                    f"claim '{claim.id}' is on number topic '{topic.id}' but has no "
                    "'value'; add `value: <number>` or `value: [low, high]`",
                )


def check_topics(ctx: Context) -> Iterator[Diagnostic]:
    used = Counter(c.topic for c in ctx.corpus.claims.values())
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


def find_cycle(edges: dict[str, list[str]]) -> list[str] | None:
    """One cycle of a directed graph given as adjacency lists (its nodes in order), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(edges):
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            following = edges.get(node, [])
            if index < len(following):
                stack.append((node, index + 1))
                nxt = following[index]
                if state.get(nxt) == 1:
                    return path[path.index(nxt) :]
                if not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
    return None


def check_part_of(ctx: Context) -> Iterator[Diagnostic]:
    """`part_of` names a declared source and never leads back to where it started."""
    sources = ctx.corpus.sources
    edges: dict[str, list[str]] = {}
    for source in sources.values():
        parent = source.part_of
        if parent is None:
            continue
        if _missing(ctx, "source", parent, sources):
            yield diagnose(
                source.location("part_of"), Code.UNKNOWN_SOURCE, _unknown("source", parent, sources)
            )
        elif parent == source.id:
            yield diagnose(
                source.location("part_of"),
                Code.PART_OF_CYCLE,
                f"source '{source.id}' is 'part_of' itself; name the larger body it belongs to",
            )
        else:
            edges[source.id] = [parent]
    cycle = find_cycle(edges)
    if cycle and len(cycle) > 1:
        first = sources[cycle[0]]
        yield diagnose(
            first.location("part_of"),
            Code.PART_OF_CYCLE,
            f"'part_of' goes round in a circle ({' → '.join([*cycle, cycle[0]])}); "
            "one of these sources must be the top, with no 'part_of'",
        )


def check_revisions(ctx: Context) -> Iterator[Diagnostic]:
    """A claim revises only claims of its own originator, or that its relay carried."""
    claims = ctx.corpus.claims
    edges: dict[str, list[str]] = {}
    for claim in claims.values():
        for index, old_id in enumerate(claim.supersedes):
            where = claim.location(f"supersedes.{index}")
            old = claims.get(old_id)
            if old is None:
                if _missing(ctx, "claim", old_id, claims):
                    yield diagnose(where, Code.UNKNOWN_CLAIM, _unknown("claim", old_id, claims))
                continue
            if old_id == claim.id:
                yield diagnose(
                    where,
                    Code.SUPERSEDES_CYCLE,
                    f"claim '{claim.id}' supersedes itself; name the earlier claim it revises",
                )
                continue
            speakers = {claim.source, *claim.via}
            if old.source != claim.source and not speakers & set(old.via):
                yield diagnose(
                    where,
                    Code.SUPERSEDES_OTHER_SOURCE,
                    f"claim '{claim.id}' (from '{claim.source}') supersedes '{old_id}', which "
                    f"'{old.source}' originated{' via ' + ', '.join(old.via) if old.via else ''}; "
                    "only a source (or the outlet that carried the claim) revises its own "
                    "claim: list the two under 'contradictions' instead",
                )
                continue
            if old.topic != claim.topic:
                yield diagnose(
                    where,
                    Code.SUPERSEDES_OTHER_TOPIC,
                    f"claim '{claim.id}' supersedes '{old_id}', which answers another topic "
                    f"('{old.topic}', not '{claim.topic}'); check the id",
                )
            edges.setdefault(claim.id, []).append(old_id)
    cycle = find_cycle(edges)
    if cycle:
        yield diagnose(
            claims[cycle[0]].location("supersedes"),
            Code.SUPERSEDES_CYCLE,
            f"'supersedes' goes round in a circle ({' → '.join([*cycle, cycle[0]])}); "
            "the earliest claim supersedes nothing",
        )


def check_contradictions(ctx: Context) -> Iterator[Diagnostic]:
    claims = ctx.corpus.claims
    seen: dict[frozenset[str], str] = {}
    for entry in ctx.corpus.contradictions:
        for index, claim_id in enumerate(entry.claims):
            if _missing(ctx, "claim", claim_id, claims):
                yield diagnose(
                    entry.location(f"claims.{index}"),
                    Code.UNKNOWN_CLAIM,
                    _unknown("claim", claim_id, claims),
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


def _fold(text: str) -> str:
    """FORMAT.md's rule for quotes: white space runs fold to one space, typographic quotes
    and dashes fold to plain ones."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())


_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)


def check_evidence(ctx: Context) -> Iterator[Diagnostic]:
    folded: dict[str, str] = {}
    # a quote is often cited by many claims (each outlet relaying it): search once
    found: dict[tuple[str, str], bool] = {}
    for claim in ctx.corpus.claims.values():
        if not claim.evidence:
            yield diagnose(
                claim.location("id"),
                Code.NO_EVIDENCE,
                f"claim '{claim.id}' cites no evidence; add an 'evidence' entry "
                "with the document and quote it comes from",
            )
        for item in claim.evidence:
            line, column = item.mark
            where = Location(claim.path, line, column)
            if item.is_url:
                continue
            text = ctx.document_text(item.document)
            if isinstance(text, DocumentRefused):
                yield diagnose(
                    where, Code.DOCUMENT, f"document '{clip(item.document)}' cannot be used: {text}"
                )
                continue
            if item.quote is None:
                continue
            if item.document not in folded:
                folded[item.document] = _fold(text)
            asked = (item.document, item.quote)
            if asked not in found:
                found[asked] = _fold(item.quote) in folded[item.document]
            if not found[asked]:
                qline, qcolumn = item.quote_mark or item.mark
                yield diagnose(
                    Location(claim.path, qline, qcolumn),
                    Code.QUOTE_NOT_FOUND,
                    f"quote {quoted(item.quote)} does not occur in "
                    f"'{clip(item.document)}'; copy it exactly from the document "
                    "(spacing and typographic quotes do not matter)",
                )


def check_unused_sources(ctx: Context) -> Iterator[Diagnostic]:
    if not ctx.corpus.complete:
        return  # a claim that failed to read may be the one that uses the source
    used: set[str] = set()
    for claim in ctx.corpus.claims.values():
        used.add(claim.source)
        used.update(claim.via)
    # A parent named by `part_of` is used: its members' claims count as its own.
    used.update(s.part_of for s in ctx.corpus.sources.values() if s.part_of)
    for source in ctx.corpus.sources.values():
        if source.id not in used:
            yield diagnose(
                source.location("id"),
                Code.UNUSED_SOURCE,
                f"source '{source.id}' is not the source or relay of any claim",
            )


RULES: tuple[Rule, ...] = (
    check_claim_references,
    check_claim_answers,
    check_topics,
    check_part_of,
    check_revisions,
    check_contradictions,
    check_evidence,
    check_unused_sources,
)


def run_rules(corpus: Corpus, files: CorpusFiles) -> list[Diagnostic]:
    ctx = Context(corpus, files)
    return [d for rule in RULES for d in rule(ctx)]

"""Rules on chains of records: part_of between sources, supersedes between claims, and
implications across topics (known links, no cycles, revisions by the originator or the relay
that carried the claim, implied answers a topic declares, and a claim's own answer that its
other answers contradict by implication)."""

from __future__ import annotations

from collections.abc import Iterator

from tracker.corpus.checking import Context, missing_reference, unknown_message
from tracker.corpus.records import Topic, answer_key
from tracker.corpus.views import Implications
from tracker.diagnostics import Code, Diagnostic, clip, diagnose, did_you_mean


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
        if missing_reference(ctx, "source", parent, sources):
            yield diagnose(
                source.location("part_of"),
                Code.UNKNOWN_SOURCE,
                unknown_message("source", parent, sources),
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
                if missing_reference(ctx, "claim", old_id, claims):
                    yield diagnose(
                        where, Code.UNKNOWN_CLAIM, unknown_message("claim", old_id, claims)
                    )
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


def check_implications(ctx: Context) -> Iterator[Diagnostic]:
    """An implication across topics names another choice topic and one of its positions, and
    implications never lead back to where they started."""
    topics = ctx.corpus.topics
    edges: dict[str, list[str]] = {}
    where: dict[str, tuple[str, int]] = {}  # a node of a cycle -> the implication leaving it
    spelling: dict[str, str] = {}  # a node -> its topic and position as the topic declares it
    implied_by: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    for topic in topics.values():
        for index, implication in enumerate(topic.implies_across):
            at = topic.location(f"implies_across.{index}")
            target = topics.get(implication.topic)
            if target is None:
                if missing_reference(ctx, "topic", implication.topic, topics):
                    yield diagnose(
                        at, Code.UNKNOWN_TOPIC, unknown_message("topic", implication.topic, topics)
                    )
                continue
            if target.id == topic.id:
                yield diagnose(
                    at,
                    Code.IMPLICATION_TARGET,
                    f"'implies' of topic '{topic.id}' names its own topic; write the position "
                    f"alone (`{implication.position}: [{implication.answer}]`)",
                )
                continue
            if target.kind != "choice":
                yield diagnose(
                    at,
                    Code.IMPLICATION_TARGET,
                    f"'implies' of topic '{topic.id}' names number topic '{target.id}'; an "
                    "implication gives a position, so it names a choice topic: give claims "
                    "that state a figure an `answers` item with the value instead",
                )
                continue
            if target.canonical_position(implication.answer) is None:
                declared = target.positions or ()
                hint = did_you_mean(implication.answer, declared)
                advice = f"did you mean '{hint}'? " if hint else ""
                yield diagnose(
                    at,
                    Code.TOPIC_UNKNOWN_POSITION,
                    f"'implies' of topic '{topic.id}' names '{clip(implication.answer)}', which "
                    f"is not a position of topic '{target.id}'; {advice}declared: "
                    f"{', '.join(declared)}",
                )
                continue
            said = (target.id, answer_key(implication.answer), implication.stance)
            unsaid = (*said[:2], "denies" if implication.stance == "asserts" else "asserts")
            given = implied_by.setdefault((topic.id, answer_key(implication.position)), set())
            if unsaid in given:
                yield diagnose(
                    at,
                    Code.IMPLICATION_TARGET,
                    f"'implies' of topic '{topic.id}' makes '{clip(implication.position)}' both "
                    f"assert and deny '{clip(implication.answer)}' on topic '{target.id}'; "
                    "keep the one that holds",
                )
            given.add(said)
            spelling[f"{topic.id}: {answer_key(implication.position)}"] = (
                f"{topic.id}: {implication.position}"
            )
            spelling[f"{target.id}: {answer_key(implication.answer)}"] = (
                f"{target.id}: {target.canonical_position(implication.answer)}"
            )
            if implication.stance == "asserts":
                node = f"{topic.id}: {answer_key(implication.position)}"
                edges.setdefault(node, []).append(f"{target.id}: {answer_key(implication.answer)}")
                where.setdefault(node, (topic.id, index))
    # Within a topic, a position leads on to the positions it includes.
    for topic in topics.values():
        for position, included in topic.implied_keys().items():
            node = f"{topic.id}: {position}"
            edges.setdefault(node, []).extend(f"{topic.id}: {key}" for key in sorted(included))
    cycle = find_cycle(edges)
    crossing = [node for node in cycle or () if node in where]
    if cycle and crossing and len({node.partition(": ")[0] for node in cycle}) > 1:
        topic_id, index = where[crossing[0]]
        yield diagnose(
            topics[topic_id].location(f"implies_across.{index}"),
            Code.IMPLICATION_CYCLE,
            f"'implies' goes round in a circle across topics "
            f"({' → '.join(spelling.get(n, n) for n in [*cycle, cycle[0]])}); "
            "an answer cannot imply an answer that implies it back: remove one implication",
        )


def _disagree(topic: Topic, implied: tuple[str, str], own: tuple[str, str]) -> bool:
    """Whether an implied answer and a claim's own answer to one topic cannot both hold
    (each a position and a stance)."""
    (p, implied_stance), (q, own_stance) = implied, own
    kp, kq = answer_key(p), answer_key(q)
    includes = topic.implied_keys()
    if implied_stance == "asserts" and own_stance == "asserts":
        return (
            kp != kq
            and frozenset((kp, kq)) not in topic.compatible_keys()
            and kp not in includes.get(kq, frozenset())
            and kq not in includes.get(kp, frozenset())
        )
    if implied_stance == "asserts":  # the claim denies what the implied answer includes
        return kq == kp or kq in includes.get(kp, frozenset())
    if own_stance == "asserts":  # the claim asserts what includes the denied answer
        return kq == kp or kp in includes.get(kq, frozenset())
    return False


def check_implied_answers(ctx: Context) -> Iterator[Diagnostic]:
    """A claim's own answer to a topic wins over the answer its other answers imply there
    (:mod:`tracker.corpus.views`); when the two cannot both hold, the claim says two things
    and the reader is told which one the report compares."""
    topics = ctx.corpus.topics
    implications = Implications.of(topics)
    if not implications:
        return
    for claim in ctx.corpus.claims.values():
        own: dict[str, tuple[str, str, str]] = {}  # topic -> position, stance, its key
        if claim.topic is not None and claim.position is not None:
            own[claim.topic] = (claim.position, claim.stance, "position")
        for index, answer in enumerate(claim.answers):
            if answer.position is not None:
                own.setdefault(
                    answer.topic, (answer.position, answer.stance, f"answers.{index}.position")
                )
        if len(own) < 2:
            continue
        told: set[str] = set()
        for source_topic, (position, stance, _) in own.items():
            if stance != "asserts" or source_topic not in topics:
                continue
            for implication in implications.reached(source_topic, position):
                mine = own.get(implication.topic)
                target = topics.get(implication.topic)
                if mine is None or target is None or implication.topic in told:
                    continue
                implied = (implication.answer, implication.stance)
                if not _disagree(target, implied, (mine[0], mine[1])):
                    continue
                told.add(implication.topic)
                says = mine[0] if mine[1] == "asserts" else f"not {mine[0]}"
                means = implication.answer
                means = means if implication.stance == "asserts" else f"not {means}"
                yield diagnose(
                    claim.location(mine[2]),
                    Code.IMPLIED_ANSWER_DIFFERS,
                    f"claim '{claim.id}' answers topic '{target.id}' with '{clip(says)}', but "
                    f"its answer '{clip(position)}' to topic '{source_topic}' implies "
                    f"'{clip(means)}' there; the report compares '{clip(says)}': correct one "
                    "of the two answers, or split the claim if its source said both",
                )

"""A deterministic synthetic corpus for benchmarks: `python bench/generate.py OUT --claims N`.

Claims are spread over files of 100 claims each (a 100k corpus is 1,000 files), with sources,
relay chains, choice and number topics, denials, evidence quoting a seed document, and a few
contradiction entries. `--single-topic` puts every claim on one choice topic, to show that
conflicts grow with the number of answers, not of pairs of claims. `--semantics` also uses
the additions to format 1: `part_of`, `cumulative`, `implies`, `as_of`, bounds, a claim's
own `tolerance`, `supersedes` and `retracted`.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

POSITIONS = ["explosive device", "projectile", "aerial strike", "poison", "drone", "unknown"]
KINDS = ["outlet", "agency", "government", "military", "official", "person", "anonymous"]
DOCUMENT = (
    "The New York Times, citing Middle Eastern officials, reported that Haniyeh was killed by "
    "an explosive device planted weeks ago at the guesthouse. Fars described the report as a "
    "lie, insisting that the Hamas leader was killed by a projectile.\n"
)
QUOTES = [
    "killed by an explosive device planted weeks ago",
    "insisting that the Hamas leader was killed by a projectile",
]
CLAIMS_PER_FILE = 100


def _source_file(sources: int, semantics: bool = False) -> str:
    lines = ["sources:"]
    for n in range(sources):
        lines += [
            f"  s{n:05d}:",
            f"    name: Source number {n}",
            f"    kind: {KINDS[n % len(KINDS)]}",
            f"    reliability: {'ABCDEF'[n % 6]}",
        ]
        if semantics and n % 10 == 9:
            lines.append(f"    part_of: s{n - 1:05d}")
    return "\n".join(lines) + "\n"


def _topic_file(topics: int, single: bool, semantics: bool = False) -> str:
    lines = ["topics:"]
    for n in range(topics):
        if n % 3 == 2 and not single:
            lines += [
                f"  t{n:05d}:",
                f"    question: How many people were hurt in event {n}?",
                "    kind: number",
                "    unit: people",
                "    tolerance: 5%",
            ]
            if semantics and n % 2:
                lines.append("    cumulative: true")
        else:
            lines += [
                f"  t{n:05d}:",
                f"    question: How did event {n} happen?",
                f"    positions: [{', '.join(POSITIONS)}]",
                "    compatible: [[projectile, aerial strike]]",
            ]
            if semantics:
                lines.append("    implies: {drone: [aerial strike]}")
    return "\n".join(lines) + "\n"


def _semantic_lines(rng: random.Random, n: int, number: bool) -> list[str]:
    lines = []
    if n % 3 == 0:
        lines.append(f"    as_of: 2024-{1 + n % 12:02d}-01")
    if n % 20 == 19:
        lines.append(f"    supersedes: [c{n - 1:07d}]")
    if n % 50 == 7:
        lines.append("    retracted: 2024-12-01")
    if number and n % 20 == 3:
        lines.append("    tolerance: 10%")
    return lines


def _claim(
    rng: random.Random, n: int, sources: int, topics: int, semantics: bool = False
) -> list[str]:
    source = rng.randrange(sources)
    if semantics and n % 20 in (18, 19):  # 19 revises 18: same originator, same topic
        source = n // 20 * 7919 % sources
    relays = sorted({rng.randrange(sources) for _ in range(rng.randrange(3))} - {source})
    topic = rng.randrange(topics)
    if semantics and n % 20 in (18, 19):
        topic = n // 20 * 104729 % topics
    lines = [
        f"  - id: c{n:07d}",
        f"    text: Claim {n} about event {topic}, as reported by source {source}.",
        f"    source: s{source:05d}",
    ]
    if relays:
        lines.append(f"    via: [{', '.join(f's{r:05d}' for r in relays)}]")
    lines.append(f"    date: 2024-{1 + n % 12:02d}-{1 + n % 28:02d}")
    lines.append(f"    topic: t{topic:05d}")
    number = topic % 3 == 2 and topics > 1
    if number:
        base = 100 + (topic % 50)
        value = base + rng.randrange(12)
        lines.append(
            f"    value: [{value}, null]" if semantics and n % 10 == 1 else f"    value: {value}"
        )
    else:
        lines.append(f"    position: {rng.choice(POSITIONS)}")
        if rng.random() < 0.1:
            lines.append("    stance: denies")
    if semantics:
        lines += _semantic_lines(rng, n, number)
    lines += [
        "    evidence:",
        "      - document: seeds/article.txt",
        f"        quote: {rng.choice(QUOTES)}",
        "    tags: [bench]",
    ]
    return lines


def generate(
    out: Path, claims: int, *, single_topic: bool = False, seed: int = 1, semantics: bool = False
) -> None:
    rng = random.Random(seed)
    sources = max(10, min(2000, claims // 50))
    topics = 1 if single_topic else max(3, claims // 50)
    folder = out / "claims"
    folder.mkdir(parents=True, exist_ok=True)
    (out / "seeds").mkdir(exist_ok=True)
    (out / "seeds" / "article.txt").write_text(DOCUMENT, encoding="utf-8")
    (folder / "sources.yaml").write_text(_source_file(sources, semantics), encoding="utf-8")
    (folder / "topics.yaml").write_text(
        _topic_file(topics, single_topic, semantics), encoding="utf-8"
    )
    files = max(1, claims // CLAIMS_PER_FILE)
    for index in range(files):
        lines = ["claims:"]
        first = index * CLAIMS_PER_FILE
        last = claims if index == files - 1 else first + CLAIMS_PER_FILE
        for n in range(first, last):
            lines += _claim(rng, n, sources, topics, semantics)
        # Hand-listed contradictions, one every ten files; on a single topic they would
        # judge the same few conflicts twice, which is an error, so that variant has none.
        if index % 10 == 0 and last - first >= 2 and not single_topic:
            lines += [
                "contradictions:",
                f"  - claims: [c{first:07d}, c{first + 1:07d}]",
                "    note: Listed by hand.",
            ]
        (folder / f"part-{index:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--single-topic", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--semantics", action="store_true")
    args = parser.parse_args()
    generate(
        args.out,
        args.claims,
        single_topic=args.single_topic,
        seed=args.seed,
        semantics=args.semantics,
    )


if __name__ == "__main__":
    main()

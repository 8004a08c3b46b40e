"""The benchmark: `make bench` (or `python bench/run.py --sizes 1000,10000,100000`).

For each corpus size it times, alternating the measurements round after round so that drift
of the machine cancels out, and reports medians:
  - the floor: loading every claim file with PyYAML's libyaml loader (CSafeLoader), in-process;
  - `tracker validate` and `tracker report`: cold (no cache), warm with nothing changed, and
    warm with one file changed;
  - yamllint over the same files, as a peer (small sizes only: it is slow);
  - `tracker --help` against `python -c 'import click'`;
and the peak memory of each command. The single-topic variant of the corpus shows whether
conflicts stay linear when every claim answers one question. Results go to stdout and to
bench/RESULTS.md, with a description of the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
TRACKER = str(BIN / "tracker")


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run of a command."""
    with tempfile.NamedTemporaryFile("r") as usage:
        start = time.perf_counter()
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", usage.name, *command],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        elapsed = time.perf_counter() - start
        lines = [line for line in usage.read().splitlines() if line.strip().isdigit()]
    return elapsed, (int(lines[-1]) / 1024 if lines else float("nan"))


FLOOR = (
    "import glob, yaml\n"
    "for name in sorted(glob.glob('claims/**/*.yaml', recursive=True)):\n"
    "    with open(name, 'rb') as handle:\n"
    "        yaml.load(handle, Loader=yaml.CSafeLoader)\n"
)


def touch_one_file(corpus: Path, round_number: int) -> None:
    target = corpus / "claims" / "part-00001.yaml"
    with target.open("a", encoding="utf-8") as handle:
        handle.write(f"# edited in round {round_number}\n")


def clear_cache(corpus: Path) -> None:
    shutil.rmtree(corpus / ".tracker-cache", ignore_errors=True)


def measure(corpus: Path, rounds: int, with_yamllint: bool) -> dict[str, list[tuple[float, float]]]:
    results: dict[str, list[tuple[float, float]]] = defaultdict(list)
    python = sys.executable
    steps: list[tuple[str, Callable[[int], None] | None, list[str]]] = [
        ("floor: libyaml load", None, [python, "-c", FLOOR]),
        ("validate cold", lambda r: clear_cache(corpus), [TRACKER, "validate"]),
        ("validate warm", None, [TRACKER, "validate"]),
        ("validate one changed", lambda r: touch_one_file(corpus, r), [TRACKER, "validate"]),
        ("report cold", lambda r: clear_cache(corpus), [TRACKER, "report"]),
        ("report warm", None, [TRACKER, "report"]),
        ("report one changed", lambda r: touch_one_file(corpus, r), [TRACKER, "report"]),
        (
            "export sqlite cold",
            lambda r: clear_cache(corpus),
            [TRACKER, "export", "sqlite", "--force", "corpus.db"],
        ),
    ]
    if with_yamllint and shutil.which("yamllint", path=str(BIN)):
        steps.append(("yamllint (peer)", None, [str(BIN / "yamllint"), "-d", "relaxed", "claims"]))
    for round_number in range(rounds):
        for name, prepare, command in steps:
            if prepare is not None:
                prepare(round_number)
            results[name].append(timed(command, corpus))
    return results


def measurement_table(title: str, results: dict[str, list[tuple[float, float]]]) -> list[str]:
    """A section of RESULTS.md: each measurement's median, its ratio to the floor, its peak."""
    floor = statistics.median(t for t, _ in results["floor: libyaml load"])
    lines = [
        f"## {title}",
        "",
        "| measurement | seconds | ratio | peak MiB |",
        "|---|---:|---:|---:|",
    ]
    for name, values in results.items():
        seconds = statistics.median(t for t, _ in values)
        memory = max(m for _, m in values)
        lines.append(f"| {name} | {seconds:.2f} | {seconds / floor:.2f} | {memory:.0f} |")
    return lines


def machine() -> str:
    model = "unknown processor"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB memory, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


# Why a target is missed, where it is: the profile behind each gap is in docs/scaling.md.
GAPS = {
    "report cold / floor": "parsing with marks and the cross-file rules: 'Where the time goes'",
    "validate cold / floor": "parsing with marks (PyYAML's Python resolver): 'Where the time goes'",
    "report after one file changed / floor": "every record is unpickled and the graph rebuilt: "
    "'One file changed'",
    "report warm, nothing changed / floor": "interpreter start-up and imports, which the "
    "in-process floor does not pay: 'Small corpora'",
    "peak memory of report cold (MiB)": "records and graph per claim: 'Memory per claim'",
    "1M claims: report cold / floor": "as at 100,000: 'Where the time goes'",
    "1M claims: peak memory of report cold (MiB)": "records and graph per claim: "
    "'Memory per claim'",
}


def targets(
    summary: dict[tuple[int, bool], dict[str, tuple[float, float]]],
    size: int,
    help_ratio: float | None,
) -> list[str]:
    """The targets of the speed issue at one corpus size: met, or missed with where the gap
    is explained. The issue states them at 100,000 claims, with its own limits at 1M; the
    same limits are applied at 10,000."""
    spread = summary[(size, False)]
    rows = [
        ("report cold / floor", spread["report cold"][0], 1.3),
        ("validate cold / floor", spread["validate cold"][0], 1.1),
        ("report after one file changed / floor", spread["report one changed"][0], 0.3),
        ("report warm, nothing changed / floor", spread["report warm"][0], 0.1),
        ("peak memory of report cold (MiB)", spread["report cold"][1], 400),
        (
            "export sqlite cold / report cold",
            spread["export sqlite cold"][0] / spread["report cold"][0],
            3.0,
        ),
    ]
    if size >= 1_000_000:
        rows[0] = ("1M claims: report cold / floor", spread["report cold"][0], 1.5)
        rows[4] = ("1M claims: peak memory of report cold (MiB)", spread["report cold"][1], 3072)
    if help_ratio is not None:
        rows.append(("tracker --help / import click", help_ratio, 1.5))
    single = summary.get((size, True))
    if single is not None:
        rows.append(
            (
                "single topic / spread topics (cold report)",
                single["report cold"][0] / spread["report cold"][0],
                1.5,
            )
        )
    lines = [
        f"## Targets ({size:,} claims)",
        "",
        "| target | measured | limit | | the gap, explained in docs/scaling.md |",
        "|---|---:|---:|---|---|",
    ]
    for name, measured, limit in rows:
        met = measured <= limit
        verdict = "met" if met else f"missed by {measured / limit:.1f}x"
        lines.append(
            f"| {name} | {measured:.2f} | {limit} | {verdict} | {'' if met else GAPS[name]} |"
        )
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    # 1M claims take about half an hour more (one round, no single-topic variant)
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        "",
        f"Medians of {args.rounds} alternating rounds; ratios are to the floor (loading "
        "the same files with PyYAML's libyaml loader). Peak memory is the largest "
        "resident size of one run.",
        "",
    ]
    with tempfile.TemporaryDirectory() as temp:
        startup: dict[str, list[tuple[float, float]]] = {
            "python -c 'import click'": [],
            "tracker --help": [],
        }
        for _ in range(max(5, args.rounds)):
            startup["python -c 'import click'"].append(
                timed([sys.executable, "-c", "import click"], Path(temp))
            )
            startup["tracker --help"].append(timed([TRACKER, "--help"], Path(temp)))
        click_time = statistics.median(t for t, _ in startup["python -c 'import click'"])
        help_time = statistics.median(t for t, _ in startup["tracker --help"])
        lines += [
            "## Start-up",
            "",
            "| command | seconds | ratio to import click |",
            "|---|---:|---:|",
            f"| python -c 'import click' | {click_time:.3f} | 1.00 |",
            f"| tracker --help | {help_time:.3f} | {help_time / click_time:.2f} |",
            "",
        ]
        spread_cold: dict[int, float] = {}
        summary: dict[tuple[int, bool], dict[str, tuple[float, float]]] = {}
        for size in sizes:
            for single in (False, True):
                if single and size > 100_000:
                    continue
                corpus = Path(temp) / f"c{size}{'s' if single else ''}"
                generate(corpus, size, single_topic=single)
                rounds = args.rounds if size <= 100_000 else 1
                results = measure(corpus, rounds, with_yamllint=size <= 10_000 and not single)
                floor = statistics.median(t for t, _ in results["floor: libyaml load"])
                title = f"{size:,} claims" + (", all on one topic" if single else "")
                lines += measurement_table(title, results)
                cold = statistics.median(t for t, _ in results["report cold"])
                if single and size in spread_cold:
                    lines += [
                        "",
                        f"Single topic against spread topics (report cold): "
                        f"{cold / spread_cold[size]:.2f}x",
                    ]
                elif not single:
                    spread_cold[size] = cold
                lines.append("")
                print("\n".join(lines[-12:]), flush=True)
                shutil.rmtree(corpus)
                summary[(size, single)] = {
                    name: (
                        statistics.median(t for t, _ in values) / floor,
                        max(m for _, m in values),  # the peak of that measurement
                    )
                    for name, values in results.items()
                }
        # The format-1 additions (as_of, supersedes, bounds, implies, part_of, ...) at 20,000
        # claims: the semantics issue asks that they report within the same targets.
        corpus = Path(temp) / "semantics"
        generate(corpus, 20_000, semantics=True)
        results = measure(corpus, args.rounds, with_yamllint=False)
        lines += measurement_table("20,000 claims using the format-1 additions", results)
        lines.append("")
        shutil.rmtree(corpus)
        for size in sizes:
            if size >= 10_000:
                help_ratio = help_time / click_time if size == 100_000 else None
                lines += targets(summary, size, help_ratio)
    from inputs import measure_inputs  # the input side: import claimreview, fmt --check

    lines += measure_inputs(args.rounds, tuple(s for s in sizes if s in (10_000, 100_000)))
    text = "\n".join(lines).rstrip() + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

"""The input side (issue 26), for `make bench` (or `python bench/inputs.py`, which writes
bench/INPUTS.md): a 20,000-review ClaimReview feed imported into an empty corpus (seconds and
peak memory, against 5 s and 300 MiB), and `tracker fmt --check` on formatted corpora of
10,000 and 100,000 claims and on the file the import wrote, against loading the same files
with PyYAML's libyaml loader (the limit: 3x)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from feed import write_feed  # noqa: E402
from generate import generate  # noqa: E402
from run import TRACKER, machine, timed  # noqa: E402

LOAD = (
    "import glob, sys, yaml\n"
    "for name in sorted(glob.glob(sys.argv[1] + '/**/*.yaml', recursive=True)):\n"
    "    with open(name, 'rb') as handle:\n"
    "        yaml.load(handle, Loader=yaml.CSafeLoader)\n"
)


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def _fmt_against_load(folder: Path, cwd: Path, rounds: int) -> tuple[float, float, float]:
    """(fmt --check seconds, libyaml load seconds, fmt's peak MiB), alternating."""
    check: list[tuple[float, float]] = []
    load: list[tuple[float, float]] = []
    for _ in range(rounds):
        check.append(timed([TRACKER, "fmt", "--check", str(folder)], cwd))
        load.append(timed([sys.executable, "-c", LOAD, str(folder)], cwd))
    (seconds, peak), (floor, _) = _median(check), _median(load)
    return seconds, floor, peak


def measure_inputs(rounds: int, sizes: tuple[int, ...] = (10_000, 100_000)) -> list[str]:
    lines = [
        "## The input side: import claimreview and fmt --check",
        "",
        "| measurement | seconds | peak MiB | limit | |",
        "|---|---:|---:|---|---|",
    ]
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        feed = root / "feed.jsonld"
        write_feed(feed, 20_000)
        size_mb = feed.stat().st_size / 1e6
        runs = []
        for _ in range(rounds):
            claims = root / "fresh" / "claims"
            shutil.rmtree(claims.parent, ignore_errors=True)
            claims.mkdir(parents=True)
            runs.append(timed([TRACKER, "import", "claimreview", str(feed), str(claims)], root))
        seconds, peak = _median(runs)
        written = claims / "feed.yaml"
        if not written.exists():  # a failed import must not pass for a fast one
            raise SystemExit("the import wrote nothing")
        met = "met" if seconds <= 5 and peak <= 300 else "missed"
        lines.append(
            f"| import claimreview, 20,000 reviews ({size_mb:.1f} MB feed) | {seconds:.2f} "
            f"| {peak:.0f} | 5 s, 300 MiB | {met} |"
        )
        check, floor, peak = _fmt_against_load(claims, root, rounds)
        ratio = check / floor
        lines.append(
            f"| fmt --check on that file ({written.stat().st_size / 1e6:.1f} MB) / libyaml "
            f"load ({floor:.2f} s) | {check:.2f} ({ratio:.2f}x) | {peak:.0f} | 3x "
            f"| {'met' if ratio <= 3 else 'missed'} |"
        )
        for size in sizes:
            corpus = root / f"c{size}"
            generate(corpus, size)
            subprocess.run(  # the generator's layout is not fmt's: format once, then check
                [TRACKER, "fmt", "claims"], cwd=corpus, capture_output=True, check=False
            )
            check, floor, peak = _fmt_against_load(corpus / "claims", corpus, rounds)
            ratio = check / floor
            lines.append(
                f"| fmt --check, {size:,} claims / libyaml load ({floor:.2f} s) | {check:.2f} "
                f"({ratio:.2f}x) | {peak:.0f} | 3x | {'met' if ratio <= 3 else 'missed'} |"
            )
            shutil.rmtree(corpus)
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--output", type=Path, default=HERE / "INPUTS.md")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    lines = ["# The input side", "", f"Machine: {machine()}.", ""]
    before = os.getloadavg()[0]
    lines += measure_inputs(args.rounds, sizes)
    lines.append(
        f"Load average (1 min) of the machine before and after: {before:.1f}, "
        f"{os.getloadavg()[0]:.1f} (on a shared machine, figures move with it)."
    )
    text = "\n".join(lines) + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

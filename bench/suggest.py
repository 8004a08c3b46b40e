"""`tracker suggest`, measured: precision and recall on the labelled stories, and time and
memory at scale against a cold `tracker report` of the same corpus.

    python bench/suggest.py              # scores, then timings at 10,000 and 100,000 claims
    python bench/suggest.py --json       # scores only, as JSON (the tests read it)
    python bench/suggest.py --sizes 1000 # timings at other sizes

The labelled stories (bench/suggest_eval: Nord Stream, used to tune; bench/suggest_held_out:
the Kakhovka dam, written apart and never tuned on) hold a key of the pairs that contradict
among claims no rule compares, and of look-alike pairs that do not. Precision at k counts a
suggestion right only when the key lists it as a contradiction (an unlabelled pair counts as
wrong, so the figure is a floor: neither key claims to be exhaustive); "judged" precision
counts only the suggestions the key labels either way. Recall at 20 is the share of the key's
contradictions among the first 20 suggestions.

The timing corpus repeats the tuning story as independent stories (every name and id made
unique to its copy), so that blocking meets what it meets in a real corpus: many claims that
share common words and few that share names.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
TUNING = HERE / "suggest_eval"
HELD_OUT = HERE / "suggest_held_out"
TRACKER = Path(sys.executable).with_name("tracker")


def evaluate(folder: Path) -> dict[str, Any]:
    """Precision at 5 and 10, recall at 20 and overall, on one labelled story."""
    from tracker.analysis.pipeline import analyse_corpus
    from tracker.suggest import suggest

    key = yaml.safe_load((folder / "key.yaml").read_text(encoding="utf-8"))
    contradicts = {tuple(sorted(pair)) for pair in key["contradicts"]}
    lookalikes = {tuple(sorted(pair)) for pair in key["lookalikes"]}
    analysed = analyse_corpus(folder / "claims")
    assert analysed.graph is not None, [str(d) for d in analysed.diagnostics]
    started = time.perf_counter()
    ranked = [pair.claims for pair in suggest(analysed.graph).pairs]
    elapsed = time.perf_counter() - started

    def precision(k: int) -> float:
        return sum(pair in contradicts for pair in ranked[:k]) / k

    def judged(k: int) -> float | None:
        labelled = [pair for pair in ranked[:k] if pair in contradicts | lookalikes]
        if not labelled:
            return None
        return round(sum(pair in contradicts for pair in labelled) / len(labelled), 3)

    return {
        "story": folder.name,
        "claims": len(analysed.corpus.claims),
        "contradictions_labelled": len(contradicts),
        "lookalikes_labelled": len(lookalikes),
        "precision_at_5": round(precision(5), 3),
        "precision_at_10": round(precision(10), 3),
        "judged_precision_at_10": judged(10),
        "lookalikes_in_top_10": sum(pair in lookalikes for pair in ranked[:10]),
        "recall_at_20": round(sum(p in contradicts for p in ranked[:20]) / len(contradicts), 3),
        "best_possible_recall_at_20": round(min(20, len(contradicts)) / len(contradicts), 3),
        "recall_overall": round(sum(p in contradicts for p in ranked) / len(contradicts), 3),
        "suggested": len(ranked),
        "seconds": round(elapsed, 2),
    }


def scores() -> dict[str, Any]:
    found = {"tuning": evaluate(TUNING)}
    if (HELD_OUT / "key.yaml").exists():
        found["held_out"] = evaluate(HELD_OUT)
    return found


_CAPITALISED = re.compile(r"\b([A-Z][a-z]{2,})\b")


def scaled_corpus(out: Path, claims: int) -> None:
    """The tuning story repeated as independent stories up to ``claims`` claims: each copy's
    ids, source ids, topic ids and capitalised names get a suffix of its own."""
    source = TUNING / "claims"
    files = sorted(source.glob("*.yaml"))
    per_copy = sum(
        len(yaml.safe_load(f.read_text(encoding="utf-8")).get("claims") or []) for f in files
    )
    copies = max(1, claims // per_copy)
    (out / "claims").mkdir(parents=True)
    for copy in range(copies):
        suffix = _suffix(copy)
        for path in files:
            text = _CAPITALISED.sub(rf"\1{suffix}", path.read_text(encoding="utf-8"))
            (out / "claims" / f"{path.stem}-{copy:05d}.yaml").write_text(text, encoding="utf-8")
    _cross_file_ids(out / "claims", files, copies)


def _cross_file_ids(folder: Path, files: list[Path], copies: int) -> None:
    """Every id the story declares (sources, topics, claims) gets the copy's suffix, where it
    is declared and wherever it is named."""
    declared: set[str] = set()
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        declared |= set((data.get("sources") or {}) | (data.get("topics") or {}))
        declared |= {c["id"] for c in data.get("claims") or []}
    alternatives = "|".join(re.escape(i) for i in sorted(declared, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.-])({alternatives})(?![\w-])")
    for copy in range(copies):
        suffix = _suffix(copy).lower()
        for path in files:
            target = folder / f"{path.stem}-{copy:05d}.yaml"
            text = target.read_text(encoding="utf-8")
            target.write_text(pattern.sub(rf"\1-{suffix}", text), encoding="utf-8")


def _suffix(copy: int) -> str:
    letters = "bcdfghjklmnpqrstvwxz"
    word = ""
    number = copy
    for _ in range(4):
        word += letters[number % len(letters)]
        number //= len(letters)
    return word


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run."""
    with tempfile.NamedTemporaryFile("r") as usage:
        started = time.perf_counter()
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", usage.name, *command],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        peak = [line for line in usage.read().splitlines() if line.strip().isdigit()]
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr[-2000:]}")
    return elapsed, int(peak[-1]) / 1024 if peak else float("nan")


def timings(sizes: list[int]) -> list[str]:
    lines = [
        "| claims | suggest (s) | cold report (s) | ratio | suggest peak (MiB) "
        "| report peak (MiB) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            scaled_corpus(root, size)
            count = sum(1 for _ in (root / "claims").glob("*.yaml"))
            report = timed([str(TRACKER), "--no-cache", "report", "--format", "json"], root)
            found = timed([str(TRACKER), "--no-cache", "suggest", "--format", "json"], root)
            lines.append(
                f"| {size:,} ({count} files) | {found[0]:.1f} | {report[0]:.1f} | "
                f"{found[0] / report[0]:.2f} | {found[1]:.0f} | {report[1]:.0f} |"
            )
            shutil.rmtree(root / "claims")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="scores only, as JSON")
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    found = scores()
    if args.json:
        print(json.dumps(found, indent=2))
        return
    print("## tracker suggest on the labelled stories\n")
    names = list(found["tuning"])
    print("| | " + " | ".join(found) + " |")
    print("|---|" + "---:|" * len(found))
    for name in names:
        print(f"| {name} | " + " | ".join(str(found[s][name]) for s in found) + " |")
    print("\n## Time and memory against a cold report\n")
    for line in timings([int(s) for s in args.sizes.split(",") if s]):
        print(line)


if __name__ == "__main__":
    main()

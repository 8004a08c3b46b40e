"""How fast hostile files are refused: prints the wall time and peak memory of a real
`tracker validate` run on each case (the alias bomb must stop in well under a second).

Run with `make bench-hostile` or `python bench/hostile.py`.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE.parent / "tests" / "hostile"


def tracker_command() -> list[str]:
    found = shutil.which("tracker", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "tracker.cli"]


def generated_cases(folder: Path) -> None:
    (folder / "deep-block.yaml").write_text(
        "claims:\n" + "".join("  " * d + "-\n" for d in range(1, 3000)), encoding="utf-8"
    )
    (folder / "ten-megabytes.yaml").write_text(
        "sources:\n  s: {name: S}\nclaims:\n  - id: a\n    source: s\n    text: "
        + "x" * 10_000_000
        + "\n",
        encoding="utf-8",
    )


def measure(case: Path, work: Path) -> tuple[float, float, int]:
    claims = work / "claims"
    shutil.rmtree(claims, ignore_errors=True)
    claims.mkdir()
    shutil.copyfile(case, claims / case.name)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(
        [*tracker_command(), "validate", str(claims)], capture_output=True, check=False, timeout=60
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024, result.returncode


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        extra = work / "extra"
        extra.mkdir()
        generated_cases(extra)
        cases = sorted(CASES.iterdir()) + sorted(extra.iterdir())
        print(f"{'case':28} {'seconds':>8} {'peak MiB*':>10} {'exit':>5}")
        for case in cases:
            elapsed, peak, code = measure(case, work)
            print(f"{case.name:28} {elapsed:8.3f} {peak:10.1f} {code:5d}")
        print("* peak resident memory of the largest child process so far")


if __name__ == "__main__":
    main()

"""How evaluation time grows with the size of a map (grounded semantics is meant to be linear).

Run: .venv/bin/python benchmarks/evaluate_speed.py [sizes...]
Prints a table: statements, attacks, evaluation time (median of 3), microseconds per statement, and
the ratio of time per statement to that of the smallest size (about 1 when the growth is linear).
"""

from __future__ import annotations

import statistics
import sys
import time

from benchmarks.check_speed import synthetic_map
from usfk_argmap import evaluate, load_text
from usfk_argmap.analysis.framework import build_framework


def main(sizes: list[int]) -> None:
    print(f"{'statements':>10} {'attacks':>8} {'evaluate s':>11} {'µs/stmt':>8} {'vs first':>9}")
    first: float | None = None
    for size in sizes:
        result = load_text(synthetic_map(size), "synthetic.yaml")
        assert result.map is not None
        attacks = sum(1 for _ in build_framework(result.map).attacks())
        times = []
        for _ in range(3):
            start = time.perf_counter()
            evaluate(result.map)
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        per = seconds / size * 1e6
        first = first or per
        print(f"{size:>10,} {attacks:>8,} {seconds:>11.3f} {per:>8.1f} {per / first:>9.2f}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1_000, 10_000, 50_000])

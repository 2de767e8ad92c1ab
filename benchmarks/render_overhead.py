"""How much of a render is Python's: ``render`` of a synthetic map against ``dot -Tsvg`` on its DOT.

Run from the repository root:  python benchmarks/render_overhead.py [--nodes 100 1000] [--repeat 10]

The map is a tree of Traditional Chinese statements (sentences of the flagship's
source text) with 10% cross links, sections and a few linked arguments. After a
warm-up render (imports, the BudouX model, character classes), each round times
``to_dot``, ``render_svg`` and ``dot -Tsvg`` alone on the DOT ``to_dot`` gave,
one after the other, so the three see the same machine; each figure is the best
of ``--repeat`` rounds, in one process.

The overhead is Python's CPU time in ``render`` (building the DOT, starting dot
and moving its input and output, finishing the SVG) over dot's CPU time alone:
CPU time, because on a shared machine the wall time of the same work varies a
lot more. The median of the rounds' ratios is printed too, and wall times
alongside: render's wall time over dot's alone (which includes starting dot).
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from usfk_argmap.core.model import ArgumentMap  # noqa: E402
from usfk_argmap.drawing.render import RenderOptions, render_svg, to_dot  # noqa: E402
from usfk_argmap.mapfile.loader import load_text  # noqa: E402

KINDS = ("claim", "premise", "evidence", "objection", "rebuttal", "assumption")


def synthetic_map(count: int, seed: int = 1) -> ArgumentMap:
    """A map of ``count`` statements: a tree, 10% extra supports or attacks, linked arguments."""
    result = load_text(synthetic_text(count, seed))
    assert result.map is not None, result.diagnostics[:3]
    return result.map


def synthetic_text(count: int, seed: int = 1) -> str:
    """The YAML text of ``synthetic_map``."""
    rng = random.Random(seed)
    source = (ROOT / "maps" / "sources" / "usfk_conclusion.txt").read_text(encoding="utf-8")
    sentences = [s.strip() for s in re.split(r"[。\n]", source) if 12 <= len(s.strip()) <= 60]
    lines = ["title: 合成地圖", "lang: zh-Hant", "root: N0", "sections:"]
    lines += [f"  s{k}: 第{k}節" for k in range(10)]
    lines += ["nodes:", "  N0:", "    kind: thesis", f"    text: {sentences[0]}。"]
    for k in range(1, count):
        parent = (k - 1) // 3
        kind = KINDS[k % len(KINDS)]
        relation = "attacks" if kind in ("objection", "rebuttal") else "supports"
        lines += [
            f"  N{k}:",
            f"    kind: {kind}",
            f"    text: {sentences[k % len(sentences)]}（{k}）。",
            f"    section: s{k % 10}",
            f"    {relation}: N{parent}",
        ]
        if rng.random() < 0.1:
            lines.append(f"    # cross link\n    {'attacks' if relation == 'supports' else 'supports'}: N{rng.randrange(k)}")
    lines.append("arguments:")
    for k in range(1, count // 50):
        first, second = rng.sample(range(count // 2, count), 2)
        lines += [f"  A{k}:", f"    premises: [N{first}, N{second}]", f"    supports: N{rng.randrange(1, count // 2)}"]
    return "\n".join(lines) + "\n"


def cpu_times(action: Callable[[], object]) -> tuple[float, float, float]:
    """Wall time, this process's CPU time and its children's (Graphviz's) CPU time for one call."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, own = time.perf_counter(), time.process_time()
    action()
    wall, own = time.perf_counter() - wall, time.process_time() - own
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    options = RenderOptions()
    print(f"Seconds, best of {args.repeat} interleaved rounds; CPU time, wall clock in brackets\n")
    print(
        "| statements | to_dot (Python) | render: Python | render: dot | dot -Tsvg alone "
        "| Python overhead (CPU) | median of rounds | render wall over dot alone |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for count in args.nodes:
        argument_map = synthetic_map(count)
        render_svg(argument_map, options)  # warm up: imports, the BudouX model, character classes
        dot_input = to_dot(argument_map, options).encode("utf-8")
        builds, renders, layouts = [], [], []
        for _ in range(args.repeat):
            builds.append(cpu_times(lambda m=argument_map: to_dot(m, options)))
            renders.append(cpu_times(lambda m=argument_map: render_svg(m, options)))
            layouts.append(
                cpu_times(lambda data=dot_input: subprocess.run(["dot", "-Tsvg"], input=data, capture_output=True, check=True))
            )
        build = min(builds, key=lambda run: run[1])
        total = min(renders, key=lambda run: run[1] + run[2])
        layout = min(layouts, key=lambda run: run[2])
        overhead = total[1] / layout[2]
        median = statistics.median(r[1] / d[2] for r, d in zip(renders, layouts, strict=True))
        wall = min(r[0] for r in renders) / min(d[0] for d in layouts) - 1
        print(
            f"| {count:,} | {build[1]:.3f} ({build[0]:.3f}) | {total[1]:.3f} | {total[2]:.3f} ({total[0]:.3f}) "
            f"| {layout[2]:.3f} ({layout[0]:.3f}) | {overhead:+.1%} | {median:+.1%} | {wall:+.1%} |"
        )


if __name__ == "__main__":
    main()

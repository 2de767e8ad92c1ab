"""Time and peak memory of ``slides`` (the HTML deck) on big synthetic maps, each with an empty layout cache.

Run from the repository root:  python benchmarks/slides_big_map.py [--statements 1000 5000 10000] [--shape tree]
[--rounds 1] [--profile N]

Each run is the command as a user runs it (a new process) under GNU time, with a
fresh ``USFK_ARGMAP_CACHE`` folder (the cold case: every picture laid out), on a
map of ``shapes.py``'s shape. The table gives wall and CPU seconds (user + system,
the process's and its children's: Graphviz, the font subsetter), the peak RSS (the
largest of the process and of each child it waited for), the slides and the deck's
bytes. With several rounds, the sizes are interleaved (one of each, then again)
and the medians given. ``--profile N`` instead builds the deck of N statements in
this process under cProfile and prints the 30 costliest functions (cumulative).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.shapes import SHAPES, shaped_map_text  # noqa: E402

CLI = [sys.executable, "-c", "from usfk_argmap.cli.app import main; main()"]


def run_once(map_file: Path, folder: Path, limit: float) -> dict[str, float] | None:
    """One cold ``slides`` run: wall and CPU seconds, peak RSS in MB, slides and bytes (None: over ``limit``)."""
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=folder))
    out = folder / "deck.html"
    report = folder / "time"
    env = {**os.environ, "USFK_ARGMAP_CACHE": str(cache)}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%U %S %M", "-o", str(report), *CLI, "slides", str(map_file), "-o", str(out)],
            capture_output=True,
            timeout=limit,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return None
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"slides failed ({done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}")
    user, system, peak = report.read_text().split()[-3:]
    deck = out.read_bytes()
    slides = len(re.findall(rb'<section class="slide', deck))
    return {"wall": wall, "cpu": float(user) + float(system), "rss": int(peak) / 1024, "slides": slides, "bytes": len(deck)}


def profile(statements: int, shape: str) -> None:
    """Build and write the deck of ``statements`` in this process, under cProfile, with an empty cache."""
    from usfk_argmap.drawing.cache import LayoutCache
    from usfk_argmap.mapfile.loader import load_text
    from usfk_argmap.present.slides.formats import write_slides

    loaded = load_text(shaped_map_text(statements, shape))
    assert loaded.map is not None
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        profiler = cProfile.Profile()
        profiler.enable()
        write_slides(loaded.map, folder / "deck.html", cache=LayoutCache(folder / "cache"))
        profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--statements", type=int, nargs="+", default=[1000, 5000, 10_000])
    parser.add_argument("--shape", default="tree", choices=SHAPES)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--limit", type=float, default=1200.0, help="seconds before a run is stopped")
    parser.add_argument("--profile", type=int, help="profile the deck of this many statements instead")
    arguments = parser.parse_args()
    if arguments.profile:
        profile(arguments.profile, arguments.shape)
        return
    print(f"shape {arguments.shape}; load before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    results: dict[int, list[dict[str, float]]] = {n: [] for n in arguments.statements}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        maps = {}
        for statements in arguments.statements:
            maps[statements] = folder / f"map-{statements}.yaml"
            maps[statements].write_text(shaped_map_text(statements, arguments.shape), encoding="utf-8")
        for _ in range(arguments.rounds):
            for statements in arguments.statements:
                found = run_once(maps[statements], folder, arguments.limit)
                if found is not None:
                    results[statements].append(found)
                state = "over the limit" if found is None else f"{found['wall']:.1f} s, {found['rss']:.0f} MB"
                print(f"  {statements:,}: {state}", file=sys.stderr, flush=True)
    print("| statements | runs | wall s | CPU s | peak RSS MB | slides | deck bytes |")
    print("|---|---|---|---|---|---|---|")
    for statements, runs in results.items():
        if not runs:
            print(f"| {statements:,} | 0 | over {arguments.limit:.0f} | - | - | - | - |")
            continue

        def median(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(run[key] for run in runs)

        print(
            f"| {statements:,} | {len(runs)} | {median('wall'):.1f} | {median('cpu'):.1f} | {median('rss'):.0f} "
            f"| {median('slides'):.0f} | {median('bytes'):,.0f} |"
        )
    print(f"\nload after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

"""What each of dot's search limits saves on a big map, and what sfdp takes instead.

Run from the repository root:  python benchmarks/dot_settings.py [--sizes 1000 5000 10000] [--limit 300]

For each size and shape (``shapes.py``: a plain tree, and the tree with 10%
cross-links), the map's DOT is built once with ``to_dot`` (which carries the
settings ``placement.layered_layout_attributes`` chooses for that size), then laid
out to SVG: with the chosen settings; with each of them in turn back at Graphviz's
default (so its own saving shows); with none of them (Graphviz's defaults); and by
sfdp with the settings ``force_layout_attributes`` gives it. Each run is a new
process, stopped after ``--limit`` seconds; the rows of one map run interleaved over
``--rounds`` rounds and the table shows medians of the CPU seconds (Graphviz's own,
which a loaded machine changes less than the wall time) and of the wall seconds.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.shapes import SHAPES, shaped_map_text  # noqa: E402
from usfk_argmap.drawing.placement import force_layout_attributes, layered_layout_attributes  # noqa: E402
from usfk_argmap.drawing.render import RenderOptions, to_dot  # noqa: E402
from usfk_argmap.mapfile.loader import load_text  # noqa: E402

#: Graphviz's defaults for the settings ``layered_layout_attributes`` sets.
DEFAULTS = {"nslimit": None, "nslimit1": None, "mclimit": "1", "remincross": "true", "searchsize": "30"}


def with_settings(dot_text: str, settings: dict[str, str | None]) -> str:
    """The DOT with these graph attributes set (None: removed, so Graphviz's default applies)."""
    for name, value in settings.items():
        dot_text = re.sub(rf"^{name}=[^;\n]*;\n", "", dot_text, count=1, flags=re.M)
        if value is not None:
            dot_text = dot_text.replace("\n", f"\n{name}={value};\n", 1)
    return dot_text


def timed(engine: str, dot_text: str, limit: float) -> tuple[float, float] | None:
    """Wall and CPU seconds of one ``ENGINE -Tsvg`` run (None: stopped at the limit, or failed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        done = subprocess.run([engine, "-Tsvg"], input=dot_text.encode(), capture_output=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return None
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        return None
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def variants(count: int, dot_text: str) -> dict[str, tuple[str, str]]:
    """Each row's label, engine and DOT text."""
    chosen = layered_layout_attributes(count)
    rows = {"chosen: " + " ".join(f"{k}={v}" for k, v in chosen.items()) if chosen else "chosen: defaults": ("dot", dot_text)}
    for name in chosen:
        rows[f"  {name} at its default"] = ("dot", with_settings(dot_text, {name: DEFAULTS[name]}))
    if chosen:
        rows["dot, Graphviz's defaults"] = ("dot", with_settings(dot_text, dict(DEFAULTS)))
    force = force_layout_attributes(count)
    rows["sfdp " + " ".join(f"{k}={v.strip(chr(34))}" for k, v in force.items())] = ("sfdp", with_settings(dot_text, dict(force)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=300.0, help="seconds before a run is stopped")
    arguments = parser.parse_args()
    print("| statements | shape | layout | CPU s | wall s |")
    print("|---|---|---|---|---|")
    for count in arguments.sizes:
        for shape in arguments.shapes:
            argument_map = load_text(shaped_map_text(count, shape)).map
            assert argument_map is not None
            rows = variants(count, to_dot(argument_map, RenderOptions(engine="dot")))
            runs: dict[str, list[tuple[float, float] | None]] = {label: [] for label in rows}
            for _ in range(arguments.rounds):
                for label, (engine, text) in rows.items():
                    runs[label].append(timed(engine, text, arguments.limit))
            for label, results in runs.items():
                done = [r for r in results if r is not None]
                if len(done) < len(results):
                    print(f"| {count:,} | {shape} | {label} | over {arguments.limit:.0f} s or failed | |")
                    continue
                cpu = statistics.median(r[1] for r in done)
                wall = statistics.median(r[0] for r in done)
                print(f"| {count:,} | {shape} | {label} | {cpu:.2f} | {wall:.2f} |", flush=True)


if __name__ == "__main__":
    main()

"""What each of dot's search limits saves on a big map, and what sfdp takes instead.

Run from the repository root:  python benchmarks/dot_settings.py [--sizes 1000 5000 10000] [--limit 300]
[--pieces 750 1500 3000]

For each size and shape (``shapes.py``: a plain tree, and the tree with 10%
cross-links), the map's DOT is built once with ``to_dot`` (which carries the
settings ``placement.layered_layout_attributes`` chooses for that size), then laid
out to SVG: with the chosen settings; with each of them in turn back at Graphviz's
default (so its own saving shows); with none of them (Graphviz's defaults); and by
sfdp with the settings ``force_layout_attributes`` gives it. Each run is a new
process, stopped after ``--limit`` seconds; the rows of one map run interleaved over
``--rounds`` rounds and the table shows medians of the CPU seconds (Graphviz's own,
which a loaded machine changes less than the wall time) and of the wall seconds.

Two more kinds of row: dot with ``STRONG`` limits (straight lines, ``newrank``, a tenth
of the chosen network-simplex and crossing limits), and, for each of ``--pieces``, the
layout in pieces of at most that many statements, packed (``drawing.packed``, with an
empty cache: the CPU seconds of every piece's dot, of the packing in Python and of
``neato -n2`` drawing the SVG), with the number of pieces, of lines between pieces and
the picture's size.
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
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.shapes import SHAPES, shaped_map_text  # noqa: E402
from usfk_argmap.drawing.placement import force_layout_attributes, layered_layout_attributes  # noqa: E402
from usfk_argmap.drawing.render import RenderOptions, to_dot  # noqa: E402
from usfk_argmap.mapfile.loader import load_text  # noqa: E402

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap

#: dot told to settle sooner still, on the whole map: straight lines, newrank, a tenth of the chosen limits.
STRONG = {"nslimit": '"0.02"', "nslimit1": '"0.02"', "mclimit": '"0.001"', "splines": "line", "newrank": "true"}
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


def variants(count: int, dot_text: str, each_default: bool = True) -> dict[str, tuple[str, str]]:
    """Each row's label, engine and DOT text (``each_default``: with the rows that put limits back to the defaults)."""
    chosen = layered_layout_attributes(count)
    rows = {"chosen: " + " ".join(f"{k}={v}" for k, v in chosen.items()) if chosen else "chosen: defaults": ("dot", dot_text)}
    for name in chosen if each_default else ():
        rows[f"  {name} at its default"] = ("dot", with_settings(dot_text, {name: DEFAULTS[name]}))
    if chosen and each_default:
        rows["dot, Graphviz's defaults"] = ("dot", with_settings(dot_text, dict(DEFAULTS)))
    if chosen:
        rows["dot, strong limits: " + " ".join(f"{k}={v.strip(chr(34))}" for k, v in STRONG.items())] = (
            "dot",
            with_settings(dot_text, dict(STRONG)),
        )
    force = force_layout_attributes(count)
    rows["sfdp " + " ".join(f"{k}={v.strip(chr(34))}" for k, v in force.items())] = ("sfdp", with_settings(dot_text, dict(force)))
    return rows


def packed_row(argument_map: ArgumentMap, limit: int) -> str:
    """A table row: the map laid out in pieces of at most ``limit`` and drawn, timed (CPU of Python and Graphviz)."""
    from usfk_argmap.drawing.cache import LayoutCache
    from usfk_argmap.drawing.graphviz import run_graphviz
    from usfk_argmap.drawing.packed import drawing_pieces, packed_text
    from usfk_argmap.drawing.render import DotInput, _dot_text

    text, builder, _ = _dot_text(argument_map, DotInput(RenderOptions(engine="neato"), None, "svg", "neato"))
    before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    started = time.perf_counter()
    laid = packed_text(text, builder, clusters=False, direction="RL", limit=limit, cache=LayoutCache(None))
    svg = run_graphviz(laid, "svg", "neato", ["-n2"])
    wall = time.perf_counter() - started
    after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum((a.ru_utime - b.ru_utime) + (a.ru_stime - b.ru_stime) for a, b in zip(after, before, strict=True))
    placed = {line.split(" ", 1)[0] for line in laid.splitlines() if re.match(r"^\w+ \[pos=", line)}
    straight = sum(1 for line in laid.splitlines() if " -> " in line and "pos=" not in line)
    width, height = (float(v) for v in re.search(rb'viewBox="0.00 0.00 ([\d.]+) ([\d.]+)"', svg).groups())  # type: ignore[union-attr]
    pieces = len(drawing_pieces(text, builder, False, limit))
    return (
        f"packed, pieces of at most {limit:,} ({pieces} pieces, {len(placed):,} nodes placed, {straight:,} lines between pieces, "
        f"{width / 72:,.0f} x {height / 72:,.0f} in) | {cpu:.2f} | {wall:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=300.0, help="seconds before a run is stopped")
    parser.add_argument("--no-defaults", action="store_true", help="leave out the rows with limits at their defaults")
    parser.add_argument("--packed-only", action="store_true", help="only the rows of the layouts in pieces")
    parser.add_argument("--pieces", type=int, nargs="*", default=[750, 1500, 3000], help="piece sizes of packed rows")
    arguments = parser.parse_args()
    print("| statements | shape | layout | CPU s | wall s |")
    print("|---|---|---|---|---|")
    for count in arguments.sizes:
        for shape in arguments.shapes:
            argument_map = load_text(shaped_map_text(count, shape)).map
            assert argument_map is not None
            rows = variants(count, to_dot(argument_map, RenderOptions(engine="dot")), not arguments.no_defaults)
            if arguments.packed_only:
                rows = {}
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
            for limit in arguments.pieces:
                if limit < count:
                    print(f"| {count:,} | {shape} | {packed_row(argument_map, limit)} |", flush=True)


if __name__ == "__main__":
    main()

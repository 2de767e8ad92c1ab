"""Which sfdp settings lay a big map out, and how fast, on the Graphviz installed here.

Run from the repository root:  python benchmarks/large_maps.py [--sizes 10000 50000] [--limit 400]

For each size, a synthetic map (the one ``render_overhead.py`` uses) is turned
into DOT once, then ``sfdp -Tsvg`` runs on it with each ``overlap``/``splines``
pair, each stopped after ``--limit`` seconds. The table gives wall seconds,
the exit status (``-11``: a segfault; ``limit``: stopped) and each time over
that of the pair ``render`` chooses for that size (``force_layout_attributes``).

Measured on the 2-core machine with Graphviz 2.43 (shared with other work):
spline routing (``splines=true``) takes 1.7 s at 100 statements, 20 s at 300
and over 60 s at 600 (straight edges: 0.1-0.8 s), and segfaults at 10,000
after 107 s; at 10,000, prism + line takes 20 s, scale + line 6 s; at 50,000,
scale + line takes 155 s and prism or no overlap removal over 400 s.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from render_overhead import synthetic_map  # noqa: E402

from usfk_argmap.drawing.placement import force_layout_attributes  # noqa: E402
from usfk_argmap.drawing.render import RenderOptions, to_dot  # noqa: E402

PAIRS = [("prism", "true"), ("prism", "line"), ("scale", "line"), ("false", "line")]


def run_sfdp(dot_text: str, overlap: str, splines: str, limit: float) -> tuple[float, str]:
    text = re.sub(r'^overlap="[^"]*";$', f'overlap="{overlap}";', dot_text, count=1, flags=re.M)
    text = re.sub(r'^splines="[^"]*";$', f'splines="{splines}";', text, count=1, flags=re.M)
    started = time.perf_counter()
    try:
        done = subprocess.run(["sfdp", "-Tsvg"], input=text.encode(), capture_output=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - started, "limit"
    return time.perf_counter() - started, str(done.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--limit", type=float, default=400.0, help="seconds before a run is stopped")
    arguments = parser.parse_args()
    print(f"{'statements':>10} {'overlap':>8} {'splines':>8} {'seconds':>9} {'exit':>6} {'/ chosen':>9}")
    for size in arguments.sizes:
        dot_text = to_dot(synthetic_map(size), RenderOptions(engine="sfdp"))
        chosen = force_layout_attributes(size)
        pair = (chosen["overlap"].strip('"'), chosen["splines"].strip('"'))
        results = {(overlap, splines): run_sfdp(dot_text, overlap, splines, arguments.limit) for overlap, splines in PAIRS}
        base = results[pair][0] if pair in results else None
        for (overlap, splines), (seconds, status) in results.items():
            ratio = f"{seconds / base:.2f}" if base else "-"
            mark = " *" if (overlap, splines) == pair else ""
            print(f"{size:>10} {overlap:>8} {splines:>8} {seconds:>9.1f} {status:>6} {ratio:>9}{mark}")


if __name__ == "__main__":
    main()

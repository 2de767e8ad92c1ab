"""The PowerPoint deck of a map against one render of it: time (as a ratio, in one run) and size.

Run: .venv/bin/python benchmarks/pptx_deck.py [MAP] [--rounds N]
Each of the commands below runs as its own process (``python -m usfk_argmap``), as a user runs it,
in interleaved rounds; the table gives medians, the ratio to ``render MAP -o map.svg``, and the
file's size. The issue asks for the editable deck within 8x one render, and under 2 MB.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commands(map_path: Path, out: Path) -> dict[str, list[str]]:
    return {
        "render MAP -o map.svg": ["render", str(map_path), "-o", str(out / "map.svg")],
        "render MAP -o map.pptx": ["render", str(map_path), "-o", str(out / "map.pptx")],
        "slides -o deck.pptx (editable)": ["slides", str(map_path), "-o", str(out / "deck.pptx")],
        "slides -o deck.pptx --pictures": ["slides", str(map_path), "-o", str(out / "pictures.pptx"), "--pictures"],
    }


OUTPUTS = {
    "render MAP -o map.svg": "map.svg",
    "render MAP -o map.pptx": "map.pptx",
    "slides -o deck.pptx (editable)": "deck.pptx",
    "slides -o deck.pptx --pictures": "pictures.pptx",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("map", nargs="?", default=str(ROOT / "maps" / "usfk_conclusion.yaml"))
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pptx-bench-") as folder:
        out = Path(folder)
        runs = commands(Path(arguments.map), out)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(arguments.rounds):
            for name, argv in runs.items():
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "usfk_argmap", *argv], check=True, capture_output=True)
                times[name].append(time.perf_counter() - start)
        base = statistics.median(times["render MAP -o map.svg"])
        print(f"{'command':<34} {'median s':>9} {'x render':>9} {'size':>12}")
        for name, values in times.items():
            median = statistics.median(values)
            size = (out / OUTPUTS[name]).stat().st_size
            print(f"{name:<34} {median:>9.2f} {median / base:>9.2f} {size:>12,}")


if __name__ == "__main__":
    main()

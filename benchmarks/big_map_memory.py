"""Peak memory and time of every command that reads a map, on a map of 10,000 statements.

Run from the repository root:  python benchmarks/big_map_memory.py [--statements 10000] [--shape cross] [--limit 600]
[--only "render svg" report] [--compare]

Each command runs once as a user runs it (a new process), under GNU time
(``/usr/bin/time -f "%e %U %S %M"``), on a map of ``shapes.py``'s shape; the table gives its
wall and CPU seconds (user + system, its children's included), its peak RSS (the largest of
the process and of each child it waited for: Graphviz, the font subsetter) and whether it
stayed under ``--budget`` MB (500 by default, the goal of issue 28). For an SVG it also
counts the pairs of statements drawn on top of each other (their shapes' boxes overlap).
``--compare`` adds the whole-map layouts the packed one replaces: ``render --engine sfdp``
(overlaps removed by scaling) and ``render --engine dot`` (search limited). ``serve`` and
``lsp`` are servers and are measured by ``preview_latency.py`` instead.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.shapes import SHAPES, shaped_map_text  # noqa: E402

CLI = [sys.executable, "-c", "from usfk_argmap.cli.app import main; main()"]


def commands(map_file: Path, out: Path) -> dict[str, list[str]]:
    """Each command's arguments after ``usfk-argmap``."""
    path = str(map_file)
    result = {
        "check": ["check", path],
        "stats": ["stats", path],
        "evaluate": ["evaluate", path],
        "explain": ["explain", path, "N0"],
        "render svg": ["render", path, "-o", str(out / "map.svg")],
        "render pdf": ["render", path, "-o", str(out / "map.pdf")],
        "render dot": ["render", path, "-o", str(out / "map.dot")],
        "render tex": ["render", path, "-o", str(out / "map.tex")],
        "render pptx": ["render", path, "-o", str(out / "map.pptx")],
        "report": ["report", path, "-o", str(out / "report.html")],
        "slides html": ["slides", path, "-o", str(out / "deck.html")],
    }
    for format_name in ("json", "argdown", "aif", "graphml", "mermaid", "outline", "canvas", "drawio"):
        result[f"export {format_name}"] = ["export", path, "--format", format_name, "-o", str(out / f"map.{format_name}")]
    return result


def comparisons(map_file: Path, out: Path) -> dict[str, list[str]]:
    """The whole-map layouts the packed one is measured against (``--compare``)."""
    return {
        f"render svg --engine {engine}": ["render", str(map_file), "--engine", engine, "-o", str(out / f"map-{engine}.svg")]
        for engine in ("sfdp", "dot")
    }


_STATEMENT = re.compile(rb'<g id="am-n\d+" class="node[^>]*>.*?<(?:polygon|path)[^>]* (?:points|d)="([^"]*)"', re.S)


def overlapping_pairs(svg: bytes) -> int:
    """How many pairs of statements' shapes overlap in an SVG of ours (a sweep over their boxes, left to right)."""
    boxes = []
    for match in _STATEMENT.finditer(svg):
        numbers = [float(n) for n in re.findall(rb"-?\d+(?:\.\d+)?", match.group(1))]
        boxes.append((min(numbers[0::2]), min(numbers[1::2]), max(numbers[0::2]), max(numbers[1::2])))
    boxes.sort()
    count = 0
    active: list[tuple[float, float, float, float]] = []
    for box in boxes:
        active = [other for other in active if other[2] > box[0]]
        count += sum(1 for other in active if other[1] < box[3] and box[1] < other[3])
        active.append(box)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--shape", default="cross", choices=SHAPES)
    parser.add_argument("--budget", type=float, default=500.0, help="MB")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds before a command is stopped")
    parser.add_argument("--only", nargs="+", help="run these commands only (names as in the table)")
    parser.add_argument("--compare", action="store_true", help="also lay the map out whole, with sfdp and with dot")
    arguments = parser.parse_args()
    print(f"{arguments.statements:,} statements, shape {arguments.shape}; load before: {os.getloadavg()[0]:.2f}\n")
    print("| command | wall s | CPU s | peak RSS MB | under budget | statements overlapping |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        map_file = folder / "map.yaml"
        map_file.write_text(shaped_map_text(arguments.statements, arguments.shape), encoding="utf-8")
        env = {**os.environ, "USFK_ARGMAP_CACHE": str(folder / "cache")}
        chosen = commands(map_file, folder)
        if arguments.compare:
            chosen.update(comparisons(map_file, folder))
        for label, command in chosen.items():
            if arguments.only and label not in arguments.only:
                continue
            rss_file = folder / "rss"
            started = time.perf_counter()
            try:
                done = subprocess.run(
                    ["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(rss_file), *CLI, *command],
                    capture_output=True,
                    timeout=arguments.limit,
                    check=False,
                    env=env,
                )
            except subprocess.TimeoutExpired:
                print(f"| {label} | over {arguments.limit:.0f} | - | - | - | - |", flush=True)
                continue
            wall = time.perf_counter() - started
            _, user, system, rss = rss_file.read_text().split()[-4:]
            peak = int(rss) / 1024
            status = "" if done.returncode in (0, 1) else f" (exit {done.returncode})"
            verdict = "yes" if peak < arguments.budget else "**no**"
            svg = Path(command[-1])
            overlaps = str(overlapping_pairs(svg.read_bytes())) if svg.suffix == ".svg" and svg.exists() else ""
            cpu = float(user) + float(system)
            print(f"| {label}{status} | {wall:.1f} | {cpu:.1f} | {peak:.0f} | {verdict} | {overlaps} |", flush=True)
    print(f"\nload after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

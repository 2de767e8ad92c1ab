"""Peak memory and time of every command that reads a map, on a map of 10,000 statements.

Run from the repository root:  python benchmarks/big_map_memory.py [--statements 10000] [--shape cross] [--limit 600]

Each command runs once as a user runs it (a new process), under GNU time
(``/usr/bin/time -f %M``), on a map of ``shapes.py``'s shape; the table gives its
wall seconds, its peak RSS (the largest of the process and of each child it waited
for: Graphviz, the font subsetter) and whether it stayed under ``--budget`` MB
(500 by default, the goal of issue 28). ``serve`` and ``lsp`` are servers and are
measured by ``preview_latency.py`` instead.
"""

from __future__ import annotations

import argparse
import os
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
        "report": ["report", path, "-o", str(out / "report.html")],
        "slides html": ["slides", path, "-o", str(out / "deck.html")],
    }
    for format_name in ("json", "argdown", "aif", "graphml", "mermaid", "outline"):
        result[f"export {format_name}"] = ["export", path, "--format", format_name, "-o", str(out / f"map.{format_name}")]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--shape", default="cross", choices=SHAPES)
    parser.add_argument("--budget", type=float, default=500.0, help="MB")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds before a command is stopped")
    parser.add_argument("--only", nargs="+", help="run these commands only (names as in the table)")
    arguments = parser.parse_args()
    print(f"{arguments.statements:,} statements, shape {arguments.shape}; load before: {os.getloadavg()[0]:.2f}\n")
    print("| command | wall s | peak RSS MB | under budget |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        map_file = folder / "map.yaml"
        map_file.write_text(shaped_map_text(arguments.statements, arguments.shape), encoding="utf-8")
        env = {**os.environ, "USFK_ARGMAP_CACHE": str(folder / "cache")}
        for label, command in commands(map_file, folder).items():
            if arguments.only and label not in arguments.only:
                continue
            rss_file = folder / "rss"
            started = time.perf_counter()
            try:
                done = subprocess.run(
                    ["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *CLI, *command],
                    capture_output=True,
                    timeout=arguments.limit,
                    check=False,
                    env=env,
                )
            except subprocess.TimeoutExpired:
                print(f"| {label} | over {arguments.limit:.0f} | - | - |", flush=True)
                continue
            wall = time.perf_counter() - started
            peak = int(rss_file.read_text().split()[-1]) / 1024
            status = "" if done.returncode in (0, 1) else f" (exit {done.returncode})"
            verdict = "yes" if peak < arguments.budget else "**no**"
            print(f"| {label}{status} | {wall:.1f} | {peak:.0f} | {verdict} |", flush=True)
    print(f"\nload after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

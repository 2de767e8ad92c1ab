"""Ours beside the tools people compare us with: Argdown's CLI and arguebuf, at 100, 1,000 and 5,000 statements.

Run from the repository root:  python benchmarks/peers.py [--sizes 100 1000 5000] [--rounds 3]

Installs nothing. The Argdown CLI is used when ``--argdown`` names it or it is
found (``clients/node_modules/.bin/argdown`` of this checkout, then ``argdown``
on the PATH; ``scripts/setup.sh`` installs it); arguebuf when this Python can
import it (``pip install arguebuf``). A tool that is missing gets a row saying so.

Each map (``shapes.py``: a plain tree with 10% attacks, and the tree with 10%
cross-links) is written as our YAML and exported with our own ``export`` to
Argdown (for Argdown) and AIF (for arguebuf), so every tool reads the same map.
The tasks:

| task | ours | Argdown | arguebuf |
| check | ``usfk-argmap check`` | ``argdown`` (parse and check) | ``load.file`` of the AIF |
| SVG | ``usfk-argmap render -o map.svg`` | ``argdown map --format svg`` | ``render.graphviz(dump.graphviz(...))`` |

Every run is a new process, as a user starts it; each round runs all the tools'
commands for one map one after the other (interleaved), and the table gives the
median wall seconds of ``--rounds`` rounds and the largest peak RSS seen (GNU
time's ``%M`` when ``/usr/bin/time`` is GNU time, else the children's
``ru_maxrss``, which only grows, so a later row can show an earlier run's peak).
The machine and its load before and after are printed above the table.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.shapes import SHAPES, shaped_map_text  # noqa: E402

OURS = [sys.executable, "-c", "from usfk_argmap.cli.app import main; main()"]
ARGUEBUF_LOAD = "import sys, arguebuf as ag; ag.load.file(sys.argv[1])"
ARGUEBUF_SVG = "import sys, arguebuf as ag; ag.render.graphviz(ag.dump.graphviz(ag.load.file(sys.argv[1])), sys.argv[2])"


def gnu_time() -> str | None:
    """``/usr/bin/time`` when it is GNU time (it takes ``-f``), else None."""
    if not Path("/usr/bin/time").exists():
        return None
    done = subprocess.run(["/usr/bin/time", "-f", "%M", "true"], capture_output=True, text=True, check=False)
    return "/usr/bin/time" if done.returncode == 0 and done.stderr.strip().isdigit() else None


def run(command: list[str], timer: str | None, limit: float) -> tuple[float, int] | None:
    """Wall seconds and peak RSS in KB of one run (None: it failed or took longer than ``limit``)."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss_file:
        measured = [timer, "-f", "%M", "-o", rss_file.name, *command] if timer else command
        started = time.perf_counter()
        try:
            done = subprocess.run(measured, capture_output=True, timeout=limit, check=False)
        except subprocess.TimeoutExpired:
            return None
        wall = time.perf_counter() - started
        if done.returncode != 0:
            return None
        if timer:
            return wall, int(Path(rss_file.name).read_text().split()[-1])
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def argdown_cli(given: str | None) -> str | None:
    if given:
        return given
    local = ROOT / "clients" / "node_modules" / ".bin" / "argdown"
    return str(local) if local.exists() else shutil.which("argdown")


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        model = names[0] if names else model
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr.strip()
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, {dot}"


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def tasks(folder: Path, argdown: str | None, arguebuf: bool) -> dict[tuple[str, str], list[str] | str]:
    """Each (tool, task)'s command, or why it does not run."""
    yaml, argdown_file, aif = folder / "map.yaml", folder / "map.argdown", folder / "map.json"
    result: dict[tuple[str, str], list[str] | str] = {
        ("ours", "check"): [*OURS, "check", str(yaml)],
        ("ours", "svg"): [*OURS, "render", str(yaml), "-o", str(folder / "ours.svg")],
    }
    missing_argdown = "not found (npm install @argdown/cli, or --argdown PATH)"
    result["argdown", "check"] = [argdown, str(argdown_file)] if argdown else missing_argdown
    result["argdown", "svg"] = (
        [argdown, "map", "--format", "svg", str(argdown_file), str(folder / "argdown")] if argdown else missing_argdown
    )
    missing_arguebuf = "not installed (pip install arguebuf)"
    result["arguebuf", "check"] = [sys.executable, "-c", ARGUEBUF_LOAD, str(aif)] if arguebuf else missing_arguebuf
    result["arguebuf", "svg"] = (
        [sys.executable, "-c", ARGUEBUF_SVG, str(aif), str(folder / "arguebuf.svg")] if arguebuf else missing_arguebuf
    )
    return result


def write_inputs(folder: Path, count: int, shape: str) -> None:
    """The map in our YAML, and our own Argdown and AIF exports of it."""
    yaml = folder / "map.yaml"
    yaml.write_text(shaped_map_text(count, shape), encoding="utf-8")
    for format_name, name in (("argdown", "map.argdown"), ("aif", "map.json")):
        subprocess.run(
            [*OURS, "export", str(yaml), "--format", format_name, "-o", str(folder / name)], capture_output=True, check=True
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--argdown", help="the Argdown CLI (default: clients/node_modules/.bin/argdown, then the PATH)")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds before a run is given up")
    arguments = parser.parse_args()
    timer = gnu_time()
    argdown = argdown_cli(arguments.argdown)
    arguebuf = importlib.util.find_spec("arguebuf") is not None
    print(f"machine: {machine()}")
    print(f"load before: {load()}; peak RSS from {'GNU time' if timer else 'getrusage (children, cumulative)'}")
    print(f"median wall seconds of {arguments.rounds} interleaved rounds; peak RSS in MB\n")
    print("| statements | shape | task | ours | Argdown | arguebuf | Argdown / ours |")
    print("|---|---|---|---|---|---|---|")
    for count in arguments.sizes:
        for shape in arguments.shapes:
            with tempfile.TemporaryDirectory() as name:
                folder = Path(name)
                write_inputs(folder, count, shape)
                commands = tasks(folder, argdown, arguebuf)
                runs: dict[tuple[str, str], list[tuple[float, int] | None]] = {key: [] for key in commands}
                for _ in range(arguments.rounds):
                    for key, command in commands.items():
                        if isinstance(command, list):
                            runs[key].append(run(command, timer, arguments.limit))
                for task in ("check", "svg"):
                    cells: list[str] = []
                    medians: dict[str, float] = {}
                    for tool in ("ours", "argdown", "arguebuf"):
                        command, results = commands[tool, task], runs[tool, task]
                        if isinstance(command, str):
                            cells.append(command if tool != "arguebuf" or task == "check" else "-")
                        elif any(result is None for result in results):
                            cells.append(f"failed or over {arguments.limit:.0f} s")
                        else:
                            done = [result for result in results if result is not None]
                            medians[tool] = statistics.median(wall for wall, _ in done)
                            cells.append(f"{medians[tool]:.2f} s, {max(rss for _, rss in done) / 1024:.0f} MB")
                    ratio = f"{medians['argdown'] / medians['ours']:.1f}x" if {"ours", "argdown"} <= medians.keys() else "-"
                    print(f"| {count:,} | {shape} | {task} | {' | '.join(cells)} | {ratio} |", flush=True)
    print(f"\nload after: {load()}")


if __name__ == "__main__":
    main()

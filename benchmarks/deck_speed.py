"""Build and start-up times of the commands, as ratios to what they cannot beat, in one run.

Run from the repository root:  python benchmarks/deck_speed.py [--rounds 5]

Each round runs every command once as a user would (a new process, the
installed ``usfk-argmap`` of this interpreter), one after the other, so all
figures see the same machine; the table shows the median of the rounds for
each ratio, in CPU time (the process's and its children's: Graphviz's, fontTools'
in threads) and in wall time. Decks are built with an empty layout cache each
time (a fresh ``USFK_ARGMAP_CACHE`` folder): the cold case a first build pays.
The other commands run as a user's do, with the cache they filled before
(``render`` keeps the terms it found in a map there, not its layout). Python
runs with byte-code caching on (``PYTHONPYCACHEPREFIX`` in the temporary
folder), as an installed copy does: an editable install under
``PYTHONDONTWRITEBYTECODE`` would compile the package's modules in every run.

| ratio | what | goal (issue 12) |
| deck html / render | ``slides -o deck.html`` of the flagship over ``render -o map.svg`` | 5x |
| deck pptx / render | ``slides -o deck.pptx`` over the same render | 8x |
| check / python | ``check`` of the flagship over ``python -c pass`` | 8x |
| --version / python | ``--version`` over ``python -c pass`` (and which heavy modules it imports) | 5x |
| render / dot | ``render`` of the flagship over ``dot -Tsvg`` on the DOT it wrote | 4x |
| render 1000 / dot | the same for a 1,000-statement synthetic map | 1.3x |
| libraries / dot | importing what ``render`` needs of others (click, PyYAML, pydot, BudouX), nothing of ours | (none) |

``--startup-only`` leaves the decks out. ``--before PATH`` names another
checkout of the package (the code before a change): its ``check``, ``render``
and ``--version`` run in the same rounds, each beside this checkout's, and get
rows of their own. Each checkout's command imports the package from its own
folder, whatever the current folder and the installed copy are.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.render_overhead import synthetic_text  # noqa: E402

FLAGSHIP = ROOT / "maps" / "usfk_conclusion.yaml"


def cli(tree: Path) -> list[str]:
    """The command as a user runs it (the console script does the same), with the package of ``tree``."""
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(tree)!r}); from usfk_argmap.cli.app import main; main()"]


CLI = cli(ROOT)


def timed(command: list[str], env: dict[str, str] | None = None, stdin: bytes | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (the child's, with everything it waited for) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, input=stdin, capture_output=True, check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def heavy_imports_of_version() -> list[str]:
    code = (
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from usfk_argmap.cli.app import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(m for m in ('networkx', 'pydot', 'jinja2', 'yaml') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stderr.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--startup-only", action="store_true", help="leave the decks out")
    parser.add_argument("--before", type=Path, help="another checkout, run beside this one (the code before a change)")
    args = parser.parse_args()
    before = None if args.before is None else cli(args.before.resolve())
    with tempfile.TemporaryDirectory(prefix="usfk-bench-") as folder:
        work = Path(folder)
        large = work / "large.yaml"
        large.write_text(synthetic_text(1000), encoding="utf-8")
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        samples: dict[str, list[tuple[float, float]]] = {}

        def run(name: str, command: list[str], stdin: bytes | None = None, cold: bool = False) -> None:
            environment = dict(env)
            cache = tempfile.mkdtemp(dir=folder, prefix="cache-") if cold else str(work / "cache")
            environment["USFK_ARGMAP_CACHE"] = cache
            samples.setdefault(name, []).append(timed(command, environment, stdin))

        env["USFK_ARGMAP_CACHE"] = str(work / "cache")
        # The DOT each render lays out, for dot alone.
        subprocess.run([*CLI, "render", str(FLAGSHIP), "-o", str(work / "flagship.dot")], check=True, env=env)
        subprocess.run([*CLI, "render", str(large), "-o", str(work / "large.dot")], check=True, env=env)
        flagship_dot = (work / "flagship.dot").read_bytes()
        large_dot = (work / "large.dot").read_bytes()
        if not args.startup_only:
            run("warm-up", [*CLI, "slides", str(FLAGSHIP), "-o", str(work / "warm.html")])
        run("warm-up", [*CLI, "check", str(FLAGSHIP)])
        if before is not None:
            run("warm-up", [*before, "check", str(FLAGSHIP)])
            run("warm-up", [*before, "render", str(FLAGSHIP), "-o", str(work / "before.svg")])
        for _ in range(args.rounds):
            run("python", [sys.executable, "-c", "pass"])
            run("version", [*CLI, "--version"])
            if before is not None:
                run("version before", [*before, "--version"])
            run("check", [*CLI, "check", str(FLAGSHIP)])
            if before is not None:
                run("check before", [*before, "check", str(FLAGSHIP)])
            run("render", [*CLI, "render", str(FLAGSHIP), "-o", str(work / "map.svg")])
            if before is not None:
                run("render before", [*before, "render", str(FLAGSHIP), "-o", str(work / "before.svg")])
            run("dot", ["dot", "-Tsvg"], flagship_dot)
            run("libraries", [sys.executable, "-c", "import click, yaml, pydot, budoux"])
            if not args.startup_only:
                run("html", [*CLI, "slides", str(FLAGSHIP), "-o", str(work / "deck.html")], cold=True)
                run("pptx", [*CLI, "slides", str(FLAGSHIP), "-o", str(work / "deck.pptx")], cold=True)
            run("render-1000", [*CLI, "render", str(large), "-o", str(work / "large.svg")])
            if before is not None:
                run("render-1000 before", [*before, "render", str(large), "-o", str(work / "large-before.svg")])
            run("dot-1000", ["dot", "-Tsvg"], large_dot)
        heavy = heavy_imports_of_version()

    def ratio(top: str, bottom: str, index: int) -> float:
        return statistics.median(a[index] / b[index] for a, b in zip(samples[top], samples[bottom], strict=True))

    def seconds(name: str, index: int) -> float:
        return statistics.median(s[index] for s in samples[name])

    rows = [
        ("deck html / render", "html", "render", 5.0),
        ("deck pptx / render", "pptx", "render", 8.0),
        ("check / python", "check", "python", 8.0),
        ("--version / python", "version", "python", 5.0),
        ("render / dot -Tsvg", "render", "dot", 4.0),
        ("render 1000 / dot -Tsvg", "render-1000", "dot-1000", 1.3),
        ("libraries alone / dot -Tsvg", "libraries", "dot", 0.0),
    ]
    if args.startup_only:
        rows = rows[2:]
    if before is not None:
        rows += [
            ("check / python, before", "check before", "python", 8.0),
            ("--version / python, before", "version before", "python", 5.0),
            ("render / dot -Tsvg, before", "render before", "dot", 4.0),
            ("render 1000 / dot -Tsvg, before", "render-1000 before", "dot-1000", 1.3),
        ]
    decks = "" if args.startup_only else "; decks with a cold layout cache"
    print(f"Medians of {args.rounds} interleaved rounds{decks}; load average {os.getloadavg()[0]:.1f} at the end.\n")
    print("| ratio | CPU | wall | goal | seconds (CPU / wall) |")
    print("|---|---|---|---|---|")
    for label, top, bottom, goal in rows:
        cpu, wall = ratio(top, bottom, 1), ratio(top, bottom, 0)
        target = f"{goal:g}x" if goal else "-"
        print(
            f"| {label} | {cpu:.1f}x | {wall:.1f}x | {target} | {seconds(top, 1):.3f} / {seconds(top, 0):.3f} "
            f"over {seconds(bottom, 1):.3f} / {seconds(bottom, 0):.3f} |"
        )
    print(f"\n--version imports: {', '.join(heavy) or 'none'} of networkx, pydot, jinja2, yaml")


if __name__ == "__main__":
    main()

"""How long importing then writing a big map takes: Argdown, AIF and microtext at 20k and 60k relations.

Run from the repository root:  python benchmarks/import_write_speed.py [--sizes 20000 60000]

Each input states n relations (Argdown: n statements supporting one root; AIF:
a chain of n inferences; microtext: n argumentative units supporting one).
The table gives the seconds to import (``import_bytes``), to write
(``write_map``) and both, the ratio of the totals at the largest and smallest
size (3 for linear growth from 20k to 60k), and the peak resident memory of a
fresh process doing both, read from GNU time (``/usr/bin/time -f %M``; the
column is left out when GNU time is not installed).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from usfk_argmap.interop import import_bytes  # noqa: E402
from usfk_argmap.mapfile.writer import write_map  # noqa: E402

GNU_TIME = "/usr/bin/time"


def argdown(n: int) -> bytes:
    return "\n".join(["[T]: root", *(f"  + [S{k}]: statement {k}" for k in range(n))]).encode()


def aif(n: int) -> bytes:
    nodes: list[dict[str, str]] = [{"nodeID": "1", "text": "root", "type": "I"}]
    edges: list[dict[str, str]] = []
    for k in range(n):
        nodes += [{"nodeID": f"i{k}", "text": f"statement {k}", "type": "I"}, {"nodeID": f"r{k}", "text": "RA", "type": "RA"}]
        target = "1" if k % 10 == 0 else f"i{k - 1}"
        edges += [
            {"edgeID": f"e{k}a", "fromID": f"i{k}", "toID": f"r{k}"},
            {"edgeID": f"e{k}b", "fromID": f"r{k}", "toID": target},
        ]
    return json.dumps({"nodes": nodes, "edges": edges}, indent=1).encode()


def microtext(n: int) -> bytes:
    parts = ['<arggraph id="x" lang="en">', '<edu id="e0">root</edu>']
    parts += [f'<edu id="e{k}">statement {k}</edu>' for k in range(1, n + 1)]
    parts += [f'<adu id="a{k}" type="{"pro" if k else "opp"}"/>' for k in range(n + 1)]
    parts += [f'<edge id="s{k}" src="e{k}" trg="a{k}" type="seg"/>' for k in range(n + 1)]
    parts += [f'<edge id="c{k}" src="a{k}" trg="a0" type="sup"/>' for k in range(1, n + 1)]
    parts.append("</arggraph>")
    return "\n".join(parts).encode()


FORMATS: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "argdown": ("x.argdown", argdown),
    "aif": ("x.json", aif),
    "microtext": ("x.xml", microtext),
}


def import_and_write(kind: str, n: int) -> tuple[float, float]:
    """Seconds to import and to write the ``kind`` input of ``n`` relations."""
    name, make = FORMATS[kind]
    data = make(n)
    started = time.perf_counter()
    result = import_bytes(data, kind, name)
    imported = time.perf_counter()
    assert result.map is not None, result.diagnostics
    write_map(result.map)
    return imported - started, time.perf_counter() - imported


def peak_rss_mb(kind: str, n: int) -> float | None:
    """Peak resident memory of a fresh process importing and writing, in MB; None without GNU time."""
    if not Path(GNU_TIME).exists():
        return None
    command = [GNU_TIME, "-f", "%M", sys.executable, __file__, "--one", kind, str(n)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 60_000])
    parser.add_argument("--one", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        import_and_write(args.one[0], int(args.one[1]))
        return
    sizes = sorted(args.sizes)
    memory = shutil.which(GNU_TIME) is not None
    header = f"{'format':<10} {'n':>7} {'import':>8} {'write':>8} {'total':>8} {'ratio':>6}"
    print(header + (f" {'peak RSS':>9}" if memory else ""))
    for kind in FORMATS:
        import_and_write(kind, 100)  # imports and caches, not counted
        first_total = 0.0
        for n in sizes:
            read, written = import_and_write(kind, n)
            total = read + written
            first_total = first_total or total
            ratio = f"{total / first_total:>6.2f}" if n != sizes[0] else f"{'':>6}"
            row = f"{kind:<10} {n:>7} {read:>7.2f}s {written:>7.2f}s {total:>7.2f}s {ratio}"
            rss = peak_rss_mb(kind, n) if memory else None
            print(row + (f" {rss:>6.0f} MB" if rss is not None else ""))


if __name__ == "__main__":
    main()

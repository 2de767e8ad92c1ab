"""How long importing then writing a big map takes, for every importer, at 20k and 60k relations.

Run from the repository root:  python benchmarks/import_write_speed.py [--sizes 20000 60000] [--formats aif kialo] [--runs 3]

Each input states n relations (Argdown: n statements supporting one root; AIF:
a chain of n inferences, every tenth back to the root; xAIF: the same with
OVA's positions; microtext: n argumentative units supporting one; Kialo: a
debate of n claims under the thesis, four to a parent, one in twenty a link;
JSON Canvas and draw.io: n cards in a tree, four to a parent, laid out on a
grid in ten groups, one line each to its parent).
The table gives the size of the file, the seconds to import (``import_bytes``),
to write (``write_map``) and both (the median of ``--runs`` runs, wall clock),
the CPU seconds of both (user and system, the same runs), the ratio of the
CPU seconds at the largest and smallest size (3 for linear growth from 20k to
60k; wall clock on a shared machine follows its load more than the work),
and the peak resident memory of a fresh process doing both, read from GNU time
(``/usr/bin/time -f %M``; the column is left out when GNU time is not installed).
An input over an importer's limits is reported as refused, with the first diagnostic.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.kialo_import import kialo_export  # noqa: E402
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


def xaif(n: int) -> bytes:
    graph = json.loads(aif(n))
    ova = [
        {"nodeID": node["nodeID"], "visible": True, "x": 280 * (k % 50), "y": 120 * (k // 50)}
        for k, node in enumerate(graph["nodes"])
    ]
    return json.dumps({"AIF": graph, "OVA": {"nodes": ova, "edges": []}, "text": "", "dialog": False}, indent=1).encode()


def kialo(n: int) -> bytes:
    return kialo_export(n + 1)


#: Cards of the canvas and draw.io inputs: a grid of this many columns, ten groups of rows.
COLUMNS = 100
GROUPS = 10


def _grid(n: int) -> list[tuple[int, int, int]]:
    """Each card's parent (-1 for the root) and its x and y on the grid, ``n`` relations: a tree four to a parent."""
    return [((k - 1) // 4 if k else -1, 300 * (k % COLUMNS), 150 * (k // COLUMNS)) for k in range(n + 1)]


def _group_rows(n: int) -> int:
    return (n // COLUMNS) // GROUPS + 1


def canvas(n: int) -> bytes:
    rows = _group_rows(n)
    groups = [
        {
            "id": f"section:g{g}",
            "type": "group",
            "x": -20,
            "y": 150 * rows * g - 20,
            "width": 300 * COLUMNS,
            "height": 150 * rows,
            "label": f"group {g}",
        }
        for g in range(GROUPS)
    ]
    cards = [
        {"id": f"c{k}", "type": "text", "x": x, "y": y, "width": 240, "height": 80, "text": f"statement {k}"}
        for k, (_, x, y) in enumerate(_grid(n))
    ]
    lines = [
        {
            "id": f"e{k}",
            "fromNode": f"c{k}",
            "fromSide": "top",
            "toNode": f"c{parent}",
            "toSide": "bottom",
            **({"label": "attacks"} if k % 3 == 0 else {}),
        }
        for k, (parent, _, _) in enumerate(_grid(n))
        if parent >= 0
    ]
    return json.dumps({"nodes": [*groups, *cards], "edges": lines}, indent="\t").encode()


def drawio(n: int) -> bytes:
    rows = _group_rows(n)
    parts = [
        '<mxfile host="benchmark"><diagram id="d" name="big"><mxGraphModel><root>',
        '<mxCell id="0"/>',
        '<mxCell id="1" parent="0"/>',
    ]
    for g in range(GROUPS):
        parts.append(
            f'<mxCell id="g{g}" value="group {g}" style="rounded=1;container=1;" vertex="1" parent="1">'
            f'<mxGeometry x="-20" y="{150 * rows * g - 20}" width="{300 * COLUMNS}" height="{150 * rows}" '
            'as="geometry"/></mxCell>'
        )
    for k, (_, x, y) in enumerate(_grid(n)):
        parts.append(
            f'<mxCell id="c{k}" value="statement {k}" style="rounded=1;" vertex="1" parent="g{y // 150 // rows}">'
            f'<mxGeometry x="{x}" y="{y % (150 * rows)}" width="240" height="80" as="geometry"/></mxCell>'
        )
    for k, (parent, _, _) in enumerate(_grid(n)):
        if parent >= 0:
            end = "baseDash" if k % 3 == 0 else "block"
            parts.append(
                f'<mxCell id="e{k}" style="endArrow={end};" edge="1" parent="1" source="c{k}" target="c{parent}">'
                '<mxGeometry relative="1" as="geometry"/></mxCell>'
            )
    parts.append("</root></mxGraphModel></diagram></mxfile>")
    return "\n".join(parts).encode()


FORMATS: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "argdown": ("x.argdown", argdown),
    "aif": ("x.json", aif),
    "xaif": ("x.json", xaif),
    "microtext": ("x.xml", microtext),
    "kialo": ("x.txt", kialo),
    "canvas": ("x.canvas", canvas),
    "drawio": ("x.drawio", drawio),
}


class Refused(Exception):
    """The importer gave no map: the input is over one of its limits."""


def import_and_write(kind: str, data: bytes) -> tuple[float, float, float]:
    """Seconds to import and to write ``data`` as ``kind``, and the CPU seconds (user and system) of both."""
    name, _ = FORMATS[kind]
    cpu = time.process_time()
    started = time.perf_counter()
    result = import_bytes(data, kind, name)
    imported = time.perf_counter()
    if result.map is None:
        raise Refused(result.diagnostics[0].message if result.diagnostics else "no map")
    write_map(result.map)
    ended = time.perf_counter()
    return imported - started, ended - imported, time.process_time() - cpu


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
    parser.add_argument("--formats", nargs="+", choices=list(FORMATS), default=list(FORMATS))
    parser.add_argument("--runs", type=int, default=3, help="runs a size, the median reported")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        kind, n = args.one[0], int(args.one[1])
        import_and_write(kind, FORMATS[kind][1](n))
        return
    sizes = sorted(args.sizes)
    memory = shutil.which(GNU_TIME) is not None
    header = f"{'format':<10} {'n':>7} {'MB':>6} {'import':>8} {'write':>8} {'total':>8} {'CPU':>8} {'ratio':>6}"
    print(header + (f" {'peak RSS':>9}" if memory else ""), flush=True)
    for kind in args.formats:
        import_and_write(kind, FORMATS[kind][1](100))  # imports and caches, not counted
        first_cpu = 0.0
        for n in sizes:
            data = FORMATS[kind][1](n)
            start = f"{kind:<10} {n:>7} {len(data) / 1e6:>6.1f}"
            try:
                runs = [import_and_write(kind, data) for _ in range(args.runs)]
            except Refused as refused:
                print(f"{start}  refused: {refused}", flush=True)
                continue
            read, written, cpu = (statistics.median(run[i] for run in runs) for i in range(3))
            total = statistics.median(run[0] + run[1] for run in runs)
            first_cpu = first_cpu or cpu
            ratio = f"{cpu / first_cpu:>6.2f}" if n != sizes[0] else f"{'':>6}"
            row = f"{start} {read:>7.2f}s {written:>7.2f}s {total:>7.2f}s {cpu:>7.2f}s {ratio}"
            rss = peak_rss_mb(kind, n) if memory else None
            print(row + (f" {rss:>6.0f} MB" if rss is not None else ""), flush=True)


if __name__ == "__main__":
    main()

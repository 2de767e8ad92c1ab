"""Do the importers stay linear? Each shape of input is imported at size n and 4n, in one run.

Run from the repository root:  python benchmarks/import_scaling.py [--size 10000]

A linear importer takes about 4 times as long at 4n as at n; a quadratic one
about 16 times. The last column is the ratio of the calls made (tests/growth.py,
what tests/test_import_limits.py checks): it does not vary with the machine's
load, but work inside one C call does not show in it, which the times catch.

The shapes are the ones that were not linear: Argdown with many relations (a
list membership test per relation), many comments (a line count from the start
per comment), one statement ending in many brace blocks (a YAML parse per
brace), and arg-microtexts joints joined into joints by repeated segmentation
edges (exponential in the depth), and AIF edges whose positions are reported (a search
from the start of the text per edge). Each time is the best of three.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.growth import calls  # noqa: E402
from usfk_argmap.interop import import_bytes  # noqa: E402


def relations(n: int) -> bytes:
    return "\n".join(["[T]: root", *(f"  + [S{k}]: statement {k}" for k in range(n))]).encode()


def comments(n: int) -> bytes:
    return ("[T]: root\n" + "".join(f"/* {k} */\n" for k in range(n)) + "  + [S]: s\n").encode()


def brace_blocks(n: int) -> bytes:
    return ("[T]: text " + "{a: b}" * (n // 5) + "}\n").encode()


def joints(n: int) -> bytes:
    copies = max(2, n // 1000)
    parts = ['<arggraph id="x">', '<edu id="e1">word</edu>', '<edu id="e2">other</edu>']
    parts += [f'<joint id="j{d}"/>' for d in range(9)]
    parts += ['<adu id="a1" type="pro"/>', '<adu id="a2" type="opp"/>', '<edge id="s0" src="e1" trg="j8" type="seg"/>']
    parts += [f'<edge id="s{d}-{c}" src="j{d}" trg="j{d - 1}" type="seg"/>' for d in range(8, 0, -1) for c in range(copies)]
    parts += [
        '<edge id="t0" src="j0" trg="a1" type="seg"/>',
        '<edge id="t1" src="e2" trg="a2" type="seg"/>',
        '<edge id="c1" src="a2" trg="a1" type="sup"/>',
        "</arggraph>",
    ]
    return "\n".join(parts).encode()


def aif_edges(n: int) -> bytes:
    """An AIF chain of n // 10 inferences whose edges all name a missing node: each edge's position is reported."""
    import json

    count = max(1, n // 10)
    nodes = [{"nodeID": "1", "text": "root", "type": "I"}]
    nodes += [{"nodeID": f"i{k}", "text": f"statement {k}", "type": "I"} for k in range(count)]
    edges = [{"edgeID": f"e{k}", "fromID": f"i{k}", "toID": f"missing{k}"} for k in range(count)]
    return json.dumps({"nodes": nodes, "edges": edges}, indent=1).encode()


SHAPES: list[tuple[str, str, Callable[[int], bytes]]] = [
    ("Argdown relations", "argdown", relations),
    ("Argdown comments", "argdown", comments),
    ("Argdown brace blocks", "argdown", brace_blocks),
    ("microtext joint ladder", "microtext", joints),
    ("AIF reported edges", "aif", aif_edges),
]


def best_of_three(data: bytes, kind: str) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        import_bytes(data, kind, f"bench.{kind}")
        times.append(time.perf_counter() - started)
    return min(times)


def count_calls(data: bytes, kind: str) -> int:
    return calls(lambda: import_bytes(data, kind, f"bench.{kind}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    size = parser.parse_args().size
    print(f"{'input':<24} {'n':>7} {'time n':>9} {'time 4n':>9} {'4n / n':>7} {'calls 4n / n':>13}")
    for name, kind, make in SHAPES:
        small, large = best_of_three(make(size), kind), best_of_three(make(4 * size), kind)
        counted = [count_calls(make(n), kind) for n in (size, 4 * size)]
        print(f"{name:<24} {size:>7} {small:>8.3f}s {large:>8.3f}s {large / small:>7.2f} {counted[1] / counted[0]:>13.2f}")


if __name__ == "__main__":
    main()

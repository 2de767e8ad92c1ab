"""How load and check time grow with the size of a map (every rule is meant to be linear).

Run: .venv/bin/python benchmarks/check_speed.py [sizes...]
Prints a table: nodes, load time, check time, and time per node.
"""

from __future__ import annotations

import random
import sys
import time

from usfk_argmap import check, load_text


def synthetic_map(nodes: int, seed: int = 7) -> str:
    """A tree of claims and premises under one thesis, with 10% cross links, objections and rebuttals."""
    rng = random.Random(seed)
    lines = ["title: synthetic", "root: T", "nodes:", "  T: {kind: thesis, text: thesis 0}"]
    ids = ["T"]
    for index in range(1, nodes):
        kind = rng.choice(["claim", "premise", "evidence", "objection", "rebuttal"])
        parent = ids[rng.randrange(len(ids))]
        relation = "attacks" if kind in ("objection", "rebuttal") else "supports"
        targets = [parent]
        if rng.random() < 0.1 and relation == "supports":
            targets.append(ids[rng.randrange(len(ids))])
        node_id = f"N{index}"
        lines.append(
            f"  {node_id}: {{kind: {kind}, text: statement number {index}, {relation}: [{', '.join(dict.fromkeys(targets))}]}}"
        )
        ids.append(node_id)
    return "\n".join(lines) + "\n"


def main(sizes: list[int]) -> None:
    print(f"{'nodes':>7} {'load s':>9} {'check s':>9} {'µs/node':>9} {'diagnostics':>12}")
    for size in sizes:
        text = synthetic_map(size)
        start = time.perf_counter()
        result = load_text(text, "synthetic.yaml")
        loaded = time.perf_counter()
        assert result.map is not None
        diagnostics = check(result.map)
        checked = time.perf_counter()
        per_node = (checked - start) / size * 1e6
        print(f"{size:>7} {loaded - start:>9.3f} {checked - loaded:>9.3f} {per_node:>9.1f} {len(diagnostics):>12}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100, 1_000, 10_000, 50_000])

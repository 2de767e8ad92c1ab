"""The two shapes of big map the peer benchmarks draw: a plain tree, and the same tree with cross-links.

A plain tree: each claim has two or three reasons (breadth first, so the tree is
as shallow as it can be), one statement in ten attacks its parent instead of
supporting it. With cross-links, one statement in ten also supports or attacks an
earlier statement that is not its parent (an objection supports, a reason attacks),
so the drawing has lines across the tree's branches. The texts are sentences of the
flagship's source, numbered, in Traditional Chinese, as in ``render_overhead.py``.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ("tree", "cross")


def parents(count: int, rng: random.Random) -> list[int]:
    """Each statement's parent (the root's is -1): two or three reasons under each claim, breadth first."""
    result = [-1] * count
    next_child, at = 1, 0
    while next_child < count:
        for _ in range(rng.choice((2, 3))):
            if next_child == count:
                break
            result[next_child] = at
            next_child += 1
        at += 1
    return result


def shaped_map_text(count: int, shape: str, seed: int = 1) -> str:
    """The YAML text of a map of ``count`` statements of the shape ``tree`` or ``cross``."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}: one of {', '.join(SHAPES)}")
    rng = random.Random(seed)
    source = (ROOT / "maps" / "sources" / "usfk_conclusion.txt").read_text(encoding="utf-8")
    sentences = [s.strip() for s in re.split(r"[。\n]", source) if 12 <= len(s.strip()) <= 60]
    lines = ["title: 合成地圖", "lang: zh-Hant", "root: N0", "nodes:", "  N0:", "    kind: thesis", f"    text: {sentences[0]}。"]
    for k, parent in enumerate(parents(count, rng)[1:], start=1):
        attacks = rng.random() < 0.1
        kind = "objection" if attacks else ("premise" if k < count // 3 else "evidence")
        lines += [
            f"  N{k}:",
            f"    kind: {kind}",
            f"    text: {sentences[k % len(sentences)]}（{k}）。",
            f"    {'attacks' if attacks else 'supports'}: N{parent}",
        ]
        if shape == "cross" and rng.random() < 0.1:
            other = rng.randrange(k)
            if other != parent:
                lines.append(f"    {'supports' if attacks else 'attacks'}: N{other}")
    return "\n".join(lines) + "\n"

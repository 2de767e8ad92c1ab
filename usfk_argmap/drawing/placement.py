"""Where the DOT puts things: leaves staggered over levels, the legend's grid and its place under the map,
and the layout settings by size: dot's search limits, a force layout's straight edges and overlap
removal, and the size above which a map is laid out in pieces (``drawing.packed``).

Pure functions over the drawing's lines (``analysis.drawn.DrawnEdge``, read through the ``Line`` protocol), for
``dot.DotBuilder``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from usfk_argmap.drawing.labels import quoted

if TYPE_CHECKING:
    import pydot


class Line(Protocol):
    """What these rules read of a drawn line (``analysis.drawn.DrawnEdge`` has it)."""

    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def relation(self) -> str: ...
    @property
    def svg_id(self) -> str: ...


def farthest_from_the_far_end(edges: Sequence[Line], minlen: dict[str, int], *, from_heads: bool) -> list[str]:
    """The nodes with the longest chain (in ranks) to the ends of the lines: dot ranks them outermost.

    ``from_heads``: chains run along the lines to their heads (the nodes found
    are the lowest in BT); otherwise against them (the lowest in TB). Lines in
    a cycle are left out, as dot reverses one of them.
    """
    after: dict[str, list[tuple[str, int]]] = {}
    waiting: dict[str, int] = {}
    for edge in edges:
        start, end = (edge.target, edge.source) if from_heads else (edge.source, edge.target)
        after.setdefault(start, []).append((end, minlen.get(edge.svg_id, 1)))
        waiting[end] = waiting.get(end, 0) + 1
        waiting.setdefault(start, 0)
    length = {node: 0 for node, count in waiting.items() if count == 0}
    ready = list(length)
    while ready:
        node = ready.pop()
        for following, ranks in after.get(node, ()):
            length[following] = max(length.get(following, 0), length[node] + ranks)
            waiting[following] -= 1
            if waiting[following] == 0:
                ready.append(following)
    if not length:
        return []
    farthest = max(length.values())
    return [node for node in waiting if length.get(node) == farthest]


#: How much more dot weighs keeping a main claim's line to the root short than any other line.
MAIN_LINE_WEIGHT = 20


def main_claim_lines(edges: Sequence[Line], root: str) -> tuple[set[str], set[str]]:
    """The lines that keep the main claims on one rank: (lines held short, lines left out of the ranking).

    A main claim is a reason the root has: a statement with a line to it, or a
    premise of a linked argument whose joint has one. Its line to the root (or
    the joint) is held to one rank (``weight``), as dot would otherwise pull a
    main claim down towards a long line of reasons. A main claim that also
    supports a statement deep in another part of the map (C1 supports SC2.1,
    four ranks under C2) would be ranked under it; that line is drawn but left
    out of the ranking (``constraint=false``). The conclusions then read as parallel.
    """
    tops = {edge.source for edge in edges if edge.target == root}
    ranked_targets = {root} | tops
    main = tops | {edge.source for edge in edges if edge.relation == "premise" and edge.target in tops}
    held = {edge.svg_id for edge in edges if edge.source in main and edge.target in ranked_targets}
    unranked = {edge.svg_id for edge in edges if edge.source in main and edge.target not in ranked_targets}
    return held, unranked


def legend_grid(legend: pydot.Subgraph, kinds: list[str]) -> tuple[list[str], list[str]]:
    """Stack the legend's kinds in two rows, in order, instead of one long row (the lines join the lower row).

    Invisible edges set the rows: an edge places its head a rank above its tail
    (with the conclusion on top), and an edge within a ``rank=same`` row keeps
    its tail left of its head. The lines are left free: tying a labelled level
    line to a row bends it.
    """
    import pydot

    columns = max(1, -(-len(kinds) // 2))
    rows = [kinds[:columns], kinds[columns:]]
    for row in rows:
        if len(row) > 1:
            same = pydot.Subgraph("", rank="same")
            for left, right in itertools.pairwise(row):
                same.add_edge(pydot.Edge(left, right, style="invis"))
            legend.add_subgraph(same)
    top, bottom = rows
    for index, lower in enumerate(bottom):
        legend.add_edge(pydot.Edge(lower, top[index], style="invis"))
    return top, bottom


def staggered_lengths(edges: Sequence[Line], levels: int) -> dict[str, int]:
    """Edge lengths (in ranks) that spread the leaves under each statement over ``levels`` levels.

    A leaf is a statement nothing points at. The leaves under one target take
    lengths 1, 2, ... ``levels`` in turn, so a row of ten premises becomes a
    zigzag of two or three narrower rows. Edges not listed keep length 1.
    """
    if levels <= 1:
        return {}
    pointed_at = {edge.target for edge in edges}
    count_under: dict[str, int] = {}
    lengths: dict[str, int] = {}
    for edge in edges:
        if edge.source in pointed_at or edge.relation == "undercuts":
            continue
        index = count_under.get(edge.target, 0)
        count_under[edge.target] = index + 1
        if index % levels:
            lengths[edge.svg_id] = 1 + index % levels
    return lengths


#: Above this many statements a force layout draws straight edges: spline routing (``splines=true``)
#: grows steeply in Graphviz 2.43's sfdp (100 statements 1.7 s, 300 20 s, 600 over 60 s; straight
#: edges 0.3-0.5 s) and segfaults on 10,000 after 107 s (``benchmarks/large_maps.py``).
STRAIGHT_EDGES_ABOVE = 150
#: Above this many statements (every map ``render`` gives sfdp of its own accord) overlaps are removed by scaling
#: the layout, not by ``prism``: the statements keep their size and the picture grows (sfdp at 10,000 statements:
#: prism 19.6 s, scale 5.9 s; a whole render under load, 59 s against 17 s; at 50,000 scale takes 155 s, prism
#: over 400 s).
SCALED_OVERLAP_ABOVE = 6_000


def force_layout_attributes(count: int) -> dict[str, str]:
    """sfdp/fdp/neato's ``overlap`` and ``splines`` for a drawing of ``count`` statements (measured on 2.43)."""
    return {
        "overlap": quoted("scale" if count > SCALED_OVERLAP_ABOVE else "prism"),
        "splines": quoted("line" if count > STRAIGHT_EDGES_ABOVE else "true"),
    }


#: From this many statements on, dot is told to settle for a good layout rather than search for the best one
#: (``layered_layout_attributes``); below it, Graphviz's defaults take well under a second.
QUICK_LAYERS_FROM = 1000


def layered_layout_attributes(count: int) -> dict[str, str]:
    """dot's search limits for a drawing of ``count`` statements (empty below ``QUICK_LAYERS_FROM``).

    Measured on Graphviz 2.43 with ``benchmarks/dot_settings.py``: at 5,000
    statements nearly all of dot's time is the two network-simplex passes (ranking,
    then x positions, each run to the optimum by default) and, with cross-links, the
    crossing minimisation. ``nslimit`` and ``nslimit1`` (iterations per node) cap each
    pass near 2,500 iterations whatever the size (the positions of a tree then stay a
    little wider than the optimum); ``mclimit`` scales the rounds of crossing reduction
    down to the first pass, ``remincross`` skips the second run of it, and ``searchsize``
    bounds the search for an edge to exchange in the network simplex. Edges stay
    splines: routing 5,000 of them takes a few hundredths of a second.
    """
    if count < QUICK_LAYERS_FROM:
        return {}
    limit = f"{max(0.1, 2500 / count):.2f}"
    return {
        "nslimit": quoted(limit),
        "nslimit1": quoted(limit),
        "mclimit": quoted("0.01"),
        "remincross": quoted("false"),
        "searchsize": quoted("10"),
    }


#: Above this many statements ``render`` lays a map out in pieces and packs them (``drawing.packed``), not in one
#: Graphviz run: at 10,000 statements dot with its search limited takes 22 s of CPU (a plain tree) to 55 s (10%
#: cross-links), and sfdp's ``overlap=scale`` peaks at 875 MB on the cross-linked map.
PACKED_ABOVE = 6_000
#: The most statements (and joints) one piece of a packed layout holds: dot lays out 1,500 in well under a second.
PIECE_LIMIT = 1_500


#: The engine ``render.choose_engine`` names for a map laid out in pieces: the packed DOT says ``layout=nop2``,
#: so Graphviz draws it as laid out (``neato -n2``), whatever command reads it.
PACKED_ENGINE = "neato"


def packs(count: int) -> bool:
    """Whether a drawing of ``count`` statements is laid out in pieces and packed (``drawing.packed``)."""
    return count > PACKED_ABOVE


def packed_note(display_path: str, count: int) -> str:
    """What a command says of a map of ``count`` statements laid out in pieces."""
    return (
        f"{display_path}: {count} statements; laid out by dot in pieces of at most {PIECE_LIMIT:,} statements, "
        "packed side by side, as dot would take minutes on the whole (draw one section at a time with --section, "
        "or insist with --engine dot)"
    )

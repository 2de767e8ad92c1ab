"""AM107 circular-support."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from usfk_argmap.analysis.graph import support_graph
from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM107"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Support runs in a circle: A supports B, which (through others) supports A.

    Circular reasoning grounds nothing. Attacks may run both ways (two
    objections answering each other) and are not counted. The message shows
    one cycle; it is reported once per group of nodes that support each other.
    """
    supports = support_graph(ctx.graph)
    for component in nx.strongly_connected_components(supports):
        if len(component) < 2:
            continue
        cycle = nx.find_cycle(supports.subgraph(component))
        ring = [edge[0] for edge in cycle if edge[0] in ctx.map.nodes] or [edge[0] for edge in cycle]
        first = min(range(len(ring)), key=lambda i: (ctx.map.position_of(ring[i]).line, ring[i]))
        ring = ring[first:] + ring[:first]
        yield Finding(ctx.map.position_of(ring[0]), "circular support: " + " -> ".join([*ring, ring[0]]), ring[0])

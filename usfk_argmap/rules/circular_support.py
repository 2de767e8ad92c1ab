"""AM107 circular-support."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM107"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Support runs in a circle: A supports B, which (through others) supports A.

    Circular reasoning grounds nothing. Attacks may run both ways (two
    objections answering each other) and are not counted. The message shows
    one cycle; it is reported once per group of nodes that support each other.
    """
    supports = ctx.links.supports_only()
    for component in supports.strongly_connected():
        if len(component) < 2:
            continue
        cycle = supports.cycle_in(component)
        ring = [node for node in cycle if node in ctx.map.nodes] or cycle
        first = min(range(len(ring)), key=lambda i: (ctx.map.position_of(ring[i]).line, ring[i]))
        ring = ring[first:] + ring[:first]
        yield Finding(ctx.map.position_of(ring[0]), "circular support: " + " -> ".join([*ring, ring[0]]), ring[0])

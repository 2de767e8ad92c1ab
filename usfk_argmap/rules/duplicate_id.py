"""AM103 duplicate-id."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM103"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """An id is defined twice: two nodes, two arguments, or a node and an argument.

    YAML itself would silently keep the last of two equal keys; the map keeps
    the first and reports the second. Fix: rename one of them.
    """
    for item_id, again, first in ctx.map.duplicate_ids:
        yield Finding(again, f"id {item_id!r} is defined twice (first on line {first.line})", item_id)
    for argument in ctx.map.arguments.values():
        if argument.id in ctx.map.nodes:
            first = ctx.map.nodes[argument.id].position
            yield Finding(
                argument.position,
                f"argument id {argument.id!r} is also a node id (line {first.line}); nodes and arguments share one namespace",
                argument.id,
            )

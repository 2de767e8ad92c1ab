"""AM302 missing-quote."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM302"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A node has no ``quote`` although the map has a source text.

    A quote grounds a node in the text: with it, a reader can check that the
    map says what the text says. Assumptions are exempt: they are what the
    text leaves unsaid.
    """
    if ctx.map.source_path is None:
        return
    for node in ctx.map.nodes.values():
        if node.quote is None and node.kind != "assumption":
            yield Finding(node.position, f"{node.id!r} has no quote from the source", node.id)

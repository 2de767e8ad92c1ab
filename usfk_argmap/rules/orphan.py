"""AM201 orphan."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM201"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A node from which no chain of supports, attacks or undercuts leads to the root.

    Whatever the map says there does not bear on the thesis. Fix: connect the
    node to what it is a reason for (or against), or remove it.
    """
    root = ctx.map.root
    if root not in ctx.links:
        return
    connected = ctx.links.ancestors(root) | {root}
    for node in ctx.map.nodes.values():
        if node.id not in connected:
            cause, severity = ctx.follow_on(node.id)
            yield Finding(
                node.position,
                f"{node.id!r} is not connected to the root {root!r}: "
                f"no chain of supports/attacks leads from it to the thesis{cause}",
                node.id,
                severity=severity,
            )

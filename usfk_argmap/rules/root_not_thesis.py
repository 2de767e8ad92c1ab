"""AM105 root-not-thesis."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM105"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """The root node is not of kind ``thesis``, or it supports or attacks something.

    The root is the conclusion the whole map argues for: give it
    ``kind: thesis`` and no relations of its own.
    """
    root = ctx.map.nodes.get(ctx.map.root)
    if root is None:
        return
    if root.kind and root.kind != "thesis":
        yield Finding(root.field_position("kind"), f"the root {root.id!r} is a {root.kind}, not a thesis", root.id)
    reversed_targets = {target for reversal in ctx.reversals if reversal.owner == root.id for target in reversal.targets}
    for relation in ("supports", "attacks"):
        for ref in root.refs(relation):
            if relation == "supports" and ref.target in reversed_targets:
                continue  # written the wrong way round: AM108 says so
            yield Finding(
                ref.position,
                f"the root {root.id!r} {relation} {ref.target!r}: the root is the final conclusion, nothing stands above it",
                root.id,
            )
    for undercut in root.undercuts:
        yield Finding(
            undercut.position,
            f"the root {root.id!r} undercuts {undercut.inference!r}: the root is the final conclusion, nothing stands above it",
            root.id,
        )

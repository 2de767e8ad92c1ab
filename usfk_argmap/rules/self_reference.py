"""AM102 self-reference."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM102"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A node supports, attacks or undercuts itself, or is a premise of an argument for itself.

    A claim cannot be its own reason: the step from reason to conclusion is
    missing. Fix: name the real reason, or remove the relation.
    """
    for node in ctx.map.nodes.values():
        for relation in ("supports", "attacks"):
            for ref in node.refs(relation):
                if ref.target == node.id:
                    yield Finding(ref.position, f"{node.id!r} {relation} itself", node.id)
        for undercut in node.undercuts:
            # Undercutting one's own inference: the node would deny that it bears on what it bears on.
            if undercut.source == node.id:
                yield Finding(
                    undercut.source_position or undercut.position,
                    f"{node.id!r} undercuts its own relation to {undercut.target!r}",
                    node.id,
                )
    for argument in ctx.map.arguments.values():
        for premise in argument.premises:
            if premise.target == argument.target.target:
                yield Finding(
                    premise.position,
                    f"argument {argument.id!r} has its own conclusion {premise.target!r} among its premises",
                    argument.id,
                )

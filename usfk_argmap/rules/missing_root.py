"""AM104 missing-root."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.diagnostics import did_you_mean_phrase, suggest
from usfk_argmap.core.model import Position
from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM104"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """The map's ``root`` is not given, or names no node.

    Every other check measures the map against its root (the thesis), so
    this is the first thing to fix.
    """
    argument_map = ctx.map
    if not argument_map.root:
        if "root" in argument_map.fields:
            advice = argument_map.root_advice() or "name the thesis node"
            yield Finding(argument_map.field_position("root"), f"'root' is empty; {advice}")
        return
    if argument_map.root not in argument_map.nodes:
        hint = suggest(argument_map.root, argument_map.nodes)
        advice = f"; {did_you_mean_phrase(hint)}" if hint else ""
        if not hint and argument_map.root_advice():
            advice = f"; {argument_map.root_advice()}"
        position = argument_map.fields.get("root")
        yield Finding(
            position or Position(),
            f"the root {argument_map.root!r} is not a node of the map{advice}",
            argument_map.root,
            ctx.fix_at(position, hint) if position is not None else None,
        )

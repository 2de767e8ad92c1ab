"""AM113 outweighs-elsewhere."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.diagnostics import did_you_mean_phrase
from usfk_argmap.rules.base import CheckContext, Finding
from usfk_argmap.rules.scheme_views import sides

CODE = "AM113"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """An ``outweighs`` names a statement that is not on the other side of a conclusion the node bears on.

    ``SC1.1: {supports: C1, outweighs: O1.1}`` weighs two reasons about one
    conclusion: SC1.1 is for C1 and O1.1 against it (attacks C1, directly or
    as a premise of a linked argument), and the reasons for are judged the
    stronger. Unlike an undercut, the objection still counts: it is only
    weaker. A statement that bears on other conclusions, or on the same side,
    cannot be outweighed by this node.
    """
    weighing = [node for node in ctx.map.nodes.values() if node.outweighs]
    if not weighing:
        return  # the sides of every node are worked out only for a map that weighs reasons
    bearing = sides(ctx.map)
    for node in weighing:
        mine = bearing.get(node.id, set())
        for ref in node.outweighs:
            if ref.target not in ctx.map.nodes:
                hint = ctx.node_suggester(ref.target)
                advice = f" ({did_you_mean_phrase(hint)})" if hint else ""
                yield Finding(
                    ref.position,
                    f"{node.id!r} outweighs {ref.target!r}, which is no node of the map{advice}",
                    node.id,
                    fix=ctx.fix_at(ref.position, hint),
                )
                continue
            theirs = bearing.get(ref.target, set())
            if not any(conclusion == other and relation != against for conclusion, relation in mine for other, against in theirs):
                shared = sorted({conclusion for conclusion, _ in mine} & {conclusion for conclusion, _ in theirs})
                where = f"both are on the same side of {', '.join(shared)}" if shared else "they bear on no conclusion in common"
                yield Finding(
                    ref.position,
                    f"{node.id!r} outweighs {ref.target!r}, but {where}: 'outweighs' names a statement "
                    "on the other side of a conclusion the node supports or attacks",
                    node.id,
                )

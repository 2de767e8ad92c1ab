"""AM202 unsupported-claim."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.model import CONCLUSION_KINDS
from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM202"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A thesis or claim that nothing supports.

    A conclusion needs at least one reason: a node that ``supports`` it or a
    linked argument for it. Premises, evidence, assumptions, objections and
    rebuttals may stand as leaves. Fix: add the reason the text gives, or make
    the node a premise if it is one.
    """
    reversed_owners = {reversal.owner: reversal for reversal in ctx.reversals if reversal.targets}
    for node in ctx.map.nodes.values():
        if node.kind not in CONCLUSION_KINDS:
            continue
        if not any(edge.relation == "supports" for edge in ctx.incoming.get(node.id, ())):
            reversal = reversed_owners.get(node.id)
            cause = f"; {reversal.cause}" if reversal is not None else ctx.because(ctx.misspelled_by_target.get(node.id))
            yield Finding(node.position, f"{node.kind} {node.id!r} has no support: nothing gives a reason for it{cause}", node.id)

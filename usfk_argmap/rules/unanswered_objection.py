"""AM203 unanswered-objection."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.model import relation_id
from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM203"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """An objection that nothing attacks or answers.

    An objection left standing weakens what it attacks. Answer it with a
    rebuttal that ``attacks`` it, or, where the objection is conceded but
    does not count against its target, with one that undercuts its inference
    (``undercuts: {from: O, to: T}``, or the linked argument it is a premise
    of). Where it is really left standing, suppress the rule on the node with
    the reason.
    """
    undercut = ctx.undercut_targets
    in_arguments: dict[str, list[str]] = {}
    for argument in ctx.map.arguments.values():
        for premise in argument.premises:
            in_arguments.setdefault(premise.target, []).append(argument.id)
    swapped = {
        end: reversal
        for reversal in ctx.reversals
        if reversal.undercut is not None
        for end in (reversal.undercut.source, reversal.undercut.target)
        if end is not None
    }
    for node in ctx.map.nodes.values():
        if node.kind != "objection":
            continue
        if any(edge.relation == "attacks" for edge in ctx.incoming.get(node.id, ())):
            continue
        inferences = [relation_id(node.id, ref.target) for ref in node.attacks] + in_arguments.get(node.id, [])
        if not any(inference in undercut for inference in inferences):
            reversal = swapped.get(node.id)
            cause = f"; {reversal.cause}" if reversal is not None else ctx.because(ctx.misspelled_by_target.get(node.id))
            yield Finding(
                node.position,
                f"objection {node.id!r} is unanswered: no rebuttal attacks it or undercuts its inference{cause}",
                node.id,
            )

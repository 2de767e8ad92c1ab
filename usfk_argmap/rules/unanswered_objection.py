"""AM203 unanswered-objection."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.diagnostics import Severity
from usfk_argmap.rules.base import CheckContext, Finding, rule


@rule("AM203", "unanswered-objection", Severity.WARNING)
def check(ctx: CheckContext) -> Iterator[Finding]:
    """An objection that nothing attacks or answers.

    An objection left standing weakens what it attacks. Answer it with a
    rebuttal that ``attacks`` it (or, where it is really conceded, suppress
    the rule on the node with the reason).
    """
    for node in ctx.map.nodes.values():
        if node.kind != "objection":
            continue
        if not any(edge.relation == "attacks" for edge in ctx.incoming.get(node.id, ())):
            yield Finding(node.position, f"objection {node.id!r} is unanswered: no rebuttal attacks it"
                          f"{ctx.because(ctx.misspelled_by_target.get(node.id))}", node.id)

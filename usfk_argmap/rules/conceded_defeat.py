"""AM209 conceded-defeat."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.model import relation_id
from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM209"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A conceded objection (its AM203 suppressed) defeats a statement that supports something else.

    Suppressing AM203 on an objection concedes it: it stands, and what it
    attacks falls. When that statement is the only reason left standing for
    another (every other reason for it is defeated by a concession too), the
    concession changes the verdict further up, so it is named here and never
    happens silently. A statement with other reasons keeps its verdict and is
    not reported. Answer the objection, undercut its inference, or say with
    ``outweighs:`` on a reason for the attacked statement that the reasons for
    it are the stronger (as in ``evaluate``, that keeps off this attack only:
    what else the objection attacks it still defeats); suppress this rule
    where the defeat is meant.

    The rule belongs to the weighing vocabulary: it applies to a map that
    uses it (a scheme, an ``answers`` or an ``outweighs`` anywhere), where a
    concession is weighed rather than only recorded.
    """
    if not _weighs(ctx):
        return
    undercut = ctx.undercut_targets
    supported_by: dict[str, list[str]] = {}
    for node in ctx.map.nodes.values():
        supported_by.setdefault(node.id, []).extend(ref.target for ref in node.supports)
    for argument in ctx.map.arguments.values():
        if argument.relation == "supports":
            for premise in argument.premises:
                supported_by.setdefault(premise.target, []).append(argument.target.target)
    # An attack weighed by a reason for its target (``outweighs``) does not defeat it, as in the evaluation;
    # the objection's other attacks still do.
    weighed = {
        (ref.target, conclusion)
        for node in ctx.map.nodes.values()
        for ref in node.outweighs
        for conclusion in supported_by.get(node.id, ())
    }
    reasons_for: dict[str, set[str]] = {}
    for reason, targets in supported_by.items():
        for target in targets:
            reasons_for.setdefault(target, set()).add(reason)
    conceded = [
        node
        for node in ctx.map.nodes.values()
        if node.kind == "objection"
        and "AM203" in node.ignore
        and not any(edge.relation == "attacks" for edge in ctx.incoming.get(node.id, ()))
    ]
    defeated = {
        ref.target: node.id
        for node in conceded
        for ref in node.attacks
        if relation_id(node.id, ref.target) not in undercut and (node.id, ref.target) not in weighed
    }
    for node in conceded:
        for ref in node.attacks:
            if defeated.get(ref.target) != node.id:
                continue
            above = sorted(target for target in set(supported_by.get(ref.target, [])) if reasons_for[target] <= defeated.keys())
            if above:
                yield Finding(
                    node.position,
                    f"objection {node.id!r} is conceded (AM203 suppressed) and so defeats {ref.target!r}, "
                    f"the last reason standing for {', '.join(repr(item) for item in above)}: the concession changes "
                    "the verdict there; answer the objection, or say with 'outweighs' what is stronger",
                    node.id,
                )


def _weighs(ctx: CheckContext) -> bool:
    """Whether the map uses the weighing vocabulary: a scheme, an ``answers`` or an ``outweighs``."""
    return any(argument.scheme is not None for argument in ctx.map.arguments.values()) or any(
        node.schemes or node.answers or node.outweighs for node in ctx.map.nodes.values()
    )

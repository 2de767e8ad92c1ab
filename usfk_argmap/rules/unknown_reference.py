"""AM101 unknown-reference."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from usfk_argmap.diagnostics import Severity, did_you_mean
from usfk_argmap.model import Position
from usfk_argmap.rules.base import CheckContext, Finding, rule


@rule("AM101", "unknown-reference", Severity.ERROR)
def check(ctx: CheckContext) -> Iterator[Finding]:
    """A reference names an id that the map does not define.

    Checked: ``supports`` and ``attacks`` (which name nodes), ``undercuts``
    (which names a linked argument), an argument's ``premises`` and target,
    a node's ``section``. The message suggests the closest existing id.

    Fix: correct the id, or add the missing node.
    """
    nodes = ctx.map.nodes
    arguments = ctx.map.arguments
    for node in nodes.values():
        for relation in ("supports", "attacks"):
            for ref in node.refs(relation):
                if ref.target not in nodes:
                    yield _finding(ref.target, ref.position, node.id, f"{relation} of {node.id!r}", nodes,
                                   "an argument id cannot be supported or attacked: name a node"
                                   if ref.target in arguments else None)
        for ref in node.undercuts:
            if ref.target not in arguments:
                yield _finding(ref.target, ref.position, node.id, f"undercuts of {node.id!r}", arguments,
                               "undercuts names a linked argument (an entry of 'arguments'), not a node"
                               if ref.target in nodes else None)
        if node.section is not None and node.section not in ctx.map.sections:
            yield _finding(node.section, node.field_position("section"), node.id,
                           f"section of {node.id!r}", ctx.map.sections, None, what="section")
    for argument in arguments.values():
        for ref in (*argument.premises, argument.target):
            if ref.target not in nodes:
                yield _finding(ref.target, ref.position, argument.id, f"argument {argument.id!r}", nodes, None)


def _finding(target: str, position: Position, owner: str, where: str, known: Iterable[str], extra: str | None,
             what: str = "id") -> Finding:
    message = f"{where} names the unknown {what} {target!r}"
    advice = extra or did_you_mean(target, known, "ids" if what == "id" else f"{what}s")
    if advice:
        message += f"; {advice}"
    return Finding(position, message, owner)

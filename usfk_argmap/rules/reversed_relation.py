"""AM108 reversed-relation."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding
from usfk_argmap.rules.causes import Reversal

CODE = "AM108"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A relation written the wrong way round: a thesis that supports its reasons, an undercut's ends swapped.

    Found: the thesis (the root) that ``supports`` nodes which lead nowhere
    else (``T: supports: [C1, C2]`` for ``C1: supports: T``); a node that
    supports one below it in the chain thesis > claim > premise, assumption >
    evidence, which leads nowhere else (a premise that supports its evidence);
    an undercut ``{from: T, to: O2}`` of a relation that runs from ``O2`` to
    ``T``. The message says the relation as it should be written; the nodes
    the reversal cuts off from the root (AM201, AM202, AM106) name it as their
    probable cause and are reported as warnings, so the one error is the cause.

    Fix: move the id to the other node (``supports: T`` under ``C1``), or
    swap ``from`` and ``to``.
    """
    for reversal in ctx.reversals:
        yield Finding(reversal.position, _message(ctx, reversal), reversal.owner)


def _message(ctx: CheckContext, reversal: Reversal) -> str:
    nodes = ctx.map.nodes
    owner = nodes[reversal.owner]
    undercut = reversal.undercut
    if undercut is not None:
        source, target = undercut.source or "", undercut.target or ""
        relation = ctx.map.relation(target, source)
        return (
            f"undercuts of {owner.id!r} names the relation {source!r} -> {target!r}, but it is {target!r} that "
            f"{relation} {source!r}: the ends are swapped; did you mean `undercuts: {{from: {target}, to: {source}}}`?"
        )
    targets = reversal.targets
    named = _names(targets)
    each = " each" if len(targets) > 1 else ""
    advice = f"did you mean {named}{each} `supports: {owner.id}`?"
    if owner.id == ctx.map.root:
        return (
            f"the root {owner.id!r} supports {named}, which lead{'s' if len(targets) == 1 else ''} nowhere else: "
            f"the reasons for the thesis are written under the thesis, the wrong way round; {advice}"
        )
    below = nodes[targets[0]].kind
    return (
        f"{owner.kind} {owner.id!r} supports {named} ({below}), which lead{'s' if len(targets) == 1 else ''} "
        f"nowhere else: {_a(below)} gives a reason for {_a(owner.kind)}, not the other way round; {advice}"
    )


def _a(kind: str) -> str:
    """'a premise', 'an evidence'... (the kinds as nouns of the map's format)."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def _names(ids: tuple[str, ...]) -> str:
    """'C1', 'C1' and 'C2', 'C1', 'C2' and 'C3'."""
    quoted = [repr(node_id) for node_id in ids]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"

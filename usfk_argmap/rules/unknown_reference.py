"""AM101 unknown-reference."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from usfk_argmap.core.diagnostics import did_you_mean_phrase, series_phrase, suggest
from usfk_argmap.core.model import OWN_RELATIONS, Position, Undercut
from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM101"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A reference names an id that the map does not define.

    Checked: ``supports`` and ``attacks`` (which name nodes), ``undercuts``
    (which names a linked argument, or a relation ``{from: R, to: T}`` that
    node R has of its own to node T), an argument's ``premises`` and target,
    a node's ``section``. The message suggests the closest existing id, or,
    for a relation that does not exist, the relations its reason has.

    Fix: correct the id, or add the missing node or relation.
    """
    nodes = ctx.map.nodes
    arguments = ctx.map.arguments
    for node in nodes.values():
        for relation in ("supports", "attacks"):
            for ref in node.refs(relation):
                if ref.target not in nodes:
                    yield _finding(
                        ctx,
                        ref.target,
                        ref.position,
                        node.id,
                        f"{relation} of {node.id!r}",
                        nodes,
                        "an argument id cannot be supported or attacked: name a node" if ref.target in arguments else None,
                    )
        for undercut in node.undercuts:
            yield from _undercut_findings(ctx, node.id, undercut)
        if node.section is not None and node.section not in ctx.map.sections:
            yield _finding(
                ctx,
                node.section,
                node.field_position("section"),
                node.id,
                f"section of {node.id!r}",
                ctx.map.sections,
                None,
                what="section",
            )
    for argument in arguments.values():
        for ref in (*argument.premises, argument.target):
            if ref.target not in nodes:
                yield _finding(ctx, ref.target, ref.position, argument.id, f"argument {argument.id!r}", nodes, None)


def _finding(
    ctx: CheckContext,
    target: str,
    position: Position,
    owner: str,
    where: str,
    known: Iterable[str],
    extra: str | None,
    what: str = "id",
) -> Finding:
    """The unknown id written at ``position``, with the likely intended one as its fix."""
    message = f"{where} names the unknown {what} {target!r}"
    suggester = ctx.section_suggester if what == "section" else ctx.node_suggester
    hint = suggester(target) if extra is None else None
    advice = extra or (did_you_mean_phrase(hint) if hint else series_phrase(target, suggester.same_stem(target), f"{what}s"))
    if advice:
        message += f"; {advice}"
    return Finding(position, message, owner, ctx.fix_at(position, hint))


def _undercut_findings(ctx: CheckContext, owner: str, undercut: Undercut) -> Iterator[Finding]:
    """An undercut that names no inference of the map: an unknown argument, node or relation."""
    nodes, arguments = ctx.map.nodes, ctx.map.arguments
    where = f"undercuts of {owner!r}"
    if undercut.argument is not None:
        if undercut.argument not in arguments:
            extra = None
            if undercut.argument in nodes:
                extra = (
                    "undercuts names a linked argument (an entry of 'arguments') or a relation "
                    f"{{from: {undercut.argument}, to: TARGET}}, not a node"
                )
            yield _finding(ctx, undercut.argument, undercut.position, owner, where, arguments, extra)
        return
    source, target = undercut.source or "", undercut.target or ""
    ends = ((source, undercut.source_position, "from"), (target, undercut.target_position, "to"))
    unknown = [(end, position, key) for end, position, key in ends if end not in nodes]
    for end, position, key in unknown:
        yield _finding(ctx, end, position or undercut.position, owner, f"'{key}' of an undercut of {owner!r}", nodes, None)
    if unknown or ctx.map.relation(source, target) is not None:
        return
    reason = nodes[source]
    fix = None
    own = [f"{relation} {ref.target}" for relation in OWN_RELATIONS for ref in reason.refs(relation)]
    message = f"{where} names the relation {source!r} -> {target!r}, but {source!r} neither supports nor attacks {target!r}"
    through = [a.id for a in arguments.values() if a.target.target == target and any(p.target == source for p in a.premises)]
    if through:
        message += f"; it reaches {target!r} through the linked argument {through[0]!r}: write `undercuts: {through[0]}`"
    elif own:
        targets = [ref.target for relation in OWN_RELATIONS for ref in reason.refs(relation)]
        hint = suggest(target, targets) or (targets[0] if len(targets) == 1 else None)
        message += f"; {did_you_mean_phrase(hint)}" if hint else f"; {source!r} {', '.join(own)}"
        if undercut.target_position is not None:  # the `to` value is what a fix replaces
            fix = ctx.fix_at(undercut.target_position, hint)
    else:
        message += f"; {source!r} has no relation of its own"
    yield Finding(undercut.target_position or undercut.position, message, owner, fix)

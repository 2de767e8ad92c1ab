"""AM101 unknown-reference."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.diagnostics import Suggester, did_you_mean_phrase, series_phrase, suggest
from usfk_argmap.core.model import OWN_RELATIONS, Node, Position, Section, Undercut
from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM101"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A reference names an id that the map does not define.

    Checked: ``supports`` and ``attacks`` (which name nodes), ``undercuts``
    (which names a linked argument, or a relation ``{from: R, to: T}`` that
    node R has of its own to node T), an argument's ``premises`` and target,
    a node's ``section``. The message suggests the closest existing id, or,
    for a relation that does not exist, the relations its reason has; for
    ids written as one text (``premises: P2, P3``), the list. The nodes this
    cuts off from the root say so (AM201, AM106, as warnings).

    A section is suggested also when it differs from a declared one only by
    Simplified and Traditional characters, variants, width or case, or by one
    character of a name of two or more (成夲 for 成本); with no
    name close, the message lists the declared sections. A map that declares
    no section (no ``sections:`` block, or one written as a list) gets one
    finding for all the sections its nodes name, not one per node.

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
                        ctx.node_suggester,
                        "an argument id cannot be supported or attacked: name a node" if ref.target in arguments else None,
                    )
        for undercut in node.undercuts:
            yield from _undercut_findings(ctx, node.id, undercut)
    yield from _section_findings(ctx)
    for argument in arguments.values():
        for ref in (*argument.premises, argument.target):
            if ref.target not in nodes:
                yield _finding(ctx, ref.target, ref.position, argument.id, f"argument {argument.id!r}", ctx.node_suggester, None)


def _finding(
    ctx: CheckContext, target: str, position: Position, owner: str, where: str, suggester: Suggester, extra: str | None
) -> Finding:
    """The unknown id written at ``position``, with the likely intended one (among ``suggester``'s) as its fix."""
    message = f"{where} names the unknown id {target!r}"
    text_list = next((found for found in ctx.text_lists if found.position == position), None)
    if text_list is not None:
        listed = ", ".join(text_list.ids)
        return Finding(
            position, f"{message}; these are {len(text_list.ids)} ids written as one text: write the list [{listed}]", owner
        )
    hint = suggester(target) if extra is None else None
    advice = extra or (did_you_mean_phrase(hint) if hint else series_phrase(target, suggester.same_stem(target), "ids"))
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
            yield _finding(ctx, undercut.argument, undercut.position, owner, where, ctx.argument_suggester, extra)
        return
    source, target = undercut.source or "", undercut.target or ""
    ends = ((source, undercut.source_position, "from"), (target, undercut.target_position, "to"))
    unknown = [(end, position, key) for end, position, key in ends if end not in nodes]
    for end, position, key in unknown:
        yield _finding(
            ctx, end, position or undercut.position, owner, f"'{key}' of an undercut of {owner!r}", ctx.node_suggester, None
        )
    if unknown or ctx.map.relation(source, target) is not None or ctx.map.relation(target, source) is not None:
        return  # known ends; a relation the other way round is a swapped undercut, which AM108 reports
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


#: Declared sections listed in a message, at most.
SHOWN_SECTIONS = 8


def _section_findings(ctx: CheckContext) -> Iterator[Finding]:
    """The nodes whose ``section`` is not declared: one finding each, or one in all when none is declared."""
    declared = ctx.map.sections
    named = [node for node in ctx.map.nodes.values() if node.section is not None and node.section not in declared]
    if not named:
        return
    if declared:
        for node in named:
            yield _section_finding(ctx, node, declared)
        return
    first = named[0]
    ids = list(dict.fromkeys(node.section or "" for node in named))
    written = ctx.map.fields.get("sections")
    why = (
        f"the map's `sections:` (line {written.line}) maps no id to a heading"
        if written is not None
        else "the map has no `sections:` block"
    )
    block = ", ".join(f"{section}: HEADING" for section in ids[:SHOWN_SECTIONS])
    yield Finding(
        first.field_position("section"),
        f"{len(named)} node(s) name the sections {_listed(ids)}, but {why}: "
        f"declare each with its heading, `sections: {{{block}}}`",
        first.id,
    )


def _section_finding(ctx: CheckContext, node: Node, declared: dict[str, Section]) -> Finding:
    """A section that is not declared, with the declared one meant, or the declared ones to choose from."""
    target = node.section or ""
    position = node.field_position("section")
    message = f"section of {node.id!r} names the unknown section {target!r}"
    variant = _variant_of(target, declared)
    hint = variant or suggest(target, declared) or _one_character_off(target, declared)
    if variant is not None and variant.casefold() != target.casefold():
        message += f"; {did_you_mean_phrase(variant)} (the declared name, in other characters)"
    elif hint is not None:
        message += f"; {did_you_mean_phrase(hint)}"
    else:
        message += f"; the declared sections are {_listed(list(declared))}: name one, or declare {target!r} under `sections:`"
    return Finding(position, message, node.id, ctx.fix_at(position, hint))


def _variant_of(name: str, declared: dict[str, Section]) -> str | None:
    """The declared section ``name`` is once Simplified/Traditional, variant characters, width and case are folded."""
    import unicodedata

    from usfk_argmap.quotes.chinese import fold

    def folded(text: str) -> str:
        return fold(unicodedata.normalize("NFKC", text)).casefold()

    key = folded(name)
    return next((section for section in declared if folded(section) == key), None)


def _one_character_off(name: str, declared: dict[str, Section]) -> str | None:
    """The one declared section of ``name``'s length (two or more) that differs from it in one character
    (成夲 for 成本: difflib finds two-character names too far apart)."""
    close = [
        section
        for section in declared
        if len(section) == len(name) >= 2 and sum(a != b for a, b in zip(section, name, strict=True)) == 1
    ]
    return close[0] if len(close) == 1 else None


def _listed(ids: list[str]) -> str:
    """'a', 'b', 'c' (and N more)."""
    shown = ", ".join(repr(item) for item in ids[:SHOWN_SECTIONS])
    return shown + (f" and {len(ids) - SHOWN_SECTIONS} more" if len(ids) > SHOWN_SECTIONS else "")

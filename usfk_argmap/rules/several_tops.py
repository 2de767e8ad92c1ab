"""AM106 several-tops."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM106"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Nodes other than the root have nothing above them.

    A node that supports, attacks and undercuts nothing is a second top of
    the map: a conclusion nobody connected, or a stray note. Each is also an
    orphan (AM201); this rule names them all at once, at the root.
    """
    argument_map = ctx.map
    if argument_map.root not in argument_map.nodes:
        return
    tops = [
        node.id
        for node in argument_map.nodes.values()
        if node.id != argument_map.root
        and not (node.supports or node.attacks or node.undercuts)
        and not ctx.links.out_degree(node.id)
    ]
    if tops:
        shown = ", ".join(repr(t) for t in tops[:8]) + (f" and {len(tops) - 8} more" if len(tops) > 8 else "")
        cause = _causes(ctx, tops)
        yield Finding(
            argument_map.field_position("root"),
            f"{len(tops)} node(s) besides the root {argument_map.root!r} have nothing above them: {shown}{cause}",
            argument_map.root,
        )


def _causes(ctx: CheckContext, tops: list[str]) -> str:
    """What probably left the tops without anything above them: "; probably because of ..." when one thing
    explains them all, "; 'C2' probably because of ..." for those it explains, or nothing."""
    explained: dict[str, list[str]] = {}  # the phrase -> the tops it explains
    typo_tops = [top for top in tops if top in ctx.misspelled_relations]
    if typo_tops:
        typos = [ctx.misspelled_relations[top] for top in typo_tops]
        keys = ", ".join(sorted({repr(typo.key) for typo in typos}))
        lines = ", ".join(str(typo.position.line) for typo in typos)
        explained[f"probably because of the unknown key {keys} at line{'s' if len(typos) > 1 else ''} {lines}"] = typo_tops
    for top in tops:
        if top not in ctx.misspelled_relations and top in ctx.cut_off_by:
            explained.setdefault(ctx.cut_off_by[top].cause, []).append(top)
    if len(explained) == 1 and sum(map(len, explained.values())) == len(tops):
        return f"; {next(iter(explained))}"
    return "".join(f"; {', '.join(map(repr, which))} {phrase}" for phrase, which in explained.items())

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
        typos = [ctx.misspelled_relations[top] for top in tops if top in ctx.misspelled_relations]
        cause = ""
        if typos:
            keys = ", ".join(sorted({repr(typo.key) for typo in typos}))
            lines = ", ".join(str(typo.position.line) for typo in typos)
            cause = f"; probably because of the unknown key {keys} at line{'s' if len(typos) > 1 else ''} {lines}"
        elif all(top in ctx.reversal_cause for top in tops):
            reversed_lines = sorted({ctx.reversal_cause[top].position.line for top in tops})
            plural = "s" if len(reversed_lines) > 1 else ""
            cause = f"; probably because of the reversed relation{plural} at line{plural} {', '.join(map(str, reversed_lines))}"
        yield Finding(
            argument_map.field_position("root"),
            f"{len(tops)} node(s) besides the root {argument_map.root!r} have nothing above them: {shown}{cause}",
            argument_map.root,
        )

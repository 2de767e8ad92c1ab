"""AM109 second-thesis."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM109"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A node other than the root is of kind ``thesis``.

    A map argues for one thesis, its root; another ``kind: thesis`` is
    usually a claim written with the wrong kind, and is drawn and counted as
    a thesis. Fix: make it a claim (the message's fix does), or make it the
    root if it is the map's conclusion.
    """
    root = ctx.map.nodes.get(ctx.map.root)
    if root is None or root.kind != "thesis":
        return  # AM104 or AM105 says what the root should be first
    for node in ctx.map.nodes.values():
        if node.kind == "thesis" and node.id != root.id:
            position = node.field_position("kind")
            yield Finding(
                position,
                f"{node.id!r} is a second thesis: the map's thesis is its root {root.id!r}; did you mean `kind: claim`?",
                node.id,
                ctx.fix_at(position, "claim"),
            )

"""AM110 rebuttal-attacks-thesis."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM110"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A rebuttal attacks the thesis.

    A rebuttal answers an objection; what speaks against the thesis itself is
    an objection, and is drawn and evaluated as one only with that kind. Fix:
    make it an objection (the message's fix does), or have it attack the
    objection it answers.
    """
    root = ctx.map.root
    for node in ctx.map.nodes.values():
        if node.kind == "rebuttal" and any(ref.target == root for ref in node.attacks):
            position = node.field_position("kind")
            yield Finding(
                position,
                f"rebuttal {node.id!r} attacks the thesis {root!r}: a rebuttal answers an objection, and what "
                "speaks against the thesis is an objection; did you mean `kind: objection`?",
                node.id,
                ctx.fix_at(position, "objection"),
            )

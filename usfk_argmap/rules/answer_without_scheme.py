"""AM112 answer-without-scheme."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.model import relation_id
from usfk_argmap.rules.base import CheckContext, Finding
from usfk_argmap.rules.scheme_views import schemed_inferences

CODE = "AM112"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """An ``answers`` entry names an inference that has no scheme.

    A critical question belongs to a scheme: ``answers: {to: A1, question:
    CQ2}`` names a linked argument with ``scheme:``, and ``answers: {from: R,
    to: T, question: CQ2}`` a relation of node R to T that R gives a scheme
    (``schemes: {T: ID}``). Give the inference its scheme, or name the one
    whose question the node speaks to.
    """
    inferences = schemed_inferences(ctx.map)
    own = {relation_id(node.id, ref.target) for node in ctx.map.nodes.values() for ref in (*node.supports, *node.attacks)}
    for node in ctx.map.nodes.values():
        for answer in node.answers:
            if answer.inference in inferences:
                continue
            exists = answer.inference in own or (answer.argument is not None and answer.argument in ctx.map.arguments)
            if exists:
                how = (
                    "give it `scheme: ID`"
                    if answer.argument is not None
                    else f"give {answer.source!r} `schemes: {{{answer.target}: ID}}`"
                )
                message = f"{node.id!r} answers {answer.question!r} of {answer.inference!r}, which has no scheme: {how}"
            else:
                message = (
                    f"{node.id!r} answers {answer.question!r} of {answer.inference!r}, which is no inference of the map "
                    "(a linked argument's id, or `from: R, to: T` for a node's own relation)"
                )
            yield Finding(answer.position, message, node.id)

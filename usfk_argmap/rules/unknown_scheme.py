"""AM111 unknown-scheme."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.diagnostics import did_you_mean_phrase, suggest
from usfk_argmap.core.model import Ref
from usfk_argmap.core.schemes import schemes
from usfk_argmap.rules.base import CheckContext, Finding
from usfk_argmap.rules.scheme_views import catalogue_scheme, schemed_inferences

CODE = "AM111"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A scheme, role or critical question the catalogue does not have, or a scheme or role put on no inference or premise.

    ``scheme:`` of a linked argument and the values of a node's ``schemes:``
    name schemes of ``usfk-argmap schemes``; a node's ``schemes:`` key names
    a node it ``supports`` or ``attacks`` (the scheme is that relation's).
    ``roles:`` maps the scheme's roles to the argument's own premises, and the
    ``question`` of an ``answers`` entry is one of the critical questions of
    the scheme of the inference it names (``CQ1``...). The likely id is given
    as the fix.
    """
    for argument in ctx.map.arguments.values():
        if argument.scheme is None:
            if argument.roles:
                yield Finding(
                    argument.position,
                    f"argument {argument.id!r} gives roles but no scheme: add `scheme: ID` (`usfk-argmap schemes` lists them)",
                    argument.id,
                )
            continue
        yield from _unknown(ctx, argument.scheme, f"argument {argument.id!r}", argument.id)
        scheme = catalogue_scheme(argument.scheme.target)
        if scheme is None:
            continue
        role_ids = [role.id for role in scheme.roles]
        premises = {premise.target for premise in argument.premises}
        for role, premise in argument.roles.items():
            if role not in role_ids:
                hint = suggest(role, role_ids)
                advice = did_you_mean_phrase(hint) if hint else f"its roles: {', '.join(role_ids)}"
                message = f"argument {argument.id!r}: scheme {scheme.id!r} has no role {role!r} ({advice})"
                yield Finding(premise.position, message, argument.id)
            elif premise.target not in premises:
                yield Finding(
                    premise.position,
                    f"argument {argument.id!r}: role {role!r} names {premise.target!r}, which is not one of its premises "
                    f"({', '.join(sorted(premises))})",
                    argument.id,
                )
    for node in ctx.map.nodes.values():
        for target, scheme_ref in node.schemes.items():
            if ctx.map.relation(node.id, target) is None:
                yield Finding(
                    scheme_ref.position,
                    f"node {node.id!r} gives a scheme for {target!r}, which it neither supports nor attacks: "
                    "a key of 'schemes' names a target of the node's own relations",
                    node.id,
                )
            else:
                yield from _unknown(ctx, scheme_ref, f"the relation {node.id}->{target}", node.id)
    inferences = schemed_inferences(ctx.map)
    for node in ctx.map.nodes.values():
        for answer in node.answers:
            inference = inferences.get(answer.inference)
            scheme = inference.known if inference is not None else None
            if scheme is None or any(question.id == answer.question for question in scheme.questions):
                continue
            question_ids = [question.id for question in scheme.questions]
            hint = suggest(answer.question, question_ids)
            advice = did_you_mean_phrase(hint) if hint else f"its questions: {', '.join(question_ids)}"
            position = answer.question_position or answer.position
            yield Finding(
                position,
                f"{node.id!r} answers {answer.question!r} of {answer.inference!r}, but scheme {scheme.id!r} "
                f"has no such critical question ({advice})",
                node.id,
                fix=ctx.fix_at(position, hint),
            )


def _unknown(ctx: CheckContext, scheme_ref: Ref, what: str, item: str) -> Iterator[Finding]:
    """The finding for a scheme id the catalogue does not have, with the likely one as the fix."""
    if catalogue_scheme(scheme_ref.target) is not None:
        return
    hint = suggest(scheme_ref.target, [entry.id for entry in schemes()])
    advice = did_you_mean_phrase(hint) if hint else "`usfk-argmap schemes` lists them"
    yield Finding(
        scheme_ref.position,
        f"{what} names the unknown scheme {scheme_ref.target!r} ({advice})",
        item,
        fix=ctx.fix_at(scheme_ref.position, hint),
    )

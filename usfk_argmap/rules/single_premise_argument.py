"""AM204 single-premise-argument."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM204"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A linked argument with a single premise.

    The golden rule of argument mapping: a premise seldom gets to its
    conclusion alone; there is usually an unstated co-premise that links them.
    Name it (``kind: assumption``) among the premises, or write the relation
    as a plain ``supports`` if no link is missing: an undercut can name a
    plain relation too (``undercuts: {from: P, to: C}``), so an argument need
    not be made up for it. An undercut argument is not reported: it may have
    been declared to name the inference that is attacked. Nor is one whose
    premise is several ids written as one text (``premises: P2, P3``).
    """
    typed_as_text = {text_list.position for text_list in ctx.text_lists}
    for argument in ctx.map.arguments.values():
        if len(argument.premises) == 1 and argument.id not in ctx.undercut_targets:
            if argument.premises[0].position in typed_as_text:
                continue  # `premises: P2, P3`: several premises written as one text, which AM101 reports
            premise = argument.premises[0].target
            yield Finding(
                argument.position,
                f"argument {argument.id!r} has one premise ({premise!r}): a hidden co-premise is likely",
                argument.id,
            )

"""AM301 quote-not-found."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM301"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A node's ``quote`` is not in the map's source text.

    Matching ignores line breaks and all whitespace and compares in Unicode
    NFKC form, so text copied from a PDF extraction still matches. The
    message shows the closest passage of the source. Quotes are not checked
    when the map names no source.
    """
    source = ctx.map.source_text
    if source is None:
        return
    for node in ctx.map.nodes.values():
        if node.quote is None or source.find(node.quote) is not None:
            continue
        closest = source.closest(node.quote)
        hint = f"; closest passage: {closest!r}" if closest else ""
        yield Finding(node.field_position("quote"), f"the quote of {node.id!r} is not in the source{hint}", node.id)

"""AM205 duplicate-text."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.quotes.source import normalize
from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM205"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Two nodes carry the same text (ignoring case, spacing and Unicode form).

    The same statement twice splits its support between two nodes. Merge
    them into one node that supports both targets.
    """
    first_by_text: dict[str, str] = {}
    for node in ctx.map.nodes.values():
        key = normalize(node.text).casefold()
        if not key:
            continue
        if key in first_by_text:
            yield Finding(node.field_position("text"), f"{node.id!r} has the same text as {first_by_text[key]!r}", node.id)
        else:
            first_by_text[key] = node.id

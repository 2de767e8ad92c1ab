"""AM301 quote-not-found."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.quotes.source import SourceText, one_line
from usfk_argmap.rules.base import CheckContext, Finding

#: Passages longer than this are shown by their start and end.
SHOWN_CHARS = 160
#: Character changes listed in a conversion hint.
SHOWN_CHANGES = 6
#: Differing parts longer than this are shown by their start and end.
SHOWN_PART_CHARS = 60

CODE = "AM301"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A node's ``quote`` is not in the map's source text.

    Matching ignores line breaks and repeated spaces (and, in Chinese or
    Japanese text, every space) and compares in Unicode NFKC form, so text
    copied from a PDF extraction still matches; in English, words run
    together do not, and the message says so. The passage shown has the source's line breaks joined,
    as the ``quote`` command prints it, so it can be pasted. The
    message shows the closest passage in the source's own words, with its
    line, and the first place where quote and passage differ, after the
    words that precede it ("after 'Street have', the quote has 'doubled'
    where the source has 'tripled'"). A quote that matches only
    once Simplified and Traditional characters (or variants such as 周 and
    週) are taken as one is told so, with the characters that differ.
    Quotes are not checked when the map names no source.
    """
    source = ctx.map.source_text
    if source is None:
        return
    for node in ctx.map.nodes.values():
        if node.quote is None or source.find(node.quote) is not None:
            continue
        yield Finding(node.field_position("quote"), quote_message(source, node.id, node.quote), node.id)


def quote_message(source: SourceText, node_id: str, quote: str) -> str:
    """Why ``quote`` is not in ``source``, in the most helpful words we can find."""
    variant = source.find_variant(quote)
    if variant is not None:
        where = f"{source.name} line {variant.line}: {_shown(variant.text)}"
        if variant.script == "variant":
            pairs = ", ".join(f"{ours} where the source has {theirs}" for ours, theirs in variant.changes[:SHOWN_CHANGES])
            if len(variant.changes) > SHOWN_CHANGES:
                pairs += ", …"
            what = "a variant character" if len(variant.changes) == 1 else "variant characters"
            return f"the quote of {node_id!r} matches the source only with {what}: the quote has {pairs} ({where})"
        changes = ", ".join(f"{ours}→{theirs}" for ours, theirs in variant.changes[:SHOWN_CHANGES])
        if len(variant.changes) > SHOWN_CHANGES:
            changes += ", …"
        return f"the quote of {node_id!r} matches the source only after {variant.script} conversion ({changes}): {where}"
    run_together = source.find_run_together(quote)
    if run_together is not None:
        where = f"{source.name} line {source.line_of(run_together.start)}"
        words = source.text[run_together.start : run_together.end]
        return f"the quote of {node_id!r} runs together words that the source separates: {_shown(words)} ({where})"
    message = f"the quote of {node_id!r} is not in the source"
    passage = source.closest_passage(quote)
    if passage is None:
        return message
    message += f"; closest passage ({source.name} line {passage.line}): {_shown(passage.text)}"
    ours, theirs = _shown(passage.quote_part, SHOWN_PART_CHARS), _shown(passage.source_part, SHOWN_PART_CHARS)
    after = f"after {_shown(passage.context)}, " if passage.context else ""
    if passage.quote_part and passage.source_part:
        message += f"; {after}the quote has {ours} where the source has {theirs}"
    elif passage.source_part:
        message += f"; {after}the source has {theirs}, which the quote leaves out"
    elif passage.quote_part:
        message += f"; {after}the quote adds {ours}"
    if passage.changes:
        message += f"; besides, {_script_note(passage.changes)}"
    return message


def _script_note(changes: tuple[tuple[str, str], ...]) -> str:
    from usfk_argmap.quotes.chinese import classify

    script = classify(list(changes))
    listed = ", ".join(f"{ours}→{theirs}" for ours, theirs in changes[:SHOWN_CHANGES])
    if len(changes) > SHOWN_CHANGES:
        listed += ", …"
    if script == "Simplified→Traditional":
        return f"the quote is in Simplified characters where the source is Traditional ({listed})"
    if script == "Traditional→Simplified":
        return f"the quote is in Traditional characters where the source is Simplified ({listed})"
    return f"the quote has variant characters ({listed})"


def _shown(text: str, limit: int = SHOWN_CHARS) -> str:
    """A text as quoted in a message, long ones by their start and end.

    On one line as the ``quote`` command prints it (``one_line``: the source's
    line breaks joined), so a passage can be pasted as a quote.
    """
    text = one_line(text)
    if len(text) > limit:
        text = text[: limit * 2 // 3].rstrip() + " … " + text[-limit // 4 :].lstrip()
    return repr(text)

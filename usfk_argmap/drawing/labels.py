"""Text and values as our DOT writes them: every label escaped by our code, every attribute value quoted.

Graphviz reads entities in HTML-like labels and expands ``\\N`` and ``\\G`` even
there; ``html_text`` makes any text show exactly as written. Values of our own
(colours, styles, ids) are checked to need no escaping and quoted by ``quoted``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["Written", "html_label", "html_text", "needs_escape", "quoted"]


def html_text(text: str) -> str:
    """Text for a Graphviz HTML-like label: shown exactly as given.

    Graphviz reads entities in labels, and expands ``\\N`` and ``\\G`` even in
    HTML-like labels (after decoding entities, so ``&#92;N`` would expand too):
    a backslash is written doubled, which Graphviz reads as one literal backslash.
    Control characters (which Graphviz cannot draw) are dropped.
    """
    if _NEEDS_ESCAPE.search(text) is None:  # most text: nothing to drop or escape
        return text
    cleaned = text.translate(_CONTROLS)
    return cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("\\", "\\\\")


#: Control characters ``html_text`` drops (all below a space but the tab).
_CONTROLS = {code: None for code in range(32) if code != 9}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x08\x0a-\x1f&<>"\\]')


def quoted(value: str | float) -> str:
    """A DOT attribute value of our own (colours, styles, ids) in double quotes."""
    text = f"{value:g}" if isinstance(value, float) else value
    if '"' in text or "\\" in text:
        raise ValueError(f"attribute value {text!r} needs escaping")
    return f'"{text}"'


class Written:
    """An attribute value already quoted or escaped by our code (``quoted``, ``html_text``).

    pydot writes a value that is not a ``str`` as it is: it need not test, once
    for every node and line of a large map, whether text we quoted needs quotes.
    Used for the attributes each node and line has (id, label, class...).
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __format__(self, _spec: str) -> str:
        return self.text


def html_label(lines: Iterable[str], *, size: float | None = None, colour: str | None = None) -> str:
    """Lines of escaped text, joined with centred line breaks, optionally in a FONT element."""
    body = "<BR/>".join(map(html_text, lines))
    attributes = ""
    if size is not None:
        attributes += f' POINT-SIZE="{size:g}"'
    if colour is not None:
        attributes += f' COLOR="{colour}"'
    return f"<FONT{attributes}>{body}</FONT>" if attributes else body


def needs_escape(text: str) -> bool:
    """Whether ``html_text`` would change ``text`` (most text it leaves as it is)."""
    return _NEEDS_ESCAPE.search(text) is not None

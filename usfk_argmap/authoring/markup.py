"""How the editor tooling writes a map's own words into rich text: escaped Markdown, or plain text.

A map's texts, notes, ids and source passages are untrusted: sent as live
Markdown, ``![x](https://…)`` would fetch a remote image in the editor, and
``[x](…)``, ``<b>`` or a bare URL would become links and markup. So every such
word goes through ``Markup.literal``; only our own framing (``strong``,
``emphasis``) is markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# CommonMark lets a backslash escape any ASCII punctuation, and an escaped character is never
# markup; escaping ":" and "." too keeps bare URLs and www. names from being turned into links.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_literal(text: str) -> str:
    """``text`` escaped so that Markdown shows it as written: no link, image, HTML, code or emphasis."""
    return _PUNCTUATION.sub(r"\\\1", text)


@dataclass(frozen=True)
class Markup:
    """A way of writing: Markdown (the map's words escaped) or plain text (the words as they are)."""

    markdown: bool

    def literal(self, text: str) -> str:
        """The map's own words, shown as written."""
        return markdown_literal(text) if self.markdown else text

    def strong(self, text: str) -> str:
        return f"**{self.literal(text)}**" if self.markdown else text

    def emphasis(self, text: str) -> str:
        return f"*{self.literal(text)}*" if self.markdown else text


MARKDOWN = Markup(markdown=True)
PLAIN = Markup(markdown=False)

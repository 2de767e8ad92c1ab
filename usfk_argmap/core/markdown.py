"""Escaping for Markdown, used by every Markdown output (report, stats, Marp deck, the outline export).

A map's text is untrusted: in a Markdown output it must show as written and
never become markup, math, a link, a picture or live HTML, whatever renderer
reads it (CommonMark, GitHub's, Marp's, with math and tables).

- ``markdown_escape``: text on one line, inert (for paragraphs, headings, table cells, list items);
- ``markdown_code``: text as a code span whose fence no backtick in the text can close;
- ``markdown_url``: a relative path as a link destination (spaces, ``#``, ``%``, parentheses encoded).
"""

from __future__ import annotations

import re
from urllib.parse import quote

#: Characters that are markup anywhere in a line: emphasis, code, links, tables, strikethrough, math.
_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
#: What makes a line a heading, quote, list item, setext underline or thematic break when it starts one.
_LINE_START = re.compile(r"^(\s*)(\d*)([#>+=.)-])", re.MULTILINE)


def _entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_line(line: str) -> str:
    """One line made inert, keeping its spaces: markup backslash-escaped, ``&<>`` as entities."""
    return _SPECIAL.sub(r"\\\1", _entities(line))


def guard_line_starts(text: str) -> str:
    """Escape what would make a line a heading, a quote or a list item (``# ``, ``> ``, ``1. ``, ``- ``)."""
    return _LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}", text)


def markdown_escape(text: object) -> str:
    """Text made inert in Markdown, on one line (newlines become spaces, so it fits a table cell or a heading).

    ``&`` becomes ``&amp;`` (so ``&amp;`` in the text shows as written), ``$``
    is escaped (Marp and GitHub read ``$…$`` as math), and a ``#`` is escaped
    everywhere (a heading's trailing ``#`` would be dropped).
    """
    value = " ".join(markdown_line(str(text)).split())
    return guard_line_starts(value.replace("#", "\\#"))


def markdown_code(text: object, *, in_table: bool = False) -> str:
    """Text as an inline code span: fenced by more backticks than any run inside it, on one line.

    In a GitHub table cell a ``|`` ends the cell even inside code: ``in_table``
    writes it as ``\\|``, which the table reads as a literal bar.
    """
    value = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    if value.startswith("`") or value.endswith("`"):
        value = f" {value} "  # a renderer strips one space from each side
    if in_table:
        value = value.replace("|", "\\|")
    return f"{fence}{value}{fence}" if value else "` `"


def markdown_url(path: str) -> str:
    """A relative path as a Markdown link destination: every character but letters, digits and ``/-._~`` percent-encoded."""
    return quote(path, safe="/")

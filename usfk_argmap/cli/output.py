"""Text for a terminal: control characters from a map shown escaped, never sent raw.

A map is untrusted input. Its titles, ids and texts may hold escape
sequences (YAML's ``"\\e]0;...\\a"`` sets a terminal's title, ``"\\e[2J"``
clears its screen) or bidirectional overrides that make a line read other
than it is. Everything the command line prints for people goes through
``printable``: such characters come out as ``\\x1b``, ``\\u202e``...
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL and the C1 controls; bidirectional marks, embeddings and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that could drive a terminal written as an escape (tab and newline kept)."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_escaped, text)

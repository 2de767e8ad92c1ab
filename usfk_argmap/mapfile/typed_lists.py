"""Lists and ids typed as text: what a reference that YAML read as one text was meant to be.

A beginner writes ``premises: P2, P3`` (no brackets: YAML reads one text),
``[P2，P3]`` or ``【P2, P3】`` (a CJK keyboard's comma and brackets, which YAML
takes as letters), a list of ``－ P2`` lines (a full-width dash), or an id in
full-width letters (``Ｃ１``). Each is read here as the ids it names, with the
signs that kept YAML from seeing the list, so the loader can say how to write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Full-width ASCII forms (U+FF01 to U+FF5E) and the ideographic space, to their ASCII characters.
_ASCII_FORMS = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")

_BRACKETS = {
    "[": "]",
    "［": "］",
    "【": "】",
    "〔": "〕",
    "〖": "〗",
    "（": "）",
    "(": ")",
    "「": "」",
    "『": "』",
    "《": "》",
    "〈": "〉",
}
# A list's separators as typed: ASCII and full-width commas and semicolons, the ideographic comma.
_SEPARATORS = ",，、;；"
# A dash that starts an entry of a list typed as lines: full-width, em and en dashes (never inside an id).
_DASHES = "－—–"
_SPLIT = re.compile(f"[{_SEPARATORS}]|(?:^|\\s+)[{_DASHES}](?=\\s)")


def ascii_form(text: str) -> str:
    """``text`` with full-width letters, digits and signs as their ASCII characters (``Ｃ１`` → ``C1``)."""
    return text.translate(_ASCII_FORMS) if _FULLWIDTH.search(text) else text


def has_fullwidth(text: str) -> bool:
    """Whether ``text`` holds a full-width ASCII form or an ideographic space."""
    return not text.isascii() and _FULLWIDTH.search(text) is not None


@dataclass(frozen=True)
class TypedList:
    """A text that is a list of ids typed as text: the ids, and the signs that kept YAML from reading a list."""

    ids: tuple[str, ...]
    #: The non-ASCII brackets, separators and dashes typed, in the order of the text.
    foreign_signs: tuple[str, ...]
    #: Whether the list had brackets (``【P2, P3】``), as opposed to bare ids, separators and dashes (``P2, P3``).
    bracketed: bool

    def reason(self) -> str:
        """Why YAML read the list as one text, in words."""
        if self.foreign_signs:
            signs = " and ".join(f"'{sign}'" for sign in self.foreign_signs)
            return f"YAML reads {signs} as part of the text, since a list is written with ASCII brackets and commas"
        return "without brackets YAML reads the ids and commas as one text"


def typed_list(text: str) -> TypedList | None:
    """The list of ids that ``text`` was meant to be, or None when it is one id (or no list of ids).

    A text holding a colon is no list of ids (a relation ``{from: R, to: T}`` or
    prose), and neither is a text with a separator but a single id around it.
    """
    if text.isalnum():  # most ids, spared the regular expressions (the loader reads every reference here)
        return None
    stripped = text.strip()
    if not stripped or ":" in stripped or "：" in stripped:
        return None
    signs: list[str] = []
    bracketed = stripped[0] in _BRACKETS and stripped[-1] == _BRACKETS[stripped[0]] and len(stripped) >= 2
    if bracketed:
        signs += [stripped[0], stripped[-1]]
        stripped = stripped[1:-1]
    separators = [match.group().strip() for match in _SPLIT.finditer(stripped)]
    pieces = [piece.strip() for piece in _SPLIT.split(stripped)]
    ids = tuple(ascii_form(piece) for piece in pieces if piece)
    if not ids or (len(ids) < 2 and not bracketed and not any(sign in _DASHES for sign in separators)):
        return None
    signs += separators
    foreign = tuple(dict.fromkeys(sign for sign in signs if not sign.isascii()))
    return TypedList(ids, foreign, bracketed)

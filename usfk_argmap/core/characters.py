"""Code points no output of ours can carry, found and replaced the same way by the loader and every importer.

A lone surrogate (U+D800-U+DFFF without its pair) cannot be written as
UTF-8 at all; a noncharacter (U+FDD0-U+FDEF and the last two code points of
every plane, U+FFFE, U+FFFF, U+1FFFE...) is not allowed in XML, so Graphviz
stops on it ("not well-formed") and every drawing of the map fails. Both
arrive through escapes (YAML's ``"\\uFFFE"``, JSON's ``"\\ud800"``) or a
careless converter. Each is replaced by U+FFFD, the replacement character,
and reported with its position, so the map still loads, draws and exports,
and the author sees where the text was damaged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

REPLACEMENT = "\ufffd"

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
UNSAFE = re.compile(f"[\ud800-\udfff{_NONCHARACTERS}]")


@dataclass(frozen=True)
class UnsafeCharacter:
    """An unsafe code point at ``offset`` (a character offset) of a text."""

    offset: int
    char: str

    def describe(self) -> str:
        """``U+FFFE (a noncharacter)``, ``U+D800 (a lone surrogate)``."""
        code = ord(self.char)
        kind = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a noncharacter"
        return f"U+{code:04X} ({kind})"


def unsafe_characters(text: str) -> Iterator[UnsafeCharacter]:
    """Every unsafe code point of ``text``, in order."""
    for match in UNSAFE.finditer(text):
        yield UnsafeCharacter(match.start(), match.group())


def has_unsafe_characters(text: str) -> bool:
    return UNSAFE.search(text) is not None


def replace_unsafe_characters(text: str) -> str:
    """``text`` with every unsafe code point replaced by U+FFFD (same length, so offsets still hold)."""
    return UNSAFE.sub(REPLACEMENT, text)


def advice(found: UnsafeCharacter) -> str:
    """The message part shared by the loader's and the importers' diagnostics."""
    code = ord(found.char)
    why = "UTF-8 cannot encode" if 0xD800 <= code <= 0xDFFF else "XML, and so every drawing, refuses"
    return f"{found.describe()}, which {why}; it was replaced by U+FFFD: remove it or write the character meant"

"""What a text and an id may hold: one policy, enforced by the loader and every importer alike.

**Texts** (titles, statements, glosses, notes, quotes, ids too) may hold any character but
the ones below, which are replaced by U+FFFD and reported with their position.

A lone surrogate (U+D800-U+DFFF without its pair) cannot be written as
UTF-8 at all; a noncharacter (U+FDD0-U+FDEF and the last two code points of
every plane, U+FFFE, U+FFFF, U+1FFFE...) is not allowed in XML, so Graphviz
stops on it ("not well-formed") and every drawing of the map fails. Both
arrive through escapes (YAML's ``"\\uFFFE"``, JSON's ``"\\ud800"``) or a
careless converter. Each is replaced by U+FFFD, the replacement character,
and reported with its position, so the map still loads, draws and exports,
and the author sees where the text was damaged. A control character (U+0000-U+001F but
tab, line feed and carriage return; U+007F-U+009F) comes the same way (YAML's ``"\\x01"``,
``"\\e"``) and is refused by XML 1.0, PowerPoint's parts, and LaTeX: it is replaced too.

**Ids** are also what an author types and reads to find a statement again, so an id is one
line of visible characters, at most ``MAX_ID_CHARS`` long: no line break, no control character,
and no invisible character (a format character such as U+200B ZERO WIDTH SPACE, U+200D, U+2060,
U+FEFF, or a Hangul filler), which would make two ids that look the same differ.
``id_problem`` says what is wrong with an id; ``clean_id`` gives the id it should be.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

REPLACEMENT = "\ufffd"

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
UNSAFE = re.compile(f"[\ud800-\udfff{_NONCHARACTERS}{_CONTROLS}]")
#: A few ranges that hold every unsafe code point (and the astral ones above U+1FFFD): a text is searched
#: for these ten times faster than for the 38 ranges of ``UNSAFE``, and only a text they are found in
#: is searched again with ``UNSAFE``.
_MAYBE_UNSAFE = re.compile(f"[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff{_CONTROLS}]")
#: The unsafe code points an ASCII text can hold: the controls of ``_CONTROLS`` below U+0080.
_ASCII_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: YAML's limit for a key, and so for an id.
MAX_ID_CHARS = 1024
#: Characters that draw nothing though they are not format characters (category Cf, tested apart).
_FILLERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u180e")
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(frozen=True)
class UnsafeCharacter:
    """An unsafe code point at ``offset`` (a character offset) of a text."""

    offset: int
    char: str

    def describe(self) -> str:
        """``U+FFFE (a noncharacter)``, ``U+D800 (a lone surrogate)``."""
        code = ord(self.char)
        return f"U+{code:04X} ({_kind(code)})"


def unsafe_characters(text: str) -> Iterator[UnsafeCharacter]:
    """Every unsafe code point of ``text``, in order."""
    for match in UNSAFE.finditer(text):
        yield UnsafeCharacter(match.start(), match.group())


def has_unsafe_characters(text: str) -> bool:
    """Whether ``text`` holds an unsafe code point (``UNSAFE``)."""
    # UNSAFE's class, with its noncharacters of every plane, is searched at some 30 ns a character (0.3 s in a
    # 10 MB import); an ASCII text, most files, can hold only its controls, and any other text is first searched
    # for the few wide ranges of _MAYBE_UNSAFE: both ten times faster.
    if text.isascii():
        return _ASCII_UNSAFE.search(text) is not None
    return _MAYBE_UNSAFE.search(text) is not None and UNSAFE.search(text) is not None


def replace_unsafe_characters(text: str) -> str:
    """``text`` with every unsafe code point replaced by U+FFFD (same length, so offsets still hold)."""
    return UNSAFE.sub(REPLACEMENT, text) if has_unsafe_characters(text) else text


def _kind(code: int) -> str:
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate"
    return "a control character" if code < 0x20 or 0x7F <= code <= 0x9F else "a noncharacter"


def advice(found: UnsafeCharacter) -> str:
    """The message part shared by the loader's and the importers' diagnostics."""
    code = ord(found.char)
    why = "UTF-8 cannot encode" if 0xD800 <= code <= 0xDFFF else "XML, and so every drawing and deck, refuses"
    return f"{found.describe()}, which {why}; it was replaced by U+FFFD: remove it or write the character meant"


def _is_invisible(char: str) -> bool:
    return char in _FILLERS or unicodedata.category(char) == "Cf"


def id_problem(value: str) -> str | None:
    """What makes ``value`` unfit to be an id (``"holds a line break"``...), or None when it is fine."""
    if value.isascii() and value.isprintable() and len(value) <= MAX_ID_CHARS:
        return None  # the common case, decided without a look at each character
    for char in value:
        if char in _LINE_BREAKS:
            return "holds a line break"
        if unicodedata.category(char) == "Cc":
            return f"holds the control character U+{ord(char):04X}"
        if _is_invisible(char):
            name = unicodedata.name(char, "")
            return f"holds the invisible character U+{ord(char):04X}" + (f" ({name})" if name else "")
    if len(value) > MAX_ID_CHARS:
        return f"is {len(value):,} characters long, over the limit of {MAX_ID_CHARS:,}"
    return None


def clean_id(value: str) -> str:
    """``value`` made a fit id: line breaks and runs of spaces as one space, invisible and control
    characters left out, cut at ``MAX_ID_CHARS`` (never empty: ``"id"`` is what is left of nothing)."""
    kept = "".join(
        " " if char in _LINE_BREAKS else char
        for char in value
        if char in _LINE_BREAKS or not (_is_invisible(char) or unicodedata.category(char) == "Cc")
    )
    return " ".join(kept.split())[:MAX_ID_CHARS].strip() or "id"

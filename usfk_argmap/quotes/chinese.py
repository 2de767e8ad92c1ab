"""Simplified and Traditional Chinese and their variant characters, from OpenCC's data.

Quote matching asks one question of it: do a quote and a passage differ only
in the script (Simplified for Traditional, or the reverse) or in variant
forms of the same character (周 for 週, 裏 for 裡)? Both are folded
character by character to Simplified (OpenCC's ``tw2s``), where such pairs meet; the fold keeps
the text's length, so offsets carry over. OpenCC (``opencc`` on PyPI)
ships its dictionaries, so this works offline; without it nothing folds.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any, Literal

Script = Literal["Simplified→Traditional", "Traditional→Simplified", "variant"]


@cache
def _converter(config: str) -> Any:
    try:
        import opencc
    except ImportError:  # pragma: no cover - a declared dependency; degrade to no folding
        return None
    return opencc.OpenCC(config)


@lru_cache(maxsize=65536)
def _convert_char(char: str, config: str) -> str:
    converter = _converter(config)
    if converter is None or char.isascii():
        return char
    converted = str(converter.convert(char))
    return converted if len(converted) == 1 else char


def fold(text: str) -> str:
    """``text`` with every character in its Simplified form (same length).

    Taiwan's variants are folded first (著 and 着 both become 着), then the
    Traditional characters (週 and 周 both become 周).
    """
    table = {char: _convert_char(char, "tw2s") for char in set(text)}
    return "".join(table[char] for char in text)


def is_simplified_form(char: str) -> bool:
    """A character that is written differently in Traditional Chinese (发, 说; not 周, which is both)."""
    return _convert_char(char, "s2tw") != char


def classify(changes: list[tuple[str, str]]) -> Script:
    """What the (quote's character, source's character) pairs are: a change of script, or variants."""
    if all(is_simplified_form(ours) and not is_simplified_form(theirs) for ours, theirs in changes):
        return "Simplified→Traditional"
    if all(is_simplified_form(theirs) and not is_simplified_form(ours) for ours, theirs in changes):
        return "Traditional→Simplified"
    return "variant"

"""The JSON text of an AIF document: its nesting bounded, and the unsafe characters its escapes give replaced."""

from __future__ import annotations

import re
from itertools import accumulate
from typing import Any

from usfk_argmap.core.characters import UNSAFE, UnsafeCharacter, advice, replace_unsafe_characters
from usfk_argmap.core.model import Position
from usfk_argmap.interop.importing import Reporter

#: The deepest nesting of brackets read (``json`` would overflow its recursion first).
MAX_JSON_DEPTH = 200


# A \uXXXX escape (not one whose backslash is itself escaped), and the escape right after it, if any.
_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u([0-9a-fA-F]{4})(?=(?:\\u([0-9a-fA-F]{4}))?)")


#: The escapes that can give an unsafe character (``\\b`` and ``\\f`` a control, ``\\u`` any): a text
#: without them parses to a document without one, told without a walk through it (1.9 s of 60,000 inferences).
_UNSAFE_ESCAPES = ("\\u", "\\b", "\\f")


def replace_unsafe(document: Any, text: str, report: Reporter) -> Any:
    """The document with the lone surrogates and noncharacters its escapes gave replaced, each reported.

    (Raw ones were replaced as the file was decoded.) JSON's ``\\ud800`` is a
    lone surrogate that no UTF-8 map file can hold; the escapes are found in
    the text to say where.
    """
    if not any(escape in text for escape in _UNSAFE_ESCAPES) or not _holds_unsafe(document):
        return document
    pair_end = -1
    for match in _ESCAPE.finditer(text):
        escape_at = match.end() - 6
        if escape_at == pair_end:
            continue  # the second half of a proper pair
        code = int(match.group(1), 16)
        following = int(match.group(2), 16) if match.group(2) else None
        if 0xD800 <= code <= 0xDBFF and following is not None and 0xDC00 <= following <= 0xDFFF:
            code = 0x10000 + ((code - 0xD800) << 10) + (following - 0xDC00)
            pair_end = match.end()
        if UNSAFE.fullmatch(chr(code)):
            report(
                "AM408",
                f"an escape in this string gives {advice(UnsafeCharacter(0, chr(code)))}",
                Position.of_offset(text, escape_at),
            )
    return _replaced(document)


def _holds_unsafe(value: Any) -> bool:
    if isinstance(value, str):
        return UNSAFE.search(value) is not None
    if isinstance(value, dict):
        return any(_holds_unsafe(key) or _holds_unsafe(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_unsafe(item) for item in value)
    return False


def _replaced(value: Any) -> Any:
    if isinstance(value, str):
        return replace_unsafe_characters(value)
    if isinstance(value, dict):
        return {_replaced(key): _replaced(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item) for item in value]
    return value


#: A JSON string, escapes and all (an unterminated one runs to the end of the text).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
#: How each bracket changes the depth.
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def too_deep(text: str) -> bool:
    """Whether brackets nest deeper than the limit (json recursion would fail first)."""
    # The brackets outside strings, each a step of the depth, summed in C: a loop over the characters
    # in Python took 1.8 s of a 29 MB document's import.
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > MAX_JSON_DEPTH

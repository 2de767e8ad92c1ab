"""A map file's bytes before they are a map: the size limits, UTF-8 decoding, PyYAML's loader and marks.

A map file is untrusted input: it is refused over ``MAX_MAP_BYTES`` or nested
deeper than ``MAX_DEPTH``, and a file that is not UTF-8 is named for what it
likely is (Big5/CP950) rather than failing with a traceback. ``is_language_tag``
checks a map's ``lang:`` before anything is drawn in it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from usfk_argmap.core.diagnostics import Fix
from usfk_argmap.core.errors import UnreadableFileError
from usfk_argmap.core.files import read_untrusted
from usfk_argmap.core.model import Position
from usfk_argmap.mapfile.textcheck import LineTable, mark_position

#: Maps larger than this are refused before parsing (a hand-written map is far smaller).
MAX_MAP_BYTES = 8 * 1024 * 1024
#: Deeper nesting than this is refused: a map needs five levels, PyYAML recurses per level.
MAX_DEPTH = 64

# libyaml's parser is some twenty times faster than the pure-Python one and gives the same marks.
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"
TEXT_TAGS = frozenset({STR_TAG, INT_TAG, FLOAT_TAG})


def read_untrusted_text(path: str | Path, limit: int, what: str) -> str:
    """The UTF-8 text of a file read as every untrusted file is (``core.files.read_untrusted``).

    Raises ``UnreadableFileError`` for a file not read (a FIFO, a device, a
    folder, over ``limit`` bytes) or not UTF-8 (the encoding named if known).
    """
    text, problem, _ = read_text_file(read_untrusted(path, limit, what))
    if text is None:
        raise UnreadableFileError(path, what, problem or "it is not UTF-8", "encoding")
    return text


def read_text_file(data: bytes) -> tuple[str | None, str | None, int]:
    """Decode a UTF-8 file (BOM allowed). Returns (text, error message, error offset)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: FF FE starts both
        return None, "the file is UTF-32; save it as UTF-8", 0
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "the file is UTF-16; save it as UTF-8", 0
    try:
        return data.decode("utf-8"), None, 0
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex().upper()
        message = f"the file is not UTF-8 (byte 0x{bad} cannot be decoded)"
        try:
            data.decode("cp950")
        except UnicodeDecodeError:
            message += "; save it as UTF-8"
        else:
            message += (
                "; it reads as Big5/CP950, a legacy encoding for Traditional Chinese: convert it with `iconv -f CP950 -t UTF-8`"
            )
        return None, message, error.start


def mark(mark: Any) -> Position:
    return mark_position(mark)  # the loader's positions pass has recounted the nodes' marks (see mapfile.textcheck)


def fix_of(node: yaml.Node, replacement: str) -> Fix:
    """A fix that replaces the whole of ``node`` as written (a key or a value; quotes included)."""
    start, end = mark(node.start_mark), mark(node.end_mark)
    return Fix(yaml_scalar(replacement), start.line, start.column, end.line, end.column)


def fix_over(node: yaml.Node, replacement: str) -> Fix:
    """A fix that replaces the whole of ``node`` as written with ``replacement`` taken as YAML (a list, a mapping)."""
    start, end = mark(node.start_mark), mark(node.end_mark)
    return Fix(replacement, start.line, start.column, end.line, end.column)


def fix_at(text: str | None, start: Position, replacement: str) -> Fix | None:
    """A fix that replaces the scalar written at ``start`` in the map file ``text``; None where none starts there.

    For the rules, which see positions, not YAML nodes: the text is parsed
    again to find where the scalar ends, once per text and only when a fix is
    wanted (a map with nothing to fix pays nothing).
    """
    if text is None:
        return None
    lines, ends = _scalar_ends(text)
    if not 0 < start.line <= len(lines.starts):
        return None
    end = ends.get(lines.starts[start.line - 1] + start.column - 1)
    if end is None:
        return None
    stop = lines.position(end)
    return Fix(yaml_scalar(replacement), start.line, start.column, stop.line, stop.column)


@functools.lru_cache(maxsize=4)
def _scalar_ends(text: str) -> tuple[LineTable, dict[int, int]]:
    """The text's lines, and where each scalar ends by where it starts (character offsets).

    Offsets, not positions: the parser's events are several times cheaper than
    composing, and an int per scalar cheaper than a ``Position``.
    """
    ends: dict[int, int] = {}
    try:
        for event in yaml.parse(text, Loader=YAML_LOADER):
            if isinstance(event, yaml.ScalarEvent) and event.start_mark is not None and event.end_mark is not None:
                ends[event.start_mark.index] = event.end_mark.index
    except yaml.YAMLError:
        pass  # the scalars before the error keep their ends
    return LineTable(text), ends


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same text: plain where it can be, else double-quoted."""
    # Flow punctuation, a comment, a quote or a colon would read differently inside `[...]` or `{...}`.
    plain = bool(value) and value == value.strip() and not any(char in value for char in ",[]{}#:\n\"'")
    if plain:
        try:
            plain = yaml.load(value, Loader=YAML_LOADER) == value
        except yaml.YAMLError:
            plain = False
    if plain:
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


#: A BCP 47 (RFC 5646) language tag: language, extlang, script, region, variants, extensions, private use.
_LANGUAGE_TAG = re.compile(
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WYZa-wyz](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"
    r"|[Xx](?:-[A-Za-z0-9]{1,8})+",
    re.ASCII,
)


def is_language_tag(text: str) -> bool:
    """True when ``text`` is a well-formed BCP 47 language tag (``zh-Hant-TW``, ``en``, ``x-klingon``)."""
    return len(text) <= 64 and _LANGUAGE_TAG.fullmatch(text) is not None

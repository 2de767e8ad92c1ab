"""What YAML gets wrong about the text of a map file, put right for the loader.

- Line numbers: YAML 1.1 counts U+0085, U+2028 and U+2029 as line breaks,
  so one of them inside a quoted text shifts every later line number. Editors
  (and we) count the file's own line breaks: LF, CR LF and CR; ``LineTable``
  places an offset or a mark by them, ``recount_marks`` a node tree's marks.
- Ids: ``café`` may be typed composed (é) or decomposed (e + U+0301), and a
  CJK compatibility ideograph (U+F9DC) looks exactly like its unified form
  (隆). They are one id: ids are taken in Unicode NFC.
- Unsafe code points (see ``usfk_argmap.core.characters``), raw or written as
  escapes, are replaced and reported.
- A key over 1,024 characters: YAML's limit for a key, reported by PyYAML as
  "mapping values are not allowed here"; a ``\\ud800`` escape, refused by
  libyaml as an "invalid Unicode character escape code".
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import cached_property
from typing import Any

import yaml

from usfk_argmap.core.characters import UnsafeCharacter, has_unsafe_characters, replace_unsafe_characters, unsafe_characters
from usfk_argmap.core.model import Position

#: YAML's longest key ("simple key"), in characters.
MAX_KEY_CHARS = 1024

_FOREIGN_BREAKS = re.compile("[\x85\u2028\u2029]")
_OWN_BREAKS = re.compile(r"\r\n|\r|\n")


class LineTable:
    """Line and column of a character offset, counting only the file's own line breaks.

    The line starts are found on first use: most maps need no position that
    YAML's own marks do not give.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        foreign = _FOREIGN_BREAKS.search(text)
        #: The offset of the first break YAML counts and editors do not, if any: YAML's marks after it are recounted.
        self.foreign_break = foreign.start() if foreign is not None else None

    @cached_property
    def starts(self) -> list[int]:
        return [0, *(match.end() for match in _OWN_BREAKS.finditer(self.text))]

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset)
        return Position(line, offset - self.starts[line - 1] + 1)

    def of_mark(self, mark: Any) -> Position:
        """The position of a PyYAML mark of this text, by the file's own line breaks."""
        if self.foreign_break is not None and getattr(mark, "index", None) is not None:
            return self.position(mark.index)
        return mark_position(mark)


def mark_position(mark: Any) -> Position:
    """The 1-based position of a PyYAML mark, as YAML counted it (see ``recount_marks``)."""
    if mark is None:
        return Position()
    return Position(mark.line + 1, mark.column + 1)


def recount_marks(document: yaml.Node, lines: LineTable) -> None:
    """Give the nodes of ``document`` start and end marks placed by the file's own line breaks (the loader
    reads positions and fixes' ranges from the nodes' marks); nothing to do for a text without a break only
    YAML counts."""
    first = lines.foreign_break
    if first is None:
        return
    starts = lines.starts
    new_mark = type(document.start_mark)  # libyaml's marks are built in C: three times cheaper than PyYAML's
    name = document.start_mark.name
    stack: list[yaml.Node] = [document]
    while stack:
        node = stack.pop()
        end = node.end_mark.index
        if end > first:  # a node that ends before the text's first foreign break is counted right
            line = bisect.bisect_right(starts, end)
            node.end_mark = new_mark(name, end, line - 1, end - starts[line - 1], None, 0)
            start = node.start_mark.index
            if start > first:
                line = bisect.bisect_right(starts, start)
                node.start_mark = new_mark(name, start, line - 1, start - starts[line - 1], None, 0)
        if isinstance(node, yaml.MappingNode):
            for pair in node.value:
                stack.extend(pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def normalize_id(value: str) -> str:
    """An id in the one form it is compared in (NFC: é composed, compatibility ideographs unified)."""
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def replace_unsafe_in_text(text: str, lines: LineTable) -> tuple[str, list[tuple[UnsafeCharacter, Position]]]:
    """The text with raw unsafe code points replaced, and where each was."""
    if not has_unsafe_characters(text):
        return text, []
    found = [(char, lines.position(char.offset)) for char in unsafe_characters(text)]
    return replace_unsafe_characters(text), found


def replace_unsafe_in_scalars(document: yaml.Node) -> list[tuple[UnsafeCharacter, Position]]:
    """Replace the unsafe code points that escapes put into the scalars of ``document``; where each was
    (the scalar's start: an escape's own column is not kept by YAML)."""
    found: list[tuple[UnsafeCharacter, Position]] = []
    stack: list[yaml.Node] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if has_unsafe_characters(node.value):
                start = mark_position(node.start_mark)  # recounted by then (recount_marks)
                found += [(char, start) for char in unsafe_characters(node.value)]
                node.value = replace_unsafe_characters(node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
    return found


def explain_yaml_error(error: yaml.MarkedYAMLError, text: str, lines: LineTable) -> tuple[str, Position] | None:
    """For the YAML errors this module knows the cause of, the message to give instead and its position."""
    return _long_key_problem(error, text, lines)


#: Surrogate escapes replaced in one file at most; past that the file is refused (AM001) as libyaml does.
MAX_ESCAPE_REPAIRS = 100
_SURROGATE_HEX = re.compile(r"[dD][89a-fA-F][0-9a-fA-F]{2}")


def replace_surrogate_escapes(text: str, loader: Any, lines: LineTable) -> tuple[str, list[tuple[str, Position]]]:
    """The text with each ``\\uD800``-style escape (a UTF-16 surrogate) made ``\\uFFFD``, and where each was.

    libyaml refuses these escapes ("invalid Unicode character escape code"),
    alone or as a pair (YAML writes U+1F600 as ``\\U0001F600``, not as JSON's
    pair). They are replaced like every other unsafe code point, keeping the
    text's length so every position still holds. Only the escapes the parser
    actually stops at are touched: the same six characters in a plain or
    single-quoted text are not an escape.
    """
    found: list[tuple[str, Position]] = []
    if not re.search(r"\\u[dD][89a-fA-F]", text):
        return text, found
    for _ in range(MAX_ESCAPE_REPAIRS):
        try:
            for _event in yaml.parse(text, Loader=loader):
                pass
            break
        except yaml.MarkedYAMLError as error:
            index = getattr(error.problem_mark, "index", None)
            if (
                index is None
                or "escape" not in (error.problem or "")
                or not _SURROGATE_HEX.fullmatch(text[index : index + 4])
                or text[index - 2 : index] != "\\u"
            ):
                break
            code = int(text[index : index + 4], 16)
            following = text[index + 4 : index + 10]
            pair = (
                0xD800 <= code <= 0xDBFF
                and following.startswith("\\u")
                and _SURROGATE_HEX.fullmatch(following[2:]) is not None
                and int(following[2:], 16) >= 0xDC00
            )
            if pair:
                combined = 0x10000 + ((code - 0xD800) << 10) + (int(following[2:], 16) - 0xDC00)
                advice = (
                    f"the escapes \\u{code:04X}{following} are a UTF-16 surrogate pair, which YAML does not "
                    f"read; they were replaced by U+FFFD: write \\U{combined:08X} or the character itself"
                )
                end = index + 10
            else:
                advice = (
                    f"the escape \\u{code:04X} is a lone surrogate, which UTF-8 cannot encode; it was "
                    "replaced by U+FFFD: remove it or write the character meant"
                )
                end = index + 4
            found.append((advice, lines.position(index - 2)))
            text = text[: index - 2] + "\\uFFFD" * ((end - index + 2) // 6) + text[end:]
    return text, found


def _long_key_problem(error: yaml.MarkedYAMLError, text: str, lines: LineTable) -> tuple[str, Position] | None:
    """When YAML failed on a key longer than it allows, the message to give instead, and the key's position."""
    mark = error.problem_mark
    if mark is None or getattr(mark, "index", None) is None:
        return None
    line_start = max(text.rfind("\n", 0, mark.index), text.rfind("\r", 0, mark.index)) + 1
    before = text[line_start : mark.index]
    stripped = before.lstrip(" \t-{[,")
    if len(stripped) <= MAX_KEY_CHARS or ": " in stripped:
        return None
    key_start = line_start + len(before) - len(stripped)
    return (
        f"this key or id is {len(stripped.rstrip()):,} characters long; YAML allows at most "
        f"{MAX_KEY_CHARS:,} characters before the ':' of a key: use a shorter id and put long text "
        "in 'text:'",
        lines.position(key_start),
    )

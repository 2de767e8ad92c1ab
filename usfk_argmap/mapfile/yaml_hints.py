"""Name the keyboard mistake behind a YAML syntax error, at the line where it was made.

YAML's own messages ("mapping values are not allowed here") describe what the
parser saw, often a line after the mistake. The mistakes a CJK keyboard makes
are few and visible in the raw text: a full-width colon ``：`` after a key,
full-width spaces ``　`` as indentation, a tab, a colon without a space after it,
and an unquoted text that itself contains ``: ``. This module looks at the raw
lines around the parser's error position and names the first of them it finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from usfk_argmap.core.diagnostics import Fix
from usfk_argmap.mapfile.typed_lists import ascii_form

IDEOGRAPHIC_SPACE = "\u3000"
FULLWIDTH_COLON = "\uff1a"
FULLWIDTH_HASH = "\uff03"
_FULLWIDTH_BRACES = {"｛｝": "a mapping's braces", "［］": "a list's brackets"}

# A line that opens a mapping entry with a plain key: indentation, an optional "- ", the key.
_KEY = r"(?P<indent>[ \t\u3000]*)(?P<dash>-[ \t]+)?(?P<key>[^\s:：#'\"\[\]{},&*!|>%@`-][^:：#\n]*?)"
_FULLWIDTH_COLON_KEY = re.compile(_KEY + r"[ \t]*：")
_NO_SPACE_KEY = re.compile(r"(?P<indent>[ ]*)(?P<dash>-[ \t]+)?(?P<key>[A-Za-z_][\w-]*):(?P<next>[^\s:/])")
_WELL_FORMED_KEY = re.compile(r"[ ]*(?:-[ ]+)?[^\s:：#'\"][^:#\n]*:(?:[ ]|$)")
_PLAIN_VALUE = re.compile(r"(?P<head>[ ]*(?:-[ ]+)?[^\s:#'\"][^:#\n]*?:[ ]+)(?P<value>[^\s'\"|>\[{&*!%@`].*)$")
_BLOCK_SCALAR = re.compile(r".*:[ ]+[|>][-+0-9]*[ ]*(?:#.*)?$")


@dataclass(frozen=True)
class Hint:
    """A mistake found in the raw text: 1-based line and column, what to do about it, and the fix if one edit does it."""

    line: int
    column: int
    message: str
    fix: Fix | None = None


def explain(text: str, error_line: int, error_column: int) -> Hint | None:
    """The likely cause of a YAML syntax error reported at ``error_line``:``error_column`` (1-based).

    The error's own line is looked at first; then the lines before it, back to
    the last line that opens a well-formed ``key: value`` entry, since the
    parser reads a broken line as part of the text before it and only fails
    further on.
    """
    lines = text.splitlines()
    if not 1 <= error_line <= len(lines) + 1:
        return None
    if error_line <= len(lines):
        hint = _line_hint(lines[error_line - 1], error_line, error_column)
        if hint is not None:
            return hint
    for number in range(min(error_line - 1, len(lines)), 0, -1):
        line = lines[number - 1]
        if _inside_block_scalar(lines, number):
            break
        hint = _line_hint(line, number, None)
        if hint is not None:
            return hint
        if _WELL_FORMED_KEY.match(line):
            break
    return None


def find_mistyped_keys(text: str, known_keys: frozenset[str]) -> list[Hint]:
    """Lines where a key of the format is typed with a full-width colon or full-width indentation.

    YAML may accept such a line as text (the last entry of a mapping becomes
    the mapping's text value), so these are looked for before composing too.
    Only the format's own keys are matched, so Chinese prose with a ``：`` in a
    multi-line text is left alone.
    """
    if FULLWIDTH_COLON not in text and IDEOGRAPHIC_SPACE not in text:
        return []
    hints: list[Hint] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if FULLWIDTH_COLON not in line and IDEOGRAPHIC_SPACE not in line:
            continue
        match = _FULLWIDTH_COLON_KEY.match(line) or re.match(_KEY + r":", line)
        if match is None or match.group("key").strip() not in known_keys:
            continue
        if _inside_block_scalar(lines, number):
            continue
        hint = _line_hint(line, number, None)
        if hint is not None:
            hints.append(hint)
    return hints


def _line_hint(line: str, number: int, error_column: int | None) -> Hint | None:
    indent = len(line) - len(line.lstrip(" \t\u3000"))
    leading = line[:indent]
    if "\t" in leading:
        return Hint(
            number, leading.index("\t") + 1, "the line is indented with a tab; YAML allows only spaces there: indent with spaces"
        )
    if IDEOGRAPHIC_SPACE in leading:
        return Hint(
            number,
            leading.index(IDEOGRAPHIC_SPACE) + 1,
            "the line is indented with full-width spaces (U+3000 '\u3000'); "
            "YAML counts only ordinary spaces: indent with ordinary spaces",
        )
    if line[indent:].startswith(FULLWIDTH_HASH):
        return Hint(
            number,
            indent + 1,
            "a full-width '＃' does not start a comment, so YAML reads the line as text: write an ASCII '#'",
            Fix("#", number, indent + 1, number, indent + 2),
        )
    match = _FULLWIDTH_COLON_KEY.match(line)
    if match is not None:
        key = match.group("key").strip()
        column = match.end()
        rest = line[column:].strip()
        written = f"{key}: {rest}".rstrip()
        return Hint(
            number, column, f"a full-width colon '：' follows {key!r}; YAML needs an ordinary colon and a space: `{written}`"
        )
    match = re.match(_KEY + r":\u3000", line)
    if match is not None:
        key = match.group("key").strip()
        return Hint(
            number, match.end(), f"a full-width space follows the colon after {key!r}; YAML needs an ordinary space there"
        )
    match = _NO_SPACE_KEY.match(line)
    if match is not None:
        key = match.group("key")
        column = match.end("key") + 1
        return Hint(
            number,
            column,
            f"the colon after {key!r} has no space after it, so YAML reads it as text: write `{key}: {line[column:].strip()}`",
        )
    match = _PLAIN_VALUE.match(line)
    if match is not None and error_column is not None:
        value = match.group("value").rstrip()
        inner = value.find(": ")
        if inner < 0 and value.endswith(":"):
            inner = len(value) - 1
        if inner >= 0 and error_column - 1 >= len(match.group("head")):
            head = match.group("head").strip()
            key = head.removeprefix("-").strip().removesuffix(":").strip()
            if value[0] + value[-1] in _FULLWIDTH_BRACES:
                written = ascii_form(value)
                column = len(match.group("head")) + 1
                return Hint(
                    number,
                    column,
                    f"YAML reads the full-width '{value[0]}' and '{value[-1]}' as letters, not as "
                    f"{_FULLWIDTH_BRACES[value[0] + value[-1]]}: write `{head} {written}`",
                    Fix(written, number, column, number, column + len(value)),
                )
            quoted = "'" + value.replace("'", "''") + "'"
            return Hint(
                number,
                len(match.group("head")) + inner + 1,
                f"the text of {key!r} contains ': ', which YAML reads as the start of a new key; "
                f"put the text in quotes: `{head} {quoted}`",
            )
    return None


def _inside_block_scalar(lines: list[str], number: int) -> bool:
    """Whether line ``number`` is the content of a ``|`` or ``>`` text opened above it."""
    line = lines[number - 1]
    if not line.strip():
        return False
    indent = len(line) - len(line.lstrip(" "))
    for above in range(number - 1, 0, -1):
        previous = lines[above - 1]
        if not previous.strip():
            continue
        previous_indent = len(previous) - len(previous.lstrip(" "))
        if previous_indent < indent:
            return bool(_BLOCK_SCALAR.match(previous))
    return False

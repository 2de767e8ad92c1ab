"""YAML data inside an imported file (Argdown frontmatter and ``{key: value}`` data), read without risk.

``yaml.safe_load`` is safe from code execution, not from exhaustion: an alias
bomb ("billion laughs") expands to gigabytes, a value nested 5,000 deep
overflows the composer's recursion, and a 5,000-digit number hits Python's
integer-conversion limit with a ``ValueError``. Here aliases are refused,
nesting is bounded (both checked on the parser's events, before anything is
built) and an over-long number is a refusal too, each with its place.

``opening_brace`` finds where the ``{...}`` data at the end of a text starts,
in one scan back that skips quoted strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

#: The deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 64
#: The longest YAML data accepted, in characters.
MAX_CHARACTERS = 1_000_000
#: The most digits a number may have (Python refuses to convert more than 4,300).
MAX_DIGITS = 1000


@dataclass(frozen=True)
class YamlProblem:
    """Why the data was not read, and where (0-based line and column within the data)."""

    message: str
    line: int = 0
    column: int = 0
    #: True for data refused as hostile (an alias, deep nesting, a huge number), False for a syntax error.
    refused: bool = False


class _DataLoader(yaml.SafeLoader):
    """PyYAML's safe loader with numbers of bounded length."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if sum(char.isdigit() for char in node.value) > MAX_DIGITS:
            raise _TooLong(node)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        if sum(char.isdigit() for char in node.value) > MAX_DIGITS:
            raise _TooLong(node)
        return super().construct_yaml_float(node)


_DataLoader.add_constructor("tag:yaml.org,2002:int", _DataLoader.construct_yaml_int)
_DataLoader.add_constructor("tag:yaml.org,2002:float", _DataLoader.construct_yaml_float)


class _TooLong(Exception):
    def __init__(self, node: yaml.ScalarNode) -> None:
        super().__init__()
        self.node = node


def read_yaml_data(text: str) -> tuple[Any, YamlProblem | None]:
    """The value of the YAML ``text``, or None and the problem. Never raises on bad input."""
    if len(text) > MAX_CHARACTERS:
        return None, YamlProblem(f"the YAML data is longer than {MAX_CHARACTERS:,} characters", refused=True)
    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                return None, _at(
                    event, f"the alias *{event.anchor} is not allowed (aliases can expand without bound): write the value out"
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return None, _at(event, f"the YAML data nests deeper than {MAX_DEPTH} levels")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        return yaml.load(text, Loader=_DataLoader), None
    except _TooLong as too_long:
        mark = too_long.node.start_mark
        return None, YamlProblem(
            f"a number with more than {MAX_DIGITS} digits is not allowed", mark.line, mark.column, refused=True
        )
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        return None, YamlProblem(f"not valid YAML: {problem}", mark.line if mark else 0, mark.column if mark else 0)
    except (ValueError, TypeError, RecursionError, MemoryError) as error:  # a constructor's own complaint
        return None, YamlProblem(f"the YAML data cannot be read: {type(error).__name__}", refused=True)


def _at(event: yaml.Event, message: str) -> YamlProblem:
    mark = event.start_mark
    return YamlProblem(message, mark.line if mark else 0, mark.column if mark else 0, refused=True)


def opening_brace(text: str) -> int | None:
    """Where the ``{`` that the final ``}`` of ``text`` closes is, skipping braces in quoted strings."""
    depth = 0
    index = len(text) - 1
    while index >= 0:
        char = text[index]
        if char in "\"'":
            start = index - 1
            while start >= 0:
                if text[start] == char and (char == "'" or not _escaped(text, start)):
                    break
                start -= 1
            if start < 0:
                return None
            index = start - 1
            continue
        if char == "}":
            depth += 1
        elif char == "{":
            depth -= 1
            if depth == 0:
                return index
        index -= 1
    return None


def _escaped(text: str, index: int) -> bool:
    """True when the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1

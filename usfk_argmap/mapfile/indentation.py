"""Where a map's indentation goes wrong, named at the line of the mistake with the indent its neighbours use.

YAML says "mapping values are not allowed here" or "did not find expected
key", often a line after a key indented one space too many or too few, a
node's key out-dented to the level of the ids, or an id out-dented to the left
margin. A map's shape is known (the map's keys at the margin, ids under
``nodes:``, ``arguments:`` and ``sections:``, their keys one level deeper), so the
raw lines show which one is out of step: the last such line up to YAML's error
is the mistake.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import yaml

from usfk_argmap.core.diagnostics import Fix
from usfk_argmap.mapfile.fields import ARGUMENT_KEYS, NODE_KEYS, SECTION_KEYS, TOP_KEYS
from usfk_argmap.mapfile.reading import NULL_TAG, mark
from usfk_argmap.mapfile.yaml_hints import Hint

#: The keys of an entry under each block of ids, and what an entry is called.
_BLOCKS = {
    "nodes": (frozenset(NODE_KEYS), "a node", "node ids"),
    "arguments": (frozenset(ARGUMENT_KEYS), "an argument", "argument ids"),
    "sections": (frozenset(SECTION_KEYS), "a section", "section ids"),
}
# A line that opens a mapping entry: indentation, a plain or quoted key, a colon, and the value if any.
_KEY_LINE = re.compile(
    r"(?P<indent> *)(?P<key>[^\s#'\"\-\[\]{},][^:#]*?|'[^'\n]*'|\"[^\"\n]*\")[ ]*:(?:[ ]+(?P<value>.*?))?[ ]*$"
)
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*[ ]*(?:#.*)?")
MAP_TAG = "tag:yaml.org,2002:map"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the file's own line breaks, as positions count them


@dataclass(frozen=True)
class _KeyLine:
    number: int
    indent: int
    key: str
    value: str


def _key_lines(text: str, last: int) -> list[_KeyLine]:
    """The lines up to line ``last`` that open a mapping entry, block texts (``|``, ``>``) and their contents left out."""
    found: list[_KeyLine] = []
    block_indent: int | None = None  # inside a block text opened by a key at this indent
    for number, line in enumerate(text.splitlines()[:last], 1):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if indent > block_indent:
                continue
            block_indent = None
        match = _KEY_LINE.fullmatch(line)
        if match is None:
            continue
        value = match.group("value") or ""
        found.append(_KeyLine(number, indent, match.group("key").strip().strip("'\""), value))
        if _BLOCK_SCALAR.fullmatch(value):
            block_indent = indent
    return found


def find_misindented(text: str, error_line: int) -> Hint | None:
    """The line up to ``error_line`` (YAML's error) whose indentation is out of step with the map's shape, if any.

    Only the block of the map that YAML's error is in is looked at, and in it
    only the item of the error and the one before: an item indented in its own
    consistent way further up is valid YAML, not the cause.
    """
    lines = _key_lines(text, error_line)
    block: str | None = None
    members: list[_KeyLine] = []
    found: Hint | None = None
    for line in [*lines, None]:
        if line is not None and line.indent > 0:
            members.append(line)
            continue
        if block is not None and members:
            found = _in_block(block, members) or found
        members = []
        if line is None:
            break
        if line.key in TOP_KEYS:
            block = line.key if line.key in _BLOCKS else None
            found = None
        elif block is not None:
            found = _at_margin(line, block, lines) or found
    return found


def _at_margin(line: _KeyLine, block: str, lines: list[_KeyLine]) -> Hint | None:
    """An id (or a key) at the left margin after a block of ids: YAML ends the block before it."""
    ids = [other.indent for other in lines if other.indent > 0]
    if not ids:
        return None
    indent = min(ids)
    return Hint(
        line.number,
        1,
        f"wrong indentation: {line.key!r} starts at the left margin, where only the map's own keys go "
        f"({', '.join(TOP_KEYS)}), so YAML ends {block!r} before it; indent it {indent} spaces, as the other "
        f"{_BLOCKS[block][2]}",
        Fix(" " * indent, line.number, 1, line.number, 1),
    )


def _in_block(block: str, members: list[_KeyLine]) -> Hint | None:
    """The last line of a block of ids whose indent is neither the ids' nor their keys'."""
    keys, entry, ids_name = _BLOCKS[block]
    id_indent = members[0].indent
    key_indents = Counter(line.indent for line in members if line.key in keys and line.indent > id_indent)
    if not key_indents:
        return None
    key_indent = key_indents.most_common(1)[0][0]
    starts = [line.number for line in members if line.indent == id_indent and line.key not in keys]
    window = starts[-2] if len(starts) > 1 else 0  # the item before the last one's first line
    found: Hint | None = None
    nested_under: int | None = None  # the indent of a key whose value goes on below it (ignore:, undercuts:...)
    for line in members:
        if nested_under is not None and line.indent > nested_under:
            continue
        nested_under = None
        is_key = line.key in keys
        if is_key and line.indent == key_indent:
            nested_under = line.indent if not line.value else None
            continue
        if not is_key and line.indent == id_indent:
            continue
        if is_key and line.indent <= id_indent:
            message = (
                f"{line.key!r} is a key of {entry}, but it is indented {line.indent} spaces, as the {ids_name}, "
                f"so YAML reads it as an id; indent it {key_indent} spaces, as the keys around it"
            )
            want = key_indent
        elif is_key:
            message = (
                f"{line.key!r} is indented {line.indent} spaces, but the keys of the {block} around it are indented "
                f"{key_indent}; indent it {key_indent} spaces"
            )
            want = key_indent
        elif line.indent == key_indent:
            continue  # an unknown key or an id among keys: YAML reads it, and the loader names it
        else:
            message = (
                f"{line.key!r} is indented {line.indent} spaces, but the {ids_name} are indented {id_indent}; "
                f"indent it {id_indent} spaces"
            )
            want = id_indent
        if line.number < window:
            continue
        found = Hint(
            line.number,
            line.indent + 1,
            f"wrong indentation: {message}",
            Fix(" " * want, line.number, 1, line.number, line.indent + 1),
        )
        nested_under = line.indent if not line.value else None
    return found


# -- a map YAML read, with an entry at the wrong level -------------------------------
@dataclass(frozen=True)
class Misplaced:
    """An entry of a block of ids that YAML read at another level than the one meant, moved back to it."""

    #: The key or id as written, and where.
    key: yaml.Node
    message: str
    fix: Fix | None
    #: The item the entry belongs to: the item of a key read as an id, else the item read as a key.
    item: str


def regroup(block: yaml.MappingNode, name: str, text: str, *, items: bool = True) -> list[Misplaced]:
    """Put back, in place, the entries of the block of ids ``name`` that indentation moved to another level.

    Three mistakes parse as YAML: a key of an item out-dented to the ids' level
    (read as an item of its own: it goes back into the item above it); an item
    indented under the one above it (read as a key of it, with a mapping of
    keys: it becomes an item again); an id indented as a key (read as an empty
    key, the keys below it as the item's own, given twice: they become its item).
    Without ``items`` only the first is looked for (the loader looks for the
    others only when an item has an unknown key: most maps pay nothing).
    """
    if name not in _BLOCKS or not block.value:
        return []
    keys, entry, ids_name = _BLOCKS[name]
    if not items and _none_of(block, keys):
        return []
    id_column = mark(block.value[0][0].start_mark).column - 1
    found: list[Misplaced] = []
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value in block.value:
        previous = pairs[-1] if pairs else None
        if (
            previous is not None
            and isinstance(key_node, yaml.ScalarNode)
            and key_node.value in keys
            and isinstance(previous[1], yaml.MappingNode)
            and not _holds_keys(value, keys)
        ):
            key_column = _key_column(previous[1], id_column)
            column = mark(key_node.start_mark).column - 1
            found.append(
                Misplaced(
                    key_node,
                    f"wrong indentation: {_text_of(key_node)!r} is a key of {entry}, but it is indented {column} spaces, "
                    f"as the {ids_name}, so YAML reads it as an id; indent it {key_column} spaces, as the keys of "
                    f"{_text_of(previous[0])!r}",
                    _indent_fix(key_node, key_column),
                    _text_of(previous[0]),
                )
            )
            previous[1].value.append((key_node, value))
            continue
        pairs.append((key_node, value))
        if items and isinstance(value, yaml.MappingNode):
            pairs += _split_off(key_node, value, keys, entry, ids_name, id_column, text, found)
    block.value = pairs
    return found


def _split_off(
    item: yaml.Node,
    mapping: yaml.MappingNode,
    keys: frozenset[str],
    entry: str,
    ids_name: str,
    id_column: int,
    text: str,
    found: list[Misplaced],
) -> list[tuple[yaml.Node, yaml.Node]]:
    """The items that YAML read as keys of ``item`` (indented under it), taken out of its mapping."""
    kept: list[tuple[yaml.Node, yaml.Node]] = []
    taken: list[tuple[yaml.Node, yaml.Node]] = []
    pairs = list(mapping.value)
    for index, (key_node, value) in enumerate(pairs):
        name = _text_of(key_node)
        if name in keys or not name:
            kept.append((key_node, value))
            continue
        column = mark(key_node.start_mark).column - 1
        if _holds_keys(value, keys):
            found.append(
                Misplaced(
                    key_node,
                    f"wrong indentation: {entry.split()[-1]} {name!r} is indented {column} spaces, under "
                    f"{_text_of(item)!r}, so YAML reads it as a key of {_text_of(item)!r}; indent it {id_column} "
                    f"spaces, as the other {ids_name}",
                    _shift_fix(text, key_node, value, column - id_column),
                    name,
                )
            )
            taken.append((key_node, value))
            continue
        rest = pairs[index + 1 :]
        given = {_text_of(k) for k, _ in kept}
        if _is_null(value) and rest and all(_text_of(k) in keys for k, _ in rest) and any(_text_of(k) in given for k, _ in rest):
            found.append(
                Misplaced(
                    key_node,
                    f"wrong indentation: {name!r} is indented {column} spaces, as the keys of {_text_of(item)!r}, so YAML "
                    f"reads it as a key of {_text_of(item)!r} and the keys below it as that node's own, given "
                    f"twice; indent it {id_column} spaces, as the other {ids_name}",
                    _indent_fix(key_node, id_column),
                    name,
                )
            )
            taken.append((key_node, yaml.MappingNode(MAP_TAG, rest, rest[0][0].start_mark, rest[-1][1].end_mark)))
            break
        kept.append((key_node, value))
    mapping.value = kept
    return taken


def stray_item(key: yaml.Node, value: yaml.Node, blocks: dict[str, yaml.Node], text: str) -> Misplaced | None:
    """An item at the left margin, read as a key of the map, after its block of ids (the last node out-dented):
    moved back into the block (``blocks``, by name: a mapping, or the empty value of a block with no item yet),
    or None when ``value`` holds no item (an unknown key of the map)."""
    for name, required in (("nodes", ("kind", "text")), ("arguments", ("premises",))):
        block = blocks.get(name)
        if block is None or not _holds_keys(value, frozenset(required)):
            continue
        if isinstance(block, yaml.MappingNode) and block.value:
            indent = mark(block.value[0][0].start_mark).column - 1
            block.value.append((key, value))
        elif _is_null(block):
            indent = 2
            blocks[name] = yaml.MappingNode(MAP_TAG, [(key, value)], key.start_mark, value.end_mark)
        else:
            continue
        keys_at = mark(value.value[0][0].start_mark).column - 1 if isinstance(value, yaml.MappingNode) else 0
        fix = _indent_fix(key, indent) if keys_at > indent else _shift_fix(text, key, value, -indent)
        return Misplaced(
            key,
            f"wrong indentation: {_text_of(key)!r} starts at the left margin, where only the map's own keys go, "
            f"so YAML reads it as a key of the map; indent it {indent} spaces, as the {_BLOCKS[name][2]}"
            + ("" if keys_at > indent else ", and its keys with it"),
            fix,
            _text_of(key),
        )
    return None


def _none_of(mapping: yaml.MappingNode, keys: frozenset[str]) -> bool:
    """Whether none of a mapping's keys is one of ``keys`` (a set test: no look at the entries one by one)."""
    try:
        return keys.isdisjoint([key.value for key, _ in mapping.value])
    except TypeError:  # a key that is a list or a mapping: looked at one by one
        return False


def _text_of(node: yaml.Node) -> str:
    """A key's text; empty for a key that is no scalar (the loader reports it)."""
    return str(node.value) if isinstance(node, yaml.ScalarNode) else ""


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def _holds_keys(node: yaml.Node, keys: frozenset[str]) -> bool:
    """Whether ``node`` is a mapping with an item's keys (an item, not an ``ignore:`` or an undercut)."""
    return isinstance(node, yaml.MappingNode) and any(_text_of(key) in keys for key, _ in node.value)


def _key_column(mapping: yaml.MappingNode, id_column: int) -> int:
    """The indent of the keys of an item's mapping (two more than the ids' when it has none)."""
    return mark(mapping.value[0][0].start_mark).column - 1 if mapping.value else id_column + 2


def _indent_fix(key: yaml.Node, indent: int) -> Fix:
    """The line of ``key`` indented ``indent`` spaces."""
    start = mark(key.start_mark)
    return Fix(" " * indent, start.line, 1, start.line, start.column)


def _shift_fix(text: str, key: yaml.Node, value: yaml.Node, shift: int) -> Fix | None:
    """The lines from ``key`` to the end of ``value`` moved ``shift`` spaces to the left (to the right when
    negative); None where they cannot move."""
    lines = _LINE_BREAK.split(text)
    start, end = mark(key.start_mark), mark(value.end_mark)
    # A block mapping ends where the next entry starts: the line it ends on is its own only if it holds some of it.
    last = end.line if lines[end.line - 1][: end.column - 1].strip() else end.line - 1
    while last > start.line and not lines[last - 1].strip():
        last -= 1
    block = lines[start.line - 1 : last]
    if not shift or not block or any(line.strip() and not line.startswith(" " * shift) for line in block):
        return None
    moved = [(line[shift:] if shift > 0 else " " * -shift + line) if line.strip() else line for line in block]
    return Fix("\n".join(moved), start.line, 1, last, len(block[-1]) + 1)

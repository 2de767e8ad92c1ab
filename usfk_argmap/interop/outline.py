"""The text equivalent of a map: an outline, for alt text, handouts and screen readers.

A nested list in argument order (``analysis.buildup``): the thesis, under it each
main claim, under each statement its reasons, objections and answers. Every item
is the statement said in words in the map's language (``drawing.words.Sayer``:
kind, id, text, and what it does, ``支持 T``, ``undercuts the inference from O1
to C1``). An undercut is listed under the reason whose inference it attacks (a
linked argument's first premise); statements no path reaches the thesis from come
last, at the top level, in file order.

``to_outline`` writes Markdown (every text escaped: it shows as written and never
becomes markup), ``to_outline_text`` plain text indented by two spaces a level.
"""

from __future__ import annotations

from usfk_argmap.analysis.buildup import build_tree
from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.core.markdown import markdown_escape
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.words import Sayer, one_line

#: A level's indent: a nested list item starts where its parent's text does (after ``- ``).
_INDENT = "  "


def outline_items(argument_map: ArgumentMap) -> list[tuple[int, str]]:
    """The outline as (depth, statement id) in reading order; the thesis and the unreached are at depth 0."""
    tops = [argument_map.root] if argument_map.root in argument_map.nodes else []
    relations = undercut_relations(argument_map)
    children: dict[str | None, list[str]] = {}
    for unit, bears_on in build_tree(argument_map, tops, argument_map.nodes):
        parent = bears_on
        if bears_on in argument_map.arguments and bears_on not in argument_map.nodes:
            premises = argument_map.arguments[bears_on].premises
            parent = premises[0].target if premises else argument_map.arguments[bears_on].target.target
        elif bears_on in relations and bears_on not in argument_map.nodes:
            parent = relations[bears_on][0]
        children.setdefault(parent, []).extend(unit.nodes)
    items: list[tuple[int, str]] = []
    # Depth first without recursion: a chain of reasons may be deeper than Python's stack.
    stack = [(0, node_id) for node_id in reversed(children.get(None, []))]
    while stack:
        depth, node_id = stack.pop()
        items.append((depth, node_id))
        stack.extend((depth + 1, child) for child in reversed(children.get(node_id, [])))
    return items


def to_outline(argument_map: ArgumentMap) -> str:
    """The map as a Markdown outline: the title as a heading, then the nested list."""
    sayer = Sayer(argument_map)
    lines = [f"# {markdown_escape(argument_map.title)}", ""]
    lines += [
        f"{_INDENT * depth}- {markdown_escape(sayer.statement(argument_map.nodes[node_id]))}"
        for depth, node_id in outline_items(argument_map)
    ]
    return "\n".join(lines) + "\n"


def to_outline_text(argument_map: ArgumentMap) -> str:
    """The map as a plain-text outline: the title, a blank line, then one statement a line, indented by depth."""
    sayer = Sayer(argument_map)
    lines = [one_line(argument_map.title), ""]
    lines += [
        f"{_INDENT * depth}- {sayer.statement(argument_map.nodes[node_id])}" for depth, node_id in outline_items(argument_map)
    ]
    return "\n".join(lines) + "\n"

"""The text equivalent of a map in a page: the outline (``interop.outline``) as a nested HTML list.

The deck puts one in every slide with a picture (the statements that picture
draws), the report and the preview one of the whole map. Every item is the
statement said as in the SVG's names (``drawing.words.Sayer``), in the map's
language; it carries the statement's map id (``data-node``) and the id of its
group in the picture (``data-svg``), and the pages' keyboard script
(``templates/keyboard.js``) walks the list's nesting to move from a statement
to what it bears on, its reasons and the next reason.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from markupsafe import Markup, escape

from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.words import Sayer
from usfk_argmap.interop.outline import outline_items


class MapOutline:
    """A map's whole outline, read once: the outline of some of its statements then costs what they are.

    A deck has an outline for each slide: working out the map's from the start for each
    made a big map's deck quadratic.
    """

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.items = outline_items(argument_map)
        self.sayer = Sayer(argument_map)
        #: Statement id -> its place in ``items``, and the place after its last descendant there.
        self.place = {node_id: index for index, (_, node_id) in enumerate(self.items)}
        self.end = [len(self.items)] * len(self.items)
        open_items: list[int] = []
        for index, (depth, _) in enumerate(self.items):
            while open_items and self.items[open_items[-1]][0] >= depth:
                self.end[open_items.pop()] = index
            open_items.append(index)

    def tree(self, shown: Collection[str] | None = None) -> list[tuple[int, str]]:
        """``outline_tree``: the statements in ``shown`` (None: all), each at the depth of its kept ancestors."""
        if shown is None:
            return self.items
        tree: list[tuple[int, str]] = []
        ancestors: list[int] = []  # the kept statements whose descendants the current one is among (their ends)
        for index in sorted({self.place[n] for n in shown if n in self.place}):
            while ancestors and ancestors[-1] <= index:
                ancestors.pop()
            tree.append((len(ancestors), self.items[index][1]))
            ancestors.append(self.end[index])
        return tree


def outline_tree(argument_map: ArgumentMap, shown: Collection[str] | None = None) -> list[tuple[int, str]]:
    """The outline as (depth, statement id), kept to the statements in ``shown`` (None: all).

    A statement whose parent is left out moves up under its nearest kept ancestor:
    its depth is the number of kept statements above it.
    """
    items = outline_items(argument_map)
    if shown is None:
        return items
    kept = set(shown)
    tree: list[tuple[int, str]] = []
    # The ancestors of the current item, and whether each is kept.
    path: list[bool] = []
    for depth, node_id in items:
        del path[depth:]
        if node_id in kept:
            tree.append((sum(path), node_id))
        path.append(node_id in kept)
    return tree


def outline_html(
    argument_map: ArgumentMap,
    svg_ids: Mapping[str, str],
    shown: Collection[str] | None = None,
    links: Mapping[str, str] | None = None,
    outline: MapOutline | None = None,
) -> Markup:
    """The outline as nested ``<ul>``, the map's ``lang`` on the outer list; empty when no statement is shown.

    ``svg_ids`` is map id -> SVG group id (``analysis.drawn.svg_ids``); ``links``, map id ->
    an anchor of the page, makes each item's words a link to it (the report's table row).
    ``outline`` is ``MapOutline(argument_map)``, when the caller makes many outlines of the map.
    """
    tree = outline_tree(argument_map, shown) if outline is None else outline.tree(shown)
    if not tree:
        return Markup("")
    sayer = Sayer(argument_map) if outline is None else outline.sayer
    parts = [f'<ul class="am-outline" lang="{escape(argument_map.lang)}">']
    depth = 0
    for index, (item_depth, node_id) in enumerate(tree):
        if index:
            if item_depth > depth:
                parts.append("\n<ul>")
            else:
                parts.append("</li>" + "</ul></li>" * (depth - item_depth))
        depth = item_depth
        words = escape(sayer.statement(argument_map.nodes[node_id]))
        if links is not None and node_id in links:
            words = Markup(f'<a href="#{escape(links[node_id])}">{words}</a>')
        svg = escape(svg_ids.get(node_id, ""))
        parts.append(f'\n<li data-node="{escape(node_id)}" data-svg="{svg}">{words}')
    parts.append("</li>" + "</ul></li>" * depth + "\n</ul>")
    return Markup("".join(parts))

"""Graphviz's SVG finished for our pages: the map's ids on every group, the font fallback list, accessibility.

Graphviz writes a group for each statement and line with our synthetic id; ``finish_svg``
adds ``data-am-*`` attributes naming the map's own ids (the deck, the preview and the report
look statements up by them), widens the font family to a CSS fallback list and hands the
result to ``drawing.accessible``. It works on bytes, by one split of the SVG, because it runs
once for every picture of a deck.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from usfk_argmap.analysis.drawn import DrawnEdge
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.accessible import MapReading

#: A group Graphviz writes for an element with an id of ours (``-`` written as ``&#45;``).
_GROUP = re.compile(rb'<g id="(am[^"]*)" class="([^"]*)">')
#: Characters ``quoteattr`` would escape, or that would change its choice of quote.
_ATTRIBUTE_SPECIALS = re.compile(r"[&<>\"'\n\r\t]")


def _attribute_value(value: str) -> bytes:
    """An XML attribute value in quotes, as ``xml.sax.saxutils.quoteattr`` writes it.

    Written out here: importing ``xml.sax.saxutils`` brings in ``urllib.request``, a tenth of the
    time a small render takes, for the few ids (``R->T``) that need it.
    """
    if _ATTRIBUTE_SPECIALS.search(value) is None:
        return f'"{value}"'.encode()
    text = value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' in text:
        if "'" in text:
            return ('"' + text.replace('"', "&quot;") + '"').encode("utf-8")
        return ("'" + text + "'").encode("utf-8")
    return ('"' + text + '"').encode("utf-8")


def group_ends(ids: Mapping[str, str], edges: Sequence[DrawnEdge]) -> dict[bytes, bytes]:
    """SVG group id -> what ``finish_svg`` puts after its classes: the ``data-am-*`` attributes naming the map ids."""
    quoted = {map_id: _attribute_value(map_id) for map_id in ids}
    ends = {svg_id.encode(): b'" data-am-id=' + quoted[map_id] + b">" for map_id, svg_id in ids.items()}
    for edge in edges:
        source = quoted.get(edge.source) or _attribute_value(edge.source)
        target = quoted.get(edge.target) or _attribute_value(edge.target)
        ends[edge.svg_id.encode()] = b"".join(
            (
                b'" data-am-source=',
                source,
                b" data-am-target=",
                target,
                b" data-am-relation=",
                _attribute_value(edge.relation),
                b">",
            )
        )
    return ends


def finish_svg(
    svg: bytes,
    argument_map: ArgumentMap,
    family: str,
    css_family: str,
    *,
    ids: Mapping[str, str] | None = None,
    edges: Sequence[DrawnEdge] | None = None,
    verdict: str | None = None,
    lang_mode: str = "text",
    order: Sequence[str] | None = None,
    ends: Mapping[bytes, bytes] | None = None,
    reading: MapReading | None = None,
) -> bytes:
    """Graphviz's SVG with a font fallback list, ``data-am-*`` attributes naming the map ids, made accessible.

    ``ids`` and ``edges`` are ``svg_ids(argument_map)`` and ``drawn_edges(argument_map)``,
    when the caller has them already; ``verdict`` is the thesis's status, when the drawing
    shows the evaluation (said in the description); ``lang_mode`` what the statements show
    (``RenderOptions.lang_mode``: glosses get ``lang="en"``); ``order`` the statements in argument
    order (``accessible.argument_order``), when the caller draws many pictures of one map;
    ``ends`` is ``group_ends(ids, edges)`` and ``reading`` ``accessible.MapReading.of(...)``, when it
    draws many. Accessible: ``drawing.accessible``.
    """
    from usfk_argmap.analysis.drawn import drawn_edges, svg_ids
    from usfk_argmap.drawing.accessible import accessible_svg

    ids = svg_ids(argument_map) if ids is None else ids
    if ends is None:
        ends = group_ends(ids, drawn_edges(argument_map) if edges is None else edges)
    # The SVG split around the groups' ids and classes: text, id, classes, text, id, classes, ... text.
    # Graphviz writes ``-`` as ``&#45;``: undone in all ids at once, and in all classes (neither holds a quote).
    pieces = _GROUP.split(svg)
    count = len(pieces) // 3
    if not count:
        svg = svg.replace(f'font-family="{family}"'.encode(), f'font-family="{css_family}"'.encode())
        return accessible_svg(svg, argument_map, ids, verdict=verdict, lang_mode=lang_mode, order=order, reading=reading)
    group_ids = b'"'.join(pieces[1::3]).replace(b"&#45;", b"-").split(b'"')
    out = [b""] * (6 * count + 1)
    out[0::6] = pieces[0::3]
    out[1::6] = [b'<g id="'] * count
    out[2::6] = group_ids
    out[3::6] = [b'" class="'] * count
    out[4::6] = b'"'.join(pieces[2::3]).replace(b"&#45;", b"-").split(b'"')
    # An id of ours that names nothing of the map (a cluster, the legend) gets nothing more.
    out[5::6] = [ends.get(group_id, b'">') for group_id in group_ids]
    svg = b"".join(out).replace(f'font-family="{family}"'.encode(), f'font-family="{css_family}"'.encode())
    return accessible_svg(svg, argument_map, ids, verdict=verdict, lang_mode=lang_mode, order=order, reading=reading)

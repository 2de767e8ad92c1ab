"""What the preview page reads of a map besides its pictures and diagnostics (``/state.json``).

Each statement's text, gloss, quote status, note, section, line and picture id, the
sections, and the outline (the map's text equivalent), for every statement of the map,
whatever view the picture shows.
"""

from __future__ import annotations

from typing import Any

from usfk_argmap.authoring.document import MapDocument, quote_status
from usfk_argmap.authoring.markup import PLAIN
from usfk_argmap.core.model import ArgumentMap


def page_state(document: MapDocument) -> dict[str, Any]:
    """What ``/state.json`` says of a document: each statement's text, gloss, quote status, note and line, the outline."""
    argument_map = document.map
    items: dict[str, dict[str, Any]] = {}
    if argument_map is not None:
        from usfk_argmap.analysis.drawn import svg_ids

        ids = svg_ids(argument_map)
        for node in argument_map.nodes.values():
            items[node.id] = {
                "kind": node.kind,
                "text": node.text,
                "en": node.en,
                "quote": node.quote,
                "quote_status": quote_status(document, node.id, PLAIN),
                "note": node.note,
                "section": node.section,
                "line": node.position.line,
                "svg_id": ids.get(node.id),
            }
    sections = [] if argument_map is None else [{"id": s.id, "title": s.title} for s in argument_map.sections.values()]
    return {
        "file": str(document.path),
        "items": items,
        "sections": sections,
        "title": argument_map.title if argument_map is not None else None,
        "lang": argument_map.lang if argument_map is not None else None,
        "outline": [] if argument_map is None else outline_items(argument_map),
    }


def outline_items(argument_map: ArgumentMap) -> list[dict[str, Any]]:
    """The map's text equivalent for the page (``present.outline``): depth, id and the statement said in words."""
    from usfk_argmap.drawing.words import Sayer
    from usfk_argmap.present.outline import outline_tree

    sayer = Sayer(argument_map)
    return [
        {"depth": depth, "id": node_id, "words": sayer.statement(argument_map.nodes[node_id])}
        for depth, node_id in outline_tree(argument_map)
    ]

"""GraphML for Gephi and yEd: statements and linked arguments as nodes, relations as edges.

Every node carries ``label`` (the short label where the map gives one, else
the text), ``text`` (the whole text), ``kind``, ``type`` (statement, argument,
or relation: the joint of a relation that something undercuts), ``map_id``
(our id), and ``en``, ``quote``, ``section`` where set; every edge a
``relation``. Gephi shows ``label`` as the node label; yEd can map any of these to labels and styles ("Edit > Properties Mapper").
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from usfk_argmap.analysis.drawn import drawn_edges, drawn_joints
from usfk_argmap.analysis.graph import short_ids
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.interop.xmlsafe import strip_controls

NODE_KEYS = ("label", "text", "kind", "type", "map_id", "en", "quote", "section")


def _data(key: str, value: str | None) -> str:
    if value is None:
        return ""
    return f'<data key="{key}">{escape(strip_controls(value))}</data>'


def to_graphml(argument_map: ArgumentMap) -> str:
    """The map as a GraphML document."""
    ids = short_ids(argument_map)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    lines += [f'  <key id="{key}" for="node" attr.name="{key}" attr.type="string"/>' for key in NODE_KEYS]
    lines.append('  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>')
    lines.append(f'  <graph id={quoteattr(strip_controls(argument_map.title))} edgedefault="directed">')
    sections = argument_map.sections
    for node in argument_map.nodes.values():
        section = sections[node.section].title if node.section in sections else None
        lines.append(
            f'    <node id="{ids[node.id]}">'
            + "".join(
                (
                    _data("label", node.shown_text),
                    _data("text", node.text),
                    _data("kind", node.kind),
                    _data("type", "statement"),
                    _data("map_id", node.id),
                    _data("en", node.en),
                    _data("quote", node.quote),
                    _data("section", section),
                )
            )
            + "</node>"
        )
    for joint in drawn_joints(argument_map).values():
        lines.append(
            f'    <node id="{ids[joint.id]}">'
            + "".join((_data("label", joint.id), _data("kind", joint.type), _data("type", joint.type), _data("map_id", joint.id)))
            + "</node>"
        )
    for edge in drawn_edges(argument_map):  # e<k>: the SVG's am-e<k>
        ends = f'source="{ids[edge.source]}" target="{ids[edge.target]}"'
        lines.append(f'    <edge id="{edge.svg_id.removeprefix("am-")}" {ends}>{_data("relation", edge.relation)}</edge>')
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"

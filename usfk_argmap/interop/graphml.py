"""GraphML for Gephi and yEd: statements and linked arguments as nodes, relations as edges.

Every node carries ``label`` (the short label where the map gives one, else
the text), ``text`` (the whole text), ``kind``, ``type`` (statement, argument,
or relation: the joint of a relation that something undercuts), ``map_id``
(our id), and ``en``, ``quote``, ``section`` where set; every edge a
``relation``. Gephi shows ``label`` as the node label; yEd can map any of these to labels and styles ("Edit > Properties Mapper").

A map that uses schemes (issue 23) gets more keys: ``scheme`` on the joint of
a linked argument or an undercut relation and on every edge of an inference
with a scheme, ``roles`` on an argument's joint, ``answers`` and ``outweighs``
on statements (``roles``, ``answers`` and ``outweighs`` as JSON text, in the
map's own spelling). A map without them gets the keys it always had.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from usfk_argmap.analysis.drawn import DrawnEdge, Joint, drawn_edges, drawn_joints
from usfk_argmap.analysis.graph import short_ids
from usfk_argmap.core.model import ArgumentMap, relation_id
from usfk_argmap.interop.scheme_data import answer_data, inference_schemes
from usfk_argmap.interop.xmlsafe import strip_controls

NODE_KEYS = ("label", "text", "kind", "type", "map_id", "en", "quote", "section")
#: The keys a map that uses schemes adds, to nodes and to edges.
SCHEME_NODE_KEYS = ("scheme", "roles", "answers", "outweighs")


def _data(key: str, value: str | None) -> str:
    if value is None:
        return ""
    return f'<data key="{key}">{escape(strip_controls(value))}</data>'


def _json(value: object) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def _uses_schemes(argument_map: ArgumentMap) -> bool:
    return any(argument.scheme is not None or argument.roles for argument in argument_map.arguments.values()) or any(
        node.schemes or node.answers or node.outweighs for node in argument_map.nodes.values()
    )


def _edge_scheme(edge: DrawnEdge, joints: dict[str, Joint], schemes: dict[str, str]) -> str | None:
    """The scheme of the inference a drawn line is part of (None for an undercut's line)."""
    if edge.relation == "undercuts":
        return None
    if edge.target in joints:
        return schemes.get(edge.target)
    if edge.source in joints:
        return schemes.get(edge.source)
    return schemes.get(relation_id(edge.source, edge.target))


def to_graphml(argument_map: ArgumentMap) -> str:
    """The map as a GraphML document."""
    ids = short_ids(argument_map)
    with_schemes = _uses_schemes(argument_map)
    schemes = inference_schemes(argument_map)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    node_keys = NODE_KEYS + (SCHEME_NODE_KEYS if with_schemes else ())
    lines += [f'  <key id="{key}" for="node" attr.name="{key}" attr.type="string"/>' for key in node_keys]
    lines.append('  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>')
    if with_schemes:
        lines.append('  <key id="edge_scheme" for="edge" attr.name="scheme" attr.type="string"/>')
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
                    _data("answers", _json([answer_data(answer) for answer in node.answers])),
                    _data("outweighs", _json([ref.target for ref in node.outweighs])),
                )
            )
            + "</node>"
        )
    joints = drawn_joints(argument_map)
    for joint in joints.values():
        argument = argument_map.arguments.get(joint.id) if joint.type == "argument" else None
        roles = {role: premise.target for role, premise in argument.roles.items()} if argument is not None else {}
        lines.append(
            f'    <node id="{ids[joint.id]}">'
            + "".join(
                (
                    _data("label", joint.id),
                    _data("kind", joint.type),
                    _data("type", joint.type),
                    _data("map_id", joint.id),
                    _data("scheme", schemes.get(joint.id)),
                    _data("roles", _json(roles)),
                )
            )
            + "</node>"
        )
    for edge in drawn_edges(argument_map):  # e<k>: the SVG's am-e<k>
        ends = f'source="{ids[edge.source]}" target="{ids[edge.target]}"'
        data = _data("relation", edge.relation) + _data("edge_scheme", _edge_scheme(edge, joints, schemes))
        lines.append(f'    <edge id="{edge.svg_id.removeprefix("am-")}" {ends}>{data}</edge>')
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"

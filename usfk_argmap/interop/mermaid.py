"""A Mermaid flowchart of the map, for Markdown documents and slides.

Labels are quoted and every character Mermaid or its HTML labels could read
as syntax (``" # & < >``) is written as a Mermaid entity code (``#quot;``);
CJK text needs no escaping. Supports are solid arrows, attacks arrows with a
cross, undercuts dotted arrows with a cross; a linked argument is a small
circle its premises point into, and a relation that something undercuts
runs through a small dot the undercut points at. Nodes show their short
``label`` where the map gives one. Sections are subgraphs; kinds are classes.
Colours and line styles are the renderer's (``drawing/style.py``: the
colour-blind-safe Okabe-Ito palette).
"""

from __future__ import annotations

import json

from usfk_argmap.drawing.style import THEMES
from usfk_argmap.interop.common import drawn_edges, drawn_ids, drawn_joints, strip_controls
from usfk_argmap.model import NODE_KINDS, ArgumentMap

_ENTITIES = {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;"}
_ARROWS = {"supports": "-->", "attacks": "--x", "undercuts": "-.-x", "premise": "---"}
#: Mermaid's dash pattern for the line styles of ``drawing.style`` (solid has none).
_DASHES = {"dashed": "6 3", "dotted": "2 3"}


def _kind_class(kind: str) -> str:
    """A kind's Mermaid class, in the colours and line of the renderer's light theme (``drawing/style.py``)."""
    look = THEMES["light"].kinds[kind]
    css = f"fill:{look.fill},stroke:{look.border},color:{look.text},stroke-width:{look.penwidth:g}px"
    if "dashed" in look.style:
        css += f",stroke-dasharray:{_DASHES['dashed']}"
    return css


def _link_styles(relations: list[str]) -> list[str]:
    """``linkStyle`` lines giving each edge its relation's colour and dash, as the renderer draws it."""
    theme = THEMES["light"].relations
    by_look: dict[str, list[str]] = {}
    for index, relation in enumerate(relations):
        look = theme["premise-supports" if relation == "premise" else relation]
        css = f"stroke:{look.color},stroke-width:{look.penwidth:g}px"
        if look.style in _DASHES:
            css += f",stroke-dasharray:{_DASHES[look.style]}"
        by_look.setdefault(css, []).append(str(index))
    return [f"  linkStyle {','.join(numbers)} {css}" for css, numbers in by_look.items()]


def mermaid_label(text: str) -> str:
    """Text as a quoted Mermaid label: entities for syntax characters, <br/> for line breaks."""
    cleaned = strip_controls(text).replace("\t", " ")
    escaped = "".join(_ENTITIES.get(char, char) for char in cleaned)
    return '"' + "<br/>".join(line.strip() for line in escaped.split("\n")) + '"'


def to_mermaid(argument_map: ArgumentMap, direction: str = "BT") -> str:
    """The map as a Mermaid ``flowchart`` (arrows point from reasons up to conclusions by default)."""
    ids = drawn_ids(argument_map)
    # The title sits in YAML frontmatter, where JSON quoting is valid and entities are not read.
    title = json.dumps(strip_controls(argument_map.title).replace("\n", " "), ensure_ascii=False)
    lines = ["---", f"title: {title}", "---", f"flowchart {direction}"]

    def node_line(node_id: str, indent: str) -> str:
        node = argument_map.nodes[node_id]
        return f"{indent}{ids[node_id]}[{mermaid_label(node.shown_text)}]:::{node.kind}"

    loose = [n.id for n in argument_map.nodes.values() if n.section not in argument_map.sections]
    lines += [node_line(node_id, "  ") for node_id in loose]
    for number, section in enumerate(argument_map.sections.values()):
        members = [n.id for n in argument_map.nodes.values() if n.section == section.id]
        if not members:
            continue
        lines.append(f"  subgraph s{number}[{mermaid_label(section.title)}]")
        lines += [node_line(node_id, "    ") for node_id in members]
        lines.append("  end")
    for joint in drawn_joints(argument_map):
        if joint.type == "argument":
            lines.append(f"  {ids[joint.id]}(({mermaid_label(joint.id)})):::argument")
        else:  # an undercut relation's joint: a dot on the line, for the undercut to point at
            lines.append(f"  {ids[joint.id]}((\" \")):::relation")
    edges = drawn_edges(argument_map, ids)
    lines += [f"  {edge.source} {_ARROWS[edge.relation]} {edge.target}" for edge in edges]
    lines += [f"  classDef {kind} {_kind_class(kind)}" for kind in NODE_KINDS]
    light = THEMES["light"]
    lines.append(f"  classDef argument fill:{light.background},stroke:{light.cluster_border},color:{light.muted_text},"
                 "font-size:10px")
    lines.append(f"  classDef relation fill:{light.muted_text},stroke:{light.muted_text}")
    lines += _link_styles([edge.relation for edge in edges])
    return "\n".join(lines) + "\n"

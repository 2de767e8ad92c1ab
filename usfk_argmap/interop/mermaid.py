"""A Mermaid flowchart of the map, for Markdown documents and slides.

Labels are quoted and every character Mermaid or its HTML labels could read
as syntax (``" # & < >``) is written as a Mermaid entity code (``#quot;``);
CJK text needs no escaping. Supports are solid arrows, attacks arrows with a
cross, undercuts dotted arrows with a cross; a linked argument is a small
circle its premises point into, and a relation that something undercuts
runs through a small dot the undercut points at. Nodes show their short
``label`` where the map gives one. Sections are subgraphs; kinds are classes.
"""

from __future__ import annotations

import json

from usfk_argmap.interop.common import drawn_edges, drawn_ids, drawn_joints, strip_controls
from usfk_argmap.model import NODE_KINDS, ArgumentMap

_ENTITIES = {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;"}
_ARROWS = {"supports": "-->", "attacks": "--x", "undercuts": "-.-x", "premise": "---"}
_STYLES = {"thesis": "fill:#fde68a,stroke:#92400e,stroke-width:2px", "claim": "fill:#dbeafe,stroke:#1e40af",
           "premise": "fill:#ffffff,stroke:#374151", "evidence": "fill:#dcfce7,stroke:#166534",
           "objection": "fill:#fee2e2,stroke:#991b1b", "rebuttal": "fill:#ede9fe,stroke:#5b21b6",
           "assumption": "fill:#f3f4f6,stroke:#6b7280,stroke-dasharray:4 3"}


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
    for edge in drawn_edges(argument_map, ids):
        lines.append(f"  {edge.source} {_ARROWS[edge.relation]} {edge.target}")
    lines += [f"  classDef {kind} {_STYLES[kind]}" for kind in NODE_KINDS]
    lines.append("  classDef argument fill:#f9fafb,stroke:#9ca3af,font-size:10px")
    lines.append("  classDef relation fill:#6b7280,stroke:#6b7280")
    return "\n".join(lines) + "\n"

"""A Mermaid flowchart of the map, for Markdown documents and slides.

Labels are quoted, and every character Mermaid or its HTML labels could read
as syntax is written as a Mermaid entity code (``#35;`` for ``#``, ``#37;``
for ``%``...): ``%%`` starts a comment and ``%%{init: ...}%%`` a directive
anywhere in a diagram, even inside a quoted label, and a label that starts
with a backtick is read as Markdown. CJK text needs no escaping. The title
sits in YAML front matter as a JSON string (see ``_front_matter_title``).

Supports are solid arrows, attacks dashed arrows with a cross, undercuts
dotted arrows with a cross; a linked argument is a small circle its premises
point into, and a relation that something undercuts runs through a small dot
the undercut points at. Nodes show their short ``label`` where the map gives
one. Sections are subgraphs; kinds are classes. Colours are those of the
light theme of ``drawing/style.py`` (Okabe-Ito: blue support, vermilion
attack), safe for the common colour-vision deficiencies, and the line styles
differ too, so the picture also reads in grey.
"""

from __future__ import annotations

import json

from usfk_argmap.analysis.drawn import DrawnEdge, drawn_edges, drawn_joints
from usfk_argmap.analysis.graph import short_ids
from usfk_argmap.core.model import NODE_KINDS, ArgumentMap
from usfk_argmap.drawing.style import THEMES
from usfk_argmap.interop.xmlsafe import strip_controls

#: Characters with a meaning to Mermaid's parser, its directive and comment scanner, Markdown
#: strings or HTML labels; each becomes ``#<code>;``, which Mermaid turns back into the character.
_METACHARACTERS = frozenset('"#&<>%`\\[]{}|')
_ENTITY_NAMES = {'"': "quot", "&": "amp", "<": "lt", ">": "gt"}
_ARROWS = {"supports": "-->", "attacks": "--x", "undercuts": "-.-x", "premise": "---"}
#: Dashes for the relations (the arrow alone does not say dashed vs dotted for attacks).
_DASHES = {"supports": None, "attacks": "6 4", "undercuts": "2 3", "premise": None}


def _entity(char: str) -> str:
    return f"#{_ENTITY_NAMES.get(char, ord(char))};"


def mermaid_label(text: str) -> str:
    """Text as a quoted Mermaid label: entities for syntax characters, <br/> for line breaks."""
    cleaned = strip_controls(text).replace("\t", " ")
    escaped = "".join(_entity(char) if char in _METACHARACTERS else char for char in cleaned)
    return '"' + "<br/>".join(line.strip() for line in escaped.split("\n")) + '"'


#: What stands for ``<`` in a title: SMALL LESS-THAN SIGN, the same sign (see ``_front_matter_title``).
TITLE_LESS_THAN = "\ufe64"


def _front_matter_title(title: str) -> str:
    """The title as a JSON string in the YAML front matter, where Mermaid reads no entities.

    ``%`` is a ``\\u0025`` escape (no directive scanner sees it). Mermaid 11
    shows ``&`` and ``>`` in a title as written but no form of ``<``: a raw
    one opens a tag or shows as ``&lt;``, an entity shows as written. So ``<``
    is written as the small less-than sign ``﹤``, the one character of a
    title that does not come through exactly.
    """
    one_line = strip_controls(title).replace("\n", " ").replace("<", TITLE_LESS_THAN)
    return json.dumps(one_line, ensure_ascii=False).replace("%", "\\u0025")


def _class_lines() -> list[str]:
    theme = THEMES["light"]
    lines = []
    for kind in NODE_KINDS:
        style = theme.kinds[kind]
        extra = ",stroke-width:2px" if kind == "thesis" else ""
        extra += ",stroke-dasharray:4 3" if "dashed" in style.style else ""
        lines.append(f"  classDef {kind} fill:{style.fill},stroke:{style.border},color:{style.text}{extra}")
    lines.append(
        f"  classDef argument fill:{theme.background},stroke:{theme.cluster_border},color:{theme.muted_text},font-size:10px"
    )
    lines.append(f"  classDef relation fill:{theme.muted_text},stroke:{theme.muted_text}")
    return lines


def _link_styles(edges: list[DrawnEdge]) -> list[str]:
    """One ``linkStyle`` per relation, naming its links by their index (Mermaid's only handle on a link)."""
    theme = THEMES["light"]
    colours = {
        "supports": theme.relations["supports"].color,
        "attacks": theme.relations["attacks"].color,
        "undercuts": theme.relations["undercuts"].color,
        "premise": theme.muted_text,
    }
    lines = []
    for relation in _ARROWS:
        indexes = [str(index) for index, edge in enumerate(edges) if edge.relation == relation]
        if indexes:
            dashes = f",stroke-dasharray:{_DASHES[relation]}" if _DASHES[relation] else ""
            lines.append(f"  linkStyle {','.join(indexes)} stroke:{colours[relation]},color:{colours[relation]}{dashes}")
    return lines


def to_mermaid(argument_map: ArgumentMap, direction: str = "BT") -> str:
    """The map as a Mermaid ``flowchart`` (arrows point from reasons up to conclusions by default)."""
    ids = short_ids(argument_map)
    lines = ["---", f"title: {_front_matter_title(argument_map.title)}", "---", f"flowchart {direction}"]

    def node_line(node_id: str, indent: str) -> str:
        node = argument_map.nodes[node_id]
        return f"{indent}{ids[node_id]}[{mermaid_label(node.shown_text)}]:::{node.kind}"

    loose = [n.id for n in argument_map.nodes.values() if n.section not in argument_map.sections]
    lines += [node_line(node_id, "  ") for node_id in loose]
    members: dict[str, list[str]] = {section: [] for section in argument_map.sections}
    for node in argument_map.nodes.values():
        if node.section in members:
            members[node.section].append(node.id)
    for number, section in enumerate(argument_map.sections.values()):
        if not members[section.id]:
            continue
        lines.append(f"  subgraph s{number}[{mermaid_label(section.title)}]")
        lines += [node_line(node_id, "    ") for node_id in members[section.id]]
        lines.append("  end")
    for joint in drawn_joints(argument_map).values():
        if joint.type == "argument":
            lines.append(f"  {ids[joint.id]}(({mermaid_label(joint.id)})):::argument")
        else:  # an undercut relation's joint: a dot on the line, for the undercut to point at
            lines.append(f'  {ids[joint.id]}((" ")):::relation')
    edges = drawn_edges(argument_map)
    lines += [f"  {ids[edge.source]} {_ARROWS[edge.relation]} {ids[edge.target]}" for edge in edges]
    lines += _class_lines()
    lines += _link_styles(edges)
    return "\n".join(lines) + "\n"

"""A plain Graphviz DOT writer, for ``export --format dot`` when the renderer is not there.

Ids are synthetic (``n0``, ``a0``), never ours: ``C:1`` would read as a node
with a port. Labels are always quoted, with ``\\`` and ``"`` escaped and line
breaks as ``\\n``, so no escape sequence of ours reaches Graphviz.
"""

from __future__ import annotations

from usfk_argmap.interop.common import drawn_edges, drawn_ids, drawn_joints, strip_controls
from usfk_argmap.model import ArgumentMap

#: Fonts that draw each script with the right glyph forms (see shared/notes/rendering-facts.md).
FONTS = {"zh-hant": "Noto Sans CJK TC", "zh-tw": "Noto Sans CJK TC", "zh-hk": "Noto Sans CJK HK",
         "zh-hans": "Noto Sans CJK SC", "zh-cn": "Noto Sans CJK SC", "zh": "Noto Sans CJK SC",
         "ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}
#: Every other language: the renderer's Latin font (drawing.fonts.LATIN_FONT), which setup installs.
LATIN_FONT = "Liberation Sans"
STYLES = {"thesis": 'fillcolor="#fde68a", penwidth=2', "claim": 'fillcolor="#dbeafe"',
          "premise": 'fillcolor="#ffffff"', "evidence": 'fillcolor="#dcfce7"',
          "objection": 'fillcolor="#fee2e2"', "rebuttal": 'fillcolor="#ede9fe"',
          "assumption": 'fillcolor="#f3f4f6", style="rounded,filled,dashed"'}
EDGE_STYLES = {"supports": 'color="#166534"', "attacks": 'color="#991b1b", arrowhead=tee',
               "undercuts": 'color="#991b1b", style=dashed, arrowhead=tee', "premise": 'color="#166534", arrowhead=none'}


def quote(text: str) -> str:
    """A DOT string: quoted, backslashes and quotes escaped, line breaks as \\n."""
    cleaned = strip_controls(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + cleaned.replace("\r\n", "\n").replace("\n", "\\n").replace("\t", " ") + '"'


def to_dot(argument_map: ArgumentMap) -> str:
    """The map as DOT text (reasons below, conclusions above)."""
    ids = drawn_ids(argument_map)
    font = FONTS.get(argument_map.lang.lower(), LATIN_FONT)
    lines = ["digraph argmap {", f"  label={quote(argument_map.title)};", "  labelloc=t;", "  rankdir=BT;",
             f"  node [shape=box, style=\"rounded,filled\", fontname={quote(font)}];",
             f"  edge [fontname={quote(font)}];"]

    def node_line(node_id: str, indent: str) -> str:
        node = argument_map.nodes[node_id]
        return f"{indent}{ids[node_id]} [label={quote(node.shown_text)}, {STYLES.get(node.kind, '')}];"

    lines += [node_line(n.id, "  ") for n in argument_map.nodes.values() if n.section not in argument_map.sections]
    for number, section in enumerate(argument_map.sections.values()):
        members = [n.id for n in argument_map.nodes.values() if n.section == section.id]
        if members:
            lines += [f"  subgraph cluster_{number} {{", f"    label={quote(section.title)};"]
            lines += [node_line(node_id, "    ") for node_id in members]
            lines.append("  }")
    for joint in drawn_joints(argument_map):
        if joint.type == "argument":
            lines.append(f"  {ids[joint.id]} [label={quote(joint.id)}, shape=circle, fontsize=9, "
                         'style=filled, fillcolor="#f9fafb"];')
        else:  # the joint of an undercut relation: a point on the line that the undercut aims at
            lines.append(f'  {ids[joint.id]} [label="", shape=point, width=0.08];')
    lines += [f"  {e.source} -> {e.target} [{EDGE_STYLES[e.relation]}];" for e in drawn_edges(argument_map, ids)]
    lines.append("}")
    return "\n".join(lines) + "\n"

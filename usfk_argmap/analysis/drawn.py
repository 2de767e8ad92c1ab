"""The map as it is drawn: its nodes (statements and joints), its lines, and the ids they are drawn under.

Statements and linked arguments are both drawn nodes, as in ``graph.py``: a
premise points into its argument's joint, the joint at the conclusion, and an
undercut at the joint. A node's own relation that something undercuts is drawn
through a joint too (``R -> joint -> T``), which the undercut points at. The
lines are those of the one projection, ``analysis.graph.links``; drawn ids are
``analysis.graph.short_ids`` (``n1``, ``a1``, ``r1``...), so no id of ours ever
reaches another tool's syntax. The DOT drawing (``drawing.dot``) and the graph
exports (GraphML, Mermaid) all read the map through this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.analysis.graph import links, short_ids, undercut_relations
from usfk_argmap.core.model import ArgumentMap


@dataclass(frozen=True)
class DrawnEdge:
    """One line of the drawing, from map id ``source`` to map id ``target``; ``svg_id`` is ``am-e<k>``."""

    source: str
    target: str
    #: supports, attacks, undercuts, or premise (into a joint).
    relation: str
    svg_id: str


@dataclass(frozen=True)
class Joint:
    """A drawn joint point: a linked argument, or an undercut relation (``R->T``)."""

    id: str
    type: str  # "argument" or "relation"
    relation: str  # supports or attacks
    #: The conclusion the joint points at.
    target: str


def drawn_joints(argument_map: ArgumentMap) -> dict[str, Joint]:
    """Joint id -> the joint, for the joints drawn besides the statements: linked arguments, then undercut relations."""
    joints = {
        key: Joint(key, "argument", argument.relation, argument.target.target)
        for key, argument in argument_map.arguments.items()
        if key not in argument_map.nodes
    }
    for key, (_, target, relation) in undercut_relations(argument_map).items():
        joints.setdefault(key, Joint(key, "relation", relation, target))
    return joints


def drawn_edges(argument_map: ArgumentMap) -> list[DrawnEdge]:
    """Every line the full map is drawn with: the edges of ``analysis.graph.links``, in order, with SVG ids."""
    return [
        DrawnEdge(link.source, link.target, link.relation, f"am-e{index}") for index, link in enumerate(links(argument_map), 1)
    ]


def svg_ids(argument_map: ArgumentMap) -> dict[str, str]:
    """Map id of every statement and joint -> the id of its SVG group (``am-`` and its drawn id)."""
    return {map_id: f"am-{short}" for map_id, short in short_ids(argument_map).items()}


def edge_svg_ids(argument_map: ArgumentMap) -> dict[tuple[str, str, str], str]:
    """(source, target, relation) -> SVG id of that line; see ``drawn_edges`` for the relations."""
    return {(edge.source, edge.target, edge.relation): edge.svg_id for edge in drawn_edges(argument_map)}

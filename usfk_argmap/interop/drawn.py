"""What the graph writers (GraphML, Mermaid) share: the map as drawable nodes and edges.

Statements and linked arguments are both drawn nodes, as in ``graph.py``: a
premise points into its argument's node, the argument node at the conclusion,
and an undercut at the argument node. A node's own relation that something
undercuts is drawn through a joint node too (``R -> joint -> T``), which the
undercut points at. The edges are those of the one projection,
``analysis.graph.links``; drawn ids are the drawing's own (``n1``, ``a1``, ``r1``...,
``analysis.graph.short_ids``), so no id of ours ever reaches another tool's syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.analysis.graph import links, short_ids, undercut_relations
from usfk_argmap.core.model import ArgumentMap


@dataclass(frozen=True)
class DrawnEdge:
    source: str
    target: str
    #: supports, attacks, undercuts, or premise (into a linked argument).
    relation: str


def drawn_ids(argument_map: ArgumentMap) -> dict[str, str]:
    """Our id -> the synthetic drawn id (``n1``, ``a1``...), the drawing's own (``analysis.graph.short_ids``)."""
    return short_ids(argument_map)


@dataclass(frozen=True)
class Joint:
    """A drawn joint node: a linked argument, or an undercut relation (``R->T``)."""

    id: str
    type: str  # "argument" or "relation"
    relation: str  # supports or attacks


def drawn_joints(argument_map: ArgumentMap) -> list[Joint]:
    """The joint nodes to draw besides the statements: linked arguments, then undercut relations."""
    joints = [Joint(a.id, "argument", a.relation) for a in argument_map.arguments.values() if a.id not in argument_map.nodes]
    seen = {joint.id for joint in joints}
    joints += [
        Joint(key, "relation", relation) for key, (_, _, relation) in undercut_relations(argument_map).items() if key not in seen
    ]
    return joints


def drawn_edges(argument_map: ArgumentMap, ids: dict[str, str]) -> list[DrawnEdge]:
    """The edges of ``analysis.graph.links`` between drawn ids."""
    return [DrawnEdge(ids[link.source], ids[link.target], link.relation) for link in links(argument_map)]


def strip_controls(text: str) -> str:
    """Text without the control characters XML and DOT cannot carry (tabs and newlines stay)."""
    return "".join(ch for ch in text if ch in "\t\n" or (ord(ch) >= 32 and ch not in "\ufffe\uffff"))

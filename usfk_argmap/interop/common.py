"""What the graph writers (GraphML, Mermaid, DOT) share: the map as drawable nodes and edges.

Statements and linked arguments are both drawn nodes, as in ``graph.py``: a
premise points into its argument's node, the argument node at the conclusion,
and an undercut at the argument node. A node's own relation that something
undercuts is drawn through a joint node too (``R -> joint -> T``), which the
undercut points at. Drawn ids are synthetic (``n0``, ``a0``, ``r0``...), so no
id of ours ever reaches another tool's syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.model import OWN_RELATIONS, ArgumentMap, relation_id


@dataclass(frozen=True)
class DrawnEdge:
    source: str
    target: str
    #: supports, attacks, undercuts, or premise (into a linked argument).
    relation: str


def drawn_ids(argument_map: ArgumentMap) -> dict[str, str]:
    """Our id -> a synthetic drawn id: ``n<i>`` for nodes, ``a<i>`` for linked arguments, ``r<i>`` for undercut relations."""
    ids = {node_id: f"n{index}" for index, node_id in enumerate(argument_map.nodes)}
    for index, argument_id in enumerate(argument_map.arguments):
        ids.setdefault(argument_id, f"a{index}")
    for index, joint in enumerate(undercut_relations(argument_map)):
        ids.setdefault(joint, f"r{index}")
    return ids


@dataclass(frozen=True)
class Joint:
    """A drawn joint node: a linked argument, or an undercut relation (``R->T``)."""

    id: str
    type: str  # "argument" or "relation"
    relation: str  # supports or attacks


def drawn_joints(argument_map: ArgumentMap) -> list[Joint]:
    """The joint nodes to draw besides the statements: linked arguments, then undercut relations."""
    joints = [Joint(a.id, "argument", a.relation) for a in argument_map.arguments.values()
              if a.id not in argument_map.nodes]
    seen = {joint.id for joint in joints}
    joints += [Joint(key, "relation", relation) for key, (_, _, relation) in undercut_relations(argument_map).items()
               if key not in seen]
    return joints


def drawn_edges(argument_map: ArgumentMap, ids: dict[str, str]) -> list[DrawnEdge]:
    """Every relation as an edge between drawn ids; references to unknown ids are left out."""
    statements = argument_map.nodes
    arguments = {key: a for key, a in argument_map.arguments.items() if key not in statements}
    undercut = undercut_relations(argument_map)
    edges: list[DrawnEdge] = []
    for node in statements.values():
        for relation in OWN_RELATIONS:
            for ref in node.refs(relation):
                if ref.target not in statements:
                    continue
                joint = relation_id(node.id, ref.target)
                if joint in undercut and ids.get(joint, "").startswith("r"):
                    edges += [DrawnEdge(ids[node.id], ids[joint], "premise"),
                              DrawnEdge(ids[joint], ids[ref.target], relation)]
                else:
                    edges.append(DrawnEdge(ids[node.id], ids[ref.target], relation))
        edges += [DrawnEdge(ids[node.id], ids[u.inference], "undercuts") for u in node.undercuts
                  if u.inference in arguments or (u.inference in undercut and ids[u.inference].startswith("r"))]
    for argument in arguments.values():
        edges += [DrawnEdge(ids[p.target], ids[argument.id], "premise") for p in argument.premises
                  if p.target in statements]
        if argument.target.target in statements:
            edges.append(DrawnEdge(ids[argument.id], ids[argument.target.target], argument.relation))
    return edges


def strip_controls(text: str) -> str:
    """Text without the control characters XML and DOT cannot carry (tabs and newlines stay)."""
    return "".join(ch for ch in text if ch in "\t\n" or (ord(ch) >= 32 and ch not in "\ufffe\uffff"))

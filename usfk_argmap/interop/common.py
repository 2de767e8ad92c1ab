"""What the graph writers (GraphML, Mermaid, DOT) share: the map as drawable nodes and edges.

Statements and linked arguments are both drawn nodes, as in ``graph.py``: a
premise points into its argument's node, the argument node at the conclusion,
and an undercut at the argument node. Drawn ids are synthetic (``n0``,
``a0``...), so no id of ours ever reaches another tool's syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.model import ArgumentMap


@dataclass(frozen=True)
class DrawnEdge:
    source: str
    target: str
    #: supports, attacks, undercuts, or premise (into a linked argument).
    relation: str


def drawn_ids(argument_map: ArgumentMap) -> dict[str, str]:
    """Our id -> a synthetic drawn id: ``n<i>`` for nodes, ``a<i>`` for linked arguments."""
    ids = {node_id: f"n{index}" for index, node_id in enumerate(argument_map.nodes)}
    for index, argument_id in enumerate(argument_map.arguments):
        ids.setdefault(argument_id, f"a{index}")
    return ids


def drawn_edges(argument_map: ArgumentMap, ids: dict[str, str]) -> list[DrawnEdge]:
    """Every relation as an edge between drawn ids; references to unknown ids are left out."""
    statements = argument_map.nodes
    arguments = {key: a for key, a in argument_map.arguments.items() if key not in statements}
    edges: list[DrawnEdge] = []
    for node in statements.values():
        for relation in ("supports", "attacks"):
            edges += [DrawnEdge(ids[node.id], ids[ref.target], relation)
                      for ref in node.refs(relation) if ref.target in statements]
        edges += [DrawnEdge(ids[node.id], ids[ref.target], "undercuts") for ref in node.undercuts
                  if ref.target in arguments]
    for argument in arguments.values():
        edges += [DrawnEdge(ids[p.target], ids[argument.id], "premise") for p in argument.premises
                  if p.target in statements]
        if argument.target.target in statements:
            edges.append(DrawnEdge(ids[argument.id], ids[argument.target.target], argument.relation))
    return edges


def strip_controls(text: str) -> str:
    """Text without the control characters XML and DOT cannot carry (tabs and newlines stay)."""
    return "".join(ch for ch in text if ch in "\t\n" or (ord(ch) >= 32 and ch not in "\ufffe\uffff"))

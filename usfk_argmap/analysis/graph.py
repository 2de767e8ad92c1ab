"""The map as a graph: the one projection of a map onto nodes and edges (``links``).

Statements and inferences that something bears on are graph nodes. A node
has a ``type``: "statement"; "argument" for a linked argument, whose premises
point into it and which points at its conclusion; or "relation" for a node's
own relation that some node undercuts: the relation ``R -> T`` is then drawn
through a joint node named by its relation id (``R->T``), ``R -> R->T -> T``,
the way a one-premise argument would be. An undercut points at the joint
(argument or relation) node. Every edge runs from the reason to what it bears
on and has a ``relation``: "supports", "attacks", "undercuts" or "premise"
(into a joint).

``links`` is that projection, computed once from the relations as written
(``ArgumentMap.relations``); the networkx graph (``build_graph``), the drawing's
lines and SVG ids, the graph exports (GraphML, Mermaid) and the neighbourhoods
of ``--focus`` all derive from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from usfk_argmap.core.model import ArgumentMap, relation_id

if TYPE_CHECKING:
    import networkx as nx


def undercut_relations(argument_map: ArgumentMap) -> dict[str, tuple[str, str, str]]:
    """Relation id -> (reason, target, supports|attacks) of every node's own relation that is undercut.

    Only relations the map has; undercuts of unknown relations are left out (rule AM101 reports them),
    and so is a relation whose id is also the id of a node or an argument (the loader reports the clash).
    """
    result: dict[str, tuple[str, str, str]] = {}
    taken = argument_map.nodes.keys() | argument_map.arguments.keys()
    for node in argument_map.nodes.values():
        for undercut in node.undercuts:
            if undercut.source is None or undercut.target is None or undercut.target not in argument_map.nodes:
                continue
            relation = argument_map.relation(undercut.source, undercut.target)
            if relation is not None and undercut.inference not in taken:
                result.setdefault(undercut.inference, (undercut.source, undercut.target, relation))
    return result


def short_ids(argument_map: ArgumentMap) -> dict[str, str]:
    """Map id -> a synthetic ASCII id, numbered from 1 in file order.

    ``n<k>`` for statement *k*, ``a<k>`` for linked argument *k*, ``r<k>`` for
    undercut relation *k* (``undercut_relations`` order). Drawings and graph
    exports name their nodes by these ids, never by ours (``C:1`` would read as
    a port in DOT, ``end`` is a keyword in Mermaid). An argument whose id is
    also a node id is left out (the loader reports the clash).
    """
    ids = {node_id: f"n{index}" for index, node_id in enumerate(argument_map.nodes, 1)}
    for index, argument_id in enumerate(argument_map.arguments, 1):
        ids.setdefault(argument_id, f"a{index}")
    for index, relation in enumerate(undercut_relations(argument_map), 1):
        ids.setdefault(relation, f"r{index}")
    return ids


@dataclass(frozen=True)
class Link:
    """One edge of the map's graph, from the reason to what it bears on (map ids at both ends)."""

    source: str
    target: str
    #: supports, attacks, undercuts (into a joint), or premise (a co-premise, or an undercut relation's reason, into its joint).
    relation: str


def links(argument_map: ArgumentMap) -> list[Link]:
    """The one projection of a map onto a graph: every edge, in a fixed order, each once.

    Statements' own relations first, in file order (a relation that something
    undercuts as two edges through its joint: reason to joint, joint to
    target), with each statement's undercuts after them; then for each linked
    argument its co-premise edges and its edge to the conclusion. References to
    unknown ids are left out, and so is a linked argument whose conclusion is
    unknown; a relation written twice is one edge.
    """
    nodes = argument_map.nodes
    arguments = {key: value for key, value in argument_map.arguments.items() if key not in nodes}
    undercut = undercut_relations(argument_map)
    # A dict keeps the first of repeated triples, in order.
    found: dict[tuple[str, str, str], None] = {}
    premises: dict[str, list[str]] = {}
    for source, target, relation, owner, _position, _undercut in argument_map.relations():
        if owner is not None:
            premises.setdefault(owner, []).append(source)
        elif relation == "undercuts":
            if target in arguments or target in undercut:
                found[source, target, "undercuts"] = None
        elif target in nodes:
            joint = relation_id(source, target)
            if joint in undercut and undercut[joint][2] == relation:
                found[source, joint, "premise"] = None
                found[joint, target, relation] = None
            else:
                found[source, target, relation] = None
    for argument in arguments.values():
        conclusion = argument.target.target
        if conclusion not in nodes:
            continue
        for premise in premises.get(argument.id, ()):
            if premise in nodes:
                found[premise, argument.id, "premise"] = None
        found[argument.id, conclusion, argument.relation] = None
    return [Link(source, target, relation) for source, target, relation in found]


def build_graph(argument_map: ArgumentMap) -> nx.DiGraph:
    """The directed graph of a map: its statements and joints, and the edges of ``links``.

    A statement's support or attack of itself is left out (rule AM102 reports it):
    it would be a cycle of one.
    """
    import networkx as nx  # here, for start-up speed: the projection itself needs no networkx

    graph = nx.DiGraph(title=argument_map.title, root=argument_map.root)
    for node in argument_map.nodes.values():
        graph.add_node(node.id, type="statement", kind=node.kind, text=node.text, en=node.en, section=node.section)
    for argument in argument_map.arguments.values():
        if argument.id not in argument_map.nodes:
            graph.add_node(argument.id, type="argument", relation=argument.relation)
    for joint, (_, _, relation) in undercut_relations(argument_map).items():
        graph.add_node(joint, type="relation", relation=relation)
    graph.add_edges_from(
        (link.source, link.target, {"relation": link.relation}) for link in links(argument_map) if link.source != link.target
    )
    return graph


def support_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """The subgraph of support only: supports edges, and linked arguments that support."""
    import networkx as nx

    keep = nx.DiGraph()
    keep.add_nodes_from(graph.nodes)
    for source, target, relation in graph.edges(data="relation"):
        if relation == "supports" or (relation == "premise" and graph.nodes[target].get("relation") == "supports"):
            keep.add_edge(source, target)
    return keep

"""The map as a networkx graph.

Statements and linked arguments are both graph nodes (``type`` "statement" or
"argument"): a linked argument's premises point into the argument node, which
points at its conclusion, and an undercut points at the argument node. Every
edge runs from the reason to what it bears on and has a ``relation``:
"supports", "attacks", "undercuts" or "premise".
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from usfk_argmap.model import ArgumentMap


def short_ids(argument_map: ArgumentMap) -> dict[str, str]:
    """Map id -> a synthetic ASCII id: ``n<k>`` for statement *k*, ``a<k>`` for linked argument *k* (1-based).

    Drawings and graph exports name their nodes by these ids, never by ours (``C:1`` would read as a
    port in DOT, ``end`` is a keyword in Mermaid). An argument whose id is also a node id is left out
    (the loader reports the clash).
    """
    ids = {node_id: f"n{index}" for index, node_id in enumerate(argument_map.nodes, 1)}
    for index, argument_id in enumerate(argument_map.arguments, 1):
        ids.setdefault(argument_id, f"a{index}")
    return ids


@dataclass(frozen=True)
class Link:
    """One edge of the map's graph, from the reason to what it bears on (map ids at both ends)."""

    source: str
    target: str
    #: supports, attacks, undercuts (a statement into a linked argument), or premise (a co-premise into its argument).
    relation: str


def links(argument_map: ArgumentMap) -> list[Link]:
    """The one projection of a map onto a graph: every edge, in a fixed order, each once.

    Read off the relations as written (``ArgumentMap.relations``): statements' own
    relations first, in file order, then for each linked argument its co-premise
    edges and its edge to the conclusion. References to unknown ids are left
    out, and so is a linked argument whose conclusion is unknown; a relation
    written twice is one edge. The drawing (its SVG ids), the networkx graph,
    the neighbourhoods and the graph exports (GraphML, Mermaid) all derive from it.
    """
    nodes = argument_map.nodes
    arguments = {key: value for key, value in argument_map.arguments.items() if key not in nodes}
    # A dict keeps the first of repeated triples, in order.
    found: dict[tuple[str, str, str], None] = {}
    premises: dict[str, list[str]] = {}
    for source, target, relation, owner, _position in argument_map.relations():
        if owner is not None:
            premises.setdefault(owner, []).append(source)
        elif target in (arguments if relation == "undercuts" else nodes):
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
    """The directed graph of a map: its statements and linked arguments, and the edges of ``links``.

    A statement's support or attack of itself is left out (rule AM102 reports it):
    it would be a cycle of one.
    """
    graph = nx.DiGraph(title=argument_map.title, root=argument_map.root)
    for node in argument_map.nodes.values():
        graph.add_node(node.id, type="statement", kind=node.kind, text=node.text, en=node.en,
                       section=node.section)
    for argument in argument_map.arguments.values():
        if argument.id not in argument_map.nodes:
            graph.add_node(argument.id, type="argument", relation=argument.relation)
    graph.add_edges_from((link.source, link.target, {"relation": link.relation})
                         for link in links(argument_map) if link.source != link.target)
    return graph


def support_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """The subgraph of support only: supports edges, and linked arguments that support."""
    keep = nx.DiGraph()
    keep.add_nodes_from(graph.nodes)
    for source, target, relation in graph.edges(data="relation"):
        if relation == "supports" or (relation == "premise" and graph.nodes[target].get("relation") == "supports"):
            keep.add_edge(source, target)
    return keep

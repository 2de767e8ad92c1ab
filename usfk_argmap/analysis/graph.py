"""The map as a networkx graph.

Statements and linked arguments are both graph nodes (``type`` "statement" or
"argument"): a linked argument's premises point into the argument node, which
points at its conclusion, and an undercut points at the argument node. Every
edge runs from the reason to what it bears on and has a ``relation``:
"supports", "attacks", "undercuts" or "premise".
"""

from __future__ import annotations

import networkx as nx

from usfk_argmap.model import ArgumentMap


def build_graph(argument_map: ArgumentMap) -> nx.DiGraph:
    """Build the directed graph of a map; references to unknown ids are left out."""
    graph = nx.DiGraph(title=argument_map.title, root=argument_map.root)
    for node in argument_map.nodes.values():
        graph.add_node(node.id, type="statement", kind=node.kind, text=node.text, en=node.en,
                       section=node.section)
    for argument in argument_map.arguments.values():
        if argument.id not in argument_map.nodes:
            graph.add_node(argument.id, type="argument", relation=argument.relation)
    statements = argument_map.nodes
    arguments = {a.id: a for a in argument_map.arguments.values() if a.id not in statements}
    for node in statements.values():
        for relation in ("supports", "attacks"):
            for ref in node.refs(relation):
                if ref.target in statements and ref.target != node.id:
                    graph.add_edge(node.id, ref.target, relation=relation)
        for ref in node.undercuts:
            if ref.target in arguments:
                graph.add_edge(node.id, ref.target, relation="undercuts")
    for argument in arguments.values():
        if argument.target.target in statements:
            graph.add_edge(argument.id, argument.target.target, relation=argument.relation)
        for premise in argument.premises:
            if premise.target in statements:
                graph.add_edge(premise.target, argument.id, relation="premise")
    return graph


def support_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """The subgraph of support only: supports edges, and linked arguments that support."""
    keep = nx.DiGraph()
    keep.add_nodes_from(graph.nodes)
    for source, target, relation in graph.edges(data="relation"):
        if relation == "supports" or (relation == "premise" and graph.nodes[target].get("relation") == "supports"):
            keep.add_edge(source, target)
    return keep

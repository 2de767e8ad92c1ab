"""The map as a networkx graph.

Statements and inferences that something undercuts are graph nodes. A node
has a ``type``: "statement"; "argument" for a linked argument, whose premises
point into it and which points at its conclusion; or "relation" for a node's
own relation that some node undercuts: the relation ``R -> T`` is then drawn
through a joint node named by its relation id (``R->T``), ``R -> R->T -> T``,
the way a one-premise argument would be. An undercut points at the joint
(argument or relation) node. Every edge runs from the reason to what it bears
on and has a ``relation``: "supports", "attacks", "undercuts" or "premise"
(into a joint).
"""

from __future__ import annotations

import networkx as nx

from usfk_argmap.analysis.links import undercut_relations
from usfk_argmap.model import OWN_RELATIONS, ArgumentMap, relation_id

__all__ = ["build_graph", "support_graph", "undercut_relations"]


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
    undercut = {key: value for key, value in undercut_relations(argument_map).items() if key not in graph}
    for joint, (_, _, relation) in undercut.items():
        graph.add_node(joint, type="relation", relation=relation)
    for node in statements.values():
        for relation in OWN_RELATIONS:
            for ref in node.refs(relation):
                if ref.target not in statements or ref.target == node.id:
                    continue
                joint = relation_id(node.id, ref.target)
                if joint in undercut:
                    graph.add_edge(node.id, joint, relation="premise")
                    graph.add_edge(joint, ref.target, relation=undercut[joint][2])
                else:
                    graph.add_edge(node.id, ref.target, relation=relation)
        for item in node.undercuts:
            target = item.inference
            if target in arguments or target in undercut:
                graph.add_edge(node.id, target, relation="undercuts")
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

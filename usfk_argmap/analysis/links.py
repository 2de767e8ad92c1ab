"""The map's lines as plain dicts, for the checks: no networkx, so ``check`` starts fast.

The same graph as ``analysis.graph.build_graph`` (statements and linked
arguments as nodes, each line from the reason to what it bears on, with its
relation), held as successor lists in file order, with the few graph
operations the rules need.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from usfk_argmap.model import OWN_RELATIONS, ArgumentMap, relation_id


@dataclass
class Links:
    """Node id -> (target, relation) in file order; ``kinds`` tells statements from arguments."""

    successors: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: "statement", or the relation of a linked argument ("supports" / "attacks").
    kinds: dict[str, str] = field(default_factory=dict)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.successors

    def out_degree(self, node_id: str) -> int:
        return len(self.successors.get(node_id, ()))

    def ancestors(self, target: str) -> set[str]:
        """Every node from which a chain of lines leads to ``target``."""
        predecessors: dict[str, list[str]] = {}
        for source, lines in self.successors.items():
            for head, _ in lines:
                predecessors.setdefault(head, []).append(source)
        seen: set[str] = set()
        stack = [target]
        while stack:
            for source in predecessors.get(stack.pop(), ()):
                if source not in seen:
                    seen.add(source)
                    stack.append(source)
        seen.discard(target)
        return seen

    def supports_only(self) -> Links:
        """The lines of support: supports, and premises of linked arguments that support."""
        kept = Links(kinds=dict(self.kinds))
        for source, lines in self.successors.items():
            kept.successors[source] = [(head, relation) for head, relation in lines
                                       if relation == "supports" or
                                       (relation == "premise" and self.kinds.get(head) == "supports")]
        return kept

    def strongly_connected(self) -> Iterator[list[str]]:
        """The groups of nodes that reach each other (Tarjan's algorithm, without recursion), in a fixed order."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        counter = 0
        for start in self.successors:
            if start in index:
                continue
            work = [(start, 0)]
            while work:
                node, position = work.pop()
                if position == 0:
                    index[node] = low[node] = counter
                    counter += 1
                    stack.append(node)
                    on_stack.add(node)
                lines = self.successors.get(node, [])
                if position < len(lines):
                    work.append((node, position + 1))
                    head = lines[position][0]
                    if head not in index:
                        work.append((head, 0))
                    elif head in on_stack:
                        low[node] = min(low[node], index[head])
                    continue
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    yield group
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])

    def cycle_in(self, group: list[str]) -> list[str]:
        """One cycle through the nodes of a strongly connected ``group``, as the nodes it passes, in order."""
        members = set(group)
        start = next(node for node in self.successors if node in members)
        path = [start]
        seen = {start: 0}
        while True:
            head = next(h for h, _ in self.successors[path[-1]] if h in members)
            if head in seen:
                return path[seen[head]:]
            seen[head] = len(path)
            path.append(head)


def undercut_relations(argument_map: ArgumentMap) -> dict[str, tuple[str, str, str]]:
    """Relation id -> (reason, target, supports|attacks) of every node's own relation that is undercut.

    Only relations the map has; undercuts of unknown relations are left out (rule AM101 reports them).
    """
    result: dict[str, tuple[str, str, str]] = {}
    for node in argument_map.nodes.values():
        for undercut in node.undercuts:
            if undercut.source is None or undercut.target is None or undercut.target not in argument_map.nodes:
                continue
            relation = argument_map.relation(undercut.source, undercut.target)
            if relation is not None:
                result.setdefault(undercut.inference, (undercut.source, undercut.target, relation))
    return result


def build_links(argument_map: ArgumentMap) -> Links:
    """The lines of a map, as ``build_graph`` draws them; references to unknown ids are left out.

    An undercut relation ``R -> T`` runs through a joint named by its relation id,
    ``R -> R->T -> T``, which the undercut points at.
    """
    links = Links()
    statements = argument_map.nodes
    arguments = {a.id: a for a in argument_map.arguments.values() if a.id not in statements}
    for node in statements.values():
        links.successors[node.id] = []
        links.kinds[node.id] = "statement"
    for argument in arguments.values():
        links.successors[argument.id] = []
        links.kinds[argument.id] = argument.relation
    undercut = {key: value for key, value in undercut_relations(argument_map).items() if key not in links.successors}
    for joint, (_, _, relation) in undercut.items():
        links.successors[joint] = []
        links.kinds[joint] = relation

    def line(source: str, target: str, relation: str) -> None:
        lines = links.successors[source]
        if (target, relation) not in lines:
            lines.append((target, relation))

    for node in statements.values():
        for relation in OWN_RELATIONS:
            for ref in node.refs(relation):
                if ref.target not in statements or ref.target == node.id:
                    continue
                joint = relation_id(node.id, ref.target)
                if joint in undercut:
                    line(node.id, joint, "premise")
                    line(joint, ref.target, undercut[joint][2])
                else:
                    line(node.id, ref.target, relation)
        for item in node.undercuts:
            if item.inference in arguments or item.inference in undercut:
                line(node.id, item.inference, "undercuts")
    for argument in arguments.values():
        if argument.target.target in statements:
            line(argument.id, argument.target.target, argument.relation)
        for premise in argument.premises:
            if premise.target in statements:
                line(premise.target, argument.id, "premise")
    return links

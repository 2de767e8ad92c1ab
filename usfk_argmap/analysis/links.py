"""The map's graph as plain successor lists, for the checks: no networkx, so ``check`` starts fast.

The same nodes and edges as ``analysis.graph.build_graph`` (both come from
``graph.links``), in file order, with the few graph operations the rules need.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from usfk_argmap.analysis.graph import links, undercut_relations
from usfk_argmap.core.model import ArgumentMap


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
            kept.successors[source] = [
                (head, relation)
                for head, relation in lines
                if relation == "supports" or (relation == "premise" and self.kinds.get(head) == "supports")
            ]
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
                return path[seen[head] :]
            seen[head] = len(path)
            path.append(head)


def build_links(argument_map: ArgumentMap) -> Links:
    """The map's graph (``graph.links``, the one projection) as successor lists, for the checks."""
    result = Links()
    for node_id in argument_map.nodes:
        result.successors[node_id] = []
        result.kinds[node_id] = "statement"
    for argument in argument_map.arguments.values():
        if argument.id not in argument_map.nodes:
            result.successors[argument.id] = []
            result.kinds[argument.id] = argument.relation
    for joint, (_, _, relation) in undercut_relations(argument_map).items():
        result.successors.setdefault(joint, [])
        result.kinds.setdefault(joint, relation)
    for link in links(argument_map):
        if link.source != link.target:
            result.successors.setdefault(link.source, []).append((link.target, link.relation))
    return result

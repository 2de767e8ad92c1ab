"""A map under construction by an importer, and the rules that give imported nodes kinds and a root.

Importers record statements, relations and linked arguments as they read
them; ``Draft.build`` then decides each node's kind from the shape of the
graph (other formats have no kinds) and picks the root:

- the root is a ``thesis``;
- a node that attacks something (``attacks``, ``undercuts``, or a premise of
  an argument that attacks) is a ``rebuttal`` when one of its targets is
  itself an attacker (undercutting an attack counts as answering its
  premises), an ``objection`` otherwise;
- a node that something supports is a ``claim``;
- a node offered only as an example (microtext ``exa``) is ``evidence``;
- every other node is a ``premise``.

A kind the source states explicitly (our own exports carry it) wins over
these rules. A root the user asks for (``import --root``, ``Draft.requested_root``)
wins over the source's. When the source names no root, the root is the node with no
outgoing relation that has the most incoming ones (ties: the first in file
order); if every node has an outgoing relation, the node with the most
incoming ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import networkx as nx

from usfk_argmap.core.model import NODE_KINDS, Answer, Argument, ArgumentMap, Node, Ref, Relation, Section, Undercut


@dataclass
class DraftNode:
    id: str
    text: str
    kind: str | None = None
    en: str | None = None
    quote: str | None = None
    section: str | None = None
    note: str | None = None
    label: str | None = None
    #: A kind suggested by the source (microtext ``exa``: evidence), weaker than ``kind``.
    hint: str | None = None
    #: Rule codes silenced on this node, with reasons (our own exports carry them).
    ignore: dict[str, str] = field(default_factory=dict)
    #: The scheme of each of the node's own relations, by target (``schemes: {C1: example}``).
    schemes: dict[str, str] = field(default_factory=dict)
    #: The critical questions the node answers or raises, and the statements it outweighs.
    answers: list[Answer] = field(default_factory=list)
    outweighs: list[str] = field(default_factory=list)


@dataclass
class DraftArgument:
    id: str
    premises: list[str]
    relation: Literal["supports", "attacks"]
    target: str
    note: str | None = None
    ignore: dict[str, str] = field(default_factory=dict)
    #: The argument's scheme id and the premise playing each of its roles.
    scheme: str | None = None
    roles: dict[str, str] = field(default_factory=dict)


@dataclass
class Draft:
    title: str
    lang: str = "en"
    root: str | None = None
    #: The root the user asked for (``usfk-argmap import --root ID``), which wins over every rule when a node has that id.
    requested_root: str | None = None
    #: The map's ``source:`` as the imported file names it (our own exports carry it).
    source: str | None = None
    #: Which critical questions must be answered (the map's ``questions:``; our own exports carry it).
    questions: Literal["assumptions", "all"] = "assumptions"
    nodes: dict[str, DraftNode] = field(default_factory=dict)
    arguments: dict[str, DraftArgument] = field(default_factory=dict)
    #: (source node, target, relation), in the order stated (a dict: a repeated relation is found at once);
    #: an undercut's target is an argument id.
    relations: dict[tuple[str, str, Relation], None] = field(default_factory=dict)
    #: (undercutting node, reason, target): undercuts of a node's own relation ``reason -> target``.
    relation_undercuts: dict[tuple[str, str, str], None] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    #: Each undercut's place among all the undercuts stated (of arguments and of relations alike), so
    #: a node's undercuts come out in the order the file gives them.
    undercut_order: dict[tuple[str, ...], int] = field(default_factory=dict)

    def add_node(self, node: DraftNode) -> DraftNode:
        self.nodes[node.id] = node
        return node

    def relate(self, source: str, target: str, relation: Relation) -> bool:
        """Add a relation; False when the same one is there already."""
        entry = (source, target, relation)
        if entry in self.relations:
            return False
        self.relations[entry] = None
        if relation == "undercuts":
            self.undercut_order.setdefault(("argument", source, target), len(self.undercut_order))
        return True

    def undercut_relation(self, source: str, reason: str, target: str) -> bool:
        """``source`` undercuts the relation ``reason -> target`` (added with ``relate``); False when already there."""
        entry = (source, reason, target)
        if entry in self.relation_undercuts:
            return False
        self.relation_undercuts[entry] = None
        self.undercut_order.setdefault(("relation", source, reason, target), len(self.undercut_order))
        return True

    def refold_undercut(self, entry: tuple[str, str, Relation], reason: str, target: str) -> None:
        """Turn the undercut ``entry`` of an argument into one of the relation ``reason -> target``, in its place."""
        place = self.undercut_order.pop(("argument", entry[0], entry[1]), None)
        del self.relations[entry]
        self.undercut_relation(entry[0], reason, target)
        if place is not None:
            self.undercut_order[("relation", entry[0], reason, target)] = place

    def free_id(self, wanted: str) -> str:
        """``wanted``, or ``wanted`` with a number appended, not yet used by a node or argument."""
        candidate, number = wanted, 2
        while candidate in self.nodes or candidate in self.arguments:
            candidate = f"{wanted} {number}"
            number += 1
        return candidate

    # -- kinds and root ----------------------------------------------------
    def _outgoing(self) -> Counter[str]:
        counts: Counter[str] = Counter(source for source, _, _ in self.relations)
        counts.update(source for source, _, _ in self.relation_undercuts)
        for argument in self.arguments.values():
            counts.update(argument.premises)
        return counts

    def _incoming(self) -> Counter[str]:
        counts: Counter[str] = Counter(target for _, target, _ in self.relations if target in self.nodes)
        counts.update(argument.target for argument in self.arguments.values())
        return counts

    def wanted_root(self) -> str | None:
        """The root the user asked for, when the draft has a node of that id."""
        return self.requested_root if self.requested_root in self.nodes else None

    def choose_root(self) -> str:
        wanted = self.wanted_root()
        if wanted is not None:
            return wanted
        if self.root is not None and self.root in self.nodes:
            return self.root
        stated = [n.id for n in self.nodes.values() if n.kind == "thesis"]
        if len(stated) == 1:
            return stated[0]
        outgoing, incoming = self._outgoing(), self._incoming()
        order = {node_id: number for number, node_id in enumerate(self.nodes)}
        tops = [node_id for node_id in order if not outgoing[node_id]] or list(order)
        return max(tops, key=lambda node_id: (incoming[node_id], -order[node_id]))

    def reach(self, relations: tuple[Relation, ...]) -> dict[str, int]:
        """For each node, how many other nodes lead to it by chains of ``relations`` (arguments included).

        Counted in one pass in topological order (``_reach_counts``); a graph with
        a cycle is counted over its strongly connected components instead.
        """
        index = {node_id: number for number, node_id in enumerate(self.nodes)}
        successors: list[list[int]] = [[] for _ in index]
        for source, target, relation in self.relations:
            if relation == "undercuts" and target in self.arguments:
                target = self.arguments[target].target  # undercutting an inference bears on its conclusion
            if relation in relations and source in index and target in index:
                successors[index[source]].append(index[target])
        for argument in self.arguments.values():
            if argument.relation in relations and argument.target in index:
                for premise in argument.premises:
                    if premise in index:
                        successors[index[premise]].append(index[argument.target])
        counts = _reach_counts([[number] for number in index.values()], successors)
        if counts is not None:
            return {node_id: counts[number] - 1 for node_id, number in index.items()}
        graph: nx.DiGraph[int] = nx.DiGraph()
        graph.add_nodes_from(index.values())
        graph.add_edges_from((source, target) for source, targets in enumerate(successors) for target in targets)
        components = nx.condensation(graph)
        members = [sorted(components.nodes[component]["members"]) for component in range(len(components))]
        following = [list(components.successors(component)) for component in range(len(components))]
        component_counts = _reach_counts(members, following)
        assert component_counts is not None  # a condensation has no cycle
        mapping = components.graph["mapping"]
        return {node_id: component_counts[mapping[number]] - 1 for node_id, number in index.items()}

    def most_supported(self, candidates: list[str]) -> tuple[str, int]:
        """The candidate the most support flows to (then the most chains of any relation, then file order)."""
        support, any_relation = self.reach(("supports",)), self.reach(("supports", "attacks", "undercuts"))
        incoming = self._incoming()
        order = {node_id: number for number, node_id in enumerate(self.nodes)}
        best = max(candidates, key=lambda node_id: (support[node_id], any_relation[node_id], incoming[node_id], -order[node_id]))
        return best, support[best]

    def attack_targets(self) -> dict[str, set[str]]:
        """For each attacking node, the nodes it attacks (an undercut counts the argument's conclusion)."""
        targets: dict[str, set[str]] = {}
        for source, target, relation in self.relations:
            if relation == "attacks":
                targets.setdefault(source, set()).add(target)
            elif relation == "undercuts":
                # Undercutting an attack answers the attacker; undercutting a support opposes the conclusion.
                argument = self.arguments.get(target)
                if argument is not None:
                    aimed = set(argument.premises) if argument.relation == "attacks" else {argument.target}
                    targets.setdefault(source, set()).update(aimed)
        attacking = {(source, target) for source, target, relation in self.relations if relation == "attacks"}
        for source, reason, target in self.relation_undercuts:
            targets.setdefault(source, set()).add(reason if (reason, target) in attacking else target)
        for argument in self.arguments.values():
            if argument.relation == "attacks":
                for premise in argument.premises:
                    targets.setdefault(premise, set()).add(argument.target)
        return targets

    def kinds(self, root: str) -> dict[str, str]:
        attackers = self.attack_targets()
        supported = {target for _, target, relation in self.relations if relation == "supports"}
        supported |= {a.target for a in self.arguments.values() if a.relation == "supports"}
        result: dict[str, str] = {}
        for node in self.nodes.values():
            if node.kind in NODE_KINDS:
                result[node.id] = node.kind
            elif node.id == root:
                result[node.id] = "thesis"
            elif node.id in attackers:
                answers = any(target in attackers for target in attackers[node.id])
                result[node.id] = "rebuttal" if answers else "objection"
            elif node.id in supported:
                result[node.id] = "claim"
            elif node.hint in NODE_KINDS:
                result[node.id] = node.hint or "premise"
            else:
                result[node.id] = "premise"
        return result

    # -- the map -----------------------------------------------------------
    def build(self) -> ArgumentMap:
        """The finished map: kinds and root decided, relations attached to their source nodes."""
        root = self.choose_root()
        kinds = self.kinds(root)
        refs: dict[tuple[str, Relation], list[Ref]] = {}
        undercuts: dict[str, list[tuple[int, Undercut]]] = {}
        order = self.undercut_order
        for source, target, relation in self.relations:
            if source not in self.nodes:
                continue
            if relation == "undercuts":
                place = order.get(("argument", source, target), len(order))
                undercuts.setdefault(source, []).append((place, Undercut.of_argument(target)))
            else:
                refs.setdefault((source, relation), []).append(Ref(target))
        for source, reason, target in self.relation_undercuts:
            if source in self.nodes:
                place = order.get(("relation", source, reason, target), len(order))
                undercuts.setdefault(source, []).append((place, Undercut.of_relation(reason, target)))
        nodes: dict[str, Node] = {}
        for draft in self.nodes.values():
            nodes[draft.id] = Node(
                id=draft.id,
                kind=kinds[draft.id],
                text=draft.text if draft.text.strip() else draft.id,
                en=draft.en,
                quote=draft.quote,
                section=draft.section if draft.section in self.sections else None,
                note=draft.note,
                supports=tuple(refs.get((draft.id, "supports"), ())),
                attacks=tuple(refs.get((draft.id, "attacks"), ())),
                undercuts=tuple(u for _, u in sorted(undercuts.get(draft.id, ()), key=lambda item: item[0])),
                label=draft.label,
                ignore=MappingProxyType(dict(draft.ignore)),
                schemes=MappingProxyType({target: Ref(scheme) for target, scheme in draft.schemes.items()}),
                answers=tuple(draft.answers),
                outweighs=tuple(Ref(target) for target in draft.outweighs),
            )
        arguments = {
            a.id: Argument(
                a.id,
                tuple(Ref(p) for p in a.premises),
                a.relation,
                Ref(a.target),
                a.note,
                ignore=MappingProxyType(dict(a.ignore)),
                scheme=Ref(a.scheme) if a.scheme is not None else None,
                roles=MappingProxyType({role: Ref(premise) for role, premise in a.roles.items()}),
            )
            for a in self.arguments.values()
        }
        return ArgumentMap(
            title=self.title.strip() or "Imported map",
            root=root,
            nodes=nodes,
            lang=self.lang,
            arguments=arguments,
            sections=dict(self.sections),
            source_name=self.source,
            questions=self.questions,
        )


def _reach_counts(members: list[list[int]], successors: list[list[int]]) -> list[int] | None:
    """For each group of nodes, how many nodes lead to it or are in it; None when the groups' graph has a cycle.

    ``members`` numbers each group's nodes, ``successors`` the groups each
    group leads to. The groups are taken in topological order (Kahn's), each
    passing the set of nodes leading to it, a bit mask, on to its successors:
    a mask is dropped once passed on, so memory holds only the masks of groups
    still waiting for a predecessor, not one per node (a chain of 60,000
    statements kept 225 MB of masks). Where no group leads to two others (a
    tree, as most maps are), no two groups leading to one share a node, and the
    counts are summed instead: a mask costs work in the size of the map, and
    60,000 statements supporting one took 0.9 s of masks.
    """
    waiting = [0] * len(members)
    for targets in successors:
        for target in targets:
            waiting[target] += 1
    ready = [group for group, count in enumerate(waiting) if not count]
    if all(len(targets) <= 1 for targets in successors):
        return _tree_counts(members, successors, waiting, ready)
    leading: dict[int, int] = {}
    counts = [0] * len(members)
    done = 0
    while ready:
        group = ready.pop()
        done += 1
        mask = leading.pop(group, 0)
        for member in members[group]:
            mask |= 1 << member
        counts[group] = mask.bit_count()
        for target in successors[group]:
            leading[target] = leading.get(target, 0) | mask
            waiting[target] -= 1
            if not waiting[target]:
                ready.append(target)
    return counts if done == len(members) else None


def _tree_counts(members: list[list[int]], successors: list[list[int]], waiting: list[int], ready: list[int]) -> list[int] | None:
    """``_reach_counts`` where each group leads to one group at most: each count is its own members and its
    predecessors' counts (``waiting`` holds each group's predecessors, ``ready`` the groups with none)."""
    counts = [len(group) for group in members]
    done = 0
    while ready:
        group = ready.pop()
        done += 1
        for target in successors[group]:
            counts[target] += counts[group]
            waiting[target] -= 1
            if not waiting[target]:
                ready.append(target)
    return counts if done == len(members) else None

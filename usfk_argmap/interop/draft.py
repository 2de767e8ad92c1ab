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
these rules. When the source names no root, the root is the node with no
outgoing relation that has the most incoming ones (ties: the first in file
order); if every node has an outgoing relation, the node with the most
incoming ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from usfk_argmap.model import NODE_KINDS, Argument, ArgumentMap, Node, Ref, Relation, Section


@dataclass
class DraftNode:
    id: str
    text: str
    kind: str | None = None
    en: str | None = None
    quote: str | None = None
    section: str | None = None
    note: str | None = None
    #: A kind suggested by the source (microtext ``exa``: evidence), weaker than ``kind``.
    hint: str | None = None


@dataclass
class DraftArgument:
    id: str
    premises: list[str]
    relation: Literal["supports", "attacks"]
    target: str
    note: str | None = None


@dataclass
class Draft:
    title: str
    lang: str = "en"
    root: str | None = None
    nodes: dict[str, DraftNode] = field(default_factory=dict)
    arguments: dict[str, DraftArgument] = field(default_factory=dict)
    #: (source node, target, relation), in the order stated (a dict: a repeated relation is found at once);
    #: an undercut's target is an argument id.
    relations: dict[tuple[str, str, Relation], None] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)

    def add_node(self, node: DraftNode) -> DraftNode:
        self.nodes[node.id] = node
        return node

    def relate(self, source: str, target: str, relation: Relation) -> bool:
        """Add a relation; False when the same one is there already."""
        entry = (source, target, relation)
        if entry in self.relations:
            return False
        self.relations[entry] = None
        return True

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
        for argument in self.arguments.values():
            counts.update(argument.premises)
        return counts

    def _incoming(self) -> Counter[str]:
        counts: Counter[str] = Counter(target for _, target, _ in self.relations if target in self.nodes)
        counts.update(argument.target for argument in self.arguments.values())
        return counts

    def choose_root(self) -> str:
        if self.root is not None and self.root in self.nodes:
            return self.root
        stated = [n.id for n in self.nodes.values() if n.kind == "thesis"]
        if len(stated) == 1:
            return stated[0]
        outgoing, incoming = self._outgoing(), self._incoming()
        order = list(self.nodes)
        tops = [node_id for node_id in order if not outgoing[node_id]] or order
        return max(tops, key=lambda node_id: (incoming[node_id], -order.index(node_id)))

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
        for source, target, relation in self.relations:
            if source in self.nodes:
                refs.setdefault((source, relation), []).append(Ref(target))
        nodes: dict[str, Node] = {}
        for draft in self.nodes.values():
            nodes[draft.id] = Node(
                id=draft.id, kind=kinds[draft.id], text=draft.text.strip() or draft.id, en=draft.en,
                quote=draft.quote, section=draft.section if draft.section in self.sections else None,
                note=draft.note, supports=tuple(refs.get((draft.id, "supports"), ())),
                attacks=tuple(refs.get((draft.id, "attacks"), ())),
                undercuts=tuple(refs.get((draft.id, "undercuts"), ())),
            )
        arguments = {
            a.id: Argument(a.id, tuple(Ref(p) for p in a.premises), a.relation, Ref(a.target), a.note)
            for a in self.arguments.values()
        }
        return ArgumentMap(title=self.title.strip() or "Imported map", root=root, nodes=nodes, lang=self.lang,
                           arguments=arguments, sections=dict(self.sections))

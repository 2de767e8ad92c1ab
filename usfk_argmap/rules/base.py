"""What a rule is, and the context rules read (the registry is ``usfk_argmap.rules.RULE_MODULES``)."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from usfk_argmap.analysis.links import Links, build_links
from usfk_argmap.core.codes import CODES
from usfk_argmap.core.diagnostics import Fix, Severity, Suggester
from usfk_argmap.core.model import RELATIONS, ArgumentMap, Edge, MisspelledKey, Position
from usfk_argmap.mapfile.reading import fix_at
from usfk_argmap.rules.causes import Reversal, TextList, caused_by, find_reversals, find_text_lists

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Finding:
    """What a rule reports; the runner adds the code, severity and file."""

    position: Position
    message: str
    node: str | None = None
    #: The likely correction of the scalar at ``position`` (``CheckContext.fix_at``), where there is one.
    fix: Fix | None = None
    #: A severity below the rule's, for a finding that follows from a cause another rule reports as the error.
    severity: Severity | None = None


Check = Callable[["CheckContext"], Iterable[Finding]]


class RuleModule(Protocol):
    """What a rule module defines: its ``CODE`` and a ``check`` function whose docstring documents the rule."""

    CODE: str

    def check(self, ctx: CheckContext, /) -> Iterable[Finding]: ...


@dataclass(frozen=True)
class Rule:
    """A registered rule: its code's entry of ``usfk_argmap.core.codes`` and its check function."""

    code: str
    name: str
    severity: Severity
    check: Check

    @classmethod
    def from_module(cls, module: RuleModule) -> Rule:
        """The rule a module defines; its name and severity come from the codes table."""
        entry = CODES[module.CODE]
        if entry.group != "check":
            raise ValueError(f"{module.CODE} is a {entry.group} code, not a rule's")
        return cls(entry.code, entry.name, entry.severity, module.check)

    @property
    def doc(self) -> str:
        """The rule's documentation: the docstring of its check function."""
        import inspect  # only `rules` and the catalogue read docs: `check` need not import it

        return inspect.getdoc(self.check) or ""

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]


class CheckContext:
    """The map and the views of it that several rules need, each computed once."""

    def __init__(self, argument_map: ArgumentMap, graph: nx.DiGraph | None = None) -> None:
        self.map = argument_map
        self._graph = graph

    @cached_property
    def links(self) -> Links:
        """The map's lines as plain dicts (what the rules read: networkx costs a third of a second to import)."""
        return build_links(self.map)

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The map as a networkx graph, for a rule that needs more than ``links`` (built on first use)."""
        if self._graph is None:
            from usfk_argmap.analysis.graph import build_graph

            self._graph = build_graph(self.map)
        return self._graph

    @cached_property
    def edges(self) -> list[Edge]:
        return self.map.edges()

    @cached_property
    def node_suggester(self) -> Suggester:
        """Did-you-mean among the node ids, for every finding of one check (the ids are read once)."""
        return Suggester(self.map.nodes)

    @cached_property
    def argument_suggester(self) -> Suggester:
        """Did-you-mean among the linked arguments' ids."""
        return Suggester(self.map.arguments)

    @cached_property
    def incoming(self) -> dict[str, list[Edge]]:
        """Edges by the node they point at (an argument's edges point at its conclusion)."""
        result: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            result[edge.target].append(edge)
        return result

    @cached_property
    def undercut_targets(self) -> set[str]:
        """The inferences some node undercuts, by id (``Undercut.inference``: argument or relation ids)."""
        return {undercut.inference for node in self.map.nodes.values() for undercut in node.undercuts}

    # -- likely causes: a misspelled relation key (``support:``) leaves nodes unconnected --------------
    @cached_property
    def misspelled_relations(self) -> dict[str, MisspelledKey]:
        """The first misspelled relation key (one meant as supports, attacks or undercuts) of each item."""
        result: dict[str, MisspelledKey] = {}
        for typo in self.map.misspelled_keys:
            if typo.meant in RELATIONS:
                result.setdefault(typo.item, typo)
        return result

    @cached_property
    def misspelled_by_target(self) -> dict[str, MisspelledKey]:
        """For each id that a misspelled relation key names, the first such key."""
        result: dict[str, MisspelledKey] = {}
        for typo in self.misspelled_relations.values():
            for target in typo.targets:
                result.setdefault(target, typo)
        return result

    @cached_property
    def upstream_cause(self) -> dict[str, MisspelledKey]:
        """For each node, the nearest misspelled relation key on the chain it leads up (itself included).

        A node whose chain stops at a node with ``support:`` instead of
        ``supports:`` is cut off from the root by that typo. One breadth-first
        walk down from every such node, so this stays linear in the map.
        """
        result: dict[str, MisspelledKey] = {}
        queue: deque[str] = deque()
        for item, typo in self.misspelled_relations.items():
            if item in self.graph:
                result[item] = typo
                queue.append(item)
        while queue:
            current = queue.popleft()
            for reason in self.graph.predecessors(current):
                if reason not in result:
                    result[reason] = result[current]
                    queue.append(reason)
        return result

    # -- likely causes: a relation written the wrong way round (``T: supports: [C1]``) ------------------
    @cached_property
    def reversals(self) -> list[Reversal]:
        """The relations written the wrong way round (``rules.causes``), reported by AM108."""
        return find_reversals(self.map, self.links)

    @cached_property
    def text_lists(self) -> list[TextList]:
        """References that are ids written as one text (``premises: P2, P3``), reported by AM101."""
        return find_text_lists(self.map)

    @cached_property
    def cut_off_by(self) -> dict[str, Reversal | TextList]:
        """For each node cut off from the root by a reversal or by ids written as text, that cause."""
        causes: list[Reversal | TextList] = [*self.reversals, *self.text_lists]
        return caused_by(causes, self.links, self.map.root) if causes else {}

    def follow_on(self, node_id: str) -> tuple[str, Severity | None]:
        """What a finding about a cut-off node adds: the likely cause (a misspelled relation key, a reversal,
        ids written as text) and, after one of the last two, the severity of a follow-on (a warning: AM108
        or AM101 is the error)."""
        typo = self.upstream_cause.get(node_id)
        if typo is not None:
            return self.because(typo), None
        cause = self.cut_off_by.get(node_id)
        if cause is not None:
            return f"; {cause.cause}", Severity.WARNING
        return "", None

    def fix_at(self, position: Position, replacement: str | None) -> Fix | None:
        """A fix that replaces the id (or value) written at ``position`` by ``replacement``; None without either."""
        if replacement is None:
            return None
        return fix_at(self.map.file_text, position, replacement)

    def because(self, typo: MisspelledKey | None) -> str:
        """``"; probably because of the unknown key 'support' at line N"``, or nothing."""
        return f"; {typo.cause}" if typo is not None else ""

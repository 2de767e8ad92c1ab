"""What a rule is, the registry of rules, and the context rules read."""

from __future__ import annotations

import inspect
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from usfk_argmap.analysis.links import Links, build_links
from usfk_argmap.diagnostics import Severity
from usfk_argmap.model import ArgumentMap, Edge, Position

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Finding:
    """What a rule reports; the runner adds the code, severity and file."""

    position: Position
    message: str
    node: str | None = None


Check = Callable[["CheckContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check

    @property
    def doc(self) -> str:
        """The rule's documentation: the docstring of its check function."""
        return inspect.getdoc(self.check) or ""

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]


#: Every rule, by code, in the order they are defined.
REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Check]:
    """Register a check function as the rule ``code``."""

    def register(check: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"rule {code} is registered twice")
        REGISTRY[code] = Rule(code, name, severity, check)
        return check

    return register


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

"""What a rule is, and the context rules read (the registry is ``usfk_argmap.rules.RULE_MODULES``)."""

from __future__ import annotations

import inspect
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import networkx as nx

from usfk_argmap.codes import CODES
from usfk_argmap.diagnostics import Severity
from usfk_argmap.model import ArgumentMap, Edge, Position


@dataclass(frozen=True)
class Finding:
    """What a rule reports; the runner adds the code, severity and file."""

    position: Position
    message: str
    node: str | None = None


Check = Callable[["CheckContext"], Iterable[Finding]]


class RuleModule(Protocol):
    """What a rule module defines: its ``CODE`` and a ``check`` function whose docstring documents the rule."""

    CODE: str

    def check(self, ctx: CheckContext, /) -> Iterable[Finding]: ...


@dataclass(frozen=True)
class Rule:
    """A registered rule: its code's entry of ``usfk_argmap.codes`` and its check function."""

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
        return inspect.getdoc(self.check) or ""

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]


class CheckContext:
    """The map and the views of it that several rules need, each computed once."""

    def __init__(self, argument_map: ArgumentMap, graph: nx.DiGraph | None = None) -> None:
        self.map = argument_map
        if graph is None:
            from usfk_argmap.analysis.graph import build_graph

            graph = build_graph(argument_map)
        self.graph = graph

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

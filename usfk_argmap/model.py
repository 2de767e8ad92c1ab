"""The map model: plain dataclasses, no drawing or checking knowledge."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from usfk_argmap.source import SourceText

#: The node kinds, in the order the README defines them.
NODE_KINDS: tuple[str, ...] = ("thesis", "claim", "premise", "evidence", "objection", "rebuttal", "assumption")

#: Kinds that are conclusions: each needs support (rule AM201).
CONCLUSION_KINDS: frozenset[str] = frozenset({"thesis", "claim"})

Relation = Literal["supports", "attacks", "undercuts"]
RELATIONS: tuple[Relation, ...] = ("supports", "attacks", "undercuts")


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in the map file."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Ref:
    """A reference to another node or argument, where it is written."""

    target: str
    position: Position = Position()


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    note: str | None = None
    position: Position = Position()


@dataclass(frozen=True)
class Node:
    """A statement of the map: the thesis, a claim, a premise, a piece of evidence..."""

    id: str
    kind: str
    text: str
    en: str | None = None
    quote: str | None = None
    section: str | None = None
    note: str | None = None
    supports: tuple[Ref, ...] = ()
    attacks: tuple[Ref, ...] = ()
    undercuts: tuple[Ref, ...] = ()
    ignore: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    position: Position = Position()
    #: Where each key's value starts (``"quote"``, ``"text"``, ``"section"``...).
    fields: MappingProxyType[str, Position] = field(default_factory=lambda: MappingProxyType({}))

    def refs(self, relation: Relation) -> tuple[Ref, ...]:
        return {"supports": self.supports, "attacks": self.attacks, "undercuts": self.undercuts}[relation]

    def field_position(self, key: str) -> Position:
        return self.fields.get(key, self.position)


@dataclass(frozen=True)
class Argument:
    """A linked argument: premises that support (or attack) a target only together."""

    id: str
    premises: tuple[Ref, ...]
    relation: Literal["supports", "attacks"]
    target: Ref
    note: str | None = None
    ignore: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    position: Position = Position()


@dataclass(frozen=True)
class Edge:
    """One relation, from the reason to what it bears on.

    ``argument`` names the linked argument a premise edge belongs to; for an
    undercut, ``target`` is the argument id.
    """

    source: str
    target: str
    relation: Relation
    argument: str | None = None
    position: Position = Position()


@dataclass
class ArgumentMap:
    """A loaded map. ``nodes``, ``arguments`` and ``sections`` keep file order."""

    title: str
    root: str
    nodes: dict[str, Node]
    lang: str = "en"
    arguments: dict[str, Argument] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    #: Words a label's lines never break inside, as the map lists them (``terms:``).
    terms: tuple[str, ...] = ()
    source_path: Path | None = None
    source_text: SourceText | None = None
    path: Path | None = None
    #: Positions of top-level keys (``"root"``, ``"source"``...).
    fields: dict[str, Position] = field(default_factory=dict)
    #: Ids defined twice: (id, where again, where first). Only the first definition is kept.
    duplicate_ids: list[tuple[str, Position, Position]] = field(default_factory=list)

    @property
    def display_path(self) -> str:
        return str(self.path) if self.path is not None else "<map>"

    def input_paths(self) -> list[Path]:
        """The files this map was read from (the map file and its source text): outputs never overwrite them."""
        return [p for p in (self.path, self.source_path) if p is not None]

    def field_position(self, key: str) -> Position:
        return self.fields.get(key, Position())

    def edges(self) -> list[Edge]:
        """Every relation of the map, nodes' own first, then arguments' premises, in file order."""
        result: list[Edge] = []
        for node in self.nodes.values():
            for relation in RELATIONS:
                for ref in node.refs(relation):
                    result.append(Edge(node.id, ref.target, relation, position=ref.position))
        for argument in self.arguments.values():
            for premise in argument.premises:
                result.append(
                    Edge(premise.target, argument.target.target, argument.relation, argument.id, premise.position)
                )
        return result

    def position_of(self, item_id: str) -> Position:
        """Where a node or argument is defined (line 1, column 1 when unknown)."""
        if item_id in self.nodes:
            return self.nodes[item_id].position
        if item_id in self.arguments:
            return self.arguments[item_id].position
        return Position()

    def _repr_svg_(self) -> str:
        """Show the map as a picture in Jupyter."""
        from importlib import import_module

        # Imported late (and by name, as rendering builds on the model): it needs Graphviz.
        render_svg = import_module("usfk_argmap.drawing.render").render_svg
        svg: bytes = render_svg(self)
        return svg.decode("utf-8")

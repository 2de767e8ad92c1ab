"""The map model: plain dataclasses, no drawing or checking knowledge."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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

    @classmethod
    def of_offset(cls, text: str | bytes, offset: int) -> Position:
        """Where an offset into ``text`` falls; in bytes, the column counts the UTF-8 characters before it."""
        offset = max(0, min(offset, len(text)))
        if isinstance(text, bytes):
            start = text.rfind(b"\n", 0, offset) + 1
            return cls(text.count(b"\n", 0, offset) + 1, len(text[start:offset].decode("utf-8", errors="replace")) + 1)
        return cls(text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))


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

    def relations(self) -> Iterator[tuple[str, str, Relation, str | None, Position]]:
        """Every relation as written: (reason, target, relation, linked argument or None, where it is written).

        Nodes' own first, in file order, then each linked argument's premises (the target is the
        argument's conclusion, the position the premise's). The one walk over the map's references:
        ``edges`` and the graph projection (``analysis.graph.links``) are read off it.
        """
        for node in self.nodes.values():
            for ref in node.supports:
                yield node.id, ref.target, "supports", None, ref.position
            for ref in node.attacks:
                yield node.id, ref.target, "attacks", None, ref.position
            for ref in node.undercuts:
                yield node.id, ref.target, "undercuts", None, ref.position
        for argument in self.arguments.values():
            for premise in argument.premises:
                yield premise.target, argument.target.target, argument.relation, argument.id, premise.position

    def edges(self) -> list[Edge]:
        """Every relation of the map as an ``Edge``, in the order of ``relations``."""
        return [Edge(*relation) for relation in self.relations()]

    def position_of(self, item_id: str) -> Position:
        """Where a node or argument is defined (line 1, column 1 when unknown)."""
        if item_id in self.nodes:
            return self.nodes[item_id].position
        if item_id in self.arguments:
            return self.arguments[item_id].position
        return Position()

    def _repr_svg_(self) -> str | None:
        """Show the map as a picture in Jupyter (None, so no picture, until a drawer is installed)."""
        return None if svg_display is None else svg_display(self)


#: How a map draws itself in Jupyter. The model cannot import the drawing layer above it, so the
#: package's ``__init__`` (which may import anything) installs this when it is imported.
svg_display: Callable[[ArgumentMap], str] | None = None

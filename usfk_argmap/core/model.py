"""The map model: plain dataclasses, no drawing or checking knowledge."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

# ``register_svg_drawer`` lives in ``core.notebook`` (see there why); re-exported where a map's user looks for it.
from usfk_argmap.core.notebook import register_svg_drawer as register_svg_drawer
from usfk_argmap.core.notebook import svg_drawer

if TYPE_CHECKING:
    from usfk_argmap.quotes.source import SourceText

#: The node kinds, in the order the README defines them.
NODE_KINDS: tuple[str, ...] = ("thesis", "claim", "premise", "evidence", "objection", "rebuttal", "assumption")

#: Kinds that are conclusions: each needs support (rule AM201).
CONCLUSION_KINDS: frozenset[str] = frozenset({"thesis", "claim"})

Relation = Literal["supports", "attacks", "undercuts"]
RELATIONS: tuple[Relation, ...] = ("supports", "attacks", "undercuts")
#: The relations a node has to another node (an undercut names an inference instead).
OwnRelation = Literal["supports", "attacks"]
OWN_RELATIONS: tuple[OwnRelation, ...] = ("supports", "attacks")


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


def relation_id(source: str, target: str) -> str:
    """The id of a node's own relation from ``source`` to ``target``: ``source->target``.

    An undercut of that relation (``undercuts: {from: source, to: target}``)
    names it by this id in exports; a linked argument's id is its own.
    """
    return f"{source}->{target}"


@dataclass(frozen=True)
class Undercut:
    """What one ``undercuts`` entry attacks: an inference of the map, never a statement.

    The inference is either a linked argument (``argument`` is its id, written
    ``undercuts: A1``) or a node's own ``supports`` or ``attacks`` relation,
    named by its reason and its target (``source`` and ``target``, written
    ``undercuts: {from: R, to: T}``): the reason may be true, yet it does not
    bear on the target. Exactly one of the two forms is set.
    """

    argument: str | None = None
    source: str | None = None
    target: str | None = None
    #: Where the entry is written; the ``from`` and ``to`` values have their own positions.
    position: Position = Position()
    source_position: Position | None = None
    target_position: Position | None = None

    @classmethod
    def of_argument(cls, argument_id: str, position: Position = Position()) -> Undercut:
        return cls(argument=argument_id, position=position)

    @classmethod
    def of_relation(
        cls,
        source: str,
        target: str,
        position: Position = Position(),
        source_position: Position | None = None,
        target_position: Position | None = None,
    ) -> Undercut:
        return cls(
            source=source, target=target, position=position, source_position=source_position, target_position=target_position
        )

    @property
    def is_relation(self) -> bool:
        """True when a node's own relation is undercut, False for a linked argument."""
        return self.argument is None

    @property
    def inference(self) -> str:
        """The id of the attacked inference: the argument id, or the relation id ``source->target``."""
        if self.argument is not None:
            return self.argument
        return relation_id(self.source or "", self.target or "")


@dataclass(frozen=True)
class Answer:
    """What one ``answers`` entry speaks to: critical question ``question`` of an inference with a scheme.

    The inference is a linked argument (``to: A1``) or a node's own relation
    (``from: R, to: T``), as in an undercut. A supporting node answers the
    question for the proponent; an attacking or undercutting one raises it.
    """

    question: str
    argument: str | None = None
    source: str | None = None
    target: str | None = None
    position: Position = Position()
    question_position: Position | None = None

    @property
    def inference(self) -> str:
        """The id of the inference: the argument id, or the relation id ``source->target``."""
        if self.argument is not None:
            return self.argument
        return relation_id(self.source or "", self.target or "")


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
    undercuts: tuple[Undercut, ...] = ()
    #: A short form of ``text`` for pictures (map drawings, slides); ``text`` stays whole for notes and reports.
    label: str | None = None
    ignore: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    position: Position = Position()
    #: The scheme of each of the node's own relations, by the id of the node it supports or attacks
    #: (``schemes: {C1: example}``); the ``Ref`` is the scheme id where it is written.
    schemes: MappingProxyType[str, Ref] = field(default_factory=lambda: MappingProxyType({}))
    #: The critical questions this node answers (as a support) or raises (as an attack or undercut).
    answers: tuple[Answer, ...] = ()
    #: Statements on the other side of a conclusion this node bears on, judged weaker than it.
    outweighs: tuple[Ref, ...] = ()
    #: Where each key's value starts (``"quote"``, ``"text"``, ``"section"``...).
    fields: MappingProxyType[str, Position] = field(default_factory=lambda: MappingProxyType({}))

    def refs(self, relation: OwnRelation) -> tuple[Ref, ...]:
        """The node ids this node supports or attacks (undercuts name inferences: see ``undercuts``)."""
        return self.supports if relation == "supports" else self.attacks

    @property
    def shown_text(self) -> str:
        """What a picture shows: the short ``label`` when there is one, else ``text``."""
        return self.label or self.text

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
    #: The argument's scheme (``scheme: expert-opinion``): its id where it is written.
    scheme: Ref | None = None
    #: The premise that plays each of the scheme's roles, by role id (``roles: {expertise: P1}``).
    roles: MappingProxyType[str, Ref] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class MisspelledKey:
    """An unknown key close to a known one (``support`` for ``supports``): a likely typo.

    ``targets`` are the ids its value names, when it names ids, so the rules
    can say which of their findings the typo probably caused.
    """

    item: str
    key: str
    meant: str
    position: Position
    targets: tuple[str, ...] = ()

    @property
    def cause(self) -> str:
        """The phrase the rules append to the findings it probably caused."""
        return f"probably because of the unknown key {self.key!r} at line {self.position.line}"


@dataclass(frozen=True)
class Edge:
    """One relation, from the reason to what it bears on.

    ``argument`` names the linked argument a premise edge belongs to. For an
    undercut, ``undercut`` says what is attacked and ``target`` is the id of
    that inference (``Undercut.inference``: an argument id, or a relation id
    ``R->T``), so it matches the ``inference`` of the edges it attacks.
    """

    source: str
    target: str
    relation: Relation
    argument: str | None = None
    position: Position = Position()
    undercut: Undercut | None = None

    @property
    def inference(self) -> str:
        """The inference this edge is part of: its linked argument's id, or its own relation id."""
        return self.argument if self.argument is not None else relation_id(self.source, self.target)

    @property
    def id(self) -> str:
        """An id for this edge, unique in a map: ``R->T``; a premise edge of argument A is ``P->A``."""
        return relation_id(self.source, self.argument if self.argument is not None else self.target)


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
    #: Which critical questions must be answered: ``assumptions`` (the proponent's burden) or ``all``.
    questions: Literal["assumptions", "all"] = "assumptions"
    source_path: Path | None = None
    source_text: SourceText | None = None
    #: The ``source:`` as written, for a map that was not read from a map file (an importer reads
    #: no other file, so it keeps only the name); a loaded map names it in ``source_text.name``.
    source_name: str | None = None
    path: Path | None = None
    #: Positions of top-level keys (``"root"``, ``"source"``...).
    fields: dict[str, Position] = field(default_factory=dict)
    #: Ids defined twice: (id, where again, where first). Only the first definition is kept.
    duplicate_ids: list[tuple[str, Position, Position]] = field(default_factory=list)
    #: Unknown keys of nodes and arguments that are close to a known key, in file order.
    misspelled_keys: list[MisspelledKey] = field(default_factory=list, compare=False)
    #: The map file's text as loaded (None for an imported map): where a suggested fix finds the
    #: end of the scalar it replaces (``usfk_argmap.mapfile.reading.fix_at``).
    file_text: str | None = field(default=None, repr=False, compare=False)

    @property
    def display_path(self) -> str:
        return str(self.path) if self.path is not None else "<map>"

    def input_paths(self) -> list[Path]:
        """The files this map was read from (the map file and its source text): outputs never overwrite them."""
        return [p for p in (self.path, self.source_path) if p is not None]

    def field_position(self, key: str) -> Position:
        return self.fields.get(key, Position())

    @property
    def named_source(self) -> str | None:
        """The ``source:`` as the map names it (relative to its file), whether loaded or imported."""
        return self.source_text.name if self.source_text is not None else self.source_name

    def root_advice(self) -> str:
        """What to name as ``root``: the only thesis (``"root: T"``), the theses to choose from, or nothing."""
        theses = [node.id for node in self.nodes.values() if node.kind == "thesis"]
        if len(theses) == 1:
            return f"the map's only thesis is {theses[0]!r}: write `root: {theses[0]}`"
        if theses:
            return f"its theses are {', '.join(repr(t) for t in theses[:6])}"
        return ""

    def relations(self) -> Iterator[tuple[str, str, Relation, str | None, Position, Undercut | None]]:
        """Every relation as written: (reason, target, relation, linked argument, where it is written, undercut).

        Nodes' own first, in file order (an undercut's target is the id of the inference it attacks,
        ``Undercut.inference``), then each linked argument's premises (the target is the argument's
        conclusion, the position the premise's). The one walk over the map's references: ``edges``
        and the graph projection (``analysis.graph.links``) are read off it. An id listed twice in
        one list (``supports: [T, T]``, rule AM206) is one relation, at its first mention.
        """
        for node in self.nodes.values():
            for ref in _first_mentions(node.supports):
                yield node.id, ref.target, "supports", None, ref.position, None
            for ref in _first_mentions(node.attacks):
                yield node.id, ref.target, "attacks", None, ref.position, None
            for undercut in node.undercuts:
                yield node.id, undercut.inference, "undercuts", None, undercut.position, undercut
        for argument in self.arguments.values():
            for premise in _first_mentions(argument.premises):
                yield premise.target, argument.target.target, argument.relation, argument.id, premise.position, None

    def edges(self) -> list[Edge]:
        """Every relation of the map as an ``Edge``, in the order of ``relations``."""
        return [Edge(*relation) for relation in self.relations()]

    def relation(self, source: str, target: str) -> OwnRelation | None:
        """The relation node ``source`` has of its own to node ``target`` (supports first), or None."""
        node = self.nodes.get(source)
        if node is None:
            return None
        if any(ref.target == target for ref in node.supports):
            return "supports"
        if any(ref.target == target for ref in node.attacks):
            return "attacks"
        return None

    def undercut_inference(self, undercut: Undercut) -> OwnRelation | None:
        """The relation of the inference an undercut attacks (None when it names nothing the map has)."""
        if undercut.argument is not None:
            argument = self.arguments.get(undercut.argument)
            return argument.relation if argument is not None and undercut.argument not in self.nodes else None
        return self.relation(undercut.source or "", undercut.target or "")

    def schemes(self) -> Iterator[tuple[str, Ref, str, OwnRelation, tuple[str, ...]]]:
        """Every inference with a scheme: (inference id, scheme id as written, conclusion, relation, reasons).

        A linked argument's reasons are its premises; a node's own relation has one reason, the node.
        """
        for argument in self.arguments.values():
            if argument.scheme is not None:
                premises = tuple(dict.fromkeys(ref.target for ref in argument.premises))
                yield argument.id, argument.scheme, argument.target.target, argument.relation, premises
        for node in self.nodes.values():
            for target, scheme in node.schemes.items():
                relation = self.relation(node.id, target)
                if relation is not None:
                    yield relation_id(node.id, target), scheme, target, relation, (node.id,)

    def position_of(self, item_id: str) -> Position:
        """Where a node or argument is defined (line 1, column 1 when unknown)."""
        if item_id in self.nodes:
            return self.nodes[item_id].position
        if item_id in self.arguments:
            return self.arguments[item_id].position
        return Position()

    def _repr_svg_(self) -> str | None:
        """Show the map as a picture in Jupyter: the SVG of the drawer ``register_svg_drawer`` was given (None: none)."""
        drawer = svg_drawer()
        return None if drawer is None else drawer(self)


def _first_mentions(refs: tuple[Ref, ...]) -> list[Ref]:
    """``refs`` without the ids already listed before them."""
    first: dict[str, Ref] = {}
    for ref in refs:
        first.setdefault(ref.target, ref)
    return list(first.values())

"""What the positioned formats share (JSON Canvas, draw.io): a map placed on a page, and a page read back into a map.

Writing: ``placed`` lays the map out with Graphviz (``drawing.layout.map_layout``,
sections as boxes) and gives every statement, joint point, line and section box
its place with y growing downwards from the page's top left corner, the frame
both formats use, in their units (``scale`` per point).

Reading: an importer turns its file into ``PageNode``, ``PageJoint`` and
``PageEdge`` entries, and ``page_map`` makes the map of them: a line from a
statement into a joint point is a premise of the joint (or, with ``undercuts``,
an undercut of it); a joint point with several premises, or whose id is not a
relation's own (``R->T``), is a linked argument named by its id; one with the
relation's own id is that relation, undercut where something points at it.
Statements keep the ids the file gives them; what the file leaves unsaid
(kinds, the root) is decided as for every importer (``interop.draft``), and the
language from the text (``interop.language_guess``; English when it cannot tell).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from usfk_argmap.core.model import NODE_KINDS, ArgumentMap, Node, Position, Relation, Section, relation_id
from usfk_argmap.interop.draft import Draft, DraftArgument, DraftNode
from usfk_argmap.interop.importing import Reporter

#: How many statements, joints, lines and sections a positioned file may hold before it is refused (a map of
#: 60,000 relations holds 120,000; the work is linear, so the 16 MiB a file may have bounds it as well).
MAX_PAGE_ITEMS = 250_000
#: How many statements' texts the language is told from.
LANGUAGE_SAMPLE = 2000
#: A coordinate or size beyond this (in the file's units) is refused: no editor draws so far out.
MAX_COORDINATE = 10_000_000.0


@dataclass(frozen=True)
class Box:
    """A rectangle on the page: its top left corner and size, y growing downwards."""

    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


@dataclass(frozen=True)
class PlacedStatement:
    node: Node
    box: Box


@dataclass(frozen=True)
class PlacedJoint:
    """A linked argument's joint point (``type`` argument) or an undercut relation's (``type`` relation)."""

    id: str
    type: str
    relation: str
    box: Box


@dataclass(frozen=True)
class PlacedEdge:
    """A line from map id ``source`` to ``target`` (``id``: ``e<k>``, the SVG's ``am-e<k>``); ``points`` as routed."""

    id: str
    source: str
    target: str
    relation: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class PlacedSection:
    section: Section
    box: Box


@dataclass(frozen=True)
class Page:
    """A map placed on a page: everything drawn, in the map's order, with the page's size."""

    width: float
    height: float
    statements: tuple[PlacedStatement, ...]
    joints: tuple[PlacedJoint, ...]
    edges: tuple[PlacedEdge, ...]
    sections: tuple[PlacedSection, ...]


def placed(argument_map: ArgumentMap, scale: float = 1.0) -> Page:
    """The map laid out by Graphviz (sections as boxes), in units of ``scale`` per point, y downwards."""
    from usfk_argmap.analysis.drawn import drawn_joints
    from usfk_argmap.drawing.layout import LaidNode, map_layout

    laid = map_layout(argument_map)
    height = laid.layout.height

    def box(node: LaidNode) -> Box:
        return Box(
            round((node.x - node.width / 2) * scale, 1),
            round((height - node.y - node.height / 2) * scale, 1),
            round(node.width * scale, 1),
            round(node.height * scale, 1),
        )

    def point(x: float, y: float) -> tuple[float, float]:
        return round(x * scale, 1), round((height - y) * scale, 1)

    statements = tuple(PlacedStatement(argument_map.nodes[key], box(node)) for key, node in laid.statements(argument_map))
    joints_of = drawn_joints(argument_map)
    laid_joints = dict(laid.joints(argument_map))
    joints = tuple(
        PlacedJoint(key, joint.type, joint.relation, box(laid_joints[key]))
        for key, joint in joints_of.items()
        if key in laid_joints
    )
    laid_edges = {edge.svg_id: edge for edge in laid.layout.edges}
    edges = tuple(
        PlacedEdge(
            svg_id.removeprefix("am-"),
            edge.source,
            edge.target,
            edge.relation,
            tuple(point(*p) for p in laid_edges[svg_id].points) if svg_id in laid_edges else (),
        )
        for svg_id, edge in laid.edges.items()
    )
    sections = tuple(
        PlacedSection(
            argument_map.sections[laid.sections[cluster.svg_id]],
            Box(
                round(cluster.x0 * scale, 1),
                round((height - cluster.y1) * scale, 1),
                round((cluster.x1 - cluster.x0) * scale, 1),
                round((cluster.y1 - cluster.y0) * scale, 1),
            ),
        )
        for cluster in laid.layout.clusters
        if cluster.svg_id in laid.sections
    )
    return Page(round(laid.layout.width * scale, 1), round(height * scale, 1), statements, joints, edges, sections)


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... whichever is not ``taken`` first; it is added to ``taken``."""
    candidate, number = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


# -- reading a page back ------------------------------------------------------


@dataclass(frozen=True)
class PageNode:
    """A statement read from a page: its id, text, gloss and quote, kind and section where the file says them."""

    id: str
    text: str
    position: Position
    en: str | None = None
    quote: str | None = None
    kind: str | None = None
    section: str | None = None
    label: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class PageJoint:
    id: str
    position: Position


@dataclass(frozen=True)
class PageEdge:
    """A line read from a page; ``relation`` supports, attacks or undercuts, or None when the file does not say."""

    source: str
    target: str
    relation: str | None
    position: Position


def page_map(
    title: str,
    nodes: Sequence[PageNode],
    joints: Sequence[PageJoint],
    edges: Sequence[PageEdge],
    sections: Sequence[Section],
    report: Reporter,
    root: str | None = None,
) -> ArgumentMap | None:
    """The map a page holds (None, with AM407, when it holds no statement); each line left out is reported."""
    from usfk_argmap.interop.language_guess import detect_language

    # The first statements tell the language as well as all of them would, in a fraction of the time.
    sample = (node.text for node in nodes[:LANGUAGE_SAMPLE])
    draft = Draft(title, lang=detect_language(sample) or "en", requested_root=root)
    draft.sections = {section.id: section for section in sections}
    for node in nodes:
        if node.id in draft.nodes:
            report("AM406", f"the id {node.id[:60]!r} is given twice; the first is kept", node.position, node.id)
            continue
        kind = node.kind if node.kind in NODE_KINDS else None
        draft.add_node(DraftNode(node.id, node.text, kind, node.en, node.quote, node.section, node.note, node.label))
    if not draft.nodes:
        report("AM407", "the file holds no statement")
        return None
    joint_ids = {joint.id: joint for joint in joints if joint.id not in draft.nodes}
    premises: dict[str, dict[str, None]] = {key: {} for key in joint_ids}  # ordered sets: a hostile joint has many
    conclusions: dict[str, tuple[str, Literal["supports", "attacks"]]] = {}
    undercuts: list[PageEdge] = []
    for edge in edges:
        where = f"the line from {edge.source[:40]!r} to {edge.target[:40]!r}"
        if edge.source in draft.nodes and edge.target in draft.nodes:
            relation: Relation = "attacks" if edge.relation in ("attacks", "undercuts") else "supports"
            if edge.relation == "undercuts":
                report("AM405", f"{where} undercuts a statement; it is imported as an attack", edge.position)
            if not draft.relate(edge.source, edge.target, relation):
                report("AM406", f"{where} is given twice", edge.position)
        elif edge.source in draft.nodes and edge.target in joint_ids:
            if edge.relation == "undercuts":
                undercuts.append(edge)
            else:
                premises[edge.target][edge.source] = None
        elif edge.source in joint_ids and edge.target in draft.nodes:
            if edge.source in conclusions:
                report("AM405", f"{where}: the joint point already leads elsewhere; this line is left out", edge.position)
                continue
            conclusions[edge.source] = (edge.target, "attacks" if edge.relation in ("attacks", "undercuts") else "supports")
        else:
            report("AM402", f"{where} does not join two statements or a statement and a joint point", edge.position)
    relation_joints: dict[str, tuple[str, str]] = {}
    for key, joint in joint_ids.items():
        found = list(premises[key])
        if key not in conclusions or not found:
            report("AM402", f"the joint point {key[:60]!r} lacks its premises or its conclusion; it is left out", joint.position)
            continue
        target, relation = conclusions[key]
        if len(found) == 1 and key == relation_id(found[0], target):
            draft.relate(found[0], target, relation)
            relation_joints[key] = (found[0], target)
        else:
            draft.arguments[key] = DraftArgument(key, found, relation, target)
    for edge in undercuts:
        if edge.target in draft.arguments:
            draft.relate(edge.source, edge.target, "undercuts")
        elif edge.target in relation_joints:
            draft.undercut_relation(edge.source, *relation_joints[edge.target])
    return draft.build()


def checked_number(value: object) -> float | None:
    """A coordinate or size as a float, or None when it is not a finite number within ``MAX_COORDINATE``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if abs(number) <= MAX_COORDINATE else None

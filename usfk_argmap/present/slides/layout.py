"""Building the deck of a map: its parts, the figures laid out once each, the build-up steps.

A part is a section when the map has sections (in their order), otherwise a
main claim: a node bearing directly on the root.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from usfk_argmap.analysis.buildup import Unit, build_order, main_claims, section_tops, subtree
from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.model import ArgumentMap, Node
from usfk_argmap.present.slides.deck import Deck, Figure, Note, Slide, Step

if TYPE_CHECKING:
    from usfk_argmap.drawing.options import RenderOptions

_SVG_NS = "{http://www.w3.org/2000/svg}"


def build_deck(argument_map: ArgumentMap, options: RenderOptions | None = None) -> Deck:
    """Lay out every figure once and build the slide sequence."""
    from usfk_argmap.drawing.options import RenderOptions

    base = options if options is not None else RenderOptions()
    deck = Deck(argument_map.title, argument_map.lang, str(base.theme), [])
    root = argument_map.nodes.get(argument_map.root)
    claims = main_claims(argument_map)
    deck.slides.append(_title_slide(argument_map, claims))
    whole = _add_figure(deck, argument_map, "map", base)
    overview = Step(reveal=(), notes=(_note(root),) if root else (),
                    remarks=tuple(f"{index}. {argument_map.nodes[c].text}" for index, c in enumerate(claims, 1)))
    deck.slides.append(Slide("map", "map", argument_map.title, (overview,), whole.key, "The whole map"))
    focused: set[str] = set()
    for part_index, (title, remark, tops, members, part_options) in enumerate(_parts(argument_map, claims, base), 1):
        figure = _add_figure(deck, argument_map, f"part-{part_index}", part_options)
        steps = _build_steps(argument_map, figure, build_order(argument_map, tops, members), remark)
        deck.slides.append(Slide(f"part-{part_index}", "build", title, steps, figure.key))
        for claim in claims:
            if claim in members and claim not in focused:
                focused.add(claim)
                deck.slides.append(_focus_slide(deck, argument_map, claim, claims.index(claim) + 1, base))
    for claim in claims:
        if claim not in focused:
            deck.slides.append(_focus_slide(deck, argument_map, claim, claims.index(claim) + 1, base))
    return deck


def _parts(argument_map: ArgumentMap, claims: list[str],
           base: RenderOptions) -> list[tuple[str, str | None, list[str], set[str], RenderOptions]]:
    """(title, remark, tops, members, options of the part's figure) for each part of the talk."""
    parts: list[tuple[str, str | None, list[str], set[str], RenderOptions]] = []
    used_sections = [s for s in argument_map.sections.values()
                     if any(n.section == s.id for n in argument_map.nodes.values())]
    if used_sections:
        for section in used_sections:
            members = {n.id for n in argument_map.nodes.values() if n.section == section.id}
            parts.append((section.title, section.note, section_tops(argument_map, section.id), members,
                          dataclasses.replace(base, section=section.id)))
        return parts
    for claim in claims:
        node = argument_map.nodes[claim]
        members = subtree(argument_map, claim)
        # The focus neighbourhood reaches the whole subtree; nodes it brings in beyond that stay as context.
        parts.append((node.shown_text, None, [claim], members,
                      dataclasses.replace(base, focus=claim, depth=len(members))))
    return parts


#: Width over height of the picture area of a 16:9 slide, below its title.
PICTURE_ASPECT = 1.95
#: Label widths tried for a deck picture, as shares of the width asked for.
_WIDTH_SHARES = (1.0, 0.75, 0.6)
#: Leaf staggers tried for a deck picture (see ``RenderOptions.stagger``).
_STAGGERS = (1, 2, 3)


def _add_figure(deck: Deck, argument_map: ArgumentMap, key: str, options: RenderOptions) -> Figure:
    svg, chosen = _largest_text_layout(argument_map, options)
    figure = Figure(key, svg, chosen)
    deck.figures[key] = figure
    return figure


def _largest_text_layout(argument_map: ArgumentMap, options: RenderOptions) -> tuple[bytes, RenderOptions]:
    """The layout whose text comes out largest when scaled to fit the slide's picture area.

    A flat, wide section shrinks to unreadable text on a 16:9 slide. Narrower
    labels and leaves staggered over two or three levels make it taller and
    narrower; of the few candidates, the one that can be drawn largest wins
    (the first of equals, so the result is deterministic).
    """
    from usfk_argmap.drawing.render import render_svg
    from usfk_argmap.drawing.svg import size_in_points

    best: tuple[float, bytes, RenderOptions] | None = None
    for share in _WIDTH_SHARES:
        width = max(6.0, round(options.width * share, 1))
        for stagger in _STAGGERS:
            candidate = dataclasses.replace(options, width=width, stagger=stagger)
            svg = render_svg(argument_map, candidate)
            w, h = size_in_points(svg)
            scale = min(PICTURE_ASPECT / w, 1.0 / h)
            if best is None or scale > best[0] * 1.02:  # a clear gain only: keep the plainer layout otherwise
                best = (scale, svg, candidate)
    assert best is not None
    return best[1], best[2]


def _title_slide(argument_map: ArgumentMap, claims: list[str]) -> Slide:
    root = argument_map.nodes.get(argument_map.root)
    remarks = [f"{len(argument_map.nodes)} statements, {len(claims)} main claim(s)."]
    if argument_map.source_text is not None:
        remarks.append(f"Source text: {Path(argument_map.source_text.name).name}")
    step = Step(notes=(_note(root),) if root else (), remarks=tuple(remarks))
    return Slide("title", "title", argument_map.title, (step,), None, root.shown_text if root else None)


def _focus_slide(deck: Deck, argument_map: ArgumentMap, claim: str, number: int, base: RenderOptions) -> Slide:
    from usfk_argmap.drawing.dot import svg_ids

    figure = _add_figure(deck, argument_map, f"focus-{number}", dataclasses.replace(base, focus=claim))
    node = argument_map.nodes[claim]
    svg_id = svg_ids(argument_map).get(claim)
    step = Step(notes=(_note(node),), new_nodes=(svg_id,) if svg_id else ())
    return Slide(f"focus-{number}", "focus", node.shown_text, (step,), figure.key, "In focus")


def _build_steps(argument_map: ArgumentMap, figure: Figure, units: Sequence[Unit], remark: str | None) -> tuple[Step, ...]:
    """Turn units into steps of SVG group ids: a node when its unit comes, an edge when both its ends are shown.

    Groups of the figure that no unit names (the context around a section, a
    cluster frame) are there from the first step on.
    """
    from usfk_argmap.drawing.dot import svg_ids

    ids = svg_ids(argument_map)
    layout = SvgLayout.parse(figure.svg)
    # The joint on an undercut relation comes with the relation's reason.
    joints_of: dict[str, list[str]] = {}
    for joint, (reason, _, _) in undercut_relations(argument_map).items():
        joints_of.setdefault(reason, []).append(joint)

    def members(unit: Unit) -> list[str]:
        return [*unit.nodes, *([unit.argument] if unit.argument else []),
                *(joint for n in unit.nodes for joint in joints_of.get(n, ()))]

    units = [u for u in units if any(ids.get(n) in layout.nodes for n in u.nodes)]
    revealed_later = {ids[n] for u in units[1:] for n in members(u) if n in ids}
    shown = {g for g in layout.nodes if g not in revealed_later}
    steps: list[Step] = []
    done_edges: set[str] = set()
    for index, unit in enumerate(units):
        new = [ids[n] for n in members(unit) if ids.get(n) in layout.nodes]
        shown.update(new)
        edges = [e for e, (tail, head) in layout.edges.items() if e not in done_edges and tail in shown and head in shown]
        done_edges.update(edges)
        reveal = tuple(new + edges) if index else ()
        statements = [argument_map.nodes[n] for n in unit.nodes if n in argument_map.nodes]
        remarks = (remark,) if remark and not index else ()
        steps.append(Step(reveal, tuple(_note(n) for n in statements), remarks,
                          tuple(ids[n.id] for n in statements if n.id in ids)))
    if not steps:
        steps.append(Step(remarks=(remark,) if remark else ()))
    return tuple(steps)


@dataclass(frozen=True)
class SvgLayout:
    """The node and edge groups of a Graphviz SVG: group id -> its DOT name, edge id -> (tail, head) group ids."""

    nodes: dict[str, str]
    edges: dict[str, tuple[str, str]]

    @classmethod
    def parse(cls, svg: bytes) -> SvgLayout:
        root = ET.fromstring(svg)
        by_name: dict[str, str] = {}
        edge_names: dict[str, tuple[str, str]] = {}
        for group in root.iter(f"{_SVG_NS}g"):
            group_id = group.get("id")
            title = group.find(f"{_SVG_NS}title")
            if group_id is None or title is None or title.text is None:
                continue
            classes = (group.get("class") or "").split()
            if "edge" in classes or "am-edge" in classes:
                tail, _, head = title.text.partition("->")
                edge_names[group_id] = (_strip_port(tail), _strip_port(head))
            elif "node" in classes or "am-node" in classes or "am-arg" in classes:
                by_name[title.text] = group_id
        nodes = {group_id: name for name, group_id in by_name.items()}
        edges = {edge_id: (by_name[t], by_name[h]) for edge_id, (t, h) in edge_names.items()
                 if t in by_name and h in by_name}
        return cls(nodes, edges)


def _strip_port(name: str) -> str:
    # Graphviz titles an edge "tail:port->head:port" when ports are used; DOT names here carry no colon.
    return name.split(":", 1)[0]


def _note(node: Node) -> Note:
    return Note(node.id, node.kind, node.text, node.quote, node.en, node.note)

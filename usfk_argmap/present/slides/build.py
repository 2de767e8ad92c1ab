"""From a map to its deck: plan the slides, lay every figure out once, fill in the build steps.

``plan.plan_deck`` decides the slides and what each picture draws. Each figure
is laid out once, with the label width and stagger predicted to draw it
largest (``fit``), and the figures are laid out side by side through the
layout cache (``drawing.cache``). A build-up whose text comes out smaller than
predicted is planned again, trusting the prediction less.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from usfk_argmap.analysis.buildup import Unit, main_claims
from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.core.messages import message
from usfk_argmap.core.model import ArgumentMap, Node
from usfk_argmap.drawing.cache import LayoutCache
from usfk_argmap.present.slides.deck import Deck, Figure, Note, Slide, Step
from usfk_argmap.present.slides.plan import DeckPlan, SlidePlan, plan_deck
from usfk_argmap.present.slides.sizes import PicturePlan

if TYPE_CHECKING:
    from usfk_argmap.drawing.basis import DrawingBasis
    from usfk_argmap.drawing.options import RenderOptions
    from usfk_argmap.present.slides.fit import MapOrder
    from usfk_argmap.present.slides.options import SlideOptions

_SVG_NS = "{http://www.w3.org/2000/svg}"


def build_deck(
    argument_map: ArgumentMap,
    options: SlideOptions | None = None,
    *,
    basis: DrawingBasis | None = None,
    cache: LayoutCache | None = None,
) -> Deck:
    """Plan the slides, lay every figure out once (side by side, through the layout cache), fill in the steps.

    Of the ``options``, ``section`` keeps the build-up and focus slides of one section only
    (after the title, overview and whole map); ``shape`` is the slides' width over height and
    the text size they must reach (16:9, 24 px per em at 1920 x 1080); ``render`` draws the
    pictures; ``jobs`` lays them out side by side. ``basis`` is the map's font and evaluation,
    when the caller has them (None: found once here, for every picture of the deck). The figures
    are laid out through ``cache`` (by default, the one the environment sets), which the deck keeps.
    """
    from usfk_argmap.analysis.drawn import svg_ids
    from usfk_argmap.drawing.basis import DrawingBasis
    from usfk_argmap.present.slides.options import SlideOptions
    from usfk_argmap.present.slides.sizes import SizePrediction

    options = options or SlideOptions()
    base, section, shape = options.render, options.section, options.shape
    basis = telling_badges(argument_map, basis if basis is not None else DrawingBasis.of(argument_map, base.evaluate))
    cache = cache if cache is not None else LayoutCache.from_environment()
    sizes = SizePrediction(argument_map, base)
    laid: dict[PicturePlan, Figure] = {}  # a picture planned again unchanged is not drawn again
    for _ in range(_PLANNING_ROUNDS):
        plan = plan_deck(argument_map, base, sizes, shape, depth_first=options.depth_first, legend=options.legend)
        if section is not None:
            plan = _only_section(plan, argument_map, section)
        deck = Deck(
            argument_map.title,
            argument_map.lang,
            str(base.theme),
            [],
            plan=plan,
            ratio=shape.ratio,
            font=basis.font,
            layout_cache=cache,
            chrome=base.chrome_language(argument_map.lang),
        )
        used = [key for key in dict.fromkeys(s.picture for s in plan.slides) if key in plan.pictures]
        _lay_out(deck, argument_map, [plan.pictures[key] for key in used], base, options.jobs, basis, cache, laid, sizes.order)
        # A build-up whose text came out smaller than predicted is planned again, trusting that
        # picture's prediction as much less as it missed by, and the rest of its part somewhat less.
        short: dict[PicturePlan, float] = {}
        for slide in plan.slides:
            figure = deck.figures[slide.picture] if slide.kind == "build" and slide.picture else None
            if figure is not None and figure.plan is not None and figure.px_per_em < figure.plan.min_px_per_em:
                short[figure.plan] = figure.px_per_em / sizes.predicted(figure.plan)
        if not short:
            break
        sizes.correct(short)
    ids = svg_ids(argument_map)
    joints = MapJoints.of(argument_map, ids)
    root = argument_map.nodes.get(argument_map.root)
    claims = main_claims(argument_map)
    for planned in plan.slides:
        links = tuple((ids[n], _link_target(plan, n, target)) for n, target in planned.links if n in ids)
        if planned.kind == "title":
            deck.slides.append(_title_slide(argument_map, claims, deck.chrome))
            continue
        if planned.kind == "legend":
            deck.slides.append(Slide(planned.id, "legend", planned.title, (Step(),), planned.picture, planned.subtitle))
            continue
        if planned.kind == "sections":
            deck.slides.append(_sections_slide(planned, argument_map, deck, cache, base))
            continue
        figure = deck.figures[planned.picture] if planned.picture else None
        if planned.kind in ("overview", "map"):
            remarks = tuple(f"{index}. {argument_map.nodes[c].text}" for index, c in enumerate(claims, 1))
            step = Step(notes=(_note(root),) if root else (), remarks=remarks if planned.kind == "overview" else ())
            deck.slides.append(Slide(planned.id, planned.kind, planned.title, (step,), planned.picture, planned.subtitle, links))
        elif planned.kind == "focus" and planned.top is not None:
            node = argument_map.nodes[planned.top]
            step = Step(notes=(_note(node),), new_nodes=(ids[node.id],) if node.id in ids else ())
            drawn = Unit(tuple(n for n in argument_map.nodes if figure and figure.plan and n in figure.plan.drawn))
            hidden = _build_steps(argument_map, figure, (drawn,), None, joints)[1] if figure is not None else ()
            deck.slides.append(
                Slide(planned.id, "focus", planned.title, (step,), planned.picture, planned.subtitle, hidden=hidden)
            )
        elif figure is not None:
            steps, hidden = _build_steps(argument_map, figure, planned.units, planned.remark, joints)
            deck.slides.append(
                Slide(
                    planned.id,
                    "build",
                    planned.title,
                    steps,
                    planned.picture,
                    planned.subtitle,
                    parent=planned.parent,
                    hidden=hidden,
                )
            )
    _add_legend(deck, cache, base)
    if options.questions:
        from usfk_argmap.present.slides.defence import defence_pages

        deck.defence = tuple(defence_pages(argument_map, deck.chrome))
    return deck


def _sections_slide(
    planned: SlidePlan, argument_map: ArgumentMap, deck: Deck, cache: LayoutCache, options: RenderOptions
) -> Slide:
    """The slide of the map's sections, its picture drawn (``sections.sections_dot``)."""
    from usfk_argmap.present.slides.sections import sections_dot, used_sections

    font = deck.font.family if deck.font is not None else "sans-serif"
    dot = sections_dot(argument_map, deck.chrome, str(options.theme), font)
    drawn = dataclasses.replace(options, transparent=True, focus=None, section=None, fit=None)
    deck.figures["sections"] = Figure("sections", cache.run(dot, "svg", "dot"), drawn, dot)
    counts = Counter(node.section for node in argument_map.nodes.values())
    remarks = tuple(
        f"{argument_map.sections[s].title}: {message('deck.statement_count', deck.chrome, count=counts[s])}"
        for s in used_sections(argument_map)
    )
    return Slide(planned.id, "sections", planned.title, (Step(remarks=remarks),), "sections", planned.subtitle)


def telling_badges(argument_map: ArgumentMap, basis: DrawingBasis) -> DrawingBasis:
    """The basis with an evaluation badge only where it tells the audience something.

    A deck marks a statement defeated or open wherever it stands, but "established" only on the
    thesis and the main claims: on every other statement it is what the audience assumes, and a
    badge on each of sixty boxes makes them taller and the text smaller for nothing.
    """
    if basis.statuses is None:
        return basis
    telling = {argument_map.root, *main_claims(argument_map)}
    statuses = {n: status for n, status in basis.statuses.items() if status != "established" or n in telling}
    return dataclasses.replace(basis, statuses=statuses)


def _add_legend(deck: Deck, cache: LayoutCache, options: RenderOptions) -> None:
    """Draw the legend slide's picture from what the other slides show (or drop the slide when they show nothing)."""
    from usfk_argmap.present.slides.legend import drawn_marks, legend_dot, legend_words

    legend = next((s for s in deck.slides if s.kind == "legend"), None)
    if legend is None:
        return
    marks = drawn_marks((deck.figures[s.figure].svg, s.hidden) for s in deck.slides if s.figure in deck.figures)
    if not marks:
        deck.slides.remove(legend)
        return
    font = deck.font.family if deck.font is not None else "sans-serif"
    dot = legend_dot(marks, deck.chrome, str(options.theme), font)
    drawn = dataclasses.replace(options, transparent=True, focus=None, section=None, fit=None)
    deck.figures["legend"] = Figure("legend", cache.run(dot, "svg", "dot"), drawn, dot)
    deck.slides[deck.slides.index(legend)] = dataclasses.replace(legend, steps=(Step(remarks=legend_words(marks, deck.chrome)),))


def _link_target(plan: DeckPlan, node_id: str, slide_id: str) -> str:
    """``slide`` or ``slide/step``: where a click on a statement goes (the step that brings it in, 1-based)."""
    units = plan.slide(slide_id).units
    step = next((index for index, unit in enumerate(units) if node_id in unit.nodes), 0)
    return f"{slide_id}/{step + 1}" if step else slide_id


#: At most this many rounds of planning and laying out (each lays out only the pictures that changed).
#: The flagship's section 3 needs four: each round splits the part where its text still fell short.
_PLANNING_ROUNDS = 6


def _only_section(plan: DeckPlan, argument_map: ArgumentMap, section: str) -> DeckPlan:
    from usfk_argmap.analysis.selection import section_members

    members = section_members(argument_map, section)
    kept = [
        s
        for s in plan.slides
        if s.kind in ("title", "overview", "legend", "sections", "map")
        or (s.kind == "build" and any(n in members for u in s.units for n in u.nodes))
        or (s.kind == "focus" and s.top in members)
    ]
    ids = {s.id for s in kept}
    # The overview and the whole map link only to slides the deck still has.
    kept = [dataclasses.replace(s, links=tuple((n, target) for n, target in s.links if target in ids)) for s in kept]
    return DeckPlan(plan.title, plan.lang, kept, plan.pictures)


#: Pictures drawn in one batch at most (a 10,000-statement map's deck draws 2,600 in its first round).
_BATCH = 256


def _lay_out(
    deck: Deck,
    argument_map: ArgumentMap,
    pictures: Sequence[PicturePlan],
    base: RenderOptions,
    jobs: int | None,
    basis: DrawingBasis,
    cache: LayoutCache,
    laid: dict[PicturePlan, Figure],
    order: MapOrder | None = None,
) -> None:
    """Lay each picture out once, with the label width and stagger predicted to draw its text largest.

    ``laid`` holds the figures of earlier planning rounds: a picture planned the same again is taken
    from it, the others are drawn and added to it.
    """
    from usfk_argmap.drawing.render import PictureRequest, render_pictures
    from usfk_argmap.drawing.wrap import DEFAULT_WIDTH
    from usfk_argmap.present.slides.fit import CANDIDATE_STAGGERS, CANDIDATE_WIDTHS, best_layout

    fresh = [picture for picture in dict.fromkeys(pictures) if picture not in laid]
    requests = []
    for picture in fresh:
        # The deck's pictures stand on the slide's own background (no box of another grey). The deck fits
        # each picture to its slide itself (best_layout predicts a layout of a given direction): auto is BT here.
        direction = "BT" if base.direction == "auto" else base.direction
        options = dataclasses.replace(base, transparent=True, focus=None, section=None, fit=None, direction=direction)
        # A label width asked for is kept; otherwise the width that draws the text largest is predicted.
        widths = (picture.widths or CANDIDATE_WIDTHS) if base.width == DEFAULT_WIDTH else (base.width,)
        chosen = best_layout(
            argument_map,
            picture.drawn,
            options,
            picture.area,
            widths,
            picture.staggers or CANDIDATE_STAGGERS,
            picture.wide,
            picture.max_px_per_em,
            order,
        )
        options = dataclasses.replace(options, width=chosen.width, stagger=chosen.stagger)
        shown = None if picture.whole else picture.drawn
        requests.append(PictureRequest(options, shown, picture.context, chosen.label_widths))
    # In batches: a batch holds the DOT texts and the SVGs (Graphviz's and finished) of all its pictures at once.
    for start in range(0, len(fresh), _BATCH):
        batch = requests[start : start + _BATCH]
        drawings = render_pictures(argument_map, batch, jobs, cache=cache, basis=basis)
        for picture, request, drawn in zip(fresh[start : start + _BATCH], batch, drawings, strict=True):
            laid[picture] = Figure(picture.key, drawn.svg, request.options, drawn.dot, picture)
    for picture in pictures:
        deck.figures[picture.key] = laid[picture]


def _title_slide(argument_map: ArgumentMap, claims: list[str], lang: str) -> Slide:
    root = argument_map.nodes.get(argument_map.root)
    remarks = [message("notes.counts", lang, statements=len(argument_map.nodes), claims=len(claims))]
    if argument_map.source_text is not None:
        remarks.append(message("notes.source_text", lang, name=Path(argument_map.source_text.name).name))
    step = Step(notes=(_note(root),) if root else (), remarks=tuple(remarks))
    return Slide("title", "title", argument_map.title, (step,), None, root.shown_text if root else None)


@dataclass(frozen=True)
class MapJoints:
    """The map's SVG group ids, and its undercut relations' joints, read once for all the slides."""

    #: Map id -> SVG group id (``analysis.drawn.svg_ids``).
    ids: dict[str, str]
    #: An undercut relation's joint group -> the groups of its reason and target (in the relations' order).
    ends: dict[str, tuple[str, str]]
    #: A joint group -> the groups of the statements that undercut it.
    undercutters: dict[str, set[str]]

    @classmethod
    def of(cls, argument_map: ArgumentMap, ids: dict[str, str] | None = None) -> MapJoints:
        from usfk_argmap.analysis.drawn import svg_ids

        ids = ids if ids is not None else svg_ids(argument_map)
        ends = {
            ids[joint]: (ids[reason], ids[target])
            for joint, (reason, target, _) in undercut_relations(argument_map).items()
            if joint in ids and reason in ids and target in ids
        }
        undercutters: dict[str, set[str]] = {joint: set() for joint in ends}
        for node in argument_map.nodes.values():
            for undercut in node.undercuts:
                joint = ids.get(undercut.inference)
                if joint in undercutters:
                    undercutters[joint].add(ids[node.id])
        return cls(ids, ends, undercutters)


def _build_steps(
    argument_map: ArgumentMap, figure: Figure, units: Sequence[Unit], remark: str | None, joints_of: MapJoints | None = None
) -> tuple[tuple[Step, ...], tuple[str, ...]]:
    """Turn units into steps of SVG group ids: a statement when its unit comes, a line when both its ends are there.

    No box stands without its line: a statement no unit names (the context
    around a part) comes with the first line that joins it to what is shown.
    The joint on an undercut relation comes with what undercuts it; until then
    the relation's line runs through the joint's place unmarked, and on a slide
    without the undercutter it is never shown (the second value: groups no step
    shows). Groups that are not the map's (a cluster frame) are there from the first step on.
    ``joints_of`` is ``MapJoints.of(argument_map)``, read once for all the slides (None: read here).
    """
    joints_of = joints_of if joints_of is not None else MapJoints.of(argument_map)
    ids = joints_of.ids
    layout = SvgLayout.parse(figure.svg)
    units = [u for u in units if any(ids.get(n) in layout.nodes for n in u.nodes)]

    def groups(unit: Unit) -> list[str]:
        found = [ids[n] for n in (*unit.nodes, *([unit.argument] if unit.argument else [])) if n in ids]
        return [g for g in found if g in layout.nodes]

    named = {g for unit in units for g in groups(unit)}
    # An undercut relation's joint group -> the groups of its reason and target, and of what undercuts it.
    joints = {joint: ends for joint, ends in joints_of.ends.items() if joint in layout.nodes}
    undercutters = joints_of.undercutters
    context = {g for g, name in layout.nodes.items() if name.startswith("am:") and g not in named and g not in joints}
    shown = {g for g, name in layout.nodes.items() if not name.startswith("am:")}
    done_edges: set[str] = set()

    def carries_lines(group: str) -> bool:
        return group in shown or (group in joints and all(end in shown for end in joints[group]))

    def come_with_lines() -> list[str]:
        """The lines whose ends are there, and the context and joints they bring (until nothing more comes)."""
        found: list[str] = []
        while True:
            before = len(found)
            # An undercut relation is one line through its joint: one end brings the other, and so does what undercuts it.
            for joint, ends in joints.items():
                if any(end in shown for end in ends) or undercutters[joint] & shown:
                    for end in ends:
                        if end in context and end not in shown:
                            shown.add(end)
                            found.append(end)
            for edge, (tail, head) in layout.edges.items():
                if edge in done_edges:
                    continue
                for near, far in ((tail, head), (head, tail)):
                    if far in context and far not in shown and carries_lines(near):
                        shown.add(far)
                        found.append(far)
                if carries_lines(tail) and carries_lines(head):
                    done_edges.add(edge)
                    found.append(edge)
                    if head in joints and tail in undercutters[head] and head not in shown:
                        shown.add(head)
                        found.append(head)
            if len(found) == before:
                return found

    steps: list[Step] = []
    for index, unit in enumerate(units):
        new = [g for g in groups(unit) if g not in shown]
        shown.update(new)
        reveal = tuple(new + come_with_lines())
        statements = [argument_map.nodes[n] for n in unit.nodes if n in argument_map.nodes]
        remarks = (remark,) if remark and not index else ()
        steps.append(
            Step(
                reveal if index else (),
                tuple(_note(n) for n in statements),
                remarks,
                tuple(ids[n.id] for n in statements if n.id in ids),
            )
        )
    if not steps:
        steps.append(Step(remarks=(remark,) if remark else ()))
    return tuple(steps), tuple(sorted(g for g in joints if g not in shown))


@dataclass(frozen=True)
class SvgLayout:
    """The node and edge groups of a Graphviz SVG: group id -> its name, edge id -> (tail, head) group ids.

    The map's groups are named by their ``data-am-*`` attributes (``am:`` and the map id: a
    statement's ``<title>`` is its accessible name, ``drawing.accessible``), the others (the
    legend's) by Graphviz's ``<title>``, their DOT names.
    """

    nodes: dict[str, str]
    edges: dict[str, tuple[str, str]]

    @classmethod
    def parse(cls, svg: bytes) -> SvgLayout:
        root = ET.fromstring(svg)
        by_name: dict[str, str] = {}
        edge_names: dict[str, tuple[str, str]] = {}
        for group in root.iter(f"{_SVG_NS}g"):
            group_id = group.get("id")
            classes = (group.get("class") or "").split()
            if group_id is not None and "am-edge" in classes:
                edge_names[group_id] = (f"am:{group.get('data-am-source')}", f"am:{group.get('data-am-target')}")
                continue
            if group_id is not None and ("am-node" in classes or "am-arg" in classes):
                by_name[f"am:{group.get('data-am-id')}"] = group_id
                continue
            title = group.find(f"{_SVG_NS}title")
            if group_id is None or title is None or title.text is None:
                continue
            if "edge" in classes:
                tail, _, head = title.text.partition("->")
                edge_names[group_id] = (_strip_port(tail), _strip_port(head))
            elif "node" in classes:
                by_name[title.text] = group_id
        nodes = {group_id: name for name, group_id in by_name.items()}
        edges = {edge_id: (by_name[t], by_name[h]) for edge_id, (t, h) in edge_names.items() if t in by_name and h in by_name}
        return cls(nodes, edges)


def _strip_port(name: str) -> str:
    # Graphviz titles an edge "tail:port->head:port" when ports are used; DOT names here carry no colon.
    return name.split(":", 1)[0]


def _note(node: Node) -> Note:
    return Note(node.id, node.kind, node.text, node.quote, node.en, node.note)

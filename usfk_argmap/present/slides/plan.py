"""The slide plan: which slides a deck has, what each shows, and in what order. No drawing here.

Every backend (HTML, PowerPoint, Marp, Beamer) reads the same plan:

1. a **title** slide;
2. an **overview**: the thesis and the main claims alone, large;
3. a **legend** of what the pictures draw (``legend``);
4. the map's **parts**, a box per section (``sections``; a map of two or more sections);
5. the **whole map**, for orientation (an appendix in the decks that cannot zoom);
6. a **build-up** of each part of the talk (a section when the map has
   sections, else a main claim with its reasons), revealed breadth first (or
   depth first) and split by sub-claim into several build-ups when its text
   would be too small to read: each split-off slide starts at its sub-claim,
   titled by it, and shows the statement it bears on as context; they nest at
   most ``MAX_NESTING`` deep;
7. a **focus** slide on each main claim, after the part it belongs to.

A picture is connected: a statement whose line leads out of its part keeps
the line, to the statement at its end drawn muted as *context*; a linked
argument drawn in part gets its other premises as context; and if the part
still falls into pieces, the shortest chain of statements joining the pieces
is drawn as context too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from usfk_argmap.analysis.buildup import Unit, build_tree, main_claims, section_tops, subtree
from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.core.messages import message
from usfk_argmap.core.model import ArgumentMap, relation_id
from usfk_argmap.present.slides.connected import MapLines, bridges
from usfk_argmap.present.slides.sections import used_sections
from usfk_argmap.present.slides.sizes import PicturePlan, SizePrediction

if TYPE_CHECKING:
    from usfk_argmap.drawing.render import RenderOptions
    from usfk_argmap.present.slides.fit import SlideShape


@dataclass(frozen=True)
class SlidePlan:
    """One slide. ``units`` is its build order (one unit per step); ``links`` map statements to slides."""

    id: str
    kind: str
    title: str
    picture: str | None = None
    subtitle: str | None = None
    units: tuple[Unit, ...] = ()
    #: A remark for the first step's notes (a section's note).
    remark: str | None = None
    #: The slide this one continues (a split-off build-up), and the statement it starts from.
    parent: str | None = None
    top: str | None = None
    #: Statement id -> the id of the slide that presents it (a click on the statement goes there).
    links: tuple[tuple[str, str], ...] = ()


@dataclass
class DeckPlan:
    title: str
    lang: str
    slides: list[SlidePlan]
    pictures: dict[str, PicturePlan] = field(default_factory=dict)

    def slide(self, slide_id: str) -> SlidePlan:
        return next(s for s in self.slides if s.id == slide_id)


@dataclass(frozen=True)
class Part:
    """A part of the talk before it is split: its title, note, tops and statements."""

    title: str
    note: str | None
    tops: tuple[str, ...]
    members: frozenset[str]


def parts(argument_map: ArgumentMap) -> list[Part]:
    """The parts of the talk: sections in their order, else one per main claim."""
    used = [s for s in argument_map.sections.values() if any(n.section == s.id for n in argument_map.nodes.values())]
    if used:
        return [
            Part(
                s.title,
                s.note,
                tuple(section_tops(argument_map, s.id)),
                frozenset(n.id for n in argument_map.nodes.values() if n.section == s.id),
            )
            for s in used
        ]
    return [
        Part(argument_map.nodes[c].shown_text, None, (c,), frozenset(subtree(argument_map, c) - {argument_map.root}))
        for c in main_claims(argument_map)
    ]


def context_for(
    argument_map: ArgumentMap,
    members: Collection[str],
    anchor: Iterable[str] = (),
    *,
    follow: bool = True,
    lines: MapLines | None = None,
) -> frozenset[str]:
    """The statements to draw muted around ``members`` so that their picture is one connected whole.

    ``anchor`` are statements that must be drawn as well (a split-off slide's parent);
    ``follow`` draws the far end of every line leading out of the members; ``lines`` is
    ``MapLines.of(argument_map)``, when the caller has it already.
    """
    members = set(members)
    lines = lines or MapLines.of(argument_map)
    context: set[str] = {a for a in anchor if a in argument_map.nodes and a not in members}
    arguments = argument_map.arguments
    for node_id in members if follow else ():
        node = argument_map.nodes[node_id]
        for ref in (*node.supports, *node.attacks):
            if ref.target in argument_map.nodes and ref.target not in members:
                context.add(ref.target)  # where the line leads: an objection always shows what it attacks
        for undercut in node.undercuts:  # what an undercut attacks: the inference's premises and conclusion
            argument = arguments.get(undercut.argument or "")
            if argument is not None:
                context.update(p.target for p in argument.premises)
                context.add(argument.target.target)
            elif undercut.source is not None and undercut.target is not None:
                context.update((undercut.source, undercut.target))
    # The linked arguments are looked up from the statements drawn (``lines``): a picture costs what it draws.
    for node_id in members if follow else ():
        context.update(argument.target.target for argument in lines.premise_in.get(node_id, ()))
    drawn = members | context
    for target in drawn:  # a linked argument is drawn with all its premises, or not at all
        for argument in lines.arguments_on.get(target, ()):
            premises = [p.target for p in argument.premises if p.target in argument_map.nodes]
            if any(p in drawn for p in premises):
                context.update(premises)
    context = {c for c in context if c in argument_map.nodes} - members
    return frozenset(context | bridges(argument_map, members | context, lines))


def plan_deck(
    argument_map: ArgumentMap,
    options: RenderOptions,
    sizes: SizePrediction | None = None,
    shape: SlideShape | None = None,
    *,
    depth_first: bool = False,
    legend: bool = True,
) -> DeckPlan:
    """The slide plan of a map for slides of ``shape`` (16:9, text at least 24 px/em at 1920 x 1080).

    ``sizes.large_enough(picture)`` predicts whether a picture's text is large enough on its slide.
    A build-up reveals its part breadth first, or ``depth_first``. Every slide but the title has
    a title of its own (``distinct_titles``). With ``legend``, a legend slide follows the overview
    (its picture, ``legend``, is drawn from what the deck's other pictures draw: ``build.build_deck``);
    a map of two or more sections has a slide of its sections before the whole map (``sections``).
    """
    from usfk_argmap.present.slides import fit

    shape = shape or fit.SlideShape()
    sizes = sizes or SizePrediction(argument_map, options)
    plan = DeckPlan(argument_map.title, argument_map.lang, [])
    chrome = options.chrome_language(argument_map.lang)
    root = argument_map.root if argument_map.root in argument_map.nodes else None
    claims = main_claims(argument_map)
    subtitle = argument_map.nodes[root].shown_text if root else None
    plan.slides.append(SlidePlan("title", "title", argument_map.title, subtitle=subtitle))
    overview_members = frozenset([*([root] if root else []), *claims])
    if overview_members:
        overview = PicturePlan(
            "overview",
            overview_members,
            frozenset(),
            area=shape.area,
            min_px_per_em=shape.overview_text,
            max_px_per_em=shape.max_text,
            widths=fit.OVERVIEW_WIDTHS,
            staggers=(1,),
            wide=frozenset([root] if root else []),
        )
        if (
            fit.best_layout(
                argument_map,
                overview.drawn,
                options,
                overview.area,
                overview.widths,
                overview.staggers,
                overview.wide,
                shape.max_text,
            ).px_per_em
            < overview.min_px_per_em
        ):
            overview = dataclasses.replace(overview, staggers=fit.CANDIDATE_STAGGERS)  # too many claims for one row
        plan.pictures["overview"] = overview
        plan.slides.append(SlidePlan("overview", "overview", message("deck.overview", chrome), "overview", argument_map.title))
    if legend:
        plan.slides.append(SlidePlan("legend", "legend", message("legend.title", chrome), "legend", argument_map.title))
    if len(used_sections(argument_map)) > 1:
        plan.slides.append(SlidePlan("sections", "sections", message("deck.sections", chrome), "sections", argument_map.title))
    plan.pictures["map"] = PicturePlan(
        "map", frozenset(argument_map.nodes), whole=True, area=shape.area, max_px_per_em=shape.max_text
    )
    plan.slides.append(SlidePlan("map", "map", message("deck.whole_map", chrome), "map", argument_map.title))
    focused: set[str] = set()
    lines = MapLines.of(argument_map)
    for number, part in enumerate(parts(argument_map), 1):
        for slide, picture in _split(argument_map, part, f"part-{number}", sizes, shape, lines, not depth_first):
            plan.pictures[picture.key] = picture
            plan.slides.append(slide)
        for claim in claims:
            if claim in part.members and claim not in focused:
                focused.add(claim)
                _add_focus(plan, argument_map, claim, claims.index(claim) + 1, shape, lines, chrome)
    for claim in claims:
        if claim not in focused:
            _add_focus(plan, argument_map, claim, claims.index(claim) + 1, shape, lines, chrome)
    _link(plan, argument_map)
    plan.slides = distinct_titles(plan.slides, chrome)
    return plan


def distinct_titles(slides: list[SlidePlan], chrome: str) -> list[SlidePlan]:
    """The slides with a title each that no other slide has.

    A title met before (a part named by its main claim, then the claim in focus)
    is said with its kicker; one still taken gets a number. The title slide keeps
    the map's title, which the overview and the whole map name in their kickers.
    """
    taken: set[str] = set()
    result = []
    for slide in slides:
        title = slide.title
        if title in taken and slide.subtitle:
            title = message("deck.titled", chrome, title=slide.title, kicker=slide.subtitle)
        number = 2
        while title in taken:
            title, number = f"{slide.title} ({number})", number + 1
        taken.add(title)
        result.append(dataclasses.replace(slide, title=title))
    return result


#: How deep split-off build-ups nest: a part's slide, its sub-slides, theirs, and theirs (``part-1-2-1-3``).
MAX_NESTING = 3


def _split(
    argument_map: ArgumentMap,
    part: Part,
    slide_id: str,
    sizes: SizePrediction,
    shape: SlideShape,
    lines: MapLines,
    breadth_first: bool = True,
) -> list[tuple[SlidePlan, PicturePlan]]:
    """The build-up slides of one part: one if it reads, else one per sub-claim cut off (recursively).

    The part is revealed ``breadth_first`` (a statement's direct reasons and objections before theirs), else depth first.
    """
    tree = build_tree(argument_map, list(part.tops), part.members, breadth_first=breadth_first)
    slides: list[tuple[SlidePlan, PicturePlan]] = []

    def picture_of(key: str, members: set[str], anchor: Iterable[str]) -> PicturePlan:
        return PicturePlan(
            key,
            frozenset(members),
            context_for(argument_map, members, anchor, lines=lines),
            area=shape.area,
            min_px_per_em=shape.min_text,
            max_px_per_em=shape.max_text,
        )

    def anchors(index: int) -> set[str]:
        """What later units of the tree may bear on: the unit's statements, and its inference (undercuts aim there)."""
        unit, target = tree[index]
        found = {*unit.nodes, *([unit.argument] if unit.argument else [])}
        if target is not None and unit.argument is None:
            found.update(relation_id(n, target) for n in unit.nodes)
        return found

    # Each unit's holder: the latest unit before it whose statements or inference it bears on (None: a top).
    # Read forwards once: looking back from each unit made a big part's plan quadratic.
    holder_of: dict[str, int] = {}
    under: dict[int, list[int]] = {}
    depths: list[int] = []
    for index, (_, target) in enumerate(tree):
        holder = holder_of.get(target) if target is not None else None
        depths.append(0 if holder is None else depths[holder] + 1)
        if holder is not None:
            under.setdefault(holder, []).append(index)
        holder_of.update(dict.fromkeys(anchors(index), index))
    below_of: dict[int, tuple[int, ...]] = {}

    def below(index: int) -> tuple[int, ...]:
        """The indexes of the units under unit ``index`` in the tree (not itself), in order; each worked out once."""
        if index not in below_of:
            found: list[int] = []
            stack = list(under.get(index, ()))
            while stack:  # no recursion: a chain of reasons may be deeper than Python's stack
                other = stack.pop()
                found.append(other)
                stack.extend(under.get(other, ()))
            below_of[index] = tuple(sorted(found))
        return below_of[index]

    def statements(indexes: Iterable[int]) -> set[str]:
        return {n for i in indexes for n in tree[i][0].nodes}

    def rest(kept: list[int], gone: list[int]) -> set[str]:
        """The statements of the units ``kept`` less those ``gone``."""
        removed = set(gone)
        return statements(j for j in kept if j not in removed)

    def size(indexes: Iterable[int]) -> int:
        """How many statements the units hold (a statement is in one unit only)."""
        return sum(len(tree[i][0].nodes) for i in indexes)

    most = sizes.most_statements(shape.area, shape.min_text)

    def plan(
        indexes: list[int], key: str, title: str, anchor: tuple[str, ...], parent: str | None, top: str | None, level: int
    ) -> None:
        """Plan the slide ``key`` of the units ``indexes`` (the sub-claim ``top`` and its reasons, at nesting ``level``).

        A part's own slide is titled by the part; a split-off one by its sub-claim, the part as its kicker.
        """
        kept = list(indexes)
        cut: list[int] = []
        # Cut off sub-claims (a unit with reasons of its own), nearest the top and largest first,
        # until what is left reads; each goes to a slide of its own, still shown here as the last step.
        while size(kept) > most or not sizes.large_enough(picture_of(key, statements(kept), anchor)):
            in_kept = set(kept)
            gone = {i: [j for j in below(i) if j in in_kept] for i in kept[1:]}
            choices = [i for i in kept[1:] if gone[i]]
            if not choices:
                break
            # The smallest cut that makes the rest read keeps the most on this slide; failing that, the
            # largest sub-claim nearest the top goes. A rest of more statements than any readable picture
            # holds (``most``) is not predicted at all: most cuts of a big part leave such a rest.
            held = size(kept)

            chosen = next(
                (
                    i
                    for i in sorted(choices, key=lambda i: (len(gone[i]), depths[i], i))
                    if held - size(gone[i]) <= most and sizes.large_enough(picture_of(key, rest(kept, gone[i]), anchor))
                ),
                None,
            )
            if chosen is None:
                chosen = min(choices, key=lambda i: (depths[i], -len(gone[i]), i))
            removed = set(gone[chosen])
            kept = [i for i in kept if i not in removed]
            cut.append(chosen)
        picture = picture_of(key, statements(kept), anchor)
        # A large cut made early can leave room for what a later, smaller cut took away: put back
        # every cut sub-claim (smallest first) whose reasons still fit, so no slide is needlessly small.
        in_part = set(indexes)
        for chosen in sorted(cut, key=lambda i: (sum(1 for j in below(i) if j in in_part), i)):
            restored = sorted({*kept, *(j for j in below(chosen) if j in in_part)})
            if size(restored) > most:
                continue
            candidate = picture_of(key, statements(restored), anchor)
            if sizes.large_enough(candidate):
                kept, picture = restored, candidate
                cut.remove(chosen)
        kicker = part.title if parent else None
        note = part.note if not parent else None
        slides.append((SlidePlan(key, "build", title, key, kicker, tuple(tree[i][0] for i in kept), note, parent, top), picture))
        # Sub-slides nest at most MAX_NESTING deep: below that, what is cut goes to a slide beside this one.
        holder, child_level = (key, level + 1) if level < MAX_NESTING or parent is None else (parent, level)
        for chosen in sorted(cut):
            unit, target = tree[chosen]
            target_node = (
                target
                if target in argument_map.nodes
                else argument_map.arguments[target].target.target
                if target in argument_map.arguments
                else relations[target][1]
                if target in relations
                else None
            )
            children[holder] = children.get(holder, 0) + 1
            plan(
                [chosen, *[i for i in below(chosen) if i in in_part]],
                f"{holder}-{children[holder]}",
                "、".join(argument_map.nodes[n].shown_text for n in unit.nodes),
                tuple(x for x in (target_node,) if x),
                holder,
                unit.nodes[0],
                child_level,
            )

    relations = undercut_relations(argument_map)
    children: dict[str, int] = {}
    plan(list(range(len(tree))), slide_id, part.title, (), None, None, 0)
    return slides


def focus_members(argument_map: ArgumentMap, claim: str) -> set[str]:
    """What a focus slide on a main claim draws: the claim, what bears on it directly, and the thesis."""
    from usfk_argmap.analysis.selection import complete_arguments

    members = {claim}
    if argument_map.root in argument_map.nodes:
        members.add(argument_map.root)
    for edge in argument_map.edges():
        if edge.target == claim and edge.source in argument_map.nodes:
            members.add(edge.source)
    return complete_arguments(argument_map, members)


def _add_focus(
    plan: DeckPlan, argument_map: ArgumentMap, claim: str, number: int, shape: SlideShape, lines: MapLines, chrome: str
) -> None:
    members = focus_members(argument_map, claim)
    key = f"focus-{number}"
    context = context_for(argument_map, members, follow=False, lines=lines)
    plan.pictures[key] = PicturePlan(
        key, frozenset(members), context, area=shape.area, min_px_per_em=shape.min_text, max_px_per_em=shape.max_text
    )
    plan.slides.append(
        SlidePlan(
            key,
            "focus",
            argument_map.nodes[claim].shown_text,
            key,
            message("deck.in_focus", chrome),
            (Unit((claim,)),),
            top=claim,
        )
    )


def _link(plan: DeckPlan, argument_map: ArgumentMap) -> None:
    """Give the overview and the whole map their click targets: each statement's first build-up slide."""
    home: dict[str, str] = {}
    for slide in plan.slides:
        if slide.kind == "build":
            for unit in slide.units:
                for node_id in unit.nodes:
                    home.setdefault(node_id, slide.id)
    for index, slide in enumerate(plan.slides):
        if slide.kind in ("overview", "map") and slide.picture is not None:
            drawn = plan.pictures[slide.picture].members
            links = tuple((n, home[n]) for n in argument_map.nodes if n in drawn and n in home)
            plan.slides[index] = SlidePlan(
                slide.id,
                slide.kind,
                slide.title,
                slide.picture,
                slide.subtitle,
                slide.units,
                slide.remark,
                slide.parent,
                slide.top,
                links,
            )

"""How large a picture's text comes out on a slide: predicted before Graphviz runs, measured after.

A deck picture is laid out once. Which label width and leaf stagger make its
text largest on a 16:9 slide is predicted from what the layout will hold:
each label's lines (the same wrapping the drawing uses) give its box, the
longest chains of relations give the ranks, and a rank is as wide as its boxes
side by side. The prediction picks the layout; the laid-out SVG is measured,
and a picture whose text is still too small is split by the slide plan.

Figures are CSS pixels per em of statement text on a 1920 x 1080 screen.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from usfk_argmap.drawing import style
from usfk_argmap.drawing.terms import Terms, map_terms
from usfk_argmap.drawing.wrap import display_width, wrap

if TYPE_CHECKING:
    from usfk_argmap.core.model import Argument, ArgumentMap
    from usfk_argmap.drawing.render import RenderOptions

#: The room the picture of a build-up or focus slide has at 1920 x 1080, in CSS pixels (see slides.css).
PICTURE_AREA = (1800.0, 950.0)
#: Largest height of label text on a slide, in hundredths of the slide's height (the HTML deck caps its
#: pictures' size with it, ``html._with_size_cap``).
MAX_TEXT_HEIGHT = 3.4
#: The largest text a picture is blown up to, in pixels per em at 1080 pixels high (``MAX_TEXT_HEIGHT`` cqh).
MAX_PX_PER_EM = 36.7
#: Text size a build-up or focus slide must reach, and the overview's.
MIN_PX_PER_EM = 24.0
#: The smallest and largest minimum text size a deck may be asked for (``slides --min-text``).
MIN_TEXT_RANGE = (4, 60)
OVERVIEW_PX_PER_EM = 28.0
#: Label widths (em) and leaf staggers tried for a deck picture, plainest first.
CANDIDATE_WIDTHS = (16.0, 13.0, 11.0, 9.0, 7.5)
#: How much wider than the others a ``wide`` statement's label is (the overview's thesis).
WIDE_LABEL = 2.5
#: The overview's claims stand in one row if narrower labels let them.
OVERVIEW_WIDTHS = (16.0, 13.0, 11.0, 9.0, 8.0, 7.0, 6.0)
CANDIDATE_STAGGERS = (1, 2, 3)

_POINTS_PER_INCH = 72.0
#: Box sizes Graphviz gives a label, in points (measured on Noto Sans CJK at 14 pt).
_BOX_PAD_X = 25.0
_LINE_HEIGHT = 15.0
_BOX_PAD_Y = 12.0
_MIN_WIDTH, _MIN_HEIGHT = 54.0, 36.0
#: Octagons (objections) are drawn about half as large again around the same text.
_SHAPE_GROWTH = {"octagon": 1.5}
#: The width a line takes in a rank it passes through.
_VIRTUAL_WIDTH = 18.0
#: Graphviz spreads a rank wider than its boxes alone (to straighten the lines between ranks).
_SPREAD = 1.12


@dataclass(frozen=True)
class SlideShape:
    """The slide a deck is planned for: its width over height, and how large its text must come out.

    Text sizes are CSS pixels per em on a 1920 x 1080 screen, the slide as
    large as the screen allows (see slides.css: the picture has the slide less
    3% of its width on each side and its heading, about 11% of its height).
    """

    ratio: float = 16 / 9
    min_text: float = MIN_PX_PER_EM
    overview_text: float = OVERVIEW_PX_PER_EM

    def __post_init__(self) -> None:
        if not 0.5 <= self.ratio <= 3.0:
            raise ValueError(f"a slide's width over height must be between 0.5 and 3, not {self.ratio:g}")
        low, high = MIN_TEXT_RANGE
        if not low <= self.min_text <= high:
            raise ValueError(f"the smallest text must be between {low:g} and {high:g} px per em, not {self.min_text:g}")

    @property
    def size(self) -> tuple[float, float]:
        width = min(1920.0, 1080.0 * self.ratio)
        return width, width / self.ratio

    @property
    def area(self) -> tuple[float, float]:
        width, height = self.size
        return width * 0.94, height * 0.8866

    @property
    def max_text(self) -> float:
        """The largest text a picture is blown up to (``MAX_TEXT_HEIGHT`` % of the slide's height)."""
        return self.size[1] * MAX_TEXT_HEIGHT / 100


def parse_ratio(text: str) -> float:
    """A slide's width over height from ``16:9``, ``4:3`` or ``1.6``."""
    width, colon, height = text.partition(":")
    try:
        value = float(width) / float(height) if colon else float(width)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{text!r} is not a slide shape such as 16:9 or 4:3") from None
    SlideShape(ratio=value)  # checks the range
    return value


@dataclass(frozen=True)
class Prediction:
    width: float
    stagger: int
    size: tuple[float, float]
    px_per_em: float
    #: Statements whose labels are drawn wider than ``width`` (em).
    label_widths: tuple[tuple[str, float], ...] = ()


def px_per_em(size: tuple[float, float], area: tuple[float, float] = PICTURE_AREA, cap: float = MAX_PX_PER_EM) -> float:
    """Pixels per em of 14 pt statement text when a picture of ``size`` points is fitted into ``area``."""
    width, height = size
    scale = min(area[0] / max(width, 1.0), area[1] / max(height, 1.0))
    return min(cap, scale * style.FONT_SIZE)


@dataclass(frozen=True)
class _Rows:
    """The statements of each rank (in ``_ranks``'s order) and the lines passing through it: what sizes a layout."""

    nodes: tuple[tuple[str, ...], ...]
    passing: tuple[int, ...]


def _rows(edges: list[tuple[str, str, bool]], ranks: dict[str, int]) -> _Rows:
    """Group the ranked statements by rank, and count in each rank the lines that cross it (once per stagger)."""
    top = max(ranks.values(), default=0)
    nodes: list[list[str]] = [[] for _ in range(top + 1)]
    for node_id, rank in ranks.items():
        nodes[rank].append(node_id)
    passing = [0] * (top + 1)
    # A line across several ranks takes a narrow place in each rank it passes (Graphviz's virtual nodes).
    for tail, head, _ in edges:
        for rank in range(ranks[head] + 1, ranks[tail]):
            passing[rank] += 1
    return _Rows(tuple(map(tuple, nodes)), tuple(passing))


def _size(boxes: dict[str, tuple[float, float]], rows: _Rows, direction: str) -> tuple[float, float]:
    node_sep = style.NODE_SEP * _POINTS_PER_INCH
    rank_sep = style.RANK_SEP * _POINTS_PER_INCH
    widths = []
    heights = []
    for row, passing in zip(rows.nodes, rows.passing, strict=True):
        width = 0.0
        height = 0.0
        for node_id in row:
            box = boxes[node_id]
            width += box[0]
            height = max(height, box[1])
        for _ in range(passing):  # added one by one, as Graphviz places them: the same sum to the last bit
            width += _VIRTUAL_WIDTH
        widths.append(width + node_sep * max(0, len(row) + passing - 1))
        heights.append(height if height else _MIN_HEIGHT / 2)
    across = max(widths) * _SPREAD + 29.0
    high = sum(heights) + rank_sep * max(0, len(heights) - 1) + 29.0
    if direction in ("LR", "RL"):
        across, high = high, across
    return across, high


def most_statements(area: tuple[float, float], px_per_em: float, direction: str = "BT") -> int:
    """More statements than any picture reaching ``px_per_em`` in ``area`` can hold, as ``best_layout`` predicts.

    Every box is at least ``_MIN_WIDTH`` by ``_MIN_HEIGHT`` points (a rank of lines alone half as high),
    so the ranks that fit the height times the boxes that fit the width bound what fits: the plan
    need not predict a picture of more (most cuts of a big part leave one).
    """
    scale = px_per_em / style.FONT_SIZE
    across, high = area[0] / scale, area[1] / scale
    if direction in ("LR", "RL"):
        across, high = high, across
    node_sep = style.NODE_SEP * _POINTS_PER_INCH
    rank_sep = style.RANK_SEP * _POINTS_PER_INCH
    ranks = (high - 29.0 + rank_sep) / (_MIN_HEIGHT / 2 + rank_sep)
    in_rank = ((across - 29.0) / _SPREAD + node_sep) / (_MIN_WIDTH + node_sep)
    # One more of each: a bound, rounded the safe way.
    return (max(0, math.floor(ranks)) + 1) * (max(0, math.floor(in_rank)) + 1)


def best_layout(
    argument_map: ArgumentMap,
    drawn: Collection[str],
    options: RenderOptions,
    area: tuple[float, float] = PICTURE_AREA,
    widths: Iterable[float] = CANDIDATE_WIDTHS,
    staggers: Iterable[int] = CANDIDATE_STAGGERS,
    wide: Collection[str] = (),
    cap: float = MAX_PX_PER_EM,
    order: MapOrder | None = None,
) -> Prediction:
    """The label width and stagger predicted to draw the text largest (the plainest of near equals).

    The ``wide`` statements (the thesis over a row of claims) get labels ``WIDE_LABEL`` times as wide.
    ``order`` is ``MapOrder.of(argument_map)``, when the caller predicts many pictures of one map:
    a prediction then reads only the statements drawn, not the whole map.
    """

    if order is None:
        nodes = [n for n in argument_map.nodes if n in drawn]
    else:
        nodes = sorted((n for n in drawn if n in order.nodes), key=order.nodes.__getitem__)
    edges = list(_drawn_relations(argument_map, nodes, order))
    staggers = tuple(staggers)
    rows = {stagger: _rows(edges, _ranks(nodes, edges, stagger)) for stagger in staggers}
    best: Prediction | None = None
    # Once: working it out per box made a big map's plan quadratic (and per prediction, with ``order``, slow still).
    terms = map_terms(argument_map) if order is None else order.terms
    labels = {n: _label(argument_map, n, options) for n in nodes}
    for width in widths:
        boxes = {
            n: _text_box(*label, width * WIDE_LABEL if n in wide else width, argument_map.nodes[n].kind, terms)
            for n, label in labels.items()
        }
        for stagger in staggers:
            size = _size(boxes, rows[stagger], options.direction)
            found = Prediction(
                width, stagger, size, px_per_em(size, area, cap), tuple((n, width * WIDE_LABEL) for n in nodes if n in wide)
            )
            if best is None or found.px_per_em > best.px_per_em * 1.04:
                best = found
    assert best is not None
    return best


def _label(argument_map: ArgumentMap, node_id: str, options: RenderOptions) -> tuple[str, str, str | None]:
    """The text a statement's box shows, its language, and the gloss under it (None: none)."""
    node = argument_map.nodes[node_id]
    text, lang = (node.en, "en") if options.lang_mode == "gloss" and node.en else (node.shown_text, argument_map.lang)
    gloss = node.en if options.lang_mode == "both" and node.en else None
    return text, lang, gloss


@lru_cache(maxsize=1 << 16)  # every statement at each candidate width: 4,096 thrashed at 1,000 statements
def _text_box(text: str, lang: str, gloss: str | None, width: float, kind: str, terms: Terms) -> tuple[float, float]:
    lines = wrap(text, width, lang, terms)
    if gloss is not None:
        lines = [*lines, *wrap(gloss, width * 1.15, "en")]
    em = max(display_width(line) for line in lines)
    box_width = max(_MIN_WIDTH, em * style.FONT_SIZE + _BOX_PAD_X)
    box_height = max(_MIN_HEIGHT, len(lines) * _LINE_HEIGHT + _BOX_PAD_Y)
    growth = _SHAPE_GROWTH.get(style.KIND_SHAPES.get(kind, ("box",))[0], 1.0)
    return box_width * growth, box_height * growth


@dataclass(frozen=True)
class MapOrder:
    """Where each statement stands in the map's file order, and the linked arguments on each statement, read once."""

    nodes: dict[str, int]
    #: Statement id -> the linked arguments whose conclusion it is, with their places among the map's arguments.
    arguments_on: dict[str, list[tuple[int, Argument]]]
    #: The map's terms (``map_terms``: fingerprinting the map for them costs as much as reading it).
    terms: Terms

    @classmethod
    def of(cls, argument_map: ArgumentMap) -> MapOrder:
        arguments_on: dict[str, list[tuple[int, Argument]]] = {}
        for index, argument in enumerate(argument_map.arguments.values()):
            arguments_on.setdefault(argument.target.target, []).append((index, argument))
        return cls({n: index for index, n in enumerate(argument_map.nodes)}, arguments_on, map_terms(argument_map))


def _drawn_relations(
    argument_map: ArgumentMap, nodes: list[str], order: MapOrder | None = None
) -> Iterable[tuple[str, str, bool]]:
    """(from, to, is a leaf line) between the ``nodes`` (in file order); a linked argument counts as its premises' lines."""
    drawn = set(nodes)
    for node_id in nodes:
        node = argument_map.nodes[node_id]
        for ref in (*node.supports, *node.attacks):
            if ref.target in drawn:
                yield node.id, ref.target, True
    if order is None:
        arguments = [a for a in argument_map.arguments.values() if a.target.target in drawn]
    else:
        on = sorted((p for n in nodes for p in order.arguments_on.get(n, ())), key=lambda p: p[0])
        arguments = [a for _, a in on]
    for argument in arguments:
        if argument.target.target in drawn:
            for premise in argument.premises:
                if premise.target in drawn:
                    yield premise.target, argument.target.target, True


def _ranks(nodes: list[str], edges: list[tuple[str, str, bool]], stagger: int) -> dict[str, int]:
    """Each node's rank, counted up from the conclusion: the longest chain of lines above it."""
    above: dict[str, list[str]] = {n: [] for n in nodes}
    pointed_at = {head for _, head, _ in edges}
    lengths: dict[tuple[str, str], int] = {}
    under: dict[str, int] = {}
    for tail, head, _ in edges:
        above[tail].append(head)
        if stagger > 1 and tail not in pointed_at:
            index = under.get(head, 0)
            under[head] = index + 1
            lengths[tail, head] = 1 + index % stagger
    rank: dict[str, int] = {}

    def depth(node: str, trail: frozenset[str]) -> int:
        if node in rank:
            return rank[node]
        best = 0
        for head in above[node]:
            if head not in trail:
                best = max(best, depth(head, trail | {node}) + lengths.get((node, head), 1))
        rank[node] = best
        return best

    for node in nodes:
        depth(node, frozenset())
    return rank

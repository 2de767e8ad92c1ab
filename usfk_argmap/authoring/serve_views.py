"""What the preview draws: views of the map, each laid out only when a page shows it (``ViewPictures``).

A view is one picture of the map, named by the id the page asks ``/map.svg?view=`` for:
``map`` the whole map, ``section:ID`` one section, ``around:ID`` the statements within a few
relations of one statement (as deep as ``view_statements`` statements allow; ``render --focus``).
A map of up to ``OVERVIEW_ABOVE`` statements opens on the whole map; a larger one opens on the
thesis's neighbourhood, since dot takes seconds to lay out thousands of statements and a screen
shows them only shrunk past reading; the whole map is drawn when a page asks for it.

Each view is drawn at most once for each version of the map, when a page asks for it; after a
save, the views pages asked for since the save before are drawn again at once, and no other.
Every layout goes through one ``LayoutCache``, so a view whose DOT text did not change (a save
elsewhere in the map) is finished from the layout it had, without running Graphviz. The
statements' argument order, in which every view's SVG lists them (``drawing.accessible``), is the
whole map's: worked out once for each version, when the first view is drawn, and shared by all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from usfk_argmap.core.errors import ArgmapError

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.cache import LayoutCache
    from usfk_argmap.drawing.render import RenderOptions

#: Above this many statements the preview opens on the thesis's neighbourhood, not the whole map.
OVERVIEW_ABOVE = 1000
#: The most statements an ``around:`` view shows, unless one relation away already holds more.
VIEW_STATEMENTS = 150
#: How many views' pictures are kept (the ones asked for longest ago go first).
KEPT_VIEWS = 32
#: The view of the whole map.
WHOLE_MAP = "map"


class UnknownViewError(ArgmapError):
    """A view id that names no view of the map (an unknown form, section or statement)."""


@dataclass(frozen=True)
class View:
    """One entry of the page's "View" menu: the id it asks for and what the menu says."""

    id: str
    label: str


def default_view(argument_map: ArgumentMap, overview_above: int = OVERVIEW_ABOVE) -> str:
    """The view a page opens on: the whole map, or above ``overview_above`` statements the thesis's neighbourhood."""
    return WHOLE_MAP if len(argument_map.nodes) <= overview_above else f"around:{argument_map.root}"


def around_depth(argument_map: ArgumentMap, node_id: str, budget: int = VIEW_STATEMENTS) -> tuple[int, int]:
    """How many relations an ``around:`` view goes from ``node_id``, and how many statements it then shows.

    The deepest neighbourhood of at most ``budget`` statements; one relation away when even that
    holds more. One pass over the map (``analysis.selection.distances``).
    """
    from collections import Counter

    from usfk_argmap.analysis.selection import distances

    rings = Counter(distances(argument_map, node_id).values())
    depth, count = 1, rings[0] + rings[1]
    while rings[depth + 1] and count + rings[depth + 1] <= budget:
        depth, count = depth + 1, count + rings[depth + 1]
    return depth, count


def _statements(count: int) -> str:
    return f"{count:,} statement" + ("" if count == 1 else "s")


class MapViews:
    """The views of one version of a map: their options and labels, each worked out once."""

    def __init__(self, argument_map: ArgumentMap, theme: str, view_statements: int = VIEW_STATEMENTS) -> None:
        self.map = argument_map
        self.theme = theme
        self.view_statements = view_statements
        self._depths: dict[str, tuple[int, int]] = {}
        self._order: list[str] | None = None
        self._lock = threading.Lock()

    def depth(self, node_id: str) -> tuple[int, int]:
        """``around_depth`` of a statement of this map, worked out once."""
        with self._lock:
            if node_id not in self._depths:
                self._depths[node_id] = around_depth(self.map, node_id, self.view_statements)
            return self._depths[node_id]

    def argument_order(self) -> list[str]:
        """The map's statements in argument order (``accessible.argument_order``), worked out once for all views."""
        from usfk_argmap.drawing.accessible import argument_order

        with self._lock:
            if self._order is None:
                self._order = argument_order(self.map)
            return self._order

    def options(self, view_id: str) -> RenderOptions:
        """The options that draw a view; raises ``UnknownViewError`` for an id that names none of this map's."""
        from usfk_argmap.drawing.render import RenderOptions

        kind, _, item = view_id.partition(":")
        if view_id == WHOLE_MAP:
            return RenderOptions(theme=self.theme)
        if kind == "section" and item in self.map.sections:
            return RenderOptions(section=item, theme=self.theme)
        if kind == "around" and item in self.map.nodes:
            return RenderOptions(focus=item, depth=self.depth(item)[0], theme=self.theme)
        raise UnknownViewError(f"no view {view_id!r}: map, section:ID or around:ID, with an id of this map")

    def label(self, view_id: str) -> str:
        """What the page's menu says for a view (how much of the map it shows)."""
        kind, _, item = view_id.partition(":")
        total = len(self.map.nodes)
        if kind == "around":
            depth, count = self.depth(item)
            who = "the thesis" if item == self.map.root else item
            reach = "relation" if depth == 1 else "relations"
            return f"around {who}: {depth} {reach} away, {_statements(count)} of {total:,}"
        if kind == "section":
            section = self.map.sections[item]
            count = sum(1 for node in self.map.nodes.values() if node.section == item)
            return f"section: {section.title} ({_statements(count)})"
        return f"whole map ({_statements(total)})"

    def menu(self, opening: str) -> list[View]:
        """The views the page offers: the one it opens on first, then the whole map and each section."""
        ids = list(dict.fromkeys([opening, WHOLE_MAP, *(f"section:{s}" for s in self.map.sections)]))
        return [View(view_id, self.label(view_id)) for view_id in ids]


@dataclass(frozen=True)
class Drawn:
    """A view's picture, the version of the map it shows, and why it is not that of the latest version (None: it is)."""

    svg: bytes | None
    version: int
    problem: str | None = None


@dataclass(frozen=True)
class Settled:
    """The direction ``auto`` settled on for a view, and the statements the view showed then."""

    statements: frozenset[str]
    direction: str


#: Draws a view: the map, its options, the layout cache, the view's last ``Settled`` and the map's argument order
#: in; the SVG and its ``Settled`` out.
Drawer = Callable[
    ["ArgumentMap", "RenderOptions", "LayoutCache", "Settled | None", "Sequence[str] | None"], "tuple[bytes, Settled]"
]


class ViewPictures:
    """The pictures of the views pages asked for, each drawn from the latest map that can be drawn.

    ``update`` hands over a new version; ``picture`` draws a view for it when it has not been
    drawn yet (two requests for one view wait for one drawing). ``draw`` is the drawing itself
    (``draw_view``; tests count its layouts through ``cache``).
    """

    def __init__(self, cache: LayoutCache, draw: Drawer | None = None) -> None:
        self.cache = cache
        self._draw = draw or draw_view
        self._lock = threading.Lock()
        self._views: MapViews | None = None
        self._version = 0
        self._pictures: dict[str, Drawn] = {}
        self._drawing: dict[str, threading.Lock] = {}
        self._settled: dict[str, Settled] = {}
        #: The views asked for since the last ``update``: what the pages show.
        self._asked: dict[str, None] = {}

    @property
    def views(self) -> MapViews | None:
        return self._views

    def update(self, views: MapViews, version: int) -> list[str]:
        """Draw from ``views`` (the map of ``version``) from now on; the views asked for since the last update."""
        with self._lock:
            self._views, self._version = views, version
            asked, self._asked = list(self._asked), {}
            return asked

    def picture(self, view_id: str, *, shown: bool = True) -> Drawn:
        """The view drawn from the latest map: drawn now unless it was for this version already.

        ``shown``: a page asks for it, so the next ``update`` lists it (False: drawn ahead of
        any page, which does not make it shown). Raises ``UnknownViewError`` for an id that
        names no view of the map. A drawing that fails keeps the view's last picture, with the problem.
        """
        with self._lock:
            views, version = self._views, self._version
        if views is None:
            return Drawn(None, 0, "no picture yet: the map has not loaded")
        options = views.options(view_id)  # outside the lock: an ``around:`` view's depth takes a few passes
        with self._lock:
            if shown:
                self._asked[view_id] = None
            drawing = self._drawing.setdefault(view_id, threading.Lock())
        with drawing:
            with self._lock:
                kept = self._pictures.get(view_id)
            if kept is not None and kept.version >= version:
                return kept
            try:
                settled = self._settled.get(view_id)
                svg, self._settled[view_id] = self._draw(views.map, options, self.cache, settled, views.argument_order())
                drawn = Drawn(svg, version)
            except (ArgmapError, ValueError) as error:
                drawn = Drawn(None if kept is None else kept.svg, version, f"the map could not be drawn: {error}")
            with self._lock:
                self._pictures.pop(view_id, None)
                self._pictures[view_id] = drawn
                while len(self._pictures) > KEPT_VIEWS:
                    forgotten = next(iter(self._pictures))
                    del self._pictures[forgotten]
                    self._drawing.pop(forgotten, None)
                    self._settled.pop(forgotten, None)
            return drawn


def draw_view(
    argument_map: ArgumentMap,
    options: RenderOptions,
    cache: LayoutCache,
    settled: Settled | None = None,
    order: Sequence[str] | None = None,
) -> tuple[bytes, Settled]:
    """A view as SVG, as ``render`` draws it, every Graphviz run going through ``cache``; and its direction.

    ``direction="auto"`` is settled as ``render`` settles it (``orientation.fitting_direction``
    over dot's own layouts, cached too), unless the view shows the statements it showed when
    ``settled`` was: then it keeps that direction, so a picture does not turn over as its texts
    are edited, and a save costs one layout, not three. A view that did not change runs no Graphviz.
    ``order`` is the map's argument order when the caller has it (``MapViews.argument_order``; None: worked out here).
    """
    from usfk_argmap.drawing.render import PictureRequest, render_pictures, shown_statements

    shown = shown_statements(argument_map, options)
    statements = frozenset(argument_map.nodes if shown is None else shown)
    if options.direction == "auto" and settled is not None and settled.statements == statements:
        options = replace(options, direction=settled.direction)
    else:
        options = _directed(argument_map, options, shown, cache)
    request = PictureRequest(options, None if shown is None else frozenset(shown))
    return render_pictures(argument_map, [request], cache=cache, order=order)[0].svg, Settled(statements, options.direction)


def _directed(argument_map: ArgumentMap, options: RenderOptions, shown: set[str] | None, cache: LayoutCache) -> RenderOptions:
    """``options`` with ``auto`` replaced by the direction ``render`` would choose, its trial layouts through ``cache``."""
    from usfk_argmap.drawing.orientation import fitting_direction, plain_size
    from usfk_argmap.drawing.render import choose_engine, layout_source

    engine, _ = choose_engine(argument_map, options, shown)
    if options.direction != "auto" or engine != "dot":
        return options  # no trial layout: another engine is drawn BT

    def layout_size(direction: str) -> tuple[float, float]:
        text, _ = layout_source(argument_map, replace(options, direction=direction))
        return plain_size(cache.run(text, "plain", engine))

    count = len(argument_map.nodes) if shown is None else len(shown)
    return replace(options, direction=fitting_direction(layout_size, None, count))

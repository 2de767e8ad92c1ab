"""Routes for the lines of a slide: glued connectors whose drawn path passes through no box but their ends'.

Each line is tried in stages, cheapest first, and the first route whose path
(as a viewer draws it, ``connector_paths.polyline``) keeps clear of every
other statement and joint point wins:

1. a straight line between a pair of the two shapes' connection sites (the
   sites facing each other first, then any pair that leaves its shape outwards
   and enters the other from outside), every viewer draws it the same;
2. an elbow connector (``bentConnector2`` to ``bentConnector5``) leaving and
   arriving along the sites' directions at the middles of their sides: first one
   that LibreOffice, which ignores adjust values and routes an elbow itself,
   draws the same (``drawn_alike_by_libreoffice``), then one with its legs in
   the free channels between the boxes, its adjust values computed from those legs;
3. Graphviz's own spline, as a glued connector of custom geometry.

Among the routes of a stage the shortest wins, with a charge for each bend, for
each end away from the middle of its side, and for each line already ending at a
site, so a lone line meets a box in the middle of a side and several lines to one
box spread along it; a site takes at most two lines' ends (``MOST_ENDS``), so a
third line to a side's middle goes by another site or another side.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from usfk_argmap.present.slides.pptx.box_grid import BoxGrid
from usfk_argmap.present.slides.pptx.connector_paths import Connector, Point, length_inside, path_length, place, polyline
from usfk_argmap.present.slides.pptx.geometry import DOWN, LEFT, RIGHT, UP, Site, Vector

Box = tuple[float, float, float, float]
#: Room kept between a line and a box it passes (EMU, 0.03 in).
CLEARANCE = 27_432
#: How far a bend's leg runs beside a box or out of a site before turning (EMU, 0.15 in).
LEG = 137_160
#: The charge for a bend, and for each line already at a site, in EMU of length (0.4 in, 0.5 in).
BEND_COST = 365_760
SITE_COST = 457_200
#: The charge for an end away from the middle of its side (0.25 in): a side's middle first, as Graphviz
#: draws a lone line, and where LibreOffice redraws a line whose box has moved.
OFF_MIDDLE_COST = 228_600
#: The most line ends one site takes: a third is routed to another site, where its arrowhead reads apart.
MOST_ENDS = 2
#: A line is at least this many times as long as its arrowhead (the head and a little of the line show).
ARROW_ROOM = 1.25
#: Presets by the number of bends of an orthogonal route.
ELBOWS = {1: "bentConnector2", 2: "bentConnector3", 3: "bentConnector4", 4: "bentConnector5"}
#: How far LibreOffice runs a connector out of a box before its first bend (EMU; its default, 5 mm).
LIBREOFFICE_RUN = 180_000
#: The first window of channels an elbow's legs are looked for in (EMU, 1 in; ``Router._elbow``).
ELBOW_WINDOW = 914_400
#: A preset's recomputed path may stray this far (EMU) from the legs it was fitted to.
FIT_TOLERANCE = 2_000


@dataclass(frozen=True)
class Routed:
    """A line's route: the sites it is glued to and the connector drawn between them."""

    begin: Site
    finish: Site
    connector: Connector
    #: Whether its path keeps clear of every box but its ends' (False only when no route could).
    clear: bool = True


@dataclass
class Router:
    """Routes the lines of one slide among its boxes (shape id -> left, top, right, bottom EMU)."""

    boxes: dict[int, Box]
    #: How many lines end at each (shape id, site index) so far.
    load: Counter[tuple[int, int]] = field(default_factory=Counter)
    #: The boxes filed by where they are (the boxes are fixed once the router is made).
    grid: BoxGrid = field(init=False, repr=False, compare=False)
    #: ``_channels``' coordinates on each axis, worked out once.
    _channel_cache: dict[int, list[float]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.grid = BoxGrid(self.boxes, CLEARANCE)

    def route(
        self,
        start: tuple[int, Sequence[Site]],
        end: tuple[int, Sequence[Site]],
        preferred: tuple[Site, Site],
        guide: Sequence[Point],
        arrow: float,
    ) -> Routed:
        """The route from shape ``start`` to shape ``end`` (ids and sites).

        ``preferred`` is the pair of sites Graphviz's line suggests, ``guide`` its spline on the slide (EMU),
        ``arrow`` the arrowhead's length, which an elbow's last leg must leave room for.
        """
        start_id, start_sites = start
        end_id, end_sites = end
        pairs = [(a, b) for a in start_sites for b in end_sites if self._has_room(start_id, a) and self._has_room(end_id, b)]
        found = self._straight(start_id, end_id, pairs, preferred, arrow)
        # An elbow leaves and enters a side in its middle: LibreOffice leaves such a site straight out of its side.
        middles = [
            (a, b)
            for a in _middles(start_sites)
            for b in _middles(end_sites)
            if self._has_room(start_id, a) and self._has_room(end_id, b)
        ]
        if found is None:
            found = self._elbow(start_id, end_id, middles, arrow, libreoffice_alike=True)
        if found is None:
            found = self._elbow(start_id, end_id, middles, arrow)
        if found is None:
            begin = self._roomy(start_id, start_sites, preferred[0])
            finish = self._roomy(end_id, end_sites, preferred[1])
            found = self._custom(start_id, end_id, (begin, finish), guide, arrow)
        self.load[start_id, found.begin.index] += 1
        self.load[end_id, found.finish.index] += 1
        return found

    # Stages ---------------------------------------------------------------------------------------------

    def _straight(
        self, start_id: int, end_id: int, pairs: list[tuple[Site, Site]], preferred: tuple[Site, Site], arrow: float
    ) -> Routed | None:
        candidates = []
        middles = {(site.x, site.y) for site in _middles([a for a, _ in pairs]) + _middles([b for _, b in pairs])}
        for begin, finish in pairs:
            dx, dy = finish.x - begin.x, finish.y - begin.y
            length = math.hypot(dx, dy)
            if length < arrow * ARROW_ROOM or not _outwards(begin.direction, (dx, dy)):
                continue  # too short to show its arrowhead whole, or leaving back into its own box
            if not _outwards(finish.direction, (-dx, -dy)):
                continue
            cost = length + self._site_cost(start_id, begin, end_id, finish)
            cost += OFF_MIDDLE_COST * (((begin.x, begin.y) not in middles) + ((finish.x, finish.y) not in middles))
            if (begin, finish) == preferred:
                # Graphviz's own choice first, all else equal, but not before a side's middle: LibreOffice leaves a
                # line glued elsewhere where it was when its box moves (measured: the example map's C2 -> T).
                cost -= OFF_MIDDLE_COST / 2
            candidates.append((cost, begin.index, finish.index, begin, finish))
        for _, _, _, begin, finish in sorted(candidates, key=lambda c: c[:3]):
            connector = place("straightConnector1", (begin.x, begin.y), (finish.x, finish.y))
            if self._clear(polyline(connector), start_id, end_id):
                return Routed(begin, finish, connector)
        return None

    def _elbow(
        self, start_id: int, end_id: int, pairs: list[tuple[Site, Site]], arrow: float, *, libreoffice_alike: bool = False
    ) -> Routed | None:
        """The cheapest clear elbow between a pair of sites (``libreoffice_alike``: of those LibreOffice draws alike).

        A leg in a channel farther than ``window`` from the span of its pair's sites makes the route at least
        twice that longer than the sites' distance along the axes: routes are tried with the channels within a
        window first, and the window widened until the cheapest clear route found is cheaper than any left out
        (the same choice as trying every channel; a big map's slide has thousands of channels).
        """
        window: float = ELBOW_WINDOW
        rejected: set[tuple[int, int, tuple[Point, ...]]] = set()  # routes found blocked in a narrower window
        while True:
            found = self._elbow_within(start_id, end_id, pairs, arrow, libreoffice_alike, window, rejected)
            if window == math.inf:
                return None if found is None else found[1]
            least_left_out = min((abs(b.x - a.x) + abs(b.y - a.y) + 2 * window + BEND_COST for a, b in pairs), default=math.inf)
            if found is not None and found[0] < least_left_out:
                return found[1]
            window = window * 4 if window * 4 < self._extent else math.inf

    def _elbow_within(
        self,
        start_id: int,
        end_id: int,
        pairs: list[tuple[Site, Site]],
        arrow: float,
        libreoffice_alike: bool,
        window: float,
        rejected: set[tuple[int, int, tuple[Point, ...]]],
    ) -> tuple[float, Routed] | None:
        """``_elbow``'s cheapest clear route and its cost, of the routes whose channels lie within ``window``.

        A route found blocked is added to ``rejected`` and not tested again in a wider window.
        """
        candidates: list[tuple[float, int, int, int, Site, Site, list[Point]]] = []
        for begin, finish in pairs:
            leave, arrive = _axis(begin.direction), _axis(finish.direction)
            if leave is None or arrive is None:
                continue
            for legs in self._orthogonal(begin, finish, leave, arrive, arrow, window):
                if libreoffice_alike and not drawn_alike_by_libreoffice(legs):
                    continue
                cost = path_length(legs) + BEND_COST * (len(legs) - 2) + self._site_cost(start_id, begin, end_id, finish)
                candidates.append((cost, begin.index, finish.index, len(candidates), begin, finish, legs))
        for cost, _, _, _, begin, finish, legs in sorted(candidates, key=lambda c: c[:4]):
            key = (begin.index, finish.index, tuple(legs))
            if key in rejected:
                continue
            if not self._clear(legs, start_id, end_id):  # the legs first: fitting a preset costs more
                rejected.add(key)
                continue
            connector = fitted(legs, leave_vertical=_axis(begin.direction) in (UP, DOWN))
            if connector is not None and self._clear(polyline(connector), start_id, end_id):
                return cost, Routed(begin, finish, connector)
            rejected.add(key)
        return None

    def _custom(self, start_id: int, end_id: int, preferred: tuple[Site, Site], guide: Sequence[Point], arrow: float) -> Routed:
        begin, finish = preferred
        # The spline's inner points, less those so near the end that the last straight stretch could not hold the
        # whole arrowhead.
        inner = [point for point in guide[1:-1] if math.dist(point, (finish.x, finish.y)) >= arrow * ARROW_ROOM]
        points = [(begin.x, begin.y), *inner, (finish.x, finish.y)]
        left, top = min(x for x, _ in points), min(y for _, y in points)
        right, bottom = max(x for x, _ in points), max(y for _, y in points)
        path = tuple((x - left, y - top) for x, y in points)
        connector = Connector("custom", left, top, right - left, bottom - top, path=path)
        return Routed(begin, finish, connector, self._clear(polyline(connector), start_id, end_id))

    # Pieces ---------------------------------------------------------------------------------------------

    def _has_room(self, shape_id: int, site: Site) -> bool:
        """Whether the site takes another line's end (fewer than ``MOST_ENDS`` there)."""
        return self.load[shape_id, site.index] < MOST_ENDS

    def _roomy(self, shape_id: int, sites: Sequence[Site], wanted: Site) -> Site:
        """``wanted``, or when it is full the nearest site of the shape that takes another end (facing the same
        way first); ``wanted`` again when none does."""
        if self._has_room(shape_id, wanted):
            return wanted
        free = [site for site in sites if self._has_room(shape_id, site)]
        if not free:
            return wanted
        return min(
            free,
            key=lambda site: (site.direction != wanted.direction, math.hypot(site.x - wanted.x, site.y - wanted.y), site.index),
        )

    def _site_cost(self, start_id: int, begin: Site, end_id: int, finish: Site) -> float:
        return SITE_COST * (self.load[start_id, begin.index] + self.load[end_id, finish.index])

    def _clear(self, points: Sequence[Point], start_id: int, end_id: int) -> bool:
        """Whether the path keeps ``CLEARANCE`` from every other box, and stays out of its own ends."""
        xs, ys = [x for x, _ in points], [y for _, y in points]
        low_x, high_x, low_y, high_y = min(xs), max(xs), min(ys), max(ys)
        for shape_id in self.grid.near(points):  # the others are too far from every segment to matter
            left, top, right, bottom = self.boxes[shape_id]
            if (
                left - CLEARANCE >= high_x
                or right + CLEARANCE <= low_x
                or top - CLEARANCE >= high_y
                or bottom + CLEARANCE <= low_y
            ):
                continue  # nowhere near the path
            if shape_id in (start_id, end_id):
                box = (left + CLEARANCE, top + CLEARANCE, right - CLEARANCE, bottom - CLEARANCE)
            else:
                box = (left - CLEARANCE, top - CLEARANCE, right + CLEARANCE, bottom + CLEARANCE)
            if box[0] < box[2] and box[1] < box[3] and length_inside(points, box) > 0:
                return False
        return True

    def _orthogonal(
        self, begin: Site, finish: Site, leave: Vector, arrive: Vector, arrow: float, window: float = math.inf
    ) -> Iterator[list[Point]]:
        """Orthogonal routes (their corner points) leaving along ``leave`` and ending moving against ``arrive``.

        Of the routes with a leg in a channel, those whose channel lies within ``window`` of the span of
        the sites' coordinates across it, in the order of the channels.
        """
        vertical = leave in (UP, DOWN)
        # Work in a frame where the line leaves along the first coordinate: swap x and y for a vertical start.
        s = (begin.y, begin.x) if vertical else (begin.x, begin.y)
        e = (finish.y, finish.x) if vertical else (finish.x, finish.y)
        out = leave[1] if vertical else leave[0]
        into = -(arrive[1] if vertical else arrive[0]) if (arrive in (UP, DOWN)) == vertical else 0.0
        across_in = -(arrive[0] if vertical else arrive[1]) if into == 0 else 0.0
        mains = _within(self._channels(0 if not vertical else 1), s[0], e[0], window)  # along the leaving axis
        sides = _within(self._channels(1 if not vertical else 0), s[1], e[1], window)
        last_leg = max(LEG, arrow * 1.5)

        def ok_first(a: float) -> bool:
            return (a - s[0]) * out >= LEG

        def back(points: list[Point]) -> list[Point]:
            return [(q, p) for p, q in points] if vertical else points

        if into:  # arriving along the same axis: 2 or 4 bends
            beyond = out * (max(out * s[0], out * e[0]) + LIBREOFFICE_RUN)  # round both ends, where LibreOffice goes
            for a in [(s[0] + e[0]) / 2, *mains, beyond]:
                if ok_first(a) and (e[0] - a) * into >= last_leg:
                    yield back([s, (a, s[1]), (a, e[1]), e])
            first = s[0] + out * LEG
            final = e[0] - into * last_leg
            for b in sides:
                yield back([s, (first, s[1]), (first, b), (final, b), (final, e[1]), e])
        else:  # arriving across: 1 or 3 bends
            if ok_first(e[0]) and (e[1] - s[1]) * across_in >= last_leg:
                yield back([s, (e[0], s[1]), e])
            final = e[1] - across_in * last_leg
            for a in mains:
                if ok_first(a) and (e[0] - a) * 1 != 0:
                    yield back([s, (a, s[1]), (a, final), (e[0], final), e])

    def _channels(self, axis: int) -> list[float]:
        """Coordinates (x for ``axis`` 0, y for 1) where a leg can run beside a box without touching it."""
        found = self._channel_cache.get(axis)
        if found is None:
            room = CLEARANCE + LEG / 2
            values: set[float] = set()
            for box in self.boxes.values():
                low, high = (box[0], box[2]) if axis == 0 else (box[1], box[3])
                values.update((low - room, high + room))
            found = self._channel_cache[axis] = sorted(values)
        return found

    @property
    def _extent(self) -> float:
        """The largest distance between two channels, along either axis (a window this wide leaves none out)."""
        spans = [values[-1] - values[0] for values in (self._channels(0), self._channels(1)) if values]
        return max(spans, default=0.0)


def _within(values: list[float], one: float, other: float, window: float) -> list[float]:
    """The sorted ``values`` no farther than ``window`` from the span between ``one`` and ``other``."""
    if window == math.inf:
        return values
    return values[bisect.bisect_left(values, min(one, other) - window) : bisect.bisect_right(values, max(one, other) + window)]


def drawn_alike_by_libreoffice(legs: Sequence[Point]) -> bool:
    """Whether LibreOffice draws a glued elbow of these corner points where PowerPoint does.

    LibreOffice (7.4 measured) ignores an elbow's adjust values and routes it itself from its two sites, leaving
    each along the site's direction: a route with one bend comes out the same, and so does one with two bends
    whose middle leg lies halfway between the sites, or, where it turns back, a run beyond the farther site (its
    route with no offsets); every other elbow is redrawn elsewhere. Each leg from a site must also be as long as
    the run LibreOffice keeps out of a box before turning. Only a side's middle site is left along its side: from
    the others (measured on the example map) LibreOffice leaves as it sees fit, so the caller passes middles.
    """
    if len(legs) not in (3, 4) or min(math.dist(legs[0], legs[1]), math.dist(legs[-2], legs[-1])) < LIBREOFFICE_RUN - 1:
        return False
    if len(legs) == 3:
        return True
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = legs
    # In the frame where the first leg runs along the first coordinate: ``a`` where the middle leg lies.
    (s, a, e), last = ((x0, x1, x3), x3 - x2) if y0 == y1 else ((y0, y1, y3), y3 - y2)
    out = math.copysign(1, a - s)
    if out * last < 0:  # back against the way out: round both ends, a run beyond the farther one
        return abs(a - out * (max(out * s, out * e) + LIBREOFFICE_RUN)) <= 1
    return abs(a - (s + e) / 2) <= 1


def _middles(sites: Sequence[Site]) -> list[Site]:
    """The middle site of each side: of the sites facing one way, the one nearest their centre."""
    sides: dict[Vector, list[Site]] = {}
    for site in sites:
        sides.setdefault(site.direction, []).append(site)
    middles = []
    for facing in sides.values():
        x, y = sum(s.x for s in facing) / len(facing), sum(s.y for s in facing) / len(facing)
        middles.append(min(facing, key=lambda site: (math.hypot(site.x - x, site.y - y), site.index)))
    return middles


def _outwards(direction: Vector, along: Vector) -> bool:
    """Whether moving ``along`` from a site leaves its shape (a little sideways is fine, not back inside)."""
    return direction[0] * along[0] + direction[1] * along[1] > 0.2 * math.hypot(*along)


def _axis(direction: Vector) -> Vector | None:
    """The axis direction of a site, or None for a diagonal site of an ellipse (straight lines only)."""
    return direction if direction in (UP, DOWN, LEFT, RIGHT) else None


def fitted(legs: Sequence[Point], *, leave_vertical: bool) -> Connector | None:
    """The elbow preset whose path runs through the corner points ``legs``, or None when none can.

    The preset leaves along its local x axis: a quarter turn makes it leave vertically. Each adjust value is
    where its leg lies, as a share of the box's side (outside 0..100000 for a leg beyond the ends).
    """
    preset = ELBOWS.get(len(legs) - 2)
    if preset is None:
        return None
    rotation = 5_400_000 if leave_vertical else 0
    base = place(preset, legs[0], legs[-1], rotation)
    local = [_to_local(base, point) for point in legs]
    width, height = base.width, base.height
    # The corners that set the adjust values: adj1 = x of the 1st corner, adj2 = y of the 2nd, adj3 = x of the 3rd.
    wanted = [(local[1 + k][k % 2], height if k % 2 else width) for k in range(len(legs) - 3)]
    if any(side < 1 for _, side in wanted):
        return None
    adjust = tuple(round(value / side * 100_000) for value, side in wanted)
    connector = place(preset, legs[0], legs[-1], rotation, adjust)
    drawn = polyline(connector)
    if len(drawn) != len(legs) or any(math.dist(p, q) > FIT_TOLERANCE for p, q in zip(drawn, legs, strict=True)):
        return None
    return connector


def _to_local(connector: Connector, point: Point) -> Point:
    """A slide point in the connector's local box (before its flips and turn)."""
    w, h = connector.width, connector.height
    cx, cy = connector.left + w / 2, connector.top + h / 2
    angle = -math.radians(connector.rotation / 60_000)
    dx, dy = point[0] - cx, point[1] - cy
    x, y = dx * math.cos(angle) - dy * math.sin(angle) + w / 2, dx * math.sin(angle) + dy * math.cos(angle) + h / 2
    if connector.flip_h:
        x = w - x
    if connector.flip_v:
        y = h - y
    return x, y

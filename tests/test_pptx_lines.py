"""PowerPoint lines that follow the layout, arrowheads that read, and the text floor, measured on the decks' XML.

The path of each connector is computed as PowerPoint draws it (``connector_paths``:
the preset's path with its adjust values, ``flipH``/``flipV`` and rotation), and
must pass through no statement or joint but its two ends, start and end at the
sites it is glued to, and carry an arrowhead at least three times the 7 px of
before. Every build-up and focus slide sets its text at 24 px per em or more on
a slide shown 1920 px across, the overview at 28.
"""

from __future__ import annotations

import math

import pytest

from usfk_argmap.present.slides.pptx.connector_paths import Connector, length_inside, local_path, place, polyline
from usfk_argmap.present.slides.pptx.geometry import (
    DOWN,
    MIN_BOX_GAP,
    PADDING,
    PADDING_KEPT,
    UP,
    Placement,
    Site,
    reach_floor,
    room_in_padding,
    room_to_grow,
    sites,
)
from usfk_argmap.present.slides.pptx.routing import LIBREOFFICE_RUN, Router, drawn_alike_by_libreoffice, fitted
from usfk_argmap.present.slides.pptx.shapes import ARROW_FACTORS

from .pptx_reading import A, P, connector_geometry, crossings, is_click, open_deck
from .test_pptx import _deck

pytestmark = pytest.mark.graphviz

# The connector model --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "adjust", "corners"),
    [
        ("straightConnector1", (), [(0, 0), (100, 40)]),
        ("bentConnector2", (), [(0, 0), (100, 0), (100, 40)]),
        ("bentConnector3", (), [(0, 0), (50, 0), (50, 40), (100, 40)]),
        ("bentConnector3", (150_000,), [(0, 0), (150, 0), (150, 40), (100, 40)]),
        ("bentConnector3", (-20_000,), [(0, 0), (-20, 0), (-20, 40), (100, 40)]),
        ("bentConnector4", (25_000, 150_000), [(0, 0), (25, 0), (25, 60), (100, 60), (100, 40)]),
        ("bentConnector5", (10_000, -50_000, 90_000), [(0, 0), (10, 0), (10, -20), (90, -20), (90, 40), (100, 40)]),
    ],
)
def test_elbow_presets_follow_their_guides(preset: str, adjust: tuple[int, ...], corners: list[tuple[int, int]]) -> None:
    assert local_path(preset, 100, 40, adjust) == [(float(x), float(y)) for x, y in corners]


def test_curved_connectors_run_corner_to_corner_through_their_guides() -> None:
    s_curve = local_path("curvedConnector3", 100, 40, (50_000,))
    assert s_curve[0] == (0.0, 0.0) and s_curve[-1] == (100.0, 40.0)
    assert (50.0, 20.0) in s_curve  # the middle of the S sits on x2 = w * adj1, at half the height
    wide = local_path("curvedConnector3", 100, 40, (150_000,))
    assert max(x for x, _ in wide) == pytest.approx(150.0)
    quarter = local_path("curvedConnector2", 100, 40)
    assert quarter[0] == (0.0, 0.0) and quarter[-1] == (100.0, 40.0) and len(quarter) > 10
    with pytest.raises(ValueError, match="no path"):
        local_path("wavyConnector9", 1, 1)


@pytest.mark.parametrize(
    ("rotation", "flip_h", "flip_v", "start", "second"),
    [
        (0, False, False, (0, 0), (30, 0)),
        (0, True, False, (100, 0), (70, 0)),
        (0, False, True, (0, 40), (30, 40)),
        (0, True, True, (100, 40), (70, 40)),
        # A quarter turn clockwise about the centre (50, 20): local +x runs down the slide.
        (5_400_000, False, False, (70, -30), (70, 0)),
        (10_800_000, False, False, (100, 40), (70, 40)),
        (16_200_000, False, False, (30, 70), (30, 40)),
    ],
)
def test_flips_come_before_the_turn_about_the_centre(
    rotation: int, flip_h: bool, flip_v: bool, start: tuple[int, int], second: tuple[int, int]
) -> None:
    path = polyline(Connector("bentConnector3", 0, 0, 100, 40, rotation, flip_h, flip_v, (30_000,)))
    assert path[0] == pytest.approx(start, abs=1e-6)
    assert path[1] == pytest.approx(second, abs=1e-6)


@pytest.mark.parametrize("rotation", [0, 5_400_000, 10_800_000, 16_200_000])
@pytest.mark.parametrize("end", [(400, 50), (-300, 80), (20, -250), (-90, -90)])
@pytest.mark.parametrize("preset", ["straightConnector1", "bentConnector3", "curvedConnector3", "bentConnector5"])
def test_a_placed_connector_runs_from_its_start_to_its_end(rotation: int, end: tuple[int, int], preset: str) -> None:
    path = polyline(place(preset, (100, 200), (100 + end[0], 200 + end[1]), rotation, (30_000, 70_000, 60_000)))
    assert path[0] == pytest.approx((100, 200), abs=1e-6)
    assert path[-1] == pytest.approx((100 + end[0], 200 + end[1]), abs=1e-6)


@pytest.mark.parametrize(
    ("points", "inside"),
    [
        ([(0, 5), (20, 5)], 10.0),  # straight across the box (5..15 x 0..10)
        ([(0, 20), (20, 20)], 0.0),  # below it
        ([(10, -5), (10, 5), (30, 5)], 10.0),  # in from the top, out at the right
        ([(5, 0), (5, 10)], 0.0),  # along its left edge: touching is not inside
        ([(0, 0), (20, 10)], math.hypot(10, 5)),
    ],
)
def test_length_inside_a_box(points: list[tuple[float, float]], inside: float) -> None:
    assert length_inside(points, (5, 0, 15, 10)) == pytest.approx(inside)


@pytest.mark.parametrize("vertical", [True, False])
@pytest.mark.parametrize(
    "legs",
    [
        [(0, 0), (0, 50), (80, 50), (80, 120)],
        [(0, 0), (0, -40), (-60, -40), (-60, 30), (100, 30), (100, 90)],
        [(0, 0), (0, 30), (50, 30), (50, 90), (120, 90)],
        [(0, 0), (0, 60), (70, 60)],
    ],
)
def test_elbows_are_fitted_to_their_legs(legs: list[tuple[float, float]], vertical: bool) -> None:
    points = legs if vertical else [(y, x) for x, y in legs]
    connector = fitted([(x * 10_000, y * 10_000) for x, y in points], leave_vertical=vertical)
    assert connector is not None
    assert connector.preset == {3: "bentConnector2", 4: "bentConnector3", 5: "bentConnector4", 6: "bentConnector5"}[len(legs)]
    drawn = polyline(connector)
    assert len(drawn) == len(points)
    assert all(math.dist(p, (x * 10_000, y * 10_000)) < 20 for p, (x, y) in zip(drawn, points, strict=True))


def test_an_elbow_without_room_for_its_adjust_value_is_refused() -> None:
    # Both ends on one vertical: a detour sideways has no width to be a share of.
    assert fitted([(0, 0), (0, 10), (50, 10), (50, 90), (0, 90), (0, 100)], leave_vertical=True) is None


# Routing --------------------------------------------------------------------------------------------------


def _rect_sites(box: tuple[float, float, float, float]) -> list[Site]:
    left, top, right, bottom = box
    return sites("rect", left, top, right - left, bottom - top)


def test_a_line_past_a_box_in_the_way_goes_round_it() -> None:
    """Three boxes in a column: the line from the bottom one to the top one cannot run straight up."""
    top, middle, bottom = (0, 0, 1_000_000, 400_000), (0, 900_000, 1_000_000, 1_300_000), (0, 1_800_000, 1_000_000, 2_200_000)
    router = Router({1: top, 2: middle, 3: bottom})
    preferred = (_rect_sites(bottom)[0], _rect_sites(top)[2])
    assert preferred[0].direction == UP and preferred[1].direction == DOWN
    routed = router.route((3, _rect_sites(bottom)), (1, _rect_sites(top)), preferred, [], 100_000)
    path = polyline(routed.connector)
    assert routed.clear and routed.connector.preset != "straightConnector1"
    assert length_inside(path, middle) == 0
    assert math.dist(path[0], (routed.begin.x, routed.begin.y)) < 1
    assert math.dist(path[-1], (routed.finish.x, routed.finish.y)) < 1


R = LIBREOFFICE_RUN


@pytest.mark.parametrize(
    ("legs", "alike"),
    [
        ([(0, 0), (0, -2 * R), (3 * R, -2 * R)], True),  # one bend
        ([(0, 0), (0, -R / 2), (3 * R, -R / 2)], False),  # one bend, but too short a run out of the box
        ([(0, 0), (0, -R), (3 * R, -R), (3 * R, -2 * R)], True),  # two bends, the middle leg halfway
        ([(0, 0), (-R, 0), (-R, 3 * R), (-2 * R, 3 * R)], True),  # the same leaving sideways
        ([(0, 0), (0, -1.5 * R), (3 * R, -1.5 * R), (3 * R, -4 * R)], False),  # the middle leg off halfway
        ([(0, 0), (0, -R), (3 * R, -R), (3 * R, 0)], True),  # back down: a run beyond both sites
        ([(0, 0), (0, -2 * R), (3 * R, -2 * R), (3 * R, -R)], True),  # a run beyond the farther site
        ([(0, 0), (0, -3 * R), (3 * R, -3 * R), (3 * R, -R)], False),  # further out than LibreOffice goes
        ([(0, 0), (0, -R), (-R, -R), (-R, -3 * R), (2 * R, -3 * R)], False),  # three bends
        ([(0, 0), (0, -R), (-R, -R), (-R, -3 * R), (R, -3 * R), (R, -2 * R)], False),  # four
    ],
)
def test_only_elbows_libreoffice_routes_the_same_count_as_alike(legs: list[tuple[float, float]], alike: bool) -> None:
    assert drawn_alike_by_libreoffice(legs) is alike


def test_a_line_round_a_box_takes_an_elbow_libreoffice_draws_the_same() -> None:
    """No straight line from the lower right box to the upper left one misses the box between; an L does."""
    end, start, between = (
        (0, 0, 1_000_000, 400_000),
        (2_000_000, 2_000_000, 3_000_000, 2_400_000),
        (700_000, 700_000, 2_300_000, 1_700_000),
    )
    router = Router({1: end, 2: start, 3: between})
    preferred = (_rect_sites(start)[0], _rect_sites(end)[2])
    routed = router.route((2, _rect_sites(start)), (1, _rect_sites(end)), preferred, [], 100_000)
    path = polyline(routed.connector)
    assert routed.clear and routed.connector.preset in ("bentConnector2", "bentConnector3")
    assert drawn_alike_by_libreoffice(path)
    assert length_inside(path, between) == 0


def test_lines_to_one_box_spread_over_its_sites() -> None:
    """Two lines into one box from below-left and below-right end at two sites, not one point."""
    target = (1_000_000, 0, 2_000_000, 400_000)
    left_box, right_box = (0, 1_500_000, 800_000, 1_900_000), (2_200_000, 1_500_000, 3_000_000, 1_900_000)
    router = Router({1: target, 2: left_box, 3: right_box})
    ends = []
    for shape_id, box in ((2, left_box), (3, right_box)):
        begin = _rect_sites(box)[0]
        routed = router.route((shape_id, _rect_sites(box)), (1, _rect_sites(target)), (begin, _rect_sites(target)[2]), [], 0)
        ends.append(routed.finish.index)
    assert len(set(ends)) == 2


def test_boxes_grow_to_the_text_floor_only_as_far_as_they_stay_apart() -> None:
    placement = Placement(scale=12_700 * 0.8, left=0, top=0, height=500)  # 14 pt text shown at 11.2 pt
    apart = [(100, 100, 100, 40), (400, 100, 100, 40)]
    assert reach_floor(placement, apart, 14.0, 12.0).grow == pytest.approx(12 / 11.2, rel=0.01)
    assert reach_floor(placement, apart, 14.0, None).grow == 1.0
    assert reach_floor(placement, apart, 14.0, 10.0).grow == 1.0  # already above the floor
    close = [(100, 100, 100, 40), (205, 100, 100, 40)]  # 5 pt apart side by side: no room at all
    assert room_to_grow(close) == 1.0
    near = [(100, 100, 100, 40), (212 + MIN_BOX_GAP, 100, 100, 40)]
    assert room_to_grow(near) == pytest.approx(1.12)
    assert reach_floor(placement, near, 14.0, 14.0).grow == pytest.approx(1.12)


@pytest.mark.parametrize(
    ("floor", "text_grow"),
    [
        (11.8, 11.8 / 11.2 * 1.001),  # the boxes reach 1.0, the text the rest inside their padding
        (14.0, (100 - PADDING[0]) / (100 - 2 * PADDING[0])),  # as far as half the width's padding
    ],
)
def test_text_grows_into_its_box_padding_where_the_boxes_cannot_grow(floor: float, text_grow: float) -> None:
    placement = Placement(scale=12_700 * 0.8, left=0, top=0, height=500)  # 14 pt text shown at 11.2 pt
    close = [(100, 100, 100, 40), (205, 100, 100, 40)]  # no room for the boxes
    grown = reach_floor(placement, close, 14.0, floor)
    assert grown.grow == 1.0
    assert grown.statement_text_grow == pytest.approx(text_grow)
    assert room_in_padding(close, 1.0) * (100 - 2 * PADDING[0]) <= 100 - PADDING_KEPT * 2 * PADDING[0] + 1e-9


# The decks ------------------------------------------------------------------------------------------------

#: The smallest text on each kind of slide, px per em at 1920 px across (the whole map is exempt).
FLOORS = {"overview": 28.0, "build": 24.0, "focus": 24.0, "legend": 24.0, "sections": 24.0}
#: The arrowheads' length before (7 px at 1920 px across), three times over.
ARROW_PX = 3 * 7.0


@pytest.mark.parametrize("key", ["flagship", "tram", "kinds"])
def test_no_connector_passes_through_a_box_that_is_not_its_end(key: str) -> None:
    deck, data = _deck(key)
    for slide, page in zip(deck.slides, open_deck(data).slides, strict=True):
        assert crossings(page) == [], slide.id


def _site_points(shape: object) -> list[tuple[float, float]]:
    """A shape's connection sites on the slide: its custom geometry's ``a:cxnLst``, or its preset's (an ellipse)."""
    element = shape._element  # type: ignore[attr-defined]
    left, top = int(shape.left), int(shape.top)  # type: ignore[attr-defined]
    listed = element.findall(f"{P}spPr/{A}custGeom/{A}cxnLst/{A}cxn/{A}pos")
    if listed:
        return [(left + int(pos.get("x")), top + int(pos.get("y"))) for pos in listed]
    preset = element.find(f"{P}spPr/{A}prstGeom").get("prst")
    found = sites(preset, left, top, int(shape.width), int(shape.height))  # type: ignore[attr-defined]
    return [(site.x, site.y) for site in found]


@pytest.mark.parametrize("key", ["flagship", "tram", "kinds"])
def test_connectors_start_and_end_at_the_sites_they_are_glued_to_with_arrowheads_that_read(key: str) -> None:
    _, data = _deck(key)
    presentation = open_deck(data)
    px_per_emu = 1920 / presentation.slide_width
    for page in presentation.slides:
        by_id = {shape.shape_id: shape for shape in page.shapes}
        for element in page.shapes._spTree.iter(f"{P}cxnSp"):
            glue = element.find(f"{P}nvCxnSpPr/{P}cNvCxnSpPr")
            start, end = glue.find(f"{A}stCxn"), glue.find(f"{A}endCxn")
            path = polyline(connector_geometry(element))
            first = _site_points(by_id[int(start.get("id"))])[int(start.get("idx"))]
            last = _site_points(by_id[int(end.get("id"))])[int(end.get("idx"))]
            assert math.dist(path[0], first) < 2_000 and math.dist(path[-1], last) < 2_000
            line = element.find(f"{P}spPr/{A}ln")
            head = line.find(f"{A}tailEnd")
            if head is not None and head.get("type") == "triangle":
                length = ARROW_FACTORS[head.get("len")] * int(line.get("w")) * px_per_emu
                assert length >= ARROW_PX, (element.find(f"{P}nvCxnSpPr/{P}cNvPr").get("name"), length)
                # The last straight stretch holds the whole arrowhead.
                assert math.dist(path[-2], path[-1]) * px_per_emu >= length


@pytest.mark.parametrize("key", ["flagship", "tram", "kinds"])
def test_every_build_up_and_focus_slide_reaches_the_text_floor(key: str) -> None:
    deck, data = _deck(key)
    presentation = open_deck(data)
    px_per_point = 1920 / (presentation.slide_width / 12_700)
    checked = 0
    for slide, page in zip(deck.slides, presentation.slides, strict=True):
        floor = FLOORS.get(slide.kind)
        if floor is None or slide.figure is None:
            continue
        sizes = [
            int(run.get("sz")) / 100
            for element in page.shapes._spTree.iter(f"{P}sp")
            if not element.find(f"{P}nvSpPr/{P}cNvPr").get("name").startswith(("section ", "legend"))
            and element.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is None
            for run in element.iter(f"{A}rPr")
            if run.get("sz")
        ]
        assert sizes, slide.id
        assert min(sizes) * px_per_point >= floor, (slide.id, min(sizes) * px_per_point)
        checked += 1
    assert checked >= 3


def _outline_changes(page: object) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The shapes (by name) whose outline an emphasis turns to a colour, with the colour: as the slide begins,
    and click by click."""
    names = {shape.shape_id: shape.name for shape in page.shapes}  # type: ignore[attr-defined]
    timing = page._element.find(f"{P}timing")  # type: ignore[attr-defined]
    if timing is None:
        return {}, []
    sequence = timing.find(f".//{P}cTn[@nodeType='mainSeq']")
    opening: dict[str, str] = {}
    clicks: list[dict[str, str]] = []
    for group in sequence.find(f"{P}childTnLst"):
        changes = {}
        for effect in group.iterfind(f".//{P}cTn[@presetClass='emph']"):
            colour = effect.find(f".//{P}animClr/{P}to/{A}srgbClr")
            target = effect.find(f".//{P}animClr//{P}spTgt")
            assert effect.get("presetID") == "7" and colour is not None and target is not None
            changes[names[int(target.get("spid"))]] = "#" + colour.get("val")
        if not is_click(group):
            assert not clicks, "the group that starts with the slide comes first"
            opening = changes
        else:
            clicks.append(changes)
    return opening, clicks


@pytest.mark.parametrize("key", ["flagship", "tram"])
def test_the_statements_a_step_adds_are_outlined_until_the_next_click(key: str) -> None:
    from usfk_argmap.analysis.drawn import svg_ids

    from .test_pptx import _map

    deck, data = _deck(key)
    map_ids = {svg_id: map_id for map_id, svg_id in svg_ids(_map(key)).items()}
    highlighted = 0
    for slide, page in zip(deck.slides, open_deck(data).slides, strict=True):
        opening, clicks = _outline_changes(page)
        steps = [step for step in slide.steps[1:] if step.reveal]
        assert len(clicks) == len(steps), slide.id
        if not steps:
            assert opening == {}, slide.id  # a slide without clicks keeps its outlines
            continue
        own = {shape.name: "#" + str(shape.line.color.rgb) for shape in page.shapes if not shape.is_placeholder}
        first = {map_ids[svg_id] for svg_id in slide.steps[0].new_nodes}
        assert opening == dict.fromkeys(first, "#0969DA"), slide.id
        previous = first
        for index, (step, changes) in enumerate(zip(steps, clicks, strict=True)):
            added = {map_ids[svg_id] for svg_id in step.new_nodes}
            lit = {name for name, colour in changes.items() if colour == "#0969DA"}
            assert lit == added, (slide.id, index)
            # The previous step's statements back in their own colour.
            before = previous - added
            assert {name: changes[name] for name in before} == {name: own[name] for name in before}
            previous = added
            highlighted += len(added)
    assert highlighted >= 5


@pytest.mark.parametrize("key", ["flagship", "tram", "kinds"])
def test_lines_to_a_statement_spread_over_its_sides(key: str) -> None:
    """Each statement has sites all along its sides, and no site takes more than two lines' ends (four before)."""
    from collections import Counter

    from usfk_argmap.present.slides.pptx.outlines import SITES_PER_SIDE

    _, data = _deck(key)
    most = 0
    for page in open_deck(data).slides:
        statements = {
            shape.shape_id
            for shape in page.shapes
            if len(shape._element.findall(f"{P}spPr/{A}custGeom/{A}cxnLst/{A}cxn")) == 4 * SITES_PER_SIDE
        }
        ends: Counter[tuple[int, int]] = Counter()
        for element in page.shapes._spTree.iter(f"{P}cxnSp"):
            for glue in element.find(f"{P}nvCxnSpPr/{P}cNvCxnSpPr"):
                if int(glue.get("id")) in statements:
                    ends[int(glue.get("id")), int(glue.get("idx"))] += 1
        most = max(most, *ends.values(), 0)
    assert 1 <= most <= 2


@pytest.mark.parametrize("geometry", ["rect", "roundRect", "foldedCorner", "octagon", "cutCorners"])
def test_every_site_of_an_outline_lies_on_a_straight_part_of_its_side(geometry: str) -> None:
    from usfk_argmap.present.slides.pptx.geometry import LEFT, RIGHT
    from usfk_argmap.present.slides.pptx.outlines import SITES_PER_SIDE, Outline

    outline = Outline(geometry, 3_000, 1_200, 300)
    found = outline.local_sites()
    assert len(found) == 4 * SITES_PER_SIDE
    assert outline.xml().count("<a:cxn ") == 4 * SITES_PER_SIDE
    c = outline.straight_from
    for x, y, direction in found:
        on_side = {UP: y == 0, DOWN: y == 1_200, LEFT: x == 0, RIGHT: x == 3_000}[direction]
        assert on_side, (geometry, x, y, direction)
        # Where each side is straight: all of it on a box; short of the fold (top right) on a note; else
        # between the corners' rounding or cuts.
        low, high = {
            "rect": {UP: (0, 3_000), DOWN: (0, 3_000), LEFT: (0, 1_200), RIGHT: (0, 1_200)},
            "foldedCorner": {UP: (0, 3_000 - c), DOWN: (0, 3_000), LEFT: (0, 1_200), RIGHT: (c, 1_200)},
        }.get(geometry, {UP: (c, 3_000 - c), DOWN: (c, 3_000 - c), LEFT: (c, 1_200 - c), RIGHT: (c, 1_200 - c)})[direction]
        assert low < (x if direction in (UP, DOWN) else y) < high, (geometry, x, y, direction)
    # The sites of a side spread evenly along it, the middle one in its middle.
    top = sorted(x for x, _, direction in found if direction == UP)
    assert len(set(top)) == SITES_PER_SIDE
    if geometry != "foldedCorner":
        assert top[SITES_PER_SIDE // 2] == pytest.approx(1_500)


@pytest.mark.parametrize(
    ("kind", "floor"), [("overview", 28.0), ("build", 24.0), ("focus", 24.0), ("legend", 24.0), ("map", None), ("title", None)]
)
def test_the_text_floor_of_each_kind_of_slide(kind: str, floor: float | None) -> None:
    """A kind the table does not name (a legend, a map of the sections) gets the build-ups' floor."""
    from usfk_argmap.present.slides.pptx.native import text_floor

    assert text_floor(kind) == floor

"""The deck as editable PowerPoint: every picture drawn again as native shapes, text and glued connectors.

Each figure of the deck is laid out by Graphviz once more, from the same DOT
text as its SVG, as JSON (``pptx_layout``); its nodes become shapes and its
lines connectors (``pptx_shapes``), scaled to the slide below the title. A
build-up is one slide: the shapes of each later step appear on a click
(``pptx_timing``), and the speaker notes hold every step's notes in order,
headed by the click that brings the step in.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from usfk_argmap.core.messages import message
from usfk_argmap.drawing.layout import LaidNode, PictureLayout, lay_out
from usfk_argmap.present.slides.pptx.alt_text import AltText, deck_titles
from usfk_argmap.present.slides.pptx.geometry import EMU_PER_POINT, Placement, fit, reach_floor
from usfk_argmap.present.slides.pptx.package import fix_properties, layout, open_template, saved, set_theme_fonts
from usfk_argmap.present.slides.pptx.routing import Router
from usfk_argmap.present.slides.pptx.shapes import (
    PlacedShape,
    ShapeIds,
    TextStyle,
    append_xml,
    caption_xml,
    cluster_xml,
    connector_xml,
    name_runs,
    rgb,
    statement_xml,
)
from usfk_argmap.present.slides.pptx.timing import Entrance, Highlight, set_timing, timing_xml

if TYPE_CHECKING:
    from usfk_argmap.core.diagnostics import Diagnostic
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.fonts import FontChoice
    from usfk_argmap.drawing.render import RenderOptions
    from usfk_argmap.present.slides.deck import Deck, Figure, Slide

#: Room around the picture and the title on our own template, in EMU (0.4 in).
MARGIN = 365_760
#: Height of the title on our own template (1 in), and its text size in points.
TITLE_HEIGHT = 914_400
TITLE_SIZE = 28.0
#: Text sizes of the title slide on our own template, in points.
TITLE_SLIDE_SIZE = 40.0
SUBTITLE_SIZE = 24.0
#: The smallest text of a slide of each kind, in px per em on a slide shown 1920 px across: what reads at the
#: back of a room (``text_floor``). The whole map (``map``) is exempt: it shows every statement, for a handout, on
#: the deck's last page (``formats.map_in_appendix``); the audience sees the map of the parts (``sections``).
TEXT_FLOORS: dict[str, float | None] = {
    "overview": 28.0,
    "build": 24.0,
    "focus": 24.0,
    "legend": 24.0,
    "sections": 24.0,
    "map": None,
    "title": None,
}
#: The floor of a kind of picture slide not in the table.
DEFAULT_TEXT_FLOOR = 24.0
#: The outline of the statements a step adds while it is current: the HTML deck's accent of each theme.
ACCENTS = {"light": "#0969DA", "dark": "#56B4E9", "print": "#000000"}
#: PresentationML's namespace, in ElementTree's braces.
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
#: The width in pixels the floors are measured at (1920 x 1080).
SLIDE_PIXELS = 1920
#: The size assumed for a placeholder of a user's template that says none (PowerPoint's title size).
DEFAULT_TEXT_SIZE = 44.0


def placeholder_size(placeholder: Any) -> float | None:
    """The text size (points) a placeholder inherits: its layout's placeholder, else the master's title style."""
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    p = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    try:
        inherited = placeholder._base_placeholder
    except (AttributeError, KeyError):
        inherited = None
    for source in (inherited, getattr(inherited, "_base_placeholder", None) if inherited is not None else None):
        if source is None:
            continue
        found = source._element.find(f".//{a}lstStyle/{a}lvl1pPr/{a}defRPr")
        if found is not None and found.get("sz"):
            return int(found.get("sz")) / 100
    master = placeholder.part.slide_layout.slide_master._element
    style = master.find(f"{p}txStyles/{p}titleStyle/{a}lvl1pPr/{a}defRPr")
    if style is not None and style.get("sz") and placeholder.placeholder_format.idx == 0:
        return int(style.get("sz")) / 100
    return None


def picture_area(slide_width: int, slide_height: int, heading: Any | None) -> tuple[int, int, int, int]:
    """The room for the picture (left, top, width, height EMU): below the title, within the margins."""
    top = MARGIN if heading is None else int(heading.top) + int(heading.height) + MARGIN // 2
    return MARGIN, top, slide_width - 2 * MARGIN, max(MARGIN, slide_height - top - MARGIN)


class NativeDeckWriter:
    """Adds slides of native shapes to a template; ``bytes()`` gives the finished file."""

    def __init__(
        self,
        argument_map: ArgumentMap,
        title: str,
        reference_doc: str | Path | None = None,
        theme: str = "light",
        font: FontChoice | None = None,
    ) -> None:
        from usfk_argmap.analysis.drawn import svg_ids
        from usfk_argmap.drawing.fonts import font_for_lang
        from usfk_argmap.drawing.style import THEMES

        self.map = argument_map
        self.presentation = open_template(reference_doc)
        self.own_template = reference_doc is None
        font = font if font is not None else font_for_lang(argument_map.lang)
        self.text = TextStyle.for_lang(argument_map.lang, font)
        set_theme_fonts(self.presentation, argument_map.lang, overwrite=self.own_template, font=font)
        fix_properties(self.presentation, title, argument_map.lang)
        self.map_ids = {svg_id: map_id for map_id, svg_id in svg_ids(argument_map).items()}
        self.alt_text = AltText(argument_map)
        self._layouts: dict[str, PictureLayout] = {}
        # A dark or print picture on our own template gets its background and text colour on the whole slide;
        # a user's template keeps its own.
        colours = THEMES.get(theme, THEMES["light"])
        self.theme = theme
        self.background = colours.background if self.own_template and theme != "light" else None
        self.text_colour = colours.text if self.background is not None else None

    # Slides -----------------------------------------------------------------------------------------------

    def title_slide(self, title: str, subtitle: str | None, notes: str) -> Any:
        page = self._add_slide("title")
        width = int(self.presentation.slide_width)
        heading = page.shapes.title
        others = [p for p in page.placeholders if p.placeholder_format.idx != 0]
        if self.own_template:  # python-pptx's template places these for a 4:3 slide: centre them on ours
            for placeholder in [p for p in (heading, *others[:1]) if p is not None]:
                top, height = int(placeholder.top), int(placeholder.height)  # inherited: set all four at once
                placeholder.left, placeholder.width = 2 * MARGIN, width - 4 * MARGIN
                placeholder.top, placeholder.height = top, height
        if heading is not None:
            self._set_text(heading, title, TITLE_SLIDE_SIZE if self.own_template else None)
        if others:
            self._set_text(others[0], subtitle or "", SUBTITLE_SIZE if self.own_template else None)
        self._notes(page, notes)
        return page

    def picture_slide(
        self,
        title: str,
        picture: PictureLayout,
        reveals: Sequence[Sequence[str]],
        notes: str,
        floor: float | None = None,
        highlights: Sequence[Sequence[str]] = (),
        hidden: Collection[str] = (),
    ) -> Any:
        """A slide with ``picture`` drawn below ``title``; ``reveals`` are the svg ids each click brings in.

        ``floor`` is the smallest text the slide may show, in px per em at 1920 px across (``TEXT_FLOORS``);
        ``highlights`` the svg ids of the statements each step adds (the first step's, then each click's), outlined
        in the accent colour while the step is current; ``hidden`` the svg ids no step shows (``Slide.hidden``).
        """
        page = self._add_slide("titleOnly")
        heading = page.shapes.title
        if heading is not None:
            if self.own_template:
                heading.left, heading.top = MARGIN, MARGIN // 2
                heading.width, heading.height = self.presentation.slide_width - 2 * MARGIN, TITLE_HEIGHT
            self._set_text(heading, title, TITLE_SIZE if self.own_template else None)
        area = picture_area(int(self.presentation.slide_width), int(self.presentation.slide_height), heading)
        placement = fit(picture.width, picture.height, area)
        if floor is not None:
            statements = [node for node in picture.nodes.values() if node.kind != "joint"]
            smallest = min((piece.size for node in statements for line in node.lines for piece in line), default=0.0)
            floor_points = floor * int(self.presentation.slide_width) / EMU_PER_POINT / SLIDE_PIXELS
            boxes = [(node.x, node.y, node.width, node.height) for node in statements]
            placement = reach_floor(placement, boxes, smallest, floor_points)
        shape_ids = self.draw(page, picture, placement, hidden)
        clicks = [
            [Entrance(shape_ids[svg_id][0], shape_ids[svg_id][1]) for svg_id in reveal if svg_id in shape_ids]
            for reveal in reveals
        ]
        accent = ACCENTS.get(self.theme, ACCENTS["light"])
        lit = [
            [
                Highlight(shape_ids[svg_id][0], accent, picture.nodes[svg_id].border)
                for svg_id in step
                if svg_id in shape_ids and svg_id in picture.nodes
            ]
            for step in highlights
        ]
        set_timing(page._element, timing_xml(clicks, lit[1:], lit[0] if lit else ()))
        self._notes(page, notes)
        return page

    def draw(
        self, page: Any, picture: PictureLayout, placement: Placement, hidden: Collection[str] = ()
    ) -> dict[str, tuple[int, bool]]:
        """Every node as a shape, then every line as a connector; svg id -> (shape id, has text).

        A node in ``hidden`` (an undercut relation's joint whose undercutter is not on the slide) is a hidden
        shape (``hidden="1"``): the lines stay glued through its place, unmarked, as the other formats draw them.
        """
        tree = page.shapes._spTree
        ids = ShapeIds(page.shapes._next_shape_id)
        placed: dict[str, PlacedShape] = {}
        drawn: dict[str, tuple[int, bool]] = {}
        sections = list(self.map.sections)
        for cluster in picture.clusters:  # first, so they lie behind the statements
            number = cluster.svg_id.removeprefix("am-s")
            section = sections[int(number) - 1] if number.isdigit() and 0 < int(number) <= len(sections) else number
            name = "legend" if cluster.svg_id == "am-legend" else f"section {section}"
            append_xml(tree, cluster_xml(cluster, name, placement, self.text, ids))
        # The statements in argument order, the order a screen reader and the Accessibility Checker follow.
        by_map_id = {self.map_ids.get(svg_id, svg_id): svg_id for svg_id in picture.nodes}
        for map_id in self.alt_text.in_argument_order(list(by_map_id)):
            svg_id = by_map_id[map_id]
            node = picture.nodes[svg_id]
            xml, shape = statement_xml(node, map_id, self._description(map_id, node), placement, self.text, ids)
            element = append_xml(tree, xml)
            if svg_id in hidden:
                element.find(f"{P}nvSpPr/{P}cNvPr").set("hidden", "1")
            placed[svg_id] = shape
            drawn[svg_id] = (shape.shape_id, node.kind != "joint")
        router = Router({shape.shape_id: shape.box for shape in placed.values()})
        for edge in picture.edges:
            if edge.tail not in placed or edge.head not in placed:
                continue
            tail, head = self.map_ids.get(edge.tail, edge.tail), self.map_ids.get(edge.head, edge.head)
            description = self.alt_text.relation(self._said_as(tail), self._said_as(head), edge.relation)
            xml, _ = connector_xml(
                edge, f"{tail} → {head}", placed[edge.tail], placed[edge.head], placement, ids, description, router
            )
            append_xml(tree, xml)
            drawn[edge.svg_id] = (ids.next_id - 1, False)
            caption = caption_xml(edge, placement, self.text, ids)
            if caption is not None:
                append_xml(tree, caption)
        return drawn

    def _add_slide(self, kind: str) -> Any:
        page = self.presentation.slides.add_slide(layout(self.presentation, kind))
        if self.background is not None and self.background.startswith("#"):
            page.background.fill.solid()
            page.background.fill.fore_color.rgb = rgb(self.background)
        return page

    def _set_text(self, placeholder: Any, text: str, size: float | None) -> None:
        """A placeholder's text broken into lines by our wrapping (the viewer's would split 「第五｜章」)."""
        from usfk_argmap.drawing.terms import map_terms
        from usfk_argmap.drawing.wrap import wrap

        points = size or placeholder_size(placeholder) or DEFAULT_TEXT_SIZE
        # Room for the text in em: the box less its insets (0.1 in each side), with a little to spare.
        em = (int(placeholder.width) - 182_880) / 12_700 / points * 0.95
        lines = wrap(text, max(2.0, em), self.map.lang, map_terms(self.map)) if text else [""]
        placeholder.text = "\v".join(lines)  # python-pptx writes a vertical tab as a line break (a:br)
        name_runs(placeholder.text_frame, self.text, size, self.text_colour)

    def _said_as(self, map_id: str) -> str:
        """How an end of a line is named in its alt text: a box of the map of the parts by its section's title
        (the thesis by its id), anything else by its map id."""
        number = map_id.removeprefix("am-section-")
        if number == map_id:
            return map_id
        if number == "thesis":
            return self.map.root or map_id
        sections = list(self.map.sections.values())
        return sections[int(number) - 1].title if number.isdigit() and 0 < int(number) <= len(sections) else map_id

    def _description(self, map_id: str, node: LaidNode) -> str:
        """A shape's alt text: the statement said in full (a picture may show a short label), or the joint's inference."""
        if node.kind == "joint":
            return self.alt_text.joint(map_id)
        return self.alt_text.statement(map_id, node.text)

    def _notes(self, page: Any, notes: str) -> None:
        if notes:
            frame = page.notes_slide.notes_text_frame
            frame.text = notes
            name_runs(frame, self.text)

    # Layouts ---------------------------------------------------------------------------------------------

    def figure_layout(self, figure: Figure) -> PictureLayout:
        """Graphviz's layout of a deck figure, from the DOT text its SVG was drawn from."""
        if figure.key not in self._layouts:
            from usfk_argmap.drawing.render import layout_source

            dot_text = getattr(figure, "dot", "") or ""
            engine = figure.options.engine or "dot"
            if not dot_text:
                dot_text, engine = layout_source(self.map, figure.options)
            self._layouts[figure.key] = lay_out(dot_text, engine)
        return self._layouts[figure.key]

    def prefetch(self, figures: Sequence[Figure]) -> None:
        """Lay several figures out at once, a Graphviz process per core (the results do not depend on the order)."""
        import os
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=max(1, min(len(figures), os.cpu_count() or 1))) as pool:
            list(pool.map(self.figure_layout, figures))

    def __bytes__(self) -> bytes:
        return saved(self.presentation)


def text_floor(kind: str) -> float | None:
    """The smallest text (px per em at 1920 px across) a picture slide of ``kind`` may show; None: no floor."""
    return TEXT_FLOORS.get(kind, DEFAULT_TEXT_FLOOR)


def step_notes(slide: Slide, lang: str = "en") -> str:
    """A slide's speaker notes: each step's notes in order, headed by the click that shows it."""
    from usfk_argmap.present.slides.deck import notes_text

    if len(slide.steps) == 1:
        return notes_text(slide, 0, lang)
    parts = []
    click = 0
    for index, step in enumerate(slide.steps):
        if index and step.reveal:
            click += 1
        heading = message(
            "notes.start" if index == 0 else "notes.click" if step.reveal else "notes.click_continued", lang, click=click
        )
        body = notes_text(slide, index, lang)
        parts.append(f"[{heading}]" + (f"\n{body}" if body else ""))
    return "\n\n".join(parts)


def native_deck_pptx(deck: Deck, argument_map: ArgumentMap, reference_doc: str | Path | None = None) -> bytes:
    """The deck as an editable .pptx: one slide per deck slide, build-ups as clicks."""
    from usfk_argmap.present.slides.deck import notes_text
    from usfk_argmap.present.slides.defence_pptx import add_defence_slide

    writer = NativeDeckWriter(argument_map, deck.title, reference_doc, deck.theme, deck.font)
    writer.prefetch([deck.figures[key] for key in dict.fromkeys(s.figure for s in deck.slides) if key is not None])
    titles = deck_titles(deck)
    for slide, title in zip(deck.slides, titles, strict=True):
        if slide.figure is None:
            writer.title_slide(title, slide.subtitle, notes_text(slide, 0, deck.chrome))
            continue
        picture = writer.figure_layout(deck.figures[slide.figure])
        reveals = [step.reveal for step in slide.steps[1:]]
        added = [step.new_nodes for step in slide.steps]
        notes = step_notes(slide, deck.chrome)
        writer.picture_slide(title, picture, reveals, notes, text_floor(slide.kind), added, slide.hidden)
    for page in deck.defence:  # slides --questions: the defence appendix
        add_defence_slide(page, lambda: writer._add_slide("titleOnly"), writer.text, writer.text_colour)
    return bytes(writer)


def map_pptx(
    argument_map: ArgumentMap,
    options: RenderOptions | None = None,
    reference_doc: str | Path | None = None,
    *,
    diagnostics: Sequence[Diagnostic] | None = None,
) -> bytes:
    """One editable slide of the map drawn with ``options`` (focus, section, theme...), to paste into a talk.

    ``diagnostics`` are what ``options.show_issues`` marks (``usfk_argmap.pipeline.map_pptx`` runs the checks).
    """
    from usfk_argmap.drawing.render import RenderOptions, layout_source

    options = options or RenderOptions()
    dot_text, engine = layout_source(argument_map, options, diagnostics=diagnostics)
    writer = NativeDeckWriter(argument_map, argument_map.title, reference_doc, options.theme)
    writer.picture_slide(argument_map.title, lay_out(dot_text, engine), [], "")
    return bytes(writer)

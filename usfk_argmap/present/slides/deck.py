"""The slide deck: title, overview, the whole map, a build-up of each part, a focus view of each main claim.

``build_deck`` turns the slide plan (``plan.plan_deck``: which slides, which
statements each picture draws) into the deck model: slides, each with its
steps and speaker notes, and the figures (SVGs) they show. Each figure is laid
out once, with the label width and stagger predicted to draw it largest
(``fit``), and the figures are laid out side by side through the layout
cache. A build-up slide reveals the figure's node and edge groups step by step,
so no node moves while the audience watches. ``deck_html`` pours the model
into ``templates/slides.html``; ``pptx_deck``, ``marp`` and ``beamer`` write
the same sequence in other formats.
"""

from __future__ import annotations

import dataclasses
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from usfk_argmap.analysis.buildup import Unit, main_claims
from usfk_argmap.analysis.links import undercut_relations
from usfk_argmap.model import ArgumentMap, Node
from usfk_argmap.present.slides.plan import DeckPlan, PicturePlan, plan_deck

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from usfk_argmap.drawing.render import RenderOptions
    from usfk_argmap.present.slides.fit import SlideShape

#: Formats of ``usfk-argmap slides``.
SLIDE_FORMATS: tuple[str, ...] = ("html", "pptx", "marp", "beamer")
#: The deck format each output suffix stands for.
SLIDE_SUFFIXES: dict[str, str] = {".html": "html", ".htm": "html", ".pptx": "pptx", ".md": "marp", ".tex": "beamer"}


def slide_format_for(output: str | Path, fmt: str | None = None) -> str:
    """The deck format: as given, or from the output's suffix; ``ValueError`` for a suffix we do not write."""
    if fmt is not None:
        if fmt not in SLIDE_FORMATS:
            raise ValueError(f"unknown slide format {fmt!r}; known: {', '.join(SLIDE_FORMATS)}")
        return fmt
    suffix = Path(output).suffix.lower()
    if suffix not in SLIDE_SUFFIXES:
        known = ", ".join(f"{name} ({form})" for name, form in SLIDE_SUFFIXES.items())
        what = f"the suffix {suffix!r}" if suffix else "no suffix"
        raise ValueError(f"cannot tell the deck format from {str(output)!r} ({what}): "
                         f"use one of {known}, or give --format")
    return SLIDE_SUFFIXES[suffix]

_SVG_NS = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Note:
    """Speaker notes about one node: what it says, where the source says it, the presenter's note."""

    node: str
    kind: str
    text: str
    quote: str | None = None
    en: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Step:
    """One build step: the SVG group ids it reveals, and what the presenter says about them."""

    reveal: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    #: Free-text notes (a section's note, an overview line).
    remarks: tuple[str, ...] = ()
    #: The statement groups this step brings in, shown emphasised while the step is current.
    new_nodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Slide:
    """A slide; ``id`` is its URL fragment. ``kind`` is title, overview, map, build or focus."""

    id: str
    kind: str
    title: str
    steps: tuple[Step, ...]
    #: The key of the figure in ``Deck.figures``; None for the title slide.
    figure: str | None = None
    subtitle: str | None = None
    #: SVG group id of a statement -> the slide a click on it goes to (overview and whole map).
    links: tuple[tuple[str, str], ...] = ()
    #: The slide a split-off build-up continues.
    parent: str | None = None

    @property
    def hidden_at_start(self) -> tuple[str, ...]:
        """The group ids that later steps reveal (hidden until then)."""
        return tuple(svg_id for step in self.steps[1:] for svg_id in step.reveal)


@dataclass(frozen=True)
class Figure:
    """One laid-out picture of (part of) the map; several slides may show it."""

    key: str
    #: The standalone SVG document Graphviz wrote.
    svg: bytes
    #: The render options it was drawn with (label width and stagger chosen for the slide).
    options: RenderOptions
    #: The DOT text it was laid out from (the step pictures of PowerPoint, Marp and Beamer start from it).
    dot: str = ""
    #: What it draws: the part's statements and those drawn muted around them.
    plan: PicturePlan | None = None

    @property
    def px_per_em(self) -> float:
        """Pixels per em of statement text on a 1920 x 1080 slide (notes hidden)."""
        from usfk_argmap.drawing.svg import size_in_points
        from usfk_argmap.present.slides.fit import PICTURE_AREA, px_per_em

        if self.plan is None:
            return px_per_em(size_in_points(self.svg), PICTURE_AREA)
        return px_per_em(size_in_points(self.svg), self.plan.area, self.plan.max_px_per_em)


@dataclass
class Deck:
    title: str
    lang: str
    theme: str
    slides: list[Slide]
    figures: dict[str, Figure] = field(default_factory=dict)
    #: The plan the slides come from (the same for every backend).
    plan: DeckPlan | None = None
    #: The slides' width over height.
    ratio: float = 16 / 9


def build_deck(argument_map: ArgumentMap, options: RenderOptions | None = None, *,
               section: str | None = None, jobs: int | None = None, shape: SlideShape | None = None) -> Deck:
    """Plan the slides, lay every figure out once (side by side, through the layout cache), fill in the steps.

    ``section`` keeps the build-up and focus slides of one section only (after
    the title, overview and whole map); ``shape`` is the slides' width over
    height and the text size they must reach (16:9, 24 px per em at 1920 x 1080).
    """
    from usfk_argmap.drawing.dot import svg_ids
    from usfk_argmap.drawing.render import RenderOptions
    from usfk_argmap.present.slides.plan import FitTest, part_key

    base = options if options is not None else RenderOptions()
    fits = FitTest(argument_map, base)
    for _ in range(_PLANNING_ROUNDS):
        plan = plan_deck(argument_map, base, fits, shape)
        if section is not None:
            plan = _only_section(plan, argument_map, section)
        deck = Deck(argument_map.title, argument_map.lang, str(base.theme), [], plan=plan,
                    ratio=shape.ratio if shape else 16 / 9)
        used = [key for key in dict.fromkeys(s.picture for s in plan.slides) if key is not None]
        _lay_out(deck, argument_map, [plan.pictures[key] for key in used], base, jobs)
        # A build-up whose text came out smaller than predicted is planned again, trusting the prediction less.
        short: dict[str, float] = {}
        for slide in plan.slides:
            figure = deck.figures[slide.picture] if slide.kind == "build" and slide.picture else None
            if figure is not None and figure.plan is not None and figure.px_per_em < figure.plan.min_px_per_em:
                part = part_key(figure.key)
                short[part] = min(short.get(part, 1.0), figure.px_per_em / fits.predicted(figure.plan))
        if not short:
            break
        for part, ratio in short.items():
            fits.corrections[part] = fits.corrections.get(part, 1.0) * ratio
    ids = svg_ids(argument_map)
    root = argument_map.nodes.get(argument_map.root)
    claims = main_claims(argument_map)
    for planned in plan.slides:
        links = tuple((ids[n], _link_target(plan, n, target)) for n, target in planned.links if n in ids)
        if planned.kind == "title":
            deck.slides.append(_title_slide(argument_map, claims))
            continue
        figure = deck.figures[planned.picture] if planned.picture else None
        if planned.kind in ("overview", "map"):
            remarks = tuple(f"{index}. {argument_map.nodes[c].text}" for index, c in enumerate(claims, 1))
            step = Step(notes=(_note(root),) if root else (), remarks=remarks if planned.kind == "overview" else ())
            deck.slides.append(Slide(planned.id, planned.kind, planned.title, (step,), planned.picture,
                                     planned.subtitle, links))
        elif planned.kind == "focus" and planned.top is not None:
            node = argument_map.nodes[planned.top]
            step = Step(notes=(_note(node),), new_nodes=(ids[node.id],) if node.id in ids else ())
            deck.slides.append(Slide(planned.id, "focus", planned.title, (step,), planned.picture, planned.subtitle))
        elif figure is not None:
            steps = _build_steps(argument_map, figure, planned.units, planned.remark)
            deck.slides.append(Slide(planned.id, "build", planned.title, steps, planned.picture, planned.subtitle,
                                     parent=planned.parent))
    return deck


def _link_target(plan: DeckPlan, node_id: str, slide_id: str) -> str:
    """``slide`` or ``slide/step``: where a click on a statement goes (the step that brings it in, 1-based)."""
    units = plan.slide(slide_id).units
    step = next((index for index, unit in enumerate(units) if node_id in unit.nodes), 0)
    return f"{slide_id}/{step + 1}" if step else slide_id


#: At most this many rounds of planning and laying out (each lays out only the pictures that changed).
_PLANNING_ROUNDS = 3


def _only_section(plan: DeckPlan, argument_map: ArgumentMap, section: str) -> DeckPlan:
    from usfk_argmap.analysis.selection import section_members

    members = section_members(argument_map, section)
    kept = [s for s in plan.slides if s.kind in ("title", "overview", "map") or
            (s.kind == "build" and any(n in members for u in s.units for n in u.nodes)) or
            (s.kind == "focus" and s.top in members)]
    ids = {s.id for s in kept}
    # The overview and the whole map link only to slides the deck still has.
    kept = [dataclasses.replace(s, links=tuple((n, target) for n, target in s.links if target in ids)) for s in kept]
    return DeckPlan(plan.title, plan.lang, kept, plan.pictures)


def _lay_out(deck: Deck, argument_map: ArgumentMap, pictures: Sequence[PicturePlan], base: RenderOptions,
             jobs: int | None) -> None:
    """Lay each picture out once, with the label width and stagger predicted to draw its text largest."""
    from usfk_argmap.drawing.render import PictureRequest, render_pictures
    from usfk_argmap.drawing.wrap import DEFAULT_WIDTH
    from usfk_argmap.present.slides.fit import CANDIDATE_STAGGERS, CANDIDATE_WIDTHS, best_layout

    requests = []
    for picture in pictures:
        # The deck's pictures stand on the slide's own background (no box of another grey).
        options = dataclasses.replace(base, transparent=True, focus=None, section=None, fit=None)
        # A label width asked for is kept; otherwise the width that draws the text largest is predicted.
        widths = (picture.widths or CANDIDATE_WIDTHS) if base.width == DEFAULT_WIDTH else (base.width,)
        chosen = best_layout(argument_map, picture.drawn, options, picture.area, widths,
                             picture.staggers or CANDIDATE_STAGGERS, picture.wide, picture.max_px_per_em)
        options = dataclasses.replace(options, width=chosen.width, stagger=chosen.stagger)
        shown = None if picture.whole else picture.drawn
        requests.append(PictureRequest(options, shown, picture.context, chosen.label_widths))
    for picture, request, drawn in zip(pictures, requests, render_pictures(argument_map, requests, jobs),
                                       strict=True):
        deck.figures[picture.key] = Figure(picture.key, drawn.svg, request.options, drawn.dot, picture)


def deck_html(deck: Deck, templates: str | Path | None = None, font_css: str | None = None) -> str:
    """The deck as one self-contained HTML page (inline SVG, CSS and script; nothing fetched).

    ``font_css`` is the deck's ``@font-face`` (``deck_font_css``), when made already.
    """
    from usfk_argmap.drawing.svg import inline_svg
    from usfk_argmap.present.templating import render_template

    figures = {key: _with_size_cap(inline_svg(figure.svg, f"{key}-"), figure.svg) for key, figure in deck.figures.items()}
    return render_template("slides.html", templates, deck=deck, figures=figures, slides=deck.slides,
                           font_css=deck_font_css(deck) if font_css is None else font_css)


#: Largest height of label text on a slide, in hundredths of the slide's height.
MAX_TEXT_HEIGHT = 3.4


def _with_size_cap(inline: str, svg: bytes) -> str:
    """The inline SVG with a largest size, so a picture of two or three nodes is not blown up to poster text.

    Graphviz draws label text at about 14 pt; the cap keeps it at most
    ``MAX_TEXT_HEIGHT`` % of the slide's height (``cqh``: the slide is the CSS container).
    """
    from usfk_argmap.drawing.svg import size_in_points

    width, height = size_in_points(svg)
    per_point = MAX_TEXT_HEIGHT / 14.0
    style = f'style="max-width:{width * per_point:.1f}cqh;max-height:{height * per_point:.1f}cqh" '
    return inline.replace("<svg ", "<svg " + style, 1)


def deck_font_css(deck: Deck) -> str:
    """One ``@font-face`` with a subset of the map's font for every figure of the deck (embedded once, not per SVG)."""
    from usfk_argmap.drawing.fonts import svg_text

    characters = {char for figure in deck.figures.values() for char in svg_text(figure.svg)}
    characters.update(char for slide in deck.slides for char in slide.title + (slide.subtitle or ""))
    return font_face_css(deck.lang, characters)


def map_font_css(argument_map: ArgumentMap, lang_mode: str = "zh") -> str:
    """The ``@font-face`` for every character a deck of the map can draw, known before anything is laid out.

    The deck's subset is made from the map's text, so it can be made while
    Graphviz lays the pictures out.
    """
    return font_face_css(argument_map.lang, map_characters(argument_map, lang_mode))


def map_characters(argument_map: ArgumentMap, lang_mode: str = "zh") -> set[str]:
    """Every character the pictures and titles of a deck of the map can show."""
    texts: list[str] = [argument_map.title, *(s.title for s in argument_map.sections.values())]
    for node in argument_map.nodes.values():
        texts.append(node.en if lang_mode == "en" and node.en else node.shown_text)
        if lang_mode == "both" and node.en:
            texts.append(node.en)
    return {char for text in texts for char in text}


def _side_worker() -> Executor:
    """A worker for work that overlaps the deck's build: a forked process where there is fork, else a thread."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    if "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return ThreadPoolExecutor(max_workers=1)


def font_face_css(lang: str, characters: set[str]) -> str:
    """A WOFF ``@font-face`` of the language's font with these characters, through the layout cache."""
    from usfk_argmap.drawing.fonts import find_font_file, font_for_lang

    text = "".join(sorted(c for c in characters if not c.isspace()))
    if not text:
        return ""
    family = font_for_lang(lang).family
    path, index = find_font_file(family)
    return font_face_from_file(family, path, index, text)


def font_face_from_file(family: str, path: Path, index: int, text: str) -> str:
    """``font_face_css`` once the font file is found (what the side worker does: notes stay with the caller)."""
    import base64
    import hashlib

    from usfk_argmap.drawing.cache import cached, store
    from usfk_argmap.drawing.fonts import subset_font

    stat = path.stat()
    key = hashlib.sha256(f"font\n{path}:{index}:{stat.st_size}:{stat.st_mtime_ns}\nwoff hinted\n{text}".encode()).hexdigest()
    data = cached(key)
    if data is None:
        data = subset_font(path, index, text, "woff", keep_hints=True)
        store(key, data)
    encoded = base64.b64encode(data).decode("ascii")
    return f"@font-face{{font-family:'{family}';src:url(data:font/woff;base64,{encoded}) format('woff');}}"


def _title_slide(argument_map: ArgumentMap, claims: list[str]) -> Slide:
    root = argument_map.nodes.get(argument_map.root)
    remarks = [f"{len(argument_map.nodes)} statements, {len(claims)} main claim(s)."]
    if argument_map.source_text is not None:
        remarks.append(f"Source text: {Path(argument_map.source_text.name).name}")
    step = Step(notes=(_note(root),) if root else (), remarks=tuple(remarks))
    return Slide("title", "title", argument_map.title, (step,), None, root.shown_text if root else None)


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


def notes_text(slide: Slide, step: int) -> str:
    """A step's speaker notes as plain text (for PowerPoint, Marp and Beamer)."""
    lines: list[str] = list(slide.steps[step].remarks)
    for note in slide.steps[step].notes:
        lines.append(f"[{note.kind} {note.node}] {note.text}")
        if note.quote:
            lines.append(f"Source: 「{note.quote}」" if _is_cjk(note.quote) else f"Source: \u201c{note.quote}\u201d")
        if note.en:
            lines.append(f"English: {note.en}")
        if note.note:
            lines.append(f"Note: {note.note}")
    return "\n".join(lines)


def _is_cjk(text: str) -> bool:
    return any("\u3000" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" for char in text)


def slide_files(deck: Deck, argument_map: ArgumentMap, fmt: str, output: Path,
                templates: str | Path | None = None, *, pictures: bool = False,
                reference_doc: str | Path | None = None) -> dict[Path, bytes]:
    """Every file of the deck in ``fmt``: the deck itself at ``output``, pictures in a folder beside it.

    The Marp and Beamer decks refer to their pictures as ``<stem>_files/NAME``. A PowerPoint
    deck is native shapes, or pictures with ``pictures``; ``reference_doc`` is its template.
    """
    if fmt == "html":
        return {output: deck_html(deck, templates).encode("utf-8")}
    if fmt == "pptx":
        from usfk_argmap.present.slides.pptx import deck_pptx

        return {output: deck_pptx(deck, argument_map, pictures=pictures, reference_doc=reference_doc)}
    folder = picture_folder(output)
    if fmt == "marp":
        from usfk_argmap.present.slides.marp import deck_marp

        text, picture_files = deck_marp(deck, argument_map, folder)
    elif fmt == "beamer":
        from usfk_argmap.present.slides.beamer import deck_beamer

        text, picture_files = deck_beamer(deck, argument_map, folder)
    else:
        raise ValueError(f"unknown slide format {fmt!r}; known: {', '.join(SLIDE_FORMATS)}")
    files = {output: text.encode("utf-8")}
    files.update({output.parent / name: data for name, data in picture_files.items()})
    return files


def picture_folder(output: Path) -> str:
    """The name of the folder beside a Marp or Beamer deck that holds its pictures: ``<stem>_files``.

    A backslash, a double quote or a control character in the stem becomes
    ``_``: no output language can name those in a path. Markdown and LaTeX
    escape everything else (``markdown_url``, ``beamer.latex_path``).
    """
    stem = "".join("_" if char in '\\"' or unicodedata.category(char) == "Cc" else char for char in output.stem)
    return f"{stem}_files"


def write_slides(argument_map: ArgumentMap, output: str | Path, fmt: str = "html",
                 options: RenderOptions | None = None, templates: str | Path | None = None, *,
                 section: str | None = None, shape: SlideShape | None = None, jobs: int | None = None,
                 pictures: bool = False, reference_doc: str | Path | None = None) -> list[Path]:
    """Build the deck of a map and write it (and its pictures) atomically; returns the paths written.

    ``pictures`` and ``reference_doc`` apply to PowerPoint decks (see ``deck_pptx``).
    """
    from usfk_argmap.errors import OutputError
    from usfk_argmap.files import check_target, is_stream, write_files_atomic

    output = Path(output)
    if fmt not in SLIDE_FORMATS:
        raise ValueError(f"unknown slide format {fmt!r}; known: {', '.join(SLIDE_FORMATS)}")
    check_target(output, argument_map.input_paths())  # before the slow part
    if fmt in ("marp", "beamer") and is_stream(output):
        raise OutputError(f"cannot write {output}: it is a device or FIFO, and a {fmt} deck is several files "
                          "(the pictures go in a folder beside it); name a file in a folder")
    if fmt == "pptx" and reference_doc is not None:
        from usfk_argmap.present.slides.pptx_package import open_template

        open_template(reference_doc)  # a bad template is reported before the deck is built
    if fmt == "html":
        lang_mode = options.lang_mode if options is not None else "zh"
        # The font subset is a third of a second of Python, the plan and the layouts as much again:
        # made in a process of its own, it is ready when they are.
        from usfk_argmap.drawing.fonts import find_font_file, font_for_lang

        text = "".join(sorted(c for c in map_characters(argument_map, lang_mode) if not c.isspace()))
        family = font_for_lang(argument_map.lang).family
        # Found here, not in the worker: a missing font is a note (or an error) of this command's own.
        path, index = find_font_file(family)
        with _side_worker() as pool:
            font_css = pool.submit(font_face_from_file, family, path, index, text)
            deck = build_deck(argument_map, options, section=section, shape=shape, jobs=jobs)
            files = {output: deck_html(deck, templates, font_css.result() if text else "").encode("utf-8")}
    else:
        deck = build_deck(argument_map, options, section=section, shape=shape, jobs=jobs)
        files = slide_files(deck, argument_map, fmt, output, templates, pictures=pictures,
                            reference_doc=reference_doc)
    # The pictures first and the deck last: a deck is never left referring to pictures not written.
    page = files.pop(output)
    files[output] = page
    write_files_atomic(files, inputs=argument_map.input_paths())
    return [output, *(path for path in files if path != output)]

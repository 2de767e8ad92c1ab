"""The slide deck: a title, the whole map, a build-up of each part, a focus view of each main claim.

``build_deck`` makes the deck model: slides, each with its steps and speaker
notes, and the figures (SVGs) they show. Each figure is laid out once; a
build-up slide reveals the figure's node and edge groups step by step, so no
node moves while the audience watches. ``deck_html`` pours the model into
``templates/slides.html``; ``pptx_deck``, ``marp`` and ``beamer`` write the
same sequence in other formats.

A part is a section when the map has sections (in their order), otherwise a
main claim: a node bearing directly on the root.
"""

from __future__ import annotations

import dataclasses
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from usfk_argmap.analysis.buildup import Unit, build_order, main_claims, section_tops, subtree
from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.model import ArgumentMap, Node

if TYPE_CHECKING:
    from usfk_argmap.drawing.render import RenderOptions

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
    """A slide; ``id`` is its URL fragment. ``kind`` is title, map, build or focus."""

    id: str
    kind: str
    title: str
    steps: tuple[Step, ...]
    #: The key of the figure in ``Deck.figures``; None for the title slide.
    figure: str | None = None
    subtitle: str | None = None

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
    #: The render options it was drawn with (section, focus... set).
    options: RenderOptions


@dataclass
class Deck:
    title: str
    lang: str
    theme: str
    slides: list[Slide]
    figures: dict[str, Figure] = field(default_factory=dict)


def build_deck(argument_map: ArgumentMap, options: RenderOptions | None = None) -> Deck:
    """Lay out every figure once and build the slide sequence."""
    from usfk_argmap.drawing.render import RenderOptions

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


def deck_html(deck: Deck, templates: str | Path | None = None) -> str:
    """The deck as one self-contained HTML page (inline SVG, CSS and script; nothing fetched)."""
    from usfk_argmap.drawing.svg import inline_svg
    from usfk_argmap.present.templating import render_template

    figures = {key: _with_size_cap(inline_svg(figure.svg, f"{key}-"), figure.svg) for key, figure in deck.figures.items()}
    return render_template("slides.html", templates, deck=deck, figures=figures, slides=deck.slides,
                           font_css=deck_font_css(deck))


#: Largest height of label text on a slide, in hundredths of the slide's height (the title is 4.6).
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
    import base64

    from usfk_argmap.drawing.fonts import find_font_file, font_for_lang, subset_woff2, svg_text

    characters = "".join(sorted({char for figure in deck.figures.values() for char in svg_text(figure.svg)}))
    if not characters.strip():
        return ""
    font = font_for_lang(deck.lang)
    path, index = find_font_file(font.family)
    data = base64.b64encode(subset_woff2(path, index, characters)).decode("ascii")
    return f"@font-face{{font-family:'{font.family}';src:url(data:font/woff2;base64,{data}) format('woff2');}}"


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
    files = slide_files(build_deck(argument_map, options), argument_map, fmt, output, templates,
                        pictures=pictures, reference_doc=reference_doc)
    # The pictures first and the deck last: a deck is never left referring to pictures not written.
    deck = files.pop(output)
    files[output] = deck
    write_files_atomic(files, inputs=argument_map.input_paths())
    return [output, *(path for path in files if path != output)]

"""The slide deck's model: slides, their build steps and speaker notes, and the figures they show.

A deck is a title, an overview of the thesis and main claims, a legend, the
map's parts (a map with sections), the whole map, a build-up of each part (a dense part split by sub-claim) and a focus view of
each main claim. ``plan.plan_deck`` decides the slides and what each picture
draws; ``layout.build_deck`` lays each figure out once and fills in the
steps: a build-up slide reveals the figure's node and edge groups step by
step, so no node moves while the audience watches. ``html.deck_html`` pours
the deck into ``templates/slides.html``; ``pptx``, ``marp`` and ``beamer``
write the same sequence in other formats, reading only these types;
``formats.write_slides`` picks one and writes its files.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from usfk_argmap.core.formats import FileFormat, FormatTable
from usfk_argmap.core.messages import message
from usfk_argmap.present.chrome import word

if TYPE_CHECKING:
    from usfk_argmap.drawing.cache import LayoutCache
    from usfk_argmap.drawing.fonts import FontChoice
    from usfk_argmap.drawing.options import RenderOptions
    from usfk_argmap.present.slides.defence import DefencePage
    from usfk_argmap.present.slides.plan import DeckPlan
    from usfk_argmap.present.slides.sizes import PicturePlan

#: Formats of ``usfk-argmap slides``, with the suffixes that stand for them (``formats.slide_files`` writes each).
SLIDE_FORMATS = FormatTable(
    "deck",
    (
        FileFormat("html", (".html", ".htm")),
        FileFormat("pptx", (".pptx",)),
        FileFormat("marp", (".md",)),
        FileFormat("beamer", (".tex",)),
    ),
)


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
    """A slide; ``id`` is its URL fragment. ``kind`` is title, overview, legend, sections, map, build or focus."""

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
    #: Group ids of the figure that no step shows (an undercut relation's joint without its undercutter).
    hidden: tuple[str, ...] = ()

    @property
    def hidden_at_start(self) -> tuple[str, ...]:
        """The group ids that later steps reveal (hidden until then), and those never shown."""
        return (*(svg_id for step in self.steps[1:] for svg_id in step.reveal), *self.hidden)


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
        from usfk_argmap.present.slides.fit import PICTURE_AREA, px_per_em

        if self.plan is None:
            return px_per_em(svg_size(self.svg), PICTURE_AREA)
        return px_per_em(svg_size(self.svg), self.plan.area, self.plan.max_px_per_em)


def svg_size(svg: bytes) -> tuple[float, float]:
    """``drawing.svg.size_in_points`` read from the ``<svg>`` start tag alone, not the whole picture as text.

    A 10,000-statement map's picture is megabytes: decoding all of it to read two attributes cost
    as much memory again, each time.
    """
    from usfk_argmap.drawing.svg import size_in_points

    start = svg.find(b"<svg")
    end = svg.find(b">", start) if start >= 0 else -1
    return size_in_points(svg[: end + 1] if end >= 0 else svg)


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
    #: The layout cache the deck was built through: a backend drawing more of its figures uses it too.
    layout_cache: LayoutCache | None = field(default=None, compare=False, repr=False)
    #: The map's font, looked up once for the deck (None: looked up from ``lang`` where needed).
    font: FontChoice | None = None
    #: A warning on every slide of the HTML deck and in the title slide's notes of every format
    #: (``with_banner``): the map is a draft with errors. None for a map without.
    banner: str | None = None
    #: The catalogue language of the words the deck adds around the map's text (``core.messages``).
    chrome: str = "en"
    #: The defence appendix's pages after the slides (``slides --questions``; ``defence.py``), in every format.
    defence: tuple[DefencePage, ...] = ()


def with_banner(deck: Deck, banner: str | None) -> Deck:
    """The deck with ``banner`` on every slide (HTML) and first in the title slide's notes (every format).

    The notes carry it because PowerPoint, Marp and Beamer show no text of the deck's
    own on a slide but the title's; the HTML template puts ``deck.banner`` on each slide.
    """
    if banner is None:
        return deck
    slides = list(deck.slides)
    for index, slide in enumerate(slides):
        if slide.kind == "title" and slide.steps:
            first = slide.steps[0]
            steps = (dataclasses.replace(first, remarks=(banner, *first.remarks)), *slide.steps[1:])
            slides[index] = dataclasses.replace(slide, steps=steps)
            break
    return dataclasses.replace(deck, slides=slides, banner=banner)


def notes_text(slide: Slide, step: int, lang: str = "en") -> str:
    """A step's speaker notes as plain text (for PowerPoint, Marp and Beamer), their labels in ``lang``."""
    lines: list[str] = list(slide.steps[step].remarks)
    for note in slide.steps[step].notes:
        lines.append(f"[{word(lang, 'kind', note.kind)} {note.node}] {note.text}")
        if note.quote:
            quote = f"「{note.quote}」" if _is_cjk(note.quote) else f"\u201c{note.quote}\u201d"
            lines.append(message("notes.source", lang, quote=quote))
        if note.en:
            lines.append(message("notes.english", lang, text=note.en))
        if note.note:
            lines.append(message("notes.note", lang, text=note.note))
    return "\n".join(lines)


def _is_cjk(text: str) -> bool:
    return any("\u3000" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" for char in text)

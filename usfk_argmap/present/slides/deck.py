"""The slide deck's model: slides, their build steps and speaker notes, and the figures they show.

A deck is a title, the whole map, a build-up of each part and a focus view of
each main claim. ``layout.build_deck`` makes it, laying each figure out once:
a build-up slide reveals the figure's node and edge groups step by step, so
no node moves while the audience watches. ``html.deck_html`` pours it into
``templates/slides.html``; ``pptx``, ``marp`` and ``beamer`` write the same
sequence in other formats, reading only these types; ``formats.write_slides``
picks one and writes its files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from usfk_argmap.drawing.options import RenderOptions

#: Formats of ``usfk-argmap slides``.
SLIDE_FORMATS: tuple[str, ...] = ("html", "pptx", "marp", "beamer")


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

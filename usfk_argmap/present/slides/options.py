"""How a deck is made, besides its format: ``SlideOptions``, read by ``build_deck``, every backend and ``slides``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.present.slides.fit import SlideShape


@dataclass(frozen=True)
class SlideOptions:
    """The options of a deck. Every field has a default; the ``slides`` command builds one from its flags.

    render: how the pictures are drawn (text or gloss, theme, direction, evaluate); a label
        width other than the default is kept for every picture, else each gets the width
        predicted to draw its text largest.
    shape: the slides' width over height and the smallest text they must reach
        (16:9, 24 px per em at 1920 x 1080).
    section: keep only this section's build-up and focus slides (after the title, overview and whole map).
    templates: a folder of jinja2 templates that take precedence over the bundled ones (the HTML deck).
    pictures: PowerPoint: a picture of the map per build step instead of editable shapes.
    reference_doc: PowerPoint: a deck whose slide size, masters, layouts, theme and fonts the deck takes.
    jobs: how many pictures Graphviz lays out at once (None: all cores).
    questions: add the defence appendix after the slides: each main claim's open critical questions
        and what in the map would answer them (``defence.py``).
    """

    render: RenderOptions = field(default_factory=RenderOptions)
    shape: SlideShape = field(default_factory=SlideShape)
    section: str | None = None
    templates: str | Path | None = None
    pictures: bool = False
    reference_doc: str | Path | None = None
    jobs: int | None = None
    questions: bool = False

    def __post_init__(self) -> None:
        if self.reference_doc is not None and self.pictures:
            raise ValueError("--reference-doc applies to editable decks, not to --pictures")
        if self.jobs is not None and self.jobs < 1:
            raise ValueError(f"jobs must be 1 or more, not {self.jobs}")

    def check_format(self, fmt: str) -> None:
        """Raise ``ValueError`` when an option of PowerPoint decks is given for a deck of another ``fmt``."""
        if (self.reference_doc is not None or self.pictures) and fmt != "pptx":
            raise ValueError("--reference-doc and --pictures are options of PowerPoint decks (--format pptx)")

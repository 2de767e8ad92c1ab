"""Pictures of each build step for the text and PowerPoint decks: SVG, PNG or PDF.

The HTML deck hides groups with CSS. Here the same figure is needed as
separate files, one per step, and still without any node moving: an SVG step
is the figure's SVG with a style that hides the pending groups; a PNG or PDF
step comes from the figure laid out once (``dot -Tdot`` keeps every position),
with the pending groups made invisible and drawn by ``neato -n2``, which draws
at the given positions instead of laying out again. All the figures are laid
out, and all the steps drawn, in one Graphviz run per core: a run's cost is
mostly Graphviz starting and loading its fonts. (The editable PowerPoint deck
draws shapes instead: ``pptx_native``.)
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from usfk_argmap.drawing.cache import LayoutCache
from usfk_argmap.drawing.graphviz import run_graphviz, run_gvpr

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.present.slides.deck import Figure, Slide

#: Pixels per inch of slide that a 1920 x 1080 projector shows of PowerPoint's 13.33 x 7.5 in slide.
PROJECTOR_DPI = 144
#: The room a picture has on the slide, in inches (``pptx``: the slide less its margins and title).
PICTURE_BOX = (12.53, 5.3)


class FigurePictures:
    """Makes the step pictures of one figure, laying the figure out at most once."""

    def __init__(self, argument_map: ArgumentMap, figure: Figure, cache: LayoutCache | None = None) -> None:
        self.map = argument_map
        self.figure = figure
        #: Where layouts are kept: the deck's build's cache (``Deck.layout_cache``), else the environment's.
        self.cache = cache if cache is not None else LayoutCache.from_environment()

    @property
    def source(self) -> str:
        """The DOT the figure's SVG was laid out from: the same statements, context and label widths."""
        from usfk_argmap.drawing.render import to_dot

        return self.figure.dot or to_dot(self.map, self.figure.options)

    @cached_property
    def laid_out(self) -> bytes:
        """The figure laid out, as ``dot -Tdot`` writes it (every position kept)."""
        return self.cache.run(self.source, "dot", "dot")

    def svg(self, hidden: Collection[str]) -> bytes:
        """The figure's SVG with the ``hidden`` groups hidden."""
        if not hidden:
            return self.figure.svg
        selector = ",".join(f'[id="{svg_id}"]' for svg_id in sorted(hidden))
        style = f"<style>{selector}{{visibility:hidden}}</style>".encode()
        text = self.figure.svg
        at = text.find(b">", text.find(b"<svg")) + 1
        return text[:at] + b"\n" + style + text[at:]

    @cached_property
    def png_dpi(self) -> int:
        from usfk_argmap.drawing.svg import size_in_points

        # As many pixels as the projector shows of the picture where the slide shows it (at most its own
        # size): more only costs time to draw (most of a deck's build) and room in the file.
        width, height = (side / 72 for side in size_in_points(self.figure.svg))
        shown = min(1.0, PICTURE_BOX[0] / width, PICTURE_BOX[1] / height)
        return max(48, round(PROJECTOR_DPI * shown))

    def raster(self, hidden: Collection[str], fmt: str) -> bytes:
        """The figure as PNG or PDF with the ``hidden`` groups invisible, at the one layout."""
        graph = self.laid_out
        if hidden:
            test = " || ".join(f'id == "{svg_id}"' for svg_id in sorted(hidden))
            graph = run_gvpr(f'N[{test}]{{style = "invis"}} E[{test}]{{style = "invis"}}', graph)
        flags = ["-n2", f"-Gdpi={self.png_dpi}"] if fmt == "png" else ["-n2", *_PDF_FLAGS]
        return run_graphviz(graph, fmt, "neato", flags)


def step_rasters(
    pictures: Sequence[tuple[FigurePictures, Collection[str]]], fmt: str, jobs: int | None = None, background: str | None = None
) -> list[bytes]:
    """``raster(hidden, fmt)`` for many steps at once, in a few Graphviz runs side by side.

    Each figure is laid out once (``dot -Tdot``, figures side by side); each
    step is that layout with its pending groups made invisible, and all the
    steps are drawn by ``neato -n2`` in one run per core: Graphviz draws a
    stream of graphs one after the other (PNG or PDF files end to end), and
    most of a run's time is starting up and loading the fonts. ``background``
    fills the pictures. The runs go through the first figure's cache (a deck's figures share one).
    """
    if not pictures:
        return []
    makers = list(dict.fromkeys(maker for maker, _ in pictures))
    lay_out_all(makers, jobs)
    graphs = [
        _with_hidden(maker.laid_out, hidden, maker.png_dpi if fmt == "png" else None, background) for maker, hidden in pictures
    ]
    return makers[0].cache.run_many(graphs, fmt, "neato", ["-n2", *(_PDF_FLAGS if fmt == "pdf" else ())], jobs=jobs)


#: Graphviz puts a margin of half an inch round a PDF (none round an SVG or PNG): without it, a PDF
#: step is the size of the figure's SVG, which the slide plan sized, and fills its room on the page.
_PDF_FLAGS = ("-Gmargin=0",)


def lay_out_all(makers: Sequence[FigurePictures], jobs: int | None = None) -> None:
    """Lay out every figure not laid out yet, in one ``dot -Tdot`` run per core (through the first one's cache)."""
    pending = [maker for maker in makers if "laid_out" not in maker.__dict__]
    if not pending:
        return
    outputs = pending[0].cache.run_many([m.source for m in pending], "dot", "dot", jobs=jobs)
    for maker, output in zip(pending, outputs, strict=True):
        maker.__dict__["laid_out"] = output


_STATEMENT_END = b"];\n"


def _with_hidden(graph: bytes, hidden: Collection[str], dpi: int | None, background: str | None = None) -> bytes:
    """The laid-out graph with the ``hidden`` groups (node and edge ids) drawn invisibly, at ``dpi``."""
    settings = ([f"dpi={dpi}"] if dpi is not None else []) + ([f'bgcolor="{background}"'] if background else [])
    if settings:
        opening = graph.index(b"{") + 1
        graph = graph[:opening] + f"\n\tgraph [{', '.join(settings)}];".encode() + graph[opening:]
    if not hidden:
        return graph
    pieces: list[bytes] = []
    at = 0
    # Attributes are written one per line, the statement closed by "];" at a line's end (a label is
    # one line of HTML-like text): the last "style" given wins, so one more is appended. A hidden
    # statement's label is emptied too: laying its text out again is most of what drawing it costs.
    marks = sorted(graph.find(f'id="{svg_id}"'.encode()) for svg_id in hidden)
    for mark in marks:
        if mark < at:
            continue
        start = graph.rfind(b";\n", 0, mark) + 2 if graph.rfind(b";\n", 0, mark) >= at else at
        end = graph.find(_STATEMENT_END, mark)
        if end < 0:
            continue
        pieces += [graph[at:start], _LABEL.sub(rb'\1label=""\2', graph[start:end]), b",\n\t\tstyle=invis"]
        at = end
    pieces.append(graph[at:])
    return b"".join(pieces)


#: An HTML-like label on a line of its own, as ``dot -Tdot`` writes one.
_LABEL = re.compile(rb"(\s)label=<[^\n]*>(,?)(?=\n)")


def hidden_at(slide: Slide, step: int) -> set[str]:
    """The groups still hidden at ``step`` of ``slide`` (0-based), and those no step shows."""
    return {svg_id for later in slide.steps[step + 1 :] for svg_id in later.reveal} | set(slide.hidden)

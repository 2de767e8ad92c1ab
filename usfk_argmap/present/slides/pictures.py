"""Pictures of each build step for the text and PowerPoint decks: SVG, PNG or PDF.

The HTML deck hides groups with CSS. Here the same figure is needed as
separate files, one per step, and still without any node moving: an SVG step
is the figure's SVG with a style that hides the pending groups; a PNG or PDF
step comes from the figure laid out once (``dot -Tdot`` keeps every position),
with the pending groups made invisible by ``gvpr`` and drawn by ``neato -n2``,
which draws at the given positions instead of laying out again.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cached_property
from typing import TYPE_CHECKING

from usfk_argmap.drawing.graphviz import run_graphviz, run_gvpr

if TYPE_CHECKING:
    from usfk_argmap.model import ArgumentMap
    from usfk_argmap.present.slides.deck import Figure, Slide

#: Resolution of PNG pictures (PowerPoint shows them sharp on a projector at this density)...
PNG_DPI = 160
#: ...unless the picture's longer side would exceed this many pixels (a wide map on a 16:9 slide).
MAX_PNG_SIDE = 3200


class FigurePictures:
    """Makes the step pictures of one figure, laying the figure out at most once."""

    def __init__(self, argument_map: ArgumentMap, figure: Figure) -> None:
        self.map = argument_map
        self.figure = figure

    @cached_property
    def laid_out(self) -> bytes:
        from usfk_argmap.drawing.cache import run_cached
        from usfk_argmap.drawing.render import to_dot

        # The DOT the figure's SVG was laid out from: the same statements, context and label widths.
        source = self.figure.dot or to_dot(self.map, self.figure.options)
        return run_cached(source, "dot", "dot")

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

        longer = max(size_in_points(self.figure.svg))
        return max(48, min(PNG_DPI, int(MAX_PNG_SIDE * 72 / longer)))

    def raster(self, hidden: Collection[str], fmt: str) -> bytes:
        """The figure as PNG or PDF with the ``hidden`` groups invisible, at the one layout."""
        graph = self.laid_out
        if hidden:
            test = " || ".join(f'id == "{svg_id}"' for svg_id in sorted(hidden))
            graph = run_gvpr(f'N[{test}]{{style = "invis"}} E[{test}]{{style = "invis"}}', graph)
        flags = ["-n2", f"-Gdpi={self.png_dpi}"] if fmt == "png" else ["-n2"]
        return run_graphviz(graph, fmt, "neato", flags)


def hidden_at(slide: Slide, step: int) -> set[str]:
    """The groups still hidden at ``step`` of ``slide`` (0-based)."""
    return {svg_id for later in slide.steps[step + 1:] for svg_id in later.reveal}


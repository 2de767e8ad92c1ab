"""Pictures of each build step for the text and PowerPoint decks: SVG, PNG or PDF.

The HTML deck hides groups with CSS. Here the same figure is needed as
separate files, one per step, and still without any node moving: an SVG step
is the figure's SVG with a style that hides the pending groups; a PNG or PDF
step comes from the figure laid out once (``dot -Tdot`` keeps every position),
with the pending groups made invisible and drawn by ``neato -n2``, which draws
at the given positions instead of laying out again. All the figures are laid
out, and all the steps drawn, in one Graphviz run per core: a run's cost is
mostly Graphviz starting and loading its fonts. A PowerPoint step is a stack
of layers (``layers``), each cut to what it draws (``layer_rasters``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from usfk_argmap.drawing.graphviz import run_graphviz, run_gvpr, split_outputs

if TYPE_CHECKING:
    from usfk_argmap.model import ArgumentMap
    from usfk_argmap.present.slides.deck import Figure, Slide

#: Pixels per inch of slide that a 1920 x 1080 projector shows of PowerPoint's 13.33 x 7.5 in slide.
PROJECTOR_DPI = 144
#: The room a picture has on the slide, in inches (``pptx``: the slide less its margins and title).
PICTURE_BOX = (12.53, 5.3)


class FigurePictures:
    """Makes the step pictures of one figure, laying the figure out at most once."""

    def __init__(self, argument_map: ArgumentMap, figure: Figure) -> None:
        self.map = argument_map
        self.figure = figure

    @property
    def source(self) -> str:
        """The DOT the figure's SVG was laid out from: the same statements, context and label widths."""
        from usfk_argmap.drawing.render import to_dot

        return self.figure.dot or to_dot(self.map, self.figure.options)

    @cached_property
    def laid_out(self) -> bytes:
        """The figure laid out, as ``dot -Tdot`` writes it (every position kept)."""
        from usfk_argmap.drawing.cache import run_cached

        return run_cached(self.source, "dot", "dot")

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

    @cached_property
    def boxes(self) -> dict[str, tuple[float, float, float, float]]:
        """Each node and edge group of the layout -> the rectangle it covers (x0, y0, x1, y1), in points."""
        graph = self.laid_out
        found: dict[str, tuple[float, float, float, float]] = {}
        for match in re.finditer(rb'id="(am-[ne]\w*|am-a\w*)"', graph):
            start = graph.rfind(b"[", 0, match.start())
            end = graph.find(_STATEMENT_END, match.end())
            statement = graph[start:end]
            position = re.search(rb'\bpos="([^"]*)"', statement)
            if position is None:
                continue
            numbers = [float(n) for n in _NUMBER.findall(position.group(1).replace(b"\\\n", b""))]
            xs, ys = numbers[0::2], numbers[1::2]
            half_w = half_h = 0.0
            size = re.search(rb"\bwidth=([0-9.]+)", statement), re.search(rb"\bheight=([0-9.]+)", statement)
            if b"->" not in graph[graph.rfind(b"\n", 0, start):start] and size[0] and size[1]:
                half_w, half_h = float(size[0].group(1)) * 36, float(size[1].group(1)) * 36
            margin = _LAYER_MARGIN
            found[match.group(1).decode()] = (min(xs) - half_w - margin, min(ys) - half_h - margin,
                                              max(xs) + half_w + margin, max(ys) + half_h + margin)
        return found

    @cached_property
    def frame(self) -> tuple[float, float, float, float]:
        """The rectangle the whole figure covers, in points: the layout's bounding box and its pad."""
        box = re.search(rb'\bbb="([^"]*)"', self.laid_out)
        x0, y0, x1, y1 = (float(n) for n in box.group(1).split(b",")) if box else (0.0, 0.0, 0.0, 0.0)
        return x0 - _PAD, y0 - _PAD, x1 + _PAD, y1 + _PAD

    def crop(self, groups: Collection[str]) -> tuple[float, float, float, float] | None:
        """The rectangle (within the frame) that the ``groups`` cover; None if they cover nothing."""
        boxes = [self.boxes[g] for g in groups if g in self.boxes]
        if not boxes:
            return None
        frame = self.frame
        return (max(frame[0], min(b[0] for b in boxes)), max(frame[1], min(b[1] for b in boxes)),
                min(frame[2], max(b[2] for b in boxes)), min(frame[3], max(b[3] for b in boxes)))

    def raster(self, hidden: Collection[str], fmt: str) -> bytes:
        """The figure as PNG or PDF with the ``hidden`` groups invisible, at the one layout."""
        graph = self.laid_out
        if hidden:
            test = " || ".join(f'id == "{svg_id}"' for svg_id in sorted(hidden))
            graph = run_gvpr(f'N[{test}]{{style = "invis"}} E[{test}]{{style = "invis"}}', graph)
        flags = ["-n2", f"-Gdpi={self.png_dpi}"] if fmt == "png" else ["-n2"]
        return run_graphviz(graph, fmt, "neato", flags)


#: Room left around what a layer draws (line widths, arrowheads, a thesis's second border), in points.
_LAYER_MARGIN = 6.0
#: Graphviz's ``pad`` around a drawing (``drawing/dot.py``), in points.
_PAD = 14.4
_NUMBER = re.compile(rb"-?[0-9.]+(?:e[-+]?[0-9]+)?")


@dataclass(frozen=True)
class Layer:
    """One layer of a build step: a PNG of part of the figure, and where it lies in the whole, in points."""

    png: bytes | None
    left: float
    top: float
    width: float
    height: float
    #: The size of the whole figure, in points.
    frame: tuple[float, float]


def layer_rasters(pictures: Sequence[tuple[FigurePictures, Collection[str]]], jobs: int | None = None) -> list[Layer]:
    """PNG layers: the figure with only the groups not ``hidden`` drawn, cut to what they cover.

    A layer that brings in one statement is a small picture, not the whole
    figure mostly transparent: drawing the pixels is most of what a PNG costs.
    """
    crops = []
    for maker, hidden in pictures:
        crops.append(maker.crop(set(maker.boxes) - set(hidden)))
    drawn = step_rasters([(maker, hidden) for (maker, hidden), crop in zip(pictures, crops, strict=True) if crop],
                         "png", jobs, viewports=[crop for crop in crops if crop])
    found = iter(drawn)
    result = []
    for (maker, _), crop in zip(pictures, crops, strict=True):
        frame = maker.frame
        size = (frame[2] - frame[0], frame[3] - frame[1])
        if crop is None:
            result.append(Layer(None, 0.0, 0.0, 0.0, 0.0, size))
            continue
        x0, y0, x1, y1 = crop
        result.append(Layer(next(found), x0 - frame[0], frame[3] - y1, x1 - x0, y1 - y0, size))
    return result


def step_rasters(pictures: Sequence[tuple[FigurePictures, Collection[str]]], fmt: str,
                 jobs: int | None = None, background: str | None = None,
                 viewports: Sequence[tuple[float, float, float, float]] | None = None) -> list[bytes]:
    """``raster(hidden, fmt)`` for many steps at once, in a few Graphviz runs side by side.

    Each figure is laid out once (``dot -Tdot``, figures side by side); each
    step is that layout with its pending groups made invisible, and all the
    steps are drawn by ``neato -n2`` in one run per core: Graphviz draws a
    stream of graphs one after the other (PNG or PDF files end to end), and
    most of a run's time is starting up and loading the fonts. ``background``
    fills the pictures; ``viewports`` cut each to a rectangle (x0, y0, x1, y1)
    in the layout's points.
    """
    from concurrent.futures import ThreadPoolExecutor

    from usfk_argmap.drawing.cache import run_cached

    if not pictures:
        return []
    workers = max(1, min(jobs or os.cpu_count() or 1, len(pictures)))
    makers = list(dict.fromkeys(maker for maker, _ in pictures))
    lay_out_all(makers, jobs)
    layouts = {maker: maker.laid_out for maker in makers}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        graphs = [_with_hidden(layouts[maker], hidden, maker.png_dpi if fmt == "png" else None, background,
                               viewports[index] if viewports else None)
                  for index, (maker, hidden) in enumerate(pictures)]
        size = -(-len(graphs) // workers)
        batches = [graphs[start:start + size] for start in range(0, len(graphs), size)]
        outputs = pool.map(lambda batch: run_cached(b"".join(batch), fmt, "neato", ["-n2"]), batches)
        found = [piece for output, batch in zip(outputs, batches, strict=True)
                 for piece in split_outputs(output, fmt, len(batch))]
    return found


def lay_out_all(makers: Sequence[FigurePictures], jobs: int | None = None) -> None:
    """Lay out every figure not laid out yet, in one ``dot -Tdot`` run per core (through the cache)."""
    from usfk_argmap.drawing.cache import run_cached_many

    pending = [maker for maker in makers if "laid_out" not in maker.__dict__]
    for maker, output in zip(pending, run_cached_many([m.source for m in pending], "dot", "dot", jobs=jobs),
                             strict=True):
        maker.__dict__["laid_out"] = output


_STATEMENT_END = b"];\n"


def _with_hidden(graph: bytes, hidden: Collection[str], dpi: int | None, background: str | None = None,
                 viewport: tuple[float, float, float, float] | None = None) -> bytes:
    """The laid-out graph with the ``hidden`` groups (node and edge ids) drawn invisibly, at ``dpi``."""
    settings = ([f"dpi={dpi}"] if dpi is not None else []) + ([f'bgcolor="{background}"'] if background else [])
    if viewport is not None:
        x0, y0, x1, y1 = viewport
        settings.append(f'viewport="{x1 - x0:.2f},{y1 - y0:.2f},1,{(x0 + x1) / 2:.2f},{(y0 + y1) / 2:.2f}"')
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


def layers(slide: Slide, figure: Figure) -> list[set[str]]:
    """For each step of a slide, the groups of its figure that are *not* what the step brings in.

    Drawn with these hidden, the pictures are the slide's layers: the first
    shows what is there from the start, each later one only what its step adds,
    and a step is its layers up to it, one over the other.
    """
    from usfk_argmap.present.slides.layout import SvgLayout

    layout = SvgLayout.parse(figure.svg)
    every = set(layout.nodes) | set(layout.edges)
    shown_first = every - set(slide.hidden_at_start)
    return [every - (shown_first if index == 0 else set(step.reveal)) for index, step in enumerate(slide.steps)]


def hidden_at(slide: Slide, step: int) -> set[str]:
    """The groups still hidden at ``step`` of ``slide`` (0-based)."""
    return {svg_id for later in slide.steps[step + 1:] for svg_id in later.reveal}


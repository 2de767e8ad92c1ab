"""Drawing maps: DOT text, SVG, PNG and PDF (batches of map files: ``usfk_argmap.pipeline``).

    from usfk_argmap import open_map
    from usfk_argmap.drawing.render import RenderOptions, render_file

    argument_map = open_map("maps/usfk_conclusion.yaml")
    render_file(argument_map, "out/usfk.svg", RenderOptions(fit="16:9", embed_fonts=True))

The same map and options always give byte-identical DOT and SVG. Graphviz runs
through ``usfk_argmap.drawing.graphviz.run_graphviz`` only; outputs are written
atomically and never over the map they come from.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from usfk_argmap.core.errors import ArgmapWarning, OptionError
from usfk_argmap.core.formats import FileFormat, FormatTable, format_for
from usfk_argmap.core.gcpause import gc_paused
from usfk_argmap.drawing.basis import DrawingBasis
from usfk_argmap.drawing.finishing import finish_svg, group_ends
from usfk_argmap.drawing.fitting import exact_png_size, letterbox_flags
from usfk_argmap.drawing.options import DIRECTIONS, LANG_MODES, THEME_NAMES, RenderOptions, parse_fit
from usfk_argmap.drawing.orientation import auto_layout, fitted, plain_size
from usfk_argmap.drawing.placement import PACKED_ENGINE, packed_note, packs

# RenderOptions and its choices are re-exported: they are half of this module's API.
__all__ = [
    "DIRECTIONS",
    "LANG_MODES",
    "LARGE_MAP_NODES",
    "OUTPUT_FORMATS",
    "THEME_NAMES",
    "LayoutWarning",
    "RenderOptions",
    "choose_engine",
    "exact_png_size",
    "finish_svg",
    "layout_source",
    "letterbox_flags",
    "parse_fit",
    "render",
    "render_file",
    "render_svg",
    "shown_statements",
    "to_dot",
]

if TYPE_CHECKING:
    from usfk_argmap.core.diagnostics import Diagnostic
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.accessible import MapReading
    from usfk_argmap.drawing.cache import LayoutCache
    from usfk_argmap.drawing.dot import DotBuilder, MapParts

#: What ``usfk-argmap render`` writes, by name and suffix: ``render`` draws all but pptx, one slide of
#: editable shapes that ``pipeline.map_pptx`` makes.
OUTPUT_FORMATS = FormatTable(
    "output",
    (
        FileFormat("svg", (".svg",)),
        FileFormat("png", (".png",)),
        FileFormat("pdf", (".pdf",)),
        FileFormat("dot", (".dot", ".gv")),
        FileFormat("pptx", (".pptx",)),
        # A TikZ picture from Graphviz's layout, for \input into a LaTeX document (``standalone``: a document of its own).
        FileFormat("tex", (".tex",)),
        # The same picture in Typst, for #include (``standalone``: a page of its own).
        FileFormat("typst", (".typ",)),
    ),
)
#: Above this many statements, ``dot`` takes minutes even with its search limited (``placement.layered_layout_attributes``):
#: sfdp lays the map out instead. With the limits, dot lays out 5,000 statements in about 2 s of CPU time as a
#: plain tree and 6 s with 10% cross-links; at 10,000, 22 s and 55 s (the crossing minimisation grows fastest).
LARGE_MAP_NODES = 6000
#: The SVG root's size and coordinate box, as Graphviz writes them.


class LayoutWarning(ArgmapWarning):
    """The layout was changed to cope with the map (a very large map is laid out in pieces, or by sfdp)."""


def shown_statements(argument_map: ArgumentMap, options: RenderOptions) -> set[str] | None:
    """The statements a drawing shows (None: all), after checking the ids the options name."""
    from usfk_argmap.analysis.selection import check_node_id, complete_arguments, neighbourhood, section_members

    for node_id in options.highlight:
        check_node_id(argument_map, node_id)
    shown: set[str] | None = None
    if options.focus is not None:
        shown = neighbourhood(argument_map, options.focus, options.depth)
    if options.section is not None:
        members = section_members(argument_map, options.section)
        if not members:
            raise OptionError(f"section {options.section!r} has no statements: there is nothing to draw")
        if shown is not None and not shown & members:
            raise OptionError(
                f"--focus {options.focus!r} (depth {options.depth}) and --section {options.section!r} "
                "have no statement in common: there is nothing to draw; drop one of them, or focus "
                "on a statement of the section"
            )
        shown = members if shown is None else shown & members
    return None if shown is None else complete_arguments(argument_map, shown)


def choose_engine(argument_map: ArgumentMap, options: RenderOptions, shown: set[str] | None = None) -> tuple[str, str | None]:
    """The layout engine, and a message when it is not the one asked for (or the default)."""
    if options.engine is not None:
        return options.engine, None
    count = len(argument_map.nodes) if shown is None else len(shown)
    if packs(count):  # laid out in pieces by dot and packed: the DOT is drawn as laid out (_dot_text)
        return PACKED_ENGINE, packed_note(argument_map.display_path, count)
    if count > LARGE_MAP_NODES:
        wait = "; sfdp itself takes minutes at this size" if count > 20_000 else ""
        return "sfdp", (
            f"{argument_map.display_path}: {count} statements; laid out with sfdp, as dot would take "
            f"minutes{wait} (draw one section at a time with --section, or insist with --engine dot)"
        )
    return "dot", None


@dataclass(frozen=True)
class DotInput:
    """What one DOT text is made from, besides the map (``_dot_text``'s options).

    shown: the statements drawn, as ``shown_statements`` gives them (None: all).
    output_format: the format the DOT is laid out into (None: the DOT itself is the output).
    engine: the layout engine, when it is not ``options.engine`` (``choose_engine``'s choice).
    diagnostics: what ``show_issues`` marks.
    context: statements drawn muted, for orientation.
    label_widths: label line widths (em) of particular statements, instead of ``options.width``.
    basis: the font and evaluation every picture of the map shares (None: worked out for this one).
    """

    options: RenderOptions
    shown: Collection[str] | None = None
    output_format: str | None = None
    engine: str | None = None
    diagnostics: Sequence[Diagnostic] | None = None
    context: Collection[str] = ()
    label_widths: Mapping[str, float] | None = None
    basis: DrawingBasis | None = None
    #: What every picture of the map is drawn from (``dot.MapParts``), when many pictures share it.
    parts: MapParts | None = None


def _dot_text(
    argument_map: ArgumentMap,
    dot: DotInput,
    lay_out: Callable[[list[str]], list[tuple[tuple[float, float], bytes]]] | None = None,
    *,
    together: bool = False,
) -> tuple[str, DotBuilder, bytes | None]:
    """The DOT text, the builder that made it (its ids and lines serve the SVG finishing), and its layout.

    ``direction="auto"`` is decided on dot's layouts (``orientation.auto_layout``): by
    ``lay_out(texts)`` when given (with ``together``, a small map both ways in one call), whose
    output for the direction chosen comes back as the layout (None: not laid out here, and the
    caller lays the text out); else by ``plain`` runs. Each direction's DOT text is built once.
    """
    from dataclasses import replace

    from usfk_argmap.drawing.dot import DotBuilder

    options = dot.options
    if options.show_issues and dot.diagnostics is None:
        # Drawing does not run the checks (they are a layer below, chosen by the caller).
        raise ValueError(
            "show_issues marks the diagnostics it is given: pass diagnostics=..., or use "
            "usfk_argmap.pipeline, which runs the checks"
        )
    basis = dot.basis if dot.basis is not None else DrawingBasis.of(argument_map, options.evaluate)
    if dot.engine is not None and dot.engine != options.engine:
        options = replace(options, engine=dot.engine)
    built: dict[str, tuple[str, DotBuilder]] = {}

    def build(options: RenderOptions) -> tuple[str, DotBuilder]:
        if options.direction in built:  # ``auto`` tried this direction: its text is the one drawn
            return built[options.direction]
        if built and not options.legend:
            # Without a legend the direction is the graph's ``rankdir`` alone, and the builder's ids and lines serve
            # every direction: the text of one direction is that of another with its rankdir line changed.
            (other, (text, builder)), *_ = built.items()
            line = f"\nrankdir={other};\n"
            if line in text:
                built[options.direction] = text.replace(line, f"\nrankdir={options.direction};\n", 1), builder
                return built[options.direction]
        with gc_paused():
            builder = DotBuilder(
                argument_map,
                options,
                shown=None if dot.shown is None else set(dot.shown),
                diagnostics=list(dot.diagnostics or ()),
                output_format=dot.output_format,
                statuses=basis.statuses_for(argument_map, options),
                context=dot.context,
                label_widths=dot.label_widths,
                font=basis.font,
                parts=dot.parts,
            )
            built[options.direction] = builder.to_string(), builder
        return built[options.direction]

    statements = len(argument_map.nodes) if dot.shown is None else len(dot.shown)
    if dot.engine == PACKED_ENGINE and dot.options.engine is None:  # choose_engine's choice for a big map
        from usfk_argmap.drawing.packed import packed_dot

        return *packed_dot(*build(fitted(options, statements, lambda o: build(o)[0])), dot.options), None
    if lay_out is None:
        return *build(fitted(options, statements, lambda o: build(o)[0])), None
    chosen, layout = auto_layout(options, statements, lambda o: build(o)[0], lay_out, together=together)
    return *build(chosen), layout


def to_dot(
    argument_map: ArgumentMap, options: RenderOptions | None = None, *, diagnostics: Sequence[Diagnostic] | None = None
) -> str:
    """The Graphviz DOT text of a map (``diagnostics``: what ``show_issues`` marks)."""
    options = options or RenderOptions()
    return _dot_text(argument_map, DotInput(options, shown_statements(argument_map, options), diagnostics=diagnostics))[0]


def render(
    argument_map: ArgumentMap,
    output_format: str = "svg",
    options: RenderOptions | None = None,
    *,
    diagnostics: Sequence[Diagnostic] | None = None,
) -> bytes:
    """The map drawn as ``svg``, ``png``, ``pdf`` or ``dot``; ``diagnostics`` are what ``show_issues`` marks.

    Raises ``GraphvizNotFoundError`` or ``GraphvizFailedError``; ``UnknownNodeError``
    for a focus or highlight id the map lacks; ``ValueError`` for an unknown section.
    A very large map is laid out in pieces and packed, with a ``LayoutWarning``.
    """
    from usfk_argmap.drawing.graphviz import run_graphviz, run_graphviz_measured

    options = options or RenderOptions()
    if OUTPUT_FORMATS[output_format].name == "pptx":
        raise ValueError("a PowerPoint slide is made by usfk_argmap.pipeline.map_pptx, not render")
    if output_format in ("tex", "typst"):  # drawn from this module's layout: they import render, not the other way round
        raise ValueError("a TikZ or Typst picture is made by usfk_argmap.pipeline.render (drawing.tikz, drawing.typst)")
    if output_format == "dot":
        return to_dot(argument_map, options, diagnostics=diagnostics).encode("utf-8")
    shown = shown_statements(argument_map, options)
    engine, note = choose_engine(argument_map, options, shown)
    if note is not None:
        warnings.warn(note, LayoutWarning, stacklevel=2)
    basis = DrawingBasis.of(argument_map, options.evaluate)
    outline = output_format == "svg" and options.outline_text
    graphviz_format = "svg:cairo" if outline else output_format
    # With a fit size, a first layout measures the drawing; the second pads it out to the exact size asked for.
    first_format, first_flags = ("svg", ["-Gsize=", "-Gpad=0"]) if options.fit is not None else (graphviz_format, [])

    def lay_out(texts: list[str]) -> list[tuple[tuple[float, float], bytes]]:
        return [(plain_size(plain), output) for plain, output in run_graphviz_measured(texts, first_format, engine, first_flags)]

    dot_input = DotInput(options, shown, output_format, engine, diagnostics, basis=basis)
    # Several graphs' outputs in one run are the same as alone only in Graphviz's own SVG (``run_graphviz_measured``).
    together = first_format == "svg"
    dot_text, builder, first = _dot_text(argument_map, dot_input, lay_out, together=together)
    if first is None:
        first = run_graphviz(dot_text, first_format, engine, first_flags)
    output = first
    if options.fit is not None:
        # PDF pages get a margin of their own unless told otherwise: the pad is the margin here.
        flags = [*letterbox_flags(first, *options.fit_inches()), "-Gmargin=0"]
        output = run_graphviz(dot_text, graphviz_format, engine, flags)
    if options.fit is not None and output_format == "png":
        width, height = options.fit_inches()
        output = exact_png_size(output, round(width * options.dpi), round(height * options.dpi))
    if output_format != "svg":
        return output
    if outline:
        from usfk_argmap.drawing.accessible import accessible_svg

        # Cairo's SVG has no groups of ours: it gets its lang, role, title and description only.
        verdict = basis.statuses_for(argument_map, options).get(argument_map.root)
        return accessible_svg(output, argument_map, {}, verdict=verdict, drawn=argument_map.nodes if shown is None else shown)
    return _finished(output, argument_map, builder, basis, options)


@dataclass(frozen=True)
class PictureRequest:
    """One picture of ``render_pictures``: options, the statements drawn (None: all), those drawn muted."""

    options: RenderOptions
    shown: frozenset[str] | None = None
    context: frozenset[str] = frozenset()
    #: Label line widths (em) of particular statements, instead of ``options.width``.
    label_widths: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Picture:
    """A picture ``render_pictures`` drew: its finished SVG and the DOT text it was laid out from."""

    svg: bytes
    dot: str


def render_pictures(
    argument_map: ArgumentMap,
    requests: Sequence[PictureRequest],
    jobs: int | None = None,
    *,
    diagnostics: Sequence[Diagnostic] | None = None,
    cache: LayoutCache | None = None,
    basis: DrawingBasis | None = None,
    order: Sequence[str] | None = None,
) -> list[Picture]:
    """Several SVG pictures of one map, Graphviz running for them side by side (``jobs``: default, all cores).

    Each layout goes through ``cache`` (by default, the one the environment sets:
    ``LayoutCache.from_environment``): a picture laid out before, with the same
    DOT text, is not laid out again; the others are laid out in one Graphviz run per core.
    ``basis`` is the font and evaluation the pictures share (None: worked out once here, for all of them);
    ``order`` is ``accessible.argument_order(argument_map)`` when the caller has it (None: worked out here).
    """
    from usfk_argmap.drawing.accessible import MapReading, argument_order
    from usfk_argmap.drawing.cache import LayoutCache
    from usfk_argmap.drawing.dot import MapParts

    if basis is None:
        basis = DrawingBasis.of(argument_map, any(request.options.evaluate for request in requests))
    parts = MapParts.of(argument_map)  # once for all the pictures: per picture, time and memory grew with the map
    built = []
    for request in requests:
        shown = None if request.shown is None else set(request.shown)
        engine, _ = choose_engine(argument_map, request.options, shown)
        dot_text, _, _ = _dot_text(
            argument_map,
            DotInput(
                request.options,
                shown,
                "svg",
                engine,
                diagnostics,
                context=request.context,
                label_widths=dict(request.label_widths),
                basis=basis,
                parts=parts,
            ),
        )
        built.append((dot_text, engine))
    # One Graphviz run per core and engine for all the pictures not cached (see ``run_graphviz_many``).
    outputs: list[bytes] = [b""] * len(built)
    cache = cache if cache is not None else LayoutCache.from_environment()
    for engine in dict.fromkeys(item[1] for item in built):
        indexes = [index for index, item in enumerate(built) if item[1] == engine]
        for index, output in zip(indexes, cache.run_many([built[i][0] for i in indexes], "svg", engine, jobs=jobs), strict=True):
            outputs[index] = output
    # The statements' argument order is the map's, whatever a picture draws: worked out once for all.
    order = argument_order(argument_map) if order is None else order
    ends = group_ends(parts.ids, parts.edges)
    reading = MapReading.of(argument_map, parts.ids, order)
    return [
        Picture(_finished(output, argument_map, parts, basis, request.options, order, ends=ends, reading=reading), dot_text)
        for request, (dot_text, _), output in zip(requests, built, outputs, strict=True)
    ]


def _finished(
    svg: bytes,
    argument_map: ArgumentMap,
    drawn: DotBuilder | MapParts,
    basis: DrawingBasis,
    options: RenderOptions,
    order: Sequence[str] | None = None,
    *,
    ends: Mapping[bytes, bytes] | None = None,
    reading: MapReading | None = None,
) -> bytes:
    """Graphviz's SVG of one drawing finished (``finish_svg``) with the ids and lines ``drawn`` knows and what
    the basis knows, its font embedded when the options ask; ``order``, ``ends`` and ``reading`` as ``finish_svg``
    takes them."""
    from usfk_argmap.drawing.fonts import embed_fonts

    font = basis.font
    with gc_paused():
        svg = finish_svg(
            svg,
            argument_map,
            font.family,
            font.css_family,
            ids=drawn.ids,
            edges=drawn.edges,
            verdict=basis.statuses_for(argument_map, options).get(argument_map.root),
            lang_mode=options.lang_mode,
            order=order,
            ends=ends,
            reading=reading,
        )
    return embed_fonts(svg, font) if options.embed_fonts else svg


def layout_source(
    argument_map: ArgumentMap, options: RenderOptions | None = None, *, diagnostics: Sequence[Diagnostic] | None = None
) -> tuple[str, str]:
    """The DOT text ``render`` lays out for an SVG, and the engine it uses: another output of the same layout."""
    options = options or RenderOptions()
    shown = shown_statements(argument_map, options)
    engine, _ = choose_engine(argument_map, options, shown)
    return _dot_text(argument_map, DotInput(options, shown, "svg", engine, diagnostics))[0], engine


def render_svg(
    argument_map: ArgumentMap, options: RenderOptions | None = None, *, diagnostics: Sequence[Diagnostic] | None = None
) -> bytes:
    """The map as SVG."""
    return render(argument_map, "svg", options, diagnostics=diagnostics)


def render_file(
    argument_map: ArgumentMap,
    path: str | Path,
    options: RenderOptions | None = None,
    output_format: str | None = None,
    *,
    diagnostics: Sequence[Diagnostic] | None = None,
    force: bool = False,
) -> Path:
    """Render to ``path`` (atomically; never over the map file or its source text). Returns the path.

    A read-only file at ``path`` is replaced only with ``force``.
    """
    from usfk_argmap.core.files import write_atomic

    fmt = format_for(output_format if output_format is not None else Path(path), OUTPUT_FORMATS)
    data = render(argument_map, fmt, options, diagnostics=diagnostics)
    write_atomic(path, data, inputs=argument_map.input_paths(), force=force)
    return Path(path)

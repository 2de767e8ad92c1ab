"""Rendering maps: DOT text, SVG, PNG and PDF, one map or many.

    from usfk_argmap import open_map
    from usfk_argmap.drawing.render import RenderOptions, render_file

    argument_map = open_map("maps/usfk_conclusion.yaml")
    render_file(argument_map, "out/usfk.svg", RenderOptions(fit="16:9", embed_fonts=True))

The same map and options always give byte-identical DOT and SVG. Graphviz runs
through ``usfk_argmap.drawing.graphviz.run_graphviz`` only; outputs are written
atomically and never over the map they come from.
"""

from __future__ import annotations

import contextlib
import os
import re
import warnings
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from usfk_argmap.drawing.wrap import DEFAULT_WIDTH
from usfk_argmap.errors import ArgmapWarning
from usfk_argmap.gcpause import gc_paused

if TYPE_CHECKING:
    from usfk_argmap.drawing.dot import DotBuilder, DrawnEdge
    from usfk_argmap.model import ArgumentMap

DIRECTIONS = ("BT", "TB", "LR", "RL")
LANG_MODES = ("zh", "en", "both")
THEME_NAMES = ("light", "dark", "print")
#: Output formats by file suffix.
OUTPUT_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
#: Above this many statements, ``dot`` takes minutes: sfdp lays the map out instead.
LARGE_MAP_NODES = 2500
#: Slide height in inches for ``fit="16:9"`` style ratios (PowerPoint's default slide is 13.333 x 7.5 in).
SLIDE_HEIGHT_INCHES = 7.5
#: Graphviz's own margin around a drawing, in inches (our DOT's ``pad``); a fitted picture keeps at least this.
DRAWING_PAD_INCHES = 0.2

_FIT_RATIO = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$")
_FIT_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×X]\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")
_FIT_UNITS = {"in": 1.0, "cm": 2.54, "mm": 25.4}
#: The SVG root's size and coordinate box, as Graphviz writes them.
_SVG_VIEWBOX = re.compile(rb'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')


class _Unset:
    """No value given (``None`` has a meaning of its own)."""


_UNSET = _Unset()


class LayoutWarning(ArgmapWarning):
    """The layout was changed to cope with the map (a very large map is laid out with sfdp)."""


def parse_fit(text: str, dpi: int = 192) -> tuple[float, float]:
    """Width and height in inches for ``--fit``: ``16:9``, ``13.33x7.5in``, ``25x14cm``, ``1920x1080px``.

    A ratio is a slide 7.5 inches high (16:9 gives PowerPoint's 13.333 x 7.5 in).
    Pixels are the PNG's pixels at ``dpi`` (1920x1080px at 192 dpi is 10 x 5.625 in).
    A size needs its unit: ``16x9`` alone could be a ratio or inches, so it is refused.
    """
    ratio = _FIT_RATIO.match(text)
    if ratio:
        width, height = float(ratio.group(1)), float(ratio.group(2))
        if width <= 0 or height <= 0:
            raise ValueError(f"--fit {text!r}: both sides of the ratio must be positive")
        return SLIDE_HEIGHT_INCHES * width / height, SLIDE_HEIGHT_INCHES
    size = _FIT_SIZE.match(text)
    if size:
        width, height, unit = float(size.group(1)), float(size.group(2)), size.group(3).lower()
        if not unit:
            raise ValueError(f"--fit {text!r} has no unit: write {size.group(1)}:{size.group(2)} for a ratio, "
                             f"or {size.group(1)}x{size.group(2)}in, cm, mm or px for a size")
        if unit != "px" and unit not in _FIT_UNITS:
            raise ValueError(f"--fit {text!r}: unknown unit {unit!r}; use in, cm, mm or px")
        divisor = float(dpi) if unit == "px" else _FIT_UNITS[unit]
        if width <= 0 or height <= 0:
            raise ValueError(f"--fit {text!r}: width and height must be positive")
        return width / divisor, height / divisor
    raise ValueError(f"--fit {text!r} is not a ratio (16:9) or a size (13.33x7.5in, 25x14cm, 1920x1080px)")


def letterbox_flags(svg_unpadded: bytes, width: float, height: float) -> list[str]:
    """Graphviz flags that give a drawing exactly ``width`` x ``height`` inches, the drawing centred.

    ``svg_unpadded`` is the drawing laid out at its natural size with no pad
    (``-Gsize= -Gpad=0``): its viewBox is the drawing's box in points. The
    drawing is scaled to fit inside the size less Graphviz's usual margin,
    and the pad (drawn in the background colour, or left transparent) takes
    up the rest on the two sides that would otherwise fall short.
    """
    match = _SVG_VIEWBOX.search(svg_unpadded)
    if match is None:
        raise ValueError("Graphviz's SVG has no viewBox")
    box_width, box_height = float(match.group(3)) / 72.0, float(match.group(4)) / 72.0
    margin = 2 * DRAWING_PAD_INCHES
    scale = min(width / (box_width + margin), height / (box_height + margin))
    pad_x = max(0.0, (width / scale - box_width) / 2)
    pad_y = max(0.0, (height / scale - box_height) / 2)
    return [f"-Gsize={width:.6f},{height:.6f}!", f"-Gpad={pad_x:.6f},{pad_y:.6f}"]


def exact_png_size(png: bytes, width: int, height: int) -> bytes:
    """The PNG at exactly ``width`` x ``height`` pixels, the picture centred.

    Graphviz rounds a page to whole points before it turns points into
    pixels, so a fitted PNG can be a pixel or two off the size asked for; the
    difference is taken from or added to the pad, in the pad's own colour
    (the background, or transparency).
    """
    import struct

    if png[12:16] == b"IHDR" and struct.unpack(">II", png[16:24]) == (width, height):
        return png
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        picture = image.convert("RGBA")
    background = picture.getpixel((0, 0))
    canvas = Image.new("RGBA", (width, height), background)
    canvas.paste(picture, ((width - picture.width) // 2, (height - picture.height) // 2))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


@dataclass(frozen=True)
class RenderOptions:
    """How a map is drawn. Every field has a default; the CLI options have the same names.

    direction: where arrows point: BT (conclusion on top), TB, LR or RL.
    lang_mode: zh (the map's own text), en (the English gloss where there is one) or both.
    width: line width of labels in em (a CJK character is 1 em, a Latin letter about 0.5).
    theme: light, dark or print (grayscale).
    fit: the exact size of the picture, the drawing centred in it: a ratio ``16:9`` (7.5 in high) or a
        size ``13.33x7.5in`` / ``25x14cm`` / ``1920x1080px`` (pixels at ``dpi``).
    transparent: no background.
    dpi: resolution of PNG output.
    focus, depth: draw only the statements within ``depth`` relations of ``focus``.
    section: draw only one section's statements.
    highlight: statement ids drawn with a thick border.
    show_issues: mark the statements that have diagnostics, with their codes.
    evaluate: mark each statement's status under grounded semantics (established, defeated, open)
        with a badge and a border style that survive grayscale.
    clusters: draw sections as boxes.
    legend: add a legend of the kinds and relations drawn.
    embed_fonts: embed a subset of the font in SVG output.
    outline_text: SVG text as glyph outlines (renders without any font; not selectable).
    engine: Graphviz layout engine; None chooses dot, or sfdp for maps over ``LARGE_MAP_NODES``.
    stagger: spread the leaves under one statement over this many levels (1: all on one level),
        as Graphviz's ``unflatten -l`` does: a wide, flat map becomes narrower and taller.
    """

    direction: str = "BT"
    lang_mode: str = "zh"
    width: float = DEFAULT_WIDTH
    theme: str = "light"
    fit: str | None = None
    transparent: bool = False
    dpi: int = 192
    focus: str | None = None
    depth: int = 1
    section: str | None = None
    highlight: tuple[str, ...] = field(default=())
    show_issues: bool = False
    evaluate: bool = False
    clusters: bool = False
    legend: bool = False
    embed_fonts: bool = False
    outline_text: bool = False
    engine: str | None = None
    stagger: int = 1

    def __post_init__(self) -> None:
        _check_choice("direction", self.direction, DIRECTIONS)
        _check_choice("lang_mode", self.lang_mode, LANG_MODES)
        _check_choice("theme", self.theme, THEME_NAMES)
        if not 2.0 <= self.width <= 200.0:
            raise ValueError(f"width must be between 2 and 200 em, not {self.width}")
        if not 1 <= self.dpi <= 2400:
            raise ValueError(f"dpi must be between 1 and 2400, not {self.dpi}")
        if self.depth < 0:
            raise ValueError(f"depth must be 0 or more, not {self.depth}")
        if not 1 <= self.stagger <= 6:
            raise ValueError(f"stagger must be between 1 and 6 levels, not {self.stagger}")
        if self.fit is not None:
            parse_fit(self.fit, self.dpi)
        if self.embed_fonts and self.outline_text:
            raise ValueError("embed_fonts and outline_text exclude each other: outlines need no font")
        if self.engine is not None:
            from usfk_argmap.drawing.graphviz import ENGINES

            _check_choice("engine", self.engine, tuple(sorted(ENGINES)))
        if isinstance(self.highlight, str):
            object.__setattr__(self, "highlight", (self.highlight,))

    def fit_inches(self) -> tuple[float, float]:
        if self.fit is None:
            raise ValueError("no fit size set")
        return parse_fit(self.fit, self.dpi)


def _check_choice(name: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")


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
            raise ValueError(f"section {options.section!r} has no statements: there is nothing to draw")
        if shown is not None and not shown & members:
            raise ValueError(f"--focus {options.focus!r} (depth {options.depth}) and --section {options.section!r} "
                             "have no statement in common: there is nothing to draw; drop one of them, or focus "
                             "on a statement of the section")
        shown = members if shown is None else shown & members
    return None if shown is None else complete_arguments(argument_map, shown)


def choose_engine(argument_map: ArgumentMap, options: RenderOptions,
                  shown: set[str] | None = None) -> tuple[str, str | None]:
    """The layout engine, and a message when it is not the one asked for (or the default)."""
    if options.engine is not None:
        return options.engine, None
    count = len(argument_map.nodes) if shown is None else len(shown)
    if count > LARGE_MAP_NODES:
        wait = "; sfdp itself takes minutes at this size" if count > 20_000 else ""
        return "sfdp", (f"{argument_map.display_path}: {count} statements; laid out with sfdp, as dot would take "
                        f"minutes{wait} (draw one section at a time with --section, or insist with --engine dot)")
    return "dot", None


def _dot_text(argument_map: ArgumentMap, options: RenderOptions, output_format: str | None,
              engine: str | None = None, shown: set[str] | _Unset | None = _UNSET,
              context: Collection[str] = (),
              label_widths: Mapping[str, float] | None = None) -> tuple[str, DotBuilder]:
    """The DOT text, and the builder that made it (its ids and lines serve the SVG finishing)."""
    from dataclasses import replace

    from usfk_argmap.drawing.dot import DotBuilder

    if isinstance(shown, _Unset):
        shown = shown_statements(argument_map, options)
    diagnostics = []
    if options.show_issues:
        from usfk_argmap.rules import run_checks

        diagnostics = run_checks(argument_map)
    statuses: dict[str, str] = {}
    if options.evaluate:
        from usfk_argmap.analysis.evaluation import evaluate

        statuses = dict(evaluate(argument_map).status)
    if engine is not None and engine != options.engine:
        options = replace(options, engine=engine)
    with gc_paused():
        builder = DotBuilder(argument_map, options, shown=shown, diagnostics=diagnostics, output_format=output_format,
                             statuses=statuses, context=context, label_widths=label_widths)
        return builder.to_string(), builder


def to_dot(argument_map: ArgumentMap, options: RenderOptions | None = None) -> str:
    """The Graphviz DOT text of a map."""
    return _dot_text(argument_map, options or RenderOptions(), None)[0]


def render(argument_map: ArgumentMap, output_format: str = "svg", options: RenderOptions | None = None) -> bytes:
    """The map drawn as ``svg``, ``png``, ``pdf`` or ``dot``.

    Raises ``GraphvizNotFoundError`` or ``GraphvizFailedError``; ``UnknownNodeError``
    for a focus or highlight id the map lacks; ``ValueError`` for an unknown section.
    A very large map is laid out with sfdp, with a ``LayoutWarning``.
    """
    from usfk_argmap.drawing.fonts import embed_fonts, font_for_lang
    from usfk_argmap.drawing.graphviz import run_graphviz

    options = options or RenderOptions()
    if output_format not in OUTPUT_FORMATS.values():
        raise ValueError(f"unknown output format {output_format!r}; known: svg, png, pdf, dot")
    if output_format == "dot":
        return to_dot(argument_map, options).encode("utf-8")
    shown = shown_statements(argument_map, options)
    engine, note = choose_engine(argument_map, options, shown)
    if note is not None:
        warnings.warn(note, LayoutWarning, stacklevel=2)
    dot_text, builder = _dot_text(argument_map, options, output_format, engine, shown)
    outline = output_format == "svg" and options.outline_text
    flags: list[str] = []
    if options.fit is not None:
        # A first layout measures the drawing; the second pads it out to the exact size asked for.
        natural = run_graphviz(dot_text, "svg", engine, ["-Gsize=", "-Gpad=0"])
        # PDF pages get a margin of their own unless told otherwise: the pad is the margin here.
        flags = [*letterbox_flags(natural, *options.fit_inches()), "-Gmargin=0"]
    output = run_graphviz(dot_text, "svg:cairo" if outline else output_format, engine, flags)
    if options.fit is not None and output_format == "png":
        width, height = options.fit_inches()
        output = exact_png_size(output, round(width * options.dpi), round(height * options.dpi))
    if output_format != "svg" or outline:
        return output
    font = font_for_lang(argument_map.lang)
    with gc_paused():
        svg = finish_svg(output, argument_map, font.family, font.css_family, ids=builder.ids, edges=builder.edges)
    return embed_fonts(svg, font) if options.embed_fonts else svg


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


def render_pictures(argument_map: ArgumentMap, requests: Sequence[PictureRequest],
                    jobs: int | None = None) -> list[Picture]:
    """Several SVG pictures of one map, Graphviz running for them side by side (``jobs``: default, all cores).

    Each layout goes through the layout cache (``usfk_argmap.drawing.cache``):
    a picture laid out before, with the same DOT text, is not laid out again;
    the others are laid out in one Graphviz run per core.
    """
    from usfk_argmap.drawing.cache import run_cached_many
    from usfk_argmap.drawing.fonts import embed_fonts, font_for_lang

    built = []
    for request in requests:
        shown = None if request.shown is None else set(request.shown)
        engine, _ = choose_engine(argument_map, request.options, shown)
        dot_text, builder = _dot_text(argument_map, request.options, "svg", engine, shown, request.context,
                                      dict(request.label_widths))
        built.append((dot_text, builder, engine))
    # One Graphviz run per core and engine for all the pictures not cached (see ``run_graphviz_many``).
    outputs: list[bytes] = [b""] * len(built)
    for engine in dict.fromkeys(item[2] for item in built):
        indexes = [index for index, item in enumerate(built) if item[2] == engine]
        for index, output in zip(indexes, run_cached_many([built[i][0] for i in indexes], "svg", engine, jobs=jobs),
                                 strict=True):
            outputs[index] = output
    font = font_for_lang(argument_map.lang)
    pictures = []
    for request, (dot_text, builder, _), output in zip(requests, built, outputs, strict=True):
        svg = finish_svg(output, argument_map, font.family, font.css_family, ids=builder.ids, edges=builder.edges)
        pictures.append(Picture(embed_fonts(svg, font) if request.options.embed_fonts else svg, dot_text))
    return pictures


def layout_source(argument_map: ArgumentMap, options: RenderOptions | None = None) -> tuple[str, str]:
    """The DOT text ``render`` lays out for an SVG, and the engine it uses: another output of the same layout."""
    options = options or RenderOptions()
    shown = shown_statements(argument_map, options)
    engine, _ = choose_engine(argument_map, options, shown)
    return _dot_text(argument_map, options, "svg", engine, shown)[0], engine


def render_svg(argument_map: ArgumentMap, options: RenderOptions | None = None) -> bytes:
    """The map as SVG (what Jupyter shows for a loaded map)."""
    return render(argument_map, "svg", options)


#: A group Graphviz writes for an element with an id of ours (``-`` written as ``&#45;``).
_GROUP = re.compile(rb'<g id="(am[^"]*)" class="([^"]*)">')
#: Characters ``quoteattr`` would escape, or that would change its choice of quote.
_ATTRIBUTE_SPECIALS = re.compile(r"[&<>\"'\n\r\t]")


def _attribute_value(value: str) -> bytes:
    """An XML attribute value in quotes, as ``xml.sax.saxutils.quoteattr`` writes it.

    Written out here: importing ``xml.sax.saxutils`` brings in ``urllib.request``, a tenth of the
    time a small render takes, for the few ids (``R->T``) that need it.
    """
    if _ATTRIBUTE_SPECIALS.search(value) is None:
        return f'"{value}"'.encode()
    text = value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' in text:
        if "'" in text:
            return ('"' + text.replace('"', "&quot;") + '"').encode("utf-8")
        return ("'" + text + "'").encode("utf-8")
    return ('"' + text + '"').encode("utf-8")


def finish_svg(svg: bytes, argument_map: ArgumentMap, family: str, css_family: str, *,
               ids: Mapping[str, str] | None = None, edges: Sequence[DrawnEdge] | None = None) -> bytes:
    """Graphviz's SVG with a font fallback list and ``data-am-*`` attributes naming the map ids.

    ``ids`` and ``edges`` are ``svg_ids(argument_map)`` and ``drawn_edges(argument_map)``,
    when the caller has them already.
    """
    from usfk_argmap.drawing.dot import drawn_edges, svg_ids

    ids = svg_ids(argument_map) if ids is None else ids
    edges = drawn_edges(argument_map) if edges is None else edges
    # What follows the classes of each group of ours, under its id (``am-n1``).
    quoted = {map_id: _attribute_value(map_id) for map_id in ids}
    ends = {svg_id.encode(): b'" data-am-id=' + quoted[map_id] + b">" for map_id, svg_id in ids.items()}
    for edge in edges:
        source = quoted.get(edge.source) or _attribute_value(edge.source)
        target = quoted.get(edge.target) or _attribute_value(edge.target)
        ends[edge.svg_id.encode()] = b"".join((b'" data-am-source=', source, b" data-am-target=", target,
                                               b" data-am-relation=", _attribute_value(edge.relation), b">"))
    # The SVG split around the groups' ids and classes: text, id, classes, text, id, classes, ... text.
    # Graphviz writes ``-`` as ``&#45;``: undone in all ids at once, and in all classes (neither holds a quote).
    pieces = _GROUP.split(svg)
    count = len(pieces) // 3
    if not count:
        return svg.replace(f'font-family="{family}"'.encode(), f'font-family="{css_family}"'.encode())
    group_ids = b'"'.join(pieces[1::3]).replace(b"&#45;", b"-").split(b'"')
    out = [b""] * (6 * count + 1)
    out[0::6] = pieces[0::3]
    out[1::6] = [b'<g id="'] * count
    out[2::6] = group_ids
    out[3::6] = [b'" class="'] * count
    out[4::6] = b'"'.join(pieces[2::3]).replace(b"&#45;", b"-").split(b'"')
    # An id of ours that names nothing of the map (a cluster, the legend) gets nothing more.
    out[5::6] = [ends.get(group_id, b'">') for group_id in group_ids]
    svg = b"".join(out)
    return svg.replace(f'font-family="{family}"'.encode(), f'font-family="{css_family}"'.encode())


def output_format_for(path: str | Path, output_format: str | None = None) -> str:
    """The output format: as given, or from the file suffix."""
    if output_format is not None:
        if output_format not in OUTPUT_FORMATS.values():
            raise ValueError(f"unknown output format {output_format!r}; known: svg, png, pdf, dot")
        return output_format
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise ValueError(f"cannot tell the output format from {str(path)!r}: use a .svg, .png, .pdf or .dot "
                         "suffix, or give the format")
    return OUTPUT_FORMATS[suffix]


def render_file(argument_map: ArgumentMap, path: str | Path, options: RenderOptions | None = None,
                output_format: str | None = None) -> Path:
    """Render to ``path`` (atomically; never over the map file or its source text). Returns the path."""
    from usfk_argmap.files import write_atomic

    fmt = output_format_for(path, output_format)
    data = render(argument_map, fmt, options)
    write_atomic(path, data, inputs=argument_map.input_paths())
    return Path(path)


@dataclass(frozen=True)
class RenderOutcome:
    """What became of one map in ``render_many``: the file written, or why not."""

    source: Path
    output: Path | None
    error: str | None = None
    notes: tuple[str, ...] = ()
    missing_engine: str | None = None


def render_many(paths: Sequence[str | Path], out_dir: str | Path, options: RenderOptions | None = None, *,
                output_format: str = "svg", jobs: int | None = None,
                progress: Callable[[RenderOutcome], None] | None = None,
                source_roots: Sequence[str | Path] = ()) -> list[RenderOutcome]:
    """Render each map to ``out_dir/<name>.<format>``, on ``jobs`` processes (default: all cores).

    ``source_roots`` are folders besides each map's own that its ``source:`` may lie in.

    A map that cannot be loaded or drawn gets an outcome with an ``error``; the
    others are still rendered. ``progress`` is called as each map finishes.
    Raises ``GraphvizNotFoundError`` if Graphviz is missing, ``ValueError`` if
    two maps would write the same file.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from usfk_argmap.errors import GraphvizNotFoundError

    options = options or RenderOptions()
    output_format_for(f"x.{output_format}", output_format)
    sources = [Path(p) for p in paths]
    targets = [Path(out_dir) / f"{source.stem}.{output_format}" for source in sources]
    seen: dict[Path, Path] = {}
    for source, target in zip(sources, targets, strict=True):
        if target in seen:
            raise ValueError(f"{seen[target]} and {source} would both be written to {target}")
        seen[target] = source
    workers = min(jobs or os.cpu_count() or 1, len(sources))
    outcomes: dict[int, RenderOutcome] = {}
    if workers <= 1:
        for index, (source, target) in enumerate(zip(sources, targets, strict=True)):
            outcomes[index] = _render_one(source, target, output_format, options, tuple(source_roots))
            if progress is not None:
                progress(outcomes[index])
    else:
        pool = ProcessPoolExecutor(max_workers=workers)
        try:
            futures = {pool.submit(_render_one, source, target, output_format, options, tuple(source_roots)): index
                       for index, (source, target) in enumerate(zip(sources, targets, strict=True))}
            for future in as_completed(futures):
                outcomes[futures[future]] = future.result()
                if progress is not None:
                    progress(outcomes[futures[future]])
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM): stop the workers now, rather than wait for every map left
            # (what leaving the ``with`` block of a pool does). SIGKILL, as a worker would take SIGTERM
            # for one map's error and go on to the next; their Graphviz runs die with them (PR_SET_PDEATHSIG).
            workers_running = getattr(pool, "_processes", None) or {}
            for process in list(workers_running.values()):
                with contextlib.suppress(OSError, AttributeError):
                    process.kill()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    ordered = [outcomes[index] for index in range(len(sources))]
    for outcome in ordered:
        if outcome.missing_engine is not None:
            raise GraphvizNotFoundError(outcome.missing_engine)
    return ordered


def _render_one(source: Path, target: Path, output_format: str, options: RenderOptions,
                source_roots: tuple[str | Path, ...] = ()) -> RenderOutcome:
    """Load, render and write one map (runs in a worker process)."""
    from usfk_argmap.diagnostics import Severity
    from usfk_argmap.errors import ArgmapError, GraphvizNotFoundError
    from usfk_argmap.mapfile.loader import load_map

    result = load_map(source, source_roots=source_roots)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if result.map is None or errors:
        first = errors[0].format_text() if errors else f"{source}: cannot be loaded"
        return RenderOutcome(source, None, f"{first} (run `usfk-argmap check {source}`)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ArgmapWarning)
        try:
            render_file(result.map, target, options, output_format)
        except GraphvizNotFoundError as error:
            return RenderOutcome(source, None, str(error), missing_engine=error.executable)
        except (ArgmapError, ValueError) as error:
            return RenderOutcome(source, None, f"{source}: {error}")
    return RenderOutcome(source, target, None, tuple(str(w.message) for w in caught))

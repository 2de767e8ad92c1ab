"""The pipeline: load → check → draw, for one map or a batch of map files.

The layers below do one step each: ``mapfile`` loads, ``rules`` checks,
``drawing`` draws what it is given. This module runs them in order where a
step needs an earlier one: ``show_issues`` marks the diagnostics of the checks
(and the load errors the map was drawn despite), ``render_many`` loads each file
before drawing it. The CLI calls this module
for every drawing it makes::

    from usfk_argmap import open_map
    from usfk_argmap.pipeline import RenderOptions, render_file

    argument_map = open_map("maps/usfk_conclusion.yaml")
    render_file(argument_map, "out/usfk.svg", RenderOptions(fit="16:9", show_issues=True))
"""

from __future__ import annotations

import contextlib
import importlib
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from usfk_argmap.core.diagnostics import Diagnostic, Severity
from usfk_argmap.core.errors import ArgmapError, ArgmapWarning, GraphvizNotFoundError, OptionError
from usfk_argmap.core.formats import format_for
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing import render as drawing
from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.mapfile.context import LoadContext
from usfk_argmap.mapfile.usable import Purpose, blocking

__all__ = [
    "RenderOptions",
    "RenderOutcome",
    "drawing_purpose",
    "issues_to_show",
    "render",
    "render_file",
    "render_many",
    "render_svg",
    "to_dot",
]


#: The output formats drawn from Graphviz's layout in another language (not by ``drawing.render``, which they
#: read the layout through), as ``"module:function"``: each takes the map, options, diagnostics and ``standalone``.
PICTURE_WRITERS = {"tex": "usfk_argmap.drawing.tikz:to_tikz", "typst": "usfk_argmap.drawing.typst:to_typst"}


def drawing_purpose(options: RenderOptions | None) -> Purpose:
    """What a drawing asks of its map (``mapfile.usable``): ``marked`` when it shows the issues, else ``draw``.

    A drawing that marks every statement's problems, the load errors included, can
    show a draft whose statement lacks its text or whose relation was dropped: the
    mark says so. A plain drawing would show such a gap as if it were the map.
    """
    return "marked" if options is not None and options.show_issues else "draw"


def issues_to_show(
    argument_map: ArgumentMap, options: RenderOptions | None, load_diagnostics: Sequence[Diagnostic] = ()
) -> list[Diagnostic] | None:
    """The diagnostics a drawing marks with ``show_issues``: the map's ``load_diagnostics`` and the checks'
    findings; else none."""
    if options is None or not options.show_issues:
        return None
    from usfk_argmap.rules import run_checks  # only a picture that shows the issues needs the checks

    return [*load_diagnostics, *run_checks(argument_map)]


def to_dot(
    argument_map: ArgumentMap, options: RenderOptions | None = None, *, load_diagnostics: Sequence[Diagnostic] = ()
) -> str:
    """The Graphviz DOT text of a map, its issues (``load_diagnostics`` too) marked with ``show_issues``."""
    return drawing.to_dot(argument_map, options, diagnostics=issues_to_show(argument_map, options, load_diagnostics))


def render(
    argument_map: ArgumentMap,
    output_format: str = "svg",
    options: RenderOptions | None = None,
    *,
    load_diagnostics: Sequence[Diagnostic] = (),
) -> bytes:
    """The map drawn as ``svg``, ``png``, ``pdf`` or ``dot`` (see ``usfk_argmap.drawing.render.render``), or as a
    TikZ or Typst picture, ``tex`` or ``typst`` (``PICTURE_WRITERS``); with ``show_issues``, the checks' findings
    and the ``load_diagnostics`` are marked."""
    diagnostics = issues_to_show(argument_map, options, load_diagnostics)
    fmt = format_for(output_format, drawing.OUTPUT_FORMATS)
    if fmt in PICTURE_WRITERS:
        module, _, name = PICTURE_WRITERS[fmt].partition(":")
        write = getattr(importlib.import_module(module), name)
        standalone = options is not None and options.standalone
        text: str = write(argument_map, options, diagnostics=diagnostics, standalone=standalone)
        return text.encode("utf-8")
    return drawing.render(argument_map, output_format, options, diagnostics=diagnostics)


def map_pptx(
    argument_map: ArgumentMap,
    options: RenderOptions | None = None,
    reference_doc: str | Path | None = None,
    *,
    load_diagnostics: Sequence[Diagnostic] = (),
) -> bytes:
    """The map as one editable PowerPoint slide (see ``present.slides.pptx.map_pptx``), its issues
    (``load_diagnostics`` too) marked when ``options.show_issues`` asks."""
    from usfk_argmap.present.slides.pptx.deck import map_pptx as pptx_of

    return pptx_of(argument_map, options, reference_doc, diagnostics=issues_to_show(argument_map, options, load_diagnostics))


def render_svg(argument_map: ArgumentMap, options: RenderOptions | None = None) -> bytes:
    """The map as SVG (what Jupyter shows for a loaded map)."""
    return render(argument_map, "svg", options)


def render_file(
    argument_map: ArgumentMap,
    path: str | Path,
    options: RenderOptions | None = None,
    output_format: str | None = None,
    *,
    load_diagnostics: Sequence[Diagnostic] = (),
    force: bool = False,
) -> Path:
    """Render to ``path`` (atomically; never over the map file or its source text, nor a read-only file
    unless ``force``). Returns the path.

    With ``show_issues``, the checks' findings and the ``load_diagnostics`` are marked.
    """
    fmt = format_for(output_format if output_format is not None else Path(path), drawing.OUTPUT_FORMATS)
    if fmt in PICTURE_WRITERS:
        from usfk_argmap.core.files import write_atomic

        data = render(argument_map, fmt, options, load_diagnostics=load_diagnostics)
        write_atomic(path, data, inputs=argument_map.input_paths(), force=force)
        return Path(path)
    diagnostics = issues_to_show(argument_map, options, load_diagnostics)
    return drawing.render_file(argument_map, path, options, output_format, diagnostics=diagnostics, force=force)


@dataclass(frozen=True)
class RenderOutcome:
    """What became of one map in ``render_many``: the file written, or why not.

    ``load_errors`` are the load errors the map was drawn despite (a misspelled key, or any
    that leaves a map when the issues are shown; see ``mapfile.usable``), formatted as ``check`` prints them.
    """

    source: Path
    output: Path | None
    error: str | None = None
    notes: tuple[str, ...] = ()
    missing_engine: str | None = None
    load_errors: tuple[str, ...] = ()


def render_many(
    paths: Sequence[str | Path | LoadContext],
    out_dir: str | Path,
    options: RenderOptions | None = None,
    *,
    output_format: str = "svg",
    jobs: int | None = None,
    progress: Callable[[RenderOutcome], None] | None = None,
    source_roots: Sequence[str | Path] = (),
    force: bool = False,
) -> list[RenderOutcome]:
    """Render each map to ``out_dir/<name>.<format>``, on ``jobs`` processes (default: all cores).

    ``source_roots`` are folders besides each map's own that its ``source:`` may lie in
    (a ``LoadContext`` in ``paths`` names its own); a read-only output is replaced only with ``force``.

    A map that cannot be loaded or drawn gets an outcome with an ``error``; the
    others are still rendered. ``progress`` is called as each map finishes.
    Raises ``GraphvizNotFoundError`` if Graphviz is missing, ``ValueError`` if
    two maps would write the same file.
    """
    options = options or RenderOptions()
    format_for(output_format, drawing.OUTPUT_FORMATS)  # an unknown format is refused before any map is read
    contexts = [p if isinstance(p, LoadContext) else LoadContext.of(p, source_roots) for p in paths]
    sources = [context.path for context in contexts]
    suffix = drawing.OUTPUT_FORMATS[output_format].suffixes[0]  # typst: .typ
    targets = [Path(out_dir) / f"{source.stem}{suffix}" for source in sources]
    seen: dict[Path, Path] = {}
    for source, target in zip(sources, targets, strict=True):
        if target in seen:
            raise OptionError(f"{seen[target]} and {source} would both be written to {target}")
        seen[target] = source
    workers = min(jobs or os.cpu_count() or 1, len(sources))
    outcomes: dict[int, RenderOutcome] = {}
    if workers <= 1:
        for index, (context, target) in enumerate(zip(contexts, targets, strict=True)):
            outcomes[index] = _render_one(context, target, output_format, options, force)
            if progress is not None:
                progress(outcomes[index])
    else:
        # Imported here: multiprocessing costs a single render a tenth of its start-up.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        # The pool's workers are the child processes that were not there before it (the pool names its own only
        # in a private attribute).
        children_before = set(multiprocessing.active_children())
        pool = ProcessPoolExecutor(max_workers=workers)
        try:
            futures = {
                pool.submit(_render_one, context, target, output_format, options, force): index
                for index, (context, target) in enumerate(zip(contexts, targets, strict=True))
            }
            for future in as_completed(futures):
                outcomes[futures[future]] = future.result()
                if progress is not None:
                    progress(outcomes[futures[future]])
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM): stop the workers now, rather than wait for every map left
            # (what leaving the ``with`` block of a pool does). SIGKILL, as a worker would take SIGTERM
            # for one map's error and go on to the next; their Graphviz runs die with them (PR_SET_PDEATHSIG).
            for process in set(multiprocessing.active_children()) - children_before:
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


def _render_one(
    context: LoadContext, target: Path, output_format: str, options: RenderOptions, force: bool = False
) -> RenderOutcome:
    """Load, render and write one map (runs in a worker process)."""
    source = context.path
    result = context.load()
    purpose = drawing_purpose(options)
    if result.map is None or not result.usable_for(purpose):
        first = blocking(result.diagnostics, purpose)
        reason = first[0].format_text() if first else f"{source}: cannot be loaded"
        return RenderOutcome(source, None, f"{reason} (run `usfk-argmap check {source}`)")
    load_errors = tuple(d.format_text() for d in result.diagnostics if d.severity is Severity.ERROR)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ArgmapWarning)
        try:
            render_file(result.map, target, options, output_format, load_diagnostics=result.diagnostics, force=force)
        except GraphvizNotFoundError as error:
            return RenderOutcome(source, None, str(error), missing_engine=error.executable, load_errors=load_errors)
        except (ArgmapError, ValueError) as error:
            return RenderOutcome(source, None, f"{source}: {error}", load_errors=load_errors)
    return RenderOutcome(source, target, None, tuple(str(w.message) for w in caught), load_errors=load_errors)

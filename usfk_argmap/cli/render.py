"""The ``render`` command: one map drawn to SVG, PNG, PDF, DOT, TikZ, Typst or an editable PowerPoint slide, or several maps.

Registered on the command group by ``cli.app``; errors go through ``cli.base`` as every command's do.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from usfk_argmap.cli.base import (
    MAP_ARGUMENT,
    Command,
    CommandError,
    force_option,
    load_usable,
    map_context,
    reference_doc_checked,
    source_root_option,
)
from usfk_argmap.cli.options import render_options
from usfk_argmap.cli.output import command_line, echo, echo_bytes, note, printable, printing_notes, progress_bar
from usfk_argmap.core.formats import format_for
from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.drawing.render import OUTPUT_FORMATS

if TYPE_CHECKING:
    from usfk_argmap.mapfile.context import LoadContext


@click.command(cls=Command)
@click.argument("maps", nargs=-1, required=True, type=MAP_ARGUMENT)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=str),
    help="Output file (one map; '-' for standard output), or a folder (an existing one, a path "
    "ending in '/', or with several maps): each map is written into it under its own name. "
    "Default: MAP's name with the format's suffix, in the current folder.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS.names),
    help=f"Output format. Default: from the output file's suffix ({OUTPUT_FORMATS.known()}), else svg. "
    "pptx: one slide of editable shapes and connectors; tex: a TikZ picture; typst: a Typst picture.",
)
@click.option(
    "--reference-doc",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="pptx: a deck whose slide size, layouts, theme and fonts the slide takes.",
)
@render_options
@click.option("-j", "--jobs", type=click.IntRange(1), help="Maps rendered at once (several maps). Default: all cores.")
@force_option
@source_root_option
def render(
    maps: tuple[Path, ...],
    output: str | None,
    output_format: str | None,
    reference_doc: Path | None,
    options: RenderOptions,
    jobs: int | None,
    force: bool,
    source_roots: tuple[Path, ...],
) -> None:
    """Draw maps as SVG, PNG, PDF, Graphviz DOT, or a TikZ or Typst picture.

    The format comes from the output suffix (.svg .png .pdf .dot .pptx .tex .typ) or --format.
    A .pptx is one slide of native, editable shapes, for pasting into a talk.
    A .tex is a TikZ picture laid out by Graphviz, its text set by LaTeX in the
    document's fonts, to \\input into a thesis; a .typ is the same picture for
    Typst, to #include. --standalone makes either a document that XeLaTeX or
    Typst compiles on its own.
    With several maps, or -o DIR/ (a trailing slash or an existing folder), -o
    names a folder and each map is written into it under its own name; several
    maps are rendered on all cores. --fit gives the picture exactly that size.
    Exit code 0 when every map was drawn; 1 when a map could not be loaded or
    Graphviz failed; 2 for usage errors, including Graphviz not installed.

    \b
    Example:
        usfk-argmap render maps/usfk_conclusion.yaml -o out/usfk.svg --fit 16:9 --embed-fonts
        usfk-argmap render maps/usfk_conclusion.yaml -o usfk.pdf --theme print --legend
        usfk-argmap render maps/*.yaml -o out/ --format png --dpi 300
        usfk-argmap render maps/usfk_conclusion.yaml -o s1.pptx --section s1
        usfk-argmap render maps/usfk_conclusion.yaml -o chapter5-map.tex
        usfk-argmap render maps/usfk_conclusion.yaml -o usfk.tex --standalone --clusters
        usfk-argmap render maps/usfk_conclusion.yaml -o usfk.typ
    """
    # Checked on the text as typed: a Path drops the trailing slash that says "a folder".
    into_folder = output is not None and output != "-" and (output.endswith(("/", "\\")) or Path(output).is_dir())
    several = len(maps) > 1 or into_folder
    fmt = _chosen_format(output_format, None if several or output == "-" else output)
    if several and output_format is None and output is not None and Path(output).suffix.lower() == ".pptx":
        fmt = "pptx"  # several maps to one deck file: refused below, not written as pictures into a folder named *.pptx
    if reference_doc is not None and fmt != "pptx":
        raise click.UsageError("--reference-doc applies to PowerPoint output (-o MAP.pptx or --format pptx)")
    if options.standalone and fmt not in ("tex", "typst"):
        raise click.UsageError("--standalone applies to TikZ and Typst output (-o MAP.tex, -o MAP.typ)")
    if fmt == "pptx":
        if several or output is None or output == "-":
            raise click.UsageError("PowerPoint output is one map to one file: -o MAP.pptx")
        _render_pptx(map_context(maps[0], source_roots), Path(output), options, reference_doc, force)
    elif not several:
        _render_one(map_context(maps[0], source_roots), Path(output) if output is not None else None, fmt, options, force)
    else:
        contexts = [map_context(path, source_roots) for path in maps]
        _render_several(contexts, Path(output) if output is not None else Path("."), fmt, options, jobs, force)


def _chosen_format(output_format: str | None, output_file: str | None) -> str:
    """``--format``, else the one output file's suffix, else svg (standard output, a folder of maps)."""
    if output_format is not None:
        return output_format
    return "svg" if output_file is None else format_for(Path(output_file), OUTPUT_FORMATS)


def _render_one(context: LoadContext, output: Path | None, fmt: str, options: RenderOptions, force: bool) -> None:
    from usfk_argmap.pipeline import drawing_purpose
    from usfk_argmap.pipeline import render as render_map

    argument_map, loaded = load_usable(context, drawing_purpose(options), instead=_marked_instead(context, options))
    with printing_notes():
        data = render_map(argument_map, fmt, options, load_diagnostics=loaded.diagnostics)
    if output is not None and str(output) == "-":
        echo_bytes(data)
        return
    target = output if output is not None else Path(context.path.stem + OUTPUT_FORMATS[fmt].suffixes[0])
    _write_bytes(data, target, inputs=[context.path, *argument_map.input_paths()], force=force)


def _render_pptx(context: LoadContext, output: Path, options: RenderOptions, reference_doc: Path | None, force: bool) -> None:
    from usfk_argmap.pipeline import drawing_purpose, map_pptx

    argument_map, loaded = load_usable(context, drawing_purpose(options), instead=_marked_instead(context, options))
    with reference_doc_checked(), printing_notes():
        data = map_pptx(argument_map, options, reference_doc, load_diagnostics=loaded.diagnostics)
    _write_bytes(data, output, inputs=[context.path, *argument_map.input_paths()], force=force)


def _marked_instead(context: LoadContext, options: RenderOptions) -> str | None:
    """The command that draws a map refused for its load errors anyway, marked up: ``--show-issues`` (None: it is given)."""
    if options.show_issues:
        return None
    return command_line("render", str(context.path), "--show-issues")


def _render_several(
    contexts: Sequence[LoadContext], out_dir: Path, output_format: str, options: RenderOptions, jobs: int | None, force: bool
) -> None:
    from usfk_argmap.pipeline import RenderOutcome, render_many

    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(printable(f"{out_dir} is a file; with several maps, -o names a folder"))
    outcomes: list[RenderOutcome] = []
    if len(contexts) > 3:
        with progress_bar(len(contexts), "rendering") as bar:
            outcomes = render_many(
                contexts,
                out_dir,
                options,
                output_format=output_format,
                jobs=jobs,
                progress=lambda _outcome: bar.update(1),
                force=force,
            )
    else:
        outcomes = render_many(contexts, out_dir, options, output_format=output_format, jobs=jobs, force=force)
    for outcome in outcomes:
        for line in outcome.load_errors:
            echo(line, err=True)
        for text in outcome.notes:
            note(text)
        if outcome.error is not None:
            echo(outcome.error, err=True)
        else:
            echo(f"wrote {outcome.output}", err=True)
    failed = sum(1 for outcome in outcomes if outcome.error is not None)
    if failed:
        raise CommandError(f"{failed} of {len(outcomes)} map(s) could not be rendered")


def _write_bytes(data: bytes, output: Path, *, inputs: Sequence[Path], force: bool) -> None:
    from usfk_argmap.core.files import write_atomic

    write_atomic(output, data, inputs=inputs, force=force)
    echo(f"wrote {output}", err=True)

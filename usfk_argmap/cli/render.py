"""The ``render`` command: one map drawn to SVG, PNG, PDF, DOT or an editable PowerPoint slide, or several maps.

Registered on the command group by ``cli.app``; errors go through ``cli.base`` as every command's do.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from usfk_argmap.cli.base import MAP_ARGUMENT, Command, CommandError, echo, load_or_exit, printing_notes, source_root_option
from usfk_argmap.cli.options import RENDER_FORMATS, render_options
from usfk_argmap.cli.output import printable
from usfk_argmap.drawing.options import RenderOptions


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
    type=click.Choice((*RENDER_FORMATS, "pptx")),
    help="Output format. Default: from the output file's suffix, else svg. pptx: one slide of editable shapes and connectors.",
)
@click.option(
    "--reference-doc",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="pptx: a deck whose slide size, layouts, theme and fonts the slide takes.",
)
@render_options
@click.option("-j", "--jobs", type=click.IntRange(1), help="Maps rendered at once (several maps). Default: all cores.")
@source_root_option
def render(
    maps: tuple[Path, ...],
    output: str | None,
    output_format: str | None,
    reference_doc: Path | None,
    options: RenderOptions,
    jobs: int | None,
    source_roots: tuple[Path, ...],
) -> None:
    """Draw maps as SVG, PNG, PDF or Graphviz DOT.

    The format comes from the output suffix (.svg .png .pdf .dot .pptx) or --format.
    A .pptx is one slide of native, editable shapes, for pasting into a talk.
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
    """
    is_pptx = output_format == "pptx" or (output_format is None and output is not None and Path(output).suffix.lower() == ".pptx")
    if reference_doc is not None and not is_pptx:
        raise click.UsageError("--reference-doc applies to PowerPoint output (-o MAP.pptx or --format pptx)")
    # Checked on the text as typed: a Path drops the trailing slash that says "a folder".
    into_folder = output is not None and output != "-" and (output.endswith(("/", "\\")) or Path(output).is_dir())
    if is_pptx:
        if len(maps) != 1 or output is None or output == "-" or into_folder:
            raise click.UsageError("PowerPoint output is one map to one file: -o MAP.pptx")
        _render_pptx(maps[0], Path(output), options, reference_doc, source_roots)
    elif len(maps) == 1 and not into_folder:
        _render_one(maps[0], Path(output) if output is not None else None, output_format, options, source_roots)
    else:
        _render_several(
            maps, Path(output) if output is not None else Path("."), output_format or "svg", options, jobs, source_roots
        )


def _render_one(
    map_path: Path, output: Path | None, output_format: str | None, options: RenderOptions, source_roots: Sequence[Path]
) -> None:
    from usfk_argmap.drawing.render import output_format_for
    from usfk_argmap.pipeline import render as render_map

    to_file = output is not None and str(output) != "-"
    fmt = output_format_for(output, output_format) if output is not None and to_file else output_format or "svg"
    argument_map = load_or_exit(map_path, source_roots)
    with printing_notes():
        data = render_map(argument_map, fmt, options)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = output if output is not None else Path(f"{map_path.stem}.{fmt}")
    _write_bytes(data, target, inputs=[map_path, *argument_map.input_paths()])


def _render_pptx(
    map_path: Path, output: Path, options: RenderOptions, reference_doc: Path | None, source_roots: Sequence[Path]
) -> None:
    from usfk_argmap.pipeline import map_pptx
    from usfk_argmap.present.slides.pptx.package import ReferenceDocError

    argument_map = load_or_exit(map_path, source_roots)
    try:
        with printing_notes():
            data = map_pptx(argument_map, options, reference_doc)
    except ReferenceDocError as error:  # the template is a bad option value; other errors go through cli.base
        raise click.UsageError(printable(str(error))) from None
    _write_bytes(data, output, inputs=[map_path, *argument_map.input_paths()])


def _render_several(
    maps: Sequence[Path],
    out_dir: Path,
    output_format: str,
    options: RenderOptions,
    jobs: int | None,
    source_roots: Sequence[Path],
) -> None:
    from usfk_argmap.pipeline import RenderOutcome, render_many

    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(printable(f"{out_dir} is a file; with several maps, -o names a folder"))
    outcomes: list[RenderOutcome] = []
    if len(maps) > 3:
        with click.progressbar(length=len(maps), label="rendering", file=sys.stderr) as bar:
            outcomes = render_many(
                maps,
                out_dir,
                options,
                output_format=output_format,
                jobs=jobs,
                progress=lambda _outcome: bar.update(1),
                source_roots=source_roots,
            )
    else:
        outcomes = render_many(maps, out_dir, options, output_format=output_format, jobs=jobs, source_roots=source_roots)
    for outcome in outcomes:
        for note in outcome.notes:
            echo(f"note: {note}", err=True)
        if outcome.error is not None:
            echo(outcome.error, err=True)
        else:
            echo(f"wrote {outcome.output}", err=True)
    failed = sum(1 for outcome in outcomes if outcome.error is not None)
    if failed:
        raise CommandError(f"{failed} of {len(outcomes)} map(s) could not be rendered")


def _write_bytes(data: bytes, output: Path, *, inputs: Sequence[Path]) -> None:
    from usfk_argmap.core.files import write_atomic

    write_atomic(output, data, inputs=inputs)
    echo(f"wrote {output}", err=True)

"""The presenting commands, ``slides`` and ``report``: a deck of the map, and its completeness report.

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
    echo,
    echo_data,
    load_or_exit,
    printing_notes,
    source_root_option,
)
from usfk_argmap.cli.options import presentation_options, slide_options
from usfk_argmap.cli.output import printable
from usfk_argmap.present.report import REPORT_FORMATS
from usfk_argmap.present.slides.deck import SLIDE_FORMATS

if TYPE_CHECKING:
    from usfk_argmap.core.diagnostics import Diagnostic
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.options import RenderOptions
    from usfk_argmap.present.slides.options import SlideOptions


@click.command(cls=Command)
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The deck file to write (deck.html, deck.pptx, deck.md, deck.tex).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(SLIDE_FORMATS),
    default=None,
    help="Deck format. Default: from the output's suffix (.html, .pptx, .md, .tex).",
)
@click.option(
    "--no-cache", is_flag=True, help="Lay every picture out again instead of using the layout cache (also USFK_ARGMAP_CACHE=off)."
)
@slide_options
@source_root_option
def slides(
    map_path: Path, output: Path, output_format: str | None, no_cache: bool, options: SlideOptions, source_roots: tuple[Path, ...]
) -> None:
    """Write a slide deck of a map: title, overview, whole map, a build-up of each part, a focus on each claim.

    Statement text is at least --min-text px per em on a 1920x1080 screen: a
    section too dense for it is split by sub-claim into several build-ups.
    The HTML deck is one self-contained file (inline SVG, CSS and script; it
    needs no network). Keys: → / space next, ← back, P presenter window
    (notes, next step, timer); click or swipe too; on the whole map, the
    wheel zooms and a drag pans; each slide has a URL fragment; print to PDF
    gives one slide per page. pptx is editable PowerPoint: statements are shapes with their text,
    relations connectors glued to them, a build-up is clicks on one slide
    (--pictures: a picture per step instead; --reference-doc: your template).
    marp and beamer write the same sequence, one slide per build step, and
    refer to pictures in OUTPUT-STEM_files/.

    Layouts are cached in the user's cache folder (USFK_ARGMAP_CACHE=DIR
    moves it, USFK_ARGMAP_CACHE=off or --no-cache turns it off).

    \b
    Example:
        usfk-argmap slides maps/usfk_conclusion.yaml -o out/deck.html
        usfk-argmap slides maps/usfk_conclusion.yaml -o out/deck.pptx --lang both
        usfk-argmap slides maps/usfk_conclusion.yaml -o out/talk.pptx --reference-doc my-template.pptx
        usfk-argmap slides maps/example_tram.yaml -o out/tram.md --format marp
    """
    import contextlib

    from usfk_argmap.drawing.cache import layout_cache
    from usfk_argmap.present.slides.formats import slide_format_for, write_slides

    fmt = slide_format_for(output, output_format)
    try:
        options.check_format(fmt)
    except ValueError as error:
        raise click.UsageError(printable(str(error))) from None
    argument_map = load_or_exit(map_path, source_roots)
    if options.section is not None:
        from usfk_argmap.analysis.selection import check_section_id

        try:
            check_section_id(argument_map, options.section)
        except ValueError as error:
            raise click.BadParameter(printable(str(error)), param_hint="--section") from None
    # Errors (Graphviz missing or failing, an output or template problem) go through cli.base.Command.
    with printing_notes(), layout_cache(None) if no_cache else contextlib.nullcontext():
        written = write_slides(argument_map, output, fmt, options)
    extra = f" and {len(written) - 1} file(s) in {written[1].parent.name}/" if len(written) > 1 else ""
    echo(f"wrote {output}{extra}", err=True)
    _warn_of_problems(map_path)


def _warn_of_problems(map_path: Path) -> None:
    """Say on standard error that a map that was presented anyway has errors (as `check` counts them)."""
    from usfk_argmap import check_file
    from usfk_argmap.core.diagnostics import summarize

    counts = summarize(check_file(map_path)[1])
    if counts["errors"]:
        echo(
            f"warning: {map_path} has {counts['errors']} error(s) and {counts['warnings']} warning(s); "
            f"the deck shows the map as it is: run `usfk-argmap check {map_path}`",
            err=True,
        )


@click.command(cls=Command)
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of standard output."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(REPORT_FORMATS),
    default=None,
    help="Report format. Default: from the output's suffix (.html, .md); html on standard output.",
)
@presentation_options
@source_root_option
def report(
    map_path: Path,
    output: Path | None,
    output_format: str | None,
    options: RenderOptions,
    templates: Path | None,
    source_roots: tuple[Path, ...],
) -> None:
    """Write the completeness report of a map: figures, diagnostics, the map, the quoted source.

    Every diagnostic links to its node; the map marks the nodes with
    problems; the source text highlights every quoted span, linked to its
    node, and leaves unquoted sentences plain. Markdown reports written to a
    file get the map as OUTPUT-STEM.svg beside them. Exit code 0 once the
    report is written, whatever it finds (use `check` to fail a build).

    \b
    Example:
        usfk-argmap report maps/usfk_conclusion.yaml -o out/report.html
        usfk-argmap report maps/usfk_conclusion.yaml --format md -o out/report.md
    """
    from usfk_argmap.present.report import report_format_for, write_report

    fmt = report_format_for(output, output_format)
    argument_map, load_diagnostics = _load_with_diagnostics(map_path, source_roots)
    with printing_notes():
        text = write_report(argument_map, load_diagnostics, output, fmt, options, templates)
    if text is not None:
        echo_data(text, nl=False)
    else:
        echo(f"wrote {output}", err=True)


def _load_with_diagnostics(path: Path, source_roots: Sequence[Path]) -> tuple[ArgumentMap, list[Diagnostic]]:
    """Load a map for the report: its non-fatal load problems are part of the report."""
    from usfk_argmap.core.codes import FATAL_CODES
    from usfk_argmap.mapfile.loader import load_map

    result = load_map(path, source_roots=source_roots)
    if result.map is None or any(d.code in FATAL_CODES for d in result.diagnostics):
        for diagnostic in result.diagnostics:
            echo(diagnostic.format_text(), err=True)
        raise CommandError(f"{path}: the map cannot be read; fix the errors above")
    return result.map, result.diagnostics

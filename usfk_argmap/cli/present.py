"""The presenting commands, ``slides`` and ``report``: a deck of the map, and its completeness report.

Registered on the command group by ``cli.app``; errors go through ``cli.base`` as every command's do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from usfk_argmap.cli.base import MAP_ARGUMENT, Command, load_usable, map_context, reference_doc_checked, source_root_option
from usfk_argmap.cli.options import presentation_options, presentation_render_options
from usfk_argmap.cli.output import echo, echo_data, printable, printing_notes
from usfk_argmap.present.report import REPORT_FORMATS
from usfk_argmap.present.slides.deck import SLIDE_FORMATS

if TYPE_CHECKING:
    from usfk_argmap.mapfile.loader import LoadResult


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
    type=click.Choice(SLIDE_FORMATS.names),
    default=None,
    help=f"Deck format. Default: from the output's suffix: {SLIDE_FORMATS.known()}.",
)
@click.option("--section", metavar="ID", help="Only this section's build-ups and focus slides (after the overview).")
@click.option(
    "--width",
    type=click.FloatRange(2, 200),
    default=None,
    help="Label width in em. Default: for each picture, the width predicted to draw its text largest.",
)
@click.option(
    "--min-text",
    type=click.FloatRange(4, 60),
    default=24.0,
    show_default=True,
    help="Smallest statement text on a build-up or focus slide, in px per em at 1920x1080; "
    "a section too dense for it is split by sub-claim.",
)
@click.option("--fit", "shape", metavar="RATIO", default="16:9", show_default=True, help="The slides' shape: 16:9, 4:3, 16:10...")
@click.option("-j", "--jobs", type=click.IntRange(1), help="Pictures laid out at once. Default: all cores.")
@click.option(
    "--no-cache", is_flag=True, help="Lay every picture out again instead of using the layout cache (also USFK_ARGMAP_CACHE=off)."
)
@presentation_options
@click.option(
    "--reference-doc",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="pptx: a deck whose slide size, masters, layouts, theme colours and fonts the deck takes.",
)
@click.option(
    "--pictures",
    is_flag=True,
    help="pptx: a picture of the map per build step instead of editable shapes (for viewers that need it).",
)
@source_root_option
def slides(
    map_path: Path,
    output: Path,
    output_format: str | None,
    section: str | None,
    width: float | None,
    min_text: float,
    shape: str,
    jobs: int | None,
    no_cache: bool,
    lang_mode: str | None,
    theme: str | None,
    direction: str | None,
    templates: Path | None,
    reference_doc: Path | None,
    pictures: bool,
    source_roots: tuple[Path, ...],
    evaluate: bool,
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
    import dataclasses

    from usfk_argmap.drawing.cache import LayoutCache
    from usfk_argmap.present.slides.fit import SlideShape, parse_ratio
    from usfk_argmap.present.slides.formats import slide_format_for, write_slides

    fmt = slide_format_for(output, output_format)
    if (reference_doc is not None or pictures) and fmt != "pptx":
        raise click.UsageError("--reference-doc and --pictures are options of PowerPoint decks (--format pptx)")
    if reference_doc is not None and pictures:
        raise click.UsageError("--reference-doc applies to editable decks, not to --pictures")
    try:
        slide_shape = SlideShape(ratio=parse_ratio(shape), min_text=min_text)
    except ValueError as error:
        raise click.BadParameter(printable(str(error)), param_hint="--fit") from None
    argument_map, loaded = load_usable(map_context(map_path, source_roots))
    options = presentation_render_options(lang_mode, theme, direction, evaluate)
    if width is not None:
        options = dataclasses.replace(options, width=width)
    if section is not None:
        from usfk_argmap.analysis.selection import check_section_id

        try:
            check_section_id(argument_map, section)
        except ValueError as error:
            raise click.BadParameter(printable(str(error)), param_hint="--section") from None
    # Errors (Graphviz missing or failing, an output or template problem) go through cli.base.Command.
    with reference_doc_checked(), printing_notes():
        written = write_slides(
            argument_map,
            output,
            fmt,
            options,
            templates,
            section=section,
            shape=slide_shape,
            jobs=jobs,
            pictures=pictures,
            reference_doc=reference_doc,
            cache=LayoutCache(None) if no_cache else None,  # no folder: every picture laid out again
        )
    extra = f" and {len(written) - 1} file(s) in {written[1].parent.name}/" if len(written) > 1 else ""
    echo(f"wrote {output}{extra}", err=True)
    _warn_of_problems(map_path, loaded)


def _warn_of_problems(map_path: Path, loaded: LoadResult) -> None:
    """Say on standard error that a map that was presented anyway has errors (as `check` counts them)."""
    from usfk_argmap import check_loaded
    from usfk_argmap.core.diagnostics import summarize

    counts = summarize(check_loaded(loaded))
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
    type=click.Choice(REPORT_FORMATS.names),
    default=None,
    help=f"Report format. Default: from the output's suffix ({REPORT_FORMATS.known()}); html on standard output.",
)
@presentation_options
@source_root_option
def report(
    map_path: Path,
    output: Path | None,
    output_format: str | None,
    lang_mode: str | None,
    theme: str | None,
    direction: str | None,
    templates: Path | None,
    source_roots: tuple[Path, ...],
    evaluate: bool,
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
    # The report shows the map's load problems itself: a map the rules can run on is enough.
    argument_map, loaded = load_usable(map_context(map_path, source_roots), "check")
    with printing_notes():
        text = write_report(
            argument_map,
            loaded.diagnostics,
            output,
            fmt,
            presentation_render_options(lang_mode, theme, direction, evaluate),
            templates,
        )
    if text is not None:
        echo_data(text, nl=False)
    else:
        echo(f"wrote {output}", err=True)

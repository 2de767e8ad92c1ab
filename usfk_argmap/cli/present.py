"""The presenting commands, ``slides`` and ``report``: a deck of the map, and its completeness report.

Registered on the command group by ``cli.app``; errors go through ``cli.base`` as every command's do.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

import click

from usfk_argmap.cli.base import (
    MAP_ARGUMENT,
    Command,
    force_option,
    load_usable,
    map_context,
    reference_doc_checked,
    source_root_option,
)
from usfk_argmap.cli.options import presentation_options, slide_options
from usfk_argmap.cli.output import command_line, echo, echo_data, printable, printing_notes
from usfk_argmap.present.report import REPORT_FORMATS
from usfk_argmap.present.slides.deck import SLIDE_FORMATS

if TYPE_CHECKING:
    from usfk_argmap.drawing.options import RenderOptions
    from usfk_argmap.mapfile.loader import LoadResult
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
    type=click.Choice(SLIDE_FORMATS.names),
    default=None,
    help=f"Deck format. Default: from the output's suffix: {SLIDE_FORMATS.known()}.",
)
@click.option(
    "--no-cache", is_flag=True, help="Lay every picture out again instead of using the layout cache (also USFK_ARGMAP_CACHE=off)."
)
@click.option(
    "--questions",
    is_flag=True,
    help="Add a defence appendix: for each main claim, the critical questions of its schemes still open "
    "and what in the map would answer them.",
)
@slide_options
@force_option
@source_root_option
def slides(
    map_path: Path,
    output: Path,
    output_format: str | None,
    no_cache: bool,
    questions: bool,
    options: SlideOptions,
    force: bool,
    source_roots: tuple[Path, ...],
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
    refer to pictures in OUTPUT-STEM_files/. --questions ends the deck with
    a defence appendix (口試攻防): each main claim's open critical questions,
    the inference each is about, and the statements that would answer them.

    Layouts are cached in the user's cache folder (USFK_ARGMAP_CACHE=DIR
    moves it, USFK_ARGMAP_CACHE=off or --no-cache turns it off).

    \b
    Example:
        usfk-argmap slides maps/usfk_conclusion.yaml -o out/deck.html
        usfk-argmap slides maps/usfk_conclusion.yaml -o out/deck.pptx --lang both
        usfk-argmap slides maps/usfk_conclusion.yaml -o out/talk.pptx --reference-doc my-template.pptx
        usfk-argmap slides maps/example_tram.yaml -o out/tram.md --format marp
        usfk-argmap slides maps/usfk_conclusion.yaml -o out/defence.html --questions
    """
    from usfk_argmap.drawing.cache import LayoutCache
    from usfk_argmap.present.slides.formats import slide_format_for, write_slides

    if questions:
        options = dataclasses.replace(options, questions=True)
    fmt = slide_format_for(output, output_format)
    try:
        options.check_format(fmt)
    except ValueError as error:
        raise click.UsageError(printable(str(error))) from None
    # A draft with load errors is presented as far as it loaded, under a banner on every slide.
    argument_map, loaded = load_usable(map_context(map_path, source_roots), "marked")
    counts = _problem_counts(loaded)
    if options.section is not None:
        from usfk_argmap.analysis.selection import check_section_id

        try:
            check_section_id(argument_map, options.section)
        except ValueError as error:
            raise click.BadParameter(printable(str(error)), param_hint="--section") from None
    # Errors (Graphviz missing or failing, an output or template problem) go through cli.base.Command.
    with reference_doc_checked(), printing_notes():
        # No folder: every picture laid out again.
        cache = LayoutCache(None) if no_cache else None
        banner = _draft_banner(map_path, counts, options.render.chrome_language(argument_map.lang))
        written = write_slides(argument_map, output, fmt, options, cache=cache, banner=banner, force=force)
    extra = f" and {len(written) - 1} file(s) in {written[1].parent.name}/" if len(written) > 1 else ""
    echo(f"wrote {output}{extra}", err=True)
    if counts["errors"]:
        echo(
            f"warning: {map_path} has {counts['errors']} error(s) and {counts['warnings']} warning(s); "
            f"the deck shows the map as far as it loaded, with a banner: run `{command_line('check', str(map_path))}`",
            err=True,
        )


def _problem_counts(loaded: LoadResult) -> dict[str, int]:
    """The map's errors, warnings and infos as `check` counts them (its load errors included)."""
    from usfk_argmap import check_loaded
    from usfk_argmap.core.diagnostics import summarize

    return summarize(check_loaded(loaded))


def _draft_banner(map_path: Path, counts: dict[str, int], lang: str) -> str | None:
    """The warning every slide of a deck of a map with errors carries, in ``lang`` (None: the map has none)."""
    from usfk_argmap.core.messages import message

    errors = counts["errors"]
    if not errors:
        return None
    return message(
        "deck.draft_one" if errors == 1 else "deck.draft", lang, errors=errors, command=command_line("check", str(map_path))
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
@force_option
@source_root_option
def report(
    map_path: Path,
    output: Path | None,
    output_format: str | None,
    options: RenderOptions,
    templates: Path | None,
    force: bool,
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
    # The report lists the map's load problems and marks them on its picture: a draft is reported as far as it loaded.
    argument_map, loaded = load_usable(map_context(map_path, source_roots), "marked")
    with printing_notes():
        text = write_report(argument_map, loaded.diagnostics, output, fmt, options, templates, force=force)
    if text is not None:
        echo_data(text, nl=False)
    else:
        echo(f"wrote {output}", err=True)

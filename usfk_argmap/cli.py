"""The ``usfk-argmap`` command line: parses options, calls the library, maps errors to exit codes.

Exit codes: 0 clean; 1 problems found (or an output that could not be made);
2 usage errors (a missing file, an unknown option, Graphviz not installed).
Heavy modules are imported inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

import click

from usfk_argmap import __version__
from usfk_argmap.cli_authoring import init, lsp, quote, serve
from usfk_argmap.terminal import printable

if TYPE_CHECKING:
    import contextlib

    from usfk_argmap.analysis.evaluation import Evaluation
    from usfk_argmap.diagnostics import Diagnostic
    from usfk_argmap.drawing.render import RenderOptions
    from usfk_argmap.model import ArgumentMap

_F = TypeVar("_F", bound=Callable[..., None])

MAP_ARGUMENT = click.Path(exists=True, dir_okay=False, path_type=Path)


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line for people: control characters from the map come out escaped, never raw."""
    click.echo(printable(text), err=err, nl=nl)


def echo_data(text: str, *, nl: bool = True) -> None:
    """Print a document (JSON, Argdown, a report) on standard output: as it is into a pipe, escaped on a terminal."""
    click.echo(printable(text) if sys.stdout.isatty() else text, nl=nl)


def _codes(values: Sequence[str]) -> list[str]:
    """Split ``--select AM1,AM201`` style values."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def source_root_option(command: _F) -> _F:
    """``--source-root DIR`` (repeatable): a folder besides the map's own that its ``source:`` may lie in."""
    return click.option(
        "--source-root", "source_roots", multiple=True, envvar="USFK_ARGMAP_SOURCE_ROOTS",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Also read a map's source: text from this folder's tree (repeatable; by default only the "
             "map's own folder). Environment: USFK_ARGMAP_SOURCE_ROOTS, folders separated by ':'.",
    )(command)


def load_or_exit(path: Path, source_roots: Sequence[Path] = ()) -> ArgumentMap:
    """Load a map for a command that needs a usable one; print its errors and exit 1 otherwise."""
    from usfk_argmap.diagnostics import Severity
    from usfk_argmap.mapfile.loader import load_map

    result = load_map(path, source_roots=source_roots)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    for diagnostic in errors:
        echo(diagnostic.format_text(), err=True)
    # A misspelled key (AM008) only drops its entry: the map can still be drawn, and its gaps shown.
    if result.map is None or any(d.code != "AM008" for d in errors):
        echo(f"{path}: the map has load errors; run `usfk-argmap check {path}` for details", err=True)
        sys.exit(1)
    return result.map


@contextmanager
def printing_notes() -> Iterator[None]:
    """Print the library's notes (``ArgmapWarning``: a changed layout, a font substituted) as ``note:`` lines.

    Each note is printed once, when it is made: a layout note comes before the
    long layout it announces (and the progress notes of that layout), also when
    the command then fails.
    """
    import warnings

    from usfk_argmap.errors import ArgmapWarning

    printed: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("always", ArgmapWarning)
        shown = warnings.showwarning

        def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                 file: TextIO | None = None, line: str | None = None) -> None:
            if not issubclass(category, ArgmapWarning):
                shown(message, category, filename, lineno, file, line)
            elif str(message) not in printed:
                printed.add(str(message))
                click.echo(f"note: {message}", err=True)

        warnings.showwarning = show
        yield


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="usfk-argmap")
@click.option("--graphviz-timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              envvar="USFK_ARGMAP_GRAPHVIZ_TIMEOUT", show_envvar=True,
              help="Stop a Graphviz run that takes longer than this (default 600).")
@click.pass_context
def main(context: click.Context, graphviz_timeout: float | None) -> None:
    """Check, render and present argument maps written in YAML.

    \b
    Example:
        usfk-argmap check maps/usfk_conclusion.yaml
        usfk-argmap render maps/usfk_conclusion.yaml -o out/usfk.svg
    """
    from usfk_argmap.cli_runtime import command_runtime

    context.with_resource(command_runtime(graphviz_timeout))


@main.command()
@click.argument("maps", nargs=-1, required=True, type=MAP_ARGUMENT)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text: path:line:col: CODE [severity] message; json; github annotations.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too (exit 1).")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (AM2, AM301,...).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option("--evaluate", is_flag=True,
              help="Also evaluate the map: the thesis not established, a main claim defeated or open (AM5xx).")
@source_root_option
def check(maps: tuple[Path, ...], output_format: str, strict: bool, select: tuple[str, ...],
          ignore: tuple[str, ...], evaluate: bool, source_roots: tuple[Path, ...]) -> None:
    """Check maps for completeness and report linter-style diagnostics.

    Exit code 0 when no errors are found (and, with --strict, no warnings);
    1 otherwise, including maps that cannot be loaded; 2 for usage errors.

    \b
    Example:
        usfk-argmap check maps/usfk_conclusion.yaml --strict
        usfk-argmap check maps/*.yaml --format json --ignore AM302
        usfk-argmap check maps/usfk_conclusion.yaml --evaluate
    """
    from usfk_argmap import check_file
    from usfk_argmap.catalogue import check_codes
    from usfk_argmap.diagnostics import has_failures, summarize, to_json
    from usfk_argmap.rules import selected_rules

    chosen, skipped = _codes(select) or None, _codes(ignore) or None
    try:
        check_codes([*(chosen or ()), *(skipped or ())])
    except ValueError as error:
        raise click.BadParameter(printable(str(error)), param_hint="--select/--ignore") from None
    diagnostics: list[Diagnostic] = []
    clean: list[str] = []
    for path in maps:
        argument_map, found = check_file(path, select=chosen, ignore=skipped, source_roots=source_roots,
                                         evaluate=evaluate)
        diagnostics.extend(found)
        if not found and argument_map is not None:
            rule_count = len(selected_rules(chosen, skipped))
            clean.append(f"{path}: no problems ({len(argument_map.nodes)} statements, {rule_count} rules)")
    if output_format == "json":
        echo_data(to_json(diagnostics))
    elif output_format == "github":
        for diagnostic in diagnostics:
            echo(diagnostic.format_github())
    else:
        for diagnostic in diagnostics:
            echo(diagnostic.format_text())
        for line in clean:
            echo(line, err=True)
        counts = summarize(diagnostics)
        if diagnostics:
            echo(f"{counts['errors']} error(s), {counts['warnings']} warning(s), {counts['infos']} info(s) "
                       f"in {len(maps)} map(s)", err=True)
    sys.exit(1 if has_failures(diagnostics, strict=strict) else 0)


@main.command()
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option("--format", "output_format", default="json", show_default=True,
              help="Export format: json, graphml, aif, argdown, mermaid, dot, iccma or apx.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@source_root_option
def export(map_path: Path, output_format: str, output: Path | None, source_roots: tuple[Path, ...]) -> None:
    """Write a map in another format: nodes, edges and linked arguments.

    json (our plain data), graphml (Gephi, yEd), aif (AIF JSON for OVA and
    AIFdb), argdown, mermaid (a flowchart for Markdown) or dot (Graphviz);
    iccma and apx write the map's attack graph for argumentation solvers.

    \b
    Example:
        usfk-argmap export maps/usfk_conclusion.yaml --format json -o usfk.json
        usfk-argmap export maps/usfk_conclusion.yaml --format mermaid -o usfk.mmd
    """
    from usfk_argmap.export import EXPORTERS, export_notes, for_output
    from usfk_argmap.export import export as export_map

    if output_format not in EXPORTERS:
        raise click.BadParameter(f"{output_format!r} is not one of {', '.join(sorted(EXPORTERS))}",
                                 param_hint="--format")
    argument_map = load_or_exit(map_path, source_roots)
    for note in export_notes(argument_map, output_format):
        click.echo(f"note: {note}", err=True)
    _write_text(export_map(for_output(argument_map, output), output_format), output,
                inputs=[map_path, *argument_map.input_paths()])


@main.command()
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True)
@source_root_option
def stats(map_path: Path, output_format: str, source_roots: tuple[Path, ...]) -> None:
    """Show counts by kind and relation, depth, and how much of the source the quotes cover.

    \b
    Example:
        usfk-argmap stats maps/usfk_conclusion.yaml
        usfk-argmap stats maps/usfk_conclusion.yaml --format md > STATS.md
    """
    import json

    from usfk_argmap.analysis.stats import compute_stats
    from usfk_argmap.present.templating import render_template

    argument_map = load_or_exit(map_path, source_roots)
    figures = compute_stats(argument_map)
    if output_format == "json":
        echo_data(json.dumps(figures.to_dict(), ensure_ascii=False, indent=2))
    else:
        template = "stats.md" if output_format == "md" else "stats.txt"
        echo(render_template(template, stats=figures, map=argument_map).rstrip("\n"))


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "md"]), default="text", show_default=True)
@click.argument("codes", nargs=-1, metavar="[CODES]...")
def rules(output_format: str, codes: tuple[str, ...]) -> None:
    """List the diagnostic codes: the loader's and the rules', with their documentation.

    CODES are codes or prefixes: AM2 lists AM201 to AM205.

    \b
    Example:
        usfk-argmap rules
        usfk-argmap rules AM201 AM301
        usfk-argmap rules AM4
        usfk-argmap rules --format md
    """
    from usfk_argmap.catalogue import entries_for
    from usfk_argmap.present.templating import render_template

    try:
        entries = entries_for(codes)
    except ValueError as error:
        raise click.BadParameter(printable(str(error)), param_hint="CODES") from None
    template = "rules.md" if output_format == "md" else "rules.txt"
    echo(render_template(template, entries=entries).rstrip("\n"))


@main.command()
@click.argument("maps", nargs=-1, required=True, type=MAP_ARGUMENT)
@click.option("-o", "--output", type=click.Path(path_type=str),
              help="Output file (one map; '-' for standard output), or a folder (an existing one, a path "
                   "ending in '/', or with several maps): each map is written into it under its own name. "
                   "Default: MAP's name with the format's suffix, in the current folder.")
@click.option("--format", "output_format", type=click.Choice(["svg", "png", "pdf", "dot", "pptx"]),
              help="Output format. Default: from the output file's suffix, else svg. "
                   "pptx: one slide of editable shapes and connectors.")
@click.option("--reference-doc", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="pptx: a deck whose slide size, layouts, theme and fonts the slide takes.")
@click.option("--direction", type=click.Choice(["BT", "TB", "LR", "RL"]), default="BT", show_default=True,
              help="Where arrows point; BT puts the conclusion on top.")
@click.option("--lang", "lang_mode", type=click.Choice(["zh", "en", "both"]), default="zh", show_default=True,
              help="zh: the map's own text; en: the English gloss (`en:`) where given; both: text and gloss.")
@click.option("--width", type=click.FloatRange(2, 200), default=16.0, show_default=True,
              help="Label line width in em (a CJK character is 1 em, a Latin letter about 0.5).")
@click.option("--theme", type=click.Choice(["light", "dark", "print"]), default="light", show_default=True)
@click.option("--fit", metavar="SIZE",
              help="The picture's exact size, the map centred in it: a ratio (16:9, 7.5 in high) or a size with "
                   "its unit (13.33x7.5in, 25x14cm, 1920x1080px: pixels at --dpi).")
@click.option("--transparent", is_flag=True, help="No background.")
@click.option("--dpi", type=click.IntRange(1, 2400), default=192, show_default=True, help="Resolution of PNG output.")
@click.option("--focus", metavar="ID", help="Draw only the neighbourhood of this statement.")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True,
              help="With --focus: how many relations away to go.")
@click.option("--section", metavar="ID", help="Draw only this section's statements.")
@click.option("--highlight", multiple=True, metavar="ID", help="Draw this statement with a thick border (repeatable).")
@click.option("--show-issues", is_flag=True, help="Mark statements that have diagnostics, with their codes.")
@click.option("--evaluate", is_flag=True,
              help="Mark each statement established, defeated or open (grounded semantics): a badge and a border dash.")
@click.option("--clusters", is_flag=True, help="Draw sections as boxes.")
@click.option("--legend", is_flag=True, help="Add a legend of the kinds and relations drawn, under the map.")
@click.option("--embed-fonts", is_flag=True, help="SVG: embed a subset of the font (renders without CJK fonts).")
@click.option("--outline-text", is_flag=True, help="SVG: text as glyph outlines (no font needed; not selectable).")
@click.option("--engine", type=click.Choice(["dot", "sfdp", "neato", "fdp", "circo", "twopi"]),
              help="Graphviz layout engine. Default: dot, or sfdp for maps of thousands of statements.")
@click.option("--stagger", type=click.IntRange(1, 6), default=1, show_default=True,
              help="Spread the leaves under each statement over N levels: a wide, flat map gets narrower.")
@click.option("-j", "--jobs", type=click.IntRange(1), help="Maps rendered at once (several maps). Default: all cores.")
@source_root_option
def render(maps: tuple[Path, ...], output: str | None, output_format: str | None, reference_doc: Path | None,
           direction: str, lang_mode: str,
           width: float, theme: str, fit: str | None, transparent: bool, dpi: int, focus: str | None, depth: int,
           section: str | None, highlight: tuple[str, ...], show_issues: bool, evaluate: bool, clusters: bool,
           legend: bool, embed_fonts: bool, outline_text: bool, engine: str | None, stagger: int, jobs: int | None,
           source_roots: tuple[Path, ...]) -> None:
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
        usfk-argmap render maps/usfk_conclusion.yaml -o c1.pptx --section S1
    """
    from usfk_argmap.drawing.render import RenderOptions

    try:
        options = RenderOptions(direction=direction, lang_mode=lang_mode, width=width, theme=theme, fit=fit,
                                transparent=transparent, dpi=dpi, focus=focus, depth=depth, section=section,
                                highlight=highlight, show_issues=show_issues, evaluate=evaluate, clusters=clusters,
                                legend=legend,
                                embed_fonts=embed_fonts, outline_text=outline_text, engine=engine, stagger=stagger)
    except ValueError as error:
        raise click.UsageError(printable(str(error))) from None
    is_pptx = output_format == "pptx" or (output_format is None and output is not None
                                         and Path(output).suffix.lower() == ".pptx")
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
        _render_several(maps, Path(output) if output is not None else Path("."), output_format or "svg", options,
                        jobs, source_roots)


def _render_one(map_path: Path, output: Path | None, output_format: str | None, options: RenderOptions,
                source_roots: Sequence[Path]) -> None:
    from usfk_argmap.drawing.render import output_format_for
    from usfk_argmap.drawing.render import render as render_map
    from usfk_argmap.errors import ArgmapError, GraphvizNotFoundError, UnknownNodeError

    if output is not None and str(output) != "-":
        try:
            fmt = output_format_for(output, output_format)
        except ValueError as error:
            raise click.UsageError(printable(str(error))) from None
    else:
        fmt = output_format or "svg"
    argument_map = load_or_exit(map_path, source_roots)
    try:
        with printing_notes():
            data = render_map(argument_map, fmt, options)
    except GraphvizNotFoundError as error:
        echo(f"error: {error}", err=True)
        sys.exit(2)
    except (UnknownNodeError, ValueError) as error:
        raise click.UsageError(printable(str(error))) from None
    except ArgmapError as error:
        echo(f"{map_path}: {error}", err=True)
        sys.exit(1)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = output if output is not None else Path(f"{map_path.stem}.{fmt}")
    _write_bytes(data, target, inputs=[map_path, *argument_map.input_paths()])


def _render_pptx(map_path: Path, output: Path, options: RenderOptions, reference_doc: Path | None,
                 source_roots: Sequence[Path]) -> None:
    from usfk_argmap.errors import ArgmapError, GraphvizNotFoundError, UnknownNodeError
    from usfk_argmap.present.slides.pptx import map_pptx
    from usfk_argmap.present.slides.pptx_package import ReferenceDocError

    argument_map = load_or_exit(map_path, source_roots)
    try:
        with printing_notes():
            data = map_pptx(argument_map, options, reference_doc)
    except GraphvizNotFoundError as error:
        echo(f"error: {error}", err=True)
        sys.exit(2)
    except (UnknownNodeError, ReferenceDocError, ValueError) as error:
        raise click.UsageError(printable(str(error))) from None
    except ArgmapError as error:
        echo(f"{map_path}: {error}", err=True)
        sys.exit(1)
    _write_bytes(data, output, inputs=[map_path, *argument_map.input_paths()])


def _render_several(maps: Sequence[Path], out_dir: Path, output_format: str, options: RenderOptions,
                    jobs: int | None, source_roots: Sequence[Path]) -> None:
    from usfk_argmap.drawing.render import RenderOutcome, render_many
    from usfk_argmap.errors import GraphvizNotFoundError

    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(f"{out_dir} is a file; with several maps, -o names a folder")
    outcomes: list[RenderOutcome] = []
    try:
        if len(maps) > 3:
            with click.progressbar(length=len(maps), label="rendering", file=sys.stderr) as bar:
                outcomes = render_many(maps, out_dir, options, output_format=output_format, jobs=jobs,
                                       progress=lambda _outcome: bar.update(1), source_roots=source_roots)
        else:
            outcomes = render_many(maps, out_dir, options, output_format=output_format, jobs=jobs,
                                   source_roots=source_roots)
    except GraphvizNotFoundError as error:
        echo(f"error: {error}", err=True)
        sys.exit(2)
    except ValueError as error:
        raise click.UsageError(printable(str(error))) from None
    for outcome in outcomes:
        for note in outcome.notes:
            echo(f"note: {note}", err=True)
        if outcome.error is not None:
            echo(outcome.error, err=True)
        else:
            echo(f"wrote {outcome.output}", err=True)
    failed = sum(1 for outcome in outcomes if outcome.error is not None)
    if failed:
        echo(f"{failed} of {len(outcomes)} map(s) could not be rendered", err=True)
        sys.exit(1)


def _write_bytes(data: bytes, output: Path, *, inputs: Sequence[Path]) -> None:
    from usfk_argmap.errors import OutputError
    from usfk_argmap.files import write_atomic

    try:
        write_atomic(output, data, inputs=inputs)
    except OutputError as error:
        echo(f"error: {error}", err=True)
        sys.exit(1)
    echo(f"wrote {output}", err=True)


@main.command("import")
@click.argument("source", metavar="FILE", type=MAP_ARGUMENT)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The map file to write (YAML).")
@click.option("--from", "from_format", type=click.Choice(["argdown", "aif", "microtext"]),
              help="The format of FILE; by default from its suffix (.argdown, .json, .xml).")
@click.option("--root", "root", metavar="ID",
              help="The id (Argdown: the title) of the thesis. By default the file's own, else the statement "
                   "the most support flows to.")
def import_map(source: Path, output: Path, from_format: str | None, root: str | None) -> None:
    """Import an Argdown, AIF JSON or arg-microtexts XML file as a map file.

    Whatever the format holds that ours cannot, and anything malformed, is
    reported as an AM4xx diagnostic with its line and column in FILE. Exit
    code 0 when the map was written, 1 when FILE could not be read as a map,
    2 for usage errors. Run `usfk-argmap check` on the result next.

    \b
    Example:
        usfk-argmap import debate.argdown -o maps/debate.yaml
        usfk-argmap import corpus/micro_b001.xml -o maps/b001.yaml
        usfk-argmap import ova-export.txt --from aif -o maps/ova.yaml
        usfk-argmap import veggie.argdown --root Strikt-Veggie -o maps/veggie.yaml
    """
    from usfk_argmap.diagnostics import Severity, suggest
    from usfk_argmap.export import relocated_source
    from usfk_argmap.interop import import_file
    from usfk_argmap.interop.draft import requested_root
    from usfk_argmap.mapfile.writer import schema_reference, write_map

    try:
        with requested_root(root):
            result = import_file(source, from_format)
    except ValueError as error:
        raise click.UsageError(printable(str(error))) from None
    if root is not None and result.map is not None and root not in result.map.nodes:
        hint = suggest(root, result.map.nodes)
        advice = f"; did you mean {hint!r}?" if hint else ""
        raise click.BadParameter(printable(f"{source} has no statement {root!r}{advice}"), param_hint="--root")
    for diagnostic in result.diagnostics:
        echo(diagnostic.format_text(), err=True)
    if result.map is None or any(d.severity is Severity.ERROR for d in result.diagnostics):
        echo(f"{source}: nothing was imported", err=True)
        sys.exit(1)
    named = relocated_source(result.map.named_source, source.parent, output.parent)
    _write_text(write_map(result.map, schema=schema_reference(output), source=named), output, inputs=[source])


def _write_text(text: str, output: Path | None, *, inputs: Sequence[Path]) -> None:
    if output is None:
        echo_data(text, nl=False)
        return
    from usfk_argmap.errors import OutputError
    from usfk_argmap.files import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"), inputs=inputs)
    except OutputError as error:
        raise click.ClickException(printable(str(error))) from None
    echo(f"wrote {output}", err=True)


def _presentation_options(command: _F) -> _F:
    """The render options the slides and report commands pass on to the map pictures."""
    options = [
        click.option("--lang", "lang_mode", type=click.Choice(["zh", "en", "both"]), default=None,
                     help="Node text: the map's own (zh), the English gloss (en), or both. Default: the renderer's."),
        click.option("--theme", type=click.Choice(["light", "dark", "print"]), default=None,
                     help="Colours of the pictures and the page. Default: light."),
        click.option("--direction", type=click.Choice(["BT", "TB", "LR", "RL"]), default=None,
                     help="Which way the arrows run. Default: the renderer's."),
        click.option("--templates", "templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
                     default=None, help="A folder of jinja2 templates that take precedence over the bundled ones."),
        click.option("--evaluate", is_flag=True,
                     help="Mark each statement established, defeated or open in the pictures (grounded semantics)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _render_options(lang_mode: str | None, theme: str | None, direction: str | None,
                    evaluate: bool = False) -> RenderOptions:
    from usfk_argmap.drawing.render import RenderOptions

    defaults = RenderOptions()
    return RenderOptions(lang_mode=lang_mode or defaults.lang_mode, theme=theme or defaults.theme,
                         direction=direction or defaults.direction, evaluate=evaluate)


@main.command()
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The deck file to write (deck.html, deck.pptx, deck.md, deck.tex).")
@click.option("--format", "output_format", type=click.Choice(["html", "pptx", "marp", "beamer"]), default=None,
              help="Deck format. Default: from the output's suffix (.html, .pptx, .md, .tex).")
@click.option("--section", metavar="ID", help="Only this section's build-ups and focus slides (after the overview).")
@click.option("--width", type=click.FloatRange(2, 200), default=None,
              help="Label width in em. Default: for each picture, the width predicted to draw its text largest.")
@click.option("--min-text", type=click.FloatRange(4, 60), default=24.0, show_default=True,
              help="Smallest statement text on a build-up or focus slide, in px per em at 1920x1080; "
                   "a section too dense for it is split by sub-claim.")
@click.option("--fit", "shape", metavar="RATIO", default="16:9", show_default=True,
              help="The slides' shape: 16:9, 4:3, 16:10...")
@click.option("-j", "--jobs", type=click.IntRange(1), help="Pictures laid out at once. Default: all cores.")
@click.option("--no-cache", is_flag=True,
              help="Lay every picture out again instead of using the layout cache (also USFK_ARGMAP_CACHE=off).")
@_presentation_options
@click.option("--reference-doc", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="pptx: a deck whose slide size, masters, layouts, theme colours and fonts the deck takes.")
@click.option("--pictures", is_flag=True,
              help="pptx: a picture of the map per build step instead of editable shapes (for viewers that need it).")
@source_root_option
def slides(map_path: Path, output: Path, output_format: str | None, section: str | None, width: float | None,
           min_text: float, shape: str, jobs: int | None, no_cache: bool, lang_mode: str | None, theme: str | None,
           direction: str | None, templates: Path | None, reference_doc: Path | None, pictures: bool,
           source_roots: tuple[Path, ...], evaluate: bool) -> None:
    """Write a slide deck of a map: a title, the whole map, a build-up of each part, a focus on each main claim.

    The HTML deck is one self-contained file (inline SVG, CSS and script; it
    needs no network). Keys: → / space next, ← back, N speaker notes; click or
    swipe too; each slide has a URL fragment; print to PDF gives one slide per
    page. pptx is editable PowerPoint: statements are shapes with their text,
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

    from usfk_argmap.drawing.cache import layout_cache
    from usfk_argmap.errors import ArgmapError, GraphvizNotFoundError
    from usfk_argmap.present.slides.deck import slide_format_for, write_slides
    from usfk_argmap.present.slides.fit import SlideShape, parse_ratio

    try:
        fmt = slide_format_for(output, output_format)
    except ValueError as error:
        raise click.UsageError(printable(str(error))) from None
    if (reference_doc is not None or pictures) and fmt != "pptx":
        raise click.UsageError("--reference-doc and --pictures are options of PowerPoint decks (--format pptx)")
    if reference_doc is not None and pictures:
        raise click.UsageError("--reference-doc applies to editable decks, not to --pictures")
    try:
        slide_shape = SlideShape(ratio=parse_ratio(shape), min_text=min_text)
    except ValueError as error:
        raise click.BadParameter(printable(str(error)), param_hint="--fit") from None
    argument_map = load_or_exit(map_path, source_roots)
    options = _render_options(lang_mode, theme, direction, evaluate)
    if width is not None:
        options = dataclasses.replace(options, width=width)
    if section is not None:
        from usfk_argmap.analysis.selection import check_section_id

        try:
            check_section_id(argument_map, section)
        except ValueError as error:
            raise click.BadParameter(printable(str(error)), param_hint="--section") from None
    try:
        with printing_notes(), layout_cache(None) if no_cache else _nothing():
            written = write_slides(argument_map, output, fmt, options, templates, section=section,
                                   shape=slide_shape, jobs=jobs, pictures=pictures, reference_doc=reference_doc)
    except GraphvizNotFoundError as error:
        echo(f"Error: {error}", err=True)
        sys.exit(2)
    except ArgmapError as error:  # Graphviz failed, an output or template problem, no font at all
        raise click.ClickException(printable(str(error))) from None
    extra = f" and {len(written) - 1} file(s) in {written[1].parent.name}/" if len(written) > 1 else ""
    echo(f"wrote {output}{extra}", err=True)
    _warn_of_problems(map_path)


def _warn_of_problems(map_path: Path) -> None:
    """Say on standard error that a map that was presented anyway has errors (as `check` counts them)."""
    from usfk_argmap import check_file
    from usfk_argmap.diagnostics import summarize

    counts = summarize(check_file(map_path)[1])
    if counts["errors"]:
        echo(f"warning: {map_path} has {counts['errors']} error(s) and {counts['warnings']} warning(s); "
                   f"the deck shows the map as it is: run `usfk-argmap check {map_path}`", err=True)


def _nothing() -> contextlib.AbstractContextManager[None]:
    import contextlib

    return contextlib.nullcontext()


@main.command()
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--format", "output_format", type=click.Choice(["html", "md"]), default=None,
              help="Report format. Default: from the output's suffix (.html, .md); html on standard output.")
@_presentation_options
@source_root_option
def report(map_path: Path, output: Path | None, output_format: str | None, lang_mode: str | None, theme: str | None,
           direction: str | None, templates: Path | None, source_roots: tuple[Path, ...], evaluate: bool) -> None:
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
    from usfk_argmap.errors import ArgmapError, GraphvizNotFoundError
    from usfk_argmap.present.report import report_format_for, write_report

    try:
        fmt = report_format_for(output, output_format)
    except ValueError as error:
        raise click.UsageError(printable(str(error))) from None
    argument_map, load_diagnostics = _load_with_diagnostics(map_path, source_roots)
    try:
        with printing_notes():
            text = write_report(argument_map, load_diagnostics, output, fmt,
                                _render_options(lang_mode, theme, direction, evaluate), templates)
    except GraphvizNotFoundError as error:
        echo(f"Error: {error}", err=True)
        sys.exit(2)
    except ArgmapError as error:  # Graphviz failed, an output or template problem, no font at all
        raise click.ClickException(printable(str(error))) from None
    if text is not None:
        echo_data(text, nl=False)
    else:
        echo(f"wrote {output}", err=True)


def _load_with_diagnostics(path: Path, source_roots: Sequence[Path]) -> tuple[ArgumentMap, list[Diagnostic]]:
    """Load a map for the report: its non-fatal load problems are part of the report."""
    from usfk_argmap.mapfile.loader import FATAL_CODES, load_map

    result = load_map(path, source_roots=source_roots)
    if result.map is None or any(d.code in FATAL_CODES for d in result.diagnostics):
        for diagnostic in result.diagnostics:
            echo(diagnostic.format_text(), err=True)
        echo(f"{path}: the map cannot be read; fix the errors above", err=True)
        sys.exit(1)
    return result.map, result.diagnostics


_SEMANTICS_OPTION = click.option(
    "--semantics", type=click.Choice(["grounded", "preferred"]), default="grounded", show_default=True,
    help="grounded: what every reading of the objections accepts (linear time); preferred: maximal coherent readings.")
_ACCEPTANCE_OPTION = click.option(
    "--acceptance", type=click.Choice(["sceptical", "credulous"]), default="sceptical", show_default=True,
    help="With --semantics preferred: in when in every preferred labelling (sceptical) or in some (credulous).")


def _evaluate_or_exit(argument_map: ArgumentMap, semantics: str, acceptance: str) -> Evaluation:
    from usfk_argmap.analysis.evaluation import EvaluationLimitError, evaluate

    try:
        return evaluate(argument_map, semantics=semantics, acceptance=acceptance)
    except EvaluationLimitError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)


@main.command("evaluate")
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@_SEMANTICS_OPTION
@_ACCEPTANCE_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def evaluate_command(map_path: Path, semantics: str, acceptance: str, output_format: str) -> None:
    """Say which statements stand, given the objections and answers in the map.

    Labels come from the map's attack graph (in, out, undec); a statement is
    established when it is in and rests on established reasons (or needs
    none), defeated when it is out, open otherwise. Runs on any map that
    loads, whatever `check` says of it. Exit code 0 once evaluated.

    \b
    Example:
        usfk-argmap evaluate maps/usfk_conclusion.yaml
        usfk-argmap evaluate maps/usfk_conclusion.yaml --format json
        usfk-argmap evaluate maps/example_tram.yaml --semantics preferred --acceptance credulous
    """
    import json

    from usfk_argmap.rules.evaluated import main_claims

    argument_map = load_or_exit(map_path)
    evaluation = _evaluate_or_exit(argument_map, semantics, acceptance)
    if output_format == "json":
        click.echo(json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2))
        return
    first = [i for i in [argument_map.root, *main_claims(argument_map)] if i in evaluation.status]
    rest = [i for i in evaluation.status if i not in first]
    width = max((len(i) for i in evaluation.status), default=0)
    for group, title in ((first, "thesis and main claims"), (rest, "the other statements and linked arguments")):
        if not group:
            continue
        click.echo(f"{title}:")
        for item in group:
            text = argument_map.nodes[item].text if item in argument_map.nodes else "(linked argument)"
            click.echo(f"  {item:<{width}}  {evaluation.status[item]:<11}  {evaluation.labels[item]:<5}  "
                       f"{_one_line(text)}")
    counts = {status: list(evaluation.status.values()).count(status) for status in ("established", "defeated", "open")}
    click.echo(f"{counts['established']} established, {counts['defeated']} defeated, {counts['open']} open "
               f"({evaluation.to_dict()['semantics']})", err=True)


@main.command()
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.argument("item_id", metavar="ID")
@_SEMANTICS_OPTION
@_ACCEPTANCE_OPTION
@click.option("--depth", type=click.IntRange(1, 20), default=3, show_default=True,
              help="How many steps of the chain to follow.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(map_path: Path, item_id: str, semantics: str, acceptance: str, depth: int, output_format: str) -> None:
    """Explain why a statement is established, defeated or open.

    Prints a few sentences, then the chain of reasons, objections and answers
    that decide it, one item a line.

    \b
    Example:
        usfk-argmap explain maps/usfk_conclusion.yaml C3
        usfk-argmap explain maps/usfk_conclusion.yaml T --depth 1 --format json
    """
    import json

    from usfk_argmap.analysis.explanation import explain as explain_item
    from usfk_argmap.diagnostics import suggest

    argument_map = load_or_exit(map_path)
    evaluation = _evaluate_or_exit(argument_map, semantics, acceptance)
    if item_id not in evaluation.status:
        hint = suggest(item_id, list(evaluation.status))
        advice = f"; did you mean {hint}?" if hint else ""
        raise click.BadParameter(f"{item_id!r} is not a statement or linked argument of the map{advice}",
                                 param_hint="ID")
    explanation = explain_item(argument_map, evaluation, item_id, depth=depth)
    if output_format == "json":
        click.echo(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(explanation.sentence())
    click.echo("")
    click.echo("\n".join(explanation.lines()))


def _one_line(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


for _authoring_command in (init, quote, serve, lsp):
    main.add_command(_authoring_command)

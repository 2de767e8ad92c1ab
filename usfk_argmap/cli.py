"""The ``usfk-argmap`` command line: parses options, calls the library, maps errors to exit codes.

Exit codes: 0 clean; 1 problems found (or an output that could not be made);
2 usage errors (a missing file, an unknown option, Graphviz or a font not installed).
The commands let the library's errors through; ``cli_base`` maps them to exit
codes and messages, in one place (``click_error``). Heavy modules are
imported inside the commands, so ``--help`` stays fast; the choice lists come
from the library's light modules.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from usfk_argmap import __version__
from usfk_argmap.cli_authoring import init, lsp, quote, serve
from usfk_argmap.cli_base import (
    EXIT_PROBLEMS,
    MAP_ARGUMENT,
    RENDER_FORMATS,
    CommandError,
    Main,
    echo,
    echo_data,
    load_or_exit,
    printing_notes,
    render_options,
    source_root_option,
)
from usfk_argmap.cli_evaluate import evaluate_command, explain
from usfk_argmap.cli_present import report, slides
from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.export import EXPORTERS
from usfk_argmap.interop import FORMAT_SUFFIXES
from usfk_argmap.terminal import printable

if TYPE_CHECKING:
    from usfk_argmap.diagnostics import Diagnostic

_F = TypeVar("_F", bound=Callable[..., None])



def _codes(values: Sequence[str]) -> list[str]:
    """Split ``--select AM1,AM201`` style values."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
    click.get_current_context().exit(EXIT_PROBLEMS if has_failures(diagnostics, strict=strict) else 0)


@main.command()
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option("--format", "output_format", type=click.Choice(sorted(EXPORTERS)), default="json", show_default=True,
              help="Export format.")
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
    from usfk_argmap.export import export as export_map
    from usfk_argmap.export import export_notes, for_output

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
@click.option("--format", "output_format", type=click.Choice((*RENDER_FORMATS, "pptx")),
              help="Output format. Default: from the output file's suffix, else svg. "
                   "pptx: one slide of editable shapes and connectors.")
@click.option("--reference-doc", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="pptx: a deck whose slide size, layouts, theme and fonts the slide takes.")
@render_options
@click.option("-j", "--jobs", type=click.IntRange(1), help="Maps rendered at once (several maps). Default: all cores.")
@source_root_option
def render(maps: tuple[Path, ...], output: str | None, output_format: str | None, reference_doc: Path | None,
           options: RenderOptions, jobs: int | None, source_roots: tuple[Path, ...]) -> None:
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


def _render_pptx(map_path: Path, output: Path, options: RenderOptions, reference_doc: Path | None,
                 source_roots: Sequence[Path]) -> None:
    from usfk_argmap.present.slides.pptx import map_pptx
    from usfk_argmap.present.slides.pptx_package import ReferenceDocError

    argument_map = load_or_exit(map_path, source_roots)
    try:
        with printing_notes():
            data = map_pptx(argument_map, options, reference_doc)
    except ReferenceDocError as error:  # the template is a bad option value; other errors go through cli_base
        raise click.UsageError(printable(str(error))) from None
    _write_bytes(data, output, inputs=[map_path, *argument_map.input_paths()])


def _render_several(maps: Sequence[Path], out_dir: Path, output_format: str, options: RenderOptions,
                    jobs: int | None, source_roots: Sequence[Path]) -> None:
    from usfk_argmap.pipeline import RenderOutcome, render_many

    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(printable(f"{out_dir} is a file; with several maps, -o names a folder"))
    outcomes: list[RenderOutcome] = []
    if len(maps) > 3:
        with click.progressbar(length=len(maps), label="rendering", file=sys.stderr) as bar:
            outcomes = render_many(maps, out_dir, options, output_format=output_format, jobs=jobs,
                                   progress=lambda _outcome: bar.update(1), source_roots=source_roots)
    else:
        outcomes = render_many(maps, out_dir, options, output_format=output_format, jobs=jobs,
                               source_roots=source_roots)
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
    from usfk_argmap.files import write_atomic

    write_atomic(output, data, inputs=inputs)
    echo(f"wrote {output}", err=True)


@main.command("import")
@click.argument("source", metavar="FILE", type=MAP_ARGUMENT)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The map file to write (YAML).")
@click.option("--from", "from_format", type=click.Choice(tuple(FORMAT_SUFFIXES)),
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

    with requested_root(root):
        result = import_file(source, from_format)
    if root is not None and result.map is not None and root not in result.map.nodes:
        hint = suggest(root, result.map.nodes)
        advice = f"; did you mean {hint!r}?" if hint else ""
        raise click.BadParameter(printable(f"{source} has no statement {root!r}{advice}"), param_hint="--root")
    for diagnostic in result.diagnostics:
        echo(diagnostic.format_text(), err=True)
    if result.map is None or any(d.severity is Severity.ERROR for d in result.diagnostics):
        raise CommandError(f"{source}: nothing was imported")
    named = relocated_source(result.map.named_source, source.parent, output.parent)
    _write_text(write_map(result.map, schema=schema_reference(output), source=named), output, inputs=[source])


def _write_text(text: str, output: Path | None, *, inputs: Sequence[Path]) -> None:
    if output is None:
        echo_data(text, nl=False)
        return
    from usfk_argmap.files import write_atomic

    write_atomic(output, text.encode("utf-8"), inputs=inputs)
    echo(f"wrote {output}", err=True)


# The presenting, evaluation and authoring commands live in modules of their own (this one would be
# over 500 lines).
for _command in (slides, report, evaluate_command, explain, init, quote, serve, lsp):
    main.add_command(_command)

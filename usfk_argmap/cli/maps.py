"""The commands on one map file or several: ``check``, ``export``, ``stats``, ``rules``, ``render``, ``import``.

Registered on the command group by ``cli.app``, which imports this module only
when one of them runs; errors go through ``cli.base`` as every command's do.
Heavy modules are imported inside the commands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from usfk_argmap.cli.base import (
    EXIT_PROBLEMS,
    MAP_ARGUMENT,
    Command,
    CommandError,
    force_option,
    load_usable,
    map_context,
    source_root_option,
)
from usfk_argmap.cli.output import command_line, echo, echo_data, note, printable
from usfk_argmap.interop import IMPORT_FORMATS
from usfk_argmap.interop.exporters import EXPORT_FORMATS

if TYPE_CHECKING:
    from usfk_argmap.core.diagnostics import Diagnostic

_F = TypeVar("_F", bound=Callable[..., None])


def _codes(values: Sequence[str]) -> list[str]:
    """Split ``--select AM1,AM201`` style values."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


@click.command(cls=Command)
@click.argument("maps", nargs=-1, required=True, type=MAP_ARGUMENT)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col: CODE [severity] message; json; github annotations.",
)
@click.option("--strict", is_flag=True, help="Warnings fail the check too (exit 1).")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (AM2, AM301,...).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option(
    "--evaluate", is_flag=True, help="Also evaluate the map: the thesis not established, a main claim defeated or open (AM5xx)."
)
@click.option(
    "--strict-questions",
    is_flag=True,
    help="Ask every critical question of the schemes, exceptions too (AM208), as a map's `questions: all` does.",
)
@source_root_option
def check(
    maps: tuple[Path, ...],
    output_format: str,
    strict: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    evaluate: bool,
    strict_questions: bool,
    source_roots: tuple[Path, ...],
) -> None:
    """Check maps for completeness and report linter-style diagnostics.

    Exit code 0 when no errors are found (and, with --strict, no warnings);
    1 otherwise, including maps that cannot be loaded; 2 for usage errors.

    \b
    Example:
        usfk-argmap check maps/usfk_conclusion.yaml --strict
        usfk-argmap check maps/*.yaml --format json --ignore AM302
        usfk-argmap check maps/usfk_conclusion.yaml --evaluate
        usfk-argmap check maps/usfk_conclusion.yaml --strict-questions --select AM208
    """
    from usfk_argmap import check_loaded
    from usfk_argmap.core.diagnostics import has_failures, summarize, to_json
    from usfk_argmap.rules import selected_rules
    from usfk_argmap.rules.catalogue import check_codes

    chosen, skipped = _codes(select) or None, _codes(ignore) or None
    try:
        check_codes([*(chosen or ()), *(skipped or ())])
    except ValueError as error:
        raise click.BadParameter(printable(str(error)), param_hint="--select/--ignore") from None
    diagnostics: list[Diagnostic] = []
    clean: list[str] = []
    for path in maps:
        result = map_context(path, source_roots).load()
        found = check_loaded(result, select=chosen, ignore=skipped, evaluate=evaluate, strict_questions=strict_questions)
        diagnostics.extend(found)
        if not found and result.map is not None:
            rule_count = len(selected_rules(chosen, skipped))
            clean.append(f"{path}: no problems ({len(result.map.nodes)} statements, {rule_count} rules)")
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
            echo(
                f"{counts['errors']} error(s), {counts['warnings']} warning(s), {counts['infos']} info(s) in {len(maps)} map(s)",
                err=True,
            )
    click.get_current_context().exit(EXIT_PROBLEMS if has_failures(diagnostics, strict=strict) else 0)


@click.command(cls=Command)
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(EXPORT_FORMATS.names)),
    default="json",
    show_default=True,
    help="Export format.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of standard output."
)
@force_option
@source_root_option
def export(map_path: Path, output_format: str, output: Path | None, force: bool, source_roots: tuple[Path, ...]) -> None:
    """Write a map in another format: nodes, edges and linked arguments.

    json (our plain data), graphml (Gephi, yEd), aif (AIF JSON for OVA and
    AIFdb), argdown, mermaid (a flowchart for Markdown) or dot (Graphviz);
    iccma and apx write the map's attack graph for argumentation solvers;
    outline (Markdown) and outline-text (plain text) the map as a nested list
    in its own language, the text equivalent of its drawing; canvas (Obsidian's
    JSON Canvas) and drawio (draw.io) place it as Graphviz lays it out.

    \b
    Example:
        usfk-argmap export maps/usfk_conclusion.yaml --format json -o usfk.json
        usfk-argmap export maps/usfk_conclusion.yaml --format mermaid -o usfk.mmd
        usfk-argmap export maps/usfk_conclusion.yaml --format outline -o usfk.md
        usfk-argmap export maps/usfk_conclusion.yaml --format canvas -o usfk.canvas
        usfk-argmap export maps/usfk_conclusion.yaml --format drawio -o usfk.drawio
    """
    from usfk_argmap.interop.exporters import export as export_map
    from usfk_argmap.interop.exporters import export_notes, for_output

    argument_map, _ = load_usable(map_context(map_path, source_roots))
    for line in export_notes(argument_map, output_format):
        note(line)
    _write_text(
        export_map(for_output(argument_map, output), output_format),
        output,
        inputs=[map_path, *argument_map.input_paths()],
        force=force,
    )


@click.command(cls=Command)
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "md"]), default="text", show_default=True)
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

    argument_map, _ = load_usable(map_context(map_path, source_roots))
    figures = compute_stats(argument_map)
    if output_format == "json":
        echo_data(json.dumps(figures.to_dict(), ensure_ascii=False, indent=2))
    else:
        template = "stats.md" if output_format == "md" else "stats.txt"
        echo(render_template(template, stats=figures, map=argument_map).rstrip("\n"))


@click.command(cls=Command)
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
    from usfk_argmap.present.templating import render_template
    from usfk_argmap.rules.catalogue import entries_for

    try:
        entries = entries_for(codes)
    except ValueError as error:
        raise click.BadParameter(printable(str(error)), param_hint="CODES") from None
    template = "rules.md" if output_format == "md" else "rules.txt"
    echo(render_template(template, entries=entries).rstrip("\n"))


@click.command("import", cls=Command)
@click.argument("source", metavar="FILE", type=MAP_ARGUMENT)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The map file to write (YAML)."
)
@click.option(
    "--from",
    "from_format",
    type=click.Choice(IMPORT_FORMATS.names),
    help=f"The format of FILE; by default from its suffix: {IMPORT_FORMATS.known()}.",
)
@click.option(
    "--root",
    "root",
    metavar="ID",
    help="The id (Argdown: the title) of the thesis. By default the file's own, else the statement the most support flows to.",
)
@force_option
def import_map(source: Path, output: Path, from_format: str | None, root: str | None, force: bool) -> None:
    """Import an Argdown, AIF JSON, arg-microtexts XML, JSON Canvas or draw.io file as a map file.

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
        usfk-argmap import notes/debate.canvas -o maps/debate.yaml
        usfk-argmap import sketch.drawio -o maps/sketch.yaml
    """
    from usfk_argmap.core.diagnostics import did_you_mean_phrase, suggest
    from usfk_argmap.interop import import_file
    from usfk_argmap.interop.exporters import relocated_source
    from usfk_argmap.mapfile.usable import usable_for
    from usfk_argmap.mapfile.writer import schema_reference, write_map

    result = import_file(source, from_format, root=root)
    if root is not None and result.map is not None and root not in result.map.nodes:
        hint = suggest(root, result.map.nodes)
        advice = f"; {did_you_mean_phrase(hint)}" if hint else ""
        raise click.BadParameter(printable(f"{source} has no statement {root!r}{advice}"), param_hint="--root")
    for diagnostic in result.diagnostics:
        echo(diagnostic.format_text(), err=True)
    if result.map is None or not usable_for(result.map, result.diagnostics, "exact"):
        raise CommandError(f"{source}: nothing was imported")
    named = relocated_source(result.map.named_source, source.parent, output.parent)
    _write_text(write_map(result.map, schema=schema_reference(output), source=named), output, inputs=[source], force=force)
    if named is not None:
        _say_how_to_read_the_source(output, named)


def _say_how_to_read_the_source(output: Path, named: str) -> None:
    """A note when the written map's ``source:`` is one its checks cannot read as they stand, with the fix.

    The path is rebased to the output's folder, so it names the same text; but a map may
    read a source outside its own folder tree only when ``--source-root`` allows it (AM014).
    """
    from usfk_argmap.mapfile.context import source_root_needed

    text = output.parent / named
    if not text.is_file():
        note(f"{output} names its source {named!r}, which is not there; put the text there or correct `source:`")
        return
    root = source_root_needed(output, text)
    if root is not None:
        note(
            f"{output} names its source {named!r}, outside the map's folder tree; "
            f"check it with: {command_line('check', str(output), '--source-root', str(root))}"
        )


def _write_text(text: str, output: Path | None, *, inputs: Sequence[Path], force: bool) -> None:
    if output is None:
        echo_data(text, nl=False)
        return
    from usfk_argmap.core.files import write_atomic

    write_atomic(output, text.encode("utf-8"), inputs=inputs, force=force)
    echo(f"wrote {output}", err=True)

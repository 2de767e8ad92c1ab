"""The ``usfk-argmap`` command line: parses options, calls the library, maps errors to exit codes.

Exit codes: 0 clean; 1 problems found (or an output that could not be made);
2 usage errors (a missing file, an unknown option, Graphviz not installed).
Heavy modules are imported inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .model import ArgumentMap

MAP_ARGUMENT = click.Path(exists=True, dir_okay=False, path_type=Path)


def _codes(values: Sequence[str]) -> list[str]:
    """Split ``--select AM1,AM201`` style values."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def load_or_exit(path: Path) -> ArgumentMap:
    """Load a map for a command that needs a usable one; print its errors and exit 1 otherwise."""
    from .diagnostics import Severity
    from .loader import load_map

    result = load_map(path)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    for diagnostic in errors:
        click.echo(diagnostic.format_text(), err=True)
    if result.map is None or errors:
        click.echo(f"{path}: the map has load errors; run `usfk-argmap check {path}` for details", err=True)
        sys.exit(1)
    return result.map


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="usfk-argmap")
def main() -> None:
    """Check, render and present argument maps written in YAML.

    \b
    Example:
        usfk-argmap check maps/usfk_conclusion.yaml
        usfk-argmap render maps/usfk_conclusion.yaml -o out/usfk.svg
    """


@main.command()
@click.argument("maps", nargs=-1, required=True, type=MAP_ARGUMENT)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text: path:line:col: CODE [severity] message; json; github annotations.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too (exit 1).")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (AM2, AM301,...).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
def check(maps: tuple[Path, ...], output_format: str, strict: bool, select: tuple[str, ...],
          ignore: tuple[str, ...]) -> None:
    """Check maps for completeness and report linter-style diagnostics.

    Exit code 0 when no errors are found (and, with --strict, no warnings);
    1 otherwise, including maps that cannot be loaded; 2 for usage errors.

    \b
    Example:
        usfk-argmap check maps/usfk_conclusion.yaml --strict
        usfk-argmap check maps/*.yaml --format json --ignore AM302
    """
    from . import check_paths
    from .diagnostics import has_failures, summarize, to_json

    diagnostics: list[Diagnostic] = check_paths(maps, select=_codes(select) or None, ignore=_codes(ignore) or None)
    if output_format == "json":
        click.echo(to_json(diagnostics))
    elif output_format == "github":
        for diagnostic in diagnostics:
            click.echo(diagnostic.format_github())
    else:
        for diagnostic in diagnostics:
            click.echo(diagnostic.format_text())
        counts = summarize(diagnostics)
        if diagnostics:
            click.echo(f"{counts['errors']} error(s), {counts['warnings']} warning(s), {counts['infos']} info(s) "
                       f"in {len(maps)} map(s)", err=True)
    sys.exit(1 if has_failures(diagnostics, strict=strict) else 0)


@main.command()
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option("--format", "output_format", default="json", show_default=True,
              help="Export format: json, graphml, aif, argdown, mermaid or dot.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
def export(map_path: Path, output_format: str, output: Path | None) -> None:
    """Write a map in another format: nodes, edges and linked arguments.

    json (our plain data), graphml (Gephi, yEd), aif (AIF JSON for OVA and
    AIFdb), argdown, mermaid (a flowchart for Markdown) or dot (Graphviz).

    \b
    Example:
        usfk-argmap export maps/usfk_conclusion.yaml --format json -o usfk.json
        usfk-argmap export maps/usfk_conclusion.yaml --format mermaid -o usfk.mmd
    """
    from .export import EXPORTERS
    from .export import export as export_map

    if output_format not in EXPORTERS:
        raise click.BadParameter(f"{output_format!r} is not one of {', '.join(sorted(EXPORTERS))}",
                                 param_hint="--format")
    text = export_map(load_or_exit(map_path), output_format)
    _write_text(text, output, inputs=[map_path])


@main.command()
@click.argument("map_path", metavar="MAP", type=MAP_ARGUMENT)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True)
def stats(map_path: Path, output_format: str) -> None:
    """Show counts by kind and relation, depth, and how much of the source the quotes cover.

    \b
    Example:
        usfk-argmap stats maps/usfk_conclusion.yaml
        usfk-argmap stats maps/usfk_conclusion.yaml --format md > STATS.md
    """
    import json

    from .stats import compute_stats
    from .templating import render_template

    argument_map = load_or_exit(map_path)
    figures = compute_stats(argument_map)
    if output_format == "json":
        click.echo(json.dumps(figures.to_dict(), ensure_ascii=False, indent=2))
    else:
        template = "stats.md" if output_format == "md" else "stats.txt"
        click.echo(render_template(template, stats=figures, map=argument_map).rstrip("\n"))


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "md"]), default="text", show_default=True)
@click.argument("codes", nargs=-1)
def rules(output_format: str, codes: tuple[str, ...]) -> None:
    """List the diagnostic codes: the loader's and the rules', with their documentation.

    \b
    Example:
        usfk-argmap rules
        usfk-argmap rules AM201 AM301
        usfk-argmap rules --format md
    """
    from .catalogue import catalogue
    from .templating import render_template

    entries = catalogue()
    if codes:
        wanted = {code.upper() for code in codes}
        unknown = wanted - {entry.code for entry in entries}
        if unknown:
            raise click.BadParameter(f"unknown code(s): {', '.join(sorted(unknown))}", param_hint="CODES")
        entries = [entry for entry in entries if entry.code in wanted]
    template = "rules.md" if output_format == "md" else "rules.txt"
    click.echo(render_template(template, entries=entries).rstrip("\n"))


@main.command("import")
@click.argument("source", metavar="FILE", type=MAP_ARGUMENT)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The map file to write (YAML).")
@click.option("--from", "from_format", type=click.Choice(["argdown", "aif", "microtext"]),
              help="The format of FILE; by default from its suffix (.argdown, .json, .xml).")
def import_map(source: Path, output: Path, from_format: str | None) -> None:
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
    """
    from .diagnostics import Severity
    from .interop import import_file
    from .writer import schema_reference, write_map

    try:
        result = import_file(source, from_format)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    for diagnostic in result.diagnostics:
        click.echo(diagnostic.format_text(), err=True)
    if result.map is None or any(d.severity is Severity.ERROR for d in result.diagnostics):
        click.echo(f"{source}: nothing was imported", err=True)
        sys.exit(1)
    _write_text(write_map(result.map, schema=schema_reference(output)), output, inputs=[source])


def _write_text(text: str, output: Path | None, *, inputs: Sequence[Path]) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from .errors import OutputError
    from .files import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"), inputs=inputs)
    except OutputError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {output}", err=True)

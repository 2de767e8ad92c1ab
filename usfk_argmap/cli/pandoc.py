"""The ``pandoc-filter`` command: the Pandoc JSON filter that draws the maps a document names.

Registered on the command group by ``cli.app``; ``cli.pandoc_entry`` is the
``usfk-argmap-pandoc`` console script, for ``pandoc --filter usfk-argmap-pandoc``.
The filter itself is ``usfk_argmap.interop.pandoc``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from usfk_argmap.cli.base import EXIT_PROBLEMS, Command
from usfk_argmap.cli.output import echo, echo_data, printing_notes


@click.command(cls=Command)
@click.argument("output_format", metavar="[FORMAT]", required=False)
@click.option(
    "--folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The document's folder: maps are read from its tree only, pictures are written into its argmap-figures/.",
)
@click.option(
    "--lua-filter-path",
    is_flag=True,
    help="Print the path of the Lua filter shipped with the package (for Quarto and pandoc --lua-filter) and stop.",
)
def pandoc_filter(output_format: str | None, folder: Path, lua_filter_path: bool) -> None:
    """Draw the maps of a Pandoc document: a JSON filter for pandoc --filter.

    Reads Pandoc's JSON AST on standard input and writes it back with every
    code block of the class .argmap (file="maps/x.yaml") and every image of a
    map file with the class .argmap replaced by the map's picture for FORMAT (the output format Pandoc
    passes a filter): SVG for HTML and reveal.js, PDF for LaTeX and Beamer, PNG
    at 300 dpi for the rest. Attributes: file, section, evaluate=true,
    allow-errors=true, caption, alt, width, height. The pictures are cached in
    argmap-figures/ by the hash of what they are drawn from. Each map's check
    diagnostics go to standard error as file:line:column. Exit code 0 when every
    map was drawn; 1 when the document cannot be read, an attribute is wrong, or
    a map has errors (unless allow-errors=true).

    \b
    Example:
        usfk-argmap pandoc-filter --lua-filter-path
        pandoc report.md --filter usfk-argmap-pandoc -o report.html
        pandoc report.md -t json | usfk-argmap pandoc-filter html5
        pandoc report.md --lua-filter "$(usfk-argmap pandoc-filter --lua-filter-path)" -o report.docx
    """
    from usfk_argmap.interop.pandoc import filter_text, lua_filter

    if lua_filter_path:
        echo(str(lua_filter()))
        return
    with printing_notes():
        result = filter_text(sys.stdin.buffer.read(), output_format, folder)
    for message in result.messages:
        echo(message, err=True)
    echo_data(json_text(result.document))
    if result.failed:
        click.get_current_context().exit(EXIT_PROBLEMS)


def json_text(document: object) -> str:
    """The document as Pandoc reads a filter's output: compact JSON, non-ASCII as it is."""
    import json

    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))

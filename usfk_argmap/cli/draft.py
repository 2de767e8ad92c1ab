"""The ``draft`` command: a first map from a source text, every statement a verbatim passage of it.

``cli.app`` registers it; the drafting is ``usfk_argmap.interop.from_text``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from usfk_argmap.cli.base import Command, CommandError, force_option
from usfk_argmap.cli.output import command_line, echo, echo_data, note

LANGS = ("auto", "en", "de", "zh-Hant", "zh-Hans")


@click.command(cls=Command)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the map here (default: print it).")
@click.option(
    "--lang", type=click.Choice(LANGS), default="auto", show_default=True, help="The text's language (auto: guessed from it)."
)
@click.option(
    "--root-from",
    type=click.Choice(("auto", "heading", "first", "last")),
    default="auto",
    show_default=True,
    help="Where the thesis comes from: auto (a summary sentence, else the likeliest claim), the text's "
    "title heading, or its first or last sentence.",
)
@click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A YAML file of discourse markers added to the language's own (repeatable; see docs/draft.md).",
)
@click.option(
    "--segments",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Take the text's units from this file instead of cutting it: one segment a line, or an "
    "arg-microtexts .xml file's <edu> segments.",
)
@click.option("--title", help="The map's title (default: the text's title heading, or 'Draft').")
@force_option
def draft(
    source: Path,
    output: Path | None,
    lang: str,
    root_from: str,
    lexicons: tuple[Path, ...],
    segments: Path | None,
    title: str | None,
    force: bool,
) -> None:
    """Draft a first map from a source text, offline: every statement quotes the text verbatim.

    The text is cut into sentences and clauses; numbered headings become main
    claims, one section each; discourse markers (therefore, because, although,
    for example, if; 因此、由於、雖然、例如、若; daher, weil...) propose the
    relations, and each node's note says which marker or rule proposed it and
    how sure it is. The map loads and `check` finds every quote; read it, then
    confirm, move or delete what the draft proposes. Languages: en, de,
    zh-Hant, zh-Hans.

    \b
    Example:
        usfk-argmap draft maps/sources/usfk_conclusion.txt -o maps/usfk_draft.yaml
        usfk-argmap draft maps/sources/tram.txt --root-from first
    """
    from typing import cast

    from usfk_argmap.core.files import write_atomic
    from usfk_argmap.interop.from_text.build import draft_map, read_segments, read_source
    from usfk_argmap.interop.from_text.lexicon import has_lexicon
    from usfk_argmap.interop.from_text.structure import RootFrom
    from usfk_argmap.mapfile.writer import schema_reference, write_map

    if output is not None and output.exists() and not force:
        raise CommandError(f"{output} exists; choose another name or pass --force")
    text = read_source(source)
    given = read_segments(segments) if segments is not None else None
    drafted = draft_map(
        text,
        lang=None if lang == "auto" else lang,
        title=title,
        root_from=cast(RootFrom, root_from),
        lexicons=lexicons,
        segments=given,
    )
    folder = output.resolve().parent if output is not None else Path.cwd()
    relative = Path(os.path.relpath(source.resolve(), folder)).as_posix()
    yaml_text = write_map(drafted.map, schema=schema_reference(output), source=relative)
    statements = len(drafted.map.nodes)
    summary = (
        f"drafted {statements} statements ({len(drafted.structure.sections)} sections) "
        f"from {len(drafted.segmentation.units)} units of {source}"
    )
    if drafted.segmentation.missing:
        note(f"{drafted.segmentation.missing} of the {len(given or [])} segments are not in the text (in order); left out")
    if not has_lexicon(drafted.map.lang):
        note(f"no lexicon for the language {drafted.map.lang!r}: the English markers were used (see --lang and --lexicon)")
    if output is None:
        echo_data(yaml_text, nl=False)
        echo(summary, err=True)
        return
    write_atomic(output, yaml_text.encode("utf-8"), inputs=[source], force=force)
    roots = _source_root(output, source)
    echo(f"{summary}; wrote {output}; next: {command_line('check', str(output), *roots)}", err=True)


def _source_root(output: Path, source: Path) -> list[str]:
    """The ``--source-root`` the drafted map's checks need to read its source (none inside the map's folder tree)."""
    from usfk_argmap.mapfile.context import source_root_needed

    needed = source_root_needed(output, source)
    return [] if needed is None else ["--source-root", str(needed)]

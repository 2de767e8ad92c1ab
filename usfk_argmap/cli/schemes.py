"""The ``schemes`` command: the catalogue of argument schemes and their critical questions.

Registered on the command group by ``cli.app``; errors go through ``cli.base``
as every command's do.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from usfk_argmap.cli.base import MAP_ARGUMENT, Command, CommandError, map_context, source_root_option
from usfk_argmap.cli.output import echo, echo_data, printable
from usfk_argmap.core.schemes import LANGUAGES, Language, catalogue, language_of, schemes_for


@click.command(cls=Command)
@click.argument("scheme_ids", nargs=-1, metavar="[ID]...")
@click.option(
    "--lang", "language", type=click.Choice(LANGUAGES), help="The language of the texts (default: the --map's language, else en)."
)
@click.option(
    "--map",
    "map_path",
    metavar="MAP",
    type=MAP_ARGUMENT,
    help="Take the language from this map's lang (zh-TW: zh-Hant, zh-CN: zh-Hans, others: en).",
)
@click.option("--format", "output_format", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
@source_root_option
def schemes(
    scheme_ids: tuple[str, ...],
    language: Language | None,
    map_path: Path | None,
    output_format: str,
    source_roots: tuple[Path, ...],
) -> None:
    """List the argument schemes: their premises, conclusion and critical questions.

    Each critical question says what it attacks (a premise, the conclusion or
    the inference) and who must speak to it: an assumption the proponent must
    back, or an exception the opponent must raise.

    \b
    Example:
        usfk-argmap schemes
        usfk-argmap schemes expert-opinion analogy
        usfk-argmap schemes --lang zh-Hant --format md
        usfk-argmap schemes --map maps/usfk_conclusion.yaml
    """
    from usfk_argmap.present.templating import render_template

    try:
        chosen = schemes_for(scheme_ids)
    except ValueError as error:
        raise click.BadParameter(printable(str(error)), param_hint="ID") from None
    language = language or (_map_language(map_path, source_roots) if map_path is not None else "en")
    if output_format == "json":
        data = {"language": language, "schemes": [entry.to_dict(language) for entry in chosen]}
        echo_data(json.dumps(data, ensure_ascii=False, indent=2))
        return
    template = "schemes.md" if output_format == "md" else "schemes.txt"
    labels = catalogue().labels_in(language)
    echo(render_template(template, schemes=chosen, language=language, labels=labels).rstrip("\n"))


def _map_language(map_path: Path, source_roots: tuple[Path, ...]) -> Language:
    """The catalogue language of a map's ``lang``: a map with load errors still has one, unless it cannot be read."""
    result = map_context(map_path, source_roots).load()
    if result.map is None:
        raise CommandError(f"{map_path}: the map cannot be read; run `usfk-argmap check {map_path}` for details")
    return language_of(result.map.lang)

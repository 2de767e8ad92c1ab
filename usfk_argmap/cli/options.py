"""The options of the commands that draw (``render``, ``slides``, ``report``), as click decorators.

Apart from ``cli.base`` so that the commands that draw nothing (``check``,
``export``...) do not import the drawing layer's option types.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from usfk_argmap.drawing.options import DIRECTIONS, ENGINE_NAMES, LANG_MODES, THEME_NAMES, RenderOptions

_F = TypeVar("_F", bound=Callable[..., None])


#: The options of ``render`` that are fields of ``RenderOptions`` (the flag is the field's name, dashed).
_RENDER_OPTIONS: list[Callable[[_F], _F]] = [
    click.option(
        "--direction",
        type=click.Choice(DIRECTIONS),
        default="BT",
        show_default=True,
        help="Where arrows point; BT puts the conclusion on top.",
    ),
    click.option(
        "--lang",
        "lang_mode",
        type=click.Choice(LANG_MODES),
        default="zh",
        show_default=True,
        help="zh: the map's own text; en: the English gloss (`en:`) where given; both: text and gloss.",
    ),
    click.option(
        "--width",
        type=click.FloatRange(2, 200),
        default=16.0,
        show_default=True,
        help="Label line width in em (a CJK character is 1 em, a Latin letter about 0.5).",
    ),
    click.option("--theme", type=click.Choice(THEME_NAMES), default="light", show_default=True),
    click.option(
        "--fit",
        metavar="SIZE",
        help="The picture's exact size, the map centred in it: a ratio (16:9, 7.5 in high) or a size with "
        "its unit (13.33x7.5in, 25x14cm, 1920x1080px: pixels at --dpi).",
    ),
    click.option("--transparent", is_flag=True, help="No background."),
    click.option("--dpi", type=click.IntRange(1, 2400), default=192, show_default=True, help="Resolution of PNG output."),
    click.option("--focus", metavar="ID", help="Draw only the neighbourhood of this statement."),
    click.option(
        "--depth", type=click.IntRange(0), default=1, show_default=True, help="With --focus: how many relations away to go."
    ),
    click.option("--section", metavar="ID", help="Draw only this section's statements."),
    click.option("--highlight", multiple=True, metavar="ID", help="Draw this statement with a thick border (repeatable)."),
    click.option("--show-issues", is_flag=True, help="Mark statements that have diagnostics, with their codes."),
    click.option(
        "--evaluate",
        is_flag=True,
        help="Mark each statement established, defeated or open (grounded semantics): a badge and a border dash.",
    ),
    click.option("--clusters", is_flag=True, help="Draw sections as boxes."),
    click.option("--legend", is_flag=True, help="Add a legend of the kinds and relations drawn, under the map."),
    click.option("--embed-fonts", is_flag=True, help="SVG: embed a subset of the font (renders without CJK fonts)."),
    click.option("--outline-text", is_flag=True, help="SVG: text as glyph outlines (no font needed; not selectable)."),
    click.option(
        "--engine",
        type=click.Choice(ENGINE_NAMES),
        help="Graphviz layout engine. Default: dot, or sfdp for maps of thousands of statements.",
    ),
    click.option(
        "--stagger",
        type=click.IntRange(1, 6),
        default=1,
        show_default=True,
        help="Spread the leaves under each statement over N levels: a wide, flat map gets narrower.",
    ),
]
_RENDER_FIELDS = tuple(field.name for field in dataclasses.fields(RenderOptions))


def render_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the render options as flags, and to its function as one ``options: RenderOptions``."""

    @functools.wraps(command)
    def run(**arguments: Any) -> None:
        fields = {name: arguments.pop(name) for name in _RENDER_FIELDS}
        try:
            options = RenderOptions(**fields)
        except ValueError as error:
            raise click.UsageError(str(error)) from None
        command(options=options, **arguments)

    for option in reversed(_RENDER_OPTIONS):
        run = option(run)
    return run


def presentation_options(command: _F) -> _F:
    """The render options the slides and report commands pass on to the map pictures."""
    options = [
        click.option(
            "--lang",
            "lang_mode",
            type=click.Choice(LANG_MODES),
            default=None,
            help="Node text: the map's own (zh), the English gloss (en), or both. Default: the renderer's.",
        ),
        click.option(
            "--theme", type=click.Choice(THEME_NAMES), default=None, help="Colours of the pictures and the page. Default: light."
        ),
        click.option(
            "--direction", type=click.Choice(DIRECTIONS), default=None, help="Which way the arrows run. Default: the renderer's."
        ),
        click.option(
            "--templates",
            "templates",
            type=click.Path(exists=True, file_okay=False, path_type=Path),
            default=None,
            help="A folder of jinja2 templates that take precedence over the bundled ones.",
        ),
        click.option(
            "--evaluate",
            is_flag=True,
            help="Mark each statement established, defeated or open in the pictures (grounded semantics).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def presentation_render_options(
    lang_mode: str | None, theme: str | None, direction: str | None, evaluate: bool = False
) -> RenderOptions:
    defaults = RenderOptions()
    return RenderOptions(
        lang_mode=lang_mode or defaults.lang_mode,
        theme=theme or defaults.theme,
        direction=direction or defaults.direction,
        evaluate=evaluate,
    )

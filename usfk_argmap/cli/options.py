"""The options of the commands that draw (``render``, ``slides``, ``report``), as click decorators.

Apart from ``cli.base`` so that the commands that draw nothing (``check``,
``export``...) do not import the drawing layer's option types.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from usfk_argmap.cli.output import printable
from usfk_argmap.drawing.options import RenderOptions

_F = TypeVar("_F", bound=Callable[..., None])


class AliasedChoice(click.Choice):  # type: ignore[type-arg]
    """A choice that also accepts older names of its values (``--lang zh`` for ``text``), not shown in the help."""

    def __init__(self, choices: Sequence[str], aliases: Mapping[str, str]) -> None:
        super().__init__(choices)
        self.aliases = dict(aliases)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return super().convert(self.aliases.get(value, value), param, ctx)


def flag_name(option: dataclasses.Field[Any]) -> str:
    """The command-line flag of a ``RenderOptions`` field: its name dashed, unless its metadata names another."""
    return "--" + str(option.metadata.get("flag") or option.name.replace("_", "-"))


def _click_type(option: dataclasses.Field[Any]) -> Any:
    """The click type of a field: its choices, its range, or its plain type (None: text)."""
    choices = option.metadata.get("choices")
    if choices is not None:
        aliases = option.metadata.get("aliases")
        return AliasedChoice(choices, aliases) if aliases else click.Choice(choices)
    bounds = option.metadata.get("range")
    if bounds is not None:
        kind = click.FloatRange if isinstance(option.default, float) else click.IntRange
        return kind(*bounds)
    return None


def _field_option(option: dataclasses.Field[Any]) -> Callable[[_F], _F]:
    """The click option of one ``RenderOptions`` field: its default, range, choices and help read from the field."""
    settings: dict[str, Any] = {"help": option.metadata.get("help") or None}
    if option.default is False:
        settings.update(is_flag=True, default=False)
    elif option.default == ():
        settings.update(multiple=True, default=(), metavar=option.metadata.get("metavar"))
    else:
        settings.update(type=_click_type(option), default=option.default, metavar=option.metadata.get("metavar"))
        settings["show_default"] = option.default is not None
    return click.option(flag_name(option), option.name, **settings)


#: The options of ``render`` that are fields of ``RenderOptions``: the flag, default, range and help are the field's.
_RENDER_OPTIONS: list[Callable[[_F], _F]] = [_field_option(option) for option in dataclasses.fields(RenderOptions)]
_FIELDS = {option.name: option for option in dataclasses.fields(RenderOptions)}
_RENDER_FIELDS = tuple(_FIELDS)


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


def render_field_type(name: str) -> Any:
    """The click type of the ``RenderOptions`` field ``name`` (its choices or range), for a command's own flag."""
    return _click_type(_FIELDS[name])


def presentation_options(command: Callable[..., None]) -> Callable[..., None]:
    """The render options the slides and report commands pass on to the map pictures, and ``--templates``.

    The function gets them as one ``options: RenderOptions`` (a flag not given leaves the
    field's default; the choices are the fields') and ``templates``.
    """

    @functools.wraps(command)
    def run(
        *, lang_mode: str | None, theme: str | None, direction: str | None, evaluate: bool, ui_lang: str | None, **arguments: Any
    ) -> None:
        defaults = RenderOptions()
        try:
            options = RenderOptions(
                lang_mode=lang_mode or defaults.lang_mode,
                theme=theme or defaults.theme,
                direction=direction or defaults.direction,
                evaluate=evaluate,
                ui_lang=ui_lang,
            )
        except ValueError as error:
            raise click.UsageError(printable(str(error))) from None
        command(options=options, **arguments)

    flags: list[Callable[[_F], _F]] = [
        click.option(
            "--lang",
            "lang_mode",
            type=render_field_type("lang_mode"),
            default=None,
            help="Node text: the map's own (text), the English gloss (gloss), or both; zh and en are "
            "accepted for text and gloss. Default: the renderer's.",
        ),
        click.option(
            "--theme", type=render_field_type("theme"), default=None, help="Colours of the pictures and the page. Default: light."
        ),
        click.option(
            "--direction",
            type=render_field_type("direction"),
            default=None,
            help="Which way the arrows run. Default: the renderer's.",
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
        _field_option(_FIELDS["ui_lang"]),
    ]
    for flag in reversed(flags):
        run = flag(run)
    return run


def slide_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the deck's flags, and to its function as one ``options: SlideOptions``, built once.

    The render flags among them (``presentation_options``, ``--width``) take their choices and
    range from ``RenderOptions``; a value the options refuse is a usage error.
    """

    @functools.wraps(command)
    def run(
        *,
        section: str | None,
        width: float | None,
        min_text: float,
        shape: str,
        jobs: int | None,
        options: RenderOptions,
        templates: Path | None,
        reference_doc: Path | None,
        pictures: bool,
        order: str,
        legend: bool,
        **arguments: Any,
    ) -> None:
        from usfk_argmap.present.slides.fit import SlideShape, parse_ratio
        from usfk_argmap.present.slides.options import SlideOptions

        try:
            slide_shape = SlideShape(ratio=parse_ratio(shape), min_text=min_text)
        except ValueError as error:
            raise click.BadParameter(printable(str(error)), param_hint="--fit") from None
        render = options if width is None else dataclasses.replace(options, width=width)
        try:
            deck = SlideOptions(
                render,
                slide_shape,
                section,
                templates,
                pictures,
                reference_doc,
                jobs,
                depth_first=order == "depth",
                legend=legend,
            )
        except ValueError as error:
            raise click.UsageError(printable(str(error))) from None
        command(options=deck, **arguments)

    from usfk_argmap.present.slides.fit import MIN_PX_PER_EM, MIN_TEXT_RANGE

    flags: list[Callable[[Callable[..., None]], Callable[..., None]]] = [
        click.option("--section", metavar="ID", help="Only this section's build-ups and focus slides (after the overview)."),
        click.option(
            "--width",
            type=render_field_type("width"),
            default=None,
            help="Label width in em. Default: for each picture, the width predicted to draw its text largest.",
        ),
        click.option(
            "--min-text",
            type=click.FloatRange(*MIN_TEXT_RANGE),
            default=MIN_PX_PER_EM,
            show_default=True,
            help="Smallest statement text on a build-up or focus slide, in px per em at 1920x1080; "
            "a section too dense for it is split by sub-claim.",
        ),
        click.option(
            "--fit", "shape", metavar="RATIO", default="16:9", show_default=True, help="The slides' shape: 16:9, 4:3, 16:10..."
        ),
        click.option(
            "--order",
            type=click.Choice(["breadth", "depth"]),
            default="breadth",
            show_default=True,
            help="How a build-up tells its part: breadth (a claim's reasons and objections before theirs) or depth "
            "(each reason's own reasons right after it).",
        ),
        click.option(
            "--legend/--no-legend",
            default=True,
            show_default=True,
            help="A legend slide after the overview: the shapes, lines and marks the deck draws, in the map's language.",
        ),
        click.option("-j", "--jobs", type=click.IntRange(1), help="Pictures laid out at once. Default: all cores."),
        presentation_options,
        click.option(
            "--reference-doc",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            default=None,
            help="pptx: a deck whose slide size, masters, layouts, theme colours and fonts the deck takes.",
        ),
        click.option(
            "--pictures",
            is_flag=True,
            help="pptx: a picture of the map per build step instead of editable shapes (for viewers that need it).",
        ),
    ]
    for flag in reversed(flags):
        run = flag(run)
    return run

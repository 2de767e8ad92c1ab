"""What the commands of ``cli.py`` share: exit codes, the one mapping of errors to them, and the render flags.

Every command is a ``Command``: the library's ``ArgmapError`` and ``ValueError``
that reach it go through ``click_error``, so each failure is printed one way
(``Error: ...``) with the exit code its kind calls for.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from usfk_argmap.drawing.options import DIRECTIONS, ENGINE_NAMES, LANG_MODES, THEME_NAMES, RenderOptions
from usfk_argmap.drawing.render import OUTPUT_FORMATS
from usfk_argmap.errors import ArgmapError, FontNotFoundError, GraphvizNotFoundError, UnknownNodeError
from usfk_argmap.terminal import printable

if TYPE_CHECKING:
    from usfk_argmap.model import ArgumentMap

_F = TypeVar("_F", bound=Callable[..., None])

#: Exit codes: problems found (or an output not made), and usage errors.
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
#: The output formats of ``render``, in the order the help lists them.
RENDER_FORMATS = tuple(dict.fromkeys(OUTPUT_FORMATS.values()))


class CommandError(click.ClickException):
    """A failure printed as ``Error: message`` (click's style, as its usage errors); exit code 1.

    The message is made printable: an id or a path from a map cannot drive the terminal.
    """

    exit_code = EXIT_PROBLEMS

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))


class MissingToolError(CommandError):
    """Graphviz or a font is not installed: a set-up problem, exit code 2 like a usage error."""

    exit_code = EXIT_USAGE


def click_error(error: ArgmapError | ValueError, ctx: click.Context | None = None) -> click.ClickException:
    """The one mapping of the library's errors to what the command line prints and exits with."""
    if isinstance(error, GraphvizNotFoundError | FontNotFoundError):  # something to install: exit 2
        return MissingToolError(str(error))
    if isinstance(error, UnknownNodeError) or not isinstance(error, ArgmapError):  # a bad option value
        return click.UsageError(printable(str(error)), ctx)
    return CommandError(str(error))  # output, template, Graphviz run, map load...


class Command(click.Command):
    """A command whose ``ArgmapError`` and ``ValueError`` go through ``click_error``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ArgmapError, ValueError) as error:
            raise click_error(error, ctx) from None


class Main(click.Group):
    """The command group: its commands are ``Command``s."""

    command_class = Command


#: The options of ``render`` that are fields of ``RenderOptions`` (the flag is the field's name, dashed).
_RENDER_OPTIONS: list[Callable[[_F], _F]] = [
    click.option("--direction", type=click.Choice(DIRECTIONS), default="BT", show_default=True,
                 help="Where arrows point; BT puts the conclusion on top."),
    click.option("--lang", "lang_mode", type=click.Choice(LANG_MODES), default="zh", show_default=True,
                 help="zh: the map's own text; en: the English gloss (`en:`) where given; both: text and gloss."),
    click.option("--width", type=click.FloatRange(2, 200), default=16.0, show_default=True,
                 help="Label line width in em (a CJK character is 1 em, a Latin letter about 0.5)."),
    click.option("--theme", type=click.Choice(THEME_NAMES), default="light", show_default=True),
    click.option("--fit", metavar="SIZE",
                 help="The picture's exact size, the map centred in it: a ratio (16:9, 7.5 in high) or a size with "
                      "its unit (13.33x7.5in, 25x14cm, 1920x1080px: pixels at --dpi)."),
    click.option("--transparent", is_flag=True, help="No background."),
    click.option("--dpi", type=click.IntRange(1, 2400), default=192, show_default=True,
                 help="Resolution of PNG output."),
    click.option("--focus", metavar="ID", help="Draw only the neighbourhood of this statement."),
    click.option("--depth", type=click.IntRange(0), default=1, show_default=True,
                 help="With --focus: how many relations away to go."),
    click.option("--section", metavar="ID", help="Draw only this section's statements."),
    click.option("--highlight", multiple=True, metavar="ID",
                 help="Draw this statement with a thick border (repeatable)."),
    click.option("--show-issues", is_flag=True, help="Mark statements that have diagnostics, with their codes."),
    click.option("--evaluate", is_flag=True,
                 help="Mark each statement established, defeated or open (grounded semantics): a badge and a border "
                      "dash."),
    click.option("--clusters", is_flag=True, help="Draw sections as boxes."),
    click.option("--legend", is_flag=True, help="Add a legend of the kinds and relations drawn, under the map."),
    click.option("--embed-fonts", is_flag=True, help="SVG: embed a subset of the font (renders without CJK fonts)."),
    click.option("--outline-text", is_flag=True,
                 help="SVG: text as glyph outlines (no font needed; not selectable)."),
    click.option("--engine", type=click.Choice(ENGINE_NAMES),
                 help="Graphviz layout engine. Default: dot, or sfdp for maps of thousands of statements."),
    click.option("--stagger", type=click.IntRange(1, 6), default=1, show_default=True,
                 help="Spread the leaves under each statement over N levels: a wide, flat map gets narrower."),
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


def source_root_option(command: _F) -> _F:
    """``--source-root DIR`` (repeatable): a folder besides the map's own that its ``source:`` may lie in."""
    return click.option(
        "--source-root", "source_roots", multiple=True, envvar="USFK_ARGMAP_SOURCE_ROOTS",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Also read a map's source: text from this folder's tree (repeatable; by default only the "
             "map's own folder). Environment: USFK_ARGMAP_SOURCE_ROOTS, folders separated by ':'.",
    )(command)


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


MAP_ARGUMENT = click.Path(exists=True, dir_okay=False, path_type=Path)


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line for people: control characters from the map come out escaped, never raw."""
    click.echo(printable(text), err=err, nl=nl)


def echo_data(text: str, *, nl: bool = True) -> None:
    """Print a document (JSON, Argdown, a report) on standard output: as it is into a pipe, escaped on a terminal."""
    click.echo(printable(text) if sys.stdout.isatty() else text, nl=nl)


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
        raise CommandError(f"{path}: the map has load errors; run `usfk-argmap check {path}` for details")
    return result.map


def presentation_options(command: _F) -> _F:
    """The render options the slides and report commands pass on to the map pictures."""
    options = [
        click.option("--lang", "lang_mode", type=click.Choice(LANG_MODES), default=None,
                     help="Node text: the map's own (zh), the English gloss (en), or both. Default: the renderer's."),
        click.option("--theme", type=click.Choice(THEME_NAMES), default=None,
                     help="Colours of the pictures and the page. Default: light."),
        click.option("--direction", type=click.Choice(DIRECTIONS), default=None,
                     help="Which way the arrows run. Default: the renderer's."),
        click.option("--templates", "templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
                     default=None, help="A folder of jinja2 templates that take precedence over the bundled ones."),
        click.option("--evaluate", is_flag=True,
                     help="Mark each statement established, defeated or open in the pictures (grounded semantics)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def presentation_render_options(lang_mode: str | None, theme: str | None, direction: str | None,
                    evaluate: bool = False) -> RenderOptions:
    defaults = RenderOptions()
    return RenderOptions(lang_mode=lang_mode or defaults.lang_mode, theme=theme or defaults.theme,
                         direction=direction or defaults.direction, evaluate=evaluate)

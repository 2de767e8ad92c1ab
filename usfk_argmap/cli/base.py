"""What the commands of ``cli.app`` share: exit codes, the one mapping of errors to them, loading a map.

Every command is a ``Command``: the library's ``ArgmapError`` and ``ValueError``
that reach it go through ``click_error``, so each failure is printed one way
(``Error: ...``) with the exit code its kind calls for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from usfk_argmap.cli.output import echo, printable
from usfk_argmap.core.errors import ArgmapError, FontNotFoundError, GraphvizNotFoundError, UnknownNodeError

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.mapfile.context import LoadContext
    from usfk_argmap.mapfile.loader import LoadResult
    from usfk_argmap.mapfile.usable import Purpose

_F = TypeVar("_F", bound=Callable[..., None])

#: Exit codes: problems found (or an output not made), and usage errors.
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


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


def source_root_option(command: _F) -> _F:
    """``--source-root DIR`` (repeatable): a folder besides the map's own that its ``source:`` may lie in."""
    return click.option(
        "--source-root",
        "source_roots",
        multiple=True,
        envvar="USFK_ARGMAP_SOURCE_ROOTS",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Also read a map's source: text from this folder's tree (repeatable; by default only the "
        "map's own folder). Environment: USFK_ARGMAP_SOURCE_ROOTS, folders separated by ':'.",
    )(command)


@contextmanager
def reference_doc_checked() -> Iterator[None]:
    """A ``--reference-doc`` that is no usable PowerPoint deck is a bad option value: exit 2 on every command."""
    from usfk_argmap.present.slides.pptx.package import ReferenceDocError

    try:
        yield
    except ReferenceDocError as error:
        raise click.BadParameter(printable(str(error)), param_hint="--reference-doc") from None


MAP_ARGUMENT = click.Path(exists=True, dir_okay=False, path_type=Path)


def load_usable(context: LoadContext, purpose: Purpose = "draw", *, instead: str | None = None) -> tuple[ArgumentMap, LoadResult]:
    """Load a map for a command that uses it for ``purpose``: the map and its load result, or exit 1.

    The map's load errors are printed either way: those it is refused for, or
    those it is used despite (a misspelled key drops only its entry; see ``mapfile.usable``).
    ``instead`` is a command that would take the map as it is, offered with the refusal.
    """
    from usfk_argmap.core.diagnostics import Severity

    result = context.load()
    for diagnostic in result.diagnostics:
        if diagnostic.severity is Severity.ERROR:
            echo(diagnostic.format_text(), err=True)
    if result.map is None or not result.usable_for(purpose):
        path = context.path
        other = f", or see what loaded, marked up: `{instead}`" if instead is not None and result.map is not None else ""
        raise CommandError(f"{path}: the map has load errors; run `usfk-argmap check {path}` for details{other}")
    return result.map, result


def map_context(path: Path, source_roots: Sequence[Path] = ()) -> LoadContext:
    """The one load context of a command: the map and its ``--source-root`` folders, as the options give them."""
    from usfk_argmap.mapfile.context import LoadContext

    return LoadContext.of(path, source_roots)

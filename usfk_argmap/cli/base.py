"""What the commands of ``cli.app`` share: exit codes, the one mapping of errors to them, and the render flags.

Every command is a ``Command``: the library's ``ArgmapError`` and ``ValueError``
that reach it go through ``click_error``, so each failure is printed one way
(``Error: ...``) with the exit code its kind calls for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from usfk_argmap.cli.output import printable
from usfk_argmap.core.errors import ArgmapError, FontNotFoundError, GraphvizNotFoundError, UnknownNodeError

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap

_F = TypeVar("_F", bound=Callable[..., None])

#: Exit codes: problems found (or an output not made), and usage errors.
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
#: The output formats of ``render``, in the order the help lists them.


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
def printing_notes() -> Iterator[None]:
    """Print the library's notes (``ArgmapWarning``: a changed layout, a font substituted) as ``note:`` lines.

    Each note is printed once, when it is made: a layout note comes before the
    long layout it announces (and the progress notes of that layout), also when
    the command then fails.
    """
    import warnings

    from usfk_argmap.core.errors import ArgmapWarning

    printed: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("always", ArgmapWarning)
        shown = warnings.showwarning

        def show(
            message: Warning | str,
            category: type[Warning],
            filename: str,
            lineno: int,
            file: TextIO | None = None,
            line: str | None = None,
        ) -> None:
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
    from usfk_argmap.core.diagnostics import Severity
    from usfk_argmap.mapfile.loader import load_map

    result = load_map(path, source_roots=source_roots)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    for diagnostic in errors:
        echo(diagnostic.format_text(), err=True)
    # A misspelled key (AM008) only drops its entry: the map can still be drawn, and its gaps shown.
    if result.map is None or any(d.code != "AM008" for d in errors):
        raise CommandError(f"{path}: the map has load errors; run `usfk-argmap check {path}` for details")
    return result.map

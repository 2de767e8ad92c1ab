"""What the commands of ``cli.app`` share: exit codes, the one mapping of errors to them, loading a map.

Every command is a ``Command``: whatever the library raises goes through
``click_error``, so each failure is printed one way, on one line (``Error:
...``), with the exit code its kind calls for, and never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from usfk_argmap.cli.output import StandardOutputError, echo, printable
from usfk_argmap.core.errors import ArgmapError, FontNotFoundError, GraphvizNotFoundError, OptionError, UnknownNodeError

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


class QuietExit(CommandError):
    """Exit code 1 and nothing printed: standard output is a pipe its reader closed (``| head``)."""

    def show(self, file: Any = None) -> None:
        """Nothing: the reader has all it wanted."""


def click_error(error: Exception, ctx: click.Context | None = None) -> click.ClickException:
    """The one mapping of the library's errors to what the command line prints and exits with.

    Exit 2 only for what the user typed: a value an option or argument cannot
    take (``OptionError``, an unknown node) or something to install. Every
    other error is exit 1 with one line: the package's own as they say it;
    ``OSError`` with the system's words and the path, malformed XML, too
    little memory, and any other (a bug) with its kind.
    """
    if isinstance(error, StandardOutputError) and error.closed:
        return QuietExit(str(error))
    if isinstance(error, GraphvizNotFoundError | FontNotFoundError):  # something to install: exit 2
        return MissingToolError(str(error))
    if isinstance(error, UnknownNodeError | OptionError):  # a bad option or argument value
        return click.UsageError(printable(str(error)), ctx)
    if isinstance(error, ArgmapError):
        return CommandError(str(error))  # output, template, Graphviz run, map load...
    return CommandError(one_line(error_message(error)))


def error_message(error: Exception) -> str:
    """What an error from outside the package (the system, a parser, a bug) says, for people."""
    if isinstance(error, OSError):
        where = " -> ".join(str(name) for name in (error.filename, error.filename2) if name is not None)
        reason = error.strerror or str(error) or type(error).__name__
        return f"{where}: {reason}" if where else reason
    if isinstance(error, MemoryError):
        return "not enough memory: the input is too large to process"
    if _is_xml_error(error):
        return f"malformed XML: {error}"
    if isinstance(error, KeyError):
        return f"missing entry {error.args[0]!r}" if error.args else "missing entry"
    if isinstance(error, ValueError):
        return str(error) or type(error).__name__
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _is_xml_error(error: Exception) -> bool:
    """An XML parse error, of ElementTree (its ``ParseError``) or of lxml (``XMLSyntaxError``), without importing lxml."""
    from xml.etree.ElementTree import ParseError

    return isinstance(error, ParseError) or type(error).__name__ in ("XMLSyntaxError", "ParseError")


def one_line(text: str) -> str:
    """``text`` on one line: its line breaks and runs of spaces become one space."""
    return " ".join(text.split())


class Command(click.Command):
    """A command whose errors, but click's own, go through ``click_error``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:  # every error has its line and exit code; none is a traceback
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


def force_option(command: _F) -> _F:
    """``--force``: replace an output file that exists even when it is read-only (the one definition)."""
    return click.option(
        "--force",
        is_flag=True,
        help="Replace an output file that exists, even a read-only one (without it, a read-only output is refused).",
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

"""Everything the commands print, and the one place they print it: control characters from a map escaped.

A map is untrusted input. Its titles, ids and texts may hold escape
sequences (YAML's ``"\\e]0;...\\a"`` sets a terminal's title, ``"\\e[2J"``
clears its screen) or bidirectional overrides that make a line read other
than it is. Everything the command line prints for people goes through
``printable``: such characters come out as ``\\x1b``, ``\\u202e``...

The commands print only through this module (``echo``, ``echo_data``,
``note``...): ruff's banned-API rule (TID251) and T201 refuse ``click.echo``,
``print`` and ``sys.exit`` anywhere else under ``cli/``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, TextIO

import click

from usfk_argmap.core.errors import ArgmapError

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

#: C0 controls but tab and newline, DEL and the C1 controls; bidirectional marks, embeddings and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that could drive a terminal written as an escape (tab and newline kept)."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_escaped, text)


class StandardOutputError(ArgmapError, OSError):
    """Standard output could not be written (a full disk, ``> /dev/full``, a pipe closed by its reader).

    ``closed`` is True for a pipe closed by its reader (``| head``): the
    command stops quietly, as a program killed by SIGPIPE would.
    """

    def __init__(self, error: OSError) -> None:
        self.closed = isinstance(error, BrokenPipeError)
        super().__init__(f"cannot write standard output: {error.strerror or error}")

    def __str__(self) -> str:
        return str(self.args[0])


@contextmanager
def _writing_stdout() -> Iterator[None]:
    """A failed write to standard output becomes a ``StandardOutputError``, and standard output is then
    pointed at the null device, so the interpreter's last flush at exit fails no more."""
    try:
        yield
    except OSError as error:
        import os

        with suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        raise StandardOutputError(error) from None


def command_line(*args: str) -> str:
    """A ``usfk-argmap`` command for the user to paste: an argument a POSIX shell would change is quoted.

    Letters of any script are left as they are (``texts/文章.txt``), not quoted as ``shlex.quote`` does.
    """
    import shlex

    words = [arg if arg and all(char.isalnum() or char in "@%+=:,./-_" for char in arg) else shlex.quote(arg) for arg in args]
    return " ".join(["usfk-argmap", *words])


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line for people: control characters from the map come out escaped, never raw."""
    if err:
        click.echo(printable(text), err=True, nl=nl)
        return
    with _writing_stdout():
        click.echo(printable(text), nl=nl)


def echo_data(text: str, *, nl: bool = True) -> None:
    """Print a document (JSON, Argdown, a report) on standard output: as it is into a pipe, escaped on a terminal."""
    with _writing_stdout():
        click.echo(printable(text) if sys.stdout.isatty() else text, nl=nl)


def echo_bytes(data: bytes) -> None:
    """Write a binary output (``render -o -``) to standard output, as it is."""
    with _writing_stdout():
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def note(text: str) -> None:
    """Print a ``note:`` line on standard error: the command goes on (a layout changed, a font substituted)."""
    echo(f"note: {text}", err=True)


@contextmanager
def progress_bar(length: int, label: str) -> Iterator[ProgressBar[int]]:
    """A progress bar on standard error (on a terminal only, as click draws it)."""
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar


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
                note(str(message))

        warnings.showwarning = show
        yield

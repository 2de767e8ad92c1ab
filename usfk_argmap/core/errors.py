"""The exceptions of usfk-argmap: one base class, each also a matching builtin."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from usfk_argmap.core.diagnostics import Diagnostic, did_you_mean_phrase


class ArgmapError(Exception):
    """Base class of every error this package raises on purpose."""


class ArgmapWarning(UserWarning):
    """Base class of the notes the package gives while still doing the job (the CLI prints them as ``note:``)."""


class MapLoadError(ArgmapError, ValueError):
    """A map could not be loaded; ``diagnostics`` says where and why."""

    def __init__(self, path: str, diagnostics: Sequence[Diagnostic]) -> None:
        self.path = path
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0].format_text() if self.diagnostics else path
        super().__init__(f"cannot load {path}: {first}")


class UnknownNodeError(ArgmapError, KeyError):
    """A node id was asked for that the map does not have."""

    def __init__(self, node_id: str, suggestion: str | None = None, alike: Sequence[str] = ()) -> None:
        self.node_id = node_id
        self.suggestion = suggestion
        self.alike = list(alike)
        hint = f" ({did_you_mean_phrase(suggestion)})" if suggestion else ""
        if not suggestion and self.alike:
            hint = f" (ids starting with {node_id.rstrip('0123456789.')!r}: {', '.join(self.alike)})"
        super().__init__(f"no node {node_id!r} in the map{hint}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class GraphvizNotFoundError(ArgmapError, FileNotFoundError):
    """The Graphviz executable is not installed or not on PATH."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        super().__init__(
            f"Graphviz's {executable!r} was not found on PATH; install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz)"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class FontNotFoundError(ArgmapError, FileNotFoundError):
    """The font to embed (``--embed-fonts``, the HTML deck) is not installed, and fontconfig offers nothing in its place."""

    def __str__(self) -> str:
        return str(self.args[0])


class GraphvizFailedError(ArgmapError, RuntimeError):
    """Graphviz ran but failed; ``stderr`` holds what it said."""

    def __init__(self, command: Sequence[str], returncode: int, stderr: str) -> None:
        self.command = list(command)
        self.returncode = returncode
        self.stderr = stderr
        super().__init__(f"{' '.join(command)} failed with exit code {returncode}: {stderr.strip()}")


class GraphvizTimeoutError(GraphvizFailedError):
    """Graphviz ran longer than its time limit and was stopped; ``timeout`` is the limit in seconds."""

    def __init__(self, command: Sequence[str], timeout: float) -> None:
        self.timeout = timeout
        ArgmapError.__init__(
            self,
            f"{command[0]} was stopped after {timeout:g} s (its time limit; raise it with "
            "--graphviz-timeout or USFK_ARGMAP_GRAPHVIZ_TIMEOUT, or draw less at a time)",
        )
        self.command = list(command)
        self.returncode = -1
        self.stderr = ""

    def __str__(self) -> str:
        return str(self.args[0])


class OutputError(ArgmapError, OSError):
    """An output file could not be written (or would overwrite an input)."""


class OptionError(ArgmapError, ValueError):
    """A value given for an option or argument cannot be used (an unknown format, a --fit that is no size).

    The command line says so as a usage error (exit 2); any other ``ValueError`` is a failure (exit 1).
    """


class UnreadableFileError(ArgmapError, OSError):
    """An untrusted file was not read: ``reason`` says why in words, ``kind`` in one word.

    ``kind`` is ``"missing"`` (no such file), ``"os"`` (the system refused or
    failed), ``"type"`` (not a regular file), ``"size"`` (over the limit) or
    ``"changed"`` (swapped while it was being opened) or ``"encoding"`` (read, but not text).
    """

    def __init__(self, path: str | Path, what: str, reason: str, kind: str) -> None:
        self.path = Path(path)
        self.what = what
        self.reason = reason
        self.kind = kind
        super().__init__(f"cannot read {what} {path}: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])


class TemplateError(ArgmapError, ValueError):
    """A template could not be read or rendered (a syntax error, an unknown variable, a missing include)."""

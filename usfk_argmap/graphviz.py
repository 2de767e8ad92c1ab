"""The one boundary to the Graphviz executables: every layout runs through ``run_graphviz``."""

from __future__ import annotations

import subprocess
import tempfile

from .errors import GraphvizFailedError, GraphvizNotFoundError

#: Layout engines we run (each is a Graphviz executable of that name).
ENGINES = frozenset({"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"})
#: Output formats we ask Graphviz for (``svg:cairo`` draws text as glyph outlines).
FORMATS = frozenset({"svg", "svg:cairo", "png", "pdf", "dot", "xdot", "json", "plain"})


def run_graphviz(dot_source: str, output_format: str, engine: str = "dot") -> bytes:
    """Lay out ``dot_source`` with ``engine`` and return the output in ``output_format``.

    Raises ``GraphvizNotFoundError`` when the executable is not installed and
    ``GraphvizFailedError`` (with Graphviz's stderr) when it fails.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown Graphviz engine {engine!r}; known: {', '.join(sorted(ENGINES))}")
    if output_format not in FORMATS:
        raise ValueError(f"unknown Graphviz output format {output_format!r}; known: {', '.join(sorted(FORMATS))}")
    command = [engine, f"-T{output_format}"]
    # Input and outputs go through anonymous temporary files rather than pipes:
    # shuttling a large SVG through pipes (``subprocess.run(input=...)``) costs Python
    # a select loop of hundreds of small reads and writes, several times the CPU
    # of writing one file and reading two.
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        stdin.write(dot_source.encode("utf-8"))
        stdin.seek(0)
        try:
            completed = subprocess.run(command, stdin=stdin, stdout=stdout, stderr=stderr, check=False)
        except FileNotFoundError:
            raise GraphvizNotFoundError(engine) from None
        except PermissionError as error:
            raise GraphvizFailedError(command, 126, str(error)) from None
        stdout.seek(0)
        if completed.returncode != 0:
            stderr.seek(0)
            raise GraphvizFailedError(command, completed.returncode, stderr.read().decode("utf-8", "replace"))
        return stdout.read()

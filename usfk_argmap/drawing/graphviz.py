"""The one boundary to the Graphviz executables: every run goes through ``_execute``.

``run_graphviz`` lays a graph out (or, with ``neato -n2``, draws one already laid
out); ``run_gvpr`` edits a graph with a gvpr program. Both raise
``GraphvizNotFoundError`` when the executable is missing and
``GraphvizFailedError``, with Graphviz's stderr, when it fails.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Sequence

from usfk_argmap.errors import GraphvizFailedError, GraphvizNotFoundError

#: Layout engines we run (each is a Graphviz executable of that name).
ENGINES = frozenset({"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"})
#: Output formats we ask Graphviz for (``svg:cairo`` draws text as glyph outlines).
FORMATS = frozenset({"svg", "svg:cairo", "png", "pdf", "dot", "xdot", "json", "plain"})
#: Extra command-line flags a caller may pass: graph/node/edge attributes (-G -N -E) and neato's -n.
_FLAG = re.compile(r"-(?:[GNE][A-Za-z_]+=[^\s]*|n[12]?)")


def run_graphviz(source: str | bytes, output_format: str, engine: str = "dot",
                 flags: Sequence[str] = ()) -> bytes:
    """Lay out ``source`` with ``engine`` and return the output in ``output_format``.

    ``flags`` are extra Graphviz flags such as ``-Gdpi=160`` or neato's ``-n2``
    (draw at the positions the graph already has).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown Graphviz engine {engine!r}; known: {', '.join(sorted(ENGINES))}")
    if output_format not in FORMATS:
        raise ValueError(f"unknown Graphviz output format {output_format!r}; known: {', '.join(sorted(FORMATS))}")
    for flag in flags:
        if not _FLAG.fullmatch(flag):
            raise ValueError(f"unsupported Graphviz flag {flag!r}")
    return _execute([engine, *flags, f"-T{output_format}"], source)


def run_gvpr(program: str, source: str | bytes) -> bytes:
    """Run the gvpr ``program`` over the graph ``source`` (``gvpr -c``: the graph, edited)."""
    return _execute(["gvpr", "-c", program], source)


def _execute(command: list[str], source: str | bytes) -> bytes:
    data = source.encode("utf-8") if isinstance(source, str) else source
    # Input and outputs go through anonymous temporary files rather than pipes:
    # shuttling a large SVG through pipes (``subprocess.run(input=...)``) costs Python
    # a select loop of hundreds of small reads and writes, several times the CPU
    # of writing one file and reading two.
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        stdin.write(data)
        stdin.seek(0)
        try:
            completed = subprocess.run(command, stdin=stdin, stdout=stdout, stderr=stderr, check=False)
        except FileNotFoundError:
            raise GraphvizNotFoundError(command[0]) from None
        except PermissionError as error:
            raise GraphvizFailedError(command, 126, str(error)) from None
        if completed.returncode != 0:
            stderr.seek(0)
            raise GraphvizFailedError(command, completed.returncode, stderr.read().decode("utf-8", "replace"))
        stdout.seek(0)
        return stdout.read()

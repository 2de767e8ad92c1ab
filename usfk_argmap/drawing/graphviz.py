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


def run_graphviz_many(sources: Sequence[str | bytes], output_format: str, engine: str = "dot",
                      flags: Sequence[str] = ()) -> list[bytes]:
    """``run_graphviz`` for several graphs in one run: Graphviz reads a stream of graphs and writes their
    outputs one after the other, which are cut apart here.

    Most of a small graph's run is Graphviz starting and loading its fonts (a CJK
    font takes about 10 ms): twenty pictures in one run cost about a seventh of
    twenty runs.
    """
    if not sources:
        return []
    if len(sources) == 1:
        return [run_graphviz(sources[0], output_format, engine, flags)]
    data = b"\n".join(source.encode("utf-8") if isinstance(source, str) else source for source in sources)
    return split_outputs(run_graphviz(data, output_format, engine, flags), output_format, len(sources))


#: Where each output of a stream begins, by format (PNG and PDF are cut by their own structure).
_STARTS = {"svg": re.compile(rb"<\?xml "), "svg:cairo": re.compile(rb"<\?xml "),
           "dot": re.compile(rb"^(?:strict )?(?:di)?graph\b", re.MULTILINE),
           "xdot": re.compile(rb"^(?:strict )?(?:di)?graph\b", re.MULTILINE)}


_PAGE_PREFIX = re.compile(rb'<g id="page\d+,\d+_')


def split_outputs(data: bytes, output_format: str, count: int) -> list[bytes]:
    """The ``count`` outputs Graphviz wrote end to end for a stream of graphs."""
    files: list[bytes] = []
    if output_format == "png":
        at = 0
        while at < len(data) and len(files) < count:
            position = at + 8  # the signature
            while True:
                length = int.from_bytes(data[position:position + 4], "big")
                kind = data[position + 4:position + 8]
                position += 12 + length
                if kind == b"IEND" or position >= len(data):
                    break
            files.append(data[at:position])
            at = position
    elif output_format == "pdf":
        at = 0
        for match in re.finditer(rb"%%EOF\r?\n?", data):
            files.append(data[at:match.end()])
            at = match.end()
    elif output_format in _STARTS:
        starts = [match.start() for match in _STARTS[output_format].finditer(data)]
        files = [data[start:end] for start, end in zip(starts, [*starts[1:], len(data)], strict=True)]
        if output_format.startswith("svg"):
            # Graphviz prefixes the graph's group id of the second and later graphs ("page0,1_am-map"):
            # undone, so a picture is the same bytes as when drawn alone.
            files = [_PAGE_PREFIX.sub(b'<g id="', piece, count=1) for piece in files]
    else:
        raise ValueError(f"cannot cut a stream of {output_format!r} outputs apart")
    if len(files) != count:
        raise GraphvizFailedError(["graphviz", f"-T{output_format}"], 0,
                                  f"Graphviz wrote {len(files)} outputs for {count} graphs")
    return files


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

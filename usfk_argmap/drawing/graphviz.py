"""The one boundary to the Graphviz executables (and the other programs we run): every run goes through ``_run``.

``run_graphviz`` lays a graph out (or, with ``neato -n2``, draws one already laid
out); ``run_gvpr`` edits a graph with a gvpr program. Both raise
``GraphvizNotFoundError`` when the executable is missing,
``GraphvizFailedError``, with Graphviz's stderr, when it fails, and
``GraphvizTimeoutError`` when it runs longer than its time limit. ``run_program``
runs another program (fontconfig's ``fc-match``) the same way, with its own limit.

Every run has a time limit (``time_limit``; ``USFK_ARGMAP_GRAPHVIZ_TIMEOUT``
sets the default, in seconds). A Graphviz process never outlives the run that
started it: it is killed when the limit passes, when the caller is interrupted
(Ctrl-C, SIGTERM turned into an exception by the CLI), and, on Linux, by the
kernel when the Python process dies (``PR_SET_PDEATHSIG``).

PDF output is made byte-identical across runs: cairo 1.16 stamps the time of
the run as ``/CreationDate``, which is replaced by ``SOURCE_DATE_EPOCH`` (or
2000-01-01).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from usfk_argmap.core.errors import GraphvizFailedError, GraphvizNotFoundError, GraphvizTimeoutError

if TYPE_CHECKING:
    import subprocess

#: Layout engines we run (each is a Graphviz executable of that name).
ENGINES = frozenset({"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"})
#: Output formats we ask Graphviz for (``svg:cairo`` draws text as glyph outlines).
FORMATS = frozenset({"svg", "svg:cairo", "png", "pdf", "dot", "xdot", "json", "plain"})
#: Extra command-line flags a caller may pass: graph/node/edge attributes (-G -N -E) and neato's -n.
_FLAG = re.compile(r"-(?:[GNE][A-Za-z_]+=[^\s]*|n[12]?)")
#: The time limit of one Graphviz run when none is set, in seconds.
DEFAULT_TIMEOUT = 600.0
#: The environment variable that sets the default time limit, in seconds.
TIMEOUT_VARIABLE = "USFK_ARGMAP_GRAPHVIZ_TIMEOUT"
#: A run that lasts longer than this many seconds reports that it is still running, this often.
PROGRESS_EVERY = 15.0

_timeout: contextvars.ContextVar[float | None] = contextvars.ContextVar("graphviz_timeout", default=None)
_progress: contextvars.ContextVar[Callable[[str], None] | None] = contextvars.ContextVar("graphviz_progress", default=None)
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}Z?\)")


def default_timeout() -> float:
    """The time limit in force: set by ``time_limit``, else ``USFK_ARGMAP_GRAPHVIZ_TIMEOUT``, else 600 s."""
    chosen = _timeout.get()
    if chosen is not None:
        return chosen
    text = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if text:
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"{TIMEOUT_VARIABLE}={text!r} is not a number of seconds") from None
        if value > 0:
            return value
    return DEFAULT_TIMEOUT


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Within the block, each Graphviz run may take at most ``seconds`` (None: the default)."""
    if seconds is not None and seconds <= 0:
        raise ValueError(f"the Graphviz time limit must be positive, not {seconds}")
    token = _timeout.set(seconds)
    try:
        yield
    finally:
        _timeout.reset(token)


@contextlib.contextmanager
def reporting_progress(report: Callable[[str], None] | None) -> Iterator[None]:
    """Within the block, a long Graphviz run calls ``report`` with a line every ``PROGRESS_EVERY`` seconds."""
    token = _progress.set(report)
    try:
        yield
    finally:
        _progress.reset(token)


def run_graphviz(
    source: str | bytes, output_format: str, engine: str = "dot", flags: Sequence[str] = (), timeout: float | None = None
) -> bytes:
    """Lay out ``source`` with ``engine`` and return the output in ``output_format``.

    ``flags`` are extra Graphviz flags such as ``-Gdpi=160`` or neato's ``-n2``
    (draw at the positions the graph already has). ``timeout`` (seconds)
    overrides ``default_timeout()``.
    """
    _check_request(output_format, engine, flags)
    output = _execute([engine, *flags, f"-T{output_format}"], source, timeout)
    return fixed_pdf_dates(output) if output_format == "pdf" else output


def _check_request(output_format: str, engine: str, flags: Sequence[str]) -> None:
    """Raise ``ValueError`` for an engine, output format or flag that is not one we run."""
    if engine not in ENGINES:
        raise ValueError(f"unknown Graphviz engine {engine!r}; known: {', '.join(sorted(ENGINES))}")
    if output_format not in FORMATS:
        raise ValueError(f"unknown Graphviz output format {output_format!r}; known: {', '.join(sorted(FORMATS))}")
    for flag in flags:
        if not _FLAG.fullmatch(flag):
            raise ValueError(f"unsupported Graphviz flag {flag!r}")


#: How each output ``run_graphviz_measured`` makes begins, after the ``plain`` output's last line.
_AFTER_PLAIN = {"svg": b"\nstop\n<?xml ", "svg:cairo": b"\nstop\n<?xml ", "png": b"\nstop\n\x89PNG", "pdf": b"\nstop\n%PDF-"}


def run_graphviz_measured(
    sources: Sequence[str | bytes], output_format: str, engine: str = "dot", flags: Sequence[str] = ()
) -> list[tuple[bytes, bytes]]:
    """For each graph, Graphviz's ``plain`` output of its layout (size and places) and ``run_graphviz``'s output, from one run.

    Graphviz lays each graph out once and writes both, ``plain`` first; each
    output is the same bytes as ``run_graphviz`` gives for that graph alone.
    For ``svg``, ``svg:cairo``, ``png`` and ``pdf``; several graphs only for
    ``svg`` (cairo numbers its surfaces across the graphs of a run, and PNG and
    PDF outputs are not cut apart here); ``ValueError`` when the outputs cannot
    be told apart.
    """
    if output_format not in _AFTER_PLAIN:
        raise ValueError(f"run_graphviz_measured makes svg, svg:cairo, png or pdf, not {output_format!r}")
    if len(sources) != 1 and output_format != "svg":
        raise ValueError(f"run_graphviz_measured lays out one graph at a time for {output_format}, not {len(sources)}")
    _check_request(output_format, engine, flags)
    data = b"\n".join(source.encode("utf-8") if isinstance(source, str) else source for source in sources)
    stream = _execute([engine, *flags, "-Tplain", f"-T{output_format}"], data)
    # One graph's plain and SVG outputs end with the SVG's closing tag, which nothing inside an SVG repeats.
    pieces = [stream] if len(sources) == 1 else [piece + b"</svg>\n" for piece in stream.split(b"</svg>\n")[:-1]]
    if len(pieces) != len(sources):
        raise ValueError(f"Graphviz wrote {len(pieces)} outputs for {len(sources)} graphs")
    measured = []
    for index, piece in enumerate(pieces):
        end = piece.find(_AFTER_PLAIN[output_format])
        if end < 0:
            raise ValueError(f"Graphviz's plain output is not followed by its {output_format} output")
        plain, output = piece[: end + 6], piece[end + 6 :]
        if index:  # the second and later graphs' group ids, prefixed as in ``split_outputs``
            output = _PAGE_PREFIX.sub(b'<g id="', output, count=1)
        measured.append((plain, fixed_pdf_dates(output) if output_format == "pdf" else output))
    return measured


def run_graphviz_many(
    sources: Sequence[str | bytes], output_format: str, engine: str = "dot", flags: Sequence[str] = ()
) -> list[bytes]:
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
_STARTS = {
    "svg": re.compile(rb"<\?xml "),
    "svg:cairo": re.compile(rb"<\?xml "),
    "dot": re.compile(rb"^(?:strict )?(?:di)?graph\b", re.MULTILINE),
    "xdot": re.compile(rb"^(?:strict )?(?:di)?graph\b", re.MULTILINE),
}


_PAGE_PREFIX = re.compile(rb'<g id="page\d+,\d+_')


def split_outputs(data: bytes, output_format: str, count: int) -> list[bytes]:
    """The ``count`` outputs Graphviz wrote end to end for a stream of graphs."""
    files: list[bytes] = []
    if output_format == "png":
        at = 0
        while at < len(data) and len(files) < count:
            position = at + 8  # the signature
            while True:
                length = int.from_bytes(data[position : position + 4], "big")
                kind = data[position + 4 : position + 8]
                position += 12 + length
                if kind == b"IEND" or position >= len(data):
                    break
            files.append(data[at:position])
            at = position
    elif output_format == "pdf":
        at = 0
        for match in re.finditer(rb"%%EOF\r?\n?", data):
            files.append(data[at : match.end()])
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
        raise GraphvizFailedError(
            ["graphviz", f"-T{output_format}"], 0, f"Graphviz wrote {len(files)} outputs for {count} graphs"
        )
    return files


def run_gvpr(program: str, source: str | bytes, timeout: float | None = None) -> bytes:
    """Run the gvpr ``program`` over the graph ``source`` (``gvpr -c``: the graph, edited)."""
    return _execute(["gvpr", "-c", program], source, timeout)


def fixed_pdf_dates(pdf: bytes) -> bytes:
    """The PDF with its creation and modification dates set to ``SOURCE_DATE_EPOCH`` (default: 2000-01-01).

    The date keeps its length, so the cross-reference offsets stay right.
    """
    try:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "946684800"))
    except ValueError:
        epoch = 0
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(max(0, epoch))).encode()

    def replace(match: re.Match[bytes]) -> bytes:
        zone = b"Z" if match.group(0).endswith(b"Z)") else b""
        return b"/" + match.group(1) + b" (D:" + stamp + zone + b")"

    return _PDF_DATE.sub(replace, pdf)


def _death_signal_setter() -> Callable[[], None] | None:
    """A function for the child, between fork and exec, that asks Linux to kill it when its parent dies.

    ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: a Graphviz run cannot outlive a Python
    killed with SIGKILL. libc's ``prctl`` is looked up here, in the parent, so the
    child only calls it (nothing is loaded between fork and exec).
    """
    global _prctl
    if sys.platform != "linux":
        return None
    if _prctl is None:
        try:
            import ctypes

            function = ctypes.CDLL(None, use_errno=True).prctl
            function.argtypes = (ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong)
            _prctl = function
        except (OSError, AttributeError):
            _prctl = False
    if _prctl is False:
        return None
    prctl = _prctl

    def set_death_signal() -> None:  # pragma: no cover - runs in the child
        prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1: PR_SET_PDEATHSIG

    return set_death_signal


_prctl: Any = None


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill a Graphviz process and reap it."""
    import subprocess

    if process.poll() is None:
        with contextlib.suppress(OSError):
            process.kill()
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        process.wait(5)


def _wait(process: subprocess.Popen[bytes], timeout: float) -> int:
    """``process.wait(timeout)``, woken the moment the process ends.

    ``Popen.wait`` with a timeout polls with sleeps that grow to 50 ms, which
    adds up to half the run time of a small layout; a pidfd (Linux 5.3) lets
    ``select`` wait for the exit itself. Elsewhere, the polling wait.
    """
    import subprocess

    pidfd_open = getattr(os, "pidfd_open", None)
    if pidfd_open is None:
        return process.wait(timeout)
    try:
        descriptor = pidfd_open(process.pid)
    except OSError:  # an old kernel, or a sandbox without the call
        return process.wait(timeout)
    try:
        import select

        ready, _, _ = select.select([descriptor], [], [], timeout)
    finally:
        os.close(descriptor)
    if not ready:
        raise subprocess.TimeoutExpired(process.args, timeout)
    return process.wait()


def _execute(command: list[str], source: str | bytes, timeout: float | None = None) -> bytes:
    """Run a Graphviz executable over ``source``: its output, or a Graphviz error that says what went wrong."""
    limit = default_timeout() if timeout is None else timeout
    try:
        returncode, output, message = _run(command, source, limit)
    except FileNotFoundError:
        raise GraphvizNotFoundError(command[0]) from None
    except PermissionError as error:
        raise GraphvizFailedError(command, 126, str(error)) from None
    except TimeoutError:
        raise GraphvizTimeoutError(command, limit) from None
    if returncode != 0:
        text = message.decode("utf-8", "replace")
        if returncode < 0 and not text.strip():
            try:
                name = signal.Signals(-returncode).name
            except ValueError:
                name = f"signal {-returncode}"
            text = f"{command[0]} crashed ({name})"
        raise GraphvizFailedError(command, returncode, text)
    return output


def run_program(command: Sequence[str], timeout: float, source: str | bytes = b"") -> tuple[int, bytes, bytes]:
    """Run another external program (fontconfig's ``fc-match``) as Graphviz runs: with a time limit, killed
    when it passes or when the caller is interrupted. Returns the exit code, standard output and standard error.

    Raises ``FileNotFoundError`` when the program is missing, ``PermissionError`` when it cannot be run,
    and ``TimeoutError`` (the process stopped) when it runs longer than ``timeout`` seconds; what
    those mean to the user is the caller's to say.
    """
    return _run(list(command), source, timeout)


def _run(command: list[str], source: str | bytes, limit: float) -> tuple[int, bytes, bytes]:
    """The one place a process is started: exit code, standard output and standard error of ``command``.

    Raises ``FileNotFoundError`` or ``PermissionError`` from starting it, ``TimeoutError`` after ``limit`` seconds.
    """
    # Imported here: the commands that run no Graphviz (``check``) import this module for its time limit.
    import subprocess
    import tempfile

    data = source.encode("utf-8") if isinstance(source, str) else source
    report = _progress.get()
    # Input and outputs go through anonymous temporary files rather than pipes:
    # shuttling a large SVG through pipes (``subprocess.run(input=...)``) costs Python
    # a select loop of hundreds of small reads and writes, several times the CPU
    # of writing one file and reading two.
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        stdin.write(data)
        stdin.seek(0)
        process = subprocess.Popen(command, stdin=stdin, stdout=stdout, stderr=stderr, preexec_fn=_death_signal_setter())
        started = time.monotonic()
        try:
            while True:
                left = limit - (time.monotonic() - started)
                if left <= 0:
                    raise TimeoutError(f"{command[0]} ran longer than {limit:g} s")
                try:
                    returncode = _wait(process, min(left, PROGRESS_EVERY) if report is not None else left)
                    break
                except subprocess.TimeoutExpired:
                    elapsed = time.monotonic() - started
                    if report is not None and elapsed < limit:
                        report(f"{command[0]} still running: {elapsed:.0f} s of at most {limit:g} s")
        except BaseException:  # the time limit, Ctrl-C, SIGTERM, anything: the process does not outlive us
            _stop(process)
            raise
        stdout.seek(0)
        stderr.seek(0)
        return returncode, stdout.read(), stderr.read()

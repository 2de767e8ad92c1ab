"""``usfk-argmap serve``: a live preview of a map, on 127.0.0.1 only.

The page at ``/`` shows the picture and the diagnostics beside it; ``/map.svg``
is the current picture of the whole map (``?view=`` another view: ``serve_views``,
which draws only the views pages ask for), ``/diagnostics.json`` the ``check --format json``
document, ``/state.json`` what the page needs besides (each statement's text,
gloss, quote status and note), ``/source.html`` the source text with each
statement's passage marked (``source_view``: a draft beside its source), and ``/events`` a server-sent event stream that
says when either changed. The map file and its source text are watched
(watchfiles); each save is loaded and checked once, the event announces it,
and then only the views the pages showed are drawn again; a save that breaks
the map keeps the last good pictures beside the new diagnostics.

Every answer shows the map, so the server checks who asks (``Gate``): the
``Host`` must name this server (127.0.0.1, localhost or [::1] with its port;
421 otherwise, which defeats DNS rebinding), an ``Origin`` must be this
server's own (403 otherwise), and the request must carry the run's secret
token, in the query of the printed URL or in the cookie the page then gets
(403 otherwise). Each connection has a socket timeout and at most
``MAX_EVENT_STREAMS`` event streams are open at once (503 beyond).
"""

from __future__ import annotations

import json
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

from usfk_argmap.authoring.access import HOST, Gate
from usfk_argmap.authoring.document import MapDocument, open_document
from usfk_argmap.authoring.serve_page import page_state
from usfk_argmap.authoring.serve_views import (
    OVERVIEW_ABOVE,
    VIEW_STATEMENTS,
    WHOLE_MAP,
    MapViews,
    UnknownViewError,
    ViewPictures,
    default_view,
)
from usfk_argmap.authoring.source_view import source_page
from usfk_argmap.core.diagnostics import to_json
from usfk_argmap.core.errors import ArgmapError

if TYPE_CHECKING:
    from usfk_argmap.drawing.cache import LayoutCache

#: How long the event stream waits between keep-alive comments (seconds).
KEEPALIVE_SECONDS = 15.0
#: How long a connection may stay silent, or leave an answer unread, before it is closed (seconds).
REQUEST_TIMEOUT_SECONDS = 10.0
#: How many event streams may be open at once; one more is answered 503.
MAX_EVENT_STREAMS = 8
#: How long the watcher waits after it failed before it watches again (seconds).
WATCH_RETRY_SECONDS = 1.0


@dataclass
class PreviewState:
    """What the page shows, rebuilt on every save; ``version`` counts the rebuilds.

    ``source_roots`` are the folders besides the map's own that its ``source:`` may lie in;
    ``theme`` the pictures' and the page's colours (light, dark or print); a map of more than
    ``overview_above`` statements opens on the thesis's neighbourhood of at most ``view_statements``
    (``serve_views``); ``cache`` holds the layouts (None: ``LayoutCache.from_environment``).
    ``build_seconds`` is how long the last save took to load, check and announce.
    """

    map_path: Path
    source_roots: tuple[Path, ...] = ()
    theme: str = "light"
    overview_above: int = OVERVIEW_ABOVE
    view_statements: int = VIEW_STATEMENTS
    cache: LayoutCache | None = None
    version: int = 0
    pictures: ViewPictures = field(init=False)
    diagnostics_json: str = '{"diagnostics": [], "summary": {}}'
    state_json: str = "{}"
    source_html: str = ""
    error: str | None = None
    build_seconds: float = 0.0
    watched: list[Path] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self) -> None:
        if self.cache is None:
            from usfk_argmap.drawing.cache import LayoutCache

            self.cache = LayoutCache.from_environment()
        self.pictures = ViewPictures(self.cache)

    def rebuild(self) -> None:
        """Load and check the map file as it is on disk now, announce it, then draw the views shown.

        The views drawn are those pages asked for since the last save (the first
        time, the one a page opens on); any other is drawn when asked for. The map
        is read as every untrusted file (``read_untrusted``: a regular file, at
        most ``MAX_MAP_BYTES``); whatever goes wrong becomes the page's error, so
        the watcher that calls this goes on watching: a failure is shown, never raised.
        """
        from usfk_argmap.mapfile.reading import MAX_MAP_BYTES, read_untrusted_text

        started = time.perf_counter()
        try:
            text = read_untrusted_text(self.map_path, MAX_MAP_BYTES, "the map file")
        except ArgmapError as error:  # not a regular file, too large, not UTF-8
            self._publish(None, str(error), started)
            return
        try:
            document = open_document(self.map_path, text, source_roots=self.source_roots, index=False)
            views = None
            if document.map is not None and document.result.usable_for("draw"):
                views = MapViews(document.map, self.theme, self.view_statements)
            problem = None if views is not None else "the map has load errors: the last good picture is shown"
            first = self.pictures.views is None
            shown = self._publish(document, problem, started, views)
        except Exception as error:  # a bug, a MemoryError: shown, not the preview's end
            self._publish(None, f"the map could not be checked: {type(error).__name__}: {error}", started)
            return
        if views is not None:
            for view_id in shown or ([default_view(views.map, self.overview_above)] if first else []):
                self.picture(view_id, shown=False)  # a page that shows it asks again: then it is shown

    @property
    def svg(self) -> bytes | None:
        """The whole map's picture of the last map that could be drawn (drawn now if it was not yet); None without one."""
        return self.picture(WHOLE_MAP, shown=False)[0]

    def picture(self, view_id: str = WHOLE_MAP, *, shown: bool = True) -> tuple[bytes | None, str | None]:
        """A view's picture of the last map that could be drawn (None: none yet), and what went wrong drawing it.

        ``shown`` is ``ViewPictures.picture``'s. Raises ``UnknownViewError`` for an id that names no view of that map.
        """
        drawn = self.pictures.picture(view_id, shown=shown)
        return drawn.svg, drawn.problem

    def _publish(
        self, document: MapDocument | None, error: str | None, started: float, views: MapViews | None = None
    ) -> list[str]:
        """Make ``document`` the page's state and announce it; the views shown before, when it can be drawn."""
        shown: list[str] = []
        with self.changed:
            if views is not None:
                shown = self.pictures.update(views, self.version + 1)
            if document is not None:
                self.diagnostics_json = to_json(document.diagnostics)
                self.state_json = json.dumps({**page_state(document), **self._menu(), "theme": self.theme}, ensure_ascii=False)
                self.source_html = source_page(document.map)
                source = document.map.source_path if document.map is not None else None
                self.watched = [self.map_path, *([source] if source is not None else [])]
            self.error = error
            self.build_seconds = time.perf_counter() - started
            self.version += 1
            self.changed.notify_all()
        return shown

    def _menu(self) -> dict[str, Any]:
        """The views the page offers and the one it opens on, of the last map that could be drawn."""
        views = self.pictures.views
        if views is None:
            return {"views": [], "view": WHOLE_MAP}
        opening = default_view(views.map, self.overview_above)
        return {"views": [{"id": v.id, "label": v.label} for v in views.menu(opening)], "view": opening}

    def fail(self, error: str) -> None:
        """Show ``error`` on the page (the last good picture and diagnostics stay)."""
        self._publish(None, error, time.perf_counter())

    def wait_for_change(self, version: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout)
            return self.version


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server of one preview; handlers read ``state`` and ask ``gate`` who may be answered.

    ``timeout`` closes a connection that stays silent or stops reading that
    long (seconds); ``max_streams`` bounds the event streams open at once.
    """

    daemon_threads = True

    def __init__(
        self,
        state: PreviewState,
        port: int,
        *,
        token: str | None = None,
        timeout: float = REQUEST_TIMEOUT_SECONDS,
        max_streams: int = MAX_EVENT_STREAMS,
    ) -> None:
        self.state = state
        self.stopping = threading.Event()
        self.request_timeout = timeout
        self.streams = threading.BoundedSemaphore(max_streams)
        super().__init__((HOST, port), PreviewHandler)
        self.gate = Gate(self.server_address[1], token or secrets.token_urlsafe(24))

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that left or timed out is no error of the server's; anything else is reported as usual."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}"

    @property
    def url(self) -> str:
        """The page's address with the run's token: the one URL to print and open."""
        return self.url_for("/")

    def url_for(self, path: str) -> str:
        """The address of ``path`` (which may have a query) on this server, with the run's token."""
        joiner = "&" if "?" in path else "?"
        return f"{self.origin}{path}{joiner}token={quote(self.gate.token)}"


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.request_timeout)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the URL and the rebuilds, not every request."""

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        refusal = self.server.gate.refusal(
            self.headers.get("Host"), self.headers.get("Origin"), url.query, self.headers.get("Cookie")
        )
        if refusal is not None:
            self._send(refusal.status, "text/plain; charset=utf-8", f"{refusal.status.value}: {refusal.reason}\n".encode())
            return
        state = self.server.state
        if url.path == "/":
            gate = self.server.gate
            cookie = f"{gate.cookie_name}={gate.token}; Path=/; HttpOnly; SameSite=Strict"
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", _page().encode("utf-8"), cookie=cookie)
        elif url.path == "/map.svg":
            self._picture(parse_qs(url.query, keep_blank_values=True))
        elif url.path == "/diagnostics.json":
            self._send(HTTPStatus.OK, "application/json", state.diagnostics_json.encode("utf-8"))
        elif url.path == "/state.json":
            body = json.dumps(
                {
                    "version": state.version,
                    "error": state.error,
                    "build_seconds": state.build_seconds,
                    **json.loads(state.state_json),
                },
                ensure_ascii=False,
            )
            self._send(HTTPStatus.OK, "application/json", body.encode("utf-8"))
        elif url.path == "/source.html":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", (state.source_html or source_page(None)).encode("utf-8"))
        elif url.path == "/events":
            self._events()
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found")

    def _picture(self, query: dict[str, list[str]]) -> None:
        """``/map.svg``: the view ``?view=`` names (``?section=ID``: ``section:ID``; neither: the whole map).

        404 for a view the map does not have, 503 with the reason while there is no picture;
        a picture of the last good map when the latest could not be drawn, with the reason
        in ``X-Preview-Problem`` (percent-encoded UTF-8).
        """
        state = self.server.state
        section = query.get("section", [None])[0]
        view_id = query.get("view", [WHOLE_MAP if section is None else f"section:{section}"])[0]
        try:
            svg, problem = state.picture(view_id)
        except UnknownViewError as error:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", str(error).encode("utf-8"))
            return
        if svg is None:
            reason = problem or state.error or "no picture yet"
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", reason.encode("utf-8"))
        else:
            self._send(HTTPStatus.OK, "image/svg+xml", svg, problem=problem)

    def _send(
        self, status: HTTPStatus, content_type: str, body: bytes, cookie: str | None = None, problem: str | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers()
        if cookie is not None:
            self.send_header("Set-Cookie", cookie)
        if problem is not None:
            self.send_header("X-Preview-Problem", quote(problem))
        self.end_headers()
        self.wfile.write(body)

    def _common_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")  # the page's URL holds the token

    def _events(self) -> None:
        """Server-sent events: one ``update`` per rebuild, keep-alive comments between; 503 beyond the cap."""
        if not self.server.streams.acquire(blocking=False):
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", b"503: too many event streams are open\n")
            return
        try:
            self._stream_events()
        finally:
            self.server.streams.release()

    def _stream_events(self) -> None:
        state = self.server.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self._common_headers()
        self.end_headers()
        version = -1
        try:
            while not self.server.stopping.is_set():
                current = state.wait_for_change(version, KEEPALIVE_SECONDS) if version >= 0 else state.version
                if current != version:
                    version = current
                    self.wfile.write(f"event: update\ndata: {json.dumps({'version': version})}\n\n".encode())
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except OSError:  # the client left, or stopped reading for longer than the timeout
            return


def _page() -> str:
    from usfk_argmap.present.templating import render_template

    return render_template("preview.html")


#: Called after each rebuild with the new state (the command prints a line for each).
OnRebuild = Callable[[PreviewState], None]


def watch(state: PreviewState, stop: threading.Event, on_rebuild: OnRebuild | None = None) -> None:
    """Rebuild on every change to the map file or its source text, until ``stop`` is set."""
    while not stop.is_set():
        try:
            _watch_files(state, stop, on_rebuild)
        except Exception as error:  # shown on the page; the watcher starts again
            state.fail(f"watching {state.map_path} failed: {type(error).__name__}: {error}; trying again")
            stop.wait(WATCH_RETRY_SECONDS)


def _watch_files(state: PreviewState, stop: threading.Event, on_rebuild: OnRebuild | None) -> None:
    """Watch the files ``state`` reads until one of them changes its set, or ``stop`` is set."""
    import watchfiles

    watched = [p for p in state.watched if p.exists()] or [state.map_path.parent]
    folders = sorted({str(p.resolve().parent) for p in watched})
    names = {p.resolve() for p in watched}
    for changes in watchfiles.watch(
        *folders, stop_event=stop, debounce=30, step=20, yield_on_timeout=False, rust_timeout=500, recursive=False
    ):
        if any(Path(changed).resolve() in names for _, changed in changes):
            state.rebuild()
            if on_rebuild is not None:
                on_rebuild(state)
            if [p for p in state.watched if p.exists()] != watched:
                return  # the source text changed: watch the new set of files


class RunningPreview:
    """A started preview: its server and its watcher; ``serve_forever`` serves, ``close`` stops both."""

    def __init__(self, server: PreviewServer, watcher: threading.Thread, stop: threading.Event) -> None:
        self.server = server
        self.watcher = watcher
        self.stop = stop
        self.serving: threading.Thread | None = None
        # Set while a serve loop runs: shutdown() waits for a loop to end, so it is called only when one runs.
        self._loop_running = threading.Event()

    def serve_in_background(self) -> None:
        """Serve from a daemon thread (for tests, notebooks and the benchmark)."""
        self.serving = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.serving.start()

    def serve_forever(self, poll_interval: float = 0.2) -> None:
        """Serve requests in this thread until ``close`` is called from another thread (or Ctrl-C)."""
        self._loop_running.set()
        try:
            self.server.serve_forever(poll_interval=poll_interval)
        finally:
            self._loop_running.clear()

    def close(self) -> None:
        """Stop watching and serving, free the port and wait for the watcher; closing twice does nothing more."""
        self.stop.set()
        self.server.stopping.set()
        if self._loop_running.is_set():
            self.server.shutdown()
        self.server.server_close()
        self.watcher.join(timeout=5)


def start_preview(
    map_path: str | Path,
    port: int = 0,
    *,
    background: bool = True,
    on_rebuild: OnRebuild | None = None,
    source_roots: Sequence[str | Path] = (),
    token: str | None = None,
    timeout: float = REQUEST_TIMEOUT_SECONDS,
    max_streams: int = MAX_EVENT_STREAMS,
    theme: str = "light",
    overview_above: int = OVERVIEW_ABOVE,
    view_statements: int = VIEW_STATEMENTS,
    cache: LayoutCache | None = None,
) -> RunningPreview:
    """Build the first picture, bind 127.0.0.1:``port`` (0: any free port) and start watching.

    ``source_roots`` are folders besides the map's own that its ``source:`` may lie in.
    ``token`` is the secret every request must carry (None: a new random one;
    ``preview.server.url`` holds it); ``timeout`` and ``max_streams`` bound
    connections as ``PreviewServer`` says; ``theme`` colours the pictures and the page;
    ``overview_above``, ``view_statements`` and ``cache`` are ``PreviewState``'s.

    Raises ``OSError`` when the port is in use. With ``background``, the server
    runs in a thread too (for tests and notebooks); otherwise call
    ``serve_forever`` on the returned preview, and ``close`` after it.
    """
    state = PreviewState(
        Path(map_path),
        tuple(Path(root) for root in source_roots),
        theme=theme,
        overview_above=overview_above,
        view_statements=view_statements,
        cache=cache,
    )
    state.rebuild()
    server = PreviewServer(state, port, token=token, timeout=timeout, max_streams=max_streams)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(state, stop, on_rebuild), name="usfk-argmap-watch", daemon=True)
    watcher.start()
    preview = RunningPreview(server, watcher, stop)
    if background:
        preview.serve_in_background()
    return preview


def events(url: str, timeout: float = 10.0) -> Iterator[dict[str, Any]]:
    """Read the event stream of the preview at ``url`` (its page's, with the token; for tests and the benchmark).

    Yields each update's data.
    """
    from urllib.request import urlopen

    with urlopen(urlsplit(url)._replace(path="/events").geturl(), timeout=timeout) as stream:
        event: str | None = None
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "update":
                yield json.loads(line[6:])

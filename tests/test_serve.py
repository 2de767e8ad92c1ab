"""The live preview: loopback only, updates on save without a reload, keeps the last good picture."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import MAPS
from usfk_argmap.authoring.access import HOST
from usfk_argmap.authoring.serve import PreviewServer, RunningPreview, events, start_preview
from usfk_argmap.cli.app import main

pytestmark = pytest.mark.graphviz

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture
def tram(tmp_path: Path) -> Path:
    shutil.copytree(MAPS / "sources", tmp_path / "sources")
    path = tmp_path / "tram.yaml"
    path.write_text((MAPS / "example_tram.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def preview(tram: Path) -> Iterator[RunningPreview]:
    running = start_preview(tram, 0)
    yield running
    running.close()


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def wait_for_version(server: PreviewServer, version: int, timeout: float = 10.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state: dict[str, Any] = json.loads(get(server.url_for("/state.json"))[2])
        if state["version"] >= version:
            return state
        time.sleep(0.05)
    raise AssertionError(f"no version {version} within {timeout} s")


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # Some file systems keep a second's mtime: make sure the watcher sees a change.
    os.utime(path, None)


def test_listens_on_loopback_only(preview: RunningPreview) -> None:
    assert preview.server.server_address[0] == HOST == "127.0.0.1"
    assert preview.server.url.startswith("http://127.0.0.1:")


def test_serves_the_page_the_picture_and_the_diagnostics(preview: RunningPreview) -> None:
    server = preview.server
    status, kind, page = get(server.url)
    assert status == 200 and kind.startswith("text/html") and b"EventSource" in page
    status, kind, svg = get(server.url_for("/map.svg"))
    assert status == 200 and kind == "image/svg+xml" and b"Riverton should build the tram." in svg
    status, kind, body = get(server.url_for("/diagnostics.json"))
    document = json.loads(body)
    assert status == 200 and kind == "application/json" and document["diagnostics"] == []
    state = json.loads(get(server.url_for("/state.json"))[2])
    assert state["items"]["C1"]["quote_status"].startswith("Quote found in")
    assert get(server.url_for("/nothing-here"))[0] == 404
    status, _, section = get(server.url_for("/map.svg?section=cost"))
    assert status == 200 and b"The tram cuts emissions" not in section and b"Fares cover" in section


def test_a_save_updates_and_a_broken_save_keeps_the_last_good_picture(preview: RunningPreview, tram: Path) -> None:
    server = preview.server
    updates: list[dict[str, Any]] = []
    reader = threading.Thread(target=lambda: updates.extend(events(server.url, timeout=20)), daemon=True)
    reader.start()
    first = wait_for_version(server, 1)["version"]
    text = tram.read_text(encoding="utf-8")
    save(tram, text.replace("Riverton should build the tram.", "Build it now."))
    wait_for_version(server, first + 1)
    assert b"Build it now." in get(server.url_for("/map.svg"))[2]
    save(tram, text.replace("kind: thesis", "kind: thesis\n  bad: [unclosed"))
    broken = wait_for_version(server, first + 2)
    assert broken["error"] is not None
    assert [d["code"] for d in json.loads(get(server.url_for("/diagnostics.json"))[2])["diagnostics"]] == ["AM001"]
    assert b"Build it now." in get(server.url_for("/map.svg"))[2]  # the last good picture
    deadline = time.monotonic() + 5
    while len(updates) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [u["version"] for u in updates][:3] == [first, first + 1, first + 2]


def test_a_port_in_use_is_a_clear_message(tram: Path) -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(tram), "--port", str(port)])
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is in use" in result.output


@pytest.mark.browser
def test_the_page_updates_without_a_reload(preview: RunningPreview, tram: Path) -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/setup.sh test)")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    url = preview.server.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(url)
        page.wait_for_selector("#canvas svg g.am-node")
        page.evaluate("window.__kept = 'this page was not reloaded'")
        page.keyboard.press("+")
        zoom = page.eval_on_selector("#canvas", "element => element.style.transform")
        text = tram.read_text(encoding="utf-8")
        save(tram, text.replace("Riverton should build the tram.", "Build it today."))
        page.wait_for_function("document.querySelector('#canvas').textContent.includes('Build it today')", timeout=10_000)
        assert page.evaluate("window.__kept") == "this page was not reloaded"
        assert page.eval_on_selector("#canvas", "element => element.style.transform") == zoom
        # A click on a statement shows its text, gloss and quote status.
        page.click("#canvas g.am-node >> nth=1")
        details = page.inner_text("#details")
        assert "quote status" in details and "Quote found in" in details
        save(tram, text.replace("kind: thesis", "kind: thesis\n  bad: [unclosed"))
        page.wait_for_function("document.querySelector('#diagnostics').textContent.includes('AM001')", timeout=10_000)
        assert "Build it today" in (page.text_content("#canvas") or "")  # the last good picture stays
        assert not page.is_hidden("#error")
        assert page.evaluate("window.__kept") == "this page was not reloaded"
        browser.close()
    assert problems == []


def test_ctrl_c_stops_the_command_cleanly_and_frees_the_port(tram: Path) -> None:
    import signal
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "usfk_argmap", "serve", str(tram), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith(f"http://{HOST}:") and "/?token=" in url, url
        assert get(url)[0] == 200
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, errors
    assert "stopped" in errors and "Traceback" not in errors, errors
    port = urlsplit(url).port
    with socket.socket() as probe:
        assert probe.connect_ex((HOST, port)) != 0  # nothing listens there any more


def test_the_preview_does_not_load_the_language_server(tram: Path) -> None:
    """Building the page's state (quote statuses included) leaves pygls and lsprotocol unloaded."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from usfk_argmap.authoring.serve import PreviewState\n"
        f"state = PreviewState(__import__('pathlib').Path({str(tram)!r}))\n"
        "state.rebuild()\n"
        "assert 'Quote found in' in state.state_json, state.state_json\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol') or m.endswith('authoring.lsp')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_close_stops_a_preview_served_in_the_foreground(tram: Path) -> None:
    updates: list[int] = []
    preview = start_preview(tram, 0, background=False, on_rebuild=lambda state: updates.append(state.version))
    serving = threading.Thread(target=preview.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    serving.start()
    url = preview.server.url
    assert get(url)[0] == 200
    save(tram, tram.read_text(encoding="utf-8").replace("Riverton should build the tram.", "Build it now."))
    wait_for_version(preview.server, 2)
    preview.close()
    serving.join(timeout=5)
    assert not serving.is_alive() and not preview.watcher.is_alive()
    assert updates == [2]
    preview.close()  # a second close does nothing more
    port = urlsplit(url).port
    with socket.socket() as probe:
        assert probe.connect_ex((HOST, port)) != 0


# -- who may ask: Host, Origin, token; bounded connections ---------------------------------

MAP_TEXTS = (b"Riverton", b"Fares cover", b"emissions")


def ask(port: int, path: str, headers: dict[str, str], timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """Send one GET with exactly these headers (no Host unless given) and read the answer: status, headers, body."""
    lines = [f"GET {path} HTTP/1.1", *(f"{name}: {value}" for name, value in headers.items()), "Connection: close"]
    with socket.create_connection((HOST, port), timeout=timeout) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
        head, _, body = received.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        answer = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in header_lines)}
        if answer.get("content-type") != "text/event-stream":
            while chunk:
                chunk = connection.recv(65536)
                body += chunk
    return int(status_line.split()[1]), answer, body


def own(server: PreviewServer) -> dict[str, str]:
    return {"Host": f"127.0.0.1:{server.server_address[1]}"}


def token_query(server: PreviewServer) -> str:
    return "token=" + server.gate.token


PATHS = ("/", "/map.svg", "/diagnostics.json", "/state.json", "/map.svg?section=cost")


@pytest.mark.parametrize(
    "host",
    [
        "rebound.example:{port}",  # DNS rebinding: the attacker's name, re-pointed at 127.0.0.1
        "rebound.example",
        "127.0.0.1",
        "127.0.0.1:{other}",
        "localhost.rebound.example:{port}",
        "127.0.0.1:{port}.rebound.example",
        "0.0.0.0:{port}",
        "",
        None,
    ],
)
def test_a_request_naming_another_host_is_misdirected(preview: RunningPreview, host: str | None) -> None:
    server = preview.server
    port = server.server_address[1]
    headers = {} if host is None else {"Host": host.format(port=port, other=port + 1)}
    for path in (*PATHS, "/events"):
        # Even with the token (leaked, say): the Host check stands on its own.
        status, _, body = ask(port, path + ("&" if "?" in path else "?") + token_query(server), headers)
        assert status == 421, (host, path, status)
        assert not any(text in body for text in MAP_TEXTS), (host, path)


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}", "[::1]:{port}"])
def test_the_names_of_this_server_are_answered(preview: RunningPreview, host: str) -> None:
    port = preview.server.server_address[1]
    status, _, body = ask(port, "/state.json?" + token_query(preview.server), {"Host": host.format(port=port)})
    assert status == 200 and b"Riverton" in body


@pytest.mark.parametrize(
    "origin",
    [
        "http://rebound.example",
        "http://rebound.example:{port}",
        "null",
        "http://127.0.0.1:{other}",
        "https://127.0.0.1:{port}",
        "http://localhost:{port}.rebound.example",
        "http://[::1",
        "",
    ],
)
def test_a_foreign_origin_is_forbidden(preview: RunningPreview, origin: str) -> None:
    server = preview.server
    port = server.server_address[1]
    headers = {**own(server), "Origin": origin.format(port=port, other=port + 1)}
    for path in ("/state.json", "/diagnostics.json", "/events", "/map.svg", "/"):
        status, _, body = ask(port, f"{path}?{token_query(server)}", headers)
        assert status == 403, (origin, path, status)
        assert not any(text in body for text in MAP_TEXTS), (origin, path)


@pytest.mark.parametrize("origin", ["http://127.0.0.1:{port}", "http://localhost:{port}", "http://[::1]:{port}"])
def test_the_page_s_own_origin_is_answered(preview: RunningPreview, origin: str) -> None:
    server = preview.server
    port = server.server_address[1]
    for path in ("/state.json", "/diagnostics.json"):
        status, _, _ = ask(port, f"{path}?{token_query(server)}", {**own(server), "Origin": origin.format(port=port)})
        assert status == 200, (origin, path)


def test_every_path_needs_the_run_s_token(preview: RunningPreview) -> None:
    server = preview.server
    port = server.server_address[1]
    wrong = "x" + server.gate.token[1:]
    for path in (*PATHS, "/events", "/nothing-here"):
        joiner = "&" if "?" in path else "?"
        for query in ("", f"{joiner}token=", f"{joiner}token={wrong}", f"{joiner}token={server.gate.token[:-1]}"):
            status, _, body = ask(port, path + query, own(server))
            assert status == 403 and b"token" in body, (path, query, status)
            assert not any(text in body for text in MAP_TEXTS), (path, query)
        status, _, _ = ask(port, path + joiner + token_query(server), own(server), timeout=2)
        assert status == (404 if path == "/nothing-here" else 200), (path, status)


def test_the_page_s_cookie_carries_the_token_for_its_own_requests(preview: RunningPreview) -> None:
    server = preview.server
    port = server.server_address[1]
    status, headers, _ = ask(port, "/?" + token_query(server), own(server))
    cookie = headers["set-cookie"]
    assert status == 200 and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    pair = cookie.split(";")[0]
    assert pair == f"usfk-argmap-preview-{port}={server.gate.token}"
    status, _, body = ask(port, "/state.json", {**own(server), "Cookie": f"theme=dark; {pair}"})
    assert status == 200 and b"Riverton" in body
    # The cookie of a preview on another port (the browser sends every port's) does not open this one.
    other = f"usfk-argmap-preview-{port + 1}={server.gate.token}"
    assert ask(port, "/state.json", {**own(server), "Cookie": other})[0] == 403


def test_each_run_has_its_own_token_and_port(tram: Path) -> None:
    first, second = start_preview(tram, 0), start_preview(tram, 0)
    try:
        assert first.server.gate.token != second.server.gate.token and len(first.server.gate.token) >= 32
        assert first.server.server_address[1] != second.server.server_address[1]
        assert first.server.url == f"{first.server.origin}/?token={first.server.gate.token}"
        assert get(first.server.url)[0] == 200
        assert get(first.server.origin + "/?token=" + second.server.gate.token)[0] == 403
    finally:
        first.close()
        second.close()
    serve_port = next(p for p in main.commands["serve"].params if p.name == "port")
    assert serve_port.default == 0  # no fixed, known default port


def test_event_streams_are_capped(tram: Path) -> None:
    preview = start_preview(tram, 0, max_streams=2)
    server = preview.server
    port = server.server_address[1]
    streams: list[socket.socket] = []
    try:
        for _ in range(2):
            stream = socket.create_connection((HOST, port), timeout=10)
            stream.sendall(f"GET /events?{token_query(server)} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            assert stream.recv(65536).startswith(b"HTTP/1.0 200")
            streams.append(stream)
        status, _, body = ask(port, "/events?" + token_query(server), own(server))
        assert status == 503 and b"too many event streams" in body
        assert ask(port, "/state.json?" + token_query(server), own(server))[0] == 200  # the rest is still served
        # A stream that leaves frees its place once the server writes to it (here: two saves).
        streams.pop().close()
        text = tram.read_text(encoding="utf-8")
        deadline = time.monotonic() + 20
        status = 503
        while status == 503 and time.monotonic() < deadline:
            save(tram, text.replace("Riverton should build the tram.", f"Build it {time.monotonic()}."))
            time.sleep(0.3)
            status, _, _ = ask(port, "/events?" + token_query(server), own(server), timeout=2)
        assert status == 200
    finally:
        for stream in streams:
            stream.close()
        preview.close()


@pytest.mark.parametrize("sent", [b"", b"GET /state.json HTTP/1.1\r\nHo"])
def test_an_idle_or_slow_connection_is_closed_after_the_timeout(tram: Path, sent: bytes) -> None:
    preview = start_preview(tram, 0, timeout=0.5)
    try:
        with socket.create_connection((HOST, preview.server.server_address[1]), timeout=10) as connection:
            connection.sendall(sent)
            started = time.monotonic()
            assert connection.recv(65536) == b""  # closed by the server, not by our own 10 s timeout
            assert time.monotonic() - started < 5
    finally:
        preview.close()


@pytest.fixture(scope="module")
def shared_preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPreview]:
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(MAPS / "sources", folder / "sources")
    path = folder / "tram.yaml"
    path.write_text((MAPS / "example_tram.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    running = start_preview(path, 0, token="the-fuzzed-run-s-token", max_streams=64)
    yield running
    running.close()


_ASCII = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=40)
_VALUE = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_characters="\r\n"), max_size=60)
_PATHS = st.one_of(st.sampled_from([*PATHS, "/events", "/map.svg?section="]), _ASCII.map(lambda text: "/" + text))


@settings(max_examples=150, deadline=None)
@given(
    path=_PATHS,
    token=st.one_of(st.none(), st.just("the-fuzzed-run-s-token"), _ASCII),
    host=st.one_of(st.none(), st.sampled_from(["127.0.0.1:{port}", "localhost:{port}", "rebound.example:{port}"]), _VALUE),
    origin=st.one_of(st.none(), st.sampled_from(["http://127.0.0.1:{port}", "http://rebound.example", "null"]), _VALUE),
    cookie=st.one_of(st.none(), st.just("usfk-argmap-preview-{port}=the-fuzzed-run-s-token"), _VALUE),
)
def test_fuzzed_requests_get_an_answer_and_no_map_text_without_the_token(
    shared_preview: RunningPreview, path: str, token: str | None, host: str | None, origin: str | None, cookie: str | None
) -> None:
    server = shared_preview.server
    port = server.server_address[1]
    if token is not None:
        path += ("&" if "?" in path else "?") + "token=" + token
    sent = {"Host": host, "Origin": origin, "Cookie": cookie}
    headers = {name: value.replace("{port}", str(port)) for name, value in sent.items() if value is not None}
    status, _, body = ask(port, path, headers, timeout=5)
    assert status not in (500, 501) and 200 <= status < 600, status
    assert b"Traceback" not in body
    # Judged without the server's own code: a request may see the map only with the token and a Host of ours.
    might_carry_token = "the-fuzzed-run-s-token" in path + headers.get("Cookie", "")
    ours = {f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]")}
    if not might_carry_token or headers.get("Host", "").strip().lower() not in ours:
        assert status in (400, 403, 421), (status, headers)
        assert not any(text in body for text in MAP_TEXTS)

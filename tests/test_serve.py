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
from urllib.request import urlopen

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS
from usfk_argmap.authoring.serve import HOST, RunningPreview, events, start_preview
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


def wait_for_version(url: str, version: int, timeout: float = 10.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state: dict[str, Any] = json.loads(get(url + "state.json")[2])
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
    url = preview.server.url
    status, kind, page = get(url)
    assert status == 200 and kind.startswith("text/html") and b"EventSource" in page
    status, kind, svg = get(url + "map.svg")
    assert status == 200 and kind == "image/svg+xml" and b"Riverton should build the tram." in svg
    status, kind, body = get(url + "diagnostics.json")
    document = json.loads(body)
    assert status == 200 and kind == "application/json" and document["diagnostics"] == []
    state = json.loads(get(url + "state.json")[2])
    assert state["items"]["C1"]["quote_status"].startswith("Quote found in")
    assert get(url + "nothing-here")[0] == 404
    status, _, section = get(url + "map.svg?section=cost")
    assert status == 200 and b"The tram cuts emissions" not in section and b"Fares cover" in section


def test_a_save_updates_and_a_broken_save_keeps_the_last_good_picture(preview: RunningPreview, tram: Path) -> None:
    url = preview.server.url
    updates: list[dict[str, Any]] = []
    reader = threading.Thread(target=lambda: updates.extend(events(url, timeout=20)), daemon=True)
    reader.start()
    first = wait_for_version(url, 1)["version"]
    text = tram.read_text(encoding="utf-8")
    save(tram, text.replace("Riverton should build the tram.", "Build it now."))
    wait_for_version(url, first + 1)
    assert b"Build it now." in get(url + "map.svg")[2]
    save(tram, text.replace("kind: thesis", "kind: thesis\n  bad: [unclosed"))
    broken = wait_for_version(url, first + 2)
    assert broken["error"] is not None
    assert [d["code"] for d in json.loads(get(url + "diagnostics.json")[2])["diagnostics"]] == ["AM001"]
    assert b"Build it now." in get(url + "map.svg")[2]  # the last good picture
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
        assert url.startswith(f"http://{HOST}:"), url
        assert get(url)[0] == 200
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, errors
    assert "stopped" in errors and "Traceback" not in errors, errors
    port = int(url.rstrip("/").rsplit(":", 1)[1])
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
    wait_for_version(url, 2)
    preview.close()
    serving.join(timeout=5)
    assert not serving.is_alive() and not preview.watcher.is_alive()
    assert updates == [2]
    preview.close()  # a second close does nothing more
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    with socket.socket() as probe:
        assert probe.connect_ex((HOST, port)) != 0

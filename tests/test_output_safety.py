"""Outputs are safe: devices and FIFOs written into (never replaced), all-or-nothing writes,
paths escaped for every output language, PDF and PPTX byte-identical across runs."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, REPO
from usfk_argmap.cli.app import main
from usfk_argmap.core.errors import OutputError
from usfk_argmap.core.files import write_atomic, write_files_atomic


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def tram(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    shutil.copy(MAPS / "sources" / "tram.txt", tmp_path / "sources" / "tram.txt")
    shutil.copy(MAPS / "example_tram.yaml", tmp_path / "tram.yaml")
    return tmp_path / "tram.yaml"


# -- devices and FIFOs ---------------------------------------------------------------------------


def _null_device(tmp_path: Path) -> Path:
    """A character device like /dev/null, made in the test's folder (needs root and CAP_MKNOD)."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return node


def test_a_character_device_is_written_into_not_replaced(tmp_path: Path, tram: Path) -> None:
    device = _null_device(tmp_path)
    write_atomic(device, b"hello")
    assert stat.S_ISCHR(os.stat(device).st_mode)
    code, _, stderr = run("export", str(tram), "--format", "json", "-o", str(device))
    assert code == 0, stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert not list(tmp_path.glob(".null.*"))


def test_a_fifo_with_a_reader_gets_the_output_and_stays_a_fifo(tmp_path: Path, tram: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    for _ in range(200):  # the reader must have the FIFO open before the write
        if any(
            str(fifo) in os.readlink(f"/proc/self/fd/{fd}")
            for fd in os.listdir("/proc/self/fd")
            if os.path.islink(f"/proc/self/fd/{fd}")
        ):
            break
        time.sleep(0.01)
    code, _, stderr = run("export", str(tram), "--format", "json", "-o", str(fifo))
    reader.join(10)
    assert code == 0, stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].startswith(b"{")


def test_a_fifo_nobody_reads_is_refused_at_once(tmp_path: Path, tram: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    code, _, stderr = run("export", str(tram), "--format", "json", "-o", str(fifo))
    assert code == 1
    assert "nothing is reading from it" in stderr
    assert time.monotonic() - started < 10
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_deck_with_pictures_is_not_written_to_a_device(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="several files"):
        write_files_atomic({tmp_path / "pipe_files" / "1.svg": b"<svg/>", fifo: b"deck"})
    assert not (tmp_path / "pipe_files").exists()


# -- all or nothing ------------------------------------------------------------------------------


def _disk_full_after(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    """Every temporary file after the first ``count`` fails as on a full disk."""
    from usfk_argmap.core import files

    real = files._new_temporary
    made = [0]

    def new_temporary(target: Path) -> tuple[int, Path]:
        made[0] += 1
        if made[0] > count:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target)

    monkeypatch.setattr(files, "_new_temporary", new_temporary)


def test_a_full_disk_leaves_nothing_new_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "out" / "deck.md"
    pictures = {tmp_path / "out" / "deck_files" / f"{k}.svg": b"<svg/>" for k in range(5)}
    _disk_full_after(monkeypatch, 3)
    with pytest.raises(OutputError, match="No space left on device"):
        write_files_atomic({**pictures, deck: b"deck"})
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_keeps_the_earlier_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = {tmp_path / f"{k}.txt": f"old {k}".encode() for k in range(3)}
    for path, data in old.items():
        path.write_bytes(data)
    _disk_full_after(monkeypatch, 2)
    with pytest.raises(OutputError):
        write_files_atomic(dict.fromkeys(old, b"new"))
    assert {path: path.read_bytes() for path in sorted(tmp_path.iterdir())} == old


@pytest.mark.graphviz
def test_a_marp_deck_on_a_full_disk_leaves_no_pictures(tram: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _disk_full_after(monkeypatch, 4)
    code, _, stderr = run("slides", str(tram), "-o", str(tmp_path / "out" / "deck.md"))
    assert code == 1
    assert "No space left on device" in stderr
    assert not (tmp_path / "out").exists()


# -- paths in the outputs ------------------------------------------------------------------------

STRANGE_FOLDER = "my talk #1 100% {final}"


@pytest.mark.graphviz
def test_marp_picture_links_are_url_encoded(tram: Path, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    folder = tmp_path / STRANGE_FOLDER
    deck = folder / "deck (v2) #3 50%.md"
    code, _, stderr = run("slides", str(tram), "-o", str(deck))
    assert code == 0, stderr
    html = MarkdownIt("commonmark").render(deck.read_text(encoding="utf-8"))
    import re
    from urllib.parse import unquote

    sources = re.findall(r'<img src="([^"]*)"', html)
    assert sources
    for source in sources:
        assert (folder / unquote(source)).is_file(), source


ZH_MAP = """\
title: 駐韓美軍
lang: zh-Hant
root: T
nodes:
  T: {kind: thesis, text: 中國反對駐軍。}
  C: {kind: claim, text: 美軍牽制中國。, supports: T}
"""


@pytest.mark.graphviz
@pytest.mark.client
@pytest.mark.client_marp
def test_the_marp_cli_finds_every_picture_of_a_deck_in_a_strange_folder(tram: Path, tmp_path: Path) -> None:
    import re
    from urllib.parse import unquote

    from tests.helpers import require_client

    marp = require_client("marp", "the Marp CLI (@marp-team/marp-cli in clients/package.json)")
    folder = tmp_path / STRANGE_FOLDER
    deck = folder / "deck (v2) #3 50%.md"
    code, _, stderr = run("slides", str(tram), "-o", str(deck))
    assert code == 0, stderr
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium", "PUPPETEER_SKIP_DOWNLOAD": "1"}
    subprocess.run(
        [marp, "--no-stdin", "--html", deck.name, "-o", "deck.html"],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    page = (folder / "deck.html").read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="([^"]+)"', page)
    assert pictures
    assert [p for p in pictures if not (folder / unquote(p)).is_file()] == []


@pytest.mark.graphviz
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_beamer_picture_and_font_paths_are_escaped_for_latex(tram: Path, tmp_path: Path, lang: str) -> None:
    # A Traditional Chinese deck also names its own font subset in the folder (fontspec's Path=).
    from tests.helpers import require_tool

    require_tool("xelatex", "texlive-xetex")
    if lang != "en":
        tram.write_text(ZH_MAP, encoding="utf-8")
    folder = tmp_path / STRANGE_FOLDER
    deck = folder / "deck #3 50% a_b.tex"
    code, _, stderr = run("slides", str(tram), "-o", str(deck))
    assert code == 0, stderr
    text = deck.read_text(encoding="utf-8")
    assert "{deck #3" not in text
    # TeX cannot be given a file name with # or % on its command line; the pictures' paths are the point here.
    shutil.copy(deck, folder / "main.tex")
    done = subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "main.tex"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "not found" not in done.stdout
    pages = subprocess.run(["pdfinfo", str(folder / "main.pdf")], capture_output=True, text=True, check=True)
    assert "Pages:" in pages.stdout


# -- byte-identical PDF and PPTX across runs -----------------------------------------------------


def _two_runs(command: list[str], output: Path) -> tuple[bytes, bytes]:
    """The output of the command run in two processes, more than two seconds apart (a zip time's step)."""
    results = []
    for attempt in range(2):
        if attempt:
            time.sleep(2.2)
        env = {**os.environ}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run(
            [sys.executable, "-m", "usfk_argmap", *command], cwd=REPO, env=env, check=True, capture_output=True, timeout=300
        )
        results.append(output.read_bytes())
    return results[0], results[1]


@pytest.mark.graphviz
def test_pdf_is_byte_identical_across_runs(tram: Path, tmp_path: Path) -> None:
    output = tmp_path / "map.pdf"
    first, second = _two_runs(["render", str(tram), "-o", str(output)], output)
    assert first.startswith(b"%PDF")
    assert first == second


@pytest.mark.graphviz
def test_pptx_is_byte_identical_across_runs(tram: Path, tmp_path: Path) -> None:
    output = tmp_path / "deck.pptx"
    first, second = _two_runs(["slides", str(tram), "-o", str(output)], output)
    assert first.startswith(b"PK")
    assert first == second


@pytest.mark.graphviz
def test_a_markdown_report_into_a_fifo_comes_without_its_picture(tram: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    time.sleep(0.2)
    code, _, stderr = run("report", str(tram), "--format", "md", "-o", str(fifo))
    reader.join(10)
    assert code == 0, stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and b"completeness report" in received[0]
    assert b"![The map]" not in received[0]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pipe", "sources", "tram.yaml"]


def test_a_marp_deck_into_a_fifo_is_refused_before_any_work(tram: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, stderr = run("slides", str(tram), "--format", "marp", "-o", str(fifo))
    assert code == 1
    assert "device or FIFO" in stderr
    assert not (tmp_path / "pipe_files").exists()


def test_a_file_written_in_pieces_is_whole_or_not_there(tmp_path: Path) -> None:
    """A page made as it is written (the HTML deck): its pieces end to end; a failure in making one leaves nothing."""
    target = tmp_path / "out" / "deck.html"
    write_files_atomic({target: (piece for piece in (b"<p>", "論點".encode(), b"</p>"))})
    assert target.read_bytes() == "<p>論點</p>".encode()

    def failing() -> Iterator[bytes]:
        yield b"half a page"
        raise ValueError("the template failed")

    other = tmp_path / "new" / "deck.html"
    with pytest.raises(ValueError, match="the template failed"):
        write_files_atomic({tmp_path / "picture.svg": b"<svg/>", other: failing()})
    assert not other.parent.exists() and not (tmp_path / "picture.svg").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary file left
    with pytest.raises(ValueError):
        write_files_atomic({target: failing()})
    assert target.read_bytes() == "<p>論點</p>".encode()  # the earlier file stays
    assert sorted(p.name for p in target.parent.iterdir()) == ["deck.html"]

"""Every untrusted file is read one hardened way (``core.files.read_untrusted``): the map, each import
format, the map the preview watches, a map the language server reads from disk, a layout cache
entry. A FIFO, a device, a folder, an oversized file or a file swapped after the check gives a
one-line message, never a hang or a traceback."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import MAPS
from usfk_argmap.core.errors import UnreadableFileError
from usfk_argmap.core.files import read_untrusted

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(signal, "SIGALRM"), reason="needs FIFOs and SIGALRM")

#: Seconds a reader may take before the test calls it hung.
PATIENCE = 10


class Hung(BaseException):
    """A reader blocked: no ``except OSError`` or ``except Exception`` of the code under test can swallow it."""


@contextmanager
def no_hang(seconds: int = PATIENCE) -> Iterator[None]:
    """Fail with ``Hung`` instead of blocking for ever (a FIFO opened for reading waits for a writer)."""

    def alarm(signum: int, frame: object) -> None:
        raise Hung(f"the reader blocked for {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- the readers: each takes a path and says what it made of it (a message; None where it says nothing) --


def read_map(path: Path) -> str | None:
    from usfk_argmap.mapfile.loader import load_map

    result = load_map(path)
    assert result.map is None
    [diagnostic] = result.diagnostics
    assert diagnostic.code in ("AM013", "AM004")
    return diagnostic.message


def importer(format_name: str) -> Callable[[Path], str | None]:
    def read(path: Path) -> str | None:
        from usfk_argmap.interop import import_file

        result = import_file(path, format_name)
        assert result.map is None
        [diagnostic] = result.diagnostics
        assert diagnostic.code == "AM401"
        return diagnostic.message

    return read


def read_served(path: Path) -> str | None:
    from usfk_argmap.authoring.serve import PreviewState

    state = PreviewState(path)
    state.rebuild()
    assert state.svg is None and state.version == 1
    return state.error


def read_in_the_editor(path: Path) -> str | None:
    """The language server asked about a map the editor has not opened: it reads the disk."""
    from pygls.workspace import Workspace

    from usfk_argmap.authoring.document import read_map_text
    from usfk_argmap.authoring.lsp import MapLanguageServer

    server = MapLanguageServer()
    server.protocol._workspace = Workspace(path.parent.as_uri())  # what the client's initialize makes
    assert server.refresh(path.as_uri()) is None
    with pytest.raises(UnreadableFileError) as raised:
        read_map_text(path)
    return str(raised.value)


def read_cache_entry(path: Path) -> str | None:
    from usfk_argmap.drawing.cache import LayoutCache

    key = path.name
    entry = path.parent / key[:2] / key
    entry.parent.mkdir()
    path.rename(entry)
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always")
        assert LayoutCache(path.parent).get(key) is None
    # An entry that is no regular file, or too large, is dropped with a one-line note; none is raised.
    assert all("\n" not in str(note.message) for note in notes)
    return None


def limit_of(reader: str) -> int:
    from usfk_argmap.drawing.cache import cache_size_limit
    from usfk_argmap.interop.importing import MAX_IMPORT_BYTES
    from usfk_argmap.mapfile.reading import MAX_MAP_BYTES

    if reader == "cache entry":
        return cache_size_limit()
    return MAX_IMPORT_BYTES if reader.startswith("import") else MAX_MAP_BYTES


READERS: dict[str, Callable[[Path], str | None]] = {
    "map": read_map,
    "import argdown": importer("argdown"),
    "import aif": importer("aif"),
    "import microtext": importer("microtext"),
    "serve": read_served,
    "lsp": read_in_the_editor,
    "cache entry": read_cache_entry,
}


# -- the bad files: each makes one at ``path`` and says what the message names --------------------


def make_fifo(path: Path, limit: int, monkeypatch: pytest.MonkeyPatch) -> str:
    os.mkfifo(path)
    return "FIFO"


def make_device(path: Path, limit: int, monkeypatch: pytest.MonkeyPatch) -> str:
    os.symlink("/dev/zero", path)  # never ends
    return "device"


def make_folder(path: Path, limit: int, monkeypatch: pytest.MonkeyPatch) -> str:
    path.mkdir()
    return "folder"


def make_oversized(path: Path, limit: int, monkeypatch: pytest.MonkeyPatch) -> str:
    with path.open("wb") as handle:
        handle.truncate(limit + 1)  # sparse: no disk is used
    return "larger than"


def make_swapped(path: Path, limit: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """A regular file when checked, another file when opened (as if renamed over in between)."""
    path.write_text("nodes: {}\n", encoding="utf-8")
    other = path.with_name("other")
    other.write_text("nodes: {}\n", encoding="utf-8")
    real_open = os.open

    def swapped_open(name: object, flags: int, *args: object) -> int:
        return real_open(other if Path(str(name)).name == path.name else name, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("usfk_argmap.core.files.os.open", swapped_open)
    return "changed while it was being opened"


BAD_FILES = {
    "fifo": make_fifo,
    "device": make_device,
    "folder": make_folder,
    "oversized": make_oversized,
    "swapped": make_swapped,
}


@pytest.mark.parametrize("bad", BAD_FILES)
@pytest.mark.parametrize("reader", READERS)
def test_every_reader_refuses_what_is_no_regular_file_in_one_line(
    reader: str, bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "ab" + "0" * 62 if reader == "cache entry" else "input.yaml"
    path = tmp_path / name
    named = BAD_FILES[bad](path, limit_of(reader), monkeypatch)
    with no_hang():
        message = READERS[reader](path)
    if message is not None:
        assert named in message, message
        assert "\n" not in message and "Traceback" not in message


def test_read_untrusted_says_what_and_where(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with no_hang(), pytest.raises(UnreadableFileError) as raised:
        read_untrusted(tmp_path / "pipe", 100, "the map file")
    assert str(raised.value) == f"cannot read the map file {tmp_path / 'pipe'}: it is a FIFO (named pipe), not a regular file"
    assert raised.value.kind == "type"


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    """/proc files say size 0 and then give bytes: the limit holds for what is read, not what stat said."""
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("needs Linux's /proc")
    with pytest.raises(UnreadableFileError, match="larger than 10 bytes") as raised:
        read_untrusted(status, 10)
    assert raised.value.kind == "size"


def test_a_link_is_not_followed_where_the_caller_says_so(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"data")
    os.symlink(tmp_path / "real", tmp_path / "link")
    assert read_untrusted(tmp_path / "link", 10) == b"data"
    with pytest.raises(UnreadableFileError, match="symbolic link"):
        read_untrusted(tmp_path / "link", 10, follow_links=False)


# -- the batch, the preview and the language server go on ------------------------------------------------------------


def test_a_fifo_in_a_batch_check_is_one_map_s_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = MAPS / "example_tram.yaml"
    os.mkfifo(tmp_path / "pipe.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "usfk_argmap", "check", str(tmp_path / "pipe.yaml"), str(good)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert f"{tmp_path / 'pipe.yaml'}:1:1: AM013 [error] cannot read the map file: it is a FIFO" in result.stdout
    assert "example_tram.yaml: no problems" in result.stderr  # the map after it was checked too
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["check", "FIFO"],
        ["stats", "FIFO"],
        ["evaluate", "FIFO"],
        ["export", "FIFO"],
        ["render", "FIFO", "-o", "OUT/x.svg"],
        ["slides", "FIFO", "-o", "OUT/deck.html"],
        ["report", "FIFO", "-o", "OUT/report.html"],
        ["import", "FIFO", "--from", "aif", "-o", "OUT/x.yaml"],
        ["quote", "FIFO", "a passage"],
        ["init", "HERE/map.yaml", "--source", "FIFO"],
    ],
)
def test_every_command_given_a_fifo_says_so_at_once(command: list[str], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from usfk_argmap.cli.app import main

    os.mkfifo(tmp_path / "pipe.yaml")
    places = {"OUT": tmp_path / "out", "HERE": tmp_path, "FIFO": tmp_path / "pipe.yaml"}

    def placed(arg: str) -> str:
        head, slash, rest = arg.partition("/")
        return str(places[head]) + slash + rest if head in places else arg

    args = [placed(arg) for arg in command]
    with no_hang():
        result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "it is a FIFO (named pipe), not a regular file" in result.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "map.yaml").exists()


def test_a_failure_while_checking_is_shown_by_the_preview_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usfk_argmap.authoring import serve

    path = tmp_path / "map.yaml"
    path.write_text((MAPS / "example_tram.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    state = serve.PreviewState(path)

    def out_of_memory(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(serve, "open_document", out_of_memory)
    state.rebuild()
    assert state.version == 1 and state.error == "the map could not be checked: MemoryError: "


def test_the_preview_s_watcher_outlives_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from usfk_argmap.authoring import serve

    state = serve.PreviewState(tmp_path / "map.yaml")
    stop = threading.Event()
    calls: list[int] = []

    def failing_watch(*args: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            stop.set()
        raise RuntimeError("the folder went away")

    monkeypatch.setattr(serve, "_watch_files", failing_watch)
    monkeypatch.setattr(serve, "WATCH_RETRY_SECONDS", 0.01)
    watcher = threading.Thread(target=serve.watch, args=(state, stop))
    watcher.start()
    watcher.join(PATIENCE)
    assert not watcher.is_alive() and len(calls) == 2  # it watched again after the first failure
    assert state.error is not None and "the folder went away; trying again" in state.error


# -- hypothesis: whatever the file, bytes within the limit or one line, never a hang -----------------


KINDS = ("regular", "folder", "fifo", "link to regular", "link to device", "dangling link", "missing")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(KINDS), size=st.integers(0, 300), limit=st.integers(0, 200), follow=st.booleans())
def test_read_untrusted_fuzzed(kind: str, size: int, limit: int, follow: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file"
        content = bytes(range(256)) * 2
        content = content[:size]
        if kind in ("regular", "link to regular"):
            (Path(folder) / "real").write_bytes(content)
        if kind == "regular":
            os.rename(Path(folder) / "real", path)
        elif kind == "folder":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "link to regular":
            os.symlink(Path(folder) / "real", path)
        elif kind == "link to device":
            os.symlink("/dev/zero", path)
        elif kind == "dangling link":
            os.symlink(Path(folder) / "nowhere", path)
        try:
            with no_hang():
                data = read_untrusted(path, limit, "the file", follow_links=follow)
        except UnreadableFileError as error:
            message = str(error)
            assert message.startswith(f"cannot read the file {path}: ") and "\n" not in message
            regular = kind == "regular" or (kind == "link to regular" and follow)
            assert not regular or size > limit, message
            return
        assert kind == "regular" or (kind == "link to regular" and follow)
        assert data == content and len(data) <= limit


# -- files the user owns ---------------------------------------------------------------------------


@contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_0666_less_the_umask(mask: int, mode: int, tmp_path: Path) -> None:
    from usfk_argmap.core.files import write_atomic, write_files_atomic

    with umask(mask):
        write_atomic(tmp_path / "one.txt", b"x")
        write_files_atomic({tmp_path / "pics" / "a.svg": b"<svg/>", tmp_path / "deck.md": b"deck"})
    for name in ("one.txt", "pics/a.svg", "deck.md"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o604])
def test_a_replaced_file_keeps_its_mode(mode: int, tmp_path: Path) -> None:
    from usfk_argmap.core.files import write_atomic

    target = tmp_path / "report.html"
    target.write_bytes(b"old")
    target.chmod(mode)
    with umask(0o022):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_read_only_target_is_refused_unless_forced(tmp_path: Path) -> None:
    from usfk_argmap.core.errors import OutputError
    from usfk_argmap.core.files import write_atomic

    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(OutputError, match="read-only; pass --force"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_the_file_and_its_folder_are_synced_before_and_after_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usfk_argmap.core import files

    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        events.append("fsync folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "fsync file")
        real_fsync(descriptor)

    def replace(source: object, target: object) -> None:
        events.append("rename")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    files.write_atomic(tmp_path / "out.txt", b"x")
    assert events == ["fsync file", "rename", "fsync folder"]

"""Errors are classified in one place (``cli.base.click_error``): exit 2 only for what the user typed,
every other error one line with exit 1, never a traceback; standard output that cannot be written
included. Outputs the user owns: a read-only one is replaced only with ``--force``."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path
from xml.etree.ElementTree import ParseError

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, REPO
from usfk_argmap.cli.app import main
from usfk_argmap.core.errors import OptionError

TRAM = MAPS / "example_tram.yaml"


def _lxml_error() -> Exception:
    from lxml import etree

    try:
        etree.fromstring(b"<deck><slide></deck>")
    except etree.XMLSyntaxError as error:
        caught: Exception = error
        return caught
    raise AssertionError("lxml parsed a malformed document")


#: What the library raises -> the exit code and the one line the command prints for it.
ERRORS: list[tuple[str, Exception, int, str]] = [
    ("option", OptionError("unknown export format 'x'"), 2, "Error: unknown export format 'x'"),
    ("value", ValueError("the SVG declares no width and height"), 1, "Error: the SVG declares no width and height"),
    ("key", KeyError("ppt/theme/theme1.xml"), 1, "Error: missing entry 'ppt/theme/theme1.xml'"),
    (
        "os",
        PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/srv/decks/theme.xml"),
        1,
        f"Error: /srv/decks/theme.xml: {os.strerror(errno.EACCES)}",
    ),
    ("xml", ParseError("not well-formed (invalid token): line 1, column 2"), 1, "Error: malformed XML: not well-formed"),
    ("lxml", _lxml_error(), 1, "Error: malformed XML: Opening and ending tag mismatch"),
    ("memory", MemoryError(), 1, "Error: not enough memory: the input is too large to process"),
    ("other", RuntimeError("a bug\nover two lines"), 1, "Error: RuntimeError: a bug over two lines"),
]


@pytest.mark.parametrize(("error", "code", "line"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_each_error_class_has_its_exit_code_and_one_line(
    error: Exception, code: int, line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*args: object, **kwargs: object) -> str:
        raise error

    monkeypatch.setattr("usfk_argmap.interop.exporters.export", failing)
    result = CliRunner().invoke(main, ["export", str(TRAM)])
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert result.exit_code == code
    printed = [text for text in result.stderr.splitlines() if text.startswith("Error") or "Error:" in text]
    assert len(printed) == 1 and printed[0].startswith(line), result.stderr
    assert "Traceback" not in result.output


def _cli(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "usfk_argmap", *args], stdin=subprocess.DEVNULL, timeout=120, env=environment, **kwargs
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_standard_output_on_a_full_disk_is_one_line_and_exit_1() -> None:
    with open("/dev/full", "wb") as full:
        result = _cli(["export", str(TRAM)], stdout=full, stderr=subprocess.PIPE)
    errors = result.stderr.decode("utf-8")
    assert result.returncode == 1, errors
    assert errors == f"Error: cannot write standard output: {os.strerror(errno.ENOSPC)}\n"


def test_standard_output_closed_by_its_reader_ends_quietly() -> None:
    """``usfk-argmap export MAP | head -c 1``: the reader has what it wanted; no message, no traceback."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = _cli(["export", str(TRAM)], stdout=writing, stderr=subprocess.PIPE)
    finally:
        os.close(writing)
    assert result.returncode == 1
    assert result.stderr == b""


# -- a read-only output ----------------------------------------------------------------------------------------------


def _commands(tmp_path: Path, target: Path) -> dict[str, list[str]]:
    argdown = REPO / "tests" / "golden" / "example_tram.argdown"
    return {
        "export": ["export", str(TRAM), "--format", "json", "-o", str(target)],
        "import": ["import", str(argdown), "-o", str(target)],
        "render": ["render", str(TRAM), "--format", "dot", "-o", str(target)],
        "report": ["report", str(TRAM), "--format", "html", "-o", str(target)],
        "slides": ["slides", str(TRAM), "--format", "html", "--no-cache", "-o", str(target)],
        "init": ["init", str(target)],
    }


NEEDS_GRAPHVIZ = {"report", "slides"}


@pytest.mark.parametrize("command", ["export", "import", "render", "report", "slides", "init"])
def test_a_read_only_output_is_refused_without_force(command: str, tmp_path: Path) -> None:
    target = tmp_path / "out.file"
    target.write_bytes(b"kept")
    target.chmod(0o444)
    result = CliRunner().invoke(main, _commands(tmp_path, target)[command])
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    if command == "init":
        assert "exists; choose another name or pass --force" in result.stderr
    else:
        assert f"refusing to replace {target}: it is read-only; pass --force" in result.stderr
    assert target.read_bytes() == b"kept"


@pytest.mark.parametrize(
    "command",
    [
        "export",
        "import",
        "render",
        pytest.param("report", marks=pytest.mark.graphviz),
        pytest.param("slides", marks=pytest.mark.graphviz),
        "init",
    ],
)
def test_force_replaces_a_read_only_output_and_keeps_its_mode(command: str, tmp_path: Path) -> None:
    target = tmp_path / "out.file"
    target.write_bytes(b"kept")
    target.chmod(0o440)
    result = CliRunner().invoke(main, [*_commands(tmp_path, target)[command], "--force"])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() != b"kept"
    assert stat.S_IMODE(target.stat().st_mode) == 0o440

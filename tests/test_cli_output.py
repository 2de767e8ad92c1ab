"""The commands print and exit through one place (issue 20): ``cli.output`` prints, ``cli.base`` maps errors.

Every failure reads ``Error: ...`` with the exit code its kind calls for, on
every command alike; ruff refuses ``click.echo``, ``print`` and ``sys.exit``
under ``cli/`` outside ``cli/output.py``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, REPO
from usfk_argmap.cli.app import main

TRAM = str(MAPS / "example_tram.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args", [("render", TRAM, "-o", "{tmp}/map.pptx"), ("slides", TRAM, "-o", "{tmp}/deck.pptx")], ids=lambda args: args[0]
)
def test_a_bad_reference_doc_is_a_bad_option_value_on_every_command(tmp_path: Path, args: tuple[str, ...]) -> None:
    bogus = tmp_path / "bogus.pptx"
    bogus.write_text("not a zip", encoding="utf-8")
    code, _, err = run(*(arg.format(tmp=tmp_path) for arg in args), "--reference-doc", str(bogus))
    assert code == 2, err
    assert "Error: Invalid value for --reference-doc:" in err and "bogus.pptx" in err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bogus.pptx"]  # no deck was written


def test_init_refuses_to_overwrite_with_an_error(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("mine\n", encoding="utf-8")
    code, out, err = run("init", str(path))
    assert (code, out) == (1, "")
    assert err == f"Error: {path} exists; choose another name or pass --force\n"


def test_init_with_an_unreadable_source_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "big5.txt"
    source.write_bytes("駐韓美軍".encode("big5"))
    code, _, err = run("init", str(tmp_path / "map.yaml"), "--source", str(source))
    assert code == 1 and err.startswith(f"Error: cannot read the source text {source}:")
    assert not (tmp_path / "map.yaml").exists()


@pytest.mark.parametrize(
    ("fragment", "code", "message"),
    [
        ("zebra crossing quantum", 1, "Error: {source}: nothing like 'zebra crossing quantum' is in the source"),
        ("pays for herself", 1, "{source}: no exact match; this is the closest passage"),
        ("pays for itself", 0, "{source}:1:15: found"),
    ],
)
def test_quote_exits_through_the_one_mapping(tmp_path: Path, fragment: str, code: int, message: str) -> None:
    source = tmp_path / "text.txt"
    source.write_text("The tram line pays for itself.\n", encoding="utf-8")
    got, _, err = run("quote", str(source), fragment)
    assert got == code
    assert message.format(source=source) in err.splitlines()


def test_quote_of_an_unreadable_source_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "big5.txt"
    source.write_bytes("駐韓美軍".encode("big5"))
    code, _, err = run("quote", str(source), "x")
    assert code == 1 and err.startswith(f"Error: cannot read the source text {source}: the file is not UTF-8")


@pytest.mark.graphviz
def test_serve_on_a_port_in_use_is_a_bad_port(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run("serve", TRAM, "--port", str(port))
    assert code == 2
    assert f"Error: Invalid value for --port: port {port} on 127.0.0.1 is in use" in err


CALLS = {
    "click.echo": 'import click\n\nclick.echo("x")\n',
    "click.secho": 'from click import secho\n\nsecho("x")\n',
    "sys.exit": "import sys\n\nsys.exit(1)\n",
    "print": 'print("x")\n',
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize(
    ("path", "banned"),
    [("usfk_argmap/cli/maps.py", True), ("usfk_argmap/cli/output.py", False), ("usfk_argmap/pipeline.py", False)],
)
def test_ruff_bans_printing_and_exiting_under_cli_but_in_output(call: str, path: str, banned: bool) -> None:
    # print stays banned in cli/output.py as well: it prints with click.echo, which knows the streams.
    expected = banned or (call == "print" and path.startswith("usfk_argmap/cli/"))
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "--stdin-filename", path, "-"],
        input=CALLS[call],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if "No module named ruff" in ruff.stderr:
        if os.environ.get("CI"):
            pytest.fail("ruff is missing: install the test extra (scripts/setup.sh test)")
        pytest.skip("ruff is not installed")
    found = any(code in ruff.stdout for code in ("TID251", "T201"))
    assert found == expected, ruff.stdout + ruff.stderr
    assert ruff.returncode == (1 if expected else 0), ruff.stdout + ruff.stderr

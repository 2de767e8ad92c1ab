"""Control characters from a map never reach the terminal raw (issue 16): the CLI shows them escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import write_map
from usfk_argmap.cli.app import main
from usfk_argmap.cli.output import printable

# YAML's double-quoted escapes let a map carry any character: a title that sets the terminal's title,
# ids and texts that clear the screen, a right-to-left override, an 8-bit CSI.
EVIL = (
    'title: "Evil \\e]0;pwned\\a map \\e[2J end"\nroot: T\nnodes:\n'
    '  T: {kind: thesis, text: "a \\e[31mred"}\n'
    '  "C\\e[2J1": {kind: claim, text: "a \\e[31mred", supports: T}\n'
    '  "\\u202eX": {kind: claim, text: "\\x9b2J", supports: Q}\n'
)
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


def test_printable_escapes_what_drives_a_terminal() -> None:
    assert printable("a\x1b]0;t\x07b") == "a\\x1b]0;t\\x07b"
    assert printable("\u202eevil\u2066") == "\\u202eevil\\u2066"
    assert printable("\x9b2J\r") == "\\x9b2J\\x0d"
    assert printable("中文：正常\ttab\nline") == "中文：正常\ttab\nline"


def _outputs(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    path = write_map(tmp_path, EVIL)
    result = CliRunner().invoke(main, [args[0], str(path), *args[1:]])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "--format", "github"),
        ("stats",),
        ("stats", "--format", "md"),
        ("render", "--focus", "C", "-o", "x.svg"),
        ("slides", "-o", "deck.key"),
    ],
    ids=lambda args: " ".join(args),
)
def test_no_control_character_reaches_the_terminal(tmp_path: Path, args: tuple[str, ...]) -> None:
    _, out, err = _outputs(tmp_path, *args)
    assert out or err
    for raw in RAW:
        assert raw not in out and raw not in err, (args, out, err)


def test_check_and_stats_show_them_escaped(tmp_path: Path) -> None:
    _, out, _ = _outputs(tmp_path, "check")
    assert "claim 'C\\x1b[2J1' has no support" in out
    assert "'\\u202eX' is not connected" in out
    _, out, _ = _outputs(tmp_path, "stats")
    assert out.splitlines()[0] == "Evil \\x1b]0;pwned\\x07 map \\x1b[2J end"


def test_json_into_a_pipe_keeps_the_data(tmp_path: Path) -> None:
    _, out, _ = _outputs(tmp_path, "stats", "--format", "json")
    assert json.loads(out)["title"] == "Evil \x1b]0;pwned\x07 map \x1b[2J end"

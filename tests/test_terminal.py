"""Control characters from a map never reach the terminal raw (issues 16, 20, 22).

The loader replaces a control character by U+FFFD (the one character policy, AM015), so
none reaches a command from a map; what a text may still hold that drives a terminal (a
right-to-left override), and what a command is given on its command line, the CLI shows escaped.

Every command of ``cli.app.COMMANDS`` is run on a map (or what it takes instead) full of them.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import write_map
from usfk_argmap.cli.app import COMMANDS, main
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


def _lsp_input(text: str) -> str:
    """What an editor sends the language server: initialize, then the map opened (then end of input)."""
    messages: list[dict[str, object]] = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": "file:///tmp/evil/map.yaml", "languageId": "yaml", "version": 1, "text": text}},
        },
    ]
    bodies = [json.dumps(message) for message in messages]
    return "".join(f"Content-Length: {len(body.encode())}\r\n\r\n{body}" for body in bodies)


#: What a command is given instead of the map alone ({map}: EVIL; {tmp}: the test's folder): a command
#: not listed here gets the map, so a new command of ``COMMANDS`` is run here as soon as it is added.
ARGUMENTS: dict[str, tuple[str, ...]] = {
    "explain": ("{map}", "C\ufffd[2J1"),
    "export": ("{map}", "--format", "argdown", "-o", "{tmp}/map.argdown"),
    "import": ("{argdown}", "-o", "{tmp}/imported.yaml"),
    "init": ("{tmp}/evil\x1b]0;pwned\x07.yaml",),
    "lsp": (),
    "quote": ("{source}", "\x1b]0;pwned\x07"),
    "render": ("{map}", "--focus", "C", "-o", "{tmp}/x.svg"),
    "report": ("{map}", "-o", "{tmp}/report.html"),
    "rules": ("AM0\x1b[2J",),
    "serve": ("{map}", "--port", "{busy_port}"),
    "slides": ("{map}", "-o", "{tmp}/deck.key"),
}
#: More ways of printing a map's text than each command's first.
VARIANTS = [("check", "--format", "github"), ("stats", "--format", "md")]
#: The commands that draw the map before they print what is tested.
DRAWING = {"report", "serve"}


def _run(tmp_path: Path, name: str, *extra: str) -> tuple[int, str, str]:
    map_path = write_map(tmp_path, EVIL)
    (tmp_path / "evil.argdown").write_text("[T\x1b]0;pwned\x07]: a thesis \u202eX\n  + <A\x9b2J>: a reason\n", encoding="utf-8")
    (tmp_path / "source.txt").write_text("A title \x1b]0;pwned\x07 set.\n", encoding="utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        fields = {
            "map": str(map_path),
            "tmp": str(tmp_path),
            "argdown": str(tmp_path / "evil.argdown"),
            "source": str(tmp_path / "source.txt"),
            "busy_port": str(busy.getsockname()[1]),
        }
        args = [arg.format(**fields) for arg in ARGUMENTS.get(name, ("{map}",))]
        stdin = _lsp_input(EVIL) if name == "lsp" else None
        result = CliRunner().invoke(main, [name, *args, *extra], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        *(pytest.param((name,), marks=[pytest.mark.graphviz] if name in DRAWING else [], id=name) for name in sorted(COMMANDS)),
        *(pytest.param(variant, id=" ".join(variant)) for variant in VARIANTS),
    ],
)
def test_no_control_character_reaches_the_terminal(tmp_path: Path, args: tuple[str, ...]) -> None:
    _, out, err = _run(tmp_path, *args)
    assert out or err
    for raw in RAW:
        assert raw not in out and raw not in err, (args, out, err)


def test_the_table_names_only_commands() -> None:
    assert set(ARGUMENTS) <= set(COMMANDS) and {variant[0] for variant in VARIANTS} <= set(COMMANDS)


def test_evaluate_and_explain_show_them_escaped(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path, "evaluate")
    assert code == 0 and "C\ufffd[2J1" in out and "a \ufffd[31mred" in out and "\\u202eX" in out
    code, out, _ = _run(tmp_path, "explain")
    assert code == 0 and "C\ufffd[2J1" in out
    _, out, _ = _run(tmp_path, "evaluate", "--format", "json")
    assert json.loads(out)["labels"]["\u202eX"]  # JSON into a pipe keeps the data (JSON escapes it)


def test_check_and_stats_show_them_escaped(tmp_path: Path) -> None:
    _, out, _ = _run(tmp_path, "check")
    assert "AM015 [warning] an escape in this value gives U+001B (a control character)" in out
    assert "claim 'C\ufffd[2J1' has no support" in out
    assert "AM016 [error] the id '\\u202eX' holds the invisible character U+202E" in out
    _, out, _ = _run(tmp_path, "stats")
    assert out.splitlines()[0] == "Evil \ufffd]0;pwned\ufffd map \ufffd[2J end"


def test_json_into_a_pipe_keeps_the_data(tmp_path: Path) -> None:
    _, out, _ = _run(tmp_path, "stats", "--format", "json")
    assert json.loads(out)["title"] == "Evil \ufffd]0;pwned\ufffd map \ufffd[2J end"

"""Every command that reads a map reads it with the one load context its options give (issue 20).

A map in ``a/`` quotes ``../texts/src.txt``: outside its folder, so read only
with ``--source-root texts``. Each command of ``cli.app.COMMANDS`` that takes a
map is run with and without it; a new map command is in the table or fails here.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from usfk_argmap.cli.app import COMMANDS, main
from usfk_argmap.mapfile.context import LoadContext

MAP = (
    "title: t\nroot: T\nsource: ../texts/src.txt\nnodes:\n"
    "  T: {kind: thesis, text: a thesis, quote: The tram pays for itself}\n"
    "  C: {kind: claim, text: a claim, supports: T}\n"
    "  E: {kind: evidence, text: evidence, supports: C, quote: within twenty years}\n"
)
SOURCE = "The tram pays for itself within twenty years.\n"

#: What each command that takes a map is given besides it ({tmp}: the test's folder).
RUNS: dict[str, tuple[str, ...]] = {
    "check": (),
    "evaluate": (),
    "explain": ("T",),
    "export": ("--format", "json"),
    "render": ("-o", "{tmp}/map.svg"),
    "report": ("-o", "{tmp}/report.html"),
    "slides": ("-o", "{tmp}/deck.html"),
    "stats": (),
}
#: Commands that take a map but run until stopped: their load context is tested on the library below.
LONG_RUNNING = {"serve"}
DRAWS = {"render", "report", "slides"}


def _command(name: str) -> click.Command:
    group = main
    assert isinstance(group, click.Group)
    command = group.get_command(click.Context(group), name)
    assert command is not None
    return command


def _takes_a_map(command: click.Command) -> bool:
    return any(isinstance(param, click.Argument) and param.name in ("map_path", "maps") for param in command.params)


@pytest.fixture
def quoting_map(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "src.txt").write_text(SOURCE, encoding="utf-8")
    path = tmp_path / "a" / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


def test_every_map_command_is_run_here_and_takes_source_roots() -> None:
    takes_a_map = {name for name in COMMANDS if _takes_a_map(_command(name))}
    assert takes_a_map == set(RUNS) | LONG_RUNNING
    for name in sorted(takes_a_map):
        assert "source_roots" in {param.name for param in _command(name).params}, f"{name} has no --source-root"


@pytest.mark.parametrize(
    "name", [pytest.param(name, marks=[pytest.mark.graphviz] if name in DRAWS else []) for name in sorted(RUNS)]
)
def test_each_command_honours_source_root(tmp_path: Path, quoting_map: Path, name: str) -> None:
    args = [name, str(quoting_map), *(arg.format(tmp=tmp_path) for arg in RUNS[name])]
    without = CliRunner().invoke(main, args)
    assert "AM014" in without.output, (name, without.output)  # the source lies outside the map's folder
    with_roots = CliRunner().invoke(main, [*args, "--source-root", str(tmp_path / "texts")])
    assert with_roots.exit_code == 0, (name, with_roots.output)
    assert "AM014" not in with_roots.output and "[error]" not in with_roots.output, (name, with_roots.output)


@pytest.mark.graphviz
def test_slides_recheck_is_as_clean_as_check(tmp_path: Path, quoting_map: Path) -> None:
    roots = ["--source-root", str(tmp_path / "texts")]
    checked = CliRunner().invoke(main, ["check", str(quoting_map), *roots])
    assert checked.exit_code == 0, checked.output
    deck = CliRunner().invoke(main, ["slides", str(quoting_map), "-o", str(tmp_path / "deck.html"), *roots])
    assert deck.exit_code == 0 and "error(s)" not in deck.stderr, deck.stderr


@pytest.mark.graphviz
def test_the_preview_reads_with_its_source_roots(tmp_path: Path, quoting_map: Path) -> None:
    from usfk_argmap.authoring.serve import PreviewState

    without = PreviewState(quoting_map)
    without.rebuild()
    assert "AM014" in without.diagnostics_json
    state = PreviewState(quoting_map, (tmp_path / "texts",))
    state.rebuild()
    assert "AM014" not in state.diagnostics_json and state.error is None and state.svg is not None


def test_a_load_context_is_built_from_what_a_caller_gives(tmp_path: Path, quoting_map: Path) -> None:
    context = LoadContext.of(str(quoting_map), [str(tmp_path / "texts")])
    assert context == LoadContext(quoting_map, (tmp_path / "texts",))
    assert context.load().ok
    assert not LoadContext(quoting_map).load().ok
    with pytest.raises(AttributeError):
        context.path = tmp_path  # type: ignore[misc]

"""The render command: formats, outputs, several maps, exit codes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, REPO, SMALL_ZH
from usfk_argmap import open_map
from usfk_argmap.cli.app import main
from usfk_argmap.cli.render import render as render_command
from usfk_argmap.drawing.render import RenderOptions, render_svg

TRAM = str(MAPS / "example_tram.yaml")


def write_small(tmp_path: Path, name: str = "small.yaml") -> Path:
    path = tmp_path / name
    path.write_text(SMALL_ZH, encoding="utf-8")
    return path


@pytest.mark.graphviz
def test_cli_file_equals_library_output(tmp_path: Path) -> None:
    target = tmp_path / "tram.svg"
    result = CliRunner().invoke(main, ["render", TRAM, "-o", str(target), "--fit", "16:9", "--legend"])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == render_svg(open_map(TRAM), RenderOptions(fit="16:9", legend=True))


@pytest.mark.graphviz
@pytest.mark.parametrize(
    ("suffix", "magic"), [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF"), (".dot", b"digraph argmap")]
)
def test_cli_format_from_suffix(tmp_path: Path, suffix: str, magic: bytes) -> None:
    target = tmp_path / f"map{suffix}"
    result = CliRunner().invoke(main, ["render", str(write_small(tmp_path)), "-o", str(target), "--dpi", "72"])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(magic)


@pytest.mark.graphviz
def test_cli_stdout_and_default_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(main, ["render", TRAM, "-o", "-", "--format", "dot"])
    assert result.exit_code == 0 and result.stdout.startswith("digraph argmap")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", TRAM])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "example_tram.svg").is_file()


@pytest.mark.graphviz
def test_cli_several_maps_into_a_folder(tmp_path: Path) -> None:
    maps = [str(write_small(tmp_path, f"m{k}.yaml")) for k in range(4)]
    result = CliRunner().invoke(main, ["render", *maps, "-o", str(tmp_path / "out"), "--format", "png", "--dpi", "40"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"m{k}.png" for k in range(4)]


@pytest.mark.graphviz
def test_cli_a_broken_map_fails_with_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nroot: T\nnodes:\n  T: {kind: nonsense, text: t}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(bad), str(write_small(tmp_path)), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "AM010" in result.output and "1 of 2 map(s)" in result.output
    assert (tmp_path / "o" / "small.svg").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "P11"], "did you mean 'P1'"),
        (["--section", "nope"], "no section 'nope'"),
        (["--fit", "wide"], "--fit 'wide'"),
        (["-o", "map.txt"], "suffix"),
        (["--embed-fonts", "--outline-text"], "exclude each other"),
    ],
)
def test_cli_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["render", str(write_small(tmp_path)), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_cli_graphviz_missing_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    result = CliRunner().invoke(main, ["render", str(write_small(tmp_path)), "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "apt-get install graphviz" in lines[0]
    assert not (tmp_path / "x.svg").exists()


def test_cli_refuses_to_overwrite_the_map(tmp_path: Path) -> None:
    path = write_small(tmp_path, "map.dot")
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(path)])
    assert result.exit_code == 1 and "input" in result.output
    assert path.read_text(encoding="utf-8") == SMALL_ZH


def test_the_rendering_page_documents_the_render_options() -> None:
    readme = (REPO / "docs" / "rendering.md").read_text(encoding="utf-8")
    options = [name for param in render_command.params for name in param.opts if name.startswith("--")]
    assert len(options) >= 20  # the walk found the command's options
    for option in options:
        assert option in readme, option


def test_render_options_are_the_fields_of_render_options() -> None:
    # Every field of RenderOptions is an option of the command, so the two cannot drift apart.
    names = {param.name for param in render_command.params}
    assert {field.name for field in dataclasses.fields(RenderOptions)} <= names


@pytest.mark.graphviz
def test_output_naming_a_new_folder_takes_the_format_option(tmp_path: Path) -> None:
    # "-o newdir/" names a folder even before it exists (Path() would drop the slash).
    result = CliRunner().invoke(main, ["render", str(write_small(tmp_path)), "-o", f"{tmp_path / 'newdir'}/", "--format", "dot"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "newdir" / "small.dot").read_text(encoding="utf-8").startswith("digraph argmap")


@pytest.mark.graphviz
def test_an_editable_slide_marks_the_issues_it_is_asked_to(tmp_path: Path) -> None:
    from pptx import Presentation

    source = tmp_path / "unsupported.yaml"
    source.write_text(
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: Top}\n  C: {kind: claim, text: Unsupported claim, supports: T}\n",
        encoding="utf-8",
    )
    for flags, marked in (([], False), (["--show-issues"], True)):
        output = tmp_path / "slide.pptx"
        result = CliRunner().invoke(main, ["render", str(source), "-o", str(output), *flags])
        assert result.exit_code == 0, result.output
        texts = [shape.text_frame.text for shape in Presentation(str(output)).slides[0].shapes if shape.has_text_frame]
        assert "Top" in texts
        assert ("Unsupported claim\nAM202" in texts) is marked, texts


def test_several_maps_to_one_deck_file_is_a_usage_error(tmp_path: Path) -> None:
    # A .pptx is one map's deck: two maps are not drawn as pictures into a folder named deck.pptx.
    maps = [str(write_small(tmp_path)), TRAM]
    result = CliRunner().invoke(main, ["render", *maps, "-o", str(tmp_path / "deck.pptx")])
    assert result.exit_code == 2, result.output
    assert "one map to one file" in result.output
    assert not (tmp_path / "deck.pptx").exists()

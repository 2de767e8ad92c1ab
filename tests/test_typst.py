"""``render -o map.typ``: the positioned layout as a Typst picture, compiled by the Typst compiler.

The compiler is the ``typst`` package from PyPI (the Python binding that carries the
compiler itself; Debian has no ``typst``), a test dependency: missing, these tests
skip on a developer's machine and fail in CI.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from tests.exchange_maps import strings_map
from tests.helpers import MAPS, require_client
from usfk_argmap.analysis.drawn import drawn_edges
from usfk_argmap.cli.app import main
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.drawing.typst import to_typst, typst_string
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.pipeline import render

pytestmark = pytest.mark.graphviz


def _compiler() -> ModuleType:
    try:
        return importlib.import_module("typst")
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("the typst package (a test dependency) is not installed")
        pytest.skip("the typst package is not installed: pip install -e '.[test]'")


def _map(name: str) -> ArgumentMap:
    result = load_map(MAPS / name)
    assert result.map is not None
    return result.map


def _pdf_text(pdf: bytes, folder: Path) -> str:
    require_client("pdftotext", "poppler-utils")
    (folder / "out.pdf").write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(folder / "out.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout


def _fonts(pdf: bytes, folder: Path) -> str:
    require_client("pdffonts", "poppler-utils")
    (folder / "fonts.pdf").write_bytes(pdf)
    return subprocess.run(["pdffonts", str(folder / "fonts.pdf")], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("value", ['a "quoted" \\ back', "#let x = 1 $x$ *b* _i_ <l> @r [c] // no comment", "x\ny\t\x7f"])
def test_a_typst_string_shows_what_it_holds(value: str) -> None:
    typst = _compiler()
    shown = typst.query(f"#metadata({typst_string(value)}) <v>".encode(), "<v>", field="value", one=True)
    assert json.loads(shown) == value


def test_render_writes_a_typst_picture_and_a_standalone_page(tmp_path: Path) -> None:
    runner = CliRunner()
    picture, page = tmp_path / "map.typ", tmp_path / "page.typ"
    assert runner.invoke(main, ["render", str(MAPS / "example_tram.yaml"), "-o", str(picture)]).exit_code == 0
    assert runner.invoke(main, ["render", str(MAPS / "example_tram.yaml"), "-o", str(page), "--standalone"]).exit_code == 0
    text = picture.read_text(encoding="utf-8")
    assert "#set" not in text and text.count("#box(") == 1
    assert page.read_text(encoding="utf-8").startswith("#set page(width: auto, height: auto")
    assert render(_map("example_tram.yaml"), "typst") == text.encode()  # byte-identical


@pytest.mark.parametrize("name", ["example_tram", "usfk_conclusion"])
def test_typst_compiles_the_standalone_picture(name: str, tmp_path: Path) -> None:
    typst = _compiler()
    source = render(_map(f"{name}.yaml"), "typst", RenderOptions(standalone=True, clusters=True))
    pdf, warnings = typst.compile_with_warnings(source, format="pdf")
    assert warnings == []
    text = " ".join(_pdf_text(pdf, tmp_path).split())
    if name == "usfk_conclusion":
        assert "中國" in text and "NotoSansCJKtc" in _fonts(pdf, tmp_path)
    else:
        assert "Riverton should build the tram." in text and "The tram pays for itself" in text


def test_the_picture_includes_into_a_document_in_its_fonts(tmp_path: Path) -> None:
    typst = _compiler()
    (tmp_path / "map.typ").write_bytes(render(_map("example_tram.yaml"), "typst"))
    (tmp_path / "thesis.typ").write_text(
        '#set text(font: "Liberation Serif")\nChapter five argues as follows.\n'
        '#figure(scale(50%, reflow: true, include "map.typ"), caption: [The argument.])\n',
        encoding="utf-8",
    )
    pdf = typst.compile(str(tmp_path / "thesis.typ"), root=str(tmp_path), format="pdf")
    assert "LiberationSerif" in _fonts(pdf, tmp_path)
    assert "Fares cover the running costs." in " ".join(_pdf_text(pdf, tmp_path).split())


def test_hostile_text_compiles_and_shows_as_written(tmp_path: Path) -> None:
    typst = _compiler()
    argument_map = strings_map()
    pdf = typst.compile(render(argument_map, "typst", RenderOptions(standalone=True, width=60)), format="pdf")
    text = " ".join(_pdf_text(pdf, tmp_path).split())
    for node in argument_map.nodes.values():
        for word in node.text.split():
            if len(word) > 1:
                assert word in text, (word, node.text)


def test_the_picture_has_every_statement_and_our_arrowheads() -> None:
    argument_map = _map("example_tram.yaml")
    source = to_typst(argument_map)
    assert len(re.findall(r"align\(center \+ horizon", source)) == len(argument_map.nodes)
    assert source.count("curve.move") == len(drawn_edges(argument_map))  # one spline per line drawn
    assert 'dash: "dotted"' in source and 'dash: "dashed"' in source and 'polygon(fill: rgb("#0072B2")' in source


def test_maps_rendered_into_a_folder_get_the_typ_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(
        main, ["render", str(MAPS / "example_tram.yaml"), str(MAPS / "usfk_conclusion.yaml"), "-o", "out/", "--format", "typst"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["example_tram.typ", "usfk_conclusion.typ"]
    assert runner.invoke(main, ["render", str(MAPS / "example_tram.yaml"), "--format", "typst"]).exit_code == 0
    assert (tmp_path / "example_tram.typ").is_file()

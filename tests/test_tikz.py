"""``render -o map.tex``: a TikZ picture from Graphviz's layout, for ``\\input`` into a thesis or (``--standalone``) on its own.

The client tests compile with XeLaTeX (marker ``client_xelatex``, run with ``-m ""``):
the standalone pictures of both bundled maps, the flagship's CJK text in Noto Sans CJK TC;
the picture ``\\input`` into a thesis-like article that sets its own fonts; and a map of
every hostile string, whose texts must come out of the PDF as written.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.exchange_maps import strings_map
from tests.helpers import MAPS, require_client
from tests.test_clients import cjk_fonts, run_client
from usfk_argmap.cli.app import main
from usfk_argmap.core.latex import latex_escape
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.drawing.tikz import to_tikz
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.pipeline import render

pytestmark = pytest.mark.graphviz


def _map(name: str) -> ArgumentMap:
    result = load_map(MAPS / name)
    assert result.map is not None
    return result.map


def _nodes(tex: str) -> dict[str, tuple[float, float]]:
    """Each TikZ node's name and place."""
    return {
        m.group(1): (float(m.group(2)), float(m.group(3))) for m in re.finditer(r"\] \((am\w+)\) at \(([-\d.]+),([-\d.]+)\)", tex)
    }


def test_render_writes_a_picture_to_input_and_a_standalone_document(tmp_path: Path) -> None:
    runner = CliRunner()
    fragment, document = tmp_path / "map.tex", tmp_path / "whole.tex"
    assert runner.invoke(main, ["render", str(MAPS / "example_tram.yaml"), "-o", str(fragment)]).exit_code == 0
    assert runner.invoke(main, ["render", str(MAPS / "example_tram.yaml"), "-o", str(document), "--standalone"]).exit_code == 0
    picture = fragment.read_text(encoding="utf-8")
    assert picture.count("\\begin{tikzpicture}") == 1 and "\\documentclass" not in picture and "\\usepackage" not in picture
    whole = document.read_text(encoding="utf-8")
    assert whole.startswith("\\documentclass[border=4pt]{standalone}") and whole.rstrip().endswith("\\end{document}")
    assert "xeCJK" not in whole  # an English map needs no CJK font
    assert picture in whole


def test_the_picture_has_every_statement_where_graphviz_put_it() -> None:
    argument_map = _map("example_tram.yaml")
    tex = to_tikz(argument_map)
    places = _nodes(tex)
    assert len([name for name in places if name.startswith("amn")]) == len(argument_map.nodes)
    # The conclusion on top (direction BT), and each statement's text in its node.
    assert all(places["amn1"][1] > y for name, (_, y) in places.items() if name != "amn1")
    assert "Riverton should build the tram." in tex
    assert "rounded corners=4pt, double" in tex and "chamfered rectangle" in tex and "tape" in tex
    assert "-{Bar[width=8pt]}" in tex and "-{Stealth" in tex and "dotted" in tex
    top = to_tikz(argument_map, RenderOptions(direction="TB"))
    assert _nodes(top)["amn1"][1] < _nodes(top)["amn2"][1]  # the options of render are the picture's


def test_the_picture_is_byte_identical_twice() -> None:
    argument_map = _map("usfk_conclusion.yaml")
    assert render(argument_map, "tex", RenderOptions(standalone=True)) == render(
        argument_map, "tex", RenderOptions(standalone=True)
    )


def test_a_cjk_map_brings_xecjk_in_its_language_font() -> None:
    whole = to_tikz(_map("usfk_conclusion.yaml"), standalone=True)
    assert "\\usepackage{xeCJK}\n\\setCJKmainfont{Noto Sans CJK TC}" in whole
    assert "xeCJK sets the CJK text" in to_tikz(_map("usfk_conclusion.yaml"))


def test_every_text_is_escaped_for_latex() -> None:
    argument_map = strings_map()
    tex = to_tikz(argument_map)
    for node in argument_map.nodes.values():  # its first word (Graphviz breaks the lines)
        assert latex_escape(node.text.split()[0]) in tex, node.text
    # No special character reaches TikZ bare: every one in a label is escaped.
    labels = re.findall(r"selectfont\] \(am\w+\) at \([^)]*\) \{(.*)\};$", tex, re.MULTILINE)
    assert labels
    for label in labels:
        bare = re.sub(r"\\[a-zA-Z]+(\[[^]]*\])?|\\[{}$&#_%]|\\\\", "", label)
        assert not re.search(r"[$&#_%~^]", bare), label


def _xelatex(folder: Path, name: str) -> Path:
    xelatex = require_client("xelatex", "texlive-xetex")
    run_client([xelatex, "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"], cwd=folder)
    log = (folder / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log, re.findall(r"Missing character.*", log)[:5]
    return folder / f"{name}.pdf"


def _text(pdf: Path) -> str:
    require_client("pdftotext", "poppler-utils")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.client_xelatex
@pytest.mark.parametrize("name", ["example_tram", "usfk_conclusion"])
def test_xelatex_compiles_the_standalone_picture(name: str, tmp_path: Path) -> None:
    (tmp_path / f"{name}.tex").write_bytes(render(_map(f"{name}.yaml"), "tex", RenderOptions(standalone=True, clusters=True)))
    pdf = _xelatex(tmp_path, name)
    text = " ".join(_text(pdf).split())
    if name == "usfk_conclusion":
        require_client("pdffonts", "poppler-utils")
        assert cjk_fonts(pdf) and all("CJKjp" in f or "CJKtc" in f for f in cjk_fonts(pdf)), cjk_fonts(pdf)
        assert "中國" in text
    else:
        assert "Riverton should build the tram." in text and "The tram pays for itself" in text


THESIS = r"""\documentclass{article}
\usepackage{fontspec}
\setmainfont{Liberation Serif}
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK TC}
\usepackage{tikz}
\usetikzlibrary{arrows.meta,shapes.misc,shapes.symbols}
\begin{document}
Chapter five argues as follows.
\begin{figure}[h]
\centering
\resizebox{\linewidth}{!}{\input{map.tex}}
\caption{The argument of chapter five.}
\end{figure}
\end{document}
"""


@pytest.mark.client_xelatex
def test_the_picture_inputs_into_a_thesis_in_the_documents_fonts(tmp_path: Path) -> None:
    require_client("pdffonts", "poppler-utils")
    (tmp_path / "map.tex").write_bytes(render(_map("usfk_conclusion.yaml"), "tex"))
    (tmp_path / "thesis.tex").write_text(THESIS, encoding="utf-8")
    pdf = _xelatex(tmp_path, "thesis")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    # The map's text is set in the thesis's own fonts: its serif CJK face, not the drawing's sans.
    assert "Serif" in fonts and "SansCJK" not in fonts, fonts
    assert "中國" in _text(pdf)


@pytest.mark.client_xelatex
def test_hostile_text_compiles_and_shows_as_written(tmp_path: Path) -> None:
    argument_map = strings_map()
    (tmp_path / "nasty.tex").write_bytes(render(argument_map, "tex", RenderOptions(standalone=True, width=60)))
    text = " ".join(_text(_xelatex(tmp_path, "nasty")).split())
    for node in argument_map.nodes.values():
        for word in node.text.split():
            if word.isascii() and len(word) > 2 and not set(word) & set("\"'-`<>"):  # TeX's own ligatures and quotes aside
                assert word in text, (word, node.text)


def test_standalone_is_refused_for_other_formats(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path / "m.svg"), "--standalone"])
    assert result.exit_code == 2 and "--standalone applies to TikZ and Typst output" in result.output
    assert not (tmp_path / "m.svg").exists()

"""Debian's pandoc builds a document through our filter: HTML, DOCX, LaTeX to PDF with xelatex, reveal.js,
and the Lua filter (what Quarto runs; Quarto is not in Debian, so Pandoc runs the same Lua here).

The filter is run as ``python -m usfk_argmap``, on this checkout (a wrapper script that Pandoc
starts as it starts ``usfk-argmap-pandoc``). Run alone with ``pytest -m client_pandoc``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import MAPS, REPO, require_tool
from usfk_argmap.interop.pandoc import lua_filter

pytestmark = [pytest.mark.client, pytest.mark.client_pandoc, pytest.mark.graphviz]

DOCUMENT = """\
---
title: The tram
---

# The case

```{.argmap file="maps/tram.yaml" section="cost" evaluate=true}
```

# The whole map

![The tram, all of it](maps/tram.yaml){.argmap}
"""

BROKEN = """\
```{.argmap file="maps/broken.yaml"}
```
"""

#: A statement of the map's ``cost`` section: drawn in the picture, not written in the document.
STATEMENT = "Fares cover the running costs."
TIMEOUT_S = 300


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A document's folder: doc.md, the tram map and its source in maps/, and the filter's wrapper scripts."""
    require_tool("pandoc", "pandoc")
    (tmp_path / "maps").mkdir()
    shutil.copy(MAPS / "example_tram.yaml", tmp_path / "maps" / "tram.yaml")
    shutil.copytree(MAPS / "sources", tmp_path / "maps" / "sources")
    (tmp_path / "maps" / "broken.yaml").write_text(
        "title: Broken\nlang: en\nroot: T\nnodes:\n  T:\n    kind: thesis\n    text: A thesis.\n"
        "  C1:\n    kind: claim\n    text: A claim.\n    supports: X9\n",
        encoding="utf-8",
    )
    (tmp_path / "doc.md").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "broken.md").write_text(BROKEN, encoding="utf-8")
    for name, arguments in (("filter.sh", "pandoc-filter"), ("usfk-argmap.sh", "")):
        script = tmp_path / name
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m usfk_argmap {arguments} "$@"\n', encoding="utf-8")
        script.chmod(0o755)
    return tmp_path


def pandoc(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "USFK_ARGMAP": str(folder / "usfk-argmap.sh")}
    return subprocess.run(
        ["pandoc", *arguments], cwd=folder, env=environment, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )


def built(folder: Path, *arguments: str) -> None:
    done = pandoc(folder, *arguments)
    assert done.returncode == 0, done.stderr


def pictures_in(html: str) -> list[tuple[str, str]]:
    """The (src, alt) of every map picture in an HTML page (reveal.js loads it lazily, from data-src)."""
    return re.findall(r'<img (?:data-)?src="(argmap-figures/[0-9a-f]+\.svg)"[^>]*?alt="([^"]*)"', html, flags=re.S)


def test_html_has_each_map_as_an_svg_with_its_alt_text(book: Path) -> None:
    built(book, "doc.md", "--filter", "./filter.sh", "-s", "-o", "doc.html")
    pictures = pictures_in((book / "doc.html").read_text(encoding="utf-8"))
    assert len(pictures) == 2
    for source, alt in pictures:
        assert alt.startswith("Should Riverton build the tram?")
        assert f"Premise P1: {STATEMENT}" in alt
        assert STATEMENT.encode() in (book / source).read_bytes()


def test_revealjs_slides_have_the_svg(book: Path) -> None:
    built(book, "doc.md", "--filter", "./filter.sh", "-t", "revealjs", "-s", "-o", "deck.html")
    html = (book / "deck.html").read_text(encoding="utf-8")
    assert "reveal.js" in html
    assert len(pictures_in(html)) == 2


def test_docx_holds_a_png_of_each_map(book: Path) -> None:
    built(book, "doc.md", "--filter", "./filter.sh", "-o", "doc.docx")
    with zipfile.ZipFile(book / "doc.docx") as docx:
        media = [name for name in docx.namelist() if name.startswith("word/media/")]
        assert len(media) == 2
        assert all(docx.read(name).startswith(b"\x89PNG") for name in media)
        assert 'descr="Should Riverton build the tram?' in docx.read("word/document.xml").decode()


def test_latex_to_pdf_with_xelatex_holds_the_map_picture(book: Path) -> None:
    require_tool("xelatex", "texlive-xetex")
    require_tool("pdftotext", "poppler-utils")
    # fontfamily=fontspec: Pandoc's template otherwise asks for lmodern.sty, which texlive-xetex does not bring.
    built(book, "doc.md", "--filter", "./filter.sh", "--pdf-engine=xelatex", "-V", "fontfamily=fontspec", "-o", "doc.pdf")
    text = subprocess.run(["pdftotext", "doc.pdf", "-"], cwd=book, capture_output=True, text=True, check=True).stdout
    assert STATEMENT in " ".join(text.split())  # drawn in the PDF picture, not in the document's text
    assert list((book / "argmap-figures").glob("*.pdf"))


def test_the_lua_filter_draws_the_maps_as_quarto_would_run_it(book: Path) -> None:
    built(book, "doc.md", "--lua-filter", str(lua_filter()), "-s", "-o", "doc.html")
    assert len(pictures_in((book / "doc.html").read_text(encoding="utf-8"))) == 2


@pytest.mark.parametrize("how", [("--filter", "./filter.sh"), ("--lua-filter", str(lua_filter()))])
def test_a_map_with_errors_fails_the_build_with_its_diagnostics(book: Path, how: tuple[str, str]) -> None:
    done = pandoc(book, "broken.md", *how, "-o", "broken.html")
    assert done.returncode != 0
    assert re.search(r"maps/broken\.yaml:\d+:\d+: AM\d+ \[error\] .*X9", done.stderr), done.stderr
    assert "Traceback" not in done.stderr


def test_the_documented_example_builds_as_docs_pandoc_md_says(book: Path) -> None:
    page = (REPO / "docs" / "pandoc.md").read_text(encoding="utf-8")
    [example] = re.findall(r"^````markdown\n(.*?)^````$", page, re.MULTILINE | re.DOTALL)
    shutil.copytree(REPO / "docs" / "samples", book / "samples")
    (book / "demo.md").write_text(example, encoding="utf-8")
    done = pandoc(book, "demo.md", "--filter", "./filter.sh", "-s", "-o", "demo.html")
    assert done.returncode == 0, done.stderr
    assert "samples/draft.yaml:9:71: AM101 [error]" in done.stderr  # the draft's errors, reported and allowed
    assert len(pictures_in((book / "demo.html").read_text(encoding="utf-8"))) == 2


def test_with_sourcepos_a_failing_block_is_named_by_its_line(book: Path) -> None:
    done = pandoc(book, "-f", "commonmark_x+sourcepos", "broken.md", "--filter", "./filter.sh", "-o", "broken.html")
    assert done.returncode != 0
    assert "broken.md:1:1: map 1 (CodeBlock): maps/broken.yaml has errors; add allow-errors=true" in done.stderr

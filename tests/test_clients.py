"""Our decks, opened by the programs their users open them with (the real clients, not our own readers).

- LibreOffice (``soffice --headless --convert-to pdf``) opens the PowerPoint deck: one page per slide,
  each slide's title visible in the PDF's text, Chinese titles in the glyph forms of the map's ``lang``.
- The Marp CLI builds the Marp deck to HTML (every picture it refers to is there) and to PDF (one page
  per slide, each picture drawn: its text is in the PDF).
- XeLaTeX (``latexmk -xelatex``) compiles the Beamer deck: one page per build step, no missing
  character, and the CJK text in the face of the map's language only (``pdffonts``).

Run them alone with ``pytest -m client`` (or ``-m client_libreoffice``, ``client_marp``,
``client_xelatex``). A missing client skips its tests on a developer's machine and fails them in CI.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import MAPS, require_client
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.deck import Deck
from usfk_argmap.present.slides.formats import slide_files

pytestmark = [pytest.mark.client, pytest.mark.graphviz]

CHROMIUM = "/usr/bin/chromium"
#: Seconds a client may take on one deck before the test fails (the flagship takes well under a minute).
TIMEOUT = 300
DECK_MAPS = {"flagship": MAPS / "usfk_conclusion.yaml", "example": MAPS / "example_tram.yaml"}

ZH_HANS_MAP = """\
title: 中国对驻韩美军的立场
lang: zh-Hans
root: T
nodes:
  T:
    kind: thesis
    text: 中国外交的特色在于长期目标不变。
  C:
    kind: claim
    text: 冷战后朝鲜半岛情势相对稳定。
    supports: T
  E:
    kind: evidence
    text: 驻韩美军的去留取决于半岛情势。
    supports: C
"""


@dataclass
class BuiltDeck:
    """A deck model, its map, and the files of one format written under ``folder``."""

    name: str
    argument_map: ArgumentMap
    deck: Deck
    folder: Path

    def write(self, fmt: str, suffix: str) -> Path:
        output = self.folder / f"{self.name}{suffix}"
        for path, data in slide_files(self.deck, self.argument_map, fmt, output).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return output

    @property
    def pages(self) -> int:
        """Pages (PowerPoint slides, Marp slides, Beamer overlays) the deck has: one per build step."""
        return sum(len(slide.steps) for slide in self.deck.slides)


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltDeck]:
    """The flagship map's deck and the example map's, laid out once for every client."""
    built = {}
    for name, path in DECK_MAPS.items():
        argument_map = load_map(path).map
        assert argument_map is not None
        built[name] = BuiltDeck(name, argument_map, build_deck(argument_map), tmp_path_factory.mktemp(name))
    return built


def run_client(command: Sequence[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a client with a timeout; its whole output is the failure message when it fails."""
    try:
        completed = subprocess.run(
            [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command[0]} took more than {TIMEOUT} s")
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, f"{' '.join(map(str, command))} failed:\n{output[-4000:]}"
    return output


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert found is not None, info
    return int(found.group(1))


def pdf_page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages by form feeds)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[: pdf_pages(pdf)]


def _squeezed(text: str) -> str:
    # A client wraps long titles where it likes: compare without spaces and line breaks. NFKC: a PDF's text
    # layer may give a CJK glyph shared with a Kangxi radical as the radical (立 as U+2F74, 大 as U+2F24).
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def assert_texts_visible(pdf: Path, expected: Sequence[Sequence[str]]) -> None:
    """Page ``i`` of the PDF shows every text of ``expected[i]``, and there is one page per entry.

    The native PowerPoint issue adds each statement on a slide to that slide's entry, in one line.
    """
    pages = pdf_page_texts(pdf)
    assert len(pages) == len(expected), f"{pdf.name}: {len(pages)} pages for {len(expected)} slides"
    missing = [
        (number, text)
        for number, (page, texts) in enumerate(zip(pages, expected, strict=True), 1)
        for text in texts
        if _squeezed(text) not in _squeezed(page)
    ]
    assert missing == [], f"{pdf.name}: texts not visible (page, text): {missing[:10]}"


def pptx_titles(pptx: Path) -> list[list[str]]:
    """The title of each slide of a PowerPoint file, as python-pptx reads it."""
    from pptx import Presentation

    return [[slide.shapes.title.text] if slide.shapes.title is not None else [] for slide in Presentation(str(pptx)).slides]


@pytest.mark.client_libreoffice
def test_libreoffice_opens_the_powerpoint_decks(decks: dict[str, BuiltDeck], tmp_path: Path) -> None:
    soffice = require_client("soffice", "LibreOffice Impress (libreoffice-impress)")
    require_client("pdftotext", "poppler-utils")
    pptx = {name: built.write("pptx", ".pptx") for name, built in decks.items()}
    # A private profile: parallel runs (and a user's open LibreOffice) do not share one.
    profile = (tmp_path / "lo-profile").as_uri()
    run_client(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp_path,
            *pptx.values(),
        ],
        cwd=tmp_path,
    )
    for name, built in decks.items():
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.is_file(), f"LibreOffice wrote no PDF for {name}"
        expected = pptx_titles(pptx[name])
        assert len(expected) == len(built.deck.slides)  # a build-up is clicks on one slide
        assert_texts_visible(pdf, expected)


#: Characters whose Traditional, Simplified and Japanese glyph forms differ (骨's inner stroke, 直's foot...).
TELLTALE = "骨直化角"


def _title_map(lang: str) -> ArgumentMap:
    text = f"title: {TELLTALE}\nlang: {lang}\nroot: T\nnodes:\n  T:\n    kind: thesis\n    text: {TELLTALE}\n"
    argument_map = load_text(text).map
    assert argument_map is not None
    return argument_map


@pytest.mark.client_libreoffice
def test_libreoffice_draws_chinese_titles_in_the_maps_own_glyph_forms(tmp_path: Path) -> None:
    """The same title in a zh-Hant, a zh-Hans and a ja deck is drawn three ways: each in its own face.

    A deck that names no East Asian font gets LibreOffice's CJK default (here the SC face) whatever the
    map's language; pdffonts cannot tell, as all faces of Noto Sans CJK embed under the JP face's name.
    """
    soffice = require_client("soffice", "LibreOffice Impress (libreoffice-impress)")
    require_client("pdftoppm", "poppler-utils")
    langs = {"tc": "zh-Hant", "sc": "zh-Hans", "jp": "ja"}
    for name, lang in langs.items():
        argument_map = _title_map(lang)
        BuiltDeck(name, argument_map, build_deck(argument_map), tmp_path).write("pptx", ".pptx")
    run_client(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp_path,
            *(f"{name}.pptx" for name in langs),
        ],
        cwd=tmp_path,
    )
    pictures = {}
    for name in langs:
        run_client(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", "-singlefile", f"{name}.pdf", name], cwd=tmp_path)
        pictures[name] = hashlib.sha256((tmp_path / f"{name}.png").read_bytes()).hexdigest()
    assert pictures["tc"] != pictures["sc"], "the zh-Hant title is drawn in the Simplified Chinese face"
    assert pictures["tc"] != pictures["jp"], "the zh-Hant title is drawn in the Japanese face"
    assert pictures["sc"] != pictures["jp"]


def svg_texts(svg: bytes) -> list[str]:
    """The texts a picture draws (Graphviz writes one ``<text>`` element per label line)."""
    import html

    return [html.unescape(t).strip() for t in re.findall(r"<text\b[^>]*>([^<]+)</text>", svg.decode("utf-8")) if t.strip()]


@pytest.mark.client_marp
def test_marp_builds_the_marp_decks(decks: dict[str, BuiltDeck]) -> None:
    marp = require_client("marp", "the Marp CLI (@marp-team/marp-cli in clients/package.json)")
    require_client(CHROMIUM, "Debian's chromium")
    require_client("pdftotext", "poppler-utils")
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    for name, built in decks.items():
        markdown = built.write("marp", ".md")
        run_client([marp, "--no-stdin", "--html", markdown.name, "-o", f"{name}.html"], cwd=built.folder, env=env)
        page = (built.folder / f"{name}.html").read_text(encoding="utf-8")
        pictures = re.findall(r'<img src="([^"]+)"', page)
        assert len(pictures) == built.pages - 1, "every slide but the title slide shows a picture"
        assert [p for p in pictures if not (built.folder / p).is_file()] == []
        run_client(
            [marp, "--no-stdin", "--pdf", "--allow-local-files", markdown.name, "-o", f"{name}.pdf"], cwd=built.folder, env=env
        )
        # Each picture was drawn into its page: one of its texts is in the page's text.
        pages = pdf_page_texts(built.folder / f"{name}.pdf")
        assert len(pages) == built.pages
        headings = re.findall(r"^#{1,2} (.+)$", markdown.read_text(encoding="utf-8"), re.M)
        for number, (page_text, heading) in enumerate(zip(pages, headings, strict=True), 1):
            assert _squeezed(heading.replace("\\", "").split(" (")[0]) in _squeezed(page_text), (name, number)
        for number, picture in enumerate(pictures, 2):
            texts = svg_texts((built.folder / picture).read_bytes())
            assert any(_squeezed(text) in _squeezed(pages[number - 1]) for text in texts), (name, picture)


SHORTCODES = """\
title: "Tram plan :smile: and :+1:"
lang: en
root: T
sections:
  s1: "Costs :heart: at 10:30:45"
nodes:
  T: {kind: thesis, text: "Build it :tada:"}
  C: {kind: claim, text: "It pays :moneybag:", section: s1, supports: T}
  E: {kind: evidence, text: "Fares :smile_cat: cover costs", section: s1, supports: C}
"""


@pytest.mark.client_marp
def test_marp_shows_emoji_shortcodes_as_written(tmp_path: Path) -> None:
    marp = require_client("marp", "the Marp CLI (@marp-team/marp-cli in clients/package.json)")
    require_client(CHROMIUM, "Debian's chromium")
    argument_map = load_text(SHORTCODES).map
    assert argument_map is not None
    built = BuiltDeck("shortcodes", argument_map, build_deck(argument_map), tmp_path)
    markdown = built.write("marp", ".md")
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    run_client([marp, "--no-stdin", "--html", markdown.name, "-o", "shortcodes.html"], cwd=tmp_path, env=env)
    page = (tmp_path / "shortcodes.html").read_text(encoding="utf-8")
    assert 'class="emoji"' not in page
    body = page[page.index("<body") :].replace("\u2060", "")
    for written in ("Tram plan :smile: and :+1:", "Costs :heart: at 10:30:45"):
        assert written in body, written


def cjk_fonts(pdf: Path) -> list[str]:
    """The names of the CJK fonts embedded in a PDF (``pdffonts``; subset prefixes removed)."""
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listing.splitlines()[2:] if line.strip()}
    return sorted(name for name in names if "CJK" in name or "Han" in name)


def compile_beamer(built: BuiltDeck) -> Path:
    latexmk = require_client("latexmk", "latexmk")
    require_client("xelatex", "texlive-xetex")
    tex = built.write("beamer", ".tex")
    run_client([latexmk, "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=built.folder)
    log = (built.folder / f"{built.name}.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log, re.findall(r"Missing character.*", log)[:5]
    pdf = built.folder / f"{built.name}.pdf"
    assert pdf_pages(pdf) == built.pages
    return pdf


@pytest.mark.client_xelatex
def test_xelatex_compiles_the_beamer_decks(decks: dict[str, BuiltDeck]) -> None:
    require_client("pdffonts", "poppler-utils")
    flagship = compile_beamer(decks["flagship"])
    # zh-Hant: Traditional Chinese forms only, the title page included (it used to name NotoSansCJKjp).
    assert cjk_fonts(flagship) and all("CJKtc" in name for name in cjk_fonts(flagship)), cjk_fonts(flagship)
    compile_beamer(decks["example"])


@pytest.mark.client_xelatex
def test_a_simplified_chinese_beamer_deck_uses_only_sc_fonts(tmp_path: Path) -> None:
    require_client("pdffonts", "poppler-utils")
    argument_map = load_text(ZH_HANS_MAP).map
    assert argument_map is not None
    pdf = compile_beamer(BuiltDeck("zh-hans", argument_map, build_deck(argument_map), tmp_path))
    assert cjk_fonts(pdf) and all("CJKsc" in name for name in cjk_fonts(pdf)), cjk_fonts(pdf)

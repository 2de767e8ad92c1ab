"""The defence appendix of ``slides --questions`` (issue 23): its plan, and its pages in every format.

The plan: for each main claim, the open critical questions, the inference each is about and the
statements that would answer them. The formats: HTML (and its text sizes in Chromium at 1920 x
1080), PowerPoint, Marp and Beamer, each at least 24 px per em at 1080p; the real clients (the
Marp CLI, XeLaTeX, LibreOffice) show every question's text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.exchange_maps import SCHEMED
from tests.helpers import MAPS, require_client
from usfk_argmap.analysis.questions import scheme_uses
from usfk_argmap.cli.app import main
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.deck import Deck
from usfk_argmap.present.slides.defence import (
    BODY_TEXT,
    PAGE_ROOM,
    QUESTION_TEXT,
    DefencePage,
    bearing,
    defence_pages,
    question_height,
)
from usfk_argmap.present.slides.defence_pptx import points
from usfk_argmap.present.slides.defence_text import marp_size
from usfk_argmap.present.slides.formats import slide_files
from usfk_argmap.present.slides.options import SlideOptions

#: 24 px per em at 1920 x 1080, in per cent of the slide's height.
FLOOR = 24 / 1080 * 100

#: Schemes in English: CQ2 of A1 answered by S1, CQ6 raised by O1 and rebutted by R1; C2's sign has its
#: finding backed by E2.
TRAM = """\
title: Riverton's tram
root: T
nodes:
  T: {kind: thesis, text: Riverton should build the tram.}
  C1: {kind: claim, text: The tram pays for itself within twenty years., supports: T}
  P1: {kind: premise, text: Dr Lin is a transport economist.}
  P2: {kind: premise, text: Dr Lin says the tram pays for itself.}
  O1: {kind: objection, text: Costs have doubled since the estimate., attacks: C1, answers: {to: A1, question: CQ6}}
  R1: {kind: rebuttal, text: The estimate was revised with current costs., attacks: O1}
  S1: {kind: premise, text: Dr Lin has costed three lines that came in on budget., supports: C1,
       answers: {to: A1, question: CQ2}}
  C2: {kind: claim, text: Traffic on the high street is at its limit., supports: T, schemes: {T: practical-reasoning}}
  E2: {kind: evidence, text: Buses queue at every light at rush hour., supports: C2}
arguments:
  A1: {premises: [P1, P2], supports: C1, scheme: expert-opinion, roles: {expertise: P1, assertion: P2}}
"""


def _map(text: str) -> ArgumentMap:
    argument_map = load_text(text).map
    assert argument_map is not None
    return argument_map


def test_each_main_claim_gets_its_open_questions_with_their_inference_and_answers() -> None:
    pages = defence_pages(_map(TRAM), "en")
    assert [(page.claim, page.title, page.kicker) for page in pages] == [
        ("C1", "Defence questions: The tram pays for itself within twenty years.", "Appendix · C1"),
        ("C2", "Defence questions: Traffic on the high street is at its limit.", "Appendix · C2"),
    ]
    first = {question.id: question for question in pages[0].questions}
    assert list(first) == ["CQ1", "CQ3", "CQ4", "CQ5", "CQ6"]  # CQ2 is answered by S1
    assert pages[0].lines(first["CQ6"]) == (
        "CQ6 Is E's assertion based on evidence?",
        "assumption, inference, raised by O1 · On A1 (Argument from expert opinion): P1 + P2 → C1",
        "What answers it: R1 The estimate was revised with current costs.",
    )
    assert pages[0].lines(first["CQ1"])[2] == "What answers it: nothing in the map yet"
    # A question about the conclusion: the other reasons for it.
    assert first["CQ5"].answers == ("S1 Dr Lin has costed three lines that came in on budget.",)
    second = {question.id: question for question in pages[1].questions}
    assert second["CQ4"].about == "On C2 (Practical reasoning): C2 → T"
    assert second["CQ4"].answers == ("E2 Buses queue at every light at rush hour.",)  # a premise question
    assert "CQ2 Is E's assertion" not in pages[0].notes() and "CQ6 Is E's assertion" in pages[0].notes()


def test_the_questions_are_in_the_maps_language_and_the_words_in_the_decks() -> None:
    argument_map = _map(SCHEMED)
    [page, *_] = defence_pages(argument_map, "zh-Hant")
    assert page.title.startswith("口試攻防：駐軍維持區域穩定。")
    assert page.lines(page.questions[0]) == (
        "CQ1 E 作為專家來源，可信度有多高？",
        "假定、前提 · 針對 A>1（訴諸專家意見）：P]1 + P2 → C1",
        "可用以回答：論證圖中尚無",
    )
    english = defence_pages(argument_map, "en")[0]
    assert english.lines(english.questions[0])[0] == "CQ1 E 作為專家來源，可信度有多高？"  # the map's language
    assert english.lines(english.questions[0])[1].startswith("assumption, premise · On A>1 (Argument from expert opinion)")
    # An attacking inference: "→ ¬" its conclusion, and its conclusion question looks among the other attackers.
    attack = next(q for p in defence_pages(argument_map, "en") for q in p.questions if "A2" in q.about)
    assert attack.about.endswith("O2 + O3 → ¬C1")


@pytest.mark.parametrize(
    ("inference", "question", "expected"),
    [
        ("A1", "CQ1", []),  # premise: nothing supports P1 or P2
        ("A1", "CQ5", ["S1"]),  # conclusion: the other reasons for C1
        ("A1", "CQ6", ["R1"]),  # inference: what rebuts O1, which raises it
        ("C2->T", "CQ4", ["E2"]),  # premise: what supports C2
        ("C2->T", "CQ3", ["C1"]),  # conclusion: the other reasons for T
    ],
)
def test_what_bears_on_a_question(inference: str, question: str, expected: list[str]) -> None:
    argument_map = _map(TRAM)
    use = scheme_uses(argument_map)[inference]
    [state] = [s for s in use.questions if s.question.id == question]
    assert bearing(argument_map, use, state) == expected


def test_a_claim_with_many_questions_continues_on_numbered_pages_that_fit() -> None:
    pages = defence_pages(_map(SCHEMED), "en")
    assert len(pages) > 1
    assert [page.title.rsplit(" ", 1)[-1] for page in pages] == [f"({n}/{len(pages)})" for n in range(1, len(pages) + 1)]
    assert len({page.id for page in pages}) == len(pages)
    for page in pages:
        assert sum(question_height(q, page.answer_heading, page.nothing_yet) for q in page.questions) <= PAGE_ROOM
    asked = [(q.id, q.about) for page in pages for q in page.questions]
    open_ones = [s for use in scheme_uses(_map(SCHEMED)).values() for s in use.questions if s.is_open]
    assert len(asked) == len(set(asked)) == len(open_ones)


def test_no_schemes_no_appendix() -> None:
    example = load_map(MAPS / "example_tram.yaml").map
    assert example is not None and defence_pages(example, "en") == []


def test_every_format_writes_its_sizes_at_least_the_floor() -> None:
    assert min(BODY_TEXT, QUESTION_TEXT) >= FLOOR
    assert points(BODY_TEXT) / 540 * 1080 >= 24  # PowerPoint: points on a 540-point-high slide
    assert marp_size(BODY_TEXT) / 720 * 1080 >= 24  # Marp: px on a 720-px-high slide
    assert 7 / 72 * 25.4 * 1080 / 90 >= 24  # Beamer's \scriptsize (7 pt) on a 90 mm frame


# -- the formats ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tram_deck() -> tuple[ArgumentMap, Deck]:
    argument_map = _map(TRAM)
    return argument_map, build_deck(argument_map, SlideOptions(questions=True))


def _question_texts(deck: Deck) -> list[str]:
    return [page.lines(question)[0] for page in deck.defence for question in page.questions]


@pytest.mark.graphviz
def test_the_appendix_follows_the_slides_in_every_format(tram_deck: tuple[ArgumentMap, Deck], tmp_path: Path) -> None:
    import html

    from markupsafe import escape

    argument_map, deck = tram_deck
    assert [page.id for page in deck.defence] == ["defence-1", "defence-2"]
    assert build_deck(argument_map).defence == ()  # only with --questions
    asked = _question_texts(deck)
    page = slide_files(deck, argument_map, "html", tmp_path / "deck.html")[tmp_path / "deck.html"].decode()
    assert page.count('class="slide slide-defence"') == 2
    assert all(str(escape(text)) in page for text in asked)
    assert f"{len(deck.slides) + 2} slides" in page  # the title slide counts the appendix
    marp = slide_files(deck, argument_map, "marp", tmp_path / "deck.md")[tmp_path / "deck.md"].decode()
    appendix = marp[marp.index("Defence questions") :]
    assert f"section {{ font-size: {marp_size(BODY_TEXT)}px;" in marp
    assert all(html.unescape(text) == text and text.replace("'", "&#39;") in appendix for text in asked)
    assert '<p class="defence-question">CQ6 Is E&#39;s assertion based on evidence?</p>' in appendix
    tex = slide_files(deck, argument_map, "beamer", tmp_path / "deck.tex")[tmp_path / "deck.tex"].decode()
    assert tex.count(r"\begin{frame}[t]{Defence questions") == 2
    assert r"{\footnotesize\textbf{CQ1 How credible is E as an expert source?}\par}" in tex
    assert not re.search(r"\\(tiny|small)\b", tex[tex.index("Defence questions") :])


@pytest.mark.graphviz
@pytest.mark.parametrize("pictures", [False, True])
def test_powerpoint_pages_hold_the_questions_at_the_decks_sizes(
    tram_deck: tuple[ArgumentMap, Deck], tmp_path: Path, pictures: bool
) -> None:
    import io

    from pptx import Presentation

    argument_map, deck = tram_deck
    from usfk_argmap.present.slides.pptx.deck import deck_pptx

    presentation = Presentation(io.BytesIO(deck_pptx(deck, argument_map, pictures=pictures)))
    slides = list(presentation.slides)[-2:]
    texts = ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in slides]
    asked = _question_texts(deck)
    assert all(any(text in page for page in texts) for text in asked)
    assert slides[0].shapes.title.text == deck.defence[0].title
    sizes = [
        run.font.size.pt
        for slide in slides
        for shape in slide.shapes
        if shape.has_text_frame and shape != slide.shapes.title
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert sizes and min(sizes) / 540 * 1080 >= 24
    assert "CQ6 Is E's assertion based on evidence?" in slides[0].notes_slide.notes_text_frame.text


def test_the_cli_option(tmp_path: Path) -> None:
    (tmp_path / "tram.yaml").write_text(TRAM, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["slides", str(tmp_path / "tram.yaml"), "-o", str(tmp_path / "deck.tex"), "--questions"])
    if result.exit_code != 0 and "Graphviz" in result.output:
        pytest.skip("Graphviz is not installed")
    assert result.exit_code == 0, result.output
    assert r"\begin{frame}[t]{Defence questions" in (tmp_path / "deck.tex").read_text(encoding="utf-8")
    assert "--questions" in runner.invoke(main, ["slides", "--help"]).output


# -- in the browser and the real clients -------------------------------------------------------------

_MEASURE = """() => {
  const slide = document.querySelector('.slide.current');
  const box = slide.getBoundingClientRect();
  const texts = [...slide.querySelectorAll('.defence p')];
  return {id: slide.id, sizes: texts.map(p => parseFloat(getComputedStyle(p).fontSize)),
          bottom: Math.max(...texts.map(p => p.getBoundingClientRect().bottom)) - box.top, height: box.height,
          right: Math.max(...texts.map(p => p.getBoundingClientRect().right)) - box.left, width: box.width};
}"""


@pytest.mark.browser
@pytest.mark.graphviz
def test_html_appendix_text_is_large_and_on_the_slide(tmp_path: Path) -> None:
    require_client("chromium", "Debian's chromium")
    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM, LAUNCH_ARGS

    argument_map = _map(SCHEMED)
    deck = build_deck(argument_map, SlideOptions(questions=True))
    path = tmp_path / "deck.html"
    path.write_bytes(slide_files(deck, argument_map, "html", path)[path])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(path.as_uri())
        for defence in deck.defence:
            page.evaluate(f"location.hash = '#{defence.id}'")
            state: dict[str, Any] = page.evaluate(_MEASURE)
            assert state["id"] == defence.id
            assert len(state["sizes"]) == 3 * len(defence.questions)
            assert min(state["sizes"]) >= 24, (defence.id, state["sizes"])
            assert state["bottom"] <= state["height"] and state["right"] <= state["width"], (defence.id, state)
        browser.close()


def _pdf_text(pdf: Path) -> str:
    # -layout: by position, as read; without it pdftotext may put a line's last full-width mark before the line.
    import subprocess

    command = ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _squeezed(text: str) -> str:
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _defence_pages_shown(pdf: Path, pages: list[DefencePage]) -> None:
    text = _squeezed("".join(_pdf_text(pdf).split("\f")[-len(pages) - 1 :]))  # the last pages
    for page in pages:
        for question in page.questions:
            assert _squeezed(page.lines(question)[0]) in text, page.lines(question)[0]


@pytest.mark.client
@pytest.mark.client_xelatex
@pytest.mark.graphviz
def test_xelatex_sets_the_appendix(tmp_path: Path) -> None:
    from tests.test_clients import run_client

    latexmk = require_client("latexmk", "latexmk")
    require_client("xelatex", "texlive-xetex")
    require_client("pdftotext", "poppler-utils")
    argument_map = _map(SCHEMED)
    deck = build_deck(argument_map, SlideOptions(questions=True))
    for path, data in slide_files(deck, argument_map, "beamer", tmp_path / "deck.tex").items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    run_client([latexmk, "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "deck.tex"], cwd=tmp_path)
    log = (tmp_path / "deck.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log and "Overfull \\vbox" not in log
    from tests.test_clients import pdf_pages

    assert pdf_pages(tmp_path / "deck.pdf") == sum(len(s.steps) for s in deck.slides) + len(deck.defence)
    _defence_pages_shown(tmp_path / "deck.pdf", list(deck.defence))


@pytest.mark.client
@pytest.mark.client_marp
@pytest.mark.graphviz
def test_marp_shows_the_appendix(tmp_path: Path) -> None:
    from tests.test_clients import CHROMIUM, pdf_pages, run_client

    marp = require_client("marp", "the Marp CLI (@marp-team/marp-cli in clients/package.json)")
    require_client(CHROMIUM, "Debian's chromium")
    argument_map = _map(SCHEMED)
    deck = build_deck(argument_map, SlideOptions(questions=True))
    for path, data in slide_files(deck, argument_map, "marp", tmp_path / "deck.md").items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    run_client([marp, "--no-stdin", "--pdf", "--allow-local-files", "deck.md", "-o", "deck.pdf"], cwd=tmp_path, env=env)
    assert pdf_pages(tmp_path / "deck.pdf") == sum(len(s.steps) for s in deck.slides) + len(deck.defence)
    _defence_pages_shown(tmp_path / "deck.pdf", list(deck.defence))


@pytest.mark.client
@pytest.mark.client_libreoffice
@pytest.mark.graphviz
def test_libreoffice_shows_the_appendix(tmp_path: Path) -> None:
    from tests.test_clients import pdf_pages, run_client

    soffice = require_client("soffice", "LibreOffice Impress")
    argument_map = _map(SCHEMED)
    deck = build_deck(argument_map, SlideOptions(questions=True))
    (tmp_path / "deck.pptx").write_bytes(slide_files(deck, argument_map, "pptx", tmp_path / "deck.pptx")[tmp_path / "deck.pptx"])
    run_client([soffice, "--headless", "--convert-to", "pdf", "deck.pptx"], cwd=tmp_path)
    assert pdf_pages(tmp_path / "deck.pdf") == len(deck.slides) + len(deck.defence)
    _defence_pages_shown(tmp_path / "deck.pdf", list(deck.defence))

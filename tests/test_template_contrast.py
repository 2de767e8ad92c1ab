"""A user's templates whose colours fail contrast get a note (issue 26); the bundled ones pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, REPO
from usfk_argmap.cli.app import main
from usfk_argmap.present.contrast import contrast, template_contrast_problems

TRAM = MAPS / "example_tram.yaml"


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [("#ffffff", "#000000", 21.0), ("#fff", "#000", 21.0), ("#777777", "#ffffff", 4.48), ("#0969da", "#ffffff", 5.2)],
)
def test_contrast_is_wcag_s(first: str, second: str, ratio: float) -> None:
    assert contrast(first, second) == pytest.approx(ratio, abs=0.01)
    assert contrast(second, first) == contrast(first, second)


def test_the_bundled_templates_pass() -> None:
    assert template_contrast_problems(REPO / "templates") == []
    assert template_contrast_problems(None) == []


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    css = (REPO / "templates" / "slides.css").read_text(encoding="utf-8")
    # A light grey for muted text (2.3:1 on white), and a dark theme whose accent is as dark as its page.
    css = css.replace("--muted: #59636e;", "--muted: #aaaaaa;", 1)
    css = css.replace("--accent: #56b4e9;", "--accent: #333;", 1)
    (folder / "slides.css").write_text(css, encoding="utf-8")
    page = (REPO / "templates" / "report.html").read_text(encoding="utf-8")
    (folder / "report.html").write_text(page.replace("--warning: #9a6700;", "--warning: #ffd94d;", 1), encoding="utf-8")
    return folder


def test_each_failing_colour_is_named_with_its_theme_and_ratio(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    problems = template_contrast_problems(folder)
    assert any("the light theme's --muted #aaaaaa on --bg #ffffff has a contrast of 2.32:1" in p for p in problems)
    # The print theme keeps the light one's --bg and sets its own --muted: it passes.
    assert not any("print theme's --muted" in p for p in problems)
    assert any("the dark theme's --accent #333 on --bg #1e1e1e" in p for p in problems)
    assert any(p.startswith(str(folder / "report.html")) and "--warning #ffd94d on the page's #ffffff" in p for p in problems)
    assert all("needs 4.5:1" in p for p in problems)
    assert len(problems) == 3


@pytest.mark.graphviz
def test_slides_and_report_print_the_problems_as_notes(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    shutil.copytree(MAPS / "sources", tmp_path / "sources")
    runner = CliRunner()
    deck = runner.invoke(main, ["slides", str(TRAM), "--templates", str(folder), "-o", str(tmp_path / "deck.html")])
    assert deck.exit_code == 0, deck.output
    assert "note: " in deck.stderr and "--muted #aaaaaa" in deck.stderr and "--warning" not in deck.stderr
    report = runner.invoke(main, ["report", str(TRAM), "--templates", str(folder), "-o", str(tmp_path / "report.html")])
    assert report.exit_code == 0, report.output
    assert "--warning #ffd94d" in report.stderr and "--muted" not in report.stderr
    plain = runner.invoke(main, ["slides", str(TRAM), "-o", str(tmp_path / "plain.html")])
    assert plain.exit_code == 0 and "contrast" not in plain.stderr

"""An SVG with embedded fonts renders its Chinese text in a browser that has no CJK font."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from usfk_argmap.drawing.render import RenderOptions, render_svg
from usfk_argmap.mapfile.loader import load_text

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
LATIN_FONTS = Path("/usr/share/fonts/truetype/dejavu")

pytestmark = [pytest.mark.browser, pytest.mark.graphviz]

MAP = """\
title: 字型測試
lang: zh-Hant
root: T
nodes:
  T:
    kind: thesis
    text: 中國對駐韓美軍之立場
  C:
    kind: claim
    text: 朝鮮半島情勢相對穩定
    supports: T
"""


def latin_only_fontconfig(tmp_path: Path) -> Path:
    """A fontconfig file that shows a program only the DejaVu (Latin) fonts."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{LATIN_FONTS}</dir>\n  <cachedir>{tmp_path / 'fc-cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return config


def ink(png: bytes) -> int:
    """How many pixels are dark (text strokes; boxes and fills are lighter or absent)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    return sum(image.histogram()[:100])


def screenshot(svg: bytes, env: Mapping[str, str]) -> bytes:
    """Chromium's picture of a page holding the SVG inline (as slides and reports hold it)."""
    from playwright.sync_api import sync_playwright

    markup = svg.decode("utf-8")
    page_html = f"<!DOCTYPE html><html><body style='margin:0;background:white'>{markup[markup.index('<svg') :]}</body></html>"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, env=dict[str, str | float | bool](env))
        try:
            page = browser.new_page(viewport={"width": 900, "height": 600}, device_scale_factor=2)
            page.set_content(page_html)
            page.evaluate("document.fonts.ready.then(() => true)")
            png: bytes = page.screenshot(timeout=20_000)
        finally:
            browser.close()
    return png


@pytest.mark.needs("dejavu")
def test_embedded_font_draws_glyphs_without_cjk_fonts(tmp_path: Path) -> None:
    result = load_text(MAP)
    assert result.map is not None
    # The thesis is drawn white on dark blue; the print theme keeps every label dark on light.
    options = RenderOptions(theme="print")
    plain = render_svg(result.map, options)
    embedded = render_svg(result.map, RenderOptions(theme="print", embed_fonts=True))
    no_cjk = {**os.environ, "FONTCONFIG_FILE": str(latin_only_fontconfig(tmp_path))}
    with_fonts = dict(os.environ)

    blank = ink(screenshot(plain, no_cjk))
    drawn = ink(screenshot(embedded, no_cjk))
    reference = ink(screenshot(plain, with_fonts))
    # Without the font the characters are hollow boxes: much less ink than glyph strokes (node
    # borders and arrows are the same in all three). With the font embedded the page has the
    # ink it has with the font installed.
    assert reference - blank > 0.2 * reference, (blank, drawn, reference)
    assert abs(drawn - reference) < 0.03 * reference, (blank, drawn, reference)

"""The flagship's SVG as a screen reader gets it: Chromium's accessibility tree (issue 26).

The SVG is opened in Debian's headless Chromium and its full accessibility tree
read through the DevTools protocol (``Accessibility.getFullAXTree``): one
graphics document named by the map's title and described by its summary, then
every statement as a graphics symbol, in argument order, named in Chinese with
its kind and relations; nothing else (lines, joints, the drawn text) is exposed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import MAPS, require
from usfk_argmap import open_map
from usfk_argmap.drawing.accessible import argument_order
from usfk_argmap.drawing.render import RenderOptions, render_svg
from usfk_argmap.drawing.words import Sayer, summary_words

pytestmark = [pytest.mark.browser, pytest.mark.graphviz]
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
FLAGSHIP = MAPS / "usfk_conclusion.yaml"
KINDS = ("論旨", "主張", "前提", "證據", "反對", "反駁", "假設")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require("chromium")  # module-scoped: it is set up before the marker's check runs
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()


def accessibility_tree(browser: Any, path: Path) -> list[dict[str, Any]]:
    """The page's accessibility nodes Chromium does not ignore, in tree order: role, name, description."""
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        session = page.context.new_cdp_session(page)
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        page.close()
    return [
        {
            "role": node.get("role", {}).get("value"),
            "name": (node.get("name") or {}).get("value", ""),
            "description": (node.get("description") or {}).get("value", ""),
        }
        for node in nodes
        if not node.get("ignored")
    ]


@pytest.mark.parametrize("options", [RenderOptions(), RenderOptions(legend=True, clusters=True, lang_mode="both")])
def test_the_flagship_reads_in_argument_order_in_chinese(browser: Any, tmp_path: Path, options: RenderOptions) -> None:
    argument_map = open_map(FLAGSHIP)
    path = tmp_path / "usfk.svg"
    path.write_bytes(render_svg(argument_map, options))
    tree = accessibility_tree(browser, path)
    assert [node["role"] for node in tree[:2]] == ["RootWebArea", "graphics-document"]
    document = tree[1]
    assert document["name"] == argument_map.title
    assert document["description"] == summary_words(argument_map, list(argument_map.nodes))
    symbols = tree[2:]
    # Only the statements: lines, joints, sections, the legend and the drawn text are hidden.
    assert {node["role"] for node in symbols} == {"graphics-symbol"}
    sayer = Sayer(argument_map)
    assert [node["name"] for node in symbols] == [sayer.statement(argument_map.nodes[n]) for n in argument_order(argument_map)]
    assert all(node["name"].startswith(KINDS) for node in symbols)
    names = {node["name"].split("：", 1)[0]: node["name"] for node in symbols}
    assert names["論旨 T"].startswith("論旨 T：冷戰後半島情勢相對穩定")
    assert names["主張 C1"].endswith("（支持 T；支持 SC2.1；支持 SC4.1）")
    assert names["反對 O1.1"].endswith("（攻擊 C1）")
    assert "削弱從 O3.1 到 C3 的推論" in names["反駁 R3.3"]


def screenshot(browser: Any, path: Path) -> Any:
    """The page's pixels, as Chromium paints the SVG at ``path``."""
    import io

    from PIL import Image

    page = browser.new_page(viewport={"width": 1300, "height": 650})
    try:
        page.goto(path.as_uri())
        return Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    finally:
        page.close()


def test_the_reading_order_leaves_the_picture_as_graphviz_drew_it(browser: Any, tmp_path: Path) -> None:
    # Statements painted after all the lines: only where a line's end meets a border may a pixel differ.
    from PIL import Image, ImageChops

    from usfk_argmap.drawing.basis import DrawingBasis
    from usfk_argmap.drawing.graphviz import run_graphviz
    from usfk_argmap.drawing.render import layout_source

    argument_map = open_map(MAPS / "example_tram.yaml")
    options = RenderOptions(legend=True)
    dot, engine = layout_source(argument_map, options)
    font = DrawingBasis.of(argument_map).font
    drawn = run_graphviz(dot, "svg", engine, []).replace(
        f'font-family="{font.family}"'.encode(), f'font-family="{font.css_family}"'.encode()
    )
    (tmp_path / "graphviz.svg").write_bytes(drawn)
    (tmp_path / "finished.svg").write_bytes(render_svg(argument_map, options))
    before, after = (screenshot(browser, tmp_path / name) for name in ("graphviz.svg", "finished.svg"))
    difference = ImageChops.difference(before, after).convert("L").point(lambda value: 255 if value else 0)
    changed = difference.histogram()[255]
    blank = Image.new("RGB", before.size, "white")
    assert ImageChops.difference(before, blank).getbbox() is not None  # the map was drawn
    assert changed < 0.001 * before.width * before.height, changed

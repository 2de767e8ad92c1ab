"""The outline in the pages (issue 26): every slide with a picture, the report and the preview carry the map's text equivalent."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import MAPS, REPO
from usfk_argmap import open_map
from usfk_argmap.analysis.drawn import svg_ids
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.words import Sayer
from usfk_argmap.interop.outline import outline_items
from usfk_argmap.present.outline import MapOutline, outline_html, outline_tree

TRAM = MAPS / "example_tram.yaml"
FLAGSHIP = MAPS / "usfk_conclusion.yaml"


class _Lists(HTMLParser):
    """The nested lists of a page read back: (depth, data-node, words) of every item, and the lists' lang."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = -1
        self.items: list[list[object]] = []
        self.langs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul":
            self.depth += 1
            if self.depth == 0:
                self.langs.append(dict(attrs).get("lang"))
        elif tag == "li":
            self.items.append([self.depth, dict(attrs).get("data-node"), ""])

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.items and data.strip() and not self.items[-1][2]:
            self.items[-1][2] = data.strip()


def _read(html: str) -> _Lists:
    lists = _Lists()
    lists.feed(html)
    return lists


@pytest.mark.parametrize("path", [TRAM, FLAGSHIP])
def test_the_html_outline_is_the_export_s_nesting_in_words(path: Path) -> None:
    argument_map = open_map(path)
    sayer = Sayer(argument_map)
    lists = _read(outline_html(argument_map, svg_ids(argument_map)))
    assert lists.langs == [argument_map.lang]
    expected = [[depth, node, sayer.statement(argument_map.nodes[node])] for depth, node in outline_items(argument_map)]
    assert lists.items == expected


def test_a_part_of_the_map_keeps_its_nesting_under_the_nearest_kept_statement() -> None:
    argument_map = open_map(TRAM)
    assert outline_tree(argument_map, ["T", "C1", "E1", "O1", "R1", "C2"]) == [
        (0, "T"),
        (1, "C1"),
        (2, "E1"),  # its premise P1 is left out: under C1
        (2, "O1"),
        (3, "R1"),
        (1, "C2"),
    ]
    assert outline_tree(argument_map, ["R2", "E2"]) == [(0, "R2"), (0, "E2")]
    assert outline_tree(argument_map, []) == []
    assert outline_html(argument_map, svg_ids(argument_map), []) == ""


@pytest.mark.parametrize("path", [TRAM, FLAGSHIP])
def test_the_outline_read_once_keeps_any_part_as_the_outline_of_that_part(path: Path) -> None:
    """A deck's outline of each slide comes from the map's outline read once (``MapOutline``): the same lists."""
    import random

    argument_map = open_map(path)
    outline = MapOutline(argument_map)
    ids = svg_ids(argument_map)
    rng = random.Random(7)
    nodes = list(argument_map.nodes)
    parts = [None, [], nodes, nodes[::3], ["no-such-id", *nodes[:2]]]
    parts += [rng.sample(nodes, rng.randint(1, len(nodes))) for _ in range(30)]
    for shown in parts:
        assert outline.tree(shown) == outline_tree(argument_map, shown)
        assert outline_html(argument_map, ids, shown, outline=outline) == outline_html(argument_map, ids, shown)


def _markup_map() -> ArgumentMap:
    from usfk_argmap.mapfile.loader import load_text

    text = (
        "title: <b>x</b>\nlang: en\nroot: T\nnodes:\n"
        '  T: {kind: thesis, text: "<script>alert(1)</script> & \\"q\\""}\n'
        '  C1: {kind: claim, text: "<img src=x onerror=alert(1)>", supports: T}\n'
    )
    result = load_text(text, "markup.yaml")
    assert result.map is not None
    return result.map


def test_every_text_is_escaped_and_links_go_to_the_page_s_anchors() -> None:
    argument_map = _markup_map()
    html = outline_html(argument_map, svg_ids(argument_map), links={"T": 'row-"t"', "C1": "row-c1"})
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34;" in html
    assert 'href="#row-&#34;t&#34;"' in html and 'href="#row-c1"' in html
    assert [item[1] for item in _read(html).items] == ["T", "C1"]


def _slides(tmp_path: Path, path: Path) -> str:
    from usfk_argmap.present.slides.formats import write_slides

    write_slides(open_map(path), tmp_path / "deck.html")
    return (tmp_path / "deck.html").read_text(encoding="utf-8")


@pytest.mark.graphviz
def test_every_slide_with_a_picture_has_the_outline_of_what_it_draws(tmp_path: Path) -> None:
    argument_map = open_map(FLAGSHIP)
    sayer = Sayer(argument_map)
    html = _slides(tmp_path, FLAGSHIP)
    slides = re.split(r'(?=<section class="slide )', html)[1:]
    assert len(slides) > 5
    drawn_slides = 0
    without_statements = []
    for slide in slides:
        drawn = re.findall(r'<g id="[^"]*" class="node am-node[^"]*" data-am-id="([^"]*)"', slide)
        outline = re.search(r'<section class="outline" aria-label="大綱">(.*?)</section>', slide, re.DOTALL)
        if not drawn:
            assert outline is None
            without_statements.append(re.match(r'<section class="slide slide-(\w+)', slide).group(1))  # type: ignore[union-attr]
            continue
        drawn_slides += 1
        assert outline is not None
        lists = _read(outline.group(1))
        assert lists.langs == ["zh-Hant"]
        assert sorted(str(item[1]) for item in lists.items) == sorted(drawn)
        assert [item[2] for item in lists.items] == [sayer.statement(argument_map.nodes[str(item[1])]) for item in lists.items]
    # The title, the legend and the parts map draw no statement (their words are their own text).
    assert sorted(without_statements) == ["legend", "sections", "title"]
    assert drawn_slides == len(slides) - 3
    assert html.count('id="outline-toggle" aria-pressed="false"') == 1
    assert html.count('id="details-panel"') == 1


@pytest.mark.graphviz
def test_the_report_has_the_outline_each_statement_linked_to_its_row(tmp_path: Path) -> None:
    from usfk_argmap.mapfile.loader import load_map
    from usfk_argmap.present.report import write_report

    result = load_map(TRAM)
    assert result.map is not None
    html = write_report(result.map, result.diagnostics, None)
    assert html is not None
    assert "<main>" in html and "</main>" in html
    section = re.search(r'<section id="outline">(.*?)</section>', html, re.DOTALL)
    assert section is not None
    links = re.findall(r'<li data-node="([^"]*)" data-svg="[^"]*"><a href="#([^"]*)">', section.group(1))
    assert [node for node, _ in links] == [node for _, node in outline_items(result.map)]
    for _, anchor in links:
        assert f'<tr id="{anchor}"' in html


@pytest.mark.graphviz
def test_the_preview_s_state_has_the_outline_and_the_theme(tmp_path: Path) -> None:
    from usfk_argmap.authoring.serve import PreviewState

    state = PreviewState(FLAGSHIP, theme="dark")
    state.rebuild()
    page = json.loads(state.state_json)
    argument_map = open_map(FLAGSHIP)
    assert page["theme"] == "dark" and page["lang"] == "zh-Hant"
    sayer = Sayer(argument_map)
    assert [(item["depth"], item["id"], item["words"]) for item in page["outline"]] == [
        (depth, node, sayer.statement(argument_map.nodes[node])) for depth, node in outline_items(argument_map)
    ]
    assert state.svg is not None and b'fill="#1e1e1e"' in state.svg


def test_the_pages_include_the_keyboard_script_and_turn_off_motion_on_request() -> None:
    templates = REPO / "templates"
    for name in ("slides.html", "report.html", "preview.html"):
        assert '{% include "keyboard.js" %}' in (templates / name).read_text(encoding="utf-8"), name
    for name in ("slides.css", "report.html", "preview.html"):
        assert "prefers-reduced-motion: reduce" in (templates / name).read_text(encoding="utf-8"), name

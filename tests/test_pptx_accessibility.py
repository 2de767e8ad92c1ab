"""A python-pptx audit of our decks (issue 26): what PowerPoint's Accessibility Checker reads from the file.

Over the flagship's and the example's native and picture decks: every statement shape,
joint point and connector has a description (``descr``) in the map's language, every
slide a title placeholder with a title no other slide has, and the statement shapes lie
in the shape tree in argument order (the reading order).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from tests.helpers import MAPS
from usfk_argmap.core.messages import message
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.accessible import argument_order
from usfk_argmap.drawing.words import one_line, summary_words, wording
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.pptx.alt_text import unique_titles
from usfk_argmap.present.slides.pptx.deck import deck_pptx

from .pptx_reading import A, P, open_deck

pytestmark = pytest.mark.graphviz

MAPS_TESTED = {"flagship": "usfk_conclusion.yaml", "tram": "example_tram.yaml"}
SHAPE_TAGS = {f"{P}{tag}" for tag in ("sp", "cxnSp", "pic", "grpSp", "graphicFrame")}
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


@cache
def _map(key: str) -> ArgumentMap:
    argument_map = load_map(MAPS / MAPS_TESTED[key]).map
    assert argument_map is not None
    return argument_map


@cache
def _presentation(key: str, pictures: bool) -> Any:
    argument_map = _map(key)
    return open_deck(deck_pptx(build_deck(argument_map), argument_map, pictures=pictures))


def _properties(slide: Any) -> list[tuple[str, Any]]:
    """Every shape of the slide's tree as (its element's tag, its ``p:cNvPr``), in tree order."""
    found = []
    for element in slide.shapes._spTree:
        properties = element.find(f".//{P}cNvPr")
        if element.tag in SHAPE_TAGS and properties is not None:
            found.append((element.tag.removeprefix(P), properties))
    return found


@pytest.mark.parametrize("key", MAPS_TESTED)
def test_every_statement_joint_and_connector_has_a_description_in_the_maps_language(key: str) -> None:
    argument_map = _map(key)
    words = wording(argument_map)
    statements = connectors = joints = 0
    for slide in _presentation(key, False).slides:
        for tag, properties in _properties(slide):
            name, descr = properties.get("name"), properties.get("descr") or ""
            node = argument_map.nodes.get(name)
            if node is not None:
                statements += 1
                assert descr.startswith(f"{words.kinds[node.kind]} {node.id}{words.colon}"), (name, descr)
                assert one_line(node.text) in descr
            elif tag == "cxnSp":
                connectors += 1
                assert descr.strip() and descr != name, name
                tail, head = name.split(" → ")
                assert descr.startswith(tail if tail in argument_map.nodes else ""), (name, descr)
                assert head in descr if head in argument_map.nodes else True, (name, descr)
            elif properties.find(f"{A}extLst/{A}ext/{DECORATIVE}") is not None:
                joints += 1
                assert descr.strip(), name
            if tag == "sp" and properties.getparent().find(f"{P}nvPr/{P}ph") is None:
                assert descr.strip(), name  # frames, captions and the legend too: no shape without alt text
    assert statements > len(argument_map.nodes)  # every statement, on several slides
    assert connectors > 0 and joints > 0


def test_relations_are_said_in_chinese_on_the_flagship() -> None:
    """Supports, attacks and undercuts of the flagship said in its Traditional Chinese words."""
    said = {
        properties.get("descr")
        for slide in _presentation("flagship", False).slides
        for tag, properties in _properties(slide)
        if tag == "cxnSp"
    }
    assert any("支持" in text for text in said)
    assert any("攻擊" in text for text in said)
    assert any("削弱" in text for text in said)
    assert not any("supports" in text or "attacks" in text for text in said)
    # Both halves of the objection's line through the joint point its answer undercuts say what it does.
    assert {"O1.1：攻擊 C1"} == {text for text in said if text.startswith("O1.1：")}


@pytest.mark.parametrize("pictures", [False, True], ids=["native", "pictures"])
@pytest.mark.parametrize("key", MAPS_TESTED)
def test_every_slide_has_a_title_placeholder_with_a_unique_title(key: str, pictures: bool) -> None:
    titles = []
    for slide in _presentation(key, pictures).slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.placeholder_format.type in (1, 3)  # TITLE, CENTER_TITLE
        assert title.text_frame.text.strip()
        titles.append(title.text_frame.text)
    assert len(titles) == len(set(titles)), [t for t in titles if titles.count(t) > 1]


@pytest.mark.parametrize("key", MAPS_TESTED)
def test_the_title_comes_first_and_the_statements_follow_in_argument_order(key: str) -> None:
    argument_map = _map(key)
    order = {node_id: index for index, node_id in enumerate(argument_order(argument_map))}
    checked = 0
    for slide in _presentation(key, False).slides:
        found = _properties(slide)
        assert found[0][1].get("id") == str(slide.shapes.title.shape_id)
        names = [properties.get("name") for _, properties in found]
        statements = [name for name in names if name in argument_map.nodes]
        assert [order[name] for name in statements] == sorted(order[name] for name in statements)
        first_connector = next((i for i, (tag, _) in enumerate(found) if tag == "cxnSp"), len(found))
        assert all(names.index(name) < first_connector for name in statements)
        checked += len(statements) > 1
    assert checked > 2


@pytest.mark.parametrize("key", MAPS_TESTED)
def test_every_picture_of_the_picture_deck_is_described(key: str) -> None:
    argument_map = _map(key)
    pictures = 0
    summary_start = summary_words(argument_map, [])[:8]
    for slide in _presentation(key, True).slides:
        for element in slide.shapes._spTree.iter(f"{P}pic"):
            pictures += 1
            descr = element.find(f"{P}nvPicPr/{P}cNvPr").get("descr") or ""
            own_words = (message("legend.title", argument_map.lang), message("deck.sections", argument_map.lang))
            if descr.startswith(own_words):  # the legend and the sections' map, said in their own words
                continue
            assert descr.startswith(summary_start), descr[:40]
            assert one_line(argument_map.nodes[argument_map.root].text) in descr
    assert pictures > 3


@pytest.mark.parametrize(
    ("titles", "kept", "expected"),
    [
        (["A", "B"], [], ["A", "B"]),
        (["A", "B", "B", "B"], [], ["A", "B (1/3)", "B (2/3)", "B (3/3)"]),
        (["T", "T", "T", "X"], [0], ["T", "T (2/3)", "T (3/3)", "X"]),
        (["T", "T"], [0], ["T", "T (2/2)"]),
    ],
)
def test_shared_titles_are_numbered(titles: list[str], kept: list[int], expected: list[str]) -> None:
    assert unique_titles(titles, kept) == expected

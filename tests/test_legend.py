"""--legend goes under the map, where it costs a band of height rather than the picture's width."""

from __future__ import annotations

import re

import pytest

from tests.helpers import MAPS
from usfk_argmap import open_map
from usfk_argmap.drawing.graphviz import run_graphviz
from usfk_argmap.drawing.render import RenderOptions, render, to_dot

pytestmark = pytest.mark.graphviz


def _size(map_name: str, options: RenderOptions) -> tuple[float, float]:
    svg = render(open_map(MAPS / map_name), "svg", options)
    match = re.search(rb'viewBox="0.00 0.00 ([\d.]+) ([\d.]+)"', svg)
    assert match is not None
    return float(match.group(1)), float(match.group(2))


# Measured on Graphviz 2.43 when the legend moved under the map (width, height with legend / without):
# tram 1.06, 1.45 (beside it was 1.99, 1.08); flagship 1.04, 1.03, and after the map's second reading
# (68 statements, a wider and shallower layout) 1.0, 1.23. With the joint dot explained (a fourth line in the
# legend's row of lines, issue 24) the tram's legend is 1.30 as wide as the tram drawn top-down.
@pytest.mark.parametrize(("map_name", "wider", "taller"), [("example_tram.yaml", 1.35, 1.6), ("usfk_conclusion.yaml", 1.1, 1.3)])
def test_legend_costs_little_width(map_name: str, wider: float, taller: float) -> None:
    width, height = _size(map_name, RenderOptions(direction="BT"))
    legend_width, legend_height = _size(map_name, RenderOptions(legend=True, direction="BT"))
    assert legend_width / width <= wider
    assert legend_height / height <= taller


@pytest.mark.parametrize("direction", ["BT", "TB"])
def test_legend_is_under_the_map(direction: str) -> None:
    dot = to_dot(open_map(MAPS / "example_tram.yaml"), RenderOptions(legend=True, direction=direction))
    plain = run_graphviz(dot, "plain").decode("utf-8")
    tops: list[float] = []
    bottoms: list[float] = []
    for line in plain.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            y, height = float(parts[3]), float(parts[5])
            if parts[1].startswith("legend_"):
                tops.append(y + height / 2)  # plain's y grows upwards
            else:
                bottoms.append(y - height / 2)
    assert tops and bottoms
    assert max(tops) < min(bottoms)


def _legend_labels(dot: str) -> dict[str, str]:
    """The legend's entries by their svg id (``am-legend-...``): the words of each, markup removed."""
    found = {}
    for match in re.finditer(r'id="(am-legend-[\w-]+)"[^\n]*?label=<(.*?)>[,\]]', dot):
        found[match.group(1)] = re.sub(r"<[^>]+>", " ", match.group(2)).strip()
    return found


def test_the_legend_explains_every_mark_of_the_flagship_in_its_language() -> None:
    """Badges, border dashes, the joint dot and the undercut's dot: each has an entry, in Chinese."""
    from usfk_argmap.core.messages import message

    argument_map = open_map(MAPS / "usfk_conclusion.yaml")
    dot = to_dot(argument_map, RenderOptions(evaluate=True, legend=True))
    entries = _legend_labels(dot)
    drawn_statuses = set(re.findall(r"am-status-(\w+)", dot))
    assert {f"am-legend-status-{status}" for status in drawn_statuses} <= set(entries)
    assert message("legend.joint", "zh-Hant") in entries["am-legend-joint"]  # a linked argument's joint dot
    assert message("legend.relation_joint", "zh-Hant") in entries["am-legend-relation-joint"]  # where R3.3 aims
    assert entries["am-legend-status-established"].startswith("● 成立")
    assert message("legend.status_established", "zh-Hant") in entries["am-legend-status-established"]
    assert {f"am-legend-status-{status}" for status in drawn_statuses} == {e for e in entries if "status" in e}
    assert 'style="rounded,solid"' in dot.split('id="am-legend-status-established"')[1].split("\n")[0]
    # No English word in the legend of a zh-Hant map, and none in its badges.
    ids = re.compile("|".join(re.escape(i) for i in sorted(argument_map.nodes, key=len, reverse=True)))
    assert not [text for text in entries.values() if re.search(r"[A-Za-z]", ids.sub("", text))], entries
    assert "● established" not in dot and "× defeated" not in dot and "◌ open" not in dot


@pytest.mark.parametrize(
    ("ui_lang", "words"),
    [("zh-Hans", ["图例", "前提须合并才成立", "没有攻击得逞", "强调"]), ("en", ["Legend", "premises that hold only together"])],
)
def test_the_legend_takes_the_ui_language(ui_lang: str, words: list[str]) -> None:
    options = RenderOptions(evaluate=True, legend=True, ui_lang=ui_lang, highlight=("C1",))
    dot = to_dot(open_map(MAPS / "usfk_conclusion.yaml"), options)
    for word in words:
        assert word in dot, word


def test_the_legend_lists_only_the_marks_drawn() -> None:
    tram = open_map(MAPS / "example_tram.yaml")
    plain = _legend_labels(to_dot(tram, RenderOptions(legend=True)))
    assert not {"am-legend-status-established", "am-legend-highlight", "am-legend-issue", "am-legend-section"} & set(plain)
    assert plain["am-legend-joint"] == "premises that hold only together"
    marked = _legend_labels(to_dot(tram, RenderOptions(legend=True, highlight=("C1",), clusters=True)))
    assert marked["am-legend-highlight"] == "highlighted" and marked["am-legend-section"] == "a section"
    from usfk_argmap import check

    diagnostics = check(tram)
    issues = to_dot(tram, RenderOptions(legend=True, show_issues=True), diagnostics=diagnostics)
    assert ("am-legend-issue" in _legend_labels(issues)) == any(d.node is not None for d in diagnostics)
    flagged = to_dot(tram, RenderOptions(legend=True, show_issues=True), diagnostics=check(open_map(MAPS / "example_tram.yaml")))
    assert flagged == issues


WEIGHED_BADGES = [(None, "權衡後輕於 SC1.1"), ("zh-Hans", "权衡后轻于 SC1.1"), ("en", "outweighed by SC1.1")]


@pytest.mark.parametrize(("ui_lang", "badge"), WEIGHED_BADGES)
def test_a_weighed_objection_says_what_outweighs_it_and_the_legend_says_what_that_means(ui_lang: str | None, badge: str) -> None:
    """No line draws a weighing: with --evaluate the objection says it beside its status, and the legend explains it."""
    from usfk_argmap.analysis.drawn import svg_ids

    argument_map = open_map(MAPS / "usfk_conclusion.yaml")
    assert "SC1.1" not in to_dot(argument_map, RenderOptions(ui_lang=ui_lang))  # the plain picture: text only
    dot = to_dot(argument_map, RenderOptions(legend=True, evaluate=True, ui_lang=ui_lang))
    crises = next(line for line in dot.splitlines() if f'id="{svg_ids(argument_map)["O1.1"]}"' in line)
    assert badge in crises
    # O1.1, O4.1, O5.1 and O5.2 carry the badge, and the legend shows a sample of it.
    assert dot.count(badge.rsplit(" ", 1)[0]) == 4 + 1
    assert "am-legend-outweighed" in _legend_labels(dot)
    tram = to_dot(open_map(MAPS / "example_tram.yaml"), RenderOptions(legend=True, evaluate=True))
    assert "am-legend-outweighed" not in tram and "outweighed" not in tram

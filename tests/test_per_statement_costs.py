"""Per-statement costs of ``check`` and ``render`` (issue 28): nothing a map does not need, nothing done per node twice.

A map's text is searched for unsafe characters in a few wide ranges first. A map
without schemes does not read the scheme catalogue (a YAML file slower to read
than the whole check of a 5,000-statement map). The growth checks count function
calls (``tests/growth.py``) at n and 4n statements of the shapes the benchmarks
draw (``benchmarks/shapes.py``), for every stage of a check and a render that is
ours: loading, the rules, the DOT text and the finishing of Graphviz's SVG.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from benchmarks.shapes import SHAPES, shaped_map_text
from tests.growth import LINEAR_GROWTH, growth
from usfk_argmap import check
from usfk_argmap.analysis import questions
from usfk_argmap.core.characters import UNSAFE, has_unsafe_characters
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.finishing import finish_svg
from usfk_argmap.drawing.fonts import font_for_lang
from usfk_argmap.drawing.graphviz import run_graphviz
from usfk_argmap.drawing.render import RenderOptions, to_dot
from usfk_argmap.mapfile.loader import load_text

PLAIN = """title: t
root: T
nodes:
  T: {kind: thesis, text: the thesis}
  C: {kind: claim, text: a claim, supports: T}
"""

SCHEMED = """title: t
root: T
nodes:
  T: {kind: thesis, text: the thesis}
  P: {kind: premise, text: an expert says so}
  Q: {kind: premise, text: she is an expert}
arguments:
  A1: {premises: [P, Q], supports: T, scheme: expert-opinion}
"""


def test_the_quick_search_for_unsafe_characters_finds_every_one_and_nothing_else() -> None:
    # has_unsafe_characters searches a few wide ranges first (38 narrow ones took 15 ms on a 5,000-statement map).
    every = [chr(code) for code in range(0x110000)]
    unsafe = [char for char in every if UNSAFE.fullmatch(char)]
    assert len(unsafe) == 2048 + 32 + 34 + 62  # surrogates, U+FDD0-U+FDEF, two at the end of each plane, controls
    assert all(has_unsafe_characters(f"text {char} text") for char in unsafe)
    safe = "".join(char for char in every if not UNSAFE.fullmatch(char))
    assert not any(has_unsafe_characters(safe[start : start + 4096]) for start in range(0, len(safe), 4096))


def _unread_catalogue() -> tuple[object, ...]:
    raise AssertionError("the scheme catalogue was read")


def test_a_map_without_schemes_is_checked_without_reading_the_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(questions, "schemes", _unread_catalogue)
    result = load_text(PLAIN, "plain.yaml")
    assert result.map is not None
    assert questions.scheme_uses(result.map) == {}
    assert all(finding.code != "AM208" for finding in check(result.map))


def test_a_map_with_a_scheme_still_gets_its_open_questions() -> None:
    result = load_text(SCHEMED, "schemed.yaml")
    assert result.map is not None, result.diagnostics
    uses = questions.scheme_uses(result.map)
    assert [use.scheme.id for use in uses.values()] == ["expert-opinion"]
    assert any(finding.code == "AM208" for finding in check(result.map))


#: Statements of the smaller map of a growth check; the larger has four times as many.
SIZE = 150
#: One direction: ``auto`` lays a map of up to 300 statements out again to choose one (fixed work, not per statement).
OPTIONS = RenderOptions(direction="BT")
_MAPS: dict[tuple[int, str], ArgumentMap] = {}
_LAYOUTS: dict[tuple[int, str], bytes] = {}


def _shaped(n: int, shape: str) -> ArgumentMap:
    if (n, shape) not in _MAPS:
        result = load_text(shaped_map_text(n, shape), f"{shape}.yaml")
        assert result.map is not None, result.diagnostics[:3]
        _MAPS[n, shape] = result.map
    return _MAPS[n, shape]


def _laid_out(n: int, shape: str) -> bytes:
    """Graphviz's SVG of the shaped map, made once (Graphviz's own work is not counted)."""
    if (n, shape) not in _LAYOUTS:
        _LAYOUTS[n, shape] = run_graphviz(to_dot(_shaped(n, shape), OPTIONS), "svg", "dot")
    return _LAYOUTS[n, shape]


def _finished(n: int, shape: str) -> bytes:
    argument_map = _shaped(n, shape)
    font = font_for_lang(argument_map.lang)
    return finish_svg(_laid_out(n, shape), argument_map, font.family, font.css_family)


STAGES: list[tuple[str, Callable[[int, str], object]]] = [
    ("load", lambda n, shape: load_text(shaped_map_text(n, shape), f"{shape}.yaml")),
    ("check", lambda n, shape: check(_shaped(n, shape))),
    ("DOT", lambda n, shape: to_dot(_shaped(n, shape), OPTIONS)),
    ("SVG finishing", _finished),
]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("stage", "work"), STAGES, ids=[stage for stage, _ in STAGES])
def test_each_stage_of_check_and_render_grows_linearly(stage: str, work: Callable[[int, str], object], shape: str) -> None:
    for n in (SIZE, 4 * SIZE):  # loaded, their terms found and laid out before counting: only the stage is counted
        _laid_out(n, shape)
    assert growth(lambda n: work(n, shape), SIZE) <= LINEAR_GROWTH, (stage, shape)

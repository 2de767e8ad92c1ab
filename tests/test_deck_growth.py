"""A big map's deck does each piece of work once, whatever the map's size (operation counts, not time).

The slide plan predicts many pictures' sizes (``fit.best_layout``) over several
planning rounds: the map's terms are worked out once per prediction, not once per
statement box (that made a 1,000-statement deck take minutes); a picture planned the
same again in a later round is not drawn again; the statements' argument order is
worked out once per batch of pictures, not once per picture.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from benchmarks.shapes import shaped_map_text
from tests.growth import LINEAR_GROWTH, growth
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing import accessible, dot, render
from usfk_argmap.drawing.cache import LayoutCache
from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.mapfile.loader import load_text
from usfk_argmap.present import outline
from usfk_argmap.present.slides import build, fit, html
from usfk_argmap.present.slides.plan import plan_deck


def _counted(monkeypatch: pytest.MonkeyPatch, calls: Counter[str], module: Any, name: str, key: str = "") -> None:
    function: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[key or name] += 1
        return function(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def _deck_counts(statements: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    loaded = load_text(shaped_map_text(statements, "tree"))
    assert loaded.map is not None
    calls: Counter[str] = Counter()
    drawn: set[str] = set()
    _counted(monkeypatch, calls, fit, "map_terms", "terms in fit")
    _counted(monkeypatch, calls, fit, "best_layout")
    _counted(monkeypatch, calls, accessible, "argument_order")
    _counted(monkeypatch, calls, dot.MapParts, "of", "map parts")
    _counted(monkeypatch, calls, build.MapJoints, "of", "map joints")
    _counted(monkeypatch, calls, outline, "outline_items")
    drawing = render.render_pictures

    def pictures(argument_map: Any, requests: Any, *args: Any, **kwargs: Any) -> Any:
        calls["picture batches"] += 1
        calls["pictures drawn"] += len(requests)
        drawn.update(repr(request) for request in requests)
        return drawing(argument_map, requests, *args, **kwargs)

    monkeypatch.setattr(render, "render_pictures", pictures)
    lay_out = build._lay_out
    planned: set[Any] = set()

    def laid_out(deck: Any, argument_map: Any, plans: Any, *args: Any) -> None:
        planned.update(plans)
        lay_out(deck, argument_map, plans, *args)

    monkeypatch.setattr(build, "_lay_out", laid_out)
    deck = build.build_deck(loaded.map, cache=LayoutCache(tmp_path / f"cache-{statements}"))
    html.slide_outlines(deck, loaded.map)
    calls["figures"] = len({id(figure) for figure in deck.figures.values()})
    calls["slides"] = len(deck.slides)
    calls["different pictures"] = len(drawn)
    calls["pictures planned"] = len(planned)
    return calls


@pytest.mark.graphviz
def test_a_big_maps_deck_works_out_terms_order_and_pictures_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = {}
    for statements in (40, 160, 320):
        with monkeypatch.context() as patched:  # each size counted by its own counters only
            counts[statements] = _deck_counts(statements, tmp_path, patched)
    for calls in counts.values():
        assert calls["best_layout"] > 0
        # Once per prediction (``best_layout``), not once per statement box in it.
        assert calls["terms in fit"] <= calls["best_layout"]
        assert calls["argument_order"] == calls["picture batches"]
        # What every picture draws from the map is read once per batch, not once per picture (that made
        # memory grow with pictures times statements: 2.7 GB at 5,000); the slides' joints and outlines once.
        assert calls["map parts"] == calls["picture batches"]
        assert calls["map joints"] == 1
        assert calls["outline_items"] == 1
        # Each picture is drawn in one planning round only: a later round draws only what it planned anew.
        assert calls["pictures drawn"] == calls["pictures planned"] >= calls["figures"]
    # Predictions grow with the map, about linearly (a part too large to read is split by a few tries
    # per sub-claim): at 320 statements, per statement, at most half as many again as at 160 (recorded:
    # 2.2 and 2.5 per statement; 40 statements take 1.1).
    per_statement = {statements: calls["best_layout"] / statements for statements, calls in counts.items()}
    assert per_statement[320] <= 1.5 * per_statement[160]
    assert counts[320]["pictures drawn"] <= 1.5 * 2 * counts[160]["pictures drawn"]


def _tree(statements: int) -> ArgumentMap:
    loaded = load_text(shaped_map_text(statements, "tree"))
    assert loaded.map is not None
    return loaded.map


def test_a_big_maps_plan_grows_linearly() -> None:
    """The slide plan of 1,600 statements makes about four times the calls of 400's (13 times before the cuts
    stopped predicting pictures too large to read and each unit's reasons were found once)."""
    maps = {statements: _tree(statements) for statements in (400, 1600)}

    def plan(statements: int) -> None:
        fit._text_box.cache_clear()  # each count from an empty text-box cache, as the first plan of a map
        plan_deck(maps[statements], RenderOptions())

    assert growth(plan, 400) <= LINEAR_GROWTH


@pytest.mark.parametrize("direction", ["BT", "LR"])
@pytest.mark.parametrize("min_text", [fit.MIN_PX_PER_EM, 12.0])
def test_no_picture_of_more_statements_than_the_bound_is_predicted_to_read(direction: str, min_text: float) -> None:
    """``fit.most_statements`` is a bound the plan may trust: the most compact pictures just over it never read."""
    shape = fit.SlideShape(min_text=min_text)
    most = fit.most_statements(shape.area, min_text, direction)
    assert 20 <= most < 2000  # a slide holds a few dozen statements at most
    options = RenderOptions(direction=direction)
    for ranks in (1, 2, 4, 8, 16, most):
        # A claim with chains of one-character statements under it, ``ranks`` long: the smallest boxes there are.
        chains = -(-most // ranks)
        lines = ["title: t", "lang: en", "root: T", "nodes:", "  T: {kind: thesis, text: T}"]
        for chain in range(chains):
            for step in range(ranks):
                above = "T" if step == 0 else f"S{chain}-{step - 1}"
                lines.append(f"  S{chain}-{step}: {{kind: premise, text: x, supports: {above}}}")
        loaded = load_text("\n".join(lines) + "\n")
        assert loaded.map is not None and len(loaded.map.nodes) > most
        predicted = fit.best_layout(loaded.map, loaded.map.nodes, options, shape.area, cap=shape.max_text)
        assert predicted.px_per_em < min_text

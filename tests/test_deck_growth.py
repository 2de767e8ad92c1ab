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
from usfk_argmap.drawing import accessible, render
from usfk_argmap.drawing.cache import LayoutCache
from usfk_argmap.mapfile.loader import load_text
from usfk_argmap.present.slides import build, fit


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
        # Each picture is drawn in one planning round only: a later round draws only what it planned anew.
        assert calls["pictures drawn"] == calls["pictures planned"] >= calls["figures"]
    # Predictions grow with the map, about linearly (a part too large to read is split by a few tries
    # per sub-claim): at 320 statements, per statement, at most half as many again as at 160 (recorded:
    # 2.2 and 2.5 per statement; 40 statements take 1.1).
    per_statement = {statements: calls["best_layout"] / statements for statements, calls in counts.items()}
    assert per_statement[320] <= 1.5 * per_statement[160]
    assert counts[320]["pictures drawn"] <= 1.5 * 2 * counts[160]["pictures drawn"]

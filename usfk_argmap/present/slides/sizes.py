"""A planned picture, and how large its text is predicted to come out (what the plan learns when it came out smaller).

``SizePrediction`` is what the slide plan (``plan``) asks before it splits a
part: the prediction of ``fit``, corrected by what laying the deck out showed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.render import RenderOptions
    from usfk_argmap.present.slides.fit import MapOrder


@dataclass(frozen=True)
class PicturePlan:
    """One picture: the statements of its part, and those drawn muted around them."""

    key: str
    #: The part's own statements (drawn as usual; a build-up reveals them step by step).
    members: frozenset[str]
    #: Statements drawn muted, for orientation only (each shown with the first line that joins it to the part).
    context: frozenset[str] = frozenset()
    #: The whole map (members are all statements; no selection at all).
    whole: bool = False
    #: The room on the slide, in CSS pixels at 1920 x 1080, and the text size it must reach.
    area: tuple[float, float] = (1800.0, 950.0)
    min_px_per_em: float = 0.0
    max_px_per_em: float = 36.7
    #: Label widths (em) and leaf staggers the layout may use (``fit.best_layout``); empty: the defaults.
    widths: tuple[float, ...] = ()
    staggers: tuple[int, ...] = ()
    #: Statements drawn with wider labels (the overview's thesis above its row of claims).
    wide: frozenset[str] = frozenset()

    @property
    def drawn(self) -> frozenset[str]:
        return self.members | self.context


def part_key(key: str) -> str:
    """The part a picture belongs to: ``part-3`` for ``part-3-2-1``."""
    return "-".join(key.split("-")[:2])


class SizePrediction:
    """How large a picture's text is predicted to come out, from the predicted layout (see ``fit``).

    A prediction, not a measurement: only laying the picture out tells.

    ``corrections`` holds, for pictures laid out already (by the statements
    they draw), how much smaller their text came out than predicted: a second
    planning round trusts the prediction for that picture that much less, and
    the others as before (a part is split where its text fell short, not all over).
    """

    #: Predicted text must beat the minimum by this much: Graphviz often spreads a layout wider than predicted.
    MARGIN = 1.06

    def __init__(self, argument_map: ArgumentMap, options: RenderOptions) -> None:
        self.map = argument_map
        self.options = options
        self.corrections: dict[frozenset[str], float] = {}
        self.part_corrections: dict[str, float] = {}
        self._known: dict[tuple[frozenset[str], tuple[float, float]], float] = {}
        self._order: MapOrder | None = None

    @property
    def order(self) -> MapOrder:
        """The map's order (``fit.MapOrder``), read once for all the predictions."""
        from usfk_argmap.present.slides.fit import MapOrder

        if self._order is None:
            self._order = MapOrder.of(self.map)
        return self._order

    def predicted(self, picture: PicturePlan) -> float:
        from usfk_argmap.present.slides.fit import CANDIDATE_STAGGERS, CANDIDATE_WIDTHS, best_layout

        key = (picture.drawn, picture.area)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = best_layout(
                self.map,
                picture.drawn,
                self.options,
                picture.area,
                picture.widths or CANDIDATE_WIDTHS,
                picture.staggers or CANDIDATE_STAGGERS,
                picture.wide,
                picture.max_px_per_em,
                self.order,
            ).px_per_em
        exact = self.corrections.get(picture.drawn)
        return found * (exact if exact is not None else self.part_corrections.get(part_key(picture.key), 1.0))

    def correct(self, short: Mapping[PicturePlan, float]) -> None:
        """Learn from pictures whose text came out ``ratio`` times the predicted size (below the minimum).

        The picture itself is trusted that much less; the other pictures of its part by the square
        root of it (the part's statements are alike, but a smaller picture is predicted better).
        """
        for picture, ratio in short.items():
            self.corrections[picture.drawn] = self.corrections.get(picture.drawn, 1.0) * ratio
            part = part_key(picture.key)
            self.part_corrections[part] = min(self.part_corrections.get(part, 1.0), ratio**0.5)

    def most_statements(self, area: tuple[float, float], min_px_per_em: float) -> int:
        """More statements than a picture in ``area`` can hold and still be predicted ``large_enough`` (``fit.most_statements``).

        Corrections that trust a prediction more (above 1) are allowed for: a bound, never an estimate.
        """
        from usfk_argmap.present.slides.fit import most_statements

        trust = max([1.0, *self.corrections.values(), *self.part_corrections.values()])
        return most_statements(area, min_px_per_em * self.MARGIN / trust, self.options.direction)

    def large_enough(self, picture: PicturePlan) -> bool:
        """Whether the picture's text is predicted to reach its minimum, with ``MARGIN`` to spare."""
        return self.predicted(picture) >= picture.min_px_per_em * self.MARGIN

"""What every picture of one map is drawn with: worked out once for all of a deck's pictures, not for each.

A deck draws one map some sixty times. Its font (``fonts.font_for_lang``) and,
with ``evaluate``, each statement's status under grounded semantics are the
same in every picture: ``DrawingBasis.of`` finds them once, and the pictures
(``render.render_pictures``, ``dot.DotBuilder``) are given them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from usfk_argmap.drawing.fonts import FontChoice, font_for_lang

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.options import RenderOptions


@dataclass(frozen=True)
class DrawingBasis:
    """The font a map is drawn with, and each statement's status when its pictures are evaluated.

    ``statuses`` is None when the map was not evaluated (no picture asked for it).
    """

    font: FontChoice
    statuses: Mapping[str, str] | None = None

    @classmethod
    def of(cls, argument_map: ArgumentMap, evaluate: bool = False) -> DrawingBasis:
        """Look the map's font up, and evaluate the map when ``evaluate``."""
        return cls(font_for_lang(argument_map.lang), _statuses(argument_map) if evaluate else None)

    def statuses_for(self, argument_map: ArgumentMap, options: RenderOptions) -> Mapping[str, str]:
        """The statuses a picture drawn with ``options`` marks: none unless it is evaluated."""
        if not options.evaluate:
            return {}
        return self.statuses if self.statuses is not None else _statuses(argument_map)


def _statuses(argument_map: ArgumentMap) -> dict[str, str]:
    from usfk_argmap.analysis.evaluation import evaluate

    return dict(evaluate(argument_map).status)

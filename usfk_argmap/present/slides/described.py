"""A picture of the deck said in words: its alt text in the PowerPoint, Marp and Beamer decks.

The map's summary over the statements the picture shows at a step (``drawing.words``),
then each of them said in full, in argument order: what a reader who does not see
the picture needs, in the map's language.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from usfk_argmap.analysis.drawn import svg_ids
from usfk_argmap.drawing.accessible import argument_order
from usfk_argmap.drawing.words import Sayer, summary_words
from usfk_argmap.present.slides.pictures import hidden_at

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.present.slides.deck import Deck, Slide


def picture_description(argument_map: ArgumentMap, shown: Collection[str]) -> str:
    """A picture's alt text: the map's summary over the statements ``shown``, then each said, a line each."""
    sayer = Sayer(argument_map)
    order = [node_id for node_id in argument_order(argument_map) if node_id in shown]
    lines = [summary_words(argument_map, order)]
    lines += [sayer.statement(argument_map.nodes[node_id]) for node_id in order]
    return "\n".join(lines)


def shown_at(deck: Deck, argument_map: ArgumentMap, slide: Slide, step: int) -> list[str]:
    """The statements the picture of ``slide`` shows at ``step`` (0-based): those it draws, less those still hidden."""
    if slide.figure is None:
        return []
    plan = deck.figures[slide.figure].plan
    drawn = plan.drawn if plan is not None else argument_map.nodes.keys()
    hidden = hidden_at(slide, step)
    svg_id_of = svg_ids(argument_map)
    return [node_id for node_id in drawn if svg_id_of.get(node_id) not in hidden]


def step_description(deck: Deck, argument_map: ArgumentMap, slide: Slide, step: int) -> str:
    """The alt text of the picture of ``slide`` at ``step`` (the legend's and the sections': the words of its notes)."""
    if slide.kind in ("legend", "sections"):
        return "\n".join((slide.title, *slide.steps[step].remarks))
    return picture_description(argument_map, shown_at(deck, argument_map, slide, step))

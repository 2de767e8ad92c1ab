"""What a screen reader and PowerPoint's Accessibility Checker read in our decks: alt text, order, titles.

Every statement shape, joint point and connector carries a description
(``descr`` of its ``p:cNvPr``) in the map's language, in the words of the
accessible SVG (``drawing.words``): ``主張 C1：…（支持 T）``, ``P1: supports C1
together with P2``. A joint point is also marked decorative (Office 2019's
``a16:decorative``): what it means is said by the lines through it. The
shapes of a slide follow the argument order (``drawing.accessible
.argument_order``), which is the order a reader of the slide is led through;
and no two slides share a title.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from usfk_argmap.drawing.accessible import argument_order
from usfk_argmap.drawing.words import Sayer, one_line

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.present.slides.deck import Deck

#: The extension of ``p:cNvPr`` that marks a shape decorative (MS-ODRAWXML 2.3.x, Office 2019 and later).
DECORATIVE_EXTENSION = (
    '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
    "</a:ext></a:extLst>"
)


class AltText:
    """The descriptions of one map's shapes and connectors, by map id (a joint point's id is its argument's)."""

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.sayer = Sayer(argument_map)
        self.words = self.sayer.words
        self.order = {node_id: index for index, node_id in enumerate(argument_order(argument_map))}

    def statement(self, map_id: str, shown: str) -> str:
        """A statement said in full (kind, id, text, relations), its English gloss after it; else what is shown."""
        node = self.map.nodes.get(map_id)
        if node is None:
            return one_line(shown) or map_id
        said = self.sayer.statement(node)
        return said if not node.en else f"{said}\n{one_line(node.en)}"

    def joint(self, map_id: str) -> str:
        """A joint point: the inference it stands for, ``P1 and P2: supports C1``."""
        return self._said(self._sources(map_id), self._phrase(self._relation_of(map_id), map_id))

    def relation(self, tail: str, head: str, relation: str) -> str:
        """A connector from ``tail`` to ``head`` (map ids) drawing ``relation``, ``P1: attacks C1``."""
        argument = self.map.arguments.get(head)
        if relation == "premise" and argument is not None:
            others = self.words.and_.join(p for p in dict.fromkeys(p.target for p in argument.premises) if p != tail)
            with_others = self.words.supports_with if argument.relation == "supports" else self.words.attacks_with
            alone = self.words.supports if argument.relation == "supports" else self.words.attacks
            phrase = (with_others if others else alone).format(target=argument.target.target, others=others)
            return self._said(tail, phrase)
        if relation == "undercuts":
            phrase = self.words.undercuts.format(sources=self._sources(head), target=self._target(head))
            return self._said(self._sources(tail), phrase)
        if head not in self.map.nodes:  # the first half of a line through a joint point: the inference's own relation
            relation = self._relation_of(head)
        return self._said(self._sources(tail), self._phrase(relation, head))

    def in_argument_order(self, map_ids: Sequence[str]) -> list[str]:
        """``map_ids`` with the statements first, in argument order; joint points and the legend after, as given."""
        statements = sorted((i for i in map_ids if i in self.order), key=self.order.__getitem__)
        return statements + [i for i in map_ids if i not in self.order]

    def _said(self, who: str, phrase: str) -> str:
        return f"{who}{self.words.colon}{phrase}"

    def _phrase(self, relation: str, head: str) -> str:
        template = self.words.attacks if relation == "attacks" else self.words.supports
        return template.format(target=self._target(head))

    def _relation_of(self, map_id: str) -> str:
        """What an inference does: a linked argument's relation, or the relation of ``source->target``."""
        argument = self.map.arguments.get(map_id)
        if argument is not None:
            return argument.relation
        source = self.map.nodes.get(self._sources(map_id))
        target = self._target(map_id)
        attacked = source is not None and any(ref.target == target for ref in source.attacks)
        return "attacks" if attacked else "supports"

    def _sources(self, map_id: str) -> str:
        """Who speaks through ``map_id``: a statement itself, an argument's premises, an inference's source."""
        if map_id in self.map.nodes:
            return map_id
        argument = self.map.arguments.get(map_id)
        if argument is not None:
            return self.words.and_.join(dict.fromkeys(p.target for p in argument.premises))
        return map_id.split("->")[0] if "->" in map_id else map_id

    def _target(self, map_id: str) -> str:
        """What ``map_id`` bears on: a statement itself, an argument's target, an inference's target."""
        if map_id in self.map.nodes:
            return map_id
        argument = self.map.arguments.get(map_id)
        if argument is not None:
            return argument.target.target
        return map_id.split("->")[-1]


def unique_titles(titles: Sequence[str], kept: Collection[int] = ()) -> list[str]:
    """``titles`` made unique: a title several slides share is numbered, ``(2/3)``.

    The slides at the indices ``kept`` (the title slide) keep their titles as they are
    and count as the first of those that share it.
    """
    counts = Counter(titles)
    seen = Counter(title for index, title in enumerate(titles) if index in kept)
    unique = []
    for index, title in enumerate(titles):
        if index in kept or counts[title] < 2:
            unique.append(title)
            continue
        seen[title] += 1
        unique.append(f"{title} ({seen[title]}/{counts[title]})")
    return unique


def deck_titles(deck: Deck) -> list[str]:
    """The slides' titles, unique: slides sharing one (a build-up split in several) are numbered, the title slide is not."""
    return unique_titles([slide.title for slide in deck.slides], [i for i, s in enumerate(deck.slides) if s.figure is None])

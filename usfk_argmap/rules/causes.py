"""What cuts nodes off from the root at its source, found once for the rules that report it or its follow-ons.

A beginner writes the thesis's reasons under the thesis (``T: supports: [C1, C2]``),
the evidence above its premise, an undercut's ``from`` and ``to`` swapped, or a
list of ids as one text (``premises: P2, P3``). Each leaves nodes cut off from the
root, and the other rules would report every one of them; AM108 (or AM101) names
the one cause, and the others say they follow from it.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from usfk_argmap.analysis.links import Links
from usfk_argmap.core.model import ArgumentMap, Position, Ref, Undercut

#: How far down the chain from a thesis to its evidence each kind stands: a node supports one above it.
_RANK: dict[str, int] = {"thesis": 4, "claim": 3, "premise": 2, "assumption": 2, "evidence": 1}


@dataclass(frozen=True)
class Reversal:
    """Relations of ``owner`` written the wrong way round.

    ``targets`` are the nodes it ``supports`` that should support it instead
    (empty for a swapped undercut, whose entry is ``undercut``).
    """

    owner: str
    position: Position
    targets: tuple[str, ...] = ()
    undercut: Undercut | None = None

    @property
    def cause(self) -> str:
        """The phrase the rules append to the findings it probably caused."""
        return f"probably because of the reversed relation at line {self.position.line}"


def find_reversals(argument_map: ArgumentMap, links: Links) -> list[Reversal]:
    """Every reversal of the map, in file order of their owners.

    A ``supports`` from A to B is reversed when B leads nowhere near the root
    and A stands above B: A is the root, or A's kind comes before B's in the
    chain thesis > claim > premise, assumption > evidence. A reached by the
    root's reasons or by a reversal above it counts, so a chain written upside
    down is found link by link. An undercut ``{from: X, to: Y}`` is swapped
    when X has no relation to Y but Y has one to X.
    """
    root = argument_map.root
    nodes = argument_map.nodes
    if root not in nodes or root not in links:
        return []
    connected = links.ancestors(root) | {root}
    reached = set(connected)
    found: dict[str, Reversal] = {}
    queue: deque[str] = deque(node_id for node_id in nodes if node_id in connected)
    while queue:
        owner = nodes[queue.popleft()]
        refs = [
            ref
            for ref in owner.supports
            if ref.target in nodes
            and ref.target not in reached
            and (owner.id == root or _RANK.get(owner.kind, 0) > _RANK.get(nodes[ref.target].kind, 9))
        ]
        if refs:
            targets = tuple(dict.fromkeys(ref.target for ref in refs))
            found[owner.id] = Reversal(owner.id, refs[0].position, targets)
            reached.update(targets)
            queue.extend(targets)
    for node in nodes.values():
        for undercut in node.undercuts:
            source, target = undercut.source, undercut.target
            if (
                undercut.is_relation
                and source in nodes
                and target in nodes
                and argument_map.relation(source, target) is None
                and argument_map.relation(target, source) is not None
            ):
                found.setdefault(node.id, Reversal(node.id, undercut.source_position or undercut.position, undercut=undercut))
    return sorted(found.values(), key=lambda reversal: (reversal.position.line, reversal.position.column))


@dataclass(frozen=True)
class TextList:
    """Ids written as one text where a list was meant: ``premises: P2, P3`` names the unknown id 'P2, P3'."""

    text: str
    ids: tuple[str, ...]
    position: Position

    @property
    def cause(self) -> str:
        """The phrase the rules append to the findings it probably caused."""
        return f"probably because of the ids written as one text {self.text!r} at line {self.position.line}"


#: What separates ids typed as text: commas (ASCII, full-width, the enumeration comma), semicolons, spaces.
_SEPARATORS = re.compile(r"[\s,，、;；]+")
#: The brackets a list typed as text may keep around its ids.
_BRACKETS = "[]［］【】「」{}｛｝"


def find_text_lists(argument_map: ArgumentMap) -> list[TextList]:
    """Every reference that names no node but whose text is two or more node ids (``P2, P3``, ``[P2，P3]``)."""
    nodes = argument_map.nodes
    refs: list[Ref] = [ref for node in nodes.values() for relation in (node.supports, node.attacks) for ref in relation]
    refs += [premise for argument in argument_map.arguments.values() for premise in argument.premises]
    found: list[TextList] = []
    for ref in refs:
        if ref.target in nodes:
            continue
        ids = tuple(part for part in _SEPARATORS.split(ref.target.strip(_BRACKETS + " ")) if part)
        if len(ids) >= 2 and all(part in nodes for part in ids):
            found.append(TextList(ref.target, ids, ref.position))
    return found


def caused_by(causes: Iterable[Reversal | TextList], links: Links, root: str) -> dict[str, Reversal | TextList]:
    """For each node that is cut off from the root because of a reversal or ids written as text, that cause.

    The nodes each cause cuts off: the ids it names (a reversal's targets; for
    a swapped undercut, its owner) and everything that leads to them, where
    they do not reach the root today.
    """
    connected = links.ancestors(root) | {root} if root in links else set()
    result: dict[str, Reversal | TextList] = {}
    for cause in causes:
        starts = cause.ids if isinstance(cause, TextList) else cause.targets or (cause.owner,)
        for start in starts:
            for node_id in (start, *sorted(links.ancestors(start))):
                if node_id not in connected:
                    result.setdefault(node_id, cause)
    return result

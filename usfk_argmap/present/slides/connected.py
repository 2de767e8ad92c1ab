"""Whether a picture of some statements is one connected piece, and the statements that would join its pieces.

The slide plan asks this many times for one map: ``MapLines`` reads the map's lines once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.core.model import Argument, ArgumentMap


@dataclass(frozen=True)
class MapLines:
    """What the connectedness of a picture depends on, read off the map once (a plan asks many times)."""

    #: Statements and joints (linked arguments, undercut relations), each with what a line joins it to.
    neighbours: dict[str, set[str]]
    #: Joint id -> (its premises or reason, its conclusion): a joint is drawn when its conclusion and one of those are.
    joints: dict[str, tuple[list[str], str]]
    #: A sort key: statements in file order, then linked arguments (the plan never depends on set order).
    order: Callable[[str], int]
    #: Statement id -> the joints it is the conclusion of (a picture's joints are found from what it draws).
    joints_on: dict[str, list[str]] = field(default_factory=dict)
    #: Statement id -> the linked arguments it is a premise of, and those it is the conclusion of.
    premise_in: dict[str, list[Argument]] = field(default_factory=dict)
    arguments_on: dict[str, list[Argument]] = field(default_factory=dict)

    @classmethod
    def of(cls, argument_map: ArgumentMap) -> MapLines:
        from usfk_argmap.analysis.links import build_links

        neighbours: dict[str, set[str]] = {}
        for source, lines in build_links(argument_map).successors.items():
            neighbours.setdefault(source, set())
            for target, _ in lines:
                neighbours[source].add(target)
                neighbours.setdefault(target, set()).add(source)
        joints: dict[str, tuple[list[str], str]] = {}
        for argument in argument_map.arguments.values():
            if argument.id not in argument_map.nodes:
                joints[argument.id] = ([p.target for p in argument.premises], argument.target.target)
        for joint, (reason, target, _) in undercut_relations(argument_map).items():
            joints.setdefault(joint, ([reason], target))
        index = {n: i for i, n in enumerate(argument_map.nodes)}
        index.update({a: len(index) + i for i, a in enumerate(argument_map.arguments)})
        joints_on: dict[str, list[str]] = {}
        for joint, (_, conclusion) in joints.items():
            joints_on.setdefault(conclusion, []).append(joint)
        premise_in: dict[str, list[Argument]] = {}
        arguments_on: dict[str, list[Argument]] = {}
        for argument in argument_map.arguments.values():
            arguments_on.setdefault(argument.target.target, []).append(argument)
            for premise in dict.fromkeys(p.target for p in argument.premises if p.target in argument_map.nodes):
                premise_in.setdefault(premise, []).append(argument)
        return cls(neighbours, joints, lambda key: index.get(key, len(index)), joints_on, premise_in, arguments_on)


def drawn_components(argument_map: ArgumentMap, drawn: Collection[str], lines: MapLines | None = None) -> list[set[str]]:
    """The pieces a picture of the ``drawn`` statements falls into (joints of linked arguments count)."""
    lines = lines or MapLines.of(argument_map)
    drawn = set(drawn)
    graph = lines.neighbours
    present = set(drawn)
    for conclusion in drawn:  # the joints of what is drawn only: a picture costs what it draws, not the map
        for joint in lines.joints_on.get(conclusion, ()):
            if any(source in drawn for source in lines.joints[joint][0]):
                present.add(joint)
    pieces: list[set[str]] = []
    seen: set[str] = set()
    for start in sorted(present, key=lines.order):
        if start in seen:
            continue
        piece = {start}
        queue = deque([start])
        seen.add(start)
        while queue:
            for other in graph.get(queue.popleft(), ()):
                if other in present and other not in seen:
                    seen.add(other)
                    piece.add(other)
                    queue.append(other)
        pieces.append(piece & drawn)
    return [p for p in pieces if p]


def bridges(argument_map: ArgumentMap, drawn: set[str], lines: MapLines) -> set[str]:
    """Statements that join the pieces of a picture: the shortest chain from the first piece to each other one."""
    added: set[str] = set()
    graph, joints, order = lines.neighbours, lines.joints, lines.order
    for _ in range(len(drawn)):
        pieces = drawn_components(argument_map, drawn | added, lines)
        if len(pieces) <= 1:
            break
        start, rest = pieces[0], set().union(*pieces[1:])
        previous: dict[str, str | None] = {n: None for n in start}
        queue = deque(sorted(start, key=order))
        reached: str | None = None
        while queue and reached is None:
            current = queue.popleft()
            for other in sorted(graph.get(current, ()), key=order):
                if other in previous:
                    continue
                previous[other] = current
                if other in rest:
                    reached = other
                    break
                queue.append(other)
        if reached is None:
            break  # the map itself is in pieces; nothing joins them
        step: str | None = previous[reached]
        while step is not None and step not in start:
            if step in argument_map.nodes:
                added.add(step)
            elif step in joints:  # a joint is drawn only with its conclusion (and one of its reasons)
                sources, conclusion = joints[step]
                added.add(conclusion)
                if not any(s in drawn or s in added for s in sources) and sources:
                    added.add(sources[0])
            step = previous[step]
    return added - drawn

"""The order in which a part of a map is revealed on a slide.

A part is a main claim with everything that bears on it, or a section. Its
nodes appear one unit at a time from the part's top, depth first (a reason,
then the reasons for that reason, then the objections to it and their
rebuttals: the reading order of an outline) or breadth first (a statement's
direct reasons and objections, then their own, level by level: the order a
talk tells it in). A linked argument is one unit: its premises only work together, so
they appear together. This module knows the map only; ``slides`` turns units
into the SVG groups to show.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection
from dataclasses import dataclass

from usfk_argmap.core.model import ArgumentMap, relation_id

_RELATION_ORDER = {"supports": 0, "attacks": 1, "undercuts": 2}


@dataclass(frozen=True)
class Unit:
    """What one build step reveals: statements, and the linked argument they form (if any)."""

    nodes: tuple[str, ...]
    argument: str | None = None


def main_claims(argument_map: ArgumentMap) -> list[str]:
    """The nodes that bear directly on the root (alone or as premises of an argument), in file order."""
    direct = {edge.source for edge in argument_map.edges() if edge.target == argument_map.root}
    return [node_id for node_id in argument_map.nodes if node_id in direct and node_id != argument_map.root]


def subtree(argument_map: ArgumentMap, top: str) -> set[str]:
    """``top`` and every node whose reasoning leads to it (against the arrows, through arguments)."""
    reasons = _reasons(argument_map)
    seen = {top}
    stack = [top]
    while stack:
        current = stack.pop()
        for unit in reasons.get(current, ()):
            for node_id in (*unit.nodes, *_inferences(unit, current)):
                if node_id not in seen:
                    seen.add(node_id)
                    stack.append(node_id)
    return {node_id for node_id in seen if node_id in argument_map.nodes}


def section_tops(argument_map: ArgumentMap, section: str) -> list[str]:
    """The nodes of a section whose relations all lead out of it (or nowhere): where its story starts."""
    members = {n.id for n in argument_map.nodes.values() if n.section == section}
    # An undercut leads to an argument, and so to the argument's conclusion.
    arguments_inside = {a.id for a in argument_map.arguments.values() if a.target.target in members}
    arguments_inside |= {
        relation_id(e.source, e.target)
        for e in argument_map.edges()
        if e.argument is None and e.relation != "undercuts" and e.target in members
    }
    leads_inside = {edge.source for edge in argument_map.edges() if edge.target in members or edge.target in arguments_inside}
    return [node_id for node_id in argument_map.nodes if node_id in members and node_id not in leads_inside]


def build_order(
    argument_map: ArgumentMap, tops: list[str], members: Collection[str], *, breadth_first: bool = False
) -> list[Unit]:
    """The units of ``members`` in reveal order: each top, then depth first (or ``breadth_first``) from it.

    Members that no path from a top reaches come last, in file order.
    """
    return [unit for unit, _ in build_tree(argument_map, tops, members, breadth_first=breadth_first)]


def build_tree(
    argument_map: ArgumentMap, tops: list[str], members: Collection[str], *, breadth_first: bool = False
) -> list[tuple[Unit, str | None]]:
    """``build_order``'s units, each with the statement or argument it bears on (None for a top).

    The pairs form a tree over the members: a slide too full to read can be cut
    at a unit, which takes everything below it to a slide of its own. Depth
    first, a unit's own reasons follow it at once; ``breadth_first``, they wait
    until every unit bearing on the same statement has come (supports, then
    attacks, then undercuts, as in either order).
    """
    reasons = _reasons(argument_map)
    members = set(members)
    shown: set[str] = set()
    order: list[tuple[Unit, str | None]] = []

    def take(unit: Unit, target: str) -> list[str]:
        """Put the part of ``unit`` not shown yet in the order; what bears on it comes next (none if nothing was new)."""
        fresh = tuple(n for n in unit.nodes if n in members and n not in shown)
        if not fresh:
            return []
        shown.update(fresh)
        order.append((Unit(fresh, unit.argument), target))
        return [*fresh, *_inferences(unit, target)]  # objections to the inference come after its premises

    def visit(target: str) -> None:
        if breadth_first:
            queue = deque([target])
            while queue:
                current = queue.popleft()
                for unit in reasons.get(current, ()):
                    queue.extend(take(unit, current))
            return
        for unit in reasons.get(target, ()):
            for next_target in take(unit, target):
                visit(next_target)

    # Each top with its whole story, then the next; members no top reaches come last, in file order.
    for node_id in [*tops, *argument_map.nodes]:
        if node_id in members and node_id not in shown:
            shown.add(node_id)
            order.append((Unit((node_id,)), None))
            visit(node_id)
    return order


def _inferences(unit: Unit, target: str) -> list[str]:
    """The inference a unit makes to ``target``: its argument, or the relation of its one node (undercuts aim there)."""
    if unit.argument is not None:
        return [unit.argument]
    return [relation_id(node_id, target) for node_id in unit.nodes]


def _reasons(argument_map: ArgumentMap) -> dict[str, list[Unit]]:
    """Target id -> the units bearing on it: supports first, then attacks, then undercuts; file order within."""
    found: dict[str, list[tuple[int, int, Unit]]] = {}
    seen_arguments: set[str] = set()
    for index, edge in enumerate(argument_map.edges()):
        if edge.source not in argument_map.nodes or edge.source == edge.target:
            continue
        if edge.argument is not None:
            if edge.argument in seen_arguments:
                continue
            seen_arguments.add(edge.argument)
            premises = tuple(p.target for p in argument_map.arguments[edge.argument].premises if p.target in argument_map.nodes)
            unit = Unit(premises, edge.argument)
        else:
            unit = Unit((edge.source,))
        found.setdefault(edge.target, []).append((_RELATION_ORDER[edge.relation], index, unit))
    return {target: [unit for _, _, unit in sorted(units, key=lambda t: (t[0], t[1]))] for target, units in found.items()}

"""Which statements a drawing shows: all, one section, or the neighbourhood of one claim."""

from __future__ import annotations

from collections import deque

from usfk_argmap.analysis.graph import links, undercut_relations
from usfk_argmap.core.diagnostics import did_you_mean_phrase, same_stem, suggest
from usfk_argmap.core.errors import OptionError, UnknownNodeError
from usfk_argmap.core.model import ArgumentMap


def check_node_id(argument_map: ArgumentMap, node_id: str) -> None:
    """Raise ``UnknownNodeError`` (with the likely intended id) unless the map has this statement."""
    if node_id not in argument_map.nodes:
        hint = suggest(node_id, list(argument_map.nodes))
        raise UnknownNodeError(node_id, hint, () if hint else same_stem(node_id, argument_map.nodes))


def check_section_id(argument_map: ArgumentMap, section_id: str) -> None:
    """Raise ``ValueError`` (with the likely intended id) unless the map has this section."""
    if section_id not in argument_map.sections:
        hint = suggest(section_id, list(argument_map.sections))
        known = ", ".join(argument_map.sections) or "none"
        extra = f"{did_you_mean_phrase(hint)} " if hint else ""
        raise OptionError(f"no section {section_id!r} in the map ({extra}sections: {known})")


def neighbourhood(argument_map: ArgumentMap, focus: str, depth: int) -> set[str]:
    """The statements within ``depth`` relations of ``focus``, in either direction.

    A linked argument counts as one relation between each premise and the
    conclusion, and an undercut as one relation between the undercutting node
    and the inference's premises and conclusion (the argument's, or the
    reason and target of an undercut relation).
    """
    return set(distances(argument_map, focus, depth))


def distances(argument_map: ArgumentMap, focus: str, depth: int | None = None) -> dict[str, int]:
    """How many relations away from ``focus`` each statement within ``depth`` of it is (None: any number).

    Relations count as ``neighbourhood`` counts them; one pass over the map gives every
    depth's neighbourhood at once.
    """
    check_node_id(argument_map, focus)
    neighbours: dict[str, set[str]] = {node_id: set() for node_id in argument_map.nodes}

    def link(first: str, second: str) -> None:
        if first in neighbours and second in neighbours:
            neighbours[first].add(second)
            neighbours[second].add(first)

    # What each joint joins: a linked argument its premises and conclusion, an undercut relation its two ends.
    members = {
        argument.id: [p.target for p in argument.premises] + [argument.target.target]
        for argument in argument_map.arguments.values()
    }
    conclusion = {argument.id: argument.target.target for argument in argument_map.arguments.values()}
    for joint, (reason, target, _relation) in undercut_relations(argument_map).items():
        members.setdefault(joint, [reason, target])
        conclusion.setdefault(joint, target)
    for edge in links(argument_map):
        if edge.relation == "undercuts":
            for member in members.get(edge.target, []):
                link(edge.source, member)
        elif edge.relation == "premise":
            link(edge.source, conclusion[edge.target])
        else:  # a statement's own relation; a joint's line to its conclusion joins nothing new
            link(edge.source, edge.target)
    seen = {focus: 0}
    queue = deque([focus])
    while queue:
        current = queue.popleft()
        if depth is not None and seen[current] >= depth:
            continue
        for neighbour in sorted(neighbours[current]):
            if neighbour not in seen:
                seen[neighbour] = seen[current] + 1
                queue.append(neighbour)
    return seen


def section_members(argument_map: ArgumentMap, section_id: str) -> set[str]:
    """The statements of one section."""
    check_section_id(argument_map, section_id)
    return {node.id for node in argument_map.nodes.values() if node.section == section_id}


def complete_arguments(argument_map: ArgumentMap, shown: set[str]) -> set[str]:
    """``shown`` plus the missing co-premises of every linked argument it shows in part.

    A linked argument drawn with some of its premises would misstate it: its
    premises support the conclusion only together.
    """
    result = set(shown)
    for argument in argument_map.arguments.values():
        premises = [p.target for p in argument.premises if p.target in argument_map.nodes]
        if argument.target.target in result and any(p in result for p in premises):
            result.update(premises)
    return result

"""Preferred semantics: the complete labellings whose in-set is maximal, found part by part.

The grounded labelling fixes every argument off the attack cycles. Of what it
leaves undecided, the **core** is what lies on a cycle or attacks into one;
the rest lies **downstream** of the core, its labels a function of the core's
(in when all its attackers are out, out when one is in). A complete labelling
whose core in-set is larger has a larger in-set downstream too (out-sets grow
with in-sets), so the preferred labellings are the maximal labellings of the
core, carried downstream. The core falls into **parts** that no attack joins
(two objections that attack each other, far from two others that do): each
part is searched alone, ten such pairs are ten searches of three labellings,
not one of 3^10. The label an argument of a part gets in every or some
preferred labelling is read off its part's; a downstream argument's, off the
combinations of the parts that attack downstream.

The search is exponential in the worst case, so it is bounded, each bound
ending in ``EvaluationLimitError`` (the command's "gave up" message): the
undecided arguments (``MAX_UNDECIDED``), the search steps (``MAX_STEPS``), the
complete labellings of a part kept in memory (``MAX_KEPT``), the combinations
of parts walked (``MAX_COMBINED``) and the time (``MAX_SECONDS``).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Literal

from usfk_argmap.analysis.framework import Framework
from usfk_argmap.core.errors import ArgmapError

Label = Literal["in", "out", "undec"]

#: Past this many arguments that the grounded labelling leaves undecided, the search is not started.
MAX_UNDECIDED = 200
#: Search steps over all parts of a map.
MAX_STEPS = 200_000
#: Complete labellings kept at once for one part (each is a dict: this bounds the memory).
MAX_KEPT = 20_000
#: Labellings of a whole map written out by ``preferred_labellings`` (the commands never need them).
MAX_COMBINED = 100_000
#: Wall-clock seconds the search may take (each command answers, or gives up, within about this).
MAX_SECONDS = 8.0


class EvaluationLimitError(ArgmapError):
    """Preferred semantics would take too long on this map."""


def grounded_labelling(framework: Framework) -> dict[str, Label]:
    """The grounded labelling, in O(arguments + attacks).

    An argument is in once all its attackers are out, out once one attacker is
    in; what neither rule reaches is undec.
    """
    from collections import deque

    targets = framework.targets()
    alive = {argument: len(framework.attackers.get(argument, ())) for argument in framework.arguments}
    labels: dict[str, Label] = {}
    queue = deque(argument for argument in framework.arguments if alive[argument] == 0)
    while queue:
        argument = queue.popleft()
        if argument in labels:
            continue
        labels[argument] = "in"
        for target in targets.get(argument, ()):
            if target in labels:
                continue
            labels[target] = "out"
            for next_target in targets.get(target, ()):
                alive[next_target] -= 1
                if alive[next_target] == 0 and next_target not in labels:
                    queue.append(next_target)
    for argument in framework.arguments:
        labels.setdefault(argument, "undec")
    return labels


def undecided_parts(framework: Framework, grounded: Mapping[str, Label]) -> tuple[list[list[str]], list[str]]:
    """The core's parts (each in framework order), and the downstream arguments in an order that puts attackers first."""
    open_arguments = [a for a in framework.arguments if grounded[a] == "undec"]
    undecided = set(open_arguments)
    targets = framework.targets()
    core = _on_or_into_cycles(framework, open_arguments, undecided, targets)
    parent = {a: a for a in open_arguments if a in core}

    def root(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for target in parent:
        for attacker in framework.attackers.get(target, ()):
            if attacker in parent:
                parent[root(attacker)] = root(target)
    parts: dict[str, list[str]] = {}
    for argument in open_arguments:
        if argument in parent:
            parts.setdefault(root(argument), []).append(argument)
    return list(parts.values()), _attackers_first([a for a in open_arguments if a not in core], framework, core)


def _on_or_into_cycles(
    framework: Framework, open_arguments: list[str], undecided: set[str], targets: Mapping[str, list[str]]
) -> set[str]:
    """The undecided arguments that lie on an attack cycle or attack into one (every other one is downstream)."""
    # An argument is downstream once everything it attacks is: peel those off from the sinks up.
    remaining = {a: sum(1 for t in targets.get(a, ()) if t in undecided) for a in open_arguments}
    queue = [a for a, count in remaining.items() if count == 0]
    downstream: set[str] = set()
    while queue:
        argument = queue.pop()
        downstream.add(argument)
        for attacker in framework.attackers.get(argument, ()):
            if attacker in remaining and attacker not in downstream:
                remaining[attacker] -= 1
                if remaining[attacker] == 0:
                    queue.append(attacker)
    return undecided - downstream


def _attackers_first(downstream: list[str], framework: Framework, core: set[str]) -> list[str]:
    """The downstream arguments ordered so that each comes after its downstream attackers."""
    members = set(downstream)
    waiting = {a: sum(1 for x in framework.attackers.get(a, ()) if x in members) for a in downstream}
    targets: dict[str, list[str]] = {}
    for argument in downstream:
        for attacker in framework.attackers.get(argument, ()):
            if attacker in members:
                targets.setdefault(attacker, []).append(argument)
    ready = [a for a in downstream if waiting[a] == 0]
    ordered: list[str] = []
    while ready:
        argument = ready.pop()
        ordered.append(argument)
        for target in targets.get(argument, ()):
            waiting[target] -= 1
            if waiting[target] == 0:
                ready.append(target)
    return ordered


class _Budget:
    """The steps and the time a map's search may still take."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.steps = 0
        self.clock = clock
        self.deadline = clock() + MAX_SECONDS

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise EvaluationLimitError(f"preferred semantics: gave up after {MAX_STEPS:,} search steps; use --semantics grounded")
        if self.steps % 64 == 0 and self.clock() > self.deadline:
            raise EvaluationLimitError(
                f"preferred semantics: gave up after {MAX_SECONDS:g} seconds of search; use --semantics grounded"
            )


def _part_labellings(
    framework: Framework, targets: Mapping[str, list[str]], part: list[str], grounded: Mapping[str, Label], budget: _Budget
) -> list[dict[str, Label]]:
    """The preferred labellings of one part, restricted to its arguments (``targets``: who each argument attacks)."""
    members = set(part)
    complete: list[dict[str, Label]] = []

    def legal(labels: dict[str, Label], argument: str) -> bool:
        """Whether ``argument``'s label can still be right, given the labels of its attackers so far."""
        attacker_labels = [
            labels.get(a, grounded[a] if a not in members else None) for a in framework.attackers.get(argument, ())
        ]
        label = labels[argument]
        if label == "in":
            return all(x in ("out", None) for x in attacker_labels)
        if label == "out":
            return any(x in ("in", None) for x in attacker_labels)
        return not all(x == "out" for x in attacker_labels) and all(x != "in" for x in attacker_labels)

    def search(index: int, labels: dict[str, Label]) -> None:
        budget.step()
        if index == len(part):
            if len(complete) >= MAX_KEPT:
                raise EvaluationLimitError(
                    f"preferred semantics: gave up after {MAX_KEPT:,} complete labellings of one part of the map; "
                    "use --semantics grounded"
                )
            complete.append(dict(labels))
            return
        argument = part[index]
        for label in ("in", "out", "undec"):
            labels[argument] = label
            touched = [argument, *(t for t in targets.get(argument, ()) if t in members)]
            if all(legal(labels, a) for a in touched if a in labels):
                search(index + 1, labels)
            del labels[argument]

    search(0, {})
    return _maximal(complete)


def _maximal(complete: list[dict[str, Label]]) -> list[dict[str, Label]]:
    """The labellings whose in-set no other's strictly contains, in the order found.

    Largest in-sets first: a labelling is kept when no kept one contains its in-set, so the
    work is the labellings times the maximal ones, not the labellings squared.
    """
    in_sets = [frozenset(a for a, label in labels.items() if label == "in") for labels in complete]
    order = sorted(range(len(complete)), key=lambda index: -len(in_sets[index]))
    kept: list[int] = []
    for index in order:
        if not any(in_sets[index] < in_sets[other] for other in kept):
            kept.append(index)
    return [complete[index] for index in sorted(kept)]


class _Search:
    """One map's preferred search: its grounded labelling, its parts' preferred labellings, and what lies downstream."""

    def __init__(self, framework: Framework, clock: Callable[[], float]) -> None:
        self.framework = framework
        self.grounded = grounded_labelling(framework)
        parts, self.downstream = undecided_parts(framework, self.grounded)
        undecided = sum(len(part) for part in parts) + len(self.downstream)
        if undecided > MAX_UNDECIDED:
            raise EvaluationLimitError(
                f"preferred semantics: {undecided} arguments lie on attack cycles, over the limit of "
                f"{MAX_UNDECIDED}; use --semantics grounded"
            )
        self.budget = _Budget(clock)
        targets = framework.targets()
        self.parts = [_part_labellings(framework, targets, part, self.grounded, self.budget) for part in parts]

    def combinations(self, parts: list[list[dict[str, Label]]]) -> Iterator[dict[str, Label]]:
        """Every combination of the given parts' labellings, carried downstream (at most ``MAX_COMBINED``)."""
        count = 1
        for labellings in parts:
            count *= len(labellings)
        if count > MAX_COMBINED:
            raise EvaluationLimitError(
                f"preferred semantics: gave up: {count:,} combinations of preferred labellings, over the limit of "
                f"{MAX_COMBINED:,}; use --semantics grounded"
            )
        for choice in itertools.product(*parts):
            self.budget.step()
            labels: dict[str, Label] = {}
            for labelling in choice:
                labels.update(labelling)
            yield self.carried_downstream(labels)

    def carried_downstream(self, core: dict[str, Label]) -> dict[str, Label]:
        """``core``'s labels with the downstream arguments' labels that follow from them."""
        labels = core
        for argument in self.downstream:
            found = [labels.get(a, self.grounded[a]) for a in self.framework.attackers.get(argument, ())]
            labels[argument] = "in" if all(x == "out" for x in found) else "out" if "in" in found else "undec"
        return labels

    def attacking_downstream(self) -> list[list[dict[str, Label]]]:
        """The parts whose arguments attack a downstream argument: only their combinations decide downstream."""
        attackers = {a for d in self.downstream for a in self.framework.attackers.get(d, ())}
        return [labellings for labellings in self.parts if labellings and any(a in attackers for a in labellings[0])]


def preferred_acceptance(framework: Framework, acceptance: str, clock: Callable[[], float] = time.monotonic) -> dict[str, Label]:
    """Each argument's label under preferred semantics: out when every preferred labelling says out;
    in when every one (sceptical) or some one (credulous) says in; undec otherwise."""
    search = _Search(framework, clock)
    labels = dict(search.grounded)
    seen: dict[str, set[Label]] = {}
    for labellings in search.parts:
        for labelling in labellings:
            for argument, label in labelling.items():
                seen.setdefault(argument, set()).add(label)
    if search.downstream:
        for combination in search.combinations(search.attacking_downstream()):
            for argument in search.downstream:
                seen.setdefault(argument, set()).add(combination[argument])
    for argument, found in seen.items():
        labels[argument] = _accepted(found, acceptance)
    return labels


def _accepted(seen: set[Label], acceptance: str) -> Label:
    if seen == {"out"}:
        return "out"
    if acceptance == "credulous":
        return "in" if "in" in seen else "undec"
    return "in" if seen == {"in"} else "undec"


def preferred_labellings(framework: Framework, clock: Callable[[], float] = time.monotonic) -> list[dict[str, Label]]:
    """Every preferred labelling of the map: each combination of its parts', carried downstream."""
    search = _Search(framework, clock)
    decided: dict[str, Label] = {a: label for a, label in search.grounded.items() if label != "undec"}
    return [{**decided, **labels} for labels in search.combinations(search.parts)]

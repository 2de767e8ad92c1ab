"""Which claims stand: labels of the attack graph, and each statement's status.

Labels (in / out / undec) are a labelling of the map's attack graph
(``usfk_argmap.analysis.framework``): the grounded one by default, computed in
time linear in the map; or, under preferred semantics, what every (sceptical)
or some (credulous) preferred labelling says.

A statement's **status** adds the supports: it is *established* when its label
is in and it either needs no reason (a premise, evidence, assumption,
objection or rebuttal that nothing is written to support) or at least one of
its reasons is established: a supporting statement whose inference no in
statement undercuts, or a linked argument whose premises are all established
and whose label is in. It is *defeated* when its label is out, and *open*
otherwise. Support that goes round in a circle establishes nothing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from usfk_argmap.analysis.framework import Framework, Inference, build_framework
from usfk_argmap.core.errors import ArgmapError
from usfk_argmap.core.gcpause import gc_paused
from usfk_argmap.core.model import CONCLUSION_KINDS, ArgumentMap

Label = Literal["in", "out", "undec"]
Status = Literal["established", "defeated", "open"]
SEMANTICS: tuple[str, ...] = ("grounded", "preferred")
ACCEPTANCE: tuple[str, ...] = ("sceptical", "credulous")

#: Preferred semantics is exponential in the worst case: past this many arguments that the grounded
#: labelling leaves undecided, or this many search steps, it stops with EvaluationLimitError.
PREFERRED_MAX_UNDECIDED = 200
PREFERRED_MAX_STEPS = 200_000


class EvaluationLimitError(ArgmapError):
    """Preferred semantics would take too long on this map."""


@dataclass(frozen=True)
class Evaluation:
    """Labels and statuses of a map's statements and linked arguments (auxiliary arguments left out)."""

    semantics: str
    labels: Mapping[str, Label]
    status: Mapping[str, Status]
    framework: Framework
    #: The label of every argument of the framework, auxiliary ones included (for explanations).
    all_labels: Mapping[str, Label]
    acceptance: str | None = None

    def to_dict(self) -> dict[str, object]:
        semantics = self.semantics if self.acceptance is None else f"{self.semantics}-{self.acceptance}"
        return {"semantics": semantics, "labels": dict(self.labels), "status": dict(self.status)}


def grounded_labelling(framework: Framework) -> dict[str, Label]:
    """The grounded labelling, in O(arguments + attacks).

    An argument is in once all its attackers are out, out once one attacker is
    in; what neither rule reaches is undec.
    """
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


def preferred_labellings(framework: Framework) -> list[dict[str, Label]]:
    """Every preferred labelling: the complete labellings whose in-set is maximal.

    The search starts from the grounded labelling (which every complete
    labelling extends) and labels the undecided arguments by backtracking with
    propagation. Raises ``EvaluationLimitError`` past the limits above.
    """
    grounded = grounded_labelling(framework)
    open_arguments = [a for a in framework.arguments if grounded[a] == "undec"]
    if len(open_arguments) > PREFERRED_MAX_UNDECIDED:
        raise EvaluationLimitError(
            f"preferred semantics: {len(open_arguments)} arguments lie on attack cycles, over the limit of "
            f"{PREFERRED_MAX_UNDECIDED}; use --semantics grounded"
        )
    targets = framework.targets()
    complete: list[dict[str, Label]] = []
    steps = 0

    def legal(labels: dict[str, Label], argument: str) -> bool:
        """Whether ``argument``'s label can still be right, given the labels of its attackers so far."""
        attacker_labels = [labels.get(a) for a in framework.attackers.get(argument, ())]
        label = labels[argument]
        if label == "in":
            return all(x in ("out", None) for x in attacker_labels)
        if label == "out":
            return any(x in ("in", None) for x in attacker_labels)
        decided_out = all(x == "out" for x in attacker_labels)
        return not decided_out and all(x != "in" for x in attacker_labels)

    def search(index: int, labels: dict[str, Label]) -> None:
        nonlocal steps
        steps += 1
        if steps > PREFERRED_MAX_STEPS:
            raise EvaluationLimitError(
                f"preferred semantics: gave up after {PREFERRED_MAX_STEPS:,} search steps; use --semantics grounded"
            )
        if index == len(open_arguments):
            complete.append(dict(labels))
            return
        argument = open_arguments[index]
        for label in ("in", "out", "undec"):
            labels[argument] = label
            touched = [argument, *targets.get(argument, ())]
            if all(legal(labels, a) for a in touched if a in labels):
                search(index + 1, labels)
            del labels[argument]

    base: dict[str, Label] = {a: grounded[a] for a in framework.arguments if grounded[a] != "undec"}
    search(0, base)
    in_sets = [frozenset(a for a, label in labels.items() if label == "in") for labels in complete]
    return [labels for labels, ins in zip(complete, in_sets, strict=True) if not any(ins < other for other in in_sets)]


def _preferred_label(labellings: list[dict[str, Label]], argument: str, acceptance: str) -> Label:
    seen = {labels[argument] for labels in labellings}
    if seen == {"out"}:
        return "out"
    if acceptance == "credulous":
        return "in" if "in" in seen else "undec"
    return "in" if seen == {"in"} else "undec"


def statuses(argument_map: ArgumentMap, framework: Framework, labels: Mapping[str, Label]) -> dict[str, Status]:
    """Each statement's and linked argument's status (a least fixpoint, linear in the map)."""
    statements = argument_map.nodes
    established: set[str] = set()
    # Horn-style propagation: a statement waits for one established reason, an argument for all its premises.
    waiting_premises = {a: len(set(p)) for a, p in framework.premises.items()}
    argument_of_premise: dict[str, list[str]] = {}
    for argument_id, premises in framework.premises.items():
        for premise in set(premises):
            argument_of_premise.setdefault(premise, []).append(argument_id)
    reasons_from: dict[str, list[Inference]] = {}
    for reasons in framework.support_reasons.values():
        for reason in reasons:
            reasons_from.setdefault(reason.source, []).append(reason)

    def needs_reason(statement: str) -> bool:
        return (
            statements[statement].kind in CONCLUSION_KINDS
            or bool(framework.support_reasons.get(statement))
            or bool(framework.support_arguments.get(statement))
        )

    queue: deque[str] = deque()
    for statement in statements:
        if labels[statement] == "in" and not needs_reason(statement):
            queue.append(statement)
    for argument_id, count in waiting_premises.items():
        if count == 0 and labels[argument_id] == "in":
            queue.append(argument_id)

    def undercut(inference: Inference) -> bool:
        return any(labels.get(u) == "in" for u in framework.undercutters.get(inference.key, ()))

    while queue:
        item = queue.popleft()
        if item in established:
            continue
        established.add(item)
        if item in framework.premises:  # an established linked argument: a reason for its target
            target = argument_map.arguments[item].target.target
            if target in statements and labels[target] == "in" and item in framework.support_arguments.get(target, ()):
                queue.append(target)
            continue
        for reason in reasons_from.get(item, ()):
            if labels[reason.target] == "in" and not undercut(reason):
                queue.append(reason.target)
        for argument_id in argument_of_premise.get(item, ()):
            waiting_premises[argument_id] -= 1
            if waiting_premises[argument_id] == 0 and labels[argument_id] == "in":
                queue.append(argument_id)

    result: dict[str, Status] = {}
    for item in [*statements, *framework.premises]:
        if item in established:
            result[item] = "established"
        elif labels[item] == "out":
            result[item] = "defeated"
        else:
            result[item] = "open"
    return result


def evaluate(argument_map: ArgumentMap, *, semantics: str = "grounded", acceptance: str = "sceptical") -> Evaluation:
    """Evaluate a loaded map (any map that loads, whatever the rules say of it)."""
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}; known: {', '.join(SEMANTICS)}")
    if acceptance not in ACCEPTANCE:
        raise ValueError(f"unknown acceptance {acceptance!r}; known: {', '.join(ACCEPTANCE)}")
    with gc_paused():
        return _evaluate(argument_map, semantics, acceptance)


def _evaluate(argument_map: ArgumentMap, semantics: str, acceptance: str) -> Evaluation:
    framework = build_framework(argument_map)
    if semantics == "grounded":
        all_labels = grounded_labelling(framework)
    else:
        labellings = preferred_labellings(framework)
        all_labels = {a: _preferred_label(labellings, a, acceptance) for a in framework.arguments}
    visible = [*argument_map.nodes, *framework.premises]
    labels = {item: all_labels[item] for item in visible}
    return Evaluation(
        semantics,
        labels,
        statuses(argument_map, framework, all_labels),
        framework,
        all_labels,
        acceptance if semantics == "preferred" else None,
    )

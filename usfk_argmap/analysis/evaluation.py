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

``questions`` says how the critical questions of the map's schemes count:
``assumed`` (the default) takes every one as answered, as if the map had no
schemes; ``open`` makes each *assumption* nothing answers an undercut of its
inference, so a claim that rests on an unbacked assumption is not established
(``usfk_argmap.analysis.framework`` has the translation). ``outweighs`` counts
in both.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from usfk_argmap.analysis.framework import QUESTIONS, Framework, Inference, Questions, build_framework
from usfk_argmap.analysis.preferred import (
    EvaluationLimitError,
    Label,
    grounded_labelling,
    preferred_acceptance,
    preferred_labellings,
)
from usfk_argmap.core.gcpause import gc_paused
from usfk_argmap.core.model import CONCLUSION_KINDS, ArgumentMap

Status = Literal["established", "defeated", "open"]
SEMANTICS: tuple[str, ...] = ("grounded", "preferred")
#: Re-exported: the labelling functions are half of what callers ask of this module.
__all__ = [
    "ACCEPTANCE",
    "QUESTIONS",
    "SEMANTICS",
    "Evaluation",
    "EvaluationLimitError",
    "Label",
    "Questions",
    "Status",
    "evaluate",
    "grounded_labelling",
    "preferred_labellings",
    "statuses",
]
ACCEPTANCE: tuple[str, ...] = ("sceptical", "credulous")


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
    #: How the critical questions nothing answers were taken: ``assumed`` or ``open``.
    questions: Questions = "assumed"

    def to_dict(self) -> dict[str, object]:
        semantics = self.semantics if self.acceptance is None else f"{self.semantics}-{self.acceptance}"
        return {"semantics": semantics, "questions": self.questions, "labels": dict(self.labels), "status": dict(self.status)}


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


def evaluate(
    argument_map: ArgumentMap, *, semantics: str = "grounded", acceptance: str = "sceptical", questions: Questions = "assumed"
) -> Evaluation:
    """Evaluate a loaded map (any map that loads, whatever the rules say of it).

    ``questions="open"`` counts the unanswered assumptions of the map's schemes as undercuts.
    """
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}; known: {', '.join(SEMANTICS)}")
    if acceptance not in ACCEPTANCE:
        raise ValueError(f"unknown acceptance {acceptance!r}; known: {', '.join(ACCEPTANCE)}")
    if questions not in QUESTIONS:
        raise ValueError(f"unknown questions {questions!r}; known: {', '.join(QUESTIONS)}")
    with gc_paused():
        return _evaluate(argument_map, semantics, acceptance, questions)


def _evaluate(argument_map: ArgumentMap, semantics: str, acceptance: str, questions: Questions) -> Evaluation:
    framework = build_framework(argument_map, questions=questions)
    grounded = semantics == "grounded"
    all_labels = grounded_labelling(framework) if grounded else preferred_acceptance(framework, acceptance)
    visible = [*argument_map.nodes, *framework.premises]
    labels = {item: all_labels[item] for item in visible}
    return Evaluation(
        semantics,
        labels,
        statuses(argument_map, framework, all_labels),
        framework,
        all_labels,
        acceptance if semantics == "preferred" else None,
        questions,
    )

"""The critical questions of a map's inferences: which each scheme asks, and which statements answer them.

An inference with a scheme (a linked argument's ``scheme:``, or a node's
``schemes: {C1: sign}`` for its own relation) asks its scheme's critical
questions. A statement answers one for the proponent when its ``answers``
names it and it speaks for the inference (it attacks and undercuts nothing);
an attacking or undercutting statement that names a question raises it.

``inference_questions`` lists every inference's questions with their answers,
once, for the check (AM208), the evaluation (``--questions open``), the
explanation and the report alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from usfk_argmap.core.model import ArgumentMap, OwnRelation
from usfk_argmap.core.schemes import CriticalQuestion, Scheme, schemes

#: Which questions a listing asks to be answered: the assumptions (the proponent's burden) or all of them.
Asked = Literal["assumptions", "all"]


@dataclass(frozen=True)
class QuestionState:
    """One critical question of one inference: the statements that answer it and those that raise it."""

    inference: str
    scheme: Scheme
    question: CriticalQuestion
    #: Statements that answer it for the proponent, in file order.
    answered_by: tuple[str, ...]
    #: Statements that raise it against the inference (an attack or undercut naming it), in file order.
    raised_by: tuple[str, ...]

    @property
    def is_open(self) -> bool:
        return not self.answered_by


@dataclass(frozen=True)
class SchemeUse:
    """An inference with a scheme the catalogue has: its conclusion, reasons and every question's state."""

    inference: str
    scheme: Scheme
    conclusion: str
    relation: OwnRelation
    reasons: tuple[str, ...]
    questions: tuple[QuestionState, ...]

    def asked(self, asked: Asked) -> list[QuestionState]:
        """The questions that must be answered: the assumptions, or all of them."""
        return [state for state in self.questions if asked == "all" or state.question.burden == "assumption"]

    def open_questions(self, asked: Asked) -> list[QuestionState]:
        """The asked questions nothing answers, in the scheme's order."""
        return [state for state in self.asked(asked) if state.is_open]


def scheme_uses(argument_map: ArgumentMap) -> dict[str, SchemeUse]:
    """Every inference whose scheme the catalogue has, by inference id, with its questions' answers.

    Linear in the map: the statements that speak against an inference (premises
    of attacking linked arguments) are found once, not once per node. A map
    without schemes does not read the catalogue (its YAML file takes longer to
    read than a large map's check).
    """
    inferences = list(argument_map.schemes())
    if not inferences:
        return {}
    catalogue: Mapping[str, Scheme] = {entry.id: entry for entry in schemes()}
    against = {
        premise.target
        for argument in argument_map.arguments.values()
        if argument.relation == "attacks"
        for premise in argument.premises
    }
    answers: dict[tuple[str, str], list[str]] = {}
    raises: dict[tuple[str, str], list[str]] = {}
    for node in argument_map.nodes.values():
        if not node.answers:
            continue
        for_proponent = not node.attacks and not node.undercuts and node.id not in against
        table = answers if for_proponent else raises
        for answer in node.answers:
            found = table.setdefault((answer.inference, answer.question), [])
            if node.id not in found:
                found.append(node.id)
    uses: dict[str, SchemeUse] = {}
    for inference, scheme_ref, conclusion, relation, reasons in inferences:
        scheme = catalogue.get(scheme_ref.target)
        if scheme is None or inference in uses:
            continue
        states = tuple(
            QuestionState(
                inference,
                scheme,
                question,
                tuple(answers.get((inference, question.id), ())),
                tuple(raises.get((inference, question.id), ())),
            )
            for question in scheme.questions
        )
        uses[inference] = SchemeUse(inference, scheme, conclusion, relation, reasons, states)
    return uses

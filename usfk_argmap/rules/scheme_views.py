"""What the scheme rules (AM111-AM113, AM207-AM209) read off a map: its inferences with a scheme, and sides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from usfk_argmap.core.model import ArgumentMap, OwnRelation, Ref
from usfk_argmap.core.schemes import CriticalQuestion, Scheme, schemes


@dataclass(frozen=True)
class SchemedInference:
    """An inference that names a scheme: a linked argument, or a node's own relation ``R->T``."""

    id: str
    scheme: Ref
    conclusion: str
    relation: OwnRelation
    reasons: tuple[str, ...]
    #: The node or argument whose key names the scheme (what a finding is reported on).
    owner: str

    @property
    def known(self) -> Scheme | None:
        """The scheme from the catalogue, or None for an id it does not have (rule AM111 reports it)."""
        return catalogue_scheme(self.scheme.target)


def catalogue_scheme(scheme_id: str) -> Scheme | None:
    """The catalogue's scheme ``scheme_id``, or None."""
    return next((entry for entry in schemes() if entry.id == scheme_id), None)


def schemed_inferences(argument_map: ArgumentMap) -> dict[str, SchemedInference]:
    """Every inference with a scheme, by inference id (``ArgumentMap.schemes``)."""
    found: dict[str, SchemedInference] = {}
    for inference, scheme, conclusion, relation, reasons in argument_map.schemes():
        owner = inference if inference in argument_map.arguments else reasons[0]
        found[inference] = SchemedInference(inference, scheme, conclusion, relation, reasons, owner)
    return found


def sides(argument_map: ArgumentMap) -> dict[str, set[tuple[str, OwnRelation]]]:
    """For each node, the conclusions it bears on and how: its own relations and its linked arguments'."""
    found: dict[str, set[tuple[str, OwnRelation]]] = {}
    for node in argument_map.nodes.values():
        for ref in node.supports:
            found.setdefault(node.id, set()).add((ref.target, "supports"))
        for ref in node.attacks:
            found.setdefault(node.id, set()).add((ref.target, "attacks"))
    for argument in argument_map.arguments.values():
        for premise in argument.premises:
            found.setdefault(premise.target, set()).add((argument.target.target, argument.relation))
    return found


def speaks_for_proponent(argument_map: ArgumentMap, node_id: str) -> bool:
    """Whether a node's answer answers a question (it attacks and undercuts nothing) rather than raising it."""
    node = argument_map.nodes.get(node_id)
    if node is None or node.attacks or node.undercuts:
        return False
    return not any(
        argument.relation == "attacks" and any(premise.target == node_id for premise in argument.premises)
        for argument in argument_map.arguments.values()
    )


@dataclass(frozen=True)
class QuestionStatus:
    """One critical question of an inference with a known scheme: who answers it for the proponent, who raises it."""

    inference: SchemedInference
    question: CriticalQuestion
    #: The nodes whose ``answers`` answer the question (nodes that speak for the proponent), in map order.
    answered_by: tuple[str, ...]
    #: The nodes whose ``answers`` raise it (objections, undercutters), in map order.
    raised_by: tuple[str, ...]

    @property
    def open(self) -> bool:
        """Whether the question is open: no ``answers`` entry answers it (raising it does not close it)."""
        return not self.answered_by


def question_statuses(argument_map: ArgumentMap) -> list[QuestionStatus]:
    """Every critical question of every inference whose scheme the catalogue knows, in map and catalogue order.

    The one place that decides which questions are answered and which stay
    open: a node answers a question when it names it in ``answers`` and speaks
    for the proponent (``speaks_for_proponent``); a node that attacks or
    undercuts raises it instead. Rule AM208, the report and the slides' defence
    appendix all read this.
    """
    answering: dict[tuple[str, str], list[str]] = {}
    raising: dict[tuple[str, str], list[str]] = {}
    for node in argument_map.nodes.values():
        if not node.answers:
            continue
        table = answering if speaks_for_proponent(argument_map, node.id) else raising
        for answer in node.answers:
            found = table.setdefault((answer.inference, answer.question), [])
            if node.id not in found:
                found.append(node.id)
    statuses: list[QuestionStatus] = []
    for inference in schemed_inferences(argument_map).values():
        scheme = inference.known
        if scheme is None:
            continue
        for question in scheme.questions:
            key = (inference.id, question.id)
            statuses.append(QuestionStatus(inference, question, tuple(answering.get(key, ())), tuple(raising.get(key, ()))))
    return statuses


def open_questions(argument_map: ArgumentMap, asked: Literal["assumptions", "all"]) -> list[QuestionStatus]:
    """The open questions that must be answered: of the *assumption* kind, or (``all``) of every kind."""
    return [
        status
        for status in question_statuses(argument_map)
        if status.open and (asked == "all" or status.question.burden == "assumption")
    ]

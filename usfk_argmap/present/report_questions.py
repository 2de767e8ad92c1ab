"""The report's "Critical questions" section, and its list of every statement that is not established.

Per main claim (and the thesis, for the inferences into it), the inferences
with a scheme that bear on it, directly or further down, each with its
critical questions: answered (by what), raised (by what), open, or an exception
nobody raised. An inference that leads to no main claim is listed last, on its
own. Texts are in the report's language (the scheme catalogue's three; English
for the others).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from usfk_argmap.analysis.evaluation import Evaluation
from usfk_argmap.analysis.explanation import explain
from usfk_argmap.analysis.questions import SchemeUse, scheme_uses
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.core.schemes import Language, catalogue, language_of


@dataclass(frozen=True)
class QuestionEntry:
    """One critical question as the report lists it."""

    id: str
    text: str
    #: The burden in the report's language: assumption or exception.
    burden: str
    #: "answered", "raised", "open" or "not raised" (an exception the map does not ask for).
    state: str
    #: The statements that answer it (answered) or raise it (raised).
    by: tuple[str, ...]


@dataclass(frozen=True)
class InferenceEntry:
    """An inference with a scheme: ``A1`` (linked) or ``S->C`` (a node's own relation)."""

    inference: str
    scheme: str
    scheme_name: str
    conclusion: str
    reasons: tuple[str, ...]
    questions: tuple[QuestionEntry, ...]

    @property
    def open_count(self) -> int:
        return sum(1 for question in self.questions if question.state == "open")


@dataclass(frozen=True)
class QuestionGroup:
    """The inferences that bear on one main claim (or the thesis, or nothing: ``claim`` None)."""

    claim: str | None
    text: str
    #: The names of the schemes used, in order of first use.
    schemes: tuple[str, ...]
    inferences: tuple[InferenceEntry, ...]
    #: Whether ``claim`` is the thesis (the inferences into it from no main claim).
    thesis: bool = False


@dataclass(frozen=True)
class StandingEntry:
    """A statement or linked argument that is defeated or open, with why."""

    id: str
    text: str
    status: str
    why: str


def question_groups(argument_map: ArgumentMap, main: list[str], lang: str) -> list[QuestionGroup]:
    """The "Critical questions" section: the scheme uses grouped by the main claim they bear on, in ``lang``."""
    uses = scheme_uses(argument_map)
    if not uses:
        return []
    language = language_of(lang)
    burdens = catalogue().labels_in(language)["burdens"]
    heads = [argument_map.root, *main] if argument_map.root in argument_map.nodes else main
    under = _main_claim_above(argument_map, heads)
    grouped: dict[str | None, list[SchemeUse]] = {}
    for use in uses.values():
        # An inference into the thesis from a main claim belongs to that claim; one from elsewhere to the thesis.
        head = next((reason for reason in use.reasons if reason in main and use.conclusion == argument_map.root), None)
        grouped.setdefault(head if head is not None else under.get(use.conclusion), []).append(use)
    order = [*heads, None]
    groups = []
    for claim in order:
        members = grouped.get(claim)
        if not members:
            continue
        entries = tuple(_inference_entry(use, argument_map.questions, language, burdens) for use in members)
        used = tuple(dict.fromkeys(entry.scheme_name for entry in entries))
        text = argument_map.nodes[claim].text if claim is not None else ""
        groups.append(QuestionGroup(claim, text, used, entries, thesis=claim is not None and claim == argument_map.root))
    return groups


def not_established(argument_map: ArgumentMap, evaluation: Evaluation, shown: list[str], lang: str) -> list[StandingEntry]:
    """Every statement and linked argument that is defeated or open, but those in ``shown``, each with its reason."""
    entries = []
    for item, status in evaluation.status.items():
        if status == "established" or item in shown:
            continue
        text = (
            argument_map.nodes[item].text
            if item in argument_map.nodes
            else " + ".join(evaluation.framework.premises.get(item, ()))
        )
        why = explain(argument_map, evaluation, item, depth=1).sentence(lang)
        entries.append(StandingEntry(item, text, status, why))
    return entries


def _inference_entry(use: SchemeUse, asked: str, language: Language, burdens: Mapping[str, str]) -> InferenceEntry:
    questions = []
    for state in use.questions:
        question = state.question
        if state.answered_by:
            found, by = "answered", state.answered_by
        elif state.raised_by:
            found, by = "raised", state.raised_by
        elif question.burden == "assumption" or asked == "all":
            found, by = "open", ()
        else:
            found, by = "not raised", ()
        text = question.text.in_language(language)
        questions.append(QuestionEntry(question.id, text, burdens[question.burden], found, by))
    name = use.scheme.name.in_language(language)
    return InferenceEntry(use.inference, use.scheme.id, name, use.conclusion, use.reasons, tuple(questions))


def _main_claim_above(argument_map: ArgumentMap, heads: list[str]) -> dict[str, str]:
    """For each statement, the first of ``heads`` (the thesis, then the main claims) it bears on, directly or not.

    One breadth-first walk down from each head through whatever supports, attacks or undercuts
    into it; a statement under two heads goes to the first reached, each statement once.
    """
    into: dict[str, list[str]] = {}
    for node in argument_map.nodes.values():
        for ref in (*node.supports, *node.attacks):
            into.setdefault(ref.target, []).append(node.id)
        for undercut in node.undercuts:
            target = undercut.target if undercut.argument is None else None
            if undercut.argument is not None and undercut.argument in argument_map.arguments:
                target = argument_map.arguments[undercut.argument].target.target
            if target is not None:
                into.setdefault(target, []).append(node.id)
    for argument in argument_map.arguments.values():
        into.setdefault(argument.target.target, []).extend(premise.target for premise in argument.premises)
    found: dict[str, str] = {}
    # The main claims first, so that what lies under one is its, not the thesis's.
    for head in [*heads[1:], *heads[:1]]:
        if head in found:
            continue
        found[head] = head
        queue = deque([head])
        while queue:
            item = queue.popleft()
            for below in into.get(item, ()):
                if below not in found:
                    found[below] = head
                    queue.append(below)
    return found

"""Why a statement has its status: the reasons, objections and answers that decide it.

``explain`` walks from one statement (or linked argument) to what decides its
label and its support, and keeps going from each of those, once per item, up
to a depth. ``Explanation.sentence`` says it the way a thesis author would;
``to_dict`` gives the same tree as data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from usfk_argmap.analysis.evaluation import Evaluation
from usfk_argmap.analysis.framework import ATTACK_PREFIX, UNLESS_PREFIX, Inference
from usfk_argmap.core.model import ArgumentMap

#: How far ``explain`` follows the chain by default.
DEFAULT_DEPTH = 3


@dataclass
class Step:
    """One item that bears on the explained one, and how."""

    #: "reason" (a support), "argument" (a linked argument in support), "attack", "undercut-of-attack".
    role: str
    id: str
    status: str
    label: str
    #: For an undercut attack: the objection whose bearing is cut, and who cuts it.
    objection: str | None = None
    undercutters: list[str] = field(default_factory=list)
    #: For a support whose inference an in statement undercuts.
    undercut_by: list[str] = field(default_factory=list)
    detail: Explanation | None = None

    def to_dict(self) -> dict[str, object]:
        result: dict[str, object] = {"role": self.role, "id": self.id, "status": self.status, "label": self.label}
        if self.objection is not None:
            result["objection"] = self.objection
        if self.undercutters:
            result["undercutters"] = self.undercutters
        if self.undercut_by:
            result["undercut_by"] = self.undercut_by
        if self.detail is not None:
            result["why"] = self.detail.to_dict()
        return result


@dataclass
class Explanation:
    id: str
    kind: str
    text: str
    status: str
    label: str
    needs_reason: bool
    attacks: list[Step] = field(default_factory=list)
    reasons: list[Step] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "status": self.status,
            "label": self.label,
            "needs_reason": self.needs_reason,
            "attacks": [s.to_dict() for s in self.attacks],
            "reasons": [s.to_dict() for s in self.reasons],
        }

    def sentence(self) -> str:
        """The explanation in a few plain sentences, one level deep."""
        parts = [f"{self.id} ({_short(self.text)}) is {self.status}."]
        standing = [s for s in self.attacks if s.label == "in"]
        unresolved = [s for s in self.attacks if s.label == "undec"]
        answered = [s for s in self.attacks if s.label == "out"]
        if standing:
            parts.append(
                f"{_names([_attack_name(s) for s in standing])} {_verb(standing, 'stands', 'stand')} against it unanswered."
            )
        if unresolved:
            parts.append(
                f"{_names([_attack_name(s) for s in unresolved])} {_verb(unresolved, 'is', 'are')} "
                "neither answered nor standing (the map leaves an attack cycle or an open objection unresolved)."
            )
        for step in answered:
            parts.append(_answer_sentence(step))
        if not self.attacks:
            parts.append("Nothing in the map attacks it.")
        if not self.needs_reason:
            parts.append("It needs no reason of its own" + (" and is taken as given." if self.label == "in" else "."))
            return " ".join(parts)
        good = [s for s in self.reasons if s.status == "established" and not s.undercut_by]
        if good:
            parts.append(
                f"It rests on {_names([s.id for s in good])}, {'which is' if len(good) == 1 else 'which are'} established."
            )
        elif not self.reasons:
            parts.append("Nothing in the map supports it.")
        else:
            why = []
            for step in self.reasons:
                if step.undercut_by:
                    why.append(f"{step.id} is undercut by {_names(step.undercut_by)}")
                else:
                    why.append(f"{step.id} is {step.status}")
            parts.append(f"None of its reasons is established: {'; '.join(why)}.")
        return " ".join(parts)

    def lines(self, indent: str = "") -> list[str]:
        """The whole tree, one item a line, for the terminal."""
        result = [f"{indent}{self.id} [{self.kind}] {self.status} (label {self.label}): {_short(self.text, 60)}"]
        for step in [*self.attacks, *self.reasons]:
            result.append(f"{indent}  {_step_line(step)}")
            if step.detail is not None:
                result.extend(step.detail.lines(indent + "    "))
        return result


def _step_line(step: Step) -> str:
    if step.role == "undercut-of-attack":
        return (
            f"attacked by {step.objection} ({step.status}), whose bearing is undercut by "
            f"{_names(step.undercutters) or 'nothing in'}"
        )
    if step.role == "attack":
        return f"attacked by {step.id}: {step.status} (label {step.label})"
    extra = f", undercut by {_names(step.undercut_by)}" if step.undercut_by else ""
    return f"supported by {step.id}: {step.status}{extra}"


def _answer_sentence(step: Step) -> str:
    if step.role == "undercut-of-attack":
        cut = step.undercutters
        if cut:
            return (
                f"{step.objection} is granted, but its bearing on it is undercut by {_names(cut)}, "
                "so it does not count against it."
            )
        return f"{step.objection} does not count against it: {step.objection} is itself answered."
    answers = step.undercutters
    if answers:
        return f"{step.id} is answered by {_names(answers)}."
    return f"{step.id} does not stand."


def _attack_name(step: Step) -> str:
    return step.objection if step.objection is not None else step.id


def _verb(steps: list[Step], one: str, many: str) -> str:
    return one if len(steps) == 1 else many


def _names(ids: list[str]) -> str:
    if len(ids) <= 2:
        return " and ".join(ids)
    return ", ".join(ids[:-1]) + " and " + ids[-1]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def explain(argument_map: ArgumentMap, evaluation: Evaluation, item_id: str, *, depth: int = DEFAULT_DEPTH) -> Explanation:
    """Why ``item_id`` (a statement or linked argument) has its status. Raises KeyError for an unknown id."""
    if item_id not in evaluation.status:
        raise KeyError(item_id)
    return _explain(argument_map, evaluation, item_id, depth, {item_id})


def _explain(argument_map: ArgumentMap, evaluation: Evaluation, item_id: str, depth: int, seen: set[str]) -> Explanation:
    framework = evaluation.framework
    labels = evaluation.all_labels
    if item_id in argument_map.nodes:
        node = argument_map.nodes[item_id]
        kind, text = node.kind, node.text
        reasons = list(framework.support_reasons.get(item_id, ()))
        arguments = list(framework.support_arguments.get(item_id, ()))
        needs = kind in ("thesis", "claim") or bool(reasons) or bool(arguments)
    else:
        argument = argument_map.arguments[item_id]
        kind = f"linked argument ({argument.relation} {argument.target.target})"
        text = " + ".join(framework.premises.get(item_id, ()))
        reasons, arguments, needs = [], [], True
    explanation = Explanation(item_id, kind, text, evaluation.status[item_id], labels[item_id], needs)

    def follow(target: str) -> Explanation | None:
        if depth <= 1 or target in seen or target not in evaluation.status:
            return None
        seen.add(target)
        return _explain(argument_map, evaluation, target, depth - 1, seen)

    for attacker in framework.attackers.get(item_id, ()):
        if attacker.startswith(UNLESS_PREFIX):
            continue
        if attacker.startswith(ATTACK_PREFIX):
            objection = attacker[len(ATTACK_PREFIX) :].split("->", 1)[0]
            inference_key = attacker[len(ATTACK_PREFIX) :]
            undercutters = [u for u in framework.undercutters.get(inference_key, ()) if labels.get(u) == "in"]
            explanation.attacks.append(
                Step(
                    "undercut-of-attack",
                    attacker,
                    evaluation.status.get(objection, "open"),
                    labels[attacker],
                    objection=objection,
                    undercutters=undercutters,
                    detail=follow(objection),
                )
            )
            continue
        answers = [a for a in framework.attackers.get(attacker, ()) if labels.get(a) == "in"]
        answers = [a[len(ATTACK_PREFIX) :].split("->", 1)[0] if a.startswith(ATTACK_PREFIX) else a for a in answers]
        explanation.attacks.append(
            Step(
                "attack",
                attacker,
                evaluation.status.get(attacker, "open"),
                labels[attacker],
                undercutters=answers,
                detail=follow(attacker),
            )
        )
    if item_id in framework.premises:
        for premise in framework.premises[item_id]:
            explanation.reasons.append(
                Step("premise", premise, evaluation.status[premise], labels[premise], detail=follow(premise))
            )
    for reason in reasons:
        cut = _undercut_by(evaluation, reason)
        explanation.reasons.append(
            Step(
                "reason",
                reason.source,
                evaluation.status[reason.source],
                labels[reason.source],
                undercut_by=cut,
                detail=follow(reason.source),
            )
        )
    for argument_id in arguments:
        explanation.reasons.append(
            Step("argument", argument_id, evaluation.status[argument_id], labels[argument_id], detail=follow(argument_id))
        )
    return explanation


def _undercut_by(evaluation: Evaluation, inference: Inference) -> list[str]:
    return [u for u in evaluation.framework.undercutters.get(inference.key, ()) if evaluation.all_labels.get(u) == "in"]

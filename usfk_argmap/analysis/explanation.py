"""Why a statement has its status: the reasons, objections, questions and answers that decide it.

``explain`` walks from one statement (or linked argument) to what decides its
label and its support, and keeps going from each of those, once per item, up
to a depth. Each step says how it bears: an attack, an undercut of the
inference, an attack on one premise of a linked argument, a critical question
of the inference's scheme (``--questions open``), an attack kept off by an
undercut or outweighed (``outweighs``). ``Explanation.sentence`` says it the
way a thesis author would, in the map's language (or the one asked for);
``lines`` gives the tree; ``to_dict`` the same tree as data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from usfk_argmap.analysis.evaluation import Evaluation
from usfk_argmap.analysis.framework import ATTACK_PREFIX, QUESTION_PREFIX, REASON_PREFIX, UNLESS_PREFIX, Inference
from usfk_argmap.core.messages import CATALOGUE, catalogue_language, message
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.core.schemes import Scheme, language_of, schemes

#: How far ``explain`` follows the chain by default.
DEFAULT_DEPTH = 3


@dataclass(frozen=True)
class QuestionRef:
    """A critical question of one inference's scheme."""

    inference: str
    scheme: str
    question: str

    def to_dict(self) -> dict[str, str]:
        return {"inference": self.inference, "scheme": self.scheme, "question": self.question}

    def name(self, lang: str) -> str:
        """The scheme's name in ``lang`` (the catalogue's three languages; English for the others)."""
        found = _scheme(self.scheme)
        return found.name.in_language(language_of(lang)) if found is not None else self.scheme

    def text(self, lang: str) -> str:
        """The question's text in ``lang``."""
        found = _scheme(self.scheme)
        if found is None:
            return self.question
        question = next((q for q in found.questions if q.id == self.question), None)
        return question.text.in_language(language_of(lang)) if question is not None else self.question


@dataclass
class Step:
    """One item that bears on the explained one, and how."""

    #: "attack" (attacks it), "undercut" (attacks its inference), "premise-attack" (attacks one premise of a
    #: linked argument), "question" (an open critical question of its inference), "undercut-of-attack" (an attack
    #: whose bearing is undercut or outweighed); and "reason", "argument", "premise" for what supports it.
    role: str
    id: str
    status: str
    label: str
    #: For an undercut attack: the objection whose bearing is cut, and who cuts it.
    objection: str | None = None
    undercutters: list[str] = field(default_factory=list)
    #: For a support whose inference an in statement undercuts.
    undercut_by: list[str] = field(default_factory=list)
    #: For an attack on a premise: the premise.
    premise: str | None = None
    #: For a question: which; for a reason: its inference's open questions (``--questions open``).
    question: QuestionRef | None = None
    open_questions: list[QuestionRef] = field(default_factory=list)
    #: For an attack whose target is weighed: the statements that outweigh it, those in.
    outweighed_by: list[str] = field(default_factory=list)
    detail: Explanation | None = None

    def to_dict(self) -> dict[str, object]:
        result: dict[str, object] = {"role": self.role, "id": self.id, "status": self.status, "label": self.label}
        if self.objection is not None:
            result["objection"] = self.objection
        if self.undercutters:
            result["undercutters"] = self.undercutters
        if self.undercut_by:
            result["undercut_by"] = self.undercut_by
        if self.premise is not None:
            result["premise"] = self.premise
        if self.question is not None:
            result["question"] = self.question.to_dict()
        if self.open_questions:
            result["open_questions"] = [q.to_dict() for q in self.open_questions]
        if self.outweighed_by:
            result["outweighed_by"] = self.outweighed_by
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
    #: The map's language tag: what ``sentence`` and ``lines`` speak unless told otherwise.
    lang: str = "en"
    #: For a linked argument: its relation and its conclusion (``kind`` says them in English, for data).
    argument_of: tuple[str, str] | None = None

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

    def sentence(self, lang: str | None = None) -> str:
        """The explanation in a few plain sentences, one level deep, in ``lang`` (default: the map's language)."""
        say = _Sayer(lang or self.lang)
        parts = [say("explain.is", id=self.id, text=_short(self.text), status=say.status(self.status))]
        standing = [s for s in self.attacks if s.label == "in"]
        plain = [s for s in standing if s.role in ("attack", "undercut-of-attack")]
        if plain:
            key = "explain.stands_one" if len(plain) == 1 else "explain.stands_many"
            parts.append(say(key, names=say.names([say.step_name(s) for s in plain])))
        for step in standing:
            if step.role == "undercut":
                parts.append(say("explain.undercut_stands", id=step.id))
            elif step.role == "premise-attack":
                parts.append(say("explain.premise_stands", id=step.id, premise=step.premise))
            elif step.role == "question" and step.question is not None:
                parts.append(say.question("explain.question_open", step.question))
        unresolved = [s for s in self.attacks if s.label == "undec"]
        if unresolved:
            key = "explain.unresolved_one" if len(unresolved) == 1 else "explain.unresolved_many"
            parts.append(say(key, names=say.names([say.step_name(s) for s in unresolved])))
        for step in self.attacks:
            if step.label == "out":
                parts.append(_answer_sentence(step, say))
        if not self.attacks:
            parts.append(say("explain.unattacked"))
        if not self.needs_reason:
            parts.append(say("explain.given" if self.label == "in" else "explain.no_reason_needed"))
            return say.join_sentences(parts)
        good = [s for s in self.reasons if s.status == "established" and not s.undercut_by and not s.open_questions]
        if good:
            key = "explain.rests_one" if len(good) == 1 else "explain.rests_many"
            parts.append(say(key, names=say.names([s.id for s in good])))
        elif not self.reasons:
            parts.append(say("explain.unsupported"))
        else:
            why = [_reason_clause(step, say) for step in self.reasons]
            parts.append(say("explain.no_reason", why=say("explain.semicolon").join(why)))
        return say.join_sentences(parts)

    def lines(self, indent: str = "", lang: str | None = None) -> list[str]:
        """The whole tree, one item a line, for the terminal, in ``lang`` (default: the map's language)."""
        say = _Sayer(lang or self.lang)
        result = [
            indent
            + say(
                "explain.line_item",
                id=self.id,
                kind=say.kind(self.kind, self.argument_of),
                status=say.status(self.status),
                label=self.label,
                text=_short(self.text, 60),
            )
        ]
        for step in [*self.attacks, *self.reasons]:
            result.append(f"{indent}  {_step_line(step, say)}")
            if step.detail is not None:
                result.extend(step.detail.lines(indent + "    ", lang))
        return result


class _Sayer:
    """The catalogue's messages in one language, and the ways of that language to list ids."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, message_id: str, **values: object) -> str:
        return message(message_id, self.lang, **values)

    def status(self, status: str) -> str:
        return message(f"state.{status}", self.lang)

    def kind(self, kind: str, argument_of: tuple[str, str] | None) -> str:
        """A statement's kind, or a linked argument's relation and conclusion, in this language."""
        if argument_of is not None:
            relation, target = argument_of
            return self("explain.linked", relation=self(f"relation.{relation}"), target=target)
        return self(f"kind.{kind}") if f"kind.{kind}" in CATALOGUE else kind

    def names(self, ids: Sequence[str | None]) -> str:
        listed = [str(i) for i in ids]
        if len(listed) <= 2:
            return self("explain.and").join(listed)
        return self("explain.comma").join(listed[:-1]) + self("explain.and") + listed[-1]

    def question(self, message_id: str, question: QuestionRef, **values: object) -> str:
        return self(
            message_id, question=question.question, scheme=question.name(self.lang), text=question.text(self.lang), **values
        )

    def step_name(self, step: Step) -> str:
        if step.role == "undercut":
            return self("explain.undercut_name", id=step.id)
        if step.role == "premise-attack":
            return self("explain.premise_name", id=step.id, premise=step.premise)
        if step.role == "question" and step.question is not None:
            return self("explain.question_name", question=step.question.question)
        return step.objection if step.objection is not None else step.id

    def join_sentences(self, parts: list[str]) -> str:
        # Chinese and Japanese sentences end in a full-width stop and follow each other without a space.
        return ("" if catalogue_language(self.lang) in ("zh-Hant", "zh-Hans", "ja") else " ").join(parts)


def _step_line(step: Step, say: _Sayer) -> str:
    status = say.status(step.status) if step.role != "question" else ""
    if step.role == "undercut-of-attack":
        if step.undercutters:
            return say("explain.line_cut_attack", objection=step.objection, status=status, names=say.names(step.undercutters))
        if step.outweighed_by:
            return say(
                "explain.line_weighed_attack", objection=step.objection, status=status, names=say.names(step.outweighed_by)
            )
        line = say("explain.line_open_attack", objection=step.objection, status=status)
        for question in step.open_questions:
            line += say("explain.line_support_question", question=question.question)
        return line
    if step.role == "attack":
        return say("explain.line_attack", id=step.id, status=status, label=step.label)
    if step.role == "undercut":
        return say("explain.line_undercut", id=step.id, status=status, label=step.label)
    if step.role == "premise-attack":
        return say("explain.line_premise", id=step.id, premise=step.premise, status=status, label=step.label)
    if step.role == "question" and step.question is not None:
        state = (
            say("explain.question_state_answered", names=say.names(step.undercutters))
            if step.label == "out"
            else say("explain.question_state_open")
        )
        return say("explain.line_question", question=step.question.question, scheme=step.question.name(say.lang), state=state)
    if step.role == "premise":
        return say("explain.line_premise_of", id=step.id, status=status)
    line = say("explain.line_support", id=step.id, status=status)
    if step.undercut_by:
        line += say("explain.line_support_undercut", names=say.names(step.undercut_by))
    for question in step.open_questions:
        line += say("explain.line_support_question", question=question.question)
    return line


def _answer_sentence(step: Step, say: _Sayer) -> str:
    if step.role == "undercut-of-attack":
        if step.undercutters:
            return say("explain.granted", id=step.objection, names=say.names(step.undercutters))
        if step.outweighed_by:
            return say("explain.outweighed", id=step.objection, names=say.names(step.outweighed_by))
        if step.open_questions:
            return say.question("explain.attack_question", step.open_questions[0], id=step.objection)
        return say("explain.answered_objection", id=step.objection)
    if step.role == "question" and step.question is not None:
        return say("explain.question_answered", question=step.question.question, names=say.names(step.undercutters))
    if step.undercutters:
        return say("explain.answered", id=step.id, names=say.names(step.undercutters))
    if step.open_questions:
        return say.question("explain.attack_question", step.open_questions[0], id=step.id)
    return say("explain.falls", id=step.id)


def _reason_clause(step: Step, say: _Sayer) -> str:
    """Why one reason does not establish its target."""
    if step.undercut_by:
        return say("explain.reason_undercut", id=step.id, names=say.names(step.undercut_by))
    if step.open_questions:
        return say.question("explain.reason_question", step.open_questions[0], id=step.id)
    return say("explain.reason_status", id=step.id, status=say.status(step.status))


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _scheme(scheme_id: str) -> Scheme | None:
    return next((entry for entry in schemes() if entry.id == scheme_id), None)


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
    explanation = Explanation(item_id, kind, text, evaluation.status[item_id], labels[item_id], needs, lang=argument_map.lang)
    if item_id in argument_map.arguments and item_id not in argument_map.nodes:
        explanation.argument_of = (argument_map.arguments[item_id].relation, argument_map.arguments[item_id].target.target)

    def follow(target: str) -> Explanation | None:
        if depth <= 1 or target in seen or target not in evaluation.status:
            return None
        seen.add(target)
        return _explain(argument_map, evaluation, target, depth - 1, seen)

    undercutters = set(framework.undercutters.get(item_id, ()))
    premises = framework.premises.get(item_id, [])
    for attacker in framework.attackers.get(item_id, ()):
        if attacker.startswith(UNLESS_PREFIX):
            continue
        if attacker.startswith(QUESTION_PREFIX):
            explanation.attacks.append(_question_step(evaluation, attacker))
            continue
        if attacker.startswith(ATTACK_PREFIX):
            explanation.attacks.append(_cut_attack_step(evaluation, attacker, follow))
            continue
        standing = [a for a in framework.attackers.get(attacker, ()) if labels.get(a) == "in"]
        answers = [_objection_of(a) for a in standing if not a.startswith(QUESTION_PREFIX)]
        questions = [_question_ref(evaluation, a) for a in standing if a.startswith(QUESTION_PREFIX)]
        role, premise = "attack", None
        if attacker in undercutters:
            role = "undercut"
        elif premises:
            premise = next((p for p in premises if attacker in framework.attackers.get(p, ())), None)
            role = "premise-attack" if premise is not None else "attack"
        explanation.attacks.append(
            Step(
                role,
                attacker,
                evaluation.status.get(attacker, "open"),
                labels[attacker],
                undercutters=answers,
                premise=premise,
                open_questions=questions,
                detail=follow(attacker),
            )
        )
    for premise in premises:
        explanation.reasons.append(Step("premise", premise, evaluation.status[premise], labels[premise], detail=follow(premise)))
    for reason in reasons:
        cut = _undercut_by(evaluation, reason)
        explanation.reasons.append(
            Step(
                "reason",
                reason.source,
                evaluation.status[reason.source],
                labels[reason.source],
                undercut_by=[u for u in cut if not u.startswith(QUESTION_PREFIX)],
                open_questions=[_question_ref(evaluation, u) for u in cut if u.startswith(QUESTION_PREFIX)],
                detail=follow(reason.source),
            )
        )
    for argument_id in arguments:
        open_questions = [
            _question_ref(evaluation, a)
            for a in framework.attackers.get(argument_id, ())
            if a.startswith(QUESTION_PREFIX) and labels.get(a) == "in"
        ]
        explanation.reasons.append(
            Step(
                "argument",
                argument_id,
                evaluation.status[argument_id],
                labels[argument_id],
                open_questions=open_questions,
                detail=follow(argument_id),
            )
        )
    return explanation


def _objection_of(argument: str) -> str:
    """The map id an argument stands for: ``attack O->C`` and ``reason R->C`` stand for O and R."""
    for prefix in (ATTACK_PREFIX, REASON_PREFIX):
        if argument.startswith(prefix):
            return argument[len(prefix) :].split("->", 1)[0]
    return argument


def _cut_attack_step(evaluation: Evaluation, attacker: str, follow: Callable[[str], Explanation | None]) -> Step:
    """An attack flattened into ``attack(O→C)``: kept off by an undercut of its inference or by a weighing."""
    framework = evaluation.framework
    labels = evaluation.all_labels
    inference_key = attacker[len(ATTACK_PREFIX) :]
    objection = _objection_of(attacker)
    cut = [u for u in framework.undercutters.get(inference_key, ()) if labels.get(u) == "in"]
    undercutters = [u for u in cut if not u.startswith(QUESTION_PREFIX)]
    questions = [_question_ref(evaluation, u) for u in cut if u.startswith(QUESTION_PREFIX)]
    outweighed_by = [source for source, reason in framework.weighers.get(attacker, ()) if labels.get(reason) == "in"]
    return Step(
        "undercut-of-attack",
        attacker,
        evaluation.status.get(objection, "open"),
        labels[attacker],
        objection=objection,
        undercutters=undercutters,
        open_questions=questions,
        outweighed_by=list(dict.fromkeys(outweighed_by)),
        detail=follow(objection),
    )


def _question_ref(evaluation: Evaluation, argument: str) -> QuestionRef:
    return QuestionRef(*evaluation.framework.questions[argument])


def _question_step(evaluation: Evaluation, argument: str) -> Step:
    """An open critical question of the explained argument's inference; out once an answer is in."""
    labels = evaluation.all_labels
    answers = [a for a in evaluation.framework.attackers.get(argument, ()) if labels.get(a) == "in"]
    status = "established" if labels[argument] == "in" else "defeated" if labels[argument] == "out" else "open"
    ref = _question_ref(evaluation, argument)
    return Step("question", argument, status, labels[argument], undercutters=answers, question=ref)


def _undercut_by(evaluation: Evaluation, inference: Inference) -> list[str]:
    return [u for u in evaluation.framework.undercutters.get(inference.key, ()) if evaluation.all_labels.get(u) == "in"]

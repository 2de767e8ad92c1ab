"""The map's attack graph: an abstract argumentation framework (Dung 1995) read off the map.

Its arguments are the map's statements and linked arguments. A statement's
``attacks`` attack their targets; a linked argument is attacked by whatever
attacks one of its premises, and attacks what it ``attacks``; an ``undercuts``
attacks the inference it names. Supports are not attacks: they decide a
statement's *status* (``usfk_argmap.analysis.evaluation``), not its label.

An undercut of a linked argument attacks the argument itself. An undercut of a
single attack (``O`` attacks ``C``, and ``U`` undercuts that inference) is
written into the framework as two auxiliary arguments, the standard flattening
of an attack on an attack: ``attack(O→C)`` attacks ``C`` and is attacked by
``U`` and by ``unless(O)``, which ``O`` attacks. So ``attack(O→C)`` is in
exactly when ``O`` is in and no undercutter of the inference is in, and ``C`` is
defeated through it just as it would be by ``O``. An undercut of a single
support has no place in the attack graph: it only stops that reason from
counting towards its target's status.

**Critical questions** (``questions="open"``; ``"assumed"``, the default,
leaves them out). Each critical question of the *assumption* kind of an
inference with a scheme becomes an auxiliary argument ``question(I, CQn)``
that undercuts the inference ``I`` exactly as a written undercut does, and
that every statement answering the question for the proponent attacks. So
the question stands (and the inference does not count) until an answer is in;
an answer that is itself defeated reopens it. Questions of the *exception*
kind are the opponent's to raise: they count only through the attack or
undercut that raises them, which is in the map already.

**Weighing** (``outweighs``), a preference-based framework (Amgoud & Cayrol
2002) read off the map once. ``R: {supports: C, outweighs: O}`` with ``O``
attacking ``C``: the attack ``O→C`` succeeds only while no reason that
outweighs it is in. It is flattened as an undercut is, ``attack(O→C)``
attacked by ``unless(O)``, by the undercutters of ``O→C`` and by the
outweighing reason: ``R`` itself when nothing undercuts ``R→C``, else an
auxiliary ``reason(R→C)`` that is in when ``R`` is in and no undercutter of
``R→C`` is. Where ``R`` is a premise of a linked argument ``A`` for ``C``,
the reason is ``A``; where ``O`` is a premise of a linked argument ``B``
against ``C``, the attack weighed is ``B→C``. The objection itself is not
attacked: it stands, and still defeats whatever else it attacks; it is only
the weaker on ``C`` (an undercut says instead that it does not bear on ``C``).
No fixed point is needed: whether the reason is in is a label of the same
framework, so the grounded and preferred labellings decide the preference
together with everything else, in one pass. The reason's own support is not
asked for (labels never ask for support; statuses do).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from usfk_argmap.core.model import Argument, ArgumentMap, relation_id

#: Prefixes of the auxiliary arguments; map ids never start with them (they hold a space).
ATTACK_PREFIX = "attack "
UNLESS_PREFIX = "unless "
QUESTION_PREFIX = "question "
REASON_PREFIX = "reason "

#: How the evaluation takes the critical questions nothing answers: as answered (today's), or as open undercuts.
Questions = Literal["assumed", "open"]
QUESTIONS: tuple[Questions, ...] = get_args(Questions)


@dataclass(frozen=True)
class Inference:
    """One single-reason relation of the map: ``source`` supports or attacks ``target``."""

    source: str
    target: str
    relation: str

    @property
    def key(self) -> str:
        """The relation's id (``usfk_argmap.core.model.relation_id``), by which undercuts name it."""
        return relation_id(self.source, self.target)


@dataclass
class Framework:
    """Arguments in a fixed order and who attacks whom, with what the map calls each attack."""

    arguments: list[str] = field(default_factory=list)
    attackers: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: For each statement, the single reasons that support it, in file order.
    support_reasons: dict[str, list[Inference]] = field(default_factory=lambda: defaultdict(list))
    #: For each statement, the linked arguments that support it.
    support_arguments: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: The premises of each linked argument.
    premises: dict[str, list[str]] = field(default_factory=dict)
    #: Undercutters by what they undercut: a linked argument's id or an inference's key.
    undercutters: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: Each open-question argument's inference, scheme id and question id (``questions="open"`` only).
    questions: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    #: The reasons that outweigh each weighed attack, by the attack's auxiliary argument: (statement, reason argument).
    weighers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def attacks(self) -> Iterator[tuple[str, str]]:
        """Every attack as (attacker, attacked), attacked arguments in order, attackers in the order added."""
        for target in self.arguments:
            for attacker in self.attackers.get(target, ()):
                yield attacker, target

    def targets(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = defaultdict(list)
        for attacker, target in self.attacks():
            result[attacker].append(target)
        return result


def attack_argument(inference: Inference) -> str:
    return ATTACK_PREFIX + inference.key


def question_argument(inference: str, question: str) -> str:
    """The auxiliary argument of an open critical question: ``question A1 CQ2``."""
    return f"{QUESTION_PREFIX}{inference} {question}"


def build_framework(argument_map: ArgumentMap, *, questions: Questions = "assumed") -> Framework:
    """The attack graph of a map; references to unknown ids are left out, as in the graph projection.

    With ``questions="open"``, the assumptions of the schemes become undercuts (see the module's docstring).
    """
    if questions not in QUESTIONS:
        raise ValueError(f"unknown questions {questions!r}; known: {', '.join(QUESTIONS)}")
    framework = Framework()
    statements = argument_map.nodes
    linked = {a.id: a for a in argument_map.arguments.values() if a.id not in statements}
    framework.arguments.extend(statements)
    framework.arguments.extend(linked)

    for node in statements.values():
        for undercut in node.undercuts:
            if undercut.argument is not None:
                if undercut.argument in linked:
                    framework.undercutters[undercut.argument].append(node.id)
            elif (
                undercut.source is not None
                and undercut.target is not None
                and undercut.source != node.id
                # An undercut of a relation the map does not have (AM101) undercuts nothing.
                and argument_map.relation(undercut.source, undercut.target) is not None
            ):
                framework.undercutters[undercut.inference].append(node.id)

    attacks_on: dict[str, list[str]] = defaultdict(list)
    if questions == "open":
        _add_questions(argument_map, framework, linked, attacks_on)
    unless_added: set[str] = set()

    def unless(attacker: str) -> str:
        """``unless(X)``, in exactly when ``X`` is out: what keeps a flattened attack from outliving its attacker."""
        argument = UNLESS_PREFIX + attacker
        if argument not in unless_added:
            unless_added.add(argument)
            framework.arguments.append(argument)
            attacks_on[argument].append(attacker)
        return argument

    weighing = _weighing(argument_map, framework, linked, unless, attacks_on)

    def add_attack(attacker: str, target: str) -> None:
        if attacker != target or attacker in linked:
            weighers = weighing.get((attacker, target))
            if not weighers:
                attacks_on[target].append(attacker)
                return
            aux = ATTACK_PREFIX + relation_id(attacker, target)
            before = unless(attacker)
            framework.arguments.append(aux)
            framework.weighers[aux] = weighers
            attacks_on[aux].extend([before, *(reason for _, reason in weighers)])
            attacks_on[target].append(aux)

    for node in statements.values():
        for ref in node.supports:
            if ref.target in statements and ref.target != node.id:
                framework.support_reasons[ref.target].append(Inference(node.id, ref.target, "supports"))
        for ref in node.attacks:
            if ref.target not in statements or ref.target == node.id:
                continue
            inference = Inference(node.id, ref.target, "attacks")
            undercut_by = framework.undercutters.get(inference.key, [])
            if not undercut_by:
                add_attack(node.id, ref.target)
                continue
            aux = attack_argument(inference)
            weighers = weighing.get((node.id, ref.target), [])
            before = unless(node.id)  # added before the attack it guards, as the solver formats number them
            framework.arguments.append(aux)
            if weighers:
                framework.weighers[aux] = weighers
            attacks_on[aux].extend([before, *undercut_by, *(reason for _, reason in weighers)])
            attacks_on[ref.target].append(aux)

    for argument in linked.values():
        premises = [p.target for p in argument.premises if p.target in statements]
        framework.premises[argument.id] = premises
        target = argument.target.target
        if argument.relation == "supports" and target in statements:
            framework.support_arguments[target].append(argument.id)
        elif argument.relation == "attacks" and target in statements:
            add_attack(argument.id, target)
        attacks_on[argument.id].extend(framework.undercutters.get(argument.id, []))

    # A linked argument inherits the attackers of its premises (computed after every direct attack is known).
    for argument_id, premises in framework.premises.items():
        inherited = [attacker for premise in premises for attacker in attacks_on.get(premise, ())]
        attacks_on[argument_id].extend(inherited)

    for target, attackers in attacks_on.items():
        seen: dict[str, None] = dict.fromkeys(attackers)
        framework.attackers[target] = list(seen)
    return framework


def _add_questions(
    argument_map: ArgumentMap, framework: Framework, linked: Mapping[str, Argument], attacks_on: dict[str, list[str]]
) -> None:
    """An undercut for each assumption of a scheme, attacked by the statements that answer it."""
    from usfk_argmap.analysis.questions import scheme_uses

    statements = argument_map.nodes
    for use in scheme_uses(argument_map).values():
        if use.inference in argument_map.arguments:
            if use.inference not in linked:
                continue  # an argument whose id a statement has too: the loader reported the clash
        elif use.conclusion not in statements or use.reasons[0] == use.conclusion:
            continue
        for state in use.asked("assumptions"):
            argument = question_argument(use.inference, state.question.id)
            framework.arguments.append(argument)
            framework.questions[argument] = (use.inference, use.scheme.id, state.question.id)
            framework.undercutters[use.inference].append(argument)
            attacks_on[argument].extend(state.answered_by)


def _weighing(
    argument_map: ArgumentMap,
    framework: Framework,
    linked: Mapping[str, Argument],
    unless: Callable[[str], str],
    attacks_on: dict[str, list[str]],
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """The reasons that outweigh each attack, by (attacker, target): (the statement that outweighs, its reason).

    The attacker is the outweighed statement, or a linked argument it is a premise of; the reason is
    the outweighing statement (its support not undercut), an auxiliary ``reason(R→C)`` (undercut), or
    the linked argument it is a premise of.
    """
    statements = argument_map.nodes
    if not any(node.outweighs for node in statements.values()):
        return {}
    # What each statement bears on: the conclusions it is for (with the argument that is the reason) and against.
    reasons_for: dict[str, list[tuple[str, str]]] = defaultdict(list)
    attacks_from: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for node in statements.values():
        for ref in node.supports:
            if ref.target in statements and ref.target != node.id:
                reasons_for[node.id].append((ref.target, ""))
        for ref in node.attacks:
            if ref.target in statements and ref.target != node.id:
                attacks_from[node.id].append((ref.target, node.id))
    for argument in argument_map.arguments.values():
        if argument.id not in linked or argument.target.target not in statements:
            continue
        for premise in dict.fromkeys(p.target for p in argument.premises if p.target in statements):
            table = reasons_for if argument.relation == "supports" else attacks_from
            table[premise].append((argument.target.target, argument.id))
    found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for node in statements.values():
        for ref in node.outweighs:
            for conclusion, via in reasons_for.get(node.id, ()):
                for target, attacker in attacks_from.get(ref.target, ()):
                    if target != conclusion:
                        continue
                    reason = via or _support_reason(framework, node.id, conclusion, unless, attacks_on)
                    if (node.id, reason) not in found[(attacker, target)]:
                        found[(attacker, target)].append((node.id, reason))
    return found


def _support_reason(
    framework: Framework, source: str, target: str, unless: Callable[[str], str], attacks_on: dict[str, list[str]]
) -> str:
    """The argument that is in when ``source``'s support of ``target`` counts: ``source``, or ``reason(source→target)``."""
    undercut_by = framework.undercutters.get(relation_id(source, target), [])
    if not undercut_by:
        return source
    reason = REASON_PREFIX + relation_id(source, target)
    if reason not in attacks_on:
        framework.arguments.append(reason)
        attacks_on[reason].extend([unless(source), *undercut_by])
    return reason

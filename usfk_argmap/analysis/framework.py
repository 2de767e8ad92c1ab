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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from usfk_argmap.core.model import ArgumentMap, relation_id

#: Prefixes of the auxiliary arguments; map ids never start with them (they hold a space).
ATTACK_PREFIX = "attack "
UNLESS_PREFIX = "unless "


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


def build_framework(argument_map: ArgumentMap) -> Framework:
    """The attack graph of a map; references to unknown ids are left out, as in the graph projection."""
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
    unless_added: set[str] = set()

    def add_attack(attacker: str, target: str) -> None:
        if attacker != target or attacker in linked:
            attacks_on[target].append(attacker)

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
            unless = UNLESS_PREFIX + node.id
            if unless not in unless_added:
                unless_added.add(unless)
                framework.arguments.append(unless)
                attacks_on[unless].append(node.id)
            framework.arguments.append(aux)
            attacks_on[aux].extend([unless, *undercut_by])
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

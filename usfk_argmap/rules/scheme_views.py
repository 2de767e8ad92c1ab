"""What the scheme rules (AM111-AM113, AM207-AM209) read off a map: its inferences with a scheme, and sides."""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.core.model import ArgumentMap, OwnRelation, Ref
from usfk_argmap.core.schemes import Scheme, schemes


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

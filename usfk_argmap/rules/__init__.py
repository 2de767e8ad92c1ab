"""The completeness checks: one module per rule, listed in ``RULE_MODULES``.

A rule module defines ``CODE`` (its entry in ``usfk_argmap.core.codes`` gives the
name and severity) and ``check(ctx)``, whose docstring is the rule's
documentation (``usfk-argmap rules`` prints it). The registry is the explicit
list below, as yamllint keeps its rules: importing a module registers nothing,
and adding a rule is one line here plus its row in the codes table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from usfk_argmap.core.codes import CODES
from usfk_argmap.core.diagnostics import Diagnostic, Severity, did_you_mean_phrase, sort_diagnostics, suggest
from usfk_argmap.core.gcpause import gc_paused
from usfk_argmap.core.model import Argument, ArgumentMap, Node
from usfk_argmap.rules import (
    answer_without_scheme,
    circular_support,
    conceded_defeat,
    duplicate_id,
    duplicate_reference,
    duplicate_text,
    missing_quote,
    missing_root,
    orphan,
    outweighs_elsewhere,
    quote_not_found,
    rebuttal_attacks_thesis,
    reversed_relation,
    root_not_thesis,
    scheme_roles_unfilled,
    second_thesis,
    self_reference,
    several_tops,
    single_premise_argument,
    unanswered_objection,
    unanswered_question,
    unknown_reference,
    unknown_scheme,
    unsupported_claim,
)
from usfk_argmap.rules.base import CheckContext, Finding, Rule, RuleModule

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["REGISTRY", "RULE_MODULES", "CheckContext", "Finding", "Rule", "all_codes", "run_checks", "selected", "selected_rules"]

#: Every rule module, one per rule.
RULE_MODULES: tuple[RuleModule, ...] = (
    answer_without_scheme,
    circular_support,
    conceded_defeat,
    duplicate_id,
    duplicate_reference,
    duplicate_text,
    missing_quote,
    missing_root,
    orphan,
    outweighs_elsewhere,
    quote_not_found,
    rebuttal_attacks_thesis,
    reversed_relation,
    root_not_thesis,
    scheme_roles_unfilled,
    second_thesis,
    self_reference,
    several_tops,
    single_premise_argument,
    unanswered_objection,
    unanswered_question,
    unknown_reference,
    unknown_scheme,
    unsupported_claim,
)


def _registry(modules: Iterable[RuleModule]) -> dict[str, Rule]:
    registry: dict[str, Rule] = {}
    for module in modules:
        if module.CODE in registry:
            raise ValueError(f"rule {module.CODE} is listed twice")
        registry[module.CODE] = Rule.from_module(module)
    return dict(sorted(registry.items()))


#: Every rule, by code.
REGISTRY: dict[str, Rule] = _registry(RULE_MODULES)


def all_codes() -> set[str]:
    """Every code a diagnostic can carry (``ignore:`` may name any of them)."""
    return set(CODES)


def selected_rules(select: Sequence[str] | None = None, ignore: Sequence[str] | None = None) -> list[str]:
    """The codes of the rules that ``run_checks`` runs with these ``select`` / ``ignore`` prefixes."""
    return [code for code in sorted(REGISTRY) if selected(code, select, ignore)]


def selected(code: str, select: Sequence[str] | None, ignore: Sequence[str] | None) -> bool:
    """Whether ``code`` passes ``--select`` / ``--ignore`` (prefixes: ``AM2`` means AM2xx)."""
    if select and not any(code.startswith(prefix.upper()) for prefix in select):
        return False
    return not (ignore and any(code.startswith(prefix.upper()) for prefix in ignore))


def run_checks(
    argument_map: ArgumentMap,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    graph: nx.DiGraph | None = None,
) -> list[Diagnostic]:
    """Run the rules on a loaded map and return their diagnostics, sorted.

    ``select`` and ``ignore`` are code prefixes. Suppressions written in the
    map (``ignore: {CODE: reason}`` on a node or argument) are applied; an
    unknown code in them is reported as AM012.
    """
    with gc_paused():
        return _run_checks(argument_map, select, ignore, graph)


def _run_checks(
    argument_map: ArgumentMap, select: Sequence[str] | None, ignore: Sequence[str] | None, graph: nx.DiGraph | None
) -> list[Diagnostic]:
    context = CheckContext(argument_map, graph)
    file = argument_map.display_path
    suppressed = _suppressions(argument_map)
    diagnostics: list[Diagnostic] = []
    for code in sorted(REGISTRY):
        active = REGISTRY[code]
        if not selected(code, select, ignore):
            continue
        for finding in active.check(context):
            if finding.node is not None and code in suppressed.get(finding.node, ()):
                continue
            diagnostics.append(_diagnostic(file, code, active.severity, finding))
    if selected("AM012", select, ignore):
        diagnostics.extend(_bad_suppressions(argument_map, file))
    return sort_diagnostics(diagnostics)


def _diagnostic(file: str, code: str, severity: Severity, finding: Finding) -> Diagnostic:
    position = finding.position
    shown = finding.severity if finding.severity is not None and finding.severity.rank < severity.rank else severity
    return Diagnostic(file, position.line, position.column, code, shown, finding.message, finding.node, finding.fix)


def _items(argument_map: ArgumentMap) -> list[Node | Argument]:
    return [*argument_map.nodes.values(), *argument_map.arguments.values()]


def _suppressions(argument_map: ArgumentMap) -> dict[str, Iterable[str]]:
    result: dict[str, Iterable[str]] = {}
    for item in _items(argument_map):
        if item.ignore:
            result[item.id] = set(item.ignore)
    return result


def _bad_suppressions(argument_map: ArgumentMap, file: str) -> Iterable[Diagnostic]:
    known = all_codes()
    for item in _items(argument_map):
        for code in item.ignore:
            if code not in known:
                hint = suggest(code, sorted(known))
                advice = f"; {did_you_mean_phrase(hint)}" if hint else ""
                position = item.field_position("ignore") if isinstance(item, Node) else item.position
                yield Diagnostic(
                    file,
                    position.line,
                    position.column,
                    "AM012",
                    Severity.WARNING,
                    f"{item.id!r} suppresses the unknown code {code}{advice}",
                    item.id,
                )

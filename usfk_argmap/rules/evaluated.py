"""Findings of ``check --evaluate``: the thesis and the main claims, as the evaluation leaves them.

These are not default rules: they run only when asked for, since a map can be
complete and well formed and still argue for a thesis that does not stand.
"""

from __future__ import annotations

from usfk_argmap.analysis.evaluation import Evaluation, evaluate
from usfk_argmap.analysis.explanation import explain
from usfk_argmap.core.codes import severity_of
from usfk_argmap.core.diagnostics import Diagnostic
from usfk_argmap.core.model import ArgumentMap

#: The documentation of each code (its name, severity and summary are in ``usfk_argmap.core.codes``):
#: the first line is the summary, the rest says what decides it.
EVALUATION_DOCS: dict[str, str] = {
    "AM501": (
        "The thesis is not established by the map's own reasons and answers.\n\n"
        "Under the chosen semantics (grounded unless --semantics says otherwise) the root is defeated "
        "or open: an objection to it stands or is unresolved, or none of its reasons is established. "
        "`usfk-argmap explain MAP ROOT` shows the chain that decides it."
    ),
    "AM502": (
        "A main claim (one that bears directly on the thesis) is defeated.\n\n"
        "An objection to it stands unanswered in the map, so it is labelled out. The message names the "
        "objection; answer it (a rebuttal that attacks it, or an undercut of its inference) or revise the claim."
    ),
    "AM503": (
        "A main claim is neither established nor defeated.\n\n"
        "Either an attack on it is unresolved (an attack cycle), or none of its reasons is established. The "
        "message names the objection or the reasons that leave it open."
    ),
}


def main_claims(argument_map: ArgumentMap) -> list[str]:
    """Statements that support the root directly, alone or as premises of a linked argument, in file order."""
    root = argument_map.root
    direct = {
        ref_holder.id for ref_holder in argument_map.nodes.values() if any(ref.target == root for ref in ref_holder.supports)
    }
    for argument in argument_map.arguments.values():
        if argument.relation == "supports" and argument.target.target == root:
            direct.update(p.target for p in argument.premises)
    return [node_id for node_id in argument_map.nodes if node_id in direct and node_id != root]


def evaluation_diagnostics(argument_map: ArgumentMap, evaluation: Evaluation | None = None) -> list[Diagnostic]:
    """AM501-AM503 for a loaded map (an evaluation of it may be passed in)."""
    if evaluation is None:
        evaluation = evaluate(argument_map)
    diagnostics: list[Diagnostic] = []
    root = argument_map.root
    if root in argument_map.nodes and evaluation.status[root] != "established":
        diagnostics.append(
            _diagnostic(argument_map, "AM501", root, explain(argument_map, evaluation, root, depth=1).sentence("en"))
        )
    for claim in main_claims(argument_map):
        status = evaluation.status[claim]
        if status == "established":
            continue
        why = explain(argument_map, evaluation, claim, depth=1)
        code = "AM502" if status == "defeated" else "AM503"
        diagnostics.append(_diagnostic(argument_map, code, claim, why.sentence("en")))
    return diagnostics


def _diagnostic(argument_map: ArgumentMap, code: str, node_id: str, message: str) -> Diagnostic:
    position = argument_map.nodes[node_id].position
    severity = severity_of(code)
    return Diagnostic(argument_map.display_path, position.line, position.column, code, severity, message, node_id)

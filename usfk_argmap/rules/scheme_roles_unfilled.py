"""AM207 scheme-roles-unfilled."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.schemes import Scheme
from usfk_argmap.rules.base import CheckContext, Finding
from usfk_argmap.rules.scheme_views import SchemedInference, schemed_inferences

CODE = "AM207"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """An inference under a scheme lacks premises for some of its roles (linked drawn as convergent).

    A scheme's premises hold the conclusion only together: expert opinion
    needs both that E is an expert and that E asserts A. Drawn as two
    independent reasons (two nodes, each ``supports: C`` with the scheme in
    ``schemes:``), or as one reason, or as a linked argument whose ``roles:``
    leave a role empty, the map shows a convergent argument where the scheme
    is linked: the role left empty is a hidden premise. Make one linked
    argument of the reasons, with the missing premise (``kind: assumption``
    where it is unstated), and say which plays which role with ``roles:``.
    """
    convergent: dict[tuple[str, str, str], list[SchemedInference]] = {}
    for inference in schemed_inferences(ctx.map).values():
        scheme = inference.known
        if scheme is None or len(scheme.roles) < 2:
            continue
        if inference.id in ctx.map.arguments:
            finding = _argument_finding(ctx, inference, scheme)
            if finding is not None:
                yield finding
        else:
            convergent.setdefault((inference.conclusion, inference.relation, scheme.id), []).append(inference)
    for (conclusion, relation, scheme_id), group in convergent.items():
        scheme = group[0].known
        assert scheme is not None
        roles = ", ".join(role.id for role in scheme.roles)
        reasons = [inference.owner for inference in group]
        if len(group) > 1:
            listed = " and ".join(repr(reason) for reason in reasons)
            what = f"{listed} each {relation[:-1]} {conclusion!r} under {scheme_id!r} as independent reasons"
        else:
            what = f"{reasons[0]!r} alone {relation} {conclusion!r} under {scheme_id!r}"
        missing = [role.id for role in scheme.roles][len(group) :]
        lack = f"; no premise plays {', '.join(repr(role) for role in missing)}" if missing else ""
        premises = ", ".join(reasons)
        for inference in group:
            yield Finding(
                inference.scheme.position,
                f"{what}, but its roles ({roles}) hold only together{lack}: make one linked argument "
                f"`{{premises: [{premises}], scheme: {scheme_id}, {relation}: {conclusion}}}` with `roles:`",
                inference.owner,
            )


def _argument_finding(ctx: CheckContext, inference: SchemedInference, scheme: Scheme) -> Finding | None:
    """The finding for a linked argument whose premises or ``roles:`` leave a role of its scheme empty, or None."""
    argument = ctx.map.arguments[inference.id]
    role_ids = [role.id for role in scheme.roles]
    if argument.roles:
        missing = [role for role in role_ids if role not in argument.roles]
        if not missing:
            return None
        named = ", ".join(f"{role!r} ({scheme.role(role).text.en.rstrip('.')})" for role in missing)
        return Finding(
            argument.position,
            f"argument {argument.id!r} under {scheme.id!r} gives no premise the role {named}: a hidden premise; "
            "add it to 'premises' and 'roles'",
            argument.id,
        )
    if len(inference.reasons) >= len(role_ids):
        return None
    return Finding(
        argument.position,
        f"argument {argument.id!r} under {scheme.id!r} has {len(inference.reasons)} premise(s) for the roles "
        f"{', '.join(role_ids)}: a role has no premise (a hidden premise); add it, and say which is which with `roles:`",
        argument.id,
    )

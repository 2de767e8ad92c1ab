"""AM206 duplicate-reference."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from usfk_argmap.core.model import Ref
from usfk_argmap.rules.base import CheckContext, Finding

CODE = "AM206"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """An id is listed twice in one list: ``supports: [T, T]``, ``premises: [P2, P3, P3]``.

    The second mention adds nothing: the relation is one relation (figures
    and drawings count it once). It is often a slip for another id. Fix:
    remove it, or name the id meant.
    """
    for node in ctx.map.nodes.values():
        for relation in ("supports", "attacks"):
            yield from _repeats(node.refs(relation), f"{node.id!r} {relation}", node.id)
    for argument in ctx.map.arguments.values():
        yield from _repeats(argument.premises, f"argument {argument.id!r} has the premise", argument.id)


def _repeats(refs: Sequence[Ref], what: str, owner: str) -> Iterator[Finding]:
    """Each ref that repeats an earlier one of the same list, at the repetition."""
    seen: set[str] = set()
    for ref in refs:
        if ref.target in seen:
            yield Finding(
                ref.position,
                f"{what} {ref.target!r} twice: the second adds nothing (a relation counts once); "
                "remove it or name the id you meant",
                owner,
            )
        seen.add(ref.target)

"""AM208 unanswered-question."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.schemes import language_of
from usfk_argmap.rules.base import CheckContext, Finding
from usfk_argmap.rules.scheme_views import QuestionStatus, open_questions

CODE = "AM208"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A critical question of an inference's scheme that nothing answers.

    A question of the *assumption* kind is the proponent's to back: until a
    node answers it (``answers: {to: A1, question: CQ2}`` on a node that
    supports, not one that attacks or undercuts: that one raises it), the
    inference rests on it unstated. Exceptions are the opponent's to raise and
    are not asked for, unless the map says ``questions: all``. One finding per
    inference lists its open questions, in the map's language.
    """
    language = language_of(ctx.map.lang)
    by_inference: dict[str, list[QuestionStatus]] = {}
    for status in open_questions(ctx.map, ctx.map.questions):
        by_inference.setdefault(status.inference.id, []).append(status)
    for found in by_inference.values():
        inference = found[0].inference
        listed = "; ".join(f"{status.question.id} {status.question.text.in_language(language)}" for status in found)
        yield Finding(
            inference.scheme.position,
            f"{inference.id!r} ({inference.scheme.target}): critical questions nothing answers: {listed}",
            inference.owner,
        )

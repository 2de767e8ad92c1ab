"""AM208 unanswered-question."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.core.schemes import language_of
from usfk_argmap.rules.base import CheckContext, Finding
from usfk_argmap.rules.scheme_views import schemed_inferences, speaks_for_proponent

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
    asked = "all" if ctx.map.questions == "all" else "assumption"
    answered: set[tuple[str, str]] = {
        (answer.inference, answer.question)
        for node in ctx.map.nodes.values()
        if node.answers and speaks_for_proponent(ctx.map, node.id)
        for answer in node.answers
    }
    for inference in schemed_inferences(ctx.map).values():
        scheme = inference.known
        if scheme is None:
            continue
        open_questions = [
            question
            for question in scheme.questions
            if (asked == "all" or question.burden == "assumption") and (inference.id, question.id) not in answered
        ]
        if open_questions:
            listed = "; ".join(f"{question.id} {question.text.in_language(language)}" for question in open_questions)
            yield Finding(
                inference.scheme.position,
                f"{inference.id!r} ({scheme.id}): critical questions nothing answers: {listed}",
                inference.owner,
            )

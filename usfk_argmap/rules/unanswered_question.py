"""AM208 unanswered-question."""

from __future__ import annotations

from collections.abc import Iterator

from usfk_argmap.analysis.questions import scheme_uses
from usfk_argmap.core.schemes import language_of
from usfk_argmap.rules.base import CheckContext, Finding
from usfk_argmap.rules.scheme_views import schemed_inferences

CODE = "AM208"


def check(ctx: CheckContext) -> Iterator[Finding]:
    """A critical question of an inference's scheme that nothing answers.

    A question of the *assumption* kind is the proponent's to back: until a
    node answers it (``answers: {to: A1, question: CQ2}`` on a node that
    supports, not one that attacks or undercuts: that one raises it), the
    inference rests on it unstated, and ``evaluate --questions open`` counts
    it as an undercut. Exceptions are the opponent's to raise and are not
    asked for, unless the map says ``questions: all`` (or ``check
    --strict-questions`` asks it of every map). One finding per inference
    lists its open questions, in the map's language.
    """
    language = language_of(ctx.map.lang)
    asked = ctx.map.questions
    written = schemed_inferences(ctx.map)
    for use in scheme_uses(ctx.map).values():
        open_questions = use.open_questions(asked)
        inference = written[use.inference]
        if open_questions:
            listed = "; ".join(f"{state.question.id} {state.question.text.in_language(language)}" for state in open_questions)
            yield Finding(
                inference.scheme.position,
                f"{use.inference!r} ({use.scheme.id}): critical questions nothing answers: {listed}",
                inference.owner,
            )

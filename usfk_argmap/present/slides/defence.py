"""The defence appendix of a deck (``slides --questions``, 口試攻防): the questions a committee may ask.

For each main claim, the critical questions still open on the inferences
that lead to it (``analysis.questions.scheme_uses`` decides which are
open: no ``answers`` entry answers them), each with its text in the map's
language, its kind, the inference it is about, and the statements of the map
that bear on it and would answer it, or "nothing in the map yet":

- a question about a **premise**: what supports the inference's reasons;
- about the **conclusion**: the other reasons for the conclusion;
- about the **inference**: what attacks the statements that raise it or
  undercut the inference (the rebuttals already in the map).

This module is a plain data plan: ``defence_pages`` gives pages of text that
each format writes in its own way (``templates/slides.html``, ``marp``,
``beamer``, ``defence_pptx``), all at the deck's text sizes: questions at
``QUESTION_TEXT``, the rest at ``BODY_TEXT`` per cent of the slide's height
(32 and 28 px per em at 1920 x 1080; the floor is 24). A claim whose
questions do not fit one page continues on the next, by an estimate of the
lines each question takes at those sizes.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from usfk_argmap.analysis.buildup import main_claims, subtree
from usfk_argmap.analysis.questions import QuestionState, SchemeUse, scheme_uses
from usfk_argmap.core.messages import message
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.core.schemes import catalogue, language_of

#: The text sizes, in per cent of the slide's height: the question, and everything else.
QUESTION_TEXT = 3.0
BODY_TEXT = 2.6
#: Line height, as a multiple of the text size.
LINE_HEIGHT = 1.3
#: The room for questions on a page, in per cent of the slide's height (the heading and margins take the rest,
#: with a margin for the tightest format, Beamer's), and the width of a line, in per cent of the slide's height.
PAGE_ROOM = 70.0
LINE_WIDTH = 150.0
#: At most this many statements are named as answers to one question; a statement's text is cut to this many
#: characters (the map holds it whole).
MOST_ANSWERS = 3
ANSWER_CHARACTERS = 60


@dataclass(frozen=True)
class DefenceQuestion:
    """One open critical question, as a page shows it; every text is ready to be written."""

    #: The question's id (``CQ2``) and its text in the map's language.
    id: str
    text: str
    #: Its kind and what it attacks, and who raises it: ``假定、前提`` or ``assumption, inference, raised by O1``.
    kind: str
    #: The inference it is about: ``On A1 (Argument from expert opinion): P1 + P2 → C1``.
    about: str
    #: The statements that would answer it (``E1 Fares cover ...``); empty: nothing in the map yet.
    answers: tuple[str, ...]


@dataclass(frozen=True)
class DefencePage:
    """A page of the appendix: a main claim's open questions (or part of them).

    Every format writes each question as three lines (``lines``): the question at
    ``QUESTION_TEXT``, then its kind and inference and what answers it at ``BODY_TEXT``.
    """

    id: str
    title: str
    kicker: str
    claim: str
    questions: tuple[DefenceQuestion, ...]
    #: The words around the questions: the heading of the answers, what stands for none, and the
    #: punctuation of the deck's language (a colon and a list separator: ``": "``, ``"; "`` or ``"："``, ``"；"``).
    answer_heading: str
    nothing_yet: str
    colon: str = ": "
    separator: str = "; "

    def lines(self, question: DefenceQuestion) -> tuple[str, str, str]:
        """The question (``CQ2 Is E ...?``), its kind and inference, and what answers it (or nothing in the map yet)."""
        answers = self.separator.join(question.answers) if question.answers else self.nothing_yet
        return (
            f"{question.id} {question.text}",
            f"{question.kind} · {question.about}",
            f"{self.answer_heading}{self.colon}{answers}",
        )

    def notes(self) -> str:
        """The speaker notes of the page: every question with its inference and answers, as plain text."""
        return "\n".join(line for question in self.questions for line in self.lines(question))

    def texts(self) -> list[str]:
        """Every text the page shows (the HTML deck's font subset takes their characters)."""
        return [self.title, self.kicker, self.notes()]


def defence_pages(argument_map: ArgumentMap, chrome: str) -> list[DefencePage]:
    """The appendix's pages: for each main claim with open questions, in the order of the claims.

    ``chrome`` is the language of the words around the map's (``--ui-lang``, else the map's).
    An inference is listed under the first main claim it leads to (its conclusion or a reason in
    the claim's reasoning), and one that leads to none under the thesis.
    """
    statuses = [(use, state) for use in scheme_uses(argument_map).values() for state in use.questions if state.is_open]
    if not statuses:
        return []
    root = argument_map.root
    claims = [*main_claims(argument_map), *([root] if root in argument_map.nodes else [])]
    reach = {claim: subtree(argument_map, claim) for claim in claims}
    by_claim: dict[str, list[tuple[SchemeUse, QuestionState]]] = {}
    for use, state in statuses:
        owner = next(
            (claim for claim in claims if use.conclusion in reach[claim] or (claim != root and claim in use.reasons)), root
        )
        by_claim.setdefault(owner, []).append((use, state))
    pages: list[DefencePage] = []
    for claim in claims:
        if claim in by_claim:
            questions = [_question(argument_map, use, state, chrome) for use, state in by_claim[claim]]
            pages += _paged(argument_map, claim, questions, chrome, len(pages))
    return pages


def _question(argument_map: ArgumentMap, use: SchemeUse, state: QuestionState, chrome: str) -> DefenceQuestion:
    language = language_of(argument_map.lang)
    words = language_of(chrome)
    labels = catalogue().labels_in(words)
    comma = ", " if words == "en" else "、"
    question = state.question
    kind = f"{labels['burdens'][question.burden]}{comma}{labels['targets'][question.target]}"
    if state.raised_by:
        kind += comma + message("questions.raised_by", chrome, ids=comma.join(state.raised_by))
    scheme = use.scheme.name.in_language(words)
    shown = use.inference if use.inference in argument_map.arguments else use.reasons[0]
    reasons = " + ".join(use.reasons)
    opened, closed, colon = ("(", ")", ": ") if words == "en" else ("（", "）", "：")
    arrow = "→" if use.relation == "supports" else "→ ¬"  # ¬: in every font the formats use, unlike ⊣
    space = " " if words == "en" else ""
    named = message("questions.about", chrome, inference=f"{shown}{space}{opened}{scheme}{closed}")
    about = f"{named}{colon}{reasons} {arrow}{'' if arrow.endswith('¬') else ' '}{use.conclusion}"
    found = bearing(argument_map, use, state)
    answers = tuple(_statement(argument_map, node_id) for node_id in found[:MOST_ANSWERS])
    if len(found) > MOST_ANSWERS:
        answers += (f"+{len(found) - MOST_ANSWERS}",)
    return DefenceQuestion(question.id, question.text.in_language(language), kind, about, answers)


def bearing(argument_map: ArgumentMap, use: SchemeUse, state: QuestionState) -> list[str]:
    """The statements of the map that bear on an open question and would answer it, in map order.

    A premise question: what supports the inference's reasons; a conclusion question: the other
    reasons on the same side of its conclusion; an inference question: what attacks the statements raising it
    or undercutting the inference.
    """
    target = state.question.target
    found: set[str] = set()
    if target == "premise":
        found = _supporters(argument_map, set(use.reasons))
    elif target == "conclusion":  # the other reasons on the same side of the conclusion
        side = _supporters if use.relation == "supports" else _attackers
        found = side(argument_map, {use.conclusion}) - set(use.reasons)
    else:
        opposing = set(state.raised_by) | {
            node.id for node in argument_map.nodes.values() if any(u.inference == use.inference for u in node.undercuts)
        }
        found = _attackers(argument_map, opposing)
    found -= set(state.raised_by)
    return [node_id for node_id in argument_map.nodes if node_id in found]


def _supporters(argument_map: ArgumentMap, targets: set[str]) -> set[str]:
    return {edge.source for edge in argument_map.edges() if edge.relation == "supports" and edge.target in targets}


def _attackers(argument_map: ArgumentMap, targets: set[str]) -> set[str]:
    return {edge.source for edge in argument_map.edges() if edge.relation == "attacks" and edge.target in targets}


def _statement(argument_map: ArgumentMap, node_id: str) -> str:
    text = " ".join(argument_map.nodes[node_id].shown_text.split())
    if len(text) > ANSWER_CHARACTERS:
        text = text[: ANSWER_CHARACTERS - 1] + "…"
    return f"{node_id} {text}"


def _paged(
    argument_map: ArgumentMap, claim: str, questions: list[DefenceQuestion], chrome: str, before: int
) -> list[DefencePage]:
    """A claim's questions on as many pages as their estimated lines need."""
    groups: list[list[DefenceQuestion]] = [[]]
    used = 0.0
    heading, nothing = message("questions.answer_with", chrome), message("questions.nothing_yet", chrome)
    for question in questions:
        cost = question_height(question, heading, nothing)
        if groups[-1] and used + cost > PAGE_ROOM:
            groups.append([])
            used = 0.0
        groups[-1].append(question)
        used += cost
    node = argument_map.nodes[claim]
    appendix = message("questions.appendix", chrome)
    kicker = message("questions.appendix_kicker", chrome)
    colon, separator = (": ", "; ") if language_of(chrome) == "en" else ("：", "；")
    pages = []
    for number, group in enumerate(groups, 1):
        suffix = f" ({number}/{len(groups)})" if len(groups) > 1 else ""
        pages.append(
            DefencePage(
                f"defence-{before + number}",
                f"{appendix}{colon}{node.shown_text}{suffix}",
                f"{kicker} · {claim}",
                claim,
                tuple(group),
                heading,
                nothing,
                colon,
                separator,
            )
        )
    return pages


def question_height(question: DefenceQuestion, heading: str, nothing: str) -> float:
    """How much of the slide's height a question takes, in per cent: its three lines' rows at their sizes, and a gap."""
    page = DefencePage("", "", "", "", (question,), heading, nothing, "：", "；")
    asked, about, answers = page.lines(question)
    rows = _lines(asked, QUESTION_TEXT) * QUESTION_TEXT + (_lines(about, BODY_TEXT) + _lines(answers, BODY_TEXT)) * BODY_TEXT
    return rows * LINE_HEIGHT + BODY_TEXT


def _lines(text: str, size: float) -> int:
    """How many lines ``text`` takes at ``size`` across ``LINE_WIDTH``: wide characters an em, others 0.6 em."""
    ems = sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6 for char in text)
    return max(1, math.ceil(ems * size / LINE_WIDTH))

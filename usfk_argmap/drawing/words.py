"""A statement said in words, in the map's language: its kind, its text and what it does.

The accessible name of a statement in an SVG (``drawing.accessible``) and an
item of the text outline (``interop.outline``) are the same words: ``主張 C1：
…（支持 T）``, ``Objection O2: … (attacks C1)``. Relations name their targets
by id, as the outline lists every statement under its id. The table covers
English, Traditional and Simplified Chinese; a map in another language is
said in English.
"""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.core.language import cjk_region
from usfk_argmap.core.messages import message
from usfk_argmap.core.model import Argument, ArgumentMap, Node


@dataclass(frozen=True)
class Wording:
    """The phrases of one language. ``{…}`` fields are filled with ids and texts."""

    #: ``{kind} {id}{colon}{text}``: a statement; its relations follow in ``relations``.
    colon: str
    #: Around the relations after the text: ``(supports T; attacks O2)``.
    relations: str
    #: Between two relations, and between the ids of a list (``P1 and P2``).
    relation_separator: str
    and_: str
    supports: str
    attacks: str
    #: A premise of a linked argument: it bears on the target only with the others.
    supports_with: str
    attacks_with: str
    undercuts: str
    #: The picture's description: the thesis, then the counts.
    summary: str
    #: What ends a sentence that the thesis lacks.
    full_stop: str
    #: Count words: singular and plural (the same in Chinese).
    claims: tuple[str, str]
    reasons: tuple[str, str]
    objections: tuple[str, str]
    answers: tuple[str, str]
    count: str
    count_separator: str
    #: The evaluation's verdict on the thesis, by status.
    verdicts: dict[str, str]
    #: The kind words, capitalised where the language has capitals.
    kinds: dict[str, str]


def _kinds(language: str, capitalise: bool) -> dict[str, str]:
    """The kind words of the message catalogue (the legend's), capitalised where ``capitalise``."""
    kinds = ("thesis", "claim", "premise", "evidence", "objection", "rebuttal", "assumption")
    captions = {kind: message(f"kind.{kind}", language) for kind in kinds}
    return {kind: caption[:1].upper() + caption[1:] if capitalise else caption for kind, caption in captions.items()}


#: The wordings by language family.
WORDINGS: dict[str, Wording] = {
    "en": Wording(
        colon=": ",
        relations=" ({})",
        relation_separator="; ",
        and_=" and ",
        supports="supports {target}",
        attacks="attacks {target}",
        supports_with="supports {target} together with {others}",
        attacks_with="attacks {target} together with {others}",
        undercuts="undercuts the inference from {sources} to {target}",
        summary="An argument map. Thesis: {thesis} It has {counts}.{verdict}",
        full_stop=".",
        claims=("claim", "claims"),
        reasons=("reason", "reasons"),
        objections=("objection", "objections"),
        answers=("answer", "answers"),
        count="{number} {word}",
        count_separator=", ",
        verdicts={
            "established": " Evaluated: the thesis is established.",
            "defeated": " Evaluated: the thesis is defeated.",
            "open": " Evaluated: the thesis is open.",
        },
        kinds=_kinds("en", capitalise=True),
    ),
    "zh-hant": Wording(
        colon="：",
        relations="（{}）",
        relation_separator="；",
        and_="、",
        supports="支持 {target}",
        attacks="攻擊 {target}",
        supports_with="與 {others} 共同支持 {target}",
        attacks_with="與 {others} 共同攻擊 {target}",
        undercuts="削弱從 {sources} 到 {target} 的推論",
        summary="論證圖。論旨：{thesis}共有 {counts}。{verdict}",
        full_stop="。",
        claims=("主張", "主張"),
        reasons=("理由", "理由"),
        objections=("反對", "反對"),
        answers=("回應", "回應"),
        count="{number} 個{word}",
        count_separator="、",
        verdicts={"established": "評估：論旨成立。", "defeated": "評估：論旨被推翻。", "open": "評估：論旨未定。"},
        kinds=_kinds("zh-hant", capitalise=False),
    ),
    "zh-hans": Wording(
        colon="：",
        relations="（{}）",
        relation_separator="；",
        and_="、",
        supports="支持 {target}",
        attacks="攻击 {target}",
        supports_with="与 {others} 共同支持 {target}",
        attacks_with="与 {others} 共同攻击 {target}",
        undercuts="削弱从 {sources} 到 {target} 的推论",
        summary="论证图。论旨：{thesis}共有 {counts}。{verdict}",
        full_stop="。",
        claims=("主张", "主张"),
        reasons=("理由", "理由"),
        objections=("反对", "反对"),
        answers=("回应", "回应"),
        count="{number} 个{word}",
        count_separator="、",
        verdicts={"established": "评估：论旨成立。", "defeated": "评估：论旨被推翻。", "open": "评估：论旨未定。"},
        kinds=_kinds("zh-hans", capitalise=False),
    ),
}

#: Which count each kind adds to: claims, reasons (what supports), objections, answers.
_COUNTED_AS = {
    "claim": "claims",
    "premise": "reasons",
    "evidence": "reasons",
    "assumption": "reasons",
    "objection": "objections",
    "rebuttal": "answers",
}


def wording(argument_map: ArgumentMap) -> Wording:
    """The wording of the map's language (English for a language the table lacks)."""
    return WORDINGS[{"TC": "zh-hant", "SC": "zh-hans"}.get(cjk_region(argument_map.lang) or "", "en")]


def one_line(text: str) -> str:
    """Text on one line, its runs of white space one space."""
    return " ".join(text.split())


class Sayer:
    """Statements of one map said in words: ``Sayer(map).statement(node)``.

    Built once for a map: it knows which linked arguments each statement is a premise of.
    """

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.words = wording(argument_map)
        self._linked: dict[str, list[Argument]] = {}
        for argument in argument_map.arguments.values():
            for premise in dict.fromkeys(p.target for p in argument.premises):
                self._linked.setdefault(premise, []).append(argument)

    def relations(self, node: Node) -> list[str]:
        """What ``node`` does, in words: supports, attacks, linked premises, undercuts, in that order."""
        words = self.words
        phrases = [words.supports.format(target=ref.target) for ref in node.supports]
        phrases += [words.attacks.format(target=ref.target) for ref in node.attacks]
        for argument in self._linked.get(node.id, ()):
            others = words.and_.join(p for p in dict.fromkeys(p.target for p in argument.premises) if p != node.id)
            if others:
                template = words.supports_with if argument.relation == "supports" else words.attacks_with
            else:
                template = words.supports if argument.relation == "supports" else words.attacks
            phrases.append(template.format(target=argument.target.target, others=others))
        for undercut in node.undercuts:
            sources, target = undercut.source or "?", undercut.target or "?"
            if undercut.argument is not None:
                attacked = self.map.arguments.get(undercut.argument)
                sources, target = undercut.argument, "?"
                if attacked is not None:
                    sources = words.and_.join(dict.fromkeys(p.target for p in attacked.premises))
                    target = attacked.target.target
            phrases.append(words.undercuts.format(sources=sources, target=target))
        return phrases

    def statement(self, node: Node) -> str:
        """``主張 C1：…（支持 T）``: the kind, the id, the whole text on one line, and the relations."""
        words = self.words
        said = f"{words.kinds.get(node.kind, node.kind)} {node.id}{words.colon}{one_line(node.text)}"
        phrases = self.relations(node)
        return said + words.relations.format(words.relation_separator.join(phrases)) if phrases else said


def summary_words(argument_map: ArgumentMap, node_ids: list[str], verdict: str | None = None) -> str:
    """The picture's description: the thesis, how many claims, reasons, objections and answers; the verdict if given."""
    words = wording(argument_map)
    counts = {"claims": 0, "reasons": 0, "objections": 0, "answers": 0}
    for node_id in node_ids:
        counted = _COUNTED_AS.get(argument_map.nodes[node_id].kind)
        if counted is not None:
            counts[counted] += 1
    parts = []
    for name, number in counts.items():
        singular, plural = getattr(words, name)
        parts.append(words.count.format(number=number, word=singular if number == 1 else plural))
    root = argument_map.nodes.get(argument_map.root)
    thesis = one_line(root.text) if root is not None else argument_map.root
    if not thesis.endswith((".", "!", "?", "。", "！", "？")):
        thesis += words.full_stop
    return words.summary.format(
        thesis=thesis, counts=words.count_separator.join(parts), verdict=words.verdicts.get(verdict or "", "")
    )

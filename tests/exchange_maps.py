"""Maps the exchange tests share: the bundled ones, the tests' own, and a canonical form of a map for equality."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import MAPS
from usfk_argmap.core.characters import id_problem
from usfk_argmap.core.model import Argument, ArgumentMap, Node, Ref
from usfk_argmap.mapfile.loader import load_map, load_text

BUNDLED_MAPS = sorted(MAPS.glob("*.yaml"))

#: Traditional Chinese full of Argdown, Mermaid and YAML syntax; a short label; an attacking linked
#: argument; undercuts of an argument and of relations (support and attack), in mixed order.
SMALL_ZH = """\
title: 駐軍之爭：「撤」或「留」？
lang: zh-Hant
root: T
sections:
  s1: 一、安全
nodes:
  T:
    kind: thesis
    text: 美軍應繼續駐韓。
  "C:1":
    kind: claim
    text: "駐軍維持區域之和平與穩定 [見第五章] <引文> {資料} #標籤 @提及 *強調* _底線_ // 不是註解 /* 也不是 */"
    label: 駐軍維持和平 <短> "標籤"
    en: 'Keeps the peace "quoted" & <b>bold</b>'
    section: s1
    supports: T
  P1:
    kind: premise
    text: 北韓威脅仍在
    section: s1
  P2:
    kind: assumption
    text: "嚇阻有效\\\\路徑 C:\\\\Users"
  O1:
    kind: objection
    text: 駐軍引發民怨
    attacks: "C:1"
  U1:
    kind: objection
    text: 威脅被誇大
    undercuts: A1
  R1:
    kind: rebuttal
    text: 民怨可以協商處理
    attacks: O1
  U2:
    kind: objection
    text: 和平另有原因
    undercuts: {from: "C:1", to: T}
  R2:
    kind: rebuttal
    text: 民怨不影響駐軍去留
    undercuts: [{from: O1, to: "C:1"}, A2]
  X1:
    kind: evidence
    text: 兩韓對峙
  X2:
    kind: premise
    text: 中國反對
arguments:
  A1:
    premises: [P1, P2]
    supports: "C:1"
  A2:
    premises: [X1, X2]
    attacks: O1
"""

#: Ids and texts that each break some exchange format, the things round trips used to lose
#: (source, ignore entries, argument notes, an unsectioned node after a section), and
#: Mermaid directives and entities inside labels.
NASTY = r"""title: "Nasty === map %%{init: {'theme': 'forest'}}%% <b>"
lang: en
source: sources/tram.txt
root: "T]1"
sections:
  s1: "Section [one] {x} #1"
  "s 2":
    title: "Two\\path/ *bold* e.g. :smile:"
    note: "a note with } brace, <!-- not a comment --> and // slashes"
nodes:
  "T]1":
    kind: thesis
    text: "The thesis ] with [brackets] and \\ backslash; 50% sure &amp; <i>x</i>"
    note: |-
      Line one
      line two }
    ignore:
      AM301: "not quoted, on purpose {really}"
  " lead":
    kind: claim
    text: "%%{init: {'theme': 'dark'}}%% Directive in a label #quot; %% comment"
    section: s1
    supports: "T]1"
  "<a>":
    kind: premise
    text: "Angle <id> with a \"quote\" and a ` backtick | pipe"
    section: s1
  "{b}":
    kind: premise
    text: "Braces {id} === front matter? :x: .y. -- -> +> end"
    section: s1
  "c\\d/e":
    kind: objection
    text: "Backslash \\ id, slash / id, 100% objection"
    section: "s 2"
    attacks: " lead"
  "-dash":
    kind: rebuttal
    text: "A dash id; text with   runs of   spaces"
    attacks: "c\\d/e"
  loose:
    kind: premise
    text: "Unsectioned, after a section"
    supports: "T]1"
arguments:
  "A>1":
    premises: ["<a>", "{b}"]
    supports: " lead"
    note: |-
      Together only. A note with } and ] and > in it
      on two lines
    ignore:
      AM201: "reason"
  "<!--A2":
    premises: ["-dash"]
    attacks: "c\\d/e"
"""


#: Schemes on every kind of inference (issue 23): a linked argument with roles and an attacking one, a
#: node's own support and attack, an undercut relation with a scheme; answers in both forms (answering
#: and raising), outweighs, and ``questions: all``; ids an Argdown title cannot hold.
SCHEMED = """\
title: 駐軍之爭：論證型式
lang: zh-Hant
root: T
questions: all
nodes:
  T: {kind: thesis, text: 美軍應繼續駐韓。}
  C1: {kind: claim, text: 駐軍維持區域穩定。, supports: T, schemes: {T: practical-reasoning}}
  "P]1": {kind: premise, text: 某教授是東亞安全專家。}
  P2: {kind: premise, text: "某教授說駐軍維持穩定 {而且} [見註]。"}
  E1: {kind: evidence, text: 一九五三年以來半島無大戰。, supports: C1, schemes: {C1: example}}
  S1:
    kind: premise
    text: 該教授的評估去年已更新。
    supports: C1
    answers: [{to: "A>1", question: CQ2}, {from: E1, to: C1, question: CQ1}]
    outweighs: [O1, O2]
  O1:
    kind: objection
    text: 駐軍也引發緊張。
    attacks: C1
    schemes: {C1: negative-consequences}
    answers: {to: "A>1", question: CQ6}
  U1:
    kind: objection
    text: 無大戰另有原因。
    undercuts: {from: E1, to: C1}
    answers: {from: E1, to: C1, question: CQ4}
  O2: {kind: objection, text: 駐軍人數逐年減少。}
  O3: {kind: objection, text: 減少駐軍表示承諾減弱。}
  R1: {kind: rebuttal, text: 人數減少由科技補足。, attacks: O3}
arguments:
  "A>1":
    premises: ["P]1", P2]
    supports: C1
    scheme: expert-opinion
    roles: {expertise: "P]1", assertion: P2}
  A2:
    premises: [O2, O3]
    attacks: C1
    scheme: sign
    roles: {finding: O2, indication: O3}
"""


def load_ok(path: Path) -> ArgumentMap:
    result = load_map(path)
    assert result.map is not None and result.ok, [d.format_text() for d in result.diagnostics]
    return result.map


def load_string(text: str, path: Path) -> ArgumentMap:
    """A map from text, as if it were the file ``path`` (which anchors its ``source:``)."""
    result = load_text(text, path)
    assert result.map is not None, [d.format_text() for d in result.diagnostics]
    return result.map


def canonical(argument_map: ArgumentMap) -> dict[str, Any]:
    """Everything a map says, in order, without positions or machine paths: equal maps give equal dicts."""
    return {
        "title": argument_map.title,
        "lang": argument_map.lang,
        "root": argument_map.root,
        "source": argument_map.named_source,
        "source_text": argument_map.source_text.text if argument_map.source_text is not None else None,
        "sections": [(s.id, s.title, s.note) for s in argument_map.sections.values()],
        "nodes": [
            {
                "id": n.id,
                "kind": n.kind,
                "text": n.text,
                "en": n.en,
                "quote": n.quote,
                "section": n.section,
                "note": n.note,
                "supports": [r.target for r in n.supports],
                "attacks": [r.target for r in n.attacks],
                "undercuts": [u.inference for u in n.undercuts],
                "ignore": dict(n.ignore),
                "schemes": {target: scheme.target for target, scheme in n.schemes.items()},
                "answers": [(a.question, a.argument, a.source, a.target) for a in n.answers],
                "outweighs": [r.target for r in n.outweighs],
            }
            for n in argument_map.nodes.values()
        ],
        "arguments": [
            {
                "id": a.id,
                "premises": [p.target for p in a.premises],
                "relation": a.relation,
                "target": a.target.target,
                "note": a.note,
                "ignore": dict(a.ignore),
                "scheme": a.scheme.target if a.scheme is not None else None,
                "roles": {role: premise.target for role, premise in a.roles.items()},
            }
            for a in argument_map.arguments.values()
        ],
        "questions": argument_map.questions,
    }


NASTY_STRINGS = [
    "]",
    "[",
    "\\",
    "\\]",
    "]:",
    "}",
    "{",
    "{}",
    "} x",
    "<",
    ">",
    "<>",
    "<!--",
    "-->",
    "/*",
    "*/",
    "//",
    "a // b",
    "#tag",
    "#(tag x)",
    "@[T]",
    "@<A>",
    "*a*",
    "**b**",
    "_c_",
    "__d__",
    "[l](http://x)",
    ":smile:",
    ".x.",
    "e.g. i.e.",
    "===",
    "a === b",
    "--",
    "----",
    "(1) x",
    "+> [x]",
    "<- y",
    "><",
    "a: b",
    "'q'",
    '"dq"',
    "\\u0041",
    "%%",
    "#quot;",
    "&amp;",
    "  spaced  out  ",
    "末尾\\",
    "全形［］｛｝＜＞",
    "-lead",
    "x\ny",
    "C:\\Users\\x",
]


def strings_map() -> ArgumentMap:
    """Every nasty string as an id (each one an id may be) and as a text, each supporting the root."""
    nodes = {"root": Node("root", "thesis", "The root")}
    for number, value in enumerate(NASTY_STRINGS):
        # A string no id may be (a line break: ``core.characters.id_problem``) is a text and a note only.
        node_id = value if id_problem(value) is None else f"unfit id {number}"
        nodes[node_id] = Node(node_id, "premise", f"{value} (text {number})", note=value, supports=(Ref("root"),))
    first, second = NASTY_STRINGS[0], NASTY_STRINGS[1]
    arguments = {
        value: Argument(value, (Ref(first), Ref(second)), "supports", Ref("root"), note=value)
        for value in ("A]>", "<!--A", "-A", "A } b")
    }
    return ArgumentMap(title="Nasty strings", root="root", nodes=nodes, arguments=arguments)

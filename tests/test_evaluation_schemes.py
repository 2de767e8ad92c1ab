"""The evaluation with schemes: open critical questions as undercuts, and ``outweighs`` as a preference.

Hand-worked cases pin the semantics (``usfk_argmap.analysis.framework``'s
docstring); pygarg, the independent solver, checks the grounded and preferred
labellings of the translated framework on random maps with schemes, answers and
weighings, under both ``--questions`` settings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pygarg.dung import dimacs_parser, solver

from usfk_argmap import evaluate, explain, load_text
from usfk_argmap.analysis.framework import Framework, build_framework
from usfk_argmap.analysis.preferred import grounded_labelling, preferred_labellings
from usfk_argmap.cli.app import main
from usfk_argmap.core.model import ArgumentMap


def load(text: str) -> ArgumentMap:
    result = load_text(text, "map.yaml")
    assert result.map is not None, result.diagnostics
    return result.map


def map_text(nodes: str, arguments: str = "", lang: str = "en") -> str:
    return f"title: t\nlang: {lang}\nroot: T\nnodes:\n{nodes}" + (f"arguments:\n{arguments}" if arguments else "")


#: An expert-opinion argument for T (assumptions CQ1, CQ2, CQ3, CQ6; exceptions CQ4, CQ5).
EXPERT = """\
  T: {kind: thesis, text: the bridge is safe}
  P1: {kind: premise, text: Ada is a structural engineer}
  P2: {kind: premise, text: Ada says the bridge is safe}
"""
EXPERT_ARGUMENT = """\
  A1:
    premises: [P1, P2]
    supports: T
    scheme: expert-opinion
"""


def answering(node_id: str, *questions: str, to: str = "A1", kind: str = "evidence", extra: str = "") -> str:
    listed = ", ".join(f"{{to: {to}, question: {q}}}" for q in questions)
    return f"  {node_id}: {{kind: {kind}, text: {node_id} text, answers: [{listed}]{extra}}}\n"


ALL_ASSUMPTIONS = ("CQ1", "CQ2", "CQ3", "CQ6")

# (map text, expected statuses under --questions assumed, under --questions open)
CASES: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    "an unanswered assumption leaves the claim open only under open questions": (
        map_text(EXPERT, EXPERT_ARGUMENT),
        {"T": "established", "A1": "established"},
        {"T": "open", "A1": "defeated", "P1": "established", "P2": "established"},
    ),
    "every assumption answered: established under both": (
        map_text(EXPERT + answering("E1", *ALL_ASSUMPTIONS), EXPERT_ARGUMENT),
        {"T": "established", "A1": "established"},
        {"T": "established", "A1": "established", "E1": "established"},
    ),
    "one assumption left: still open": (
        map_text(EXPERT + answering("E1", "CQ1", "CQ2", "CQ3"), EXPERT_ARGUMENT),
        {"T": "established"},
        {"T": "open", "A1": "defeated"},
    ),
    "exceptions are not asked for: the assumptions answered are enough": (
        map_text(EXPERT + answering("E1", *ALL_ASSUMPTIONS), EXPERT_ARGUMENT),
        {"T": "established"},
        {"T": "established"},
    ),
    "a defeated answer reopens its question": (
        map_text(EXPERT + answering("E1", *ALL_ASSUMPTIONS) + "  X: {kind: objection, text: x, attacks: E1}\n", EXPERT_ARGUMENT),
        {"T": "established", "E1": "defeated"},
        {"T": "open", "A1": "defeated", "E1": "defeated"},
    ),
    "an answer from the other side raises the question and answers nothing": (
        map_text(
            EXPERT
            + "  X: {kind: objection, text: x, undercuts: A1, answers: {to: A1, question: CQ4}}\n"
            + answering("E1", *ALL_ASSUMPTIONS),
            EXPERT_ARGUMENT,
        ),
        {"T": "open", "A1": "defeated", "X": "established"},
        {"T": "open", "A1": "defeated", "X": "established"},
    ),
    "a single support under a scheme: its open assumption stops it counting": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  C: {kind: claim, text: c, supports: T}\n"
            "  S: {kind: evidence, text: s, supports: C, schemes: {C: sign}}\n"
        ),
        {"T": "established", "C": "established"},
        {"T": "open", "C": "open", "S": "established"},
    ),
    "a single support whose assumptions are answered counts": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  C: {kind: claim, text: c, supports: T}\n"
            "  S: {kind: evidence, text: s, supports: C, schemes: {C: sign}}\n"
            "  B: {kind: premise, text: b, supports: S, answers: [{from: S, to: C, question: CQ1},"
            " {from: S, to: C, question: CQ3}]}\n"
        ),
        {"T": "established"},
        {"T": "established", "C": "established"},
    ),
    "an objection under a scheme whose assumption is open does not defeat": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  P: {kind: premise, text: p, supports: T}\n"
            "  O: {kind: objection, text: o, attacks: T, schemes: {T: negative-consequences}}\n"
        ),
        {"T": "defeated", "O": "established"},
        {"T": "established", "O": "established"},
    ),
    "a linked objection under a scheme whose assumption is open does not defeat": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  P: {kind: premise, text: p, supports: T}\n"
            "  O1: {kind: objection, text: o1}\n"
            "  O2: {kind: objection, text: o2}\n",
            "  B:\n    premises: [O1, O2]\n    attacks: T\n    scheme: negative-consequences\n",
        ),
        {"T": "defeated", "B": "established"},
        {"T": "established", "B": "defeated"},
    ),
    "an outweighed objection does not defeat, but still stands": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  C: {kind: claim, text: c, supports: T}\n"
            "  R: {kind: evidence, text: r, supports: C, outweighs: O}\n"
            "  O: {kind: objection, text: o, attacks: [C, T2]}\n"
            "  T2: {kind: premise, text: t2, supports: T}\n"
        ),
        {"T": "established", "C": "established", "O": "established", "T2": "defeated"},
        {"T": "established", "C": "established", "O": "established", "T2": "defeated"},
    ),
    "an outweighing reason that is defeated outweighs nothing": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  C: {kind: claim, text: c, supports: T}\n"
            "  R: {kind: evidence, text: r, supports: C, outweighs: O}\n"
            "  O: {kind: objection, text: o, attacks: C}\n"
            "  X: {kind: objection, text: x, attacks: R}\n"
        ),
        {"T": "open", "C": "defeated", "R": "defeated", "O": "established"},
        {"T": "open", "C": "defeated", "R": "defeated"},
    ),
    "an outweighing reason whose support is undercut outweighs nothing": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  C: {kind: claim, text: c, supports: T}\n"
            "  R: {kind: evidence, text: r, supports: C, outweighs: O}\n"
            "  O: {kind: objection, text: o, attacks: C}\n"
            "  U: {kind: objection, text: u, undercuts: {from: R, to: C}}\n"
        ),
        {"T": "open", "C": "defeated", "R": "established", "U": "established"},
        {"T": "open", "C": "defeated"},
    ),
    "a linked argument outweighs an objection through its premise": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  P1: {kind: premise, text: p1, outweighs: O}\n"
            "  P2: {kind: premise, text: p2}\n"
            "  O: {kind: objection, text: o, attacks: T}\n",
            "  A:\n    premises: [P1, P2]\n    supports: T\n",
        ),
        {"T": "established", "A": "established", "O": "established"},
        {"T": "established"},
    ),
    "a linked objection is outweighed as a whole": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  R: {kind: evidence, text: r, supports: T, outweighs: O1}\n"
            "  O1: {kind: objection, text: o1}\n"
            "  O2: {kind: objection, text: o2}\n",
            "  B:\n    premises: [O1, O2]\n    attacks: T\n",
        ),
        {"T": "established", "B": "established"},
        {"T": "established"},
    ),
    "weighing and an undercut of the same attack: either one keeps it off": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  R: {kind: evidence, text: r, supports: T, outweighs: O}\n"
            "  O: {kind: objection, text: o, attacks: T}\n"
            "  U: {kind: rebuttal, text: u, undercuts: {from: O, to: T}}\n"
            "  X: {kind: objection, text: x, attacks: U}\n"
        ),
        {"T": "established", "U": "defeated", "O": "established"},
        {"T": "established"},
    ),
    "an objection outweighs a reason: the objection defeats as it would anyway": (
        map_text(
            "  T: {kind: thesis, text: t}\n"
            "  R: {kind: evidence, text: r, supports: T}\n"
            "  O: {kind: objection, text: o, attacks: T, outweighs: R}\n"
        ),
        {"T": "defeated", "R": "established", "O": "established"},
        {"T": "defeated"},
    ),
}


@pytest.mark.parametrize(("text", "assumed", "opened"), CASES.values(), ids=list(CASES))
def test_status_by_hand(text: str, assumed: dict[str, str], opened: dict[str, str]) -> None:
    argument_map = load(text)
    status = evaluate(argument_map).status
    assert {key: status[key] for key in assumed} == assumed
    status = evaluate(argument_map, questions="open").status
    assert {key: status[key] for key in opened} == opened


def test_assumed_is_the_default_and_unchanged_by_schemes() -> None:
    # The same map without its scheme gives the same labels under the default.
    with_scheme = load(map_text(EXPERT, EXPERT_ARGUMENT))
    without = load(map_text(EXPERT, EXPERT_ARGUMENT.replace("    scheme: expert-opinion\n", "")))
    assert evaluate(with_scheme).all_labels == evaluate(without).all_labels
    assert evaluate(with_scheme).to_dict()["questions"] == "assumed"
    assert evaluate(with_scheme, questions="open").to_dict()["questions"] == "open"


def test_unknown_questions_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown questions 'all'"):
        evaluate(load(map_text(EXPERT, EXPERT_ARGUMENT)), questions="all")  # type: ignore[arg-type]


def test_the_translation_by_hand() -> None:
    # The framework the solvers see: one question argument per open assumption, an answered one attacked.
    argument_map = load(map_text(EXPERT + answering("E1", "CQ1"), EXPERT_ARGUMENT))
    framework = build_framework(argument_map, questions="open")
    assert framework.attackers["A1"] == [f"question A1 {q}" for q in ALL_ASSUMPTIONS]
    assert framework.attackers["question A1 CQ1"] == ["E1"]
    assert framework.questions["question A1 CQ2"] == ("A1", "expert-opinion", "CQ2")
    assert "question A1 CQ4" not in framework.arguments  # an exception
    weighed = build_framework(load(CASES["an outweighed objection does not defeat, but still stands"][0]))
    assert weighed.attackers["C"] == ["attack O->C"]
    assert weighed.attackers["attack O->C"] == ["unless O", "R"]
    assert weighed.attackers["T2"] == ["O"]  # the weighing is about C only
    assert weighed.weighers["attack O->C"] == [("R", "R")]


# -- the independent oracle on the translated framework ------------------------------------------------


def iccma(framework: Framework) -> str:
    number = {argument: index for index, argument in enumerate(framework.arguments, start=1)}
    lines = [f"p af {len(framework.arguments)}"]
    lines += [f"{number[attacker]} {number[target]}" for attacker, target in framework.attacks()]
    return "\n".join(lines) + "\n"


def in_set(framework: Framework, labels: Mapping[str, str]) -> set[str]:
    return {str(index) for index, argument in enumerate(framework.arguments, start=1) if labels[argument] == "in"}


def oracle(framework: Framework, tmp_path: Path) -> tuple[set[str], set[frozenset[str]]]:
    path = tmp_path / "af.iccma"
    path.write_text(iccma(framework))
    args, atts = dimacs_parser.parse(str(path))
    grounded = set(solver.compute_grounded_extension(args, atts))
    if not atts:
        return grounded, {frozenset(args)}
    return grounded, {frozenset(extension) for extension in solver.preferred_extension_enumeration(args, atts)}


SCHEMES = ("expert-opinion", "sign", "example", "practical-reasoning", "cause-to-effect")


@st.composite
def scheme_maps(draw: st.DrawFn) -> str:
    """Small maps with attack cycles, linked arguments and single relations under schemes, answers and weighings."""
    count = draw(st.integers(3, 8))
    ids = [f"S{i}" for i in range(count)]
    kinds = [
        "thesis",
        *draw(st.lists(st.sampled_from(["claim", "premise", "objection", "rebuttal"]), min_size=count - 1, max_size=count - 1)),
    ]
    argument_ids = [f"A{i}" for i in range(draw(st.integers(0, 2)))]
    relations: dict[str, dict[str, list[str]]] = {}
    for node_id in ids:
        relations[node_id] = {
            "attacks": draw(st.lists(st.sampled_from([i for i in ids if i != node_id]), max_size=2, unique=True)),
            "supports": draw(st.lists(st.sampled_from([i for i in ids if i != node_id]), max_size=2, unique=True)),
        }
    inferences = [
        (source, target) for source in ids for relation in ("attacks", "supports") for target in relations[source][relation]
    ]
    lines = []
    for node_id, kind in zip(ids, kinds, strict=True):
        parts = [f"kind: {kind}", f"text: {node_id} text"]
        for relation in ("attacks", "supports"):
            if relations[node_id][relation]:
                parts.append(f"{relation}: [{', '.join(relations[node_id][relation])}]")
        own = relations[node_id]["attacks"] + relations[node_id]["supports"]
        if bool(own) and draw(st.booleans()):
            parts.append(f"schemes: {{{own[0]}: {draw(st.sampled_from(SCHEMES))}}}")
        answered = []
        if bool(argument_ids) and draw(st.booleans()):
            answered.append(
                f"{{to: {draw(st.sampled_from(argument_ids))}, question: {draw(st.sampled_from(['CQ1', 'CQ2', 'CQ3']))}}}"
            )
        if bool(inferences) and draw(st.booleans()):
            source, target = draw(st.sampled_from(inferences))
            answered.append(f"{{from: {source}, to: {target}, question: CQ1}}")
        if answered:
            parts.append(f"answers: [{', '.join(answered)}]")
        if draw(st.booleans()):
            parts.append(f"outweighs: [{draw(st.sampled_from(ids))}]")
        if bool(argument_ids) and draw(st.booleans()):
            parts.append(f"undercuts: [{draw(st.sampled_from(argument_ids))}]")
        lines.append(f"  {node_id}: {{{', '.join(parts)}}}\n")
    arguments = ""
    for argument_id in argument_ids:
        premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        relation = draw(st.sampled_from(["supports", "attacks"]))
        arguments += f"  {argument_id}:\n    premises: [{', '.join(premises)}]\n    {relation}: {draw(st.sampled_from(ids))}\n"
        if draw(st.booleans()):
            arguments += f"    scheme: {draw(st.sampled_from(SCHEMES))}\n"
    return map_text("".join(lines), arguments).replace("root: T", "root: S0")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=scheme_maps())
def test_grounded_and_preferred_agree_with_the_oracle(text: str, tmp_path: Path) -> None:
    argument_map = load(text)
    for questions in ("assumed", "open"):
        framework = build_framework(argument_map, questions=questions)
        grounded, preferred = oracle(framework, tmp_path)
        assert in_set(framework, grounded_labelling(framework)) == grounded
        assert {frozenset(in_set(framework, labels)) for labels in preferred_labellings(framework)} == preferred
        labels = evaluate(argument_map, questions=questions).all_labels
        assert in_set(framework, labels) == grounded


def test_the_hand_worked_cases_agree_with_the_oracle(tmp_path: Path) -> None:
    for text, _, _ in CASES.values():
        argument_map = load(text)
        for questions in ("assumed", "open"):
            framework = build_framework(argument_map, questions=questions)
            grounded, _ = oracle(framework, tmp_path)
            assert in_set(framework, evaluate(argument_map, questions=questions).all_labels) == grounded, text


def test_evaluate_json_names_the_questions_setting() -> None:
    data = json.dumps(evaluate(load(map_text(EXPERT, EXPERT_ARGUMENT)), questions="open").to_dict())
    assert '"questions": "open"' in data


# -- explain: what the relation is, which question is open, what outweighs ----------------------------


def test_explain_says_an_undercut_is_an_undercut() -> None:
    # explain A5.1 used to say "attacked by O5.2 … unanswered" where O5.2 undercuts it.
    argument_map = load(
        map_text(
            "  T: {kind: thesis, text: t}\n  P1: {kind: premise, text: p1}\n  P2: {kind: premise, text: p2}\n"
            "  U: {kind: objection, text: u, undercuts: A}\n  O: {kind: objection, text: o, attacks: P2}\n",
            "  A:\n    premises: [P1, P2]\n    supports: T\n",
        )
    )
    explanation = explain(argument_map, "A")
    assert [(s.role, s.id, s.premise) for s in explanation.attacks] == [("undercut", "U", None), ("premise-attack", "O", "P2")]
    sentence = explanation.sentence()
    assert "U undercuts it (denies that its premises bear on its conclusion) and stands unanswered." in sentence
    assert "O attacks its premise P2 and stands unanswered." in sentence
    assert "stands against it" not in sentence
    lines = explanation.lines()
    assert "  undercut by U: established (label in)" in lines
    assert "  premise P2 attacked by O: established (label in)" in lines
    assert explain(argument_map, "A", depth=1).lines()[-2:] == ["  premise P1: established", "  premise P2: defeated"]


def test_explain_names_the_open_question_in_the_maps_language() -> None:
    from usfk_argmap.core.schemes import scheme

    question = scheme("expert-opinion").question("CQ2").text
    english = load(map_text(EXPERT + answering("E1", "CQ1", "CQ3", "CQ6"), EXPERT_ARGUMENT))
    sentence = explain(english, "A1", questions="open").sentence()
    assert sentence.startswith("A1 (P1 + P2) is defeated. Its critical question CQ2 (Argument from expert opinion) is open: ")
    assert question.en in sentence and "CQ1 is answered by E1" in sentence
    thesis = explain(english, "T", questions="open").sentence()
    assert thesis.endswith(
        f"None of its reasons is established: A1 rests on critical question CQ2 (Argument from expert opinion: “{question.en}”), "
        "which nothing answers."
    )
    assert explain(english, "T", questions="open").to_dict()["reasons"][0]["open_questions"] == [  # type: ignore[index]
        {"inference": "A1", "scheme": "expert-opinion", "question": "CQ2"}
    ]
    chinese = load(map_text(EXPERT + answering("E1", "CQ1", "CQ3", "CQ6"), EXPERT_ARGUMENT, lang="zh-Hant"))
    sentence = explain(chinese, "A1", questions="open").sentence()
    assert sentence.startswith("A1（P1 + P2）被推翻。它的批判性問題 CQ2（訴諸專家意見）無人回答：")
    assert question.zh_hant in sentence
    simplified = explain(chinese, "A1", questions="open").sentence("zh-Hans")
    assert question.zh_hans in simplified and "被推翻。" in simplified
    assert "critical question" not in explain(english, "A1").sentence()  # assumed: no question is named


def test_explain_names_the_question_of_a_single_reason() -> None:
    argument_map = load(CASES["a single support under a scheme: its open assumption stops it counting"][0])
    sentence = explain(argument_map, "C", questions="open").sentence()
    assert sentence.startswith("C (c) is open. Nothing in the map attacks it. None of its reasons is established: S rests on ")
    assert "critical question CQ1 (Argument from sign: “" in sentence and sentence.endswith("”), which nothing answers.")


def test_explain_says_what_outweighs_an_objection() -> None:
    argument_map = load(CASES["an outweighed objection does not defeat, but still stands"][0])
    explanation = explain(argument_map, "C")
    assert explanation.sentence() == (
        "C (c) is established. O counts against it, but is outweighed by R, so it does not defeat it. "
        "It rests on R, which is established."
    )
    assert explanation.to_dict()["attacks"][0]["outweighed_by"] == ["R"]  # type: ignore[index]
    assert "  attacked by O (established), outweighed by R" in explanation.lines()
    chinese = explain(
        load(CASES["an outweighed objection does not defeat, but still stands"][0].replace("lang: en", "lang: zh-Hant")), "C"
    )
    assert chinese.sentence() == "C（c）成立。O 構成反對，但 R 比它更有分量，因此不足以推翻。它以 R 為理由，該理由成立。"


def test_the_commands_take_questions(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(map_text(EXPERT, EXPERT_ARGUMENT), encoding="utf-8")
    assumed = CliRunner().invoke(main, ["evaluate", str(path), "--format", "json"])
    opened = CliRunner().invoke(main, ["evaluate", str(path), "--questions", "open", "--format", "json"])
    assert json.loads(assumed.stdout)["status"]["T"] == "established"
    assert json.loads(opened.stdout)["status"]["T"] == "open" and json.loads(opened.stdout)["questions"] == "open"
    text = CliRunner().invoke(main, ["evaluate", str(path), "--questions", "open"])
    assert "(grounded, open questions)" in text.stderr
    assert "2 change status against --questions assumed: T (established → open), A1 (established → defeated)" in text.stderr
    why = CliRunner().invoke(main, ["explain", str(path), "A1", "--questions", "open"])
    assert why.exit_code == 0 and "Its critical question CQ1 (Argument from expert opinion) is open" in why.stdout
    assert "critical question CQ1 (Argument from expert opinion): open" in why.stdout
    bad = CliRunner().invoke(main, ["evaluate", str(path), "--questions", "all"])
    assert bad.exit_code == 2 and "'all' is not one of 'assumed', 'open'" in bad.output


# -- check: the assumptions, or every question under --strict-questions ----------------------------------


@pytest.mark.parametrize(
    ("setting", "flag", "expected"),
    [
        ("", [], ["CQ2", "CQ3", "CQ6"]),
        ("", ["--strict-questions"], ["CQ2", "CQ3", "CQ4", "CQ5", "CQ6"]),
        ("questions: all\n", [], ["CQ2", "CQ3", "CQ4", "CQ5", "CQ6"]),
        ("questions: all\n", ["--strict-questions"], ["CQ2", "CQ3", "CQ4", "CQ5", "CQ6"]),
    ],
    ids=["assumptions", "strict-questions", "map setting", "both"],
)
def test_check_lists_the_open_questions_per_inference(tmp_path: Path, setting: str, flag: list[str], expected: list[str]) -> None:
    import re

    path = tmp_path / "map.yaml"
    text = map_text(EXPERT + answering("E1", "CQ1"), EXPERT_ARGUMENT).replace("root: T\n", f"root: T\n{setting}")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--select", "AM208", "--format", "json", *flag])
    [found] = json.loads(result.stdout)["diagnostics"]
    assert found["node"] == "A1" and found["message"].startswith("'A1' (expert-opinion): critical questions nothing answers: ")
    assert re.findall(r"CQ\d", found["message"]) == expected


def test_the_library_check_takes_strict_questions() -> None:
    from usfk_argmap import check

    argument_map = load(map_text(EXPERT + answering("E1", *ALL_ASSUMPTIONS), EXPERT_ARGUMENT))
    assert check(argument_map, select=["AM208"]) == []
    [found] = check(argument_map, select=["AM208"], strict_questions=True)
    assert "CQ4" in found.message and "CQ5" in found.message and "CQ1" not in found.message
    assert argument_map.questions == "assumptions"  # the map given is left as it was


def test_evaluation_with_a_scheme_on_every_inference_grows_linearly() -> None:
    # Counted calls, not time (benchmarks/scheme_evaluation.py times it at 1k to 10k statements).
    from benchmarks.scheme_evaluation import load_scheme_map
    from tests.growth import LINEAR_GROWTH, growth

    maps = {n: load_scheme_map(n) for n in (500, 2000)}
    assert all(sum(1 for _ in maps[n].schemes()) > n // 2 for n in maps)
    assert growth(lambda n: evaluate(maps[n], questions="open"), 500) <= LINEAR_GROWTH
    assert growth(lambda n: evaluate(maps[n]), 500) <= LINEAR_GROWTH
    opened = evaluate(maps[2000], questions="open")
    # Every third objection is outweighed and every third rebutted; the linked arguments' other assumptions stay open.
    assert opened.status["A1"] == "defeated" and evaluate(maps[2000]).status["A1"] == "established"


def test_explain_speaks_the_maps_language_or_ui_lang(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(CASES["an outweighed objection does not defeat, but still stands"][0].replace("lang: en", "lang: zh-Hant"))
    chinese = CliRunner().invoke(main, ["explain", str(path), "C"])
    assert chinese.stdout.startswith("C（c）成立。O 構成反對，但 R 比它更有分量，因此不足以推翻。")
    assert "  被 O 攻擊（成立），但 R 更有分量" in chinese.stdout
    english = CliRunner().invoke(main, ["explain", str(path), "C", "--ui-lang", "en"])
    assert english.stdout.startswith("C (c) is established. O counts against it, but is outweighed by R")
    bad = CliRunner().invoke(main, ["explain", str(path), "C", "--ui-lang", "zh TW"])
    assert bad.exit_code == 2 and "--ui-lang" in bad.output


def test_the_language_server_lists_the_open_questions_in_the_maps_language() -> None:
    from usfk_argmap.authoring.document import open_document
    from usfk_argmap.authoring.lsp import lsp_diagnostic
    from usfk_argmap.core.schemes import scheme

    text = map_text(EXPERT + answering("E1", "CQ1"), EXPERT_ARGUMENT, lang="zh-Hant")
    for setting, expected in (("", ("CQ2", "CQ3", "CQ6")), ("questions: all\n", ("CQ2", "CQ3", "CQ4", "CQ5", "CQ6"))):
        written = text.replace("root: T\n", f"root: T\n{setting}")
        document = open_document("map.yaml", written)
        [found] = [lsp_diagnostic(document, d) for d in document.diagnostics if d.code == "AM208"]
        expert = scheme("expert-opinion")
        assert all(f"{q} {expert.question(q).text.zh_hant}" in found.message for q in expected)
        assert "CQ1" not in found.message
        assert found.range.start.line == written.splitlines().index("    scheme: expert-opinion")


def test_explain_says_why_an_objection_under_an_open_question_does_not_count() -> None:
    argument_map = load(CASES["a linked objection under a scheme whose assumption is open does not defeat"][0])
    sentence = explain(argument_map, "T", questions="open").sentence()
    assert sentence.startswith("T (t) is established. B does not count against it: its critical question CQ1 (")
    assert "question B" not in sentence
    single = load(CASES["an objection under a scheme whose assumption is open does not defeat"][0])
    sentence = explain(single, "T", questions="open").sentence()
    assert sentence.startswith("T (t) is established. O does not count against it: its critical question CQ1 (")

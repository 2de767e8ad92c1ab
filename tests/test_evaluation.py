"""Evaluation: labels of the attack graph, statuses, explanations, and the solver formats.

Hand-worked cases pin the semantics; pygarg (a SAT-based solver by an ICCMA
organiser, a test-only dependency) is the independent oracle for grounded and
preferred extensions, fed our own ICCMA export.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pygarg.dung import apx_parser, dimacs_parser, solver

from tests.growth import LINEAR_GROWTH, growth
from tests.helpers import MAPS, SHARED
from usfk_argmap import evaluate, explain, load_text, open_map
from usfk_argmap.analysis.evaluation import EvaluationLimitError, grounded_labelling, preferred_labellings
from usfk_argmap.analysis.framework import build_framework
from usfk_argmap.cli.app import main
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.interop.attack_graph import to_apx, to_iccma
from usfk_argmap.interop.microtext import import_microtext
from usfk_argmap.rules.evaluated import evaluation_diagnostics

MICROTEXT = sorted((SHARED / "corpora" / "microtext" / "en").glob("*.xml"))


def load(text: str) -> ArgumentMap:
    result = load_text(text, "map.yaml")
    assert result.map is not None, result.diagnostics
    return result.map


def node(node_id: str, kind: str, **relations: str | list[str]) -> str:
    lines = [f"  {node_id}:", f"    kind: {kind}", f"    text: {node_id} text"]
    for relation, targets in relations.items():
        listed = targets if isinstance(targets, list) else [targets]
        lines.append(f"    {relation}: [{', '.join(listed)}]")
    return "\n".join(lines)


def map_text(*nodes: str, arguments: str = "") -> str:
    return "title: t\nlang: en\nroot: T\nnodes:\n" + "\n".join(nodes) + "\n" + arguments


# -- hand-worked cases -----------------------------------------------------------

CASES = {
    "an unanswered objection to the only reason leaves the thesis open": (
        map_text(
            node("T", "thesis"),
            node("C", "claim", supports="T"),
            node("P", "premise", supports="C"),
            node("O", "objection", attacks="C"),
        ),
        {"T": "open", "C": "defeated", "P": "established", "O": "established"},
    ),
    "a rebuttal of that objection establishes the thesis": (
        map_text(
            node("T", "thesis"),
            node("C", "claim", supports="T"),
            node("P", "premise", supports="C"),
            node("O", "objection", attacks="C"),
            node("R", "rebuttal", attacks="O"),
        ),
        {"T": "established", "C": "established", "O": "defeated", "R": "established"},
    ),
    "an undercut of a linked argument removes that reason": (
        map_text(
            node("T", "thesis"),
            node("P1", "premise"),
            node("P2", "premise"),
            node("U", "objection", undercuts="A"),
            arguments="arguments:\n  A:\n    premises: [P1, P2]\n    supports: T\n",
        ),
        {"T": "open", "A": "defeated", "P1": "established", "P2": "established", "U": "established"},
    ),
    "an attack on one premise defeats the linked argument too": (
        map_text(
            node("T", "thesis"),
            node("P1", "premise"),
            node("P2", "premise"),
            node("O", "objection", attacks="P2"),
            arguments="arguments:\n  A:\n    premises: [P1, P2]\n    supports: T\n",
        ),
        {"T": "open", "A": "defeated", "P2": "defeated", "P1": "established"},
    ),
    "a linked argument with established premises establishes its conclusion": (
        map_text(
            node("T", "thesis"),
            node("P1", "premise"),
            node("P2", "evidence"),
            arguments="arguments:\n  A:\n    premises: [P1, P2]\n    supports: T\n",
        ),
        {"T": "established", "A": "established"},
    ),
    "an undercut of a single attack: the objection stands but does not count": (
        map_text(
            node("T", "thesis"),
            node("C", "claim", supports="T"),
            node("P", "premise", supports="C"),
            node("O", "objection", attacks="C"),
            node("U", "rebuttal", undercuts="{from: O, to: C}"),
        ),
        {"T": "established", "C": "established", "O": "established", "U": "established"},
    ),
    "an undercut that is itself defeated lets the attack through": (
        map_text(
            node("T", "thesis"),
            node("C", "claim", supports="T"),
            node("P", "premise", supports="C"),
            node("O", "objection", attacks="C"),
            node("U", "rebuttal", undercuts="{from: O, to: C}"),
            node("X", "objection", attacks="U"),
        ),
        {"T": "open", "C": "defeated", "O": "established", "U": "defeated"},
    ),
    "an undercut of a support removes that reason only": (
        map_text(
            node("T", "thesis"),
            node("C1", "claim", supports="T"),
            node("C2", "claim", supports="T"),
            node("P1", "premise", supports="C1"),
            node("U", "objection", undercuts="{from: C1, to: T}"),
        ),
        {"T": "open", "C1": "established", "U": "established"},
    ),
    "an odd attack cycle stays undecided, and so does what it attacks": (
        map_text(
            node("T", "thesis"),
            node("P", "premise", supports="T"),
            node("X", "objection", attacks=["P", "Z"]),
            node("Y", "objection", attacks="X"),
            node("Z", "objection", attacks="Y"),
        ),
        {"X": "open", "Y": "open", "Z": "open", "P": "open", "T": "open"},
    ),
    "support in a circle establishes nothing": (
        map_text(node("T", "thesis"), node("C1", "claim", supports=["T", "C2"]), node("C2", "claim", supports="C1")),
        {"T": "open", "C1": "open", "C2": "open"},
    ),
    "one established reason is enough": (
        map_text(
            node("T", "thesis"),
            node("C1", "claim", supports="T"),
            node("C2", "claim", supports="T"),
            node("P", "premise", supports="C2"),
        ),
        {"T": "established", "C1": "open", "C2": "established"},
    ),
    "a self-attack is left out, as in the graph projection (AM102 reports it)": (
        map_text(
            node("T", "thesis"),
            node("P", "premise", supports="T"),
            node("O", "objection", attacks="P").replace("attacks: [P]", "attacks: [P, O]"),
        ),
        {"O": "established", "P": "defeated", "T": "open"},
    ),
}


@pytest.mark.parametrize("text,expected", CASES.values(), ids=list(CASES))
def test_status_by_hand(text: str, expected: dict[str, str]) -> None:
    status = evaluate(load(text)).status
    assert {key: status[key] for key in expected} == expected


def test_even_cycle_grounded_preferred_credulous_and_sceptical() -> None:
    argument_map = load(
        map_text(
            node("T", "thesis"),
            node("P", "premise", supports="T"),
            node("A", "objection", attacks=["B", "P"]),
            node("B", "rebuttal", attacks="A"),
        )
    )
    grounded = evaluate(argument_map)
    assert (grounded.labels["A"], grounded.labels["B"], grounded.status["T"]) == ("undec", "undec", "open")
    sceptical = evaluate(argument_map, semantics="preferred")
    assert (sceptical.labels["A"], sceptical.labels["B"], sceptical.labels["P"]) == ("undec", "undec", "undec")
    credulous = evaluate(argument_map, semantics="preferred", acceptance="credulous")
    assert (credulous.labels["A"], credulous.labels["B"], credulous.labels["P"]) == ("in", "in", "in")
    assert len(preferred_labellings(build_framework(argument_map))) == 2
    assert credulous.to_dict()["semantics"] == "preferred-credulous"


def test_evaluation_runs_on_maps_with_rule_findings() -> None:
    # An unknown reference, an orphan and an unsupported claim: still evaluated, as written.
    argument_map = load(
        map_text(
            node("T", "thesis"), node("C", "claim", supports="T"), node("L", "premise"), node("O", "objection", attacks="NOPE")
        )
    )
    status = evaluate(argument_map).status
    assert status == {"T": "open", "C": "open", "L": "established", "O": "established"}


def test_grounded_is_linear_for_a_long_chain() -> None:
    # One attack chain of n objections: the calls evaluate makes grow as n, not n² (20,000 took minutes when quadratic).
    def chain(n: int) -> ArgumentMap:
        return load(
            map_text(node("T", "thesis"), *[node(f"O{i}", "objection", attacks=f"O{i - 1}" if i else "T") for i in range(n)])
        )

    maps = {n: chain(n) for n in (500, 2000)}
    assert growth(lambda n: evaluate(maps[n]), 500) <= LINEAR_GROWTH
    evaluation = evaluate(maps[2000])
    assert evaluation.labels["O1999"] == "in" and evaluation.labels["O1998"] == "out"
    assert evaluation.labels["T"] == "in"  # an even chain


def test_preferred_has_a_clear_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import usfk_argmap.analysis.preferred as preferred_module

    monkeypatch.setattr(preferred_module, "MAX_UNDECIDED", 3)
    cycle = map_text(node("T", "thesis"), *[node(f"O{i}", "objection", attacks=f"O{(i + 1) % 4}") for i in range(4)])
    with pytest.raises(EvaluationLimitError, match="over the limit of 3"):
        evaluate(load(cycle), semantics="preferred")


# -- the independent oracle ------------------------------------------------------------


def oracle_grounded(iccma: str, tmp_path: Path) -> set[str]:
    path = tmp_path / "af.iccma"
    path.write_text(iccma)
    args, atts = dimacs_parser.parse(str(path))
    return set(solver.compute_grounded_extension(args, atts))


def oracle_preferred(iccma: str, tmp_path: Path) -> set[frozenset[str]]:
    path = tmp_path / "af.iccma"
    path.write_text(iccma)
    args, atts = dimacs_parser.parse(str(path))
    if not atts:
        return {frozenset(args)}
    return {frozenset(extension) for extension in solver.preferred_extension_enumeration(args, atts)}


def numbered_in_set(argument_map: ArgumentMap, labels: Mapping[str, str]) -> set[str]:
    framework = build_framework(argument_map)
    return {str(index) for index, argument in enumerate(framework.arguments, start=1) if labels[argument] == "in"}


@st.composite
def random_maps(draw: st.DrawFn) -> str:
    """Small maps with attack cycles, undercuts of linked arguments and attacks on premises."""
    count = draw(st.integers(2, 9))
    ids = [f"S{i}" for i in range(count)]
    kinds = [
        "thesis",
        *draw(st.lists(st.sampled_from(["claim", "premise", "objection", "rebuttal"]), min_size=count - 1, max_size=count - 1)),
    ]
    argument_count = draw(st.integers(0, 2))
    argument_ids = [f"A{i}" for i in range(argument_count)]
    nodes = []
    written: list[tuple[str, str]] = []  # relations so far, for undercuts of relations
    for node_id, kind in zip(ids, kinds, strict=True):
        attacks = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        supports = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        relations: dict[str, list[str]] = {}
        if attacks:
            relations["attacks"] = attacks
        if supports:
            relations["supports"] = supports
        undercuts = []
        if bool(argument_ids) and draw(st.booleans()):
            undercuts.append(draw(st.sampled_from(argument_ids)))
        if bool(written) and draw(st.booleans()):
            source, target = draw(st.sampled_from(written))
            undercuts.append(f"{{from: {source}, to: {target}}}")
        if undercuts:
            relations["undercuts"] = undercuts
        written += [(node_id, target) for target in attacks + supports if target != node_id]
        nodes.append(node(node_id, kind, **relations))
    arguments = ""
    if argument_ids:
        arguments = "arguments:\n"
        for argument_id in argument_ids:
            premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
            relation = draw(st.sampled_from(["supports", "attacks"]))
            target = draw(st.sampled_from(ids))
            arguments += f"  {argument_id}:\n    premises: [{', '.join(premises)}]\n    {relation}: {target}\n"
    return map_text(*nodes, arguments=arguments).replace("root: T", "root: S0")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=random_maps())
def test_grounded_and_preferred_agree_with_the_oracle(text: str, tmp_path: Path) -> None:
    argument_map = load(text)
    iccma = to_iccma(argument_map)
    framework = build_framework(argument_map)
    grounded = grounded_labelling(framework)
    assert numbered_in_set(argument_map, grounded) == oracle_grounded(iccma, tmp_path)
    ours = {frozenset(numbered_in_set(argument_map, labels)) for labels in preferred_labellings(framework)}
    assert ours == oracle_preferred(iccma, tmp_path)


@pytest.mark.parametrize("path", MICROTEXT, ids=[p.stem for p in MICROTEXT])
def test_microtext_maps_agree_with_the_oracle(path: Path, shared_dir: Path, tmp_path: Path) -> None:
    result = import_microtext(path.read_bytes(), str(path))
    assert result.map is not None
    iccma = to_iccma(result.map)
    framework = build_framework(result.map)
    assert numbered_in_set(result.map, grounded_labelling(framework)) == oracle_grounded(iccma, tmp_path)
    ours = {frozenset(numbered_in_set(result.map, labels)) for labels in preferred_labellings(framework)}
    assert ours == oracle_preferred(iccma, tmp_path)


def test_apx_export_reads_back_in_the_oracle(tmp_path: Path) -> None:
    argument_map = open_map(MAPS / "example_tram.yaml")
    path = tmp_path / "tram.apx"
    path.write_text(to_apx(argument_map))
    args, atts = apx_parser.parse(str(path))
    grounded = {name.strip('"') for name in solver.compute_grounded_extension(args, atts)}
    assert grounded == {i for i, label in evaluate(argument_map).labels.items() if label == "in"}


def test_solver_formats_escape_and_number() -> None:
    # The objection's id is  q"\x  (a quote and a backslash): an ASP string constant escapes both.
    objection = "  'q\"\\x':\n    kind: objection\n    text: odd id\n    attacks: T"
    argument_map = load(map_text(node("T", "thesis"), objection))
    assert list(argument_map.nodes) == ["T", 'q"\\x']
    assert to_apx(argument_map).splitlines() == ['arg("T").', r'arg("q\"\\x").', r'att("q\"\\x","T").']
    assert to_iccma(argument_map).splitlines() == ["p af 2", '# 1 "T"', r'# 2 "q\"\\x"', "2 1"]


# -- the flagship, explanations, diagnostics and the CLI ---------------------------------


def test_flagship_evaluation_is_pinned() -> None:
    argument_map = open_map(MAPS / "usfk_conclusion.yaml")
    evaluation = evaluate(argument_map)
    main = ["T", "C1", "C2", "C3", "C4", "C5"]
    assert {i: evaluation.status[i] for i in main} == dict.fromkeys(main, "established")
    # Granted objections whose bearing the chapter undercuts stand, and do not count against their targets.
    assert {i: evaluation.status[i] for i in ("O1.1", "O3.1", "O3.2")} == dict.fromkeys(("O1.1", "O3.1", "O3.2"), "established")
    # What the chapter grants and never answers: the Japanese and Korean governments' denial (O5.1) defeats the
    # news reports that the alliances cover the Strait (E2.2, E5.3), and Taiwan's marginalisation (O5.2)
    # undercuts A5.1; so SC2.4, resting on E2.2 alone, is open. C5 stands on its other reasons.
    defeated = sorted(i for i, status in evaluation.status.items() if status == "defeated")
    assert defeated == ["A5.1", "E2.2", "E5.3"]
    assert sorted(i for i, status in evaluation.status.items() if status == "open") == ["SC2.4"]
    assert evaluation_diagnostics(argument_map, evaluation) == []


def test_explain_c3_reads_as_a_sentence() -> None:
    argument_map = open_map(MAPS / "usfk_conclusion.yaml")
    sentence = explain(argument_map, "C3").sentence("en")
    assert sentence == (
        "C3 (中國對駐韓美軍問題之基本立場未變) is established. O3.1 is granted, but its bearing on it is undercut by R3.3, "
        "so it does not count against it. O3.2 is granted, but its bearing on it is undercut by R3.1 and R3.3, so it "
        "does not count against it. It rests on SC3.3, which is established."
    )


def test_explain_names_what_decides_a_defeat() -> None:
    argument_map = load(CASES["an unanswered objection to the only reason leaves the thesis open"][0])
    assert explain(argument_map, "C").sentence() == (
        "C (C text) is defeated. O stands against it unanswered. It rests on P, which is established."
    )
    thesis = explain(argument_map, "T")
    assert thesis.sentence().endswith("None of its reasons is established: C is defeated.")
    assert thesis.to_dict()["reasons"] == [
        {"role": "reason", "id": "C", "status": "defeated", "label": "out", "why": explain(argument_map, "C", depth=2).to_dict()}
    ]


def test_check_evaluate_names_the_deciding_objection(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(CASES["an unanswered objection to the only reason leaves the thesis open"][0])
    result = CliRunner().invoke(main, ["check", str(path), "--evaluate", "--select", "AM5", "--format", "json"])
    codes = [(d["code"], d["node"]) for d in json.loads(result.output)["diagnostics"]]
    assert codes == [("AM501", "T"), ("AM502", "C")]
    assert result.exit_code == 0
    strict = CliRunner().invoke(main, ["check", str(path), "--evaluate", "--select", "AM5", "--strict"])
    assert strict.exit_code == 1 and "O stands against it unanswered" in strict.output
    plain = CliRunner().invoke(main, ["check", str(path), "--select", "AM5"])
    assert "AM50" not in plain.output


def test_evaluate_command_json_and_text() -> None:
    result = CliRunner().invoke(main, ["evaluate", str(MAPS / "example_tram.yaml"), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == {"semantics", "questions", "labels", "status"} and data["semantics"] == "grounded"
    assert data["questions"] == "assumed"
    assert data["status"]["T"] == "established" and data["labels"]["O1"] == "out" and "A1" in data["labels"]
    text = CliRunner().invoke(main, ["evaluate", str(MAPS / "example_tram.yaml")])
    assert text.output.splitlines()[:2] == [
        "thesis and main claims:",
        "  T   established  in     Riverton should build the tram.",
    ]


def test_explain_unknown_id_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["explain", str(MAPS / "example_tram.yaml"), "C9"])
    assert result.exit_code == 2 and "'C9' is not a statement" in result.output


@pytest.mark.graphviz
def test_render_evaluate_marks_status_in_grayscale_too() -> None:
    from usfk_argmap.drawing.render import RenderOptions, to_dot

    argument_map = load(CASES["an unanswered objection to the only reason leaves the thesis open"][0])
    dot = to_dot(argument_map, RenderOptions(evaluate=True, theme="print"))
    assert "am-status-defeated" in dot and "am-status-open" in dot and "am-status-established" in dot
    assert "dashed" in dot and "dotted" in dot
    assert "× defeated" in dot and "◌ open" in dot
    assert "am-status" not in to_dot(argument_map, RenderOptions())


def test_report_has_an_evaluation_section() -> None:
    from usfk_argmap.present.report import build_report

    report = build_report(open_map(MAPS / "example_tram.yaml"), [])
    assert [entry.id for entry in report.evaluation] == ["T", "C1", "C2"]
    assert report.evaluation_counts == {"established": 11, "defeated": 2, "open": 0}


@pytest.mark.graphviz
def test_slides_evaluate_marks_the_pictures(tmp_path: Path) -> None:
    output = tmp_path / "deck.html"
    result = CliRunner().invoke(main, ["slides", str(MAPS / "example_tram.yaml"), "--evaluate", "-o", str(output)])
    assert result.exit_code == 0, result.output
    deck = output.read_text(encoding="utf-8")
    assert "am-status-defeated" in deck and "× defeated" in deck
    plain = tmp_path / "plain.html"
    CliRunner().invoke(main, ["slides", str(MAPS / "example_tram.yaml"), "-o", str(plain)])
    assert "am-status-" not in plain.read_text(encoding="utf-8")


# -- preferred semantics within bounds of time and memory ------------------------------


def mutual_pairs(count: int, attacking_the_thesis: int | None = None) -> ArgumentMap:
    """``count`` pairs of objections that attack each other, the first ``attacking_the_thesis`` (all) of them the
    thesis too: 3^count complete labellings."""
    reach = count if attacking_the_thesis is None else attacking_the_thesis
    nodes = [node("T", "thesis")]
    for i in range(count):
        thesis = ["T"] if i < reach else []
        nodes += [node(f"A{i}", "objection", attacks=[f"B{i}", *thesis]), node(f"B{i}", "objection", attacks=[f"A{i}", *thesis])]
    return load(map_text(*nodes))


def test_preferred_searches_independent_cycles_apart() -> None:
    # 10 pairs were 59,049 complete labellings kept and filtered pairwise (30 s); each pair is its own part now.
    import usfk_argmap.analysis.preferred as preferred_module

    argument_map = mutual_pairs(10)
    framework = build_framework(argument_map)
    grounded = grounded_labelling(framework)
    parts, downstream = preferred_module.undecided_parts(framework, grounded)
    assert sorted(len(part) for part in parts) == [2] * 10 and downstream == ["T"]  # ten pairs, and T they all attack
    credulous = evaluate(argument_map, semantics="preferred", acceptance="credulous")
    assert all(credulous.labels[f"A{i}"] == "in" for i in range(10))
    sceptical = evaluate(argument_map, semantics="preferred")
    assert sceptical.labels["A0"] == "undec" and sceptical.labels["T"] == "out"  # some attacker of T is in, whichever
    assert len(preferred_labellings(build_framework(mutual_pairs(3)))) == 2**3


def test_preferred_grows_linearly_in_independent_cycles() -> None:
    # Two pairs decide the thesis; the others are cycles of their own (a debate's side threads).
    maps = {n: mutual_pairs(n, attacking_the_thesis=2) for n in (10, 40)}
    assert growth(lambda n: evaluate(maps[n], semantics="preferred"), 10) <= LINEAR_GROWTH


def one_tangle(count: int) -> ArgumentMap:
    """``count`` objections that all attack each other: one part with ``count`` + 1 preferred labellings."""
    ids = [f"O{i}" for i in range(count)]
    return load(map_text(node("T", "thesis"), *[node(i, "objection", attacks=[o for o in ids if o != i]) for i in ids]))


@pytest.mark.parametrize(
    ("limit", "value", "message"), [("MAX_KEPT", 5, "complete labellings of one part"), ("MAX_STEPS", 20, "search steps")]
)
def test_preferred_gives_up_on_memory_and_steps(monkeypatch: pytest.MonkeyPatch, limit: str, value: int, message: str) -> None:
    import usfk_argmap.analysis.preferred as preferred_module

    monkeypatch.setattr(preferred_module, limit, value)
    with pytest.raises(EvaluationLimitError, match=message):
        evaluate(one_tangle(8), semantics="preferred")


def test_preferred_gives_up_when_its_time_is_out() -> None:
    from usfk_argmap.analysis.preferred import MAX_SECONDS, preferred_acceptance

    ticks = iter(range(0, 10**9, 1))  # a clock that runs an hour a step, after the first reading

    def clock() -> float:
        return 0.0 if next(ticks) == 0 else 3600.0 + MAX_SECONDS

    with pytest.raises(EvaluationLimitError, match="seconds of search"):
        preferred_acceptance(build_framework(one_tangle(9)), "sceptical", clock)


def test_the_evaluate_command_answers_or_gives_up_with_its_message(tmp_path: Path) -> None:
    path = tmp_path / "pairs.yaml"
    nodes = [node("T", "thesis")]
    for i in range(12):
        nodes += [node(f"A{i}", "objection", attacks=[f"B{i}", "T"]), node(f"B{i}", "objection", attacks=[f"A{i}", "T"])]
    path.write_text(map_text(*nodes), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--semantics", "preferred", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["labels"]["A0"] == "undec"
    nodes = [node("T", "thesis")]
    for i in range(40):  # 2^40 combinations decide T
        nodes += [node(f"A{i}", "objection", attacks=[f"B{i}", "T"]), node(f"B{i}", "objection", attacks=[f"A{i}", "T"])]
    path.write_text(map_text(*nodes), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--semantics", "preferred"])
    assert result.exit_code == 1
    assert "gave up" in result.output and "Traceback" not in result.output

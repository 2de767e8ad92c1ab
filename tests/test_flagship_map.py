"""Pin the shape of the flagship map, maps/usfk_conclusion.yaml.

The map argues the conclusion chapter of a thesis on China's position on US
Forces Korea: a thesis root, five main claims (one per numbered conclusion),
and the reasons, objections and rebuttals the chapter gives for each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import usfk_argmap
from usfk_argmap import ArgumentMap, Severity
from usfk_argmap.rules import REGISTRY

MAP_PATH = Path(__file__).parent.parent / "maps" / "usfk_conclusion.yaml"
SECTIONS = ("s1", "s2", "s3", "s4", "s5")


@pytest.fixture(scope="module")
def loaded() -> usfk_argmap.LoadResult:
    return usfk_argmap.load(MAP_PATH)


@pytest.fixture(scope="module")
def argmap(loaded: usfk_argmap.LoadResult) -> ArgumentMap:
    assert loaded.map is not None, [d.format_text() for d in loaded.diagnostics]
    return loaded.map


def _supports(argmap: ArgumentMap, node_id: str) -> set[str]:
    return {ref.target for ref in argmap.nodes[node_id].supports}


def test_loads_and_checks_clean(loaded: usfk_argmap.LoadResult, argmap: ArgumentMap) -> None:
    # The rules hold every quote to the source text (AM301) and every objection to an answer (AM203).
    assert {"AM203", "AM301"} <= set(REGISTRY)
    diagnostics = loaded.diagnostics + usfk_argmap.check(argmap)
    serious = [d for d in diagnostics if d.severity in (Severity.ERROR, Severity.WARNING)]
    assert not serious, "\n".join(d.format_text() for d in serious)


def test_header(argmap: ArgumentMap) -> None:
    first_line = MAP_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../usfk_argmap/mapfile/schema/argmap.schema.json"
    assert argmap.lang == "zh-Hant"
    assert argmap.root == "T"
    assert argmap.source_path is not None
    assert argmap.source_path.name == "usfk_conclusion.txt"
    assert argmap.source_text is not None


def test_root_is_thesis(argmap: ArgumentMap) -> None:
    root = argmap.nodes[argmap.root]
    assert root.kind == "thesis"
    assert not root.supports and not root.attacks and not root.undercuts


def test_five_main_claims_one_per_section(argmap: ArgumentMap) -> None:
    assert tuple(argmap.sections) == SECTIONS
    main = [node for node in argmap.nodes.values() if node.kind == "claim" and "T" in _supports(argmap, node.id)]
    assert len(main) == 5
    assert sorted(node.section or "" for node in main) == list(SECTIONS)
    # Only the main claims support the thesis directly.
    direct = [n.id for n in argmap.nodes.values() if "T" in _supports(argmap, n.id)]
    assert sorted(direct) == sorted(n.id for n in main)
    assert not [a for a in argmap.arguments.values() if a.target.target == "T"]


def test_every_node_has_text_gloss_and_quote(argmap: ArgumentMap) -> None:
    for node in argmap.nodes.values():
        assert node.text.strip(), node.id
        assert node.en and node.en.strip(), node.id
        assert node.quote and node.quote.strip(), node.id


def test_conclusions_have_notes(argmap: ArgumentMap) -> None:
    for node in argmap.nodes.values():
        if node.kind in ("thesis", "claim"):
            assert node.note and node.note.strip(), node.id


def test_node_count(argmap: ArgumentMap) -> None:
    assert 45 <= len(argmap.nodes) <= 70


def test_coverage_stays_at_least_46_of_52_sentences(argmap: ArgumentMap) -> None:
    from usfk_argmap.analysis.stats import compute_stats

    stats = compute_stats(argmap)
    assert stats.sentences_total == 52
    assert stats.sentences_covered is not None and stats.sentences_covered >= 46  # 48 after the second reading


def _undercut_relations(argmap: ArgumentMap, node_id: str) -> set[tuple[str | None, str | None]]:
    return {(u.source, u.target) for u in argmap.nodes[node_id].undercuts if u.is_relation}


def test_objections_are_answered_or_weighed_with_the_chapters_reason(argmap: ArgumentMap) -> None:
    """Each objection is attacked, has its inference undercut, or is granted and outweighed (AM203 suppressed, with why)."""
    undercut = {u.inference for n in argmap.nodes.values() for u in n.undercuts}
    attacked = {ref.target for n in argmap.nodes.values() for ref in n.attacks}
    weighed = {n.id for n in argmap.nodes.values() if "AM203" in n.ignore}
    assert weighed == {"O1.1", "O4.1", "O5.1", "O5.2"}
    outweighed_by = {ref.target: n.id for n in argmap.nodes.values() for ref in n.outweighs}
    for node in argmap.nodes.values():
        if node.kind != "objection":
            continue
        if node.id in weighed:
            # Never a silent concession: a reason for what it attacks is judged the stronger.
            assert node.id in outweighed_by, node.id
            assert node.ignore["AM203"].startswith("Weighed, not refuted"), node.id
            continue
        inferences = {f"{node.id}->{ref.target}" for ref in node.attacks}
        assert node.id in attacked or inferences & undercut, node.id


def test_suppressions_are_the_weighings_and_the_questions_the_chapter_leaves_open(argmap: ArgumentMap) -> None:
    assert {n.id: set(n.ignore) for n in argmap.nodes.values() if n.ignore} == {
        "O1.1": {"AM203"},
        "O4.1": {"AM203"},
        "O5.1": {"AM203"},
        "O5.2": {"AM203"},
    }
    for argument in argmap.arguments.values():
        assert set(argument.ignore) <= {"AM208"}, argument.id
        for reason in argument.ignore.values():
            assert "stay open" in reason or "stays open" in reason, argument.id


def test_the_nuclear_crises_are_granted_and_weighed_not_denied(argmap: ArgumentMap) -> None:
    """O1.1 stands; the stabilising factors (SC1.1, 「又冷戰後之穩定因素相對增加」) outweigh it: 「相對穩定」."""
    assert [ref.target for ref in argmap.nodes["O1.1"].attacks] == ["C1"]
    assert [ref.target for ref in argmap.nodes["SC1.1"].outweighs] == ["O1.1"]
    assert not argmap.nodes["SC1.1"].undercuts
    assert argmap.nodes["SC1.1"].quote is not None and argmap.nodes["SC1.1"].quote.startswith("又冷戰後之穩定因素相對增加")
    assert not [n.id for n in argmap.nodes.values() if any(ref.target == "O1.1" for ref in n.attacks)]


def test_linked_arguments_have_several_premises(argmap: ArgumentMap) -> None:
    assert argmap.arguments
    for argument in argmap.arguments.values():
        assert len(argument.premises) >= 2, argument.id


# -- the second reading (issue 11) ---------------------------------------------------
def test_the_concessions_of_conclusion_3_are_undercuts_of_their_inference(argmap: ArgumentMap) -> None:
    """China's rhetoric changed and Wang Yi affirmed USFK: granted, and answered as not counting against C3."""
    for concession in ("O3.1", "O3.2"):
        assert argmap.nodes[concession].kind == "objection"
        assert [ref.target for ref in argmap.nodes[concession].attacks] == ["C3"]
        assert not any(ref.target == concession for n in argmap.nodes.values() for ref in n.attacks)
    assert _undercut_relations(argmap, "R3.3") == {("O3.1", "C3"), ("O3.2", "C3")}
    assert _undercut_relations(argmap, "R3.1") == {("O3.2", "C3")}
    assert not argmap.nodes["R3.3"].attacks and not argmap.nodes["R3.1"].attacks
    assert "O3.2->C3" in {e.target for e in argmap.edges() if e.relation == "undercuts"}


def test_texts_say_what_their_quotes_say(argmap: ArgumentMap) -> None:
    nodes = argmap.nodes
    assert nodes["P1.4"].text == "多極結構之下，各國利益不同而相互牽制"
    assert nodes["SC3.1"].text == "中國朝鮮半島政策充分反映外交政策主軸"
    assert "中國外交之特色" not in nodes["T"].text
    assert "reconstruction" in (nodes["T"].note or "")


def test_shown_texts_fit_a_slide_and_texts_stay_whole(argmap: ArgumentMap) -> None:
    for node in argmap.nodes.values():
        assert len(node.shown_text) <= 40, (node.id, len(node.shown_text))
        if node.label is not None:
            assert len(node.label) < len(node.text), node.id
    assert len(argmap.nodes["E1.1"].text) > 60 and argmap.nodes["E1.1"].label  # whole for the notes


def test_notes_are_in_one_language(argmap: ArgumentMap) -> None:
    """The deck's notes language is English (as the glosses): no Chinese sentence tacked onto a note."""
    import re

    han = re.compile(r"[\u3400-\u9fff]")
    notes = [(n.id, n.note) for n in argmap.nodes.values()] + [(a.id, a.note) for a in argmap.arguments.values()]
    notes += [(s.id, s.note) for s in argmap.sections.values()]
    assert not [item for item, note in notes if note and han.search(note)]


# -- the third reading (issue 24) ----------------------------------------------------
def _premises(argmap: ArgumentMap, argument_id: str) -> list[str]:
    return [p.target for p in argmap.arguments[argument_id].premises]


def _scheme(argmap: ArgumentMap, argument_id: str) -> str | None:
    scheme = argmap.arguments[argument_id].scheme
    return None if scheme is None else scheme.target


def _answers(argmap: ArgumentMap, node_id: str) -> set[tuple[str, str]]:
    return {(answer.inference, answer.question) for answer in argmap.nodes[node_id].answers}


def test_continuity_is_a_then_and_a_now_linked(argmap: ArgumentMap) -> None:
    """E3.5 (Mao era) and E3.8 (2004) show 「長期目標未變」 only together: one argument, a role each."""
    assert sorted(_premises(argmap, "A3.3")) == ["E3.5", "E3.8"]
    assert argmap.arguments["A3.3"].target.target == "SC3.3" and _scheme(argmap, "A3.3") == "sign"
    assert {role: ref.target for role, ref in argmap.arguments["A3.3"].roles.items()} == {"indication": "E3.5", "finding": "E3.8"}
    assert not argmap.nodes["E3.5"].supports and not argmap.nodes["E3.8"].supports


def test_the_condition_of_a_withdrawal_and_its_examples_are_linked(argmap: ArgumentMap) -> None:
    """「惟撤軍必須有配套措施，例如…或…」: the need and each example together, not a chain of supports."""
    condition = argmap.nodes["P4.4"]
    assert condition.text == "惟撤軍必須有配套措施" and condition.kind == "premise"
    for argument, example in (("A4.2", "P4.5"), ("A4.3", "P4.6")):
        assert _premises(argmap, argument) == ["P4.4", example]
        assert argmap.arguments[argument].target.target == "SC4.1"
        assert _scheme(argmap, argument) == "practical-reasoning"
        assert not argmap.nodes[example].supports and not argmap.nodes[example].attacks
    assert not condition.supports and not condition.attacks
    assert argmap.nodes["P4.5"].text.startswith("例如") and argmap.nodes["P4.6"].text.startswith("或")


def test_section_5_answers_its_concessions(argmap: ArgumentMap) -> None:
    """「雖然…均予否認，故…」 and 「雖然…被邊緣化，但是…」: both concessions are weighed, none defeats silently."""
    denial = argmap.nodes["O5.1"]
    assert [ref.target for ref in denial.attacks] == ["E5.3"]  # §2's report is hedged already: not attacked
    assert [ref.target for ref in argmap.nodes["E5.2"].outweighs] == ["O5.1"]
    assert {"SC2.4", "E5.3"} == _supports(argmap, "E2.2")  # §5 states §2's report more firmly
    marginal = argmap.nodes["O5.2"]
    assert [ref.target for ref in marginal.attacks] == ["SC5.2"] and not marginal.undercuts
    assert [ref.target for ref in argmap.nodes["P5.3"].outweighs] == ["O5.2"]
    assert _answers(argmap, "O5.2") == _answers(argmap, "P5.3") == {("A5.1", "CQ4")}
    assert _premises(argmap, "A5.1")[0] == "P5.3" and _scheme(argmap, "A5.1") == "practical-reasoning"
    assert sorted(_premises(argmap, "A5.3")) == ["E5.3", "P5.1"]  # 向為美國重視 alone gives no 唯有…方能
    assert not argmap.nodes["P5.1"].supports
    assert "SC5.2" in _supports(argmap, "SC5.1")
    assert _scheme(argmap, "A5.2") == "position-to-know"


def test_the_weighings_are_where_the_chapter_weighs(argmap: ArgumentMap) -> None:
    weighings = {(n.id, ref.target) for n in argmap.nodes.values() for ref in n.outweighs}
    assert weighings == {("SC1.1", "O1.1"), ("P4.1", "O4.1"), ("E5.2", "O5.1"), ("P5.3", "O5.2")}


def test_every_linked_argument_names_a_scheme_with_every_role_filled(argmap: ArgumentMap) -> None:
    from usfk_argmap.core.schemes import scheme

    for argument in argmap.arguments.values():
        assert argument.scheme is not None, argument.id
        known = scheme(argument.scheme.target)
        premises = {p.target for p in argument.premises}
        assert {role.id for role in known.roles} == set(argument.roles), argument.id
        assert {ref.target for ref in argument.roles.values()} <= premises, argument.id
    families = {scheme(a.scheme.target).id for a in argmap.arguments.values() if a.scheme is not None}
    assert {"cause-to-effect", "sign", "practical-reasoning", "position-to-know", "verbal-classification"} <= families


def test_the_questions_the_chapter_answers_are_answered(argmap: ArgumentMap) -> None:
    assert _answers(argmap, "P1.2") == {("A1.1", "CQ2")}  # the Cold War baseline backs the causal rule
    assert _answers(argmap, "O1.1") == {("A1.1", "CQ3")}  # the crises are the interfering cause
    assert _answers(argmap, "E3.7") == {("A2.1", "CQ1")}
    assert all(_answers(argmap, e) == {("A3.0", "CQ1")} for e in ("E3.2", "E3.3", "E3.4"))
    assert _answers(argmap, "P4.5") == {("A4.2", "CQ3")}


def test_conclusion_1_rests_on_the_stabilising_factors_under_the_frame(argmap: ArgumentMap) -> None:
    assert _premises(argmap, "A1.1") == ["P1.1", "SC1.1"] and _scheme(argmap, "A1.1") == "cause-to-effect"
    assert argmap.arguments["A1.1"].target.target == "C1"
    assert _supports(argmap, "P1.2") == {"P1.1"}  # the Cold War baseline is the frame at work, not C2's
    peaceful = argmap.nodes["P1.7"]
    assert peaceful.kind == "premise" and _supports(argmap, "P1.7") == {"SC1.1"} and not peaceful.attacks
    assert _supports(argmap, "C1") == {"T", "SC2.1", "SC4.1"}  # 區域穩定為當前重要趨勢 is C1's fact


def test_the_study_design_is_no_claim(argmap: ArgumentMap) -> None:
    assert "S1.1" not in argmap.nodes
    claim = argmap.nodes["SC1.2"]
    assert "本文" not in claim.text and _supports(argmap, "SC1.2") == {"C4"}
    assert "the study starts from this environment" in (argmap.sections["s1"].note or "")


def test_conclusion_2_keeps_motive_and_role_apart(argmap: ArgumentMap) -> None:
    assert _supports(argmap, "SC2.4") == {"SC5.1"}  # a motive for the strengthening, no reason for C2
    assert _supports(argmap, "C2") == {"T"}
    assert "試圖在理論上" in argmap.nodes["E2.1"].text and "in theory" in (argmap.nodes["E2.1"].en or "")
    assert "rationalize" in (argmap.nodes["SC2.3"].en or "")
    assert {"P3.3", "SC4.1"} <= _supports(argmap, "SC2.2")  # the lost pretext and China's interest in peace
    assert "SC4.1" in _supports(argmap, "P3.3")


def test_conclusion_3_contrasts_goal_and_tactics(argmap: ArgumentMap) -> None:
    answer = argmap.nodes["R3.3"]
    assert answer.quote == "可見中國期望駐韓美軍撤離之長期目標未變，政策操作手法則隨情勢變遷略有調整"
    assert "只是" in answer.text and "only" in (answer.en or "")
    assert "R3.3" in _supports(argmap, "E3.6") and _supports(argmap, "R3.3") == {"C3"}
    assert sorted(_premises(argmap, "A3.0")) == ["E3.1", "P3.1"] and argmap.arguments["A3.0"].target.target == "SC3.1"
    assert "有三" not in argmap.nodes["SC3.4"].text  # a count is no claim


def test_conclusion_4_has_two_independent_levels_and_weighs_its_frame(argmap: ArgumentMap) -> None:
    assert argmap.nodes["C4"].quote == "朝鮮半島情勢左右未來駐韓美軍去留"
    assert not [a for a in argmap.arguments.values() if a.target.target == "C4"]
    assert {"SC4.1", "SC4.3", "P4.1"} <= {n.id for n in argmap.nodes.values() if "C4" in _supports(argmap, n.id)}
    frame = argmap.nodes["O4.1"]
    assert frame.quote is not None and frame.quote.startswith("本文就影響駐韓美軍去留之因素區分為二個層面分析")
    assert [ref.target for ref in frame.attacks] == ["C4"]
    assert argmap.nodes["SC4.1"].text.startswith("安全層面") and argmap.nodes["P4.1"].text.startswith("政治層面")


def test_the_thesis_keeps_the_chapters_hedges_and_all_five_conclusions(argmap: ArgumentMap) -> None:
    thesis = argmap.nodes["T"].text
    for words in ("相對穩定", "區域安定", "基本立場未變", "略有調整", "去留", "台灣"):
        assert words in thesis, words


def test_labels_and_glosses_keep_the_hedges_and_stand_alone(argmap: ArgumentMap) -> None:
    nodes = argmap.nodes
    assert "逐漸" in nodes["SC2.2"].shown_text
    assert nodes["P4.3"].text.startswith("相信") and "believes" in (nodes["P4.3"].en or "")
    assert " held that" in (nodes["E3.5"].en or "") and "has held" not in (nodes["E3.5"].en or "")
    assert "affirmed" in (nodes["O3.2"].en or "") and "praised" not in (nodes["O3.2"].en or "")
    assert "both" in (nodes["O5.1"].en or "") and " all " not in (nodes["O5.1"].en or "")
    for node in nodes.values():
        gloss = node.en or ""
        # Each gloss stands alone in a picture drawn with --lang gloss: no word that points at a neighbour.
        dangling = ("It ", "Yet ", "On the other hand", "Hence", "However", "For example", "Or ", "In concrete terms")
        assert not gloss.startswith(dangling), node.id


def test_evaluate_leaves_nothing_of_the_chapters_argument_defeated_or_open(argmap: ArgumentMap) -> None:
    evaluation = usfk_argmap.evaluate(argmap)
    assert {node: status for node, status in evaluation.status.items() if status != "established"} == {}


@pytest.mark.graphviz
def test_the_default_picture_fits_a_screen_with_its_badges_and_legend_in_chinese(argmap: ArgumentMap) -> None:
    """The issue's reader got 12403 x 2250 px (5.5:1), C1 a rank below the others, English badges."""
    import json
    import re

    from usfk_argmap.analysis.drawn import svg_ids
    from usfk_argmap.drawing.graphviz import run_graphviz
    from usfk_argmap.drawing.render import RenderOptions, to_dot

    dot = to_dot(argmap, RenderOptions(evaluate=True, legend=True))
    laid_out = json.loads(run_graphviz(dot, "json"))
    x0, y0, x1, y1 = (float(v) for v in laid_out["bb"].split(","))
    assert (x1 - x0) / (y1 - y0) <= 2.2, (x1 - x0, y1 - y0)
    across = 0 if "rankdir=RL" in dot else 1  # the coordinate that tells the ranks apart
    where = {o.get("id"): float(o["pos"].split(",")[across]) for o in laid_out["objects"] if "pos" in o}
    ids = svg_ids(argmap)
    assert len({round(where[ids[claim]]) for claim in ("C1", "C2", "C3", "C4", "C5")}) == 1
    labels = " ".join(re.findall(r"label=<(.*?)>[,\]]", dot))
    assert "成立" in labels and "聯合論證" in labels and "label=<圖例>" in dot
    assert not re.search(r"established|defeated|Legend|premises", labels)

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


def test_objections_are_answered_or_conceded_with_the_chapters_reason(argmap: ArgumentMap) -> None:
    """Each objection is attacked, has its inference undercut, or is conceded (AM203 suppressed, with why)."""
    undercut = {u.inference for n in argmap.nodes.values() for u in n.undercuts}
    attacked = {ref.target for n in argmap.nodes.values() for ref in n.attacks}
    conceded = {n.id for n in argmap.nodes.values() if "AM203" in n.ignore}
    assert conceded == {"O5.1", "O5.2"}
    for node in argmap.nodes.values():
        if node.kind != "objection" or node.id in conceded:
            continue
        inferences = {f"{node.id}->{ref.target}" for ref in node.attacks}
        assert node.id in attacked or inferences & undercut, node.id


def test_suppressions_are_the_two_conceded_objections_only(argmap: ArgumentMap) -> None:
    assert {n.id: set(n.ignore) for n in argmap.nodes.values() if n.ignore} == {"O5.1": {"AM203"}, "O5.2": {"AM203"}}


def test_the_nuclear_crises_are_granted_and_weighed_not_denied(argmap: ArgumentMap) -> None:
    """O1.1 stands; the stabilising factors (SC1.1, 「又冷戰後之穩定因素相對增加」) undercut its bearing on C1."""
    assert [ref.target for ref in argmap.nodes["O1.1"].attacks] == ["C1"]
    assert _undercut_relations(argmap, "SC1.1") == {("O1.1", "C1")}
    assert not [n.id for n in argmap.nodes.values() if any(ref.target == "O1.1" for ref in n.attacks)]
    assert not [a.id for a in argmap.arguments.values() if a.ignore]


def test_linked_arguments_have_several_premises(argmap: ArgumentMap) -> None:
    assert argmap.arguments
    for argument in argmap.arguments.values():
        assert len(argument.premises) >= 2, argument.id


# -- the second reading (issue 11) ---------------------------------------------------
def test_the_concessions_of_conclusion_3_are_undercuts_of_their_inference(argmap: ArgumentMap) -> None:
    """China's rhetoric changed and Wang Yi praised USFK: granted, and answered as not counting against C3."""
    for concession in ("O3.1", "O3.2"):
        assert argmap.nodes[concession].kind == "objection"
        assert [ref.target for ref in argmap.nodes[concession].attacks] == ["C3"]
        assert not any(ref.target == concession for n in argmap.nodes.values() for ref in n.attacks)
    assert _undercut_relations(argmap, "R3.3") == {("O3.1", "C3"), ("O3.2", "C3")}
    assert _undercut_relations(argmap, "R3.1") == {("O3.2", "C3")}
    assert not argmap.nodes["R3.3"].attacks and not argmap.nodes["R3.1"].attacks
    assert "O3.2->C3" in {e.target for e in argmap.edges() if e.relation == "undercuts"}


def test_the_condition_of_a_withdrawal_and_its_examples_are_support(argmap: ArgumentMap) -> None:
    condition = argmap.nodes["P4.4"]
    assert condition.text == "惟撤軍必須有配套措施" and condition.kind == "premise"
    assert _supports(argmap, "P4.4") == {"SC4.1"} and not condition.attacks
    for example in ("P4.5", "P4.6"):
        assert argmap.nodes[example].kind == "premise"
        assert _supports(argmap, example) == {"P4.4"}
    assert argmap.nodes["P4.5"].text.startswith("例如") and argmap.nodes["P4.6"].text.startswith("或")


def test_conclusion_1_frame_baseline_and_stabilising_factors(argmap: ArgumentMap) -> None:
    assert [p.target for p in argmap.arguments["A1.1"].premises] == ["P1.1", "P1.2", "SC1.1"]
    assert argmap.arguments["A1.1"].target.target == "C1"
    assert not argmap.nodes["P1.2"].supports  # the Cold War baseline is conclusion 1's, not C2's
    peaceful = argmap.nodes["P1.7"]
    assert peaceful.kind == "premise" and _supports(argmap, "P1.7") == {"SC1.1"} and not peaceful.attacks
    assert [ref.target for ref in argmap.nodes["O1.1"].attacks] == ["C1"]
    assert "SC4.1" not in _supports(argmap, "C1")  # the "if" of a conditional is not C1's to support


def test_conclusion_2_has_two_parallel_motives(argmap: ArgumentMap) -> None:
    assert _supports(argmap, "SC2.4") == {"C2", "SC5.1"}
    assert _supports(argmap, "C2") == {"T"}
    assert "試圖在理論上" in argmap.nodes["E2.1"].text


def test_conclusion_4_has_its_frame_and_its_heading(argmap: ArgumentMap) -> None:
    assert argmap.nodes["C4"].quote == "朝鮮半島情勢左右未來駐韓美軍去留"
    frame = argmap.nodes["P4.0"]
    assert frame.quote is not None and frame.quote.startswith("本文就影響駐韓美軍去留之因素區分為二個層面分析")
    assert [p.target for p in argmap.arguments["A4.1"].premises] == ["P4.0", "SC4.1", "SC4.3"]
    assert argmap.nodes["SC4.1"].text.startswith("安全層面") and argmap.nodes["P4.1"].text.startswith("政治層面")


def test_conclusion_5_as_the_author_argues_it(argmap: ArgumentMap) -> None:
    assert argmap.nodes["SC5.3"].kind == "claim" and _supports(argmap, "SC5.3") == {"C5"}
    assert "SC5.3" in [p.target for p in argmap.arguments["A5.1"].premises]
    assert [u.argument for u in argmap.nodes["O5.2"].undercuts] == ["A5.1"] and not argmap.nodes["O5.2"].attacks
    assert argmap.nodes["P5.3"].kind == "premise" and _supports(argmap, "P5.3") == {"SC5.2"}
    assert "give up" not in (argmap.nodes["P5.3"].note or "")
    assert [p.target for p in argmap.arguments["A5.2"].premises] == ["E5.1", "E5.2"]
    assert not argmap.nodes["E5.1"].supports and not argmap.nodes["E5.2"].supports


def test_texts_say_what_their_quotes_say(argmap: ArgumentMap) -> None:
    nodes = argmap.nodes
    assert "本文" in nodes["S1.1"].text  # the study's method, not a finding
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

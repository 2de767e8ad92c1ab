"""The story a deck tells, step by step: no box before its line, no joint before its undercutter, one title per slide.

Read off the deck's model (each step's shown groups, the figure's lines), for
every build-up and focus slide of three maps in both orders; the browser test
(``test_browser_deck``) checks the same on the slides Chromium draws.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.helpers import MAPS
from tests.test_browser_deck import SMALL_CHINESE
from usfk_argmap.analysis.drawn import svg_ids
from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.present.slides.build import SvgLayout, build_deck
from usfk_argmap.present.slides.deck import Deck
from usfk_argmap.present.slides.options import SlideOptions
from usfk_argmap.present.slides.pictures import hidden_at

pytestmark = pytest.mark.graphviz


def _load(name: str) -> Callable[[], ArgumentMap]:
    def make() -> ArgumentMap:
        loaded = load_map(MAPS / name).map if name.endswith(".yaml") else load_text(SMALL_CHINESE).map
        assert loaded is not None
        return loaded

    return make


MAP_MAKERS = {"flagship": _load("usfk_conclusion.yaml"), "example": _load("example_tram.yaml"), "small": _load("small")}


def step_faults(deck: Deck, argument_map: ArgumentMap) -> list[str]:
    """Every step of a build-up or focus slide that shows a box without a line, or an undercut's joint without its undercutter."""
    ids = svg_ids(argument_map)
    undercutters: dict[str, set[str]] = {}
    for node in argument_map.nodes.values():
        for undercut in node.undercuts:
            if undercut.inference in undercut_relations(argument_map):
                undercutters.setdefault(ids[undercut.inference], set()).add(ids[node.id])
    faults = []
    for slide in deck.slides:
        if slide.figure is None or slide.kind not in ("build", "focus"):
            continue
        layout = SvgLayout.parse(deck.figures[slide.figure].svg)
        for step in range(len(slide.steps)):
            hidden = hidden_at(slide, step)
            shown = {g for g in layout.nodes if g not in hidden}
            lines = [ends for edge, ends in layout.edges.items() if edge not in hidden]
            joined = {end for ends in lines for end in ends}
            for group in sorted(shown):
                if len(shown) > 1 and group not in joined:
                    faults.append(f"{slide.id} step {step + 1}: {layout.nodes[group]} has no line")
                if group in undercutters and not undercutters[group] & shown:
                    faults.append(f"{slide.id} step {step + 1}: the joint {layout.nodes[group]} without its undercutter")
            # A line is drawn only between what is there (a joint's place counts once its relation's ends are).
            assert all(tail in joined and head in joined for tail, head in lines)
    return faults


@pytest.mark.parametrize("depth_first", [False, True])
@pytest.mark.parametrize("which", sorted(MAP_MAKERS))
def test_no_step_shows_a_box_without_its_line_or_a_bare_joint(which: str, depth_first: bool) -> None:
    argument_map = MAP_MAKERS[which]()
    deck = build_deck(argument_map, SlideOptions(depth_first=depth_first))
    assert step_faults(deck, argument_map) == []


def test_a_context_box_comes_with_its_line_and_a_joint_with_its_undercutter() -> None:
    argument_map = MAP_MAKERS["flagship"]()
    deck = build_deck(argument_map)
    ids = svg_ids(argument_map)
    # R3.3 undercuts the objections O3.1 and O3.2 on C3, and R3.1 that of O3.2: on every slide that
    # shows a joint, it comes at the step where its objection and one of its undercutters are first
    # both there (R3.3 also bears on C3 directly, so it may come first), not before.
    undercutters = {1: ("R3.3",), 2: ("R3.1", "R3.3")}
    with_joints = 0
    for part in deck.slides:
        # What no step reveals is there from the start.
        first_at = {g: i for i, s in reversed(list(enumerate(part.steps))) for g in s.reveal}
        plan = deck.figures[part.figure].plan if part.figure else None
        drawn = plan.drawn if plan is not None else frozenset()
        for n, by in undercutters.items():
            joint = ids[f"O3.{n}->C3"]
            if joint not in first_at:
                continue
            with_joints += 1
            undercut_at = min(first_at.get(ids[u], 0) for u in by if u in drawn)
            assert first_at[joint] == max(undercut_at, first_at.get(ids[f"O3.{n}"], 0)), part.id
    assert with_joints >= 2
    # A statement from another section (context) is not on a slide's first step: it comes at the step
    # of the first line that joins it to the slide, with that line (step_faults checks every step).
    late_context = 0
    for part in deck.slides:
        plan = deck.figures[part.figure].plan if part.figure else None
        if part.kind != "build" or plan is None:
            continue
        for node_id in plan.context:
            step = next((i for i, s in enumerate(part.steps) if ids[node_id] in s.reveal), None)
            if step:
                late_context += 1
                assert ids[node_id] in part.hidden_at_start
                assert any(g.startswith("am-e") for g in part.steps[step].reveal), (part.id, node_id)
    assert late_context >= 1


def test_titles_are_distinct_and_sub_slides_are_titled_by_their_claim() -> None:
    argument_map = MAP_MAKERS["flagship"]()
    deck = build_deck(argument_map)
    titles = [s.title for s in deck.slides]
    assert len(titles) == len(set(titles))
    for slide in deck.slides:
        if slide.parent is not None:
            assert slide.subtitle in {s.title for s in argument_map.sections.values()}


def test_evaluation_keeps_the_slide_plan_and_marks_established_only_on_the_main_claims() -> None:
    from usfk_argmap import evaluate
    from usfk_argmap.analysis.buildup import main_claims
    from usfk_argmap.drawing.render import RenderOptions

    defeated_somewhere = False
    for which in ("flagship", "example"):
        argument_map = MAP_MAKERS[which]()
        plain = build_deck(argument_map)
        evaluated = build_deck(argument_map, SlideOptions(RenderOptions(evaluate=True)))
        assert [(s.id, len(s.steps)) for s in evaluated.slides] == [(s.id, len(s.steps)) for s in plain.slides]
        telling = {argument_map.root, *main_claims(argument_map)}
        svg = b"".join(figure.svg for figure in evaluated.figures.values()).decode()
        established = set(re.findall(r'class="node am-node [^"]*am-status-established" data-am-id="([^"]+)"', svg))
        assert established and established <= telling
        # A defeated statement is marked wherever it stands (the flagship has none; the example two).
        defeated = set(re.findall(r'class="node am-node [^"]*am-status-defeated" data-am-id="([^"]+)"', svg))
        assert defeated == {n for n, status in evaluate(argument_map).status.items() if status == "defeated"}
        defeated_somewhere |= bool(defeated)
        pictures = [evaluated.figures[s.figure] for s in evaluated.slides if s.kind in ("build", "focus") and s.figure]
        assert min(figure.px_per_em for figure in pictures) >= 24
    assert defeated_somewhere

"""The slide plan: the slides of a deck, what each picture draws, and the layout cache behind them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import MAPS
from tests.test_browser_deck import SMALL_CHINESE
from usfk_argmap.analysis.buildup import main_claims
from usfk_argmap.cli.app import main
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.render import RenderOptions
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.present.slides.connected import drawn_components
from usfk_argmap.present.slides.fit import SlideShape, parse_ratio
from usfk_argmap.present.slides.plan import MAX_NESTING, SlidePlan, context_for, distinct_titles, plan_deck


def _flagship() -> ArgumentMap:
    loaded = load_map(MAPS / "usfk_conclusion.yaml").map
    assert loaded is not None
    return loaded


def _small() -> ArgumentMap:
    loaded = load_text(SMALL_CHINESE).map
    assert loaded is not None
    return loaded


@pytest.mark.parametrize("make", [_flagship, _small])
def test_every_picture_but_the_whole_map_is_one_connected_piece(make: object) -> None:
    argument_map = make()  # type: ignore[operator]
    plan = plan_deck(argument_map, RenderOptions())
    kinds = [s.kind for s in plan.slides]
    assert kinds[:5] == ["title", "overview", "legend", "sections", "map"]
    for slide in plan.slides:
        if slide.picture is None or slide.kind in ("map", "legend", "sections"):
            continue
        picture = plan.pictures[slide.picture]
        assert len(drawn_components(argument_map, picture.drawn)) == 1, slide.id
        # Every statement a build-up reveals is its own; what it only shows for orientation is context.
        if slide.kind == "build":
            assert {n for u in slide.units for n in u.nodes} <= picture.members
            assert not picture.members & picture.context


def test_lines_out_of_a_section_keep_their_far_end_as_context() -> None:
    argument_map = _flagship()
    members = {n.id for n in argument_map.nodes.values() if n.section == "s1"}
    context = context_for(argument_map, members)
    # Every line from section 1 to another section (S1.1 supports C4, C1 the thesis...) keeps its far end.
    far_ends = {
        ref.target
        for n in members
        for ref in (*argument_map.nodes[n].supports, *argument_map.nodes[n].attacks)
        if ref.target not in members
    }
    assert {"C4", "T"} <= far_ends <= context and not context & members


def test_an_objection_always_shows_what_it_attacks() -> None:
    argument_map = _small()
    plan = plan_deck(argument_map, RenderOptions())
    part_b = plan.pictures[next(s.picture for s in plan.slides if s.title.startswith("二") and s.picture)]
    assert "O2" in part_b.members and "C1" in part_b.context  # O2 (section b) attacks C1 (section a)


def test_a_dense_section_is_split_by_sub_claim_with_its_parent_as_context() -> None:
    argument_map = _flagship()
    plan = plan_deck(argument_map, RenderOptions())
    section3 = [s for s in plan.slides if s.kind == "build" and s.id.startswith("part-3")]
    assert len(section3) > 1
    first, *rest = section3
    assert first.parent is None and all(s.parent is not None for s in rest)
    assert first.title == argument_map.sections["s3"].title and first.subtitle is None
    for slide in rest:
        picture = plan.pictures[slide.picture or ""]
        # The sub-claim the slide starts from is the last word on it of the slide it was cut from
        # (its parent, or beside it below the deepest nesting), and what it bears on is shown.
        assert any(slide.top in {n for u in other.units for n in u.nodes} for other in section3 if other is not slide)
        assert slide.units[0].nodes[0] == slide.top
        assert picture.context, slide.id
        # Titled by its sub-claim (a linked argument's premises, joined), the section as its kicker.
        assert slide.title == "、".join(argument_map.nodes[n].shown_text for n in slide.units[0].nodes)
        assert slide.subtitle == argument_map.sections["s3"].title
    # Every statement of the section is presented on one of its slides.
    presented = {n for s in section3 for u in s.units for n in u.nodes}
    assert presented == {n.id for n in argument_map.nodes.values() if n.section == "s3"}


@pytest.mark.parametrize(("make", "deepest"), [(_flagship, MAX_NESTING), (_small, 0)])
def test_sub_slides_nest_at_most_three_deep_and_every_title_is_its_own(make: object, deepest: int) -> None:
    argument_map = make()  # type: ignore[operator]
    # A high floor splits the flagship's section 3 four deep: the fourth level goes beside the third.
    plan = plan_deck(argument_map, RenderOptions(), shape=SlideShape(min_text=30))
    by_id = {s.id: s for s in plan.slides}

    def nesting(slide: SlidePlan) -> int:
        return 0 if slide.parent is None else 1 + nesting(by_id[slide.parent])

    assert max(nesting(s) for s in plan.slides) == deepest
    titles = [s.title for s in plan.slides if s.kind != "title"]
    assert len(titles) == len(set(titles))
    assert plan.slide("overview").subtitle == argument_map.title != plan.slide("overview").title


def test_a_title_met_before_is_said_with_its_kicker() -> None:
    slides = [SlidePlan("a", "build", "C"), SlidePlan("b", "focus", "C", subtitle="焦點"), SlidePlan("c", "build", "C")]
    assert [s.title for s in distinct_titles(slides, "zh-Hant")] == ["C", "C（焦點）", "C (2)"]


@pytest.mark.parametrize(
    ("depth_first", "expected"), [(False, ["C1", "E1", "P1", "O2", "O1"]), (True, ["C1", "E1", "O1", "P1", "O2"])]
)
def test_a_build_up_is_breadth_first_unless_asked_for_depth_first(depth_first: bool, expected: list[str]) -> None:
    text = (
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: t}\n  C1: {kind: claim, text: c, supports: T}\n"
        "  E1: {kind: evidence, text: e, supports: C1}\n  O1: {kind: objection, text: o, attacks: E1}\n"
        "  P1: {kind: premise, text: p, supports: C1}\n  O2: {kind: objection, text: x, attacks: C1}\n"
    )
    argument_map = load_text(text).map
    assert argument_map is not None
    plan = plan_deck(argument_map, RenderOptions(), depth_first=depth_first)
    assert [n for u in plan.slide("part-1").units for n in u.nodes] == expected


def test_the_overview_is_the_thesis_and_the_main_claims() -> None:
    argument_map = _flagship()
    plan = plan_deck(argument_map, RenderOptions())
    overview = plan.pictures["overview"]
    assert overview.members == {argument_map.root, *main_claims(argument_map)}
    links = dict(plan.slide("overview").links)
    assert set(links) == set(main_claims(argument_map))
    assert all(plan.slide(target).kind == "build" for target in links.values())


def test_slide_shapes() -> None:
    assert parse_ratio("4:3") == pytest.approx(4 / 3) and parse_ratio("1.6") == 1.6
    for bad in ("9:0", "wide", "10:1"):
        with pytest.raises(ValueError):
            parse_ratio(bad)
    assert SlideShape().area == pytest.approx((1804.8, 957.5), abs=0.5)
    assert SlideShape(ratio=4 / 3).size == (1440.0, 1080.0)


@pytest.mark.graphviz
def test_an_unchanged_picture_is_never_laid_out_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usfk_argmap.drawing import graphviz
    from usfk_argmap.drawing.cache import LayoutCache
    from usfk_argmap.present.slides.build import build_deck
    from usfk_argmap.present.slides.html import deck_html

    runs: list[str] = []
    real = graphviz.run_graphviz

    def counting(*args: object, **kwargs: object) -> bytes:
        runs.append(str(args[1]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(graphviz, "run_graphviz", counting)
    argument_map = _small()
    first = deck_html(build_deck(argument_map, cache=LayoutCache(tmp_path / "cache")))
    laid_out = len(runs)
    # A new cache on the same folder (a new process): only the folder remembers.
    second = deck_html(build_deck(argument_map, cache=LayoutCache(tmp_path / "cache")))
    assert laid_out > 0 and len(runs) == laid_out and first == second
    assert any((tmp_path / "cache").rglob("*"))
    build_deck(argument_map, cache=LayoutCache(None))
    assert len(runs) > laid_out


@pytest.mark.graphviz
def test_two_layout_caches_in_one_process_share_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usfk_argmap.drawing import graphviz
    from usfk_argmap.drawing.cache import LayoutCache

    runs: list[str] = []
    real = graphviz.run_graphviz

    def counting(*args: object, **kwargs: object) -> bytes:
        runs.append(str(args[1]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(graphviz, "run_graphviz", counting)
    source = "digraph { a -> b }"
    one, other, folder = LayoutCache(None), LayoutCache(None), LayoutCache(tmp_path / "cache")
    assert one.run(source, "dot") == one.run(source, "dot")
    assert len(runs) == 1  # the second run came from the first cache's memory
    other.run(source, "dot")
    assert len(runs) == 2  # not from the first cache's memory
    folder.run(source, "dot")
    assert len(runs) == 3 and LayoutCache(tmp_path / "cache").get(folder_key(source)) is not None
    assert one.folder is None and folder.folder == tmp_path / "cache"
    assert LayoutCache(tmp_path / "elsewhere").get(folder_key(source)) is None


def folder_key(source: str) -> str:
    from usfk_argmap.drawing.cache import cache_key

    return cache_key(source, "dot", "dot")


def test_the_environment_chooses_the_default_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usfk_argmap.drawing.cache import CACHE_ENV, LayoutCache

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert LayoutCache.from_environment().folder == tmp_path
    for off in ("off", "0", "", "No"):
        monkeypatch.setenv(CACHE_ENV, off)
        assert LayoutCache.from_environment().folder is None


@pytest.mark.graphviz
def test_slides_command_takes_a_section_a_shape_and_a_text_size(tmp_path: Path) -> None:
    runner = CliRunner()
    flagship = str(MAPS / "usfk_conclusion.yaml")
    result = runner.invoke(
        main,
        ["slides", flagship, "-o", str(tmp_path / "s2.html"), "--section", "s2", "--fit", "4:3", "--no-cache", "--width", "12"],
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "s2.html").read_text(encoding="utf-8")
    assert 'id="part-2"' in html and 'id="part-1"' not in html and "--ratio: 1.3333" in html
    result = runner.invoke(main, ["slides", flagship, "-o", str(tmp_path / "x.html"), "--section", "s9"])
    assert result.exit_code == 2 and "no section 's9'" in result.output
    result = runner.invoke(main, ["slides", flagship, "-o", str(tmp_path / "x.html"), "--fit", "9:0"])
    assert result.exit_code == 2 and "--fit" in result.output
    result = runner.invoke(main, ["slides", flagship, "-o", str(tmp_path / "big.html"), "--min-text", "30"])
    assert result.exit_code == 0
    assert (tmp_path / "big.html").read_text(encoding="utf-8").count('class="slide slide-build"') > html.count(
        'class="slide slide-build"'
    )


@pytest.mark.parametrize("make", [_flagship, _small])
def test_the_checks_read_the_same_lines_as_the_networkx_graph(make: object) -> None:
    from usfk_argmap.analysis.graph import build_graph
    from usfk_argmap.analysis.links import build_links

    argument_map = make()  # type: ignore[operator]
    graph = build_graph(argument_map)
    links = build_links(argument_map)
    assert set(links.successors) == set(graph.nodes)
    assert {(s, t, r) for s, lines in links.successors.items() for t, r in lines} == {
        (s, t, r) for s, t, r in graph.edges(data="relation")
    }


def _random_map(shape: list[tuple[int, int, bool]], texts: list[int]) -> ArgumentMap:
    """A thesis with a tree of claims under it in two sections, objections across them, long texts."""
    from usfk_argmap.core.model import Node, Ref, Section

    words = "朝鮮半島情勢相對穩定駐韓美軍長期扮演維護區域安定之角色中國對駐韓美軍問題之基本立場未變"
    nodes = {"T": Node("T", "thesis", "論點")}
    ids = ["T"]
    for index, ((parent, section, attack), size) in enumerate(zip(shape, texts, strict=False), 1):
        node_id = f"N{index}"
        target = ids[parent % len(ids)]
        text = (words * 3)[index % 20 : index % 20 + size]
        kind = "objection" if attack and target != "T" else "claim" if target == "T" else "premise"
        relation = {"attacks": (Ref(target),)} if kind == "objection" else {"supports": (Ref(target),)}
        nodes[node_id] = Node(node_id, kind, text, section=f"s{section % 2 + 1}", **relation)  # type: ignore[arg-type]
        ids.append(node_id)
    return ArgumentMap(
        title="隨機", root="T", nodes=nodes, lang="zh-Hant", sections={"s1": Section("s1", "一"), "s2": Section("s2", "二")}
    )


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 1), st.booleans()), min_size=1, max_size=40),
    st.lists(st.integers(4, 40), min_size=40, max_size=40),
)
def test_the_plan_of_any_map_presents_every_statement_in_connected_pictures(
    shape: list[tuple[int, int, bool]], texts: list[int]
) -> None:
    argument_map = _random_map(shape, texts)
    plan = plan_deck(argument_map, RenderOptions())
    for section in argument_map.sections:
        members = {n.id for n in argument_map.nodes.values() if n.section == section}
        builds = [s for s in plan.slides if s.kind == "build" and any(n in members for u in s.units for n in u.nodes)]
        assert {n for s in builds for u in s.units for n in u.nodes} == members
    for slide in plan.slides:
        if slide.picture is not None and slide.kind not in ("map", "legend", "sections"):
            picture = plan.pictures[slide.picture]
            assert len(drawn_components(argument_map, picture.drawn)) == 1, slide.id

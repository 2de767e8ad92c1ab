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


def test_linked_arguments_have_several_premises(argmap: ArgumentMap) -> None:
    assert argmap.arguments
    for argument in argmap.arguments.values():
        assert len(argument.premises) >= 2, argument.id


def test_no_suppressions(argmap: ArgumentMap) -> None:
    assert not [n.id for n in argmap.nodes.values() if n.ignore]
    assert not [a.id for a in argmap.arguments.values() if a.ignore]

"""The importers against real corpora: Argdown (vs the Argdown CLI's JSON) and arg-microtexts."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import SHARED
from usfk_argmap.analysis.graph import build_graph, undercut_relations
from usfk_argmap.core.diagnostics import Severity
from usfk_argmap.core.model import ArgumentMap, Position, Undercut, relation_id
from usfk_argmap.interop.argdown.reader import import_argdown
from usfk_argmap.interop.microtext import import_microtext
from usfk_argmap.mapfile.loader import load_text
from usfk_argmap.mapfile.writer import write_map
from usfk_argmap.rules import run_checks

ARGDOWN = sorted((SHARED / "corpora" / "argdown").glob("*.argdown"))
MICROTEXT = sorted((SHARED / "corpora" / "microtext" / "en").glob("*.xml"))


def _reloaded(argument_map: ArgumentMap) -> ArgumentMap:
    """Write the map and load it back: what `usfk-argmap import` leaves on disk, loaded without errors."""
    result = load_text(write_map(argument_map), "imported.yaml")
    errors = [d.format_text() for d in result.diagnostics if d.severity is Severity.ERROR]
    assert result.map is not None and not errors, errors
    return result.map


def test_corpora_are_there(shared_dir: Path) -> None:
    assert len(ARGDOWN) == 5 and len(MICROTEXT) == 38


# -- Argdown ---------------------------------------------------------------
#: Deliberate section differences. The primer's heading holds ":heart:" shortcodes, which the CLI
#: turns into emoji and we keep as written; greenspan's frontmatter "group: regroup" replaces the
#: headings with two groups in the CLI, and we keep the headings (the frontmatter key is reported, AM404).
SECTION_DIFFERENCES = {
    "argdown-primer": [":heart: Welcome to Argdown! :heart:", "Argdown Basics", "Argument reconstructions"],
    "greenspan-schefczyk_hardwrap": ["Greenspan's Arguments in 2002", "Greenspan's Arguments in 2005"],
}


def _sections(sections: list[dict[str, object]]) -> list[str]:
    titles: list[str] = []
    for section in sections:
        titles.append(str(section["title"]))
        titles += _sections(section.get("children", []))  # type: ignore[arg-type]
    return titles


def _expected_relations(reference: dict[str, object], argument_map: ArgumentMap) -> Counter[tuple[str, str, str]]:
    """The CLI's relations in our terms, with the deliberate differences (see the module docstring of argdown.py):

    - support/attack/contrary/contradictory between statements and inference nodes: supports/attacks;
    - a relation from an argument with a premise-conclusion structure starts at its main conclusion;
    - an attack on such an argument is an undercut of it;
    - an undercut of an inference node X is an undercut of X's one outgoing relation, ``X->T``.
    """
    arguments: dict[str, dict[str, object]] = reference["arguments"]  # type: ignore[assignment]
    reconstructed = {title for title, data in arguments.items() if data["pcs"]}
    expected: Counter[tuple[str, str, str]] = Counter()
    for relation in reference["relations"]:  # type: ignore[attr-defined]
        kind = {
            "support": "supports",
            "attack": "attacks",
            "contrary": "attacks",
            "contradictory": "attacks",
            "undercut": "undercuts",
        }[relation["relationType"]]
        source, target = relation["from"], relation["to"]
        if relation["fromType"] == "argument" and source in reconstructed:
            pcs = arguments[source]["pcs"]
            source = next(s["title"] for s in pcs if s["role"] == "main-conclusion")  # type: ignore[attr-defined]
        if relation["toType"] == "argument" and target in reconstructed and kind == "attacks":
            kind = "undercuts"
        elif kind == "undercuts" and target not in reconstructed:
            outgoing = [
                r["to"]
                for r in reference["relations"]  # type: ignore[attr-defined]
                if r["from"] == target and r["relationType"] in ("support", "attack", "contrary")
            ]
            assert len(outgoing) == 1, (target, outgoing)
            target = relation_id(target, outgoing[0])
        expected[(source, target, kind)] += 1
    return expected


@pytest.mark.parametrize("path", ARGDOWN, ids=lambda p: p.stem)
def test_argdown_matches_cli_export(path: Path, shared_dir: Path) -> None:
    reference = json.loads(path.with_name(path.name + "-cli.json").read_text(encoding="utf-8"))
    result = import_argdown(path.read_bytes(), str(path))
    assert result.map is not None and result.ok
    argument_map = _reloaded(result.map)
    arguments = reference["arguments"]
    reconstructed = {title for title, data in arguments.items() if data["pcs"]}
    # Statements, and arguments without a premise-conclusion structure (inference nodes), are nodes by title.
    inference_nodes = set(arguments) - reconstructed
    expected_nodes = set(reference["statements"]) | inference_nodes
    assert set(argument_map.nodes) == expected_nodes
    # Each statement's text is the CLI's (its first member with text).
    for title, statement in reference["statements"].items():
        text = next((m["text"] for m in statement["members"] if m.get("text", "").strip()), title)
        assert argument_map.nodes[title].text == " ".join(text.split())
    # Each reconstructed argument is a linked argument from its premises to its main conclusion.
    for title in reconstructed:
        pcs = arguments[title]["pcs"]
        conclusion = next(s["title"] for s in pcs if s["role"] == "main-conclusion")
        argument = argument_map.arguments[title]
        assert argument.target.target == conclusion
        steps = [s for s in pcs if s["role"] == "intermediary-conclusion"]
        if not steps:
            assert [p.target for p in argument.premises] == [s["title"] for s in pcs if s["role"] == "premise"]
    # Relations agree by type and endpoints; an undercut's argument is named through its id.
    ours: Counter[tuple[str, str, str]] = Counter()
    for edge in argument_map.edges():
        if edge.argument is None:
            ours[(edge.source, edge.target, edge.relation)] += 1
    assert ours == _expected_relations(reference, argument_map)
    ours_sections = [s.title for s in argument_map.sections.values()]
    if path.stem in SECTION_DIFFERENCES:
        assert ours_sections == SECTION_DIFFERENCES[path.stem]
    else:
        assert ours_sections == _sections(reference["sections"])


def test_argdown_root_rule(shared_dir: Path) -> None:
    """No root in Argdown: the statement with no outgoing relation and the most incoming ones."""
    path = SHARED / "corpora" / "argdown" / "legalisation-softdrugs.argdown"
    result = import_argdown(path.read_bytes(), str(path))
    assert result.map is not None
    assert result.map.root == "Legalisation of Soft Drugs"
    assert result.map.nodes["Legalisation of Soft Drugs"].kind == "thesis"
    assert result.map.nodes["Law must protect"].kind == "objection"
    assert result.map.nodes["Soft drugs are harmful"].kind == "objection"  # it attacks <No harm, no ban>
    assert result.map.nodes["Alcohol and tobacco analogy"].kind == "claim"
    assert result.map.nodes["Coffee houses"].kind == "rebuttal"


# -- arg-microtexts -------------------------------------------------------------
def _xml_counts(path: Path) -> tuple[int, Counter[str]]:
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    edges = {e.get("id", ""): e for e in root.findall("edge")}
    counts: Counter[str] = Counter()
    for edge in edges.values():
        kind = edge.get("type")
        if kind in ("sup", "exa"):
            counts["supports"] += 1
        elif kind == "reb":
            counts["attacks"] += 1
        elif kind == "und":
            counts["undercuts"] += 1
        elif kind == "add":
            onto = edges[edge.get("trg", "")].get("type", "")
            counts[{"sup": "supports", "exa": "supports", "reb": "attacks", "und": "undercuts"}[onto]] += 1
    return len(root.findall("adu")), counts


@pytest.mark.parametrize("path", MICROTEXT, ids=lambda p: p.stem)
def test_microtext_counts_load_and_graph(path: Path, shared_dir: Path) -> None:
    result = import_microtext(path.read_bytes(), str(path))
    assert result.map is not None and result.ok
    argument_map = _reloaded(result.map)
    adus, relations = _xml_counts(path)
    assert len(argument_map.nodes) == adus
    assert Counter(edge.relation for edge in argument_map.edges()) == relations
    graph = build_graph(argument_map)
    # Every und onto a plain edge undercuts that relation as it is: a joint node, no argument made for it.
    assert graph.number_of_nodes() == adus + len(argument_map.arguments) + len(undercut_relations(argument_map))
    assert argument_map.nodes[argument_map.root].kind == "thesis"
    assert not [d for d in run_checks(argument_map) if d.severity is Severity.ERROR]


@pytest.mark.graphviz
@pytest.mark.parametrize("path", MICROTEXT, ids=lambda p: p.stem)
def test_microtext_renders(path: Path, shared_dir: Path) -> None:
    from usfk_argmap.drawing.render import render_svg

    result = import_microtext(path.read_bytes(), str(path))
    assert result.map is not None
    svg = render_svg(result.map).decode("utf-8")
    for node in result.map.nodes.values():
        assert f'data-am-id="{node.id}"' in svg


@pytest.mark.parametrize("path", MICROTEXT, ids=lambda p: p.stem)
def test_microtext_undercut_of_a_plain_edge_is_exact(path: Path, shared_dir: Path) -> None:
    """An ``und`` onto an edge without co-premises undercuts exactly that relation: no argument is made up."""
    root = ET.parse(path).getroot()
    edges = {e.get("id"): e for e in root.findall("edge")}
    with_co_premises = {e.get("trg") for e in edges.values() if e.get("type") == "add"}
    result = import_microtext(path.read_bytes(), str(path))
    assert result.map is not None
    argument_map = _reloaded(result.map)
    assert set(argument_map.arguments) == with_co_premises & {i for i, e in edges.items() if e.get("type") != "und"}
    for edge in edges.values():
        onto = edges.get(edge.get("trg"))
        if edge.get("type") != "und" or onto is None or onto.get("id") in with_co_premises:
            continue
        reason, target = onto.get("src") or "", onto.get("trg") or ""
        undercuts = [(u.source, u.target) for u in argument_map.nodes[edge.get("src") or ""].undercuts]
        assert undercuts == [(reason, target)], path.stem
        assert argument_map.relation(reason, target) == ("attacks" if onto.get("type") == "reb" else "supports")
    assert not [d for d in result.diagnostics if d.code == "AM405" and "und" not in d.message]


def test_microtext_linked_undercut_is_reported(shared_dir: Path) -> None:
    path = SHARED / "corpora" / "microtext" / "en" / "micro_b001.xml"
    result = import_microtext(path.read_bytes(), str(path))
    assert result.map is not None
    assert [(d.code, d.line, d.column, d.node) for d in result.diagnostics] == [("AM405", 21, 3, "a4")]
    assert not result.map.arguments  # c1 (a1 attacks a5) stays a plain relation, undercut by a3 and a4
    assert [ref.target for ref in result.map.nodes["a1"].attacks] == ["a5"]
    expected = [Undercut.of_relation("a1", "a5")]
    assert [dataclasses.replace(u, position=Position()) for u in result.map.nodes["a3"].undercuts] == expected
    assert [dataclasses.replace(u, position=Position()) for u in result.map.nodes["a4"].undercuts] == expected
    assert result.map.nodes["a3"].kind == "rebuttal"  # undercutting an attack answers the objection
    assert [s.id for s in result.map.sections.values()] == ["pro", "opp"]
    assert result.map.nodes["a1"].section == "opp"

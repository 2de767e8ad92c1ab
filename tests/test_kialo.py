"""Importing Kialo's text export: claims, pros and cons, links, the thesis as root; bad input positioned; linear work.

The fixtures in ``tests/interop_files`` are written from the format's description
(Kialo's "Export discussion" text file), not copied from a real debate.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.growth import LINEAR_GROWTH, growth
from usfk_argmap import load_text
from usfk_argmap.cli.app import main
from usfk_argmap.interop import ImportResult, import_bytes, import_file
from usfk_argmap.mapfile.writer import write_map

FILES = Path(__file__).parent / "interop_files"


def _import(text: str) -> ImportResult:
    return import_bytes(text.encode(), "kialo", "debate.txt")


def _relations(result: ImportResult) -> set[tuple[str, str, str]]:
    assert result.map is not None, result.diagnostics
    return {(e.source, e.relation, e.target) for e in result.map.edges()}


def test_pros_support_cons_attack_links_add_relations_and_the_thesis_is_the_root() -> None:
    result = import_file(FILES / "cars.kialo.txt")
    assert result.map is not None
    assert result.map.title == "Should cities ban cars from their centres?"
    assert result.map.root == "1" and result.map.nodes["1"].kind == "thesis"
    assert _relations(result) == {
        ("1.1", "supports", "1"),
        ("1.1.1", "attacks", "1.1"),
        ("1.1.2", "supports", "1.1"),
        ("1.2", "attacks", "1"),
        ("1.1", "attacks", "1.2"),  # 1.2.1 is a link to 1.1
        ("1.2.2", "supports", "1.2"),
        ("1.1.1", "supports", "1"),  # 1.3 is a link to 1.1.1
    }
    assert set(result.map.nodes) == {"1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.2"}
    # A numbered list inside a claim is the claim's text, line breaks kept.
    assert result.map.nodes["1.1.2"].text == "Most deaths on city-centre roads involve a car:\n\n1. speed,\n2. size."
    assert result.diagnostics == []


def test_the_language_is_detected_from_the_claims() -> None:
    result = import_file(FILES / "ville.kialo.txt")
    assert result.map is not None and result.map.lang == "fr"
    assert result.map.title.startswith("Faut-il")


@pytest.mark.parametrize("name", ["cars.kialo.txt", "ville.kialo.txt"])
def test_an_imported_debate_is_written_and_loads_back_unchanged(name: str) -> None:
    imported = import_file(FILES / name).map
    assert imported is not None
    reloaded = load_text(write_map(imported), "debate.yaml")
    assert reloaded.map is not None, reloaded.diagnostics
    assert reloaded.map.root == imported.root
    assert {n.id: (n.kind, n.text) for n in reloaded.map.nodes.values()} == {
        n.id: (n.kind, n.text) for n in imported.nodes.values()
    }
    assert {(e.source, e.relation, e.target) for e in reloaded.map.edges()} == {
        (e.source, e.relation, e.target) for e in imported.edges()
    }


def test_labels_and_the_title_are_read_in_any_case_and_the_title_is_optional() -> None:
    result = _import("1. Thesis.\n1.1. PRO: yes.\n1.2. con : no.\n")
    assert _relations(result) == {("1.1", "supports", "1"), ("1.2", "attacks", "1")}
    assert result.map is not None and result.map.title == "Thesis."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a claim under a number the file does not hold
        ("1. T\n1.1. Pro: a\n1.3.1. Con: b\n", [("AM402", 3, "under 1.3")]),
        # a link to a claim the file does not hold, and a loop of links
        ("1. T\n1.1. Pro: -> See 1.9.\n", [("AM402", 2, "does not hold")]),
        ("1. T\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1.\n", [("AM402", 2, "loop"), ("AM402", 3, "loop")]),
        # a claim number given twice: the first is kept
        ("1. T\n1.1. Pro: a\n1.1. Con: b\n", [("AM406", 3, "used again")]),
        # a link that repeats a relation, and one from a claim to its own parent
        ("1. T\n1.1. Pro: a\n1.2. Pro: -> See 1.1.\n", [("AM406", 3, "repeats")]),
        ("1. T\n1.1. Pro: a\n1.1.1. Con: -> See 1.1.\n", [("AM403", 3, "to itself")]),
        # text before the first claim
        ("Some preamble\nmore\n\nDiscussion Title: x\n1. T\n1.1. Pro: a\n", [("AM404", 1, "before the first claim")]),
    ],
)
def test_broken_structure_is_reported_at_its_line(text: str, expected: list[tuple[str, int, str]]) -> None:
    result = _import(text)
    assert result.map is not None
    found = [(d.code, d.line) for d in result.diagnostics]
    assert found == [(code, line) for code, line, _ in expected], result.diagnostics
    for diagnostic, (_, _, says) in zip(result.diagnostics, expected, strict=True):
        assert says in diagnostic.message and diagnostic.column == 1


@pytest.mark.parametrize("text", ["", "Discussion Title: nothing yet\n", "just some text\nand more\n", "1.1 Pro: no dot\n"])
def test_a_file_without_claims_is_an_am407(text: str) -> None:
    result = _import(text)
    assert result.map is None
    assert "AM407" in [d.code for d in result.diagnostics]


def test_nesting_past_the_limit_is_refused_with_its_line() -> None:
    deep = "1. T\n" + ".".join(["1"] * 1200) + ". Pro: deep\n"
    result = _import(deep)
    assert result.map is None
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("AM401", 2, 1)]
    assert "deeper than 1000 levels" in result.diagnostics[0].message


def test_bytes_that_are_not_utf8_are_a_positioned_am401() -> None:
    result = import_bytes(b"1. T\n1.1. Pro: a\n1.2. Con: \xff\n", "kialo", "debate.txt")
    assert result.map is None
    assert [(d.code, d.line) for d in result.diagnostics] == [("AM401", 3)]


def test_the_command_imports_a_txt_export_and_reports_bad_ones_without_a_traceback(tmp_path: Path) -> None:
    output = tmp_path / "cars.yaml"
    outcome = CliRunner().invoke(main, ["import", str(FILES / "cars.kialo.txt"), "-o", str(output)])
    assert outcome.exit_code == 0, outcome.output
    assert "root: '1'" in output.read_text(encoding="utf-8")
    broken = tmp_path / "broken.kialo"
    broken.write_text("Discussion Title: x\n\nno claims here\n", encoding="utf-8")
    outcome = CliRunner().invoke(main, ["import", str(broken), "-o", str(tmp_path / "b.yaml")])
    assert outcome.exit_code == 1
    assert "AM407" in outcome.stderr and "Traceback" not in outcome.stderr
    assert not (tmp_path / "b.yaml").exists()


def _debate(n: int) -> bytes:
    lines = ["Discussion Title: grown", "1. Thesis."]
    numbers = ["1"]
    for k in range(1, n):
        number = f"{numbers[(k - 1) // 3]}.{(k - 1) % 3 + 1}"
        numbers.append(number)
        text = f"-> See {numbers[k // 2]}." if k % 10 == 0 else f"claim {k}\ncontinued"
        lines.append(f"{number}. {'Pro' if k % 2 else 'Con'}: {text}")
    return "\n".join(lines).encode()


def test_a_large_debate_is_imported_in_linear_work() -> None:
    # benchmarks/kialo_import.py times 10,000 claims (the issue asks at most 2 s).
    assert growth(lambda n: import_bytes(_debate(n), "kialo", "x.txt"), 400) <= LINEAR_GROWTH
    result = import_bytes(_debate(400), "kialo", "x.txt")
    assert result.map is not None and len(result.map.nodes) == 400 - 39


def test_the_documented_example_imports_as_the_docs_say() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "interop.md").read_text(encoding="utf-8")
    section = docs[docs.index("### Kialo text export") :]
    example = section[section.index("```text\n") + 8 : section.index("```\n", section.index("```text\n") + 8)]
    result = _import(example)
    assert result.map is not None and not result.diagnostics, result.diagnostics
    assert result.map.root == "1"
    assert _relations(result) == {
        ("1.1", "supports", "1"),
        ("1.1.1", "attacks", "1.1"),
        ("1.2", "attacks", "1"),
        ("1.1", "attacks", "1.2"),
    }


def _link_chain(n: int) -> bytes:
    # 1.2 shows 1.3, which shows 1.4 ... which shows 1.1: every link is followed to the end of the chain.
    links = "".join(f"1.{k}. Con: -> See 1.{k + 1}.\n" for k in range(2, n))
    return f"1. T\n{links}1.{n}. Pro: -> See 1.1.\n1.1. Pro: the claim at the end\n".encode()


def test_a_chain_of_links_is_followed_in_linear_work() -> None:
    # Each link was followed to the chain's end on its own: 200,000 links took minutes.
    assert growth(lambda n: import_bytes(_link_chain(n), "kialo", "x.txt"), 300) <= LINEAR_GROWTH
    result = import_bytes(_link_chain(300), "kialo", "x.txt")
    assert _relations(result) == {("1.1", "supports", "1"), ("1.1", "attacks", "1")}
    # Each Con link after the first repeats "1.1 attacks 1"; the Pro link comes before 1.1's own line.
    assert [d.code for d in result.diagnostics] == ["AM406"] * 298

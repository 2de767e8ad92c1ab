"""Hostile imports: YAML bombs, deep nesting and huge numbers are positioned AM401s; work stays linear.

Linear means the calls made at 4n are at most ``LINEAR_GROWTH`` times those at
n (``tests/growth.py``); what the quadratic or exponential versions took is
noted at each test. ``benchmarks/import_scaling.py`` times the same shapes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.growth import LINEAR_GROWTH, growth
from usfk_argmap.cli.app import main
from usfk_argmap.interop import ImportResult, import_bytes

BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi", strict=True))
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + BOMB + "title: *i\n"
DEEP = "[" * 5000 + "]" * 5000
HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("name", "text", "where", "says"),
    [
        ("alias bomb in frontmatter", f"===\n{BOMB}===\n\n[T]: x\n", (3, 8), "alias *a is not allowed"),
        ("deep frontmatter", f"===\ntitle: {DEEP}\n===\n\n[T]: x\n", (2, 71), "nests deeper than 64"),
        ("huge number in frontmatter", f"===\ntitle: {HUGE}\n===\n\n[T]: x\n", (2, 8), "more than 1000 digits"),
        ("alias in data", "[T]: x {a: &a [1, 2], b: *a}\n", (1, 1), "alias *a is not allowed"),
        ("deep data", f"[S]: y\n\n[T]: x {{a: {DEEP}}}\n", (3, 1), "nests deeper than 64"),
        ("huge number in data", f"[T]: x {{kind: {HUGE}}}\n", (1, 1), "more than 1000 digits"),
    ],
)
def test_hostile_yaml_in_argdown_is_a_positioned_am401(
    name: str, text: str, where: tuple[int, int], says: str, tmp_path: Path
) -> None:
    result = import_bytes(text.encode(), "argdown", "x.argdown")
    refused = [d for d in result.diagnostics if d.code == "AM401"]
    assert len(refused) == 1, result.diagnostics
    assert (refused[0].line, refused[0].column) == where
    assert says in refused[0].message
    source = tmp_path / "x.argdown"
    source.write_text(text, encoding="utf-8")
    outcome = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "x.yaml")])
    assert outcome.exit_code == 1, outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert "AM401" in outcome.stderr and "Traceback" not in outcome.stderr
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("text", ["===\ntitle: x\n\n[T]: x\n  + [S]: y\n", "===\ntitle: x\n", "\n\n===\n"])
def test_an_unclosed_frontmatter_is_reported_once(text: str) -> None:
    result = import_bytes(text.encode(), "argdown", "x.argdown")
    assert result.map is None
    assert [(d.code, d.line) for d in result.diagnostics] == [("AM401", text.count("\n", 0, text.index("===")) + 1)]
    assert "never closed" in result.diagnostics[0].message
    assert "read as text" not in result.diagnostics[0].message


def _import_argdown(text: str) -> ImportResult:
    return import_bytes(text.encode(), "argdown", "x.argdown")


def test_argdown_data_with_many_brace_blocks_is_read_in_linear_time() -> None:
    # Every "{" was tried as the start of the data, each a YAML parse of the rest: 39 s for 4,000 blocks.
    def blocks(n: int) -> ImportResult:
        return _import_argdown("[T]: text " + "{a: b}" * n + "}\n")

    assert growth(blocks, 250) <= LINEAR_GROWTH
    assert blocks(250).map is not None


def test_argdown_data_is_still_found_after_braces_in_quoted_strings() -> None:
    text = "[T]: text {note: \"a } b { c\", en: 'it''s {x}'}\n"
    result = import_bytes(text.encode(), "argdown", "x.argdown")
    assert result.map is not None
    node = result.map.nodes["T"]
    assert (node.text, node.note, node.en) == ("text", "a } b { c", "it's {x}")


def test_argdown_with_many_relations_is_read_in_linear_time() -> None:
    # A list membership test per relation: 20k relations took 12.7 s, 60k over 60 s.
    def relations(n: int) -> ImportResult:
        return _import_argdown("\n".join(["[T]: root", *(f"  + [S{k}]: statement {k}" for k in range(n))]))

    assert growth(relations, 500) <= LINEAR_GROWTH
    result = relations(500)
    assert result.map is not None and len(result.map.nodes) == 501


def test_argdown_with_many_comments_is_read_in_linear_time() -> None:
    def comments(n: int) -> ImportResult:
        return _import_argdown("[T]: root\n" + "".join(f"/* {k} */\n" for k in range(n)) + "  + [S]: s\n")

    assert growth(comments, 1000) <= LINEAR_GROWTH
    result = comments(1000)
    assert result.map is not None and set(result.map.nodes) == {"T", "S"}


def _joint_ladder(copies: int, depth: int) -> bytes:
    parts = ['<arggraph id="x">', '<edu id="e1">word</edu>', '<edu id="e2">other</edu>']
    parts += [f'<joint id="j{d}"/>' for d in range(depth)]
    parts += ['<adu id="a1" type="pro"/>', '<adu id="a2" type="opp"/>', f'<edge id="s0" src="e1" trg="j{depth - 1}" type="seg"/>']
    parts += [
        f'<edge id="s{d}-{c}" src="j{d}" trg="j{d - 1}" type="seg"/>' for d in range(depth - 1, 0, -1) for c in range(copies)
    ]
    parts += [
        '<edge id="t0" src="j0" trg="a1" type="seg"/>',
        '<edge id="t1" src="e2" trg="a2" type="seg"/>',
        '<edge id="c1" src="a2" trg="a1" type="sup"/>',
        "</arggraph>",
    ]
    return "\n".join(parts).encode()


def test_microtext_joints_with_duplicate_edges_are_read_in_linear_time() -> None:
    # Each duplicate edge multiplied the text at every joint level: 12 copies over 9 levels took over 60 s.
    def ladder(copies: int) -> ImportResult:
        return import_bytes(_joint_ladder(copies, 9), "microtext", "x.xml")

    assert growth(ladder, 3) <= LINEAR_GROWTH
    assert len(_joint_ladder(12, 9)) < 10_000
    result = ladder(12)
    assert result.map is not None
    assert result.map.nodes["a1"].text == "word"


def test_microtext_joint_cycles_end() -> None:
    data = (
        b'<arggraph id="x"><edu id="e1">w</edu><joint id="j1"/><joint id="j2"/><adu id="a1" type="pro"/>'
        b'<edge id="s1" src="j1" trg="j2" type="seg"/><edge id="s2" src="j2" trg="j1" type="seg"/>'
        b'<edge id="s3" src="e1" trg="j1" type="seg"/><edge id="s4" src="j1" trg="a1" type="seg"/></arggraph>'
    )
    result = import_bytes(data, "microtext", "x.xml")
    assert result.map is not None and result.map.nodes["a1"].text == "w"


def aif_document(n: int, unknown_targets: bool = False) -> bytes:
    """An AIF chain of ``n`` inferences; with ``unknown_targets`` every edge names a node the document lacks."""
    import json

    nodes: list[dict[str, str]] = [{"nodeID": "1", "text": "root", "type": "I"}]
    edges: list[dict[str, str]] = []
    for k in range(n):
        nodes += [{"nodeID": f"i{k}", "text": f"statement {k}", "type": "I"}, {"nodeID": f"r{k}", "text": "RA", "type": "RA"}]
        target = f"missing{k}" if unknown_targets else ("1" if k % 10 == 0 else f"i{k - 1}")
        edges += [
            {"edgeID": f"e{k}a", "fromID": f"i{k}", "toID": f"r{k}"},
            {"edgeID": f"e{k}b", "fromID": f"r{k}", "toID": target},
        ]
    return json.dumps({"nodes": nodes, "edges": edges}, indent=1).encode()


def test_aif_is_read_in_linear_work() -> None:
    documents = {n: aif_document(n) for n in (300, 1200)}
    assert growth(lambda n: import_bytes(documents[n], "aif", "x.json"), 300) <= LINEAR_GROWTH


def test_aif_finds_the_ids_it_reports_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # A search for each reported edge from the start of the text made a 2.4 MB document take 66 s: call counts
    # cannot see work inside one regex search, so this counts the passes over the text instead.
    from usfk_argmap.interop.aif import reader

    passes = 0
    finditer = reader._ID_ENTRY.finditer

    class Counting:
        def finditer(self, text: str) -> object:
            nonlocal passes
            passes += 1
            return finditer(text)

    monkeypatch.setattr(reader, "_ID_ENTRY", Counting())
    data = aif_document(200, unknown_targets=True)
    result = import_bytes(data, "aif", "x.json")
    unknown = [d for d in result.diagnostics if d.code == "AM402" and "names the node" in d.message]
    assert len(unknown) == 200 and passes == 1
    text = data.decode()
    for diagnostic in unknown[:3] + unknown[-3:]:
        line = text.splitlines()[diagnostic.line - 1]
        assert line[diagnostic.column - 1 :].startswith(f'"edgeID": "{diagnostic.node}"'), (line, diagnostic)

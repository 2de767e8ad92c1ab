"""An imported Argdown file without ``root:`` or ``lang:``: the root Argdown users mean, the language of its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from usfk_argmap import check_paths
from usfk_argmap.cli.app import main
from usfk_argmap.interop import import_bytes
from usfk_argmap.interop.argdown.reader import import_argdown
from usfk_argmap.interop.language_guess import STOP_WORDS, detect_language
from usfk_argmap.mapfile.loader import load_map


@pytest.fixture
def veggie(shared_dir: Path) -> Path:
    return shared_dir / "corpora" / "argdown" / "veggie_debate.argdown"


def test_veggie_debate_gets_its_central_thesis_and_german(veggie: Path, tmp_path: Path) -> None:
    result = import_argdown(veggie.read_bytes(), veggie.name)
    assert result.map is not None
    assert result.map.root == "Fleisch-OK"  # was "Untitled 1"
    assert result.map.lang == "de"  # was "en"
    assert result.map.nodes["Fleisch-OK"].kind == "thesis"
    notes = [d.message for d in result.diagnostics if d.code == "AM405" and "names no" in d.message]
    assert len(notes) == 2 and "'Fleisch-OK' is taken" in notes[0] and "'de' is taken" in notes[1]
    output = tmp_path / "veggie.yaml"
    assert CliRunner().invoke(main, ["import", str(veggie), "-o", str(output)]).exit_code == 0
    orphans = [d for d in check_paths([output]) if d.code == "AM201"]
    # 46 before; the four left are untitled objections to other positions of the debate, which really
    # lead to no chain to the central thesis.
    assert len(orphans) == 4 and all(d.node and d.node.startswith("Untitled") for d in orphans)


def test_import_root_option_chooses_the_thesis(veggie: Path, tmp_path: Path) -> None:
    output = tmp_path / "veggie.yaml"
    result = CliRunner().invoke(main, ["import", str(veggie), "--root", "Strikt-Veggie", "-o", str(output)])
    assert result.exit_code == 0, result.output
    loaded = load_map(output).map
    assert loaded is not None and loaded.root == "Strikt-Veggie" and loaded.nodes["Strikt-Veggie"].kind == "thesis"
    assert "names no root" not in result.output


def test_import_root_option_names_an_unknown_id(veggie: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", str(veggie), "--root", "Strikt-veggie", "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "no statement 'Strikt-veggie'; did you mean 'Strikt-Veggie'?" in result.output
    assert not (tmp_path / "x.yaml").exists()


_AIF = json.dumps(
    {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "a"},
            {"nodeID": "2", "type": "I", "text": "b"},
            {"nodeID": "3", "type": "RA", "text": "Default Inference"},
        ],
        "edges": [{"edgeID": "1", "fromID": "1", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "2"}],
    }
).encode()
_MICROTEXT = (
    b'<arggraph id="x"><edu id="e1">a</edu><edu id="e2">b</edu><adu id="a1" type="pro"/><adu id="a2" type="pro"/>'
    b'<edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>'
    b'<edge id="c3" src="a1" trg="a2" type="sup"/></arggraph>'
)
#: Format, file, the root the file gives, another statement to ask for.
ROOT_CASES = [
    ("argdown", b"[A]: a\n  +> [B]\n\n[B]: b\n\n[C]: c\n  +> [B]\n", "B", "C"),
    ("aif", _AIF, "2", "1"),
    ("microtext", _MICROTEXT, "a2", "a1"),
]


@pytest.mark.parametrize(("format_name", "data", "own", "asked"), ROOT_CASES)
def test_requested_root_applies_to_every_format(format_name: str, data: bytes, own: str, asked: str) -> None:
    assert import_bytes(data, format_name).map.root == own  # type: ignore[union-attr]
    chosen = import_bytes(data, format_name, root=asked).map
    assert chosen is not None and chosen.root == asked and chosen.nodes[asked].kind == "thesis"
    assert import_bytes(data, format_name, root="no such id").map.root == own  # type: ignore[union-attr]


def test_requested_roots_of_concurrent_imports_stay_apart() -> None:
    # The root is an argument, not state of the thread or context: imports side by side each get their own.
    from concurrent.futures import ThreadPoolExecutor

    asks = [case for case in ROOT_CASES for _ in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        roots = list(pool.map(lambda case: import_bytes(case[1], case[0], root=case[3]).map.root, asks))  # type: ignore[union-attr]
    assert roots == [case[3] for case in asks]
    assert [import_bytes(case[1], case[0]).map.root for case in ROOT_CASES] == [case[2] for case in ROOT_CASES]  # type: ignore[union-attr]


def test_root_is_where_the_most_support_flows_not_the_most_direct_edges() -> None:
    # B has two direct supporters; A has one, but a chain of four statements flows into it.
    text = (
        b"[X1]: x\n  +> [B]\n\n[X2]: x\n  +> [B]\n\n[Y1]: y\n  +> [Y2]\n\n[Y2]: y\n  +> [Y3]\n\n"
        b"[Y3]: y\n  +> [A]\n\n[A]: a\n\n[B]: b\n"
    )
    chosen = import_argdown(text, "x").map
    assert chosen is not None and chosen.root == "A"


@pytest.mark.parametrize(
    ("texts", "language"),
    [
        (["The tram line pays for itself within twenty years, and the fares cover the running costs of it."], "en"),
        (
            [
                "Es gibt Fleisch und Tierprodukte, die man essen darf.",
                "Man sollte kein Fleisch essen, wenn es nicht aus artgerechter Haltung kommt.",
            ],
            "de",
        ),
        (["Le tramway est rentable dans vingt ans et les tarifs couvrent les coûts pour la ville."], "fr"),
        (["El tranvía se paga solo en veinte años y los billetes cubren los costes para la ciudad."], "es"),
        (["Il tram si ripaga in vent'anni e le tariffe coprono i costi della città, non di più."], "it"),
        (["De tram verdient zichzelf terug en het kaartje dekt de kosten van de stad, maar niet meer."], "nl"),
        (["O bonde se paga em vinte anos e as tarifas cobrem os custos da cidade, não mais do que isso."], "pt"),
        (["中國對駐韓美軍問題之基本立場未變，這是長期目標。"], "zh-Hant"),
        (["中国对驻韩美军问题之基本立场未变，这是长期目标。"], "zh-Hans"),
        (["日本人口大小"], "zh"),  # no character that differs between the two forms
        (["在日米軍の問題について、中国の立場は変わらない。"], "ja"),
        (["주한미군 문제에 대한 중국의 입장은 변하지 않았다."], "ko"),
        (["Позиция Китая по этому вопросу не изменилась."], "ru"),
        (["Η θέση της Κίνας δεν άλλαξε."], "el"),
        (["Short English text."], None),  # too few words to tell
        (["1234 5678 ----"], None),
        (["Tram Bahn Linie Station Haltestelle Gleis Wagen Fahrer Ticket Preis"], None),  # no function words
    ],
)
def test_detect_language(texts: list[str], language: str | None) -> None:
    assert detect_language(texts) == language


def test_stop_word_lists_share_no_word() -> None:
    seen: dict[str, str] = {}
    for language, words in STOP_WORDS.items():
        for word in words:
            assert word not in seen, f"{word!r} is in {seen[word]} and {language}"
            seen[word] = language


def test_import_command_root_option_sets_the_root(tmp_path: Path) -> None:
    source = tmp_path / "x.argdown"
    source.write_bytes(ROOT_CASES[0][1])
    result = CliRunner().invoke(main, ["import", str(source), "--root", "C", "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 0, result.output
    loaded = load_map(tmp_path / "x.yaml").map
    assert loaded is not None and loaded.root == "C"

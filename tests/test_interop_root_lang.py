"""An imported Argdown file without ``root:`` or ``lang:``: the root Argdown users mean, the language of its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from usfk_argmap import check_paths
from usfk_argmap.cli.app import main
from usfk_argmap.interop.aif.reader import import_aif
from usfk_argmap.interop.argdown.reader import import_argdown
from usfk_argmap.interop.draft import requested_root
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


def test_requested_root_applies_to_every_format() -> None:
    text = b"[A]: a\n  +> [B]\n\n[B]: b\n\n[C]: c\n  +> [B]\n"
    assert import_argdown(text, "x").map.root == "B"  # type: ignore[union-attr]
    with requested_root("C"):
        chosen = import_argdown(text, "x").map
    assert chosen is not None and chosen.root == "C" and chosen.nodes["C"].kind == "thesis"
    aif = json.dumps(
        {
            "nodes": [
                {"nodeID": "1", "type": "I", "text": "a"},
                {"nodeID": "2", "type": "I", "text": "b"},
                {"nodeID": "3", "type": "RA", "text": "Default Inference"},
            ],
            "edges": [{"edgeID": "1", "fromID": "1", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "2"}],
        }
    )
    assert import_aif(aif.encode(), "x.json").map.root == "2"  # type: ignore[union-attr]
    with requested_root("1"):
        assert import_aif(aif.encode(), "x.json").map.root == "1"  # type: ignore[union-attr]


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

"""``usfk-argmap draft``: a first map from a source text (issue 29).

Small texts of our own in zh-Hant, zh-Hans, en and de, one for each marker
class (reason, conclusion, example, concession with its answer, condition),
headings as main claims; every drafted map loads with its source and passes
``check`` without errors (every quote found); the command; hostile input; and
the work growing linearly with the text (counted, not timed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.growth import LINEAR_GROWTH, growth
from usfk_argmap.cli.app import main
from usfk_argmap.core.diagnostics import Severity
from usfk_argmap.interop.from_text.build import DraftedMap, draft_map
from usfk_argmap.interop.from_text.segment import MAX_UNIT
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.mapfile.writer import write_map
from usfk_argmap.rules import run_checks

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "microtext" / "en"

ZH_HANT = """本文認為，城市應該改善交通。

一、公共運輸應該優先發展

由於都市人口持續增加，道路已經十分擁擠。因此，政府應該優先發展公共運輸。例如，台北捷運每日載運兩百萬人次。雖然興建成本很高，但是長期效益遠大於成本。若票價維持低廉，則民眾將更願意搭乘。

二、自行車道值得投資

自行車道花費不多。
"""
ZH_HANS = """本文认为，城市应该改善交通。

一、公共运输应该优先发展

由于都市人口持续增加，道路已经十分拥挤。因此，政府应该优先发展公共运输。例如，台北捷运每日载运两百万人次。虽然兴建成本很高，但是长期效益远大于成本。若票价维持低廉，则民众将更愿意搭乘。

二、自行车道值得投资

自行车道花费不多。
"""
EN = (
    "Cities should build more bike lanes. Because cycling is cheap, many people would ride if it were safe. "
    "For example, Copenhagen doubled its cyclists within ten years. Although lanes take space from cars, the "
    "streets become calmer. Therefore, a network of lanes pays off. If the lanes are connected, then commuters "
    "will use them.\n"
)
DE = (
    "Die Stadt sollte mehr Radwege bauen. Radfahren ist billig, weil es kaum Kosten verursacht. Zum Beispiel hat "
    "Kopenhagen die Zahl der Radfahrer verdoppelt. Zwar kosten Radwege Platz, aber die Straßen werden ruhiger. "
    "Daher lohnt sich ein Netz von Radwegen. Wenn die Wege verbunden sind, werden Pendler sie nutzen.\n"
)

#: (the text, its language, [(a passage of a statement, its kind, its relation, a passage of its target)]).
#: A relation "linked" is a premise of a linked argument whose conclusion is the target.
CASES = {
    "zh-Hant": (
        ZH_HANT,
        [
            ("城市應該改善交通", "thesis", None, None),
            ("公共運輸應該優先發展", "claim", "supports", "城市應該改善交通"),
            ("由於都市人口持續增加", "premise", "supports", "道路已經十分擁擠"),
            ("因此，政府應該優先發展", "claim", "supports", "公共運輸應該優先發展"),
            ("道路已經十分擁擠", "claim", "supports", "因此，政府應該優先發展"),
            ("例如，台北捷運", "evidence", "supports", "因此，政府應該優先發展"),
            ("雖然興建成本很高", "objection", "attacks", "因此，政府應該優先發展"),
            ("但是長期效益遠大於成本", "rebuttal", "attacks", "雖然興建成本很高"),
            ("若票價維持低廉", "premise", "linked", "因此，政府應該優先發展"),
            ("則民眾將更願意搭乘", "premise", "linked", "因此，政府應該優先發展"),
            ("自行車道花費不多", "premise", "supports", "自行車道值得投資"),
        ],
    ),
    "zh-Hans": (
        ZH_HANS,
        [
            ("城市应该改善交通", "thesis", None, None),
            ("由于都市人口持续增加", "premise", "supports", "道路已经十分拥挤"),
            ("因此，政府应该优先发展", "claim", "supports", "公共运输应该优先发展"),
            ("例如，台北捷运", "evidence", "supports", "因此，政府应该优先发展"),
            ("虽然兴建成本很高", "objection", "attacks", "因此，政府应该优先发展"),
            ("但是长期效益远大于成本", "rebuttal", "attacks", "虽然兴建成本很高"),
            ("若票价维持低廉", "premise", "linked", "因此，政府应该优先发展"),
        ],
    ),
    "en": (
        EN,
        [
            ("Cities should build more bike lanes", "thesis", None, None),
            ("Because cycling is cheap", "premise", "supports", "many people would ride"),
            ("For example, Copenhagen", "evidence", "supports", "many people would ride"),
            ("Although lanes take space", "objection", "attacks", "Cities should build"),
            ("the streets become calmer", "rebuttal", "attacks", "Although lanes take space"),
            ("Therefore, a network of lanes pays off", "premise", "supports", "Cities should build"),
            ("If the lanes are connected", "premise", "linked", "Cities should build"),
            ("then commuters will use them", "premise", "linked", "Cities should build"),
        ],
    ),
    "de": (
        DE,
        [
            ("Die Stadt sollte mehr Radwege bauen", "thesis", None, None),
            ("weil es kaum Kosten verursacht", "claim", "supports", "Radfahren ist billig"),
            ("Zum Beispiel hat", "evidence", "supports", "weil es kaum Kosten"),
            ("Zwar kosten Radwege Platz", "objection", "attacks", "Die Stadt sollte"),
            ("aber die Straßen werden ruhiger", "rebuttal", "attacks", "Zwar kosten Radwege Platz"),
            ("Daher lohnt sich", "premise", "supports", "Die Stadt sollte"),
            ("Wenn die Wege verbunden sind", "premise", "linked", "Die Stadt sollte"),
            ("werden Pendler sie nutzen", "premise", "linked", "Die Stadt sollte"),
        ],
    ),
}


def _node(drafted: DraftedMap, passage: str) -> str:
    found = [node.id for node in drafted.map.nodes.values() if passage in node.text]
    assert len(found) == 1, f"{passage!r} is in {found} of {[n.text for n in drafted.map.nodes.values()]}"
    return found[0]


@pytest.mark.parametrize("lang", sorted(CASES))
def test_each_marker_class_proposes_its_relation(lang: str) -> None:
    text, expected = CASES[lang]
    drafted = draft_map(text, lang=lang)
    nodes = drafted.map.nodes
    for passage, kind, relation, target in expected:
        node = nodes[_node(drafted, passage)]
        assert node.kind == kind, (passage, node.kind, node.note)
        if relation is None or target is None:
            assert drafted.map.root == node.id
        elif relation == "linked":
            [argument] = [a for a in drafted.map.arguments.values() if node.id in {p.target for p in a.premises}]
            assert argument.target.target == _node(drafted, target)
        else:
            refs = node.supports if relation == "supports" else node.attacks
            assert [ref.target for ref in refs] == [_node(drafted, target)], (passage, node.note)
        assert node.quote is not None and node.note


@pytest.mark.parametrize("lang", sorted(CASES))
def test_the_drafted_map_loads_with_its_source_and_every_quote_is_found(lang: str, tmp_path: Path) -> None:
    text, _ = CASES[lang]
    # A PDF's artefacts: a line broken mid-sentence and a stray space inside the passages.
    broken = (
        text.replace("持續增加", "持續\n\n增 加")
        .replace("doubled its", "doubled\nits")
        .replace("kaum Kosten", "kaum\u200b Kosten")
        .replace("台北捷運", "台北\u00ad捷運")
        .replace("\n", "\r\n")
    )
    (tmp_path / "source.txt").write_text(broken, encoding="utf-8")
    drafted = draft_map(broken, lang=lang)
    (tmp_path / "map.yaml").write_text(write_map(drafted.map, source="source.txt"), encoding="utf-8")
    result = load_map(tmp_path / "map.yaml")
    assert result.map is not None
    problems = [d for d in [*result.diagnostics, *run_checks(result.map)] if d.severity == Severity.ERROR]
    assert problems == []
    source = result.map.source_text
    assert source is not None
    for node in result.map.nodes.values():
        assert node.quote is not None and source.find(node.quote) is not None, node.id
        assert (
            not any(char in node.text for char in "\r\n\u200b\u00ad")
            and "  " not in node.text
            and "\u200b" not in node.text
            and "\u00ad" not in node.text
        )


def test_numbered_headings_become_sections_with_main_claims() -> None:
    drafted = draft_map(ZH_HANT, lang="zh-Hant")
    assert {key: section.title for key, section in drafted.map.sections.items()} == {
        "s1": "一、公共運輸應該優先發展",
        "s2": "二、自行車道值得投資",
    }
    assert drafted.map.nodes["C1"].text == "公共運輸應該優先發展"
    assert drafted.map.nodes["C2"].section == "s2"
    assert "mapper's reconstruction" in (drafted.map.nodes["T"].note or "")


def test_markdown_headings_title_the_map_and_open_sections() -> None:
    text = (
        "# Bikes in the city\n\n## Cost\n\nLanes are cheap. They cost less than roads.\n\n"
        "## Safety\n\nLanes should be separated from cars.\n"
    )
    drafted = draft_map(text, lang="en")
    assert drafted.map.title == "Bikes in the city"
    assert [section.title for section in drafted.map.sections.values()] == ["## Cost", "## Safety"]
    assert {node.section for node in drafted.map.nodes.values() if node.kind == "claim"} >= {"s1", "s2"}


@pytest.mark.parametrize(("root_from", "expected"), [("first", "Cities should build"), ("last", "commuters will use")])
def test_root_from_first_and_last(root_from: str, expected: str) -> None:
    drafted = draft_map(EN, lang="en", root_from=root_from)  # type: ignore[arg-type]
    assert expected in drafted.map.nodes[drafted.map.root].text


def test_a_summary_sentence_is_the_thesis() -> None:
    text = "Lanes are cheap. Lanes are safe. In conclusion, the city should build lanes.\n"
    drafted = draft_map(text, lang="en")
    assert drafted.map.nodes[drafted.map.root].text.startswith("In conclusion")
    assert "summary" in (drafted.map.nodes[drafted.map.root].note or "")


def test_a_users_lexicon_adds_markers(tmp_path: Path) -> None:
    text = "The city should build lanes. Ergo the budget must grow. Lanes are cheap.\n"
    assert draft_map(text, lang="en").map.nodes[_node(draft_map(text, lang="en"), "Ergo")].note is not None
    extra = tmp_path / "mine.yaml"
    extra.write_text("markers:\n  concession: [ergo]\n", encoding="utf-8")
    drafted = draft_map(text, lang="en", lexicons=[extra])
    assert drafted.map.nodes[_node(drafted, "Ergo")].kind == "objection"
    assert draft_map(text, lang="en").map.nodes[_node(draft_map(text, lang="en"), "Ergo")].kind != "objection"


def test_given_segments_are_the_units() -> None:
    segments = ["Cities should build more bike lanes.", "Because cycling is cheap, many people would ride if it were safe."]
    drafted = draft_map(EN, lang="en", segments=segments)
    assert [EN[u.start : u.end] for u in drafted.segmentation.units] == [segments[0], segments[1]]


def test_the_command_writes_a_map_that_checks(tmp_path: Path) -> None:
    source = tmp_path / "bikes.txt"
    source.write_text(EN, encoding="utf-8")
    output = tmp_path / "bikes.yaml"
    runner = CliRunner()
    result = runner.invoke(main, ["draft", str(source), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "next: usfk-argmap check" in result.stderr
    assert "source: bikes.txt" in output.read_text(encoding="utf-8")
    assert runner.invoke(main, ["check", str(output)]).exit_code == 0
    again = runner.invoke(main, ["draft", str(source), "-o", str(output)])
    assert again.exit_code == 1 and "exists" in again.stderr
    printed = runner.invoke(main, ["draft", str(source), "--lang", "en", "--root-from", "last"])
    assert printed.exit_code == 0 and printed.stdout.startswith("# yaml-language-server")


def test_the_command_takes_segments_from_a_file(tmp_path: Path) -> None:
    source = tmp_path / "bikes.txt"
    source.write_text(EN, encoding="utf-8")
    segments = tmp_path / "units.txt"
    segments.write_text("Cities should build more bike lanes.\nFor example, Copenhagen doubled its cyclists within ten years.\n")
    result = CliRunner().invoke(main, ["draft", str(source), "--segments", str(segments)])
    assert result.exit_code == 0, result.output
    assert "from 2 units" in result.stderr and "note:" not in result.stderr
    segments.write_text("Cities should build more bike lanes.\nTrams are faster.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", str(source), "--segments", str(segments)])
    assert "note: 1 of the 2 segments are not in the text (in order); left out" in result.stderr
    segments.write_text("Trams are faster.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", str(source), "--segments", str(segments)])
    assert result.exit_code == 1 and "none of the 1 given segments is in the text" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02binary\x00" * 100, "not a text file"),
        (b"\xff\xfe" + "文字".encode("utf-16-le"), "UTF-16"),
        (b"\x81\x30\xfe", "not UTF-8"),
        (b"   \n\n  ", "no sentence"),
    ],
)
def test_hostile_input_gets_a_message_not_a_traceback(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    result = CliRunner().invoke(main, ["draft", str(source)])
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "huge.txt"
    source.write_bytes(b"a" * (8 * 1024 * 1024 + 1))
    result = CliRunner().invoke(main, ["draft", str(source)])
    assert result.exit_code == 1 and "huge.txt" in result.stderr


def test_a_text_without_sentence_ends_is_cut_into_bounded_units() -> None:
    text = " ".join(f"word{number}" for number in range(20_000))
    drafted = draft_map(text, lang="en")
    units = drafted.segmentation.units
    assert len(units) > 20 and max(unit.end - unit.start for unit in units) <= MAX_UNIT
    assert "".join(text[u.start : u.end] for u in units).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_the_work_grows_linearly_with_the_text(lang: str) -> None:
    text = CASES[lang][0]
    assert growth(lambda n: draft_map(text * n, lang=lang), 4) < LINEAR_GROWTH


def test_the_flagship_chapter_drafts_its_five_main_claims() -> None:
    from benchmarks.draft_quality import flagship_figures

    figures = flagship_figures()
    assert figures["main claims found"] == figures["main claims"] == 5
    assert figures["segment recall"] >= 0.95


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the arg-microtexts corpus is not beside the project")
def test_the_draft_beats_both_baselines_on_the_microtexts() -> None:
    from benchmarks.draft_quality import microtext_table

    rows = dict(microtext_table(CORPUS))
    raw = next(row for name, row in rows.items() if name.startswith("draft, raw"))
    best = max(
        rows["baseline: first, attach to previous"], rows["baseline: last, attach to previous"], key=lambda r: r["central claim"]
    )
    assert raw["central claim"] >= best["central claim"] + 0.10
    assert raw["attachment"] >= rows["baseline: first, attach to previous"]["attachment"] + 0.10


def test_the_committed_sample_draft_is_what_draft_writes_now() -> None:
    from usfk_argmap.mapfile.writer import schema_reference

    sample = REPO / "docs" / "samples" / "usfk_draft.yaml"
    text = (REPO / "maps" / "sources" / "usfk_conclusion.txt").read_text(encoding="utf-8")
    written = write_map(draft_map(text).map, schema=schema_reference(sample), source="../../maps/sources/usfk_conclusion.txt")
    assert sample.read_text(encoding="utf-8") == written, (
        "the README's sample is stale: usfk-argmap draft maps/sources/usfk_conclusion.txt -o docs/samples/usfk_draft.yaml --force"
    )


def test_root_from_heading_takes_the_title_and_says_it_is_a_reconstruction(tmp_path: Path) -> None:
    drafted = draft_map("第五章  結論\n\n" + ZH_HANT, lang="zh-Hant", root_from="heading")
    root = drafted.map.nodes[drafted.map.root]
    assert (root.text, root.quote) == ("結論", "結論")
    assert "reconstruction" in (root.note or "") and drafted.map.title == "結論"
    source = tmp_path / "chapter.txt"
    source.write_text("第五章  結論\n\n" + ZH_HANT, encoding="utf-8")
    (tmp_path / "chapter.yaml").write_text(write_map(drafted.map, source="chapter.txt"), encoding="utf-8")
    result = load_map(tmp_path / "chapter.yaml")
    assert result.map is not None
    assert [d for d in [*result.diagnostics, *run_checks(result.map)] if d.severity == Severity.ERROR] == []


def test_a_map_written_outside_the_source_s_folder_names_the_source_root(tmp_path: Path) -> None:
    texts, maps = tmp_path / "texts", tmp_path / "maps"
    texts.mkdir()
    maps.mkdir()
    (texts / "bikes.txt").write_text(EN, encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", str(texts / "bikes.txt"), "-o", str(maps / "bikes.yaml")])
    assert result.exit_code == 0, result.output
    assert f"--source-root {texts}" in result.stderr
    assert "source: ../texts/bikes.txt" in (maps / "bikes.yaml").read_text(encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(maps / "bikes.yaml"), "--source-root", str(texts)])
    assert checked.exit_code == 0, checked.output


def test_root_from_heading_without_a_title_line_takes_the_first_heading_or_says_there_is_none() -> None:
    untitled = ZH_HANT.split("\n", 2)[2]  # from 一、 on: no introduction, no title line
    drafted = draft_map(untitled, lang="zh-Hant", root_from="heading")
    assert drafted.map.nodes["T"].text == "公共運輸應該優先發展" and list(drafted.map.sections) == ["s1"]
    plain = draft_map(EN, lang="en", root_from="heading")
    assert (plain.map.nodes["T"].note or "").startswith("The text has no heading")


def test_given_segments_are_found_in_one_pass() -> None:
    sentences = [sentence + "." for sentence in EN.strip().rstrip(".").split(". ")]
    assert growth(lambda n: draft_map(EN * n, lang="en", segments=sentences * n), 4) < LINEAR_GROWTH


def test_a_language_without_a_lexicon_is_drafted_with_the_english_one_and_said(tmp_path: Path) -> None:
    source = tmp_path / "essai.txt"
    source.write_text(
        "La ville doit construire des pistes cyclables. Le vélo est bon pour la santé et pour la ville. "
        "Les pistes sont sûres pour les enfants et les parents de la ville.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["draft", str(source)])
    assert result.exit_code == 0, result.output
    assert "lang: fr" in result.stdout
    assert "note: no lexicon for the language 'fr'" in result.stderr
    english = CliRunner().invoke(main, ["draft", str(source), "--lang", "en"])
    assert "note:" not in english.stderr


def test_a_comma_splits_before_a_new_subject_and_not_elsewhere() -> None:
    text = "美國強化聯盟的角色，這些聯盟並未因冷戰結束而瓦解，仍然存在。\n"
    units = draft_map(text, lang="zh-Hant").segmentation.units
    assert [text[u.start : u.end] for u in units] == ["美國強化聯盟的角色", "這些聯盟並未因冷戰結束而瓦解，仍然存在"]

"""The argument scheme catalogue (issue 23): its data is complete in three languages, and ``schemes`` prints it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import opencc
import pytest
import yaml
from click.testing import CliRunner

from tests.helpers import MAPS, write_map
from usfk_argmap.cli.app import main
from usfk_argmap.core.schemes import BURDENS, DATA_FILE, LANGUAGES, TARGETS, Text, catalogue, language_of, scheme, schemes

#: The schemes issue 23 names, by the ids the catalogue gives them.
REQUIRED = [
    "expert-opinion",
    "position-to-know",
    "witness-testimony",
    "popular-opinion",
    "example",
    "analogy",
    "sign",
    "cause-to-effect",
    "correlation-to-cause",
    "positive-consequences",
    "negative-consequences",
    "practical-reasoning",
    "values",
    "established-rule",
    "precedent",
    "verbal-classification",
    "definition",
    "commitment",
    "inconsistent-commitment",
    "ad-hominem",
    "bias",
    "sunk-costs",
    "slippery-slope",
    "abduction",
    "evidence-to-hypothesis",
    "composition",
    "division",
]

LANGUAGE_TEXT = {
    "type": "object",
    "required": ["id", "text"],
    "properties": {"id": {"type": "string", "minLength": 1}, "text": {"type": "string", "minLength": 1}},
    "additionalProperties": False,
}

#: What ``schemes --format json`` writes: the language, and each scheme with its texts in it.
JSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["language", "schemes"],
    "additionalProperties": False,
    "properties": {
        "language": {"enum": list(LANGUAGES)},
        "schemes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "family", "roles", "conclusion", "questions"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"},
                    "name": {"type": "string", "minLength": 1},
                    "family": {
                        "type": "object",
                        "required": ["id", "name"],
                        "additionalProperties": False,
                        "properties": {"id": {"type": "string"}, "name": {"type": "string", "minLength": 1}},
                    },
                    "roles": {"type": "array", "minItems": 1, "items": LANGUAGE_TEXT},
                    "conclusion": {"type": "string", "minLength": 1},
                    "questions": {
                        "type": "array",
                        "minItems": 2,
                        "items": {
                            "type": "object",
                            "required": ["id", "text", "target", "burden"],
                            "additionalProperties": False,
                            "properties": {
                                "id": {"type": "string", "pattern": "^CQ[1-9][0-9]*$"},
                                "text": {"type": "string", "minLength": 1},
                                "target": {"enum": list(TARGETS)},
                                "burden": {"enum": list(BURDENS)},
                            },
                        },
                    },
                },
            },
        },
    },
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["schemes", *args])
    return result.exit_code, result.stdout, result.stderr


def every_text() -> list[tuple[str, Text]]:
    """Every text of the catalogue, with where it is (``expert-opinion CQ2``), labels included."""
    found: list[tuple[str, Text]] = []
    for family in catalogue().families:
        found.append((f"family {family.id}", family.name))
    for group, table in catalogue().labels.items():
        found.extend((f"label {group}.{key}", text) for key, text in table.items())
    for entry in schemes():
        found.append((f"{entry.id} name", entry.name))
        found.append((f"{entry.id} conclusion", entry.conclusion))
        found.extend((f"{entry.id} {role.id}", role.text) for role in entry.roles)
        found.extend((f"{entry.id} {question.id}", question.text) for question in entry.questions)
    return found


def test_the_catalogue_has_every_required_scheme_and_more_than_25() -> None:
    ids = [entry.id for entry in schemes()]
    assert len(ids) >= 25
    assert len(set(ids)) == len(ids)
    assert [scheme_id for scheme_id in REQUIRED if scheme_id not in ids] == []


def test_every_scheme_has_roles_a_conclusion_and_two_questions_or_more() -> None:
    for entry in schemes():
        assert entry.roles, entry.id
        assert len(entry.questions) >= 2, entry.id
        role_ids = [role.id for role in entry.roles]
        assert len(set(role_ids)) == len(role_ids), entry.id


def test_question_ids_run_cq1_to_cqn_in_the_data_file() -> None:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    for entry in data["schemes"]:
        assert [question["id"] for question in entry["questions"]] == [
            f"CQ{number}" for number in range(1, len(entry["questions"]) + 1)
        ], entry["id"]


def test_every_question_has_a_known_target_and_burden() -> None:
    kinds = {(question.target, question.burden) for entry in schemes() for question in entry.questions}
    assert {target for target, _ in kinds} == set(TARGETS)
    assert {burden for _, burden in kinds} == set(BURDENS)


def test_every_text_of_the_data_file_is_in_the_three_languages() -> None:
    def texts(value: object) -> list[dict[str, Any]]:
        if isinstance(value, dict):
            if "en" in value:
                return [value]
            return [found for item in value.values() for found in texts(item)]
        if isinstance(value, list):
            return [found for item in value for found in texts(item)]
        return []

    found = texts(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")))
    assert len(found) > 25 * 6
    for text in found:
        assert sorted(text) == sorted(LANGUAGES), text
        assert all(isinstance(value, str) and value.strip() == value and value for value in text.values()), text


def test_chinese_texts_are_chinese_and_the_simplified_ones_simplified() -> None:
    to_simplified = opencc.OpenCC("t2s")
    han = re.compile(r"[\u4e00-\u9fff]")
    for where, text in every_text():
        assert han.search(text.zh_hant) and han.search(text.zh_hans), where
        assert to_simplified.convert(text.zh_hans) == text.zh_hans, where  # no traditional character left
        if to_simplified.convert(text.zh_hant) != text.zh_hant:
            assert text.zh_hans != text.zh_hant, where


def test_a_scheme_by_id_and_a_did_you_mean_for_a_misspelt_one() -> None:
    assert scheme("expert-opinion").question("CQ2").target == "premise"
    assert scheme("expert-opinion").role("expertise").text.en.startswith("Source E is an expert")
    with pytest.raises(ValueError, match=r"unknown scheme 'expert-opnion' \(did you mean 'expert-opinion'\?\)"):
        scheme("expert-opnion")
    with pytest.raises(ValueError, match=r"scheme 'analogy' has no critical question 'why' \(known: CQ1, CQ2, CQ3\)"):
        scheme("analogy").question("why")


def test_the_catalogue_is_read_once() -> None:
    assert catalogue() is catalogue()
    assert scheme("sign") is scheme("sign")


@pytest.mark.parametrize(
    ("lang", "language"),
    [
        ("en", "en"),
        ("de", "en"),
        ("zh-Hant", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-CN", "zh-Hans"),
        ("zh", "zh-Hans"),
    ],
)
def test_the_catalogue_language_of_a_map_lang(lang: str, language: str) -> None:
    assert language_of(lang) == language


def test_schemes_text_lists_every_scheme_with_its_questions() -> None:
    code, out, _ = run()
    assert code == 0
    headings = [line.split(":")[0] for line in out.splitlines() if line and not line.startswith(" ")]
    assert headings == [entry.id for entry in schemes()]
    assert "    CQ4 [inference, exception] Is E personally reliable as a source (honest, unbiased)?" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "zh-Hant"], "    CQ3 [前提, 假定] 這裡是否真的觀察到了 F？"),
        (["--lang", "zh-Hans"], "    CQ3 [前提, 假定] 这里是否真的观察到了 F？"),
        (["--map", str(MAPS / "usfk_conclusion.yaml")], "    CQ3 [前提, 假定] 這裡是否真的觀察到了 F？"),
        (
            ["--map", str(MAPS / "usfk_conclusion.yaml"), "--lang", "en"],
            "    CQ3 [premise, assumption] Has F really been observed here?",
        ),
    ],
)
def test_schemes_in_a_language_given_or_taken_from_the_map(args: list[str], expected: str) -> None:
    code, out, _ = run("sign", *args)
    assert code == 0
    assert expected in out.splitlines()


def test_schemes_markdown_has_a_row_per_scheme() -> None:
    code, out, _ = run("--format", "md")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("| [`")]
    assert [row.split("`")[1] for row in rows] == [entry.id for entry in schemes()]
    assert "| CQ1 | How credible is E as an expert source? | premise | assumption |" in out


def test_schemes_json_follows_its_schema_in_the_language_asked() -> None:
    code, out, _ = run("--format", "json", "--lang", "zh-Hans")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, JSON_SCHEMA)
    assert data["language"] == "zh-Hans"
    assert [entry["id"] for entry in data["schemes"]] == [entry.id for entry in schemes()]
    assert data["schemes"][0]["questions"][0]["text"] == scheme("expert-opinion").questions[0].text.zh_hans


def test_schemes_lists_the_ids_asked_in_their_order() -> None:
    code, out, _ = run("analogy", "sign", "--format", "json")
    assert code == 0
    assert [entry["id"] for entry in json.loads(out)["schemes"]] == ["analogy", "sign"]


def test_an_unknown_scheme_is_a_usage_error_with_a_suggestion() -> None:
    code, _, err = run("expert-opnion")
    assert code == 2
    assert "unknown scheme 'expert-opnion' (did you mean 'expert-opinion'?)" in err


def test_a_map_that_cannot_be_read_gives_no_language(tmp_path: Path) -> None:
    path = write_map(tmp_path, "nodes: [unclosed\n")
    code, _, err = run("--map", str(path))
    assert code == 1
    assert "the map cannot be read" in err

"""The published JSON Schema accepts every bundled map and rejects what the loader rejects."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.helpers import MAPS, REPO

SCHEMA_PATH = REPO / "usfk_argmap" / "mapfile" / "schema" / "argmap.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", sorted(MAPS.glob("*.yaml")), ids=lambda p: p.name)
def test_bundled_maps_validate(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, errors[0].message if errors else ""
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../usfk_argmap/mapfile/schema/argmap.schema.json"
    )


@pytest.mark.parametrize(
    "document",
    [
        {"title": "t", "root": "T", "nodes": {"T": {"kind": "thesys", "text": "a"}}},
        {"title": "t", "root": "T", "nodes": {"T": {"kind": "thesis", "text": "a", "suports": "X"}}},
        {"title": "t", "nodes": {"T": {"kind": "thesis", "text": "a"}}},
        {
            "title": "t",
            "root": "T",
            "nodes": {"T": {"kind": "thesis", "text": "a"}},
            "arguments": {"A": {"premises": ["T"], "supports": "T", "attacks": "T"}},
        },
        {
            "title": "t",
            "root": "T",
            "nodes": {"T": {"kind": "thesis", "text": "a"}, "U": {"kind": "objection", "text": "u", "undercuts": {"from": "T"}}},
        },
        {
            "title": "t",
            "root": "T",
            "nodes": {
                "T": {"kind": "thesis", "text": "a"},
                "U": {"kind": "objection", "text": "u", "undercuts": {"form": "T", "to": "T"}},
            },
        },
        {"title": "t", "root": "T", "nodes": {"T": {"kind": "thesis", "text": "a", "label": ["x"]}}},
    ],
)
def test_schema_rejects_bad_maps(validator: jsonschema.Draft202012Validator, document: dict[str, object]) -> None:
    assert list(validator.iter_errors(document))


def test_schema_accepts_undercuts_of_relations_and_labels(validator: jsonschema.Draft202012Validator) -> None:
    document = {
        "title": "t",
        "root": "T",
        "nodes": {
            "T": {"kind": "thesis", "text": "a long thesis", "label": "short"},
            "P": {"kind": "premise", "text": "p", "supports": "T"},
            "U": {"kind": "objection", "text": "u", "undercuts": {"from": "P", "to": "T"}},
            "V": {"kind": "objection", "text": "v", "undercuts": [{"from": "P", "to": "T"}, "A1"]},
        },
    }
    assert not list(validator.iter_errors(document))

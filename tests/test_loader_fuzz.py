"""Property tests: whatever the input, the loader and the checks give diagnostics, never a traceback."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from usfk_argmap import Diagnostic, check, load_bytes, load_text

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
ids = st.sampled_from(["T", "C1", "C2", "P1", "A1", "s1", "X", "中文", "C:1"])
keys = st.one_of(
    ids,
    st.sampled_from(
        [
            "title",
            "root",
            "nodes",
            "kind",
            "text",
            "supports",
            "attacks",
            "undercuts",
            "premises",
            "sections",
            "arguments",
            "quote",
            "ignore",
            "lang",
            "source",
            "from",
            "to",
            "label",
        ]
    ),
)
values = st.recursive(
    scalars | ids | st.sampled_from(["thesis", "claim", "premise", "objection"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
documents = st.dictionaries(keys, values, max_size=7)


def _assert_only_diagnostics(result_diagnostics: list[Diagnostic]) -> None:
    for diagnostic in result_diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        assert diagnostic.code.startswith("AM")


@pytest.mark.slow  # hundreds of generated maps: CI runs it (scripts/test.sh), a plain pytest does not
@SETTINGS
@given(documents)
def test_arbitrary_yaml_documents(document: dict[str, object]) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    result = load_text(text, "fuzz.yaml")
    _assert_only_diagnostics(result.diagnostics)
    if result.map is not None:
        _assert_only_diagnostics(check(result.map))


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    result = load_bytes(data, "fuzz.yaml")
    _assert_only_diagnostics(result.diagnostics)
    if result.map is not None:
        _assert_only_diagnostics(check(result.map))


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("abT:{}[]-,&*!|>'\"#\n\t 中%@`?")), max_size=200))
def test_arbitrary_yaml_like_text(text: str) -> None:
    result = load_text(text, "fuzz.yaml")
    _assert_only_diagnostics(result.diagnostics)
    if result.map is not None:
        _assert_only_diagnostics(check(result.map))

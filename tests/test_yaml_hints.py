"""Keyboard mistakes behind YAML syntax errors are named at the line where they were made."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from usfk_argmap.mapfile import yaml_hints
from usfk_argmap.mapfile.loader import load_text

HEAD = "title: t\nroot: T\nnodes:\n  T:\n"

# (case, map text, expected (line, column), phrases in the message)
MISTAKES = [
    (
        "full-width colon after a key",
        HEAD + "    kind：thesis\n    text: hello\n",
        (5, 9),
        ["full-width colon '：' follows 'kind'", "`kind: thesis`"],
    ),
    (
        "full-width colon on the last key",
        HEAD + "    kind: thesis\n    text：hello\n",
        (6, 9),
        ["full-width colon '：' follows 'text'"],
    ),
    (
        "full-width colon, YAML takes it as text",
        HEAD + "    kind：thesis\n  C1:\n    kind: claim\n    text: c\n    supports: T\n",
        (5, 9),
        ["full-width colon"],
    ),
    (
        "full-width spaces as indentation",
        HEAD + "\u3000\u3000kind: thesis\n    text: hello\n",
        (5, 1),
        ["full-width spaces", "indent with ordinary spaces"],
    ),
    ("full-width space after spaces", HEAD + "    kind: thesis\n  \u3000 text: hello\n", (6, 3), ["full-width spaces"]),
    ("tab as indentation", HEAD + "\tkind: thesis\n    text: hello\n", (5, 1), ["tab", "indent with spaces"]),
    (
        "unquoted text with ': '",
        HEAD + "    kind: thesis\n    text: Note: this is it\n",
        (6, 15),
        ["contains ': '", "put the text in quotes", "`text: 'Note: this is it'`"],
    ),
    (
        "unquoted Chinese text with ': '",
        HEAD + "    kind: thesis\n    text: 中國的立場: 反對\n    en: x\n",
        (6, 16),
        ["contains ': '", "quotes"],
    ),
    (
        "full-width colon after an id",
        HEAD + "    kind: thesis\n    text: a\n  C1：\n    kind: claim\n",
        (7, 5),
        ["follows 'C1'", "`C1:`"],
    ),
    ("colon without a space", HEAD + "    kind:thesis\n    text: hello\n", (5, 9), ["no space after it"]),
]


@pytest.mark.parametrize(("case", "text", "where", "phrases"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_keyboard_mistake_named_at_its_line(case: str, text: str, where: tuple[int, int], phrases: list[str]) -> None:
    result = load_text(text, "m.yaml")
    assert result.map is None
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "AM001"
    assert (diagnostic.line, diagnostic.column) == where
    for phrase in phrases:
        assert phrase in diagnostic.message
    assert "mapping values are not allowed" not in diagnostic.message.split("(YAML")[0]


# Chinese prose legitimately holds '：' and '　': none of these is a mistake.
CLEAN = [
    ("full-width colon inside a text", HEAD + "    kind: thesis\n    text: 中國的立場：反對\n"),
    ("full-width colon in a continued plain text", HEAD + "    kind: thesis\n    text: 第一行\n      說明：這是\n"),
    (
        "full-width indentation inside a block text",
        HEAD + "    kind: thesis\n    text: |\n      \u3000\u3000第一段\n      kind：not a key here\n",
    ),
    ("quoted text with ': '", HEAD + "    kind: thesis\n    text: 'Note: this is it'\n"),
]


@pytest.mark.parametrize(("case", "text"), CLEAN, ids=[c[0] for c in CLEAN])
def test_prose_is_not_a_mistake(case: str, text: str) -> None:
    result = load_text(text, "m.yaml")
    assert result.map is not None
    assert not [d for d in result.diagnostics if d.code == "AM001"]


def test_other_syntax_errors_keep_yamls_message() -> None:
    [diagnostic] = load_text("title: t\nroot: [T\nnodes: {}\n", "m.yaml").diagnostics
    assert diagnostic.message.startswith("YAML syntax error: ")
    assert (diagnostic.line, diagnostic.column) == (3, 6)


def test_full_width_colon_in_a_flow_mapping_is_named() -> None:
    result = load_text(HEAD.replace("  T:\n", "  T: {kind：thesis, text: a}\n"), "m.yaml")
    [typo] = [d for d in result.diagnostics if d.code == "AM008"]
    assert (typo.line, typo.column, typo.severity.value) == (4, 7, "error")
    assert "a full-width colon '：' follows 'kind'; write `kind: thesis`" in typo.message


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab: \t\n\u3000：-'\"|>#{}[]")), max_size=80),
    st.integers(min_value=-2, max_value=12),
    st.integers(min_value=-2, max_value=40),
)
def test_explain_never_fails(text: str, line: int, column: int) -> None:
    hint = yaml_hints.explain(text, line, column)
    assert hint is None or (hint.line >= 1 and hint.column >= 1 and hint.message)
    assert all(h.line >= 1 for h in yaml_hints.find_mistyped_keys(text, frozenset({"a", "ab"})))

"""The language server and argument schemes (issue 23): hover on a scheme, completion of scheme keys.

Over standard input and output as an editor uses the server (``test_lsp``'s
session), then table-driven through ``completion_items`` and ``scheme_hover``
for every place a scheme id, role, premise or question id is typed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.exchange_maps import SCHEMED
from tests.test_lsp import Session, _at, _change, _items, run
from usfk_argmap.authoring.document import open_document
from usfk_argmap.authoring.hover import scheme_hover
from usfk_argmap.authoring.lsp_completion import completion_items
from usfk_argmap.authoring.markup import MARKDOWN, PLAIN
from usfk_argmap.mapfile.loader import load_text

#: The expert-opinion example of docs/schemes.md: S1 answers CQ2, O1 raises CQ6.
TRAM = """\
title: Riverton's tram
root: T
nodes:
  T: {kind: thesis, text: The tram will pay for itself within twenty years.}
  P1: {kind: premise, text: Dr Lin is a transport economist who has costed three tram lines.}
  P2: {kind: premise, text: Dr Lin says the tram will pay for itself within twenty years.}
  O1:
    kind: objection
    text: Construction costs have doubled since Dr Lin's estimate.
    attacks: T
    answers: {to: A1, question: CQ6}
  S1:
    kind: premise
    text: Dr Lin's estimate was revised last year, with current costs.
    supports: T
    answers: {to: A1, question: CQ2}
    outweighs: O1
arguments:
  A1:
    premises: [P1, P2]
    supports: T
    scheme: expert-opinion
    roles: {expertise: P1, assertion: P2}
"""


def test_hover_and_completion_of_schemes_over_stdio(tmp_path: Path) -> None:
    path = tmp_path / "tram.yaml"
    path.write_text(TRAM, encoding="utf-8")

    async def scenario(session: Session) -> None:
        client = session.client
        await session.diagnostics(lambda ds: True)
        # Hover on `scheme: expert-opinion` (line 21): the scheme, its roles, its open questions, what answers the rest.
        hover = await client.text_document_hover_async(types.HoverParams(**_at(session, 21, 16)))
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        text = hover.contents.value
        assert text.startswith("**expert\\-opinion** · Argument from expert opinion · A1")
        assert "Premises:\n- expertise (P1): Source E is an expert" in text
        assert "Open questions (5/6):" in text
        assert "- CQ6 (assumption\\, inference\\, raised by O1): Is E\\'s assertion based on evidence\\?" in text
        assert "- CQ2: answered by S1" in text
        assert hover.range == types.Range(types.Position(21, 12), types.Position(21, 26))
        # Completion: scheme ids after `scheme: `, roles in `roles: {`, question ids in `answers: {question: `.
        lines = TRAM.split("\n")
        lines[21] = "    scheme: ex"
        lines[22] = "    roles: {expertise: P1, "
        lines[16] = "    answers: {to: A1, question: "
        _change(session, 2, "\n".join(lines))
        schemes = await client.text_document_completion_async(types.CompletionParams(**_at(session, 21, 14)))
        assert schemes is not None
        assert [(i.label, i.detail) for i in _items(schemes)] == [
            ("expert-opinion", "Argument from expert opinion"),
            ("example", "Argument from example"),
        ]
        edit = _items(schemes)[0].text_edit
        assert isinstance(edit, types.TextEdit) and edit.range.start == types.Position(21, 12)
        roles = await client.text_document_completion_async(types.CompletionParams(**_at(session, 22, 27)))
        assert roles is not None and [i.label for i in _items(roles)] == ["assertion"]
        questions = await client.text_document_completion_async(types.CompletionParams(**_at(session, 16, 33)))
        assert questions is not None
        found = _items(questions)
        assert [i.label for i in found] == ["CQ1", "CQ3", "CQ4", "CQ5", "CQ6", "CQ2"]  # open first; S1 answers CQ2
        assert found[-1].detail == "expert-opinion · assumption, premise ✓"
        assert found[0].documentation == "How credible is E as an expert source?"

    run(path, scenario)


def _completion(text: str, marker: str = "|") -> list[tuple[str, str | None]]:
    lines = text.split("\n")
    line = next(number for number, value in enumerate(lines) if marker in value)
    column = lines[line].index(marker)
    known = load_text(SCHEMED).map
    items = completion_items(open_document("/tmp/schemed.yaml", text.replace(marker, "")), line, column, known=known)
    return [(item.label, item.detail) for item in items]


EXAMPLE_KINDS = ["假定、前提", "假定、推論", "假定、前提", "例外、推論", "例外、推論"]
_A2 = "  A2:\n    premises: [O2, O3]\n    attacks: C1\n    scheme: sign\n    roles: {finding: O2, indication: O3}"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # A scheme id: block and flow `scheme:`, a value of `schemes:` in flow and block form.
        (("    scheme: expert-opinion", "    scheme: ex|"), [("expert-opinion", "訴諸專家意見"), ("example", "由例證推論")]),
        ((_A2, "  A2: {premises: [O2, O3], attacks: C1, scheme: si|"), [("sign", "由徵象推論")]),
        (("schemes: {C1: example}", "schemes: {C1: ex|}"), [("expert-opinion", "訴諸專家意見"), ("example", "由例證推論")]),
        (
            ("    schemes: {C1: negative-consequences}", "    schemes:\n      C1: neg|"),
            [("negative-consequences", "由負面後果推論")],
        ),
        # A key of `schemes:`: what the node supports or attacks.
        (("schemes: {C1: example}", "schemes: {|}"), [("C1", "駐軍維持區域穩定。")]),
        # Roles: a key (those not given yet), a value (the argument's premises); flow and block.
        (
            ('roles: {expertise: "P]1", assertion: P2}', 'roles: {expertise: "P]1", |}'),
            [("assertion", "E 主張 A 為真（或為假）。")],
        ),
        (
            ('roles: {expertise: "P]1", assertion: P2}', "roles: {expertise: |}"),
            [("P]1", "某教授是東亞安全專家。"), ("P2", "某教授說駐軍維持穩定 {而且} [見註]。")],
        ),
        (
            ("    roles: {finding: O2, indication: O3}", "    roles:\n      |"),
            [("finding", "在此情境中，發現 F 成立。"), ("indication", "像 F 這樣的發現通常表示 A 成立。")],
        ),
        # Question ids of the inference an answer names: flow (`to`, or `from` and `to`), block, `question` first.
        (
            ("{from: E1, to: C1, question: CQ1}", "{from: E1, to: C1, question: CQ|}"),
            [
                (f"CQ{n}", f"example · {kind}")
                for n, kind in enumerate(["假定、前提", "假定、推論", "假定、前提", "例外、推論", "例外、推論"], 1)
            ],
        ),
        (
            ('    answers: {to: "A>1", question: CQ6}', "    answers:\n      - to: A2\n        question: |"),
            [("CQ1", "sign · 假定、推論"), ("CQ2", "sign · 例外、推論"), ("CQ3", "sign · 假定、前提")],
        ),
        (
            ('    answers: {to: "A>1", question: CQ6}', "    answers:\n      - question: CQ|\n        to: A2"),
            [("CQ1", "sign · 假定、推論"), ("CQ2", "sign · 例外、推論"), ("CQ3", "sign · 假定、前提")],
        ),
        # `to:` in an answer: the arguments with a scheme first.
        (('answers: {to: "A>1", question: CQ6}', "answers: {to: A|}"), [("A>1", "expert-opinion → C1"), ("A2", "sign → C1")]),
        # Not a scheme key: ids as before.
        (("supports: C1, schemes: {C1: example}", "supports: C|, schemes: {C1: example}"), [("C1", "claim: 駐軍維持區域穩定。")]),
    ],
)
def test_completion_of_scheme_keys(edit: tuple[str, str], expected: list[tuple[str, str | None]]) -> None:
    old, new = edit
    assert old in SCHEMED
    assert _completion(SCHEMED.replace(old, new, 1)) == expected


def test_hover_in_the_maps_language_with_its_words_escaped() -> None:
    document = open_document("/tmp/schemed.yaml", SCHEMED)
    line = document.lines.index("    scheme: expert-opinion")
    found = scheme_hover(document, line, 14, MARKDOWN)
    assert found is not None
    text, span = found
    assert (span.line, span.start, span.end) == (line, 12, 26)
    assert text.startswith("**expert\\-opinion** · 訴諸專家意見 · A\\>1")
    assert "- expertise (P\\]1)：來源 E 是涵蓋命題 A 的領域 S 的專家。" in text
    assert "待答問題 (5/6)：" in text and "- CQ2：由 S1 回答" in text
    # On the key of a line: each scheme it names; a node's own relation's reason plays the first role.
    own = document.lines.index("  E1: {kind: evidence, text: 一九五三年以來半島無大戰。, supports: C1, schemes: {C1: example}}")
    found = scheme_hover(document, own, document.lines[own].index("schemes") + 2, PLAIN)
    assert found is not None
    assert found[0].startswith("example · 由例證推論 · E1->C1")
    assert "- instance (E1)：" in found[0] and "- typical (隱含前提)：" in found[0]
    assert "- CQ1：由 S1 回答" in found[0]


def test_hover_on_an_unknown_scheme_names_the_likely_one() -> None:
    document = open_document("/tmp/schemed.yaml", SCHEMED.replace("scheme: sign", "scheme: sgn"))
    line = document.lines.index("    scheme: sgn")
    found = scheme_hover(document, line, 13, PLAIN)
    assert found is not None
    assert found[0] == (
        "sgn · A2\n\n不是型式目錄中的論證型式：unknown scheme 'sgn' (did you mean 'sign'?); `usfk-argmap schemes` lists them"
    )


def test_no_scheme_hover_off_a_scheme() -> None:
    document = open_document("/tmp/schemed.yaml", SCHEMED)
    line = document.lines.index("    scheme: expert-opinion")
    assert scheme_hover(document, line - 1, 6, PLAIN) is None  # `supports: C1`
    assert scheme_hover(document, 0, 3, PLAIN) is None

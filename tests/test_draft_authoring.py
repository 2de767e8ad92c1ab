"""Authoring a draft (issue 29): the language server's "draft a statement from this passage" on a selection of
a map's source text, and ``serve``'s source view with each statement's passage marked."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from tests.test_lsp import Session, run
from usfk_argmap.authoring.document import open_document
from usfk_argmap.authoring.lsp_draft import draft_actions
from usfk_argmap.core.diagnostics import Severity
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.rules import run_checks

MAP = """title: t
lang: zh-Hant
source: source.txt
root: T
nodes:
  T:
    kind: thesis
    text: 政府應該優先發展公共運輸
    quote: 政府應該優先發展公共運輸
"""
SOURCE = "政府應該優先發展公共運輸。例如，台北捷運每日載運\n\n兩百萬人次。\n"


def _apply(text: str, edit: types.TextEdit) -> str:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: edit.range.start.line]) + edit.range.start.character
    end = sum(len(line) + 1 for line in lines[: edit.range.end.line]) + edit.range.end.character
    return text[:start] + edit.new_text + text[end:]


def _selection(text: str, passage: str) -> types.Range:
    start = text.index(passage)
    end = start + len(passage)

    def position(offset: int) -> types.Position:
        line = text.count("\n", 0, offset)
        return types.Position(line, offset - (text.rfind("\n", 0, offset) + 1))

    return types.Range(position(start), position(end))


def test_a_selection_of_the_source_drafts_a_statement_the_map_checks(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    map_path = tmp_path / "map.yaml"
    map_path.write_text(MAP, encoding="utf-8")
    document = open_document(map_path, MAP)
    selection = _selection(SOURCE, "例如，台北捷運每日載運\n\n兩百萬人次。")
    [action] = draft_actions([document], tmp_path / "source.txt", SOURCE, selection)
    assert action.title == "Draft a statement from this passage (E1 in map.yaml)"
    assert action.edit is not None and action.edit.changes is not None
    [edit] = action.edit.changes[from_fs_path(str(map_path)) or map_path.as_uri()]
    drafted = _apply(MAP, edit)
    map_path.write_text(drafted, encoding="utf-8")
    result = load_map(map_path)
    assert result.map is not None
    node = result.map.nodes["E1"]
    assert (node.kind, node.text, [r.target for r in node.supports]) == ("evidence", "例如，台北捷運每日載運兩百萬人次", ["T"])
    errors = [d for d in [*result.diagnostics, *run_checks(result.map)] if d.severity == Severity.ERROR]
    assert errors == []


def test_no_action_on_blank_selections_or_a_text_no_map_quotes(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    document = open_document(tmp_path / "map.yaml", MAP)
    assert draft_actions([document], tmp_path / "source.txt", SOURCE, _selection(SOURCE, "\n\n")) == []
    assert draft_actions([document], tmp_path / "other.txt", SOURCE, _selection(SOURCE, "例如")) == []


def test_the_server_offers_the_action_on_the_source(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    map_path = tmp_path / "map.yaml"
    map_path.write_text(MAP, encoding="utf-8")
    source_uri = from_fs_path(str(source)) or source.as_uri()

    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: True)
        session.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(source_uri, "plaintext", 1, SOURCE))
        )
        actions = await session.client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(source_uri), _selection(SOURCE, "台北捷運每日載運"), types.CodeActionContext([])
            )
        )
        titles = [a.title for a in actions or []]
        assert titles == ["Draft a statement from this passage (P1 in map.yaml)"]

    run(map_path, scenario)


def test_serve_shows_the_draft_beside_its_source_with_its_passages_marked(tmp_path: Path) -> None:
    from urllib.error import HTTPError
    from urllib.request import urlopen

    from usfk_argmap.authoring.serve import start_preview
    from usfk_argmap.interop.from_text.build import draft_map
    from usfk_argmap.mapfile.writer import write_map

    text = SOURCE + "雖然成本很高，但是<script>效益</script>更大。\n"
    (tmp_path / "source.txt").write_text(text, encoding="utf-8")
    drafted = draft_map(text, lang="zh-Hant")
    map_path = tmp_path / "draft.yaml"
    map_path.write_text(write_map(drafted.map, source="source.txt"), encoding="utf-8")
    running = start_preview(map_path, 0)
    try:
        with urlopen(running.server.url_for("/source.html"), timeout=10) as response:
            page = response.read().decode("utf-8")
        with urlopen(running.server.url, timeout=10) as response:
            assert 'href="source.html"' in response.read().decode("utf-8")
        try:
            urlopen(running.server.url_for("/source.html").split("?")[0], timeout=10)
            raise AssertionError("the source view was served without the run's token")
        except HTTPError as error:
            assert error.code == 403
    finally:
        running.close()
    assert f"{len(drafted.map.nodes)} passages marked of {len(drafted.map.nodes)} statements" in page
    assert '<mark class="k-thesis" title="T (thesis)"><sup>T</sup>政府應該優先發展公共運輸</mark>' in page
    assert '<mark class="k-objection"' in page and "&lt;script&gt;" in page and "<script>" not in page

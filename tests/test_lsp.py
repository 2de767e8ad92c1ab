"""The language server, driven over stdio by a real LSP client (pygls's), as an editor would."""

from __future__ import annotations

import asyncio
import html
import json
import re
import shutil
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from markdown_it import MarkdownIt
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from tests.helpers import MAPS

MAP = """title: t
lang: en
source: source.txt
root: T
sections:
  s1: The first part
nodes:
  T:
    kind: thesis
    text: The thesis.
    quote: The thesis stands
  C1:
    kind: claim
    text: The claim.
    section: s1
    quote: a claim for it
    supports: T
  E1:
    kind: evidence
    text: The evidence.
    quote: evidence for the claim
    supports: Cl
"""
SOURCE = "The thesis stands, with\na claim for it and evidence for the claim.\n"


class Session:
    """A server process and a client talking to it, with the diagnostics it has published."""

    def __init__(self, client: LanguageClient, uri: str) -> None:
        self.client = client
        self.uri = uri
        self.published: dict[str, list[types.Diagnostic]] = {}
        self.arrived = asyncio.Event()
        #: What the server asked the client to register (``client/registerCapability``).
        self.registrations: list[types.Registration] = []

    async def diagnostics(self, predicate: Any, timeout: float = 20.0, uri: str | None = None) -> list[types.Diagnostic]:
        async def wait() -> list[types.Diagnostic]:
            while True:
                found = self.published.get(uri or self.uri)
                if found is not None and predicate(found):
                    return found
                self.arrived.clear()
                await self.arrived.wait()

        return await asyncio.wait_for(wait(), timeout)

    def at(self, line: int, character: int) -> types.TextDocumentPositionParams:
        return types.TextDocumentPositionParams(types.TextDocumentIdentifier(self.uri), types.Position(line, character))


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


#: What the tests' client says its hover shows (as VS Code does); a test may say less.
MARKDOWN_HOVER = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText])
    )
)


@asynccontextmanager
async def _start(
    map_file: Path, capabilities: types.ClientCapabilities = MARKDOWN_HOVER, others: Sequence[Path] = ()
) -> AsyncIterator[Session]:
    client = LanguageClient("usfk-argmap-tests", "1")
    uri = from_fs_path(str(map_file)) or map_file.as_uri()
    session = Session(client, uri)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def published(params: types.PublishDiagnosticsParams) -> None:
        session.published[params.uri] = list(params.diagnostics)
        session.arrived.set()

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)  # type: ignore[untyped-decorator]
    def registered(params: types.RegistrationParams) -> None:
        session.registrations += params.registrations

    await client.start_io(sys.executable, "-m", "usfk_argmap", "lsp")
    await client.initialize_async(
        types.InitializeParams(capabilities=capabilities, root_uri=from_fs_path(str(map_file.parent)), process_id=None)
    )
    client.initialized(types.InitializedParams())
    for path in (map_file, *others):
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(
                    uri=from_fs_path(str(path)) or path.as_uri(),
                    language_id="yaml",
                    version=1,
                    text=path.read_text(encoding="utf-8"),
                )
            )
        )
    try:
        yield session
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()  # type: ignore[no-untyped-call]


def run(
    map_file: Path, scenario: Any, capabilities: types.ClientCapabilities = MARKDOWN_HOVER, others: Sequence[Path] = ()
) -> None:
    async def main() -> None:
        async with _start(map_file, capabilities, others) as session:
            await asyncio.wait_for(scenario(session), 60)

    asyncio.run(main())


def test_diagnostics_as_the_user_types(map_file: Path) -> None:
    async def scenario(session: Session) -> None:
        found = await session.diagnostics(lambda ds: any(d.code == "AM101" for d in ds))
        unknown = next(d for d in found if d.code == "AM101")
        assert unknown.range.start == types.Position(21, 14)  # line 22, column 15 of `check`
        assert unknown.severity == types.DiagnosticSeverity.Error and "did you mean 'C1'" in unknown.message
        # The suggestion travels as data, which the quick fix applies: the exact range of `Cl` and its replacement.
        where = {"start": {"line": 21, "character": 14}, "end": {"line": 21, "character": 16}}
        assert unknown.data == {"node": "E1", "fix": {"range": where, "newText": "C1"}}
        session.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=2, uri=session.uri),
                [types.TextDocumentContentChangeWholeDocument(text=MAP.replace("supports: Cl", "supports: C1"))],
            )
        )
        fixed = await session.diagnostics(lambda ds: not any(d.code == "AM101" for d in ds))
        assert [d.code for d in fixed if d.severity == types.DiagnosticSeverity.Error] == []

    run(map_file, scenario)


def test_source_text_changes_recheck_the_map(map_file: Path) -> None:
    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: not any(d.code == "AM301" for d in ds))
        source = map_file.parent / "source.txt"
        source.write_text("Nothing of the kind.\n", encoding="utf-8")
        session.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(from_fs_path(str(source)) or source.as_uri(), types.FileChangeType.Changed)]
            )
        )
        missing = await session.diagnostics(lambda ds: any(d.code == "AM301" for d in ds))
        assert {d.range.start.line for d in missing if d.code == "AM301"} == {10, 15, 20}

    run(map_file, scenario)


def test_definition_references_hover_completion_rename_and_fixes(map_file: Path) -> None:
    async def scenario(session: Session) -> None:
        client = session.client
        found = await session.diagnostics(lambda ds: any(d.code == "AM101" for d in ds))
        # Go to definition from `supports: T` (line 17) lands on the key `T:` (line 8).
        location = await client.text_document_definition_async(types.DefinitionParams(**_at(session, 16, 14)))
        assert isinstance(location, types.Location) and location.range.start == types.Position(7, 2)
        # References of C1: its definition only (E1 misspells it); of T: its key, C1's supports and root.
        references = await client.text_document_references_async(
            types.ReferenceParams(**_at(session, 7, 2), context=types.ReferenceContext(include_declaration=True))
        )
        assert sorted(r.range.start.line for r in references or []) == [3, 7, 16]
        # Hover on an id: kind, text, quote status; on a code in ignore: the rule's documentation.
        hover = await client.text_document_hover_async(types.HoverParams(**_at(session, 11, 3)))
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "**C1** · claim · section s1" in hover.contents.value and "Quote found in" in hover.contents.value
        # Completion after `supports:` offers the ids but E1's own; after `kind:` the kinds; a new key the node keys.
        completion = await client.text_document_completion_async(types.CompletionParams(**_at(session, 21, 14)))
        assert completion is not None and [i.label for i in _items(completion)] == ["T", "C1"]
        kinds = await client.text_document_completion_async(types.CompletionParams(**_at(session, 12, 10)))
        assert kinds is not None and "evidence" in {i.label for i in _items(kinds)}
        # Rename T everywhere.
        edit = await client.text_document_rename_async(types.RenameParams(**_at(session, 7, 2), new_name="THESIS"))
        assert edit is not None and edit.changes is not None
        assert sorted(e.range.start.line for e in edit.changes[session.uri]) == [3, 7, 16]
        assert {e.new_text for e in edit.changes[session.uri]} == {"THESIS"}
        # Quick fixes for the unknown id: apply "did you mean", or ignore it with a reason.
        unknown = [d for d in found if d.code == "AM101"]
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(session.uri), unknown[0].range, types.CodeActionContext(diagnostics=unknown)
            )
        )
        titles = [a.title for a in actions or [] if isinstance(a, types.CodeAction)]
        assert titles == ["Change to 'C1'", "Ignore AM101 on E1 (with a reason)"]
        change = next(a for a in actions or [] if isinstance(a, types.CodeAction) and a.title.startswith("Change"))
        assert change.edit is not None and change.edit.changes is not None
        assert [(e.range, e.new_text) for e in change.edit.changes[session.uri]] == [
            (types.Range(types.Position(21, 14), types.Position(21, 16)), "C1")
        ]

    run(map_file, scenario)


def test_quote_fix_pastes_the_source_passage(map_file: Path) -> None:
    map_file.write_text(MAP.replace("quote: a claim for it", "quote: a claim  for  them"), encoding="utf-8")

    async def scenario(session: Session) -> None:
        found = await session.diagnostics(lambda ds: any(d.code == "AM301" for d in ds))
        missing = [d for d in found if d.code == "AM301"]
        actions = await session.client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(session.uri), missing[0].range, types.CodeActionContext(diagnostics=missing)
            )
        )
        fix = next(a for a in actions or [] if isinstance(a, types.CodeAction) and "source's own passage" in a.title)
        assert fix.edit is not None and fix.edit.changes is not None
        (edit,) = fix.edit.changes[session.uri]
        assert edit.range.start.line == 15 and edit.new_text.startswith('"') and "claim" in edit.new_text

    run(map_file, scenario)


def test_hover_on_a_code_in_ignore_shows_its_documentation(map_file: Path) -> None:
    map_file.write_text(MAP.replace("  E1:\n", "  E1:\n    ignore: {AM101: a typo kept on purpose}\n"), encoding="utf-8")

    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: True)
        hover = await session.client.text_document_hover_async(types.HoverParams(**_at(session, 18, 15)))
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert hover.contents.value.startswith("**AM101** `unknown-reference` (error)")
        codes = await session.client.text_document_completion_async(types.CompletionParams(**_at(session, 18, 13)))
        assert codes is not None and "AM301" in {i.label for i in _items(codes)}

    run(map_file, scenario)


def test_the_flagship_opens_without_errors(tmp_path: Path) -> None:
    copy = tmp_path / "maps"
    shutil.copytree(MAPS, copy)

    async def scenario(session: Session) -> None:
        found = await session.diagnostics(lambda ds: True)
        assert [d.code for d in found if d.severity == types.DiagnosticSeverity.Error] == []

    run(copy / "usfk_conclusion.yaml", scenario)


def _at(session: Session, line: int, character: int) -> dict[str, Any]:
    return {"text_document": types.TextDocumentIdentifier(session.uri), "position": types.Position(line, character)}


def _items(result: types.CompletionList | Sequence[types.CompletionItem]) -> list[types.CompletionItem]:
    return list(result.items) if isinstance(result, types.CompletionList) else list(result)


# --- As a real editor uses the server: completion after a prefix, rename, outline, the source watcher. ---

EN_MAP = """title: Cameras in classrooms
lang: en
source: source.txt
root: T
sections:
  s1: Costs
  s2: Objections
nodes:
  T:
    kind: thesis
    text: Classrooms should have cameras.
  C1:
    kind: claim
    text: Recording costs little.
    section: s1
    quote: Recording costs little
    supports: T
  C2:
    kind: claim
    text: Recordings help absent students.
    section: s1
    supports: T
  O1:
    kind: objection
    text: Cameras chill discussion.
    section: s2
    attacks: C1
  R1:
    kind: rebuttal
    text: Students soon forget the camera.
    section: s2
    attacks: O1
  E1:
    kind: evidence
    text: A survey of schools.
    supports: C1
arguments:
  A1:
    premises: [C1, C2]
    supports: T
"""
EN_SOURCE = "Recording costs little, and it\nhelps the students who are absent.\n"

ZH_MAP = """title: 駐軍的理由
lang: zh-Hant
source: source.txt
root: 論點
sections:
  第一部: 理由
nodes:
  論點:
    kind: thesis
    text: 駐軍應當留下。
  主張一:
    kind: claim
    text: 駐軍維持區域穩定。
    section: 第一部
    quote: 維持區域穩定
    supports: 論點
  主張二:
    kind: claim
    text: 成本很低。
    section: 第一部
    supports: 論點
  𠮷野:
    kind: evidence
    text: 𠮷野先生的說法。
    supports: 主張二
  反對一:
    kind: objection
    text: 成本其實很高。
    attacks: 主張二
  反駁一:
    kind: rebuttal
    text: 高的是別的成本。
    attacks: 反對一
"""
ZH_SOURCE = "駐韓美軍長期扮演重要角色，維持區域穩定。\n𠮷野先生說：成本很低。\n"
MAPS_BY_LANGUAGE = {"en": (EN_MAP, EN_SOURCE), "zh": (ZH_MAP, ZH_SOURCE)}


def _write(tmp_path: Path, language: str, text: str | None = None, name: str = "map.yaml") -> Path:
    map_text, source = MAPS_BY_LANGUAGE[language]
    (tmp_path / "source.txt").write_text(source, encoding="utf-8")
    path = tmp_path / name
    path.write_text(text if text is not None else map_text, encoding="utf-8")
    return path


def _edited(language: str, old: str, typed: str) -> tuple[str, int, int]:
    """The map with the line that starts ``old`` typed over as ``typed``, and the cursor after it (0-based line, code points).

    ``old`` runs on past its line (``supports: C1\\narg``) where the line alone is not unique.
    """
    text = MAPS_BY_LANGUAGE[language][0]
    assert text.count(old) == 1, old
    tail = old[old.index("\n") :] if "\n" in old else ""
    at = text.index(old)
    edited = text[:at] + typed + tail + text[at + len(old) :]
    before = edited[: at + len(typed)].split("\n")
    return edited, len(before) - 1, len(before[-1])


#: (map, line as it is, line as typed up to the cursor, the ids offered in order, the UTF-16 columns the edit replaces).
COMPLETIONS = [
    ("en", "    supports: C1\narg", "    supports: C", ["C1", "C2"], (14, 15)),
    ("en", "    supports: C1\narg", "    supports: ", ["T", "C1", "C2", "O1", "R1"], (14, 14)),  # never E1 itself
    ("en", "    supports: C1\narg", "    supports: [", ["T", "C1", "C2", "O1", "R1"], (15, 15)),  # the YAML is broken
    ("en", "    supports: C1\narg", "    supports: [T, ", ["C1", "C2", "O1", "R1"], (18, 18)),  # T is listed already
    ("en", "    supports: C1\narg", "    supports: [T, c", ["C1", "C2"], (18, 19)),  # case does not count
    ("en", "    supports: C1\narg", "    supports: Ｃ", ["C1", "C2"], (14, 15)),  # nor full width
    ("en", "    supports: C1\narg", "    supports:\n      - C", ["C1", "C2"], (8, 9)),
    ("en", "    supports: C1\narg", "    undercuts: ", ["A1", "T", "C1", "C2", "O1", "R1"], (15, 15)),
    ("en", "    supports: C1\narg", "    undercuts: {from: ", ["T", "C1", "C2", "O1", "R1"], (22, 22)),  # statements only
    ("en", "    supports: C1\narg", "    undercuts: {from: O1, to: C", ["C1", "C2"], (30, 31)),
    ("en", "    attacks: O1\n", "    attacks: O", ["O1"], (13, 14)),
    ("en", "    attacks: O1\n", "    attacks: R", [], (13, 14)),  # R1 is the node being written
    ("en", "    premises: [C1, C2]", "    premises: [C1, ", ["T", "C2", "O1", "R1", "E1"], (19, 19)),
    ("en", "    kind: evidence", "    kind: e", ["evidence"], (10, 11)),
    ("en", "    section: s1\n    supports: T\n  O1", "    section: s", ["s1", "s2"], (13, 14)),
    ("zh", "    supports: 主張二\n  反對一", "    supports: 主", ["主張一", "主張二"], (14, 15)),
    ("zh", "    attacks: 反對一\n", "    attacks: 反", ["反對一"], (13, 14)),  # not 反駁一, the node being written
    ("zh", "    attacks: 主張二\n", "    attacks: 反", ["反駁一"], (13, 14)),
    ("zh", "    supports: 主張二\n  反對一", "    supports: [主張一, ", ["論點", "主張二", "反對一", "反駁一"], (20, 20)),
    # 𠮷 is two UTF-16 units: the prefix 主 starts at code point 18, unit 19.
    ("zh", "    attacks: 主張二\n", "    attacks: [𠮷野, 主", ["主張一", "主張二"], (19, 20)),
    ("zh", "    supports: 主張二\n  反對一", "    supports: 𠮷", [], (14, 16)),  # 𠮷野 is the node being written
]


@pytest.mark.parametrize(("language", "old", "typed", "offered", "replaced"), COMPLETIONS)
def test_completion_filters_by_the_typed_prefix(
    tmp_path: Path, language: str, old: str, typed: str, offered: list[str], replaced: tuple[int, int]
) -> None:
    from usfk_argmap.authoring.document import open_document
    from usfk_argmap.authoring.lsp_completion import completion_items

    path = _write(tmp_path, language)
    known = open_document(path, MAPS_BY_LANGUAGE[language][0]).map
    text, line, column = _edited(language, old, typed)
    items = completion_items(open_document(path, text), line, column, known=known)
    assert [i.label for i in items] == offered
    typed_prefix = typed[len(typed) - (replaced[1] - replaced[0]) :] if replaced[1] > replaced[0] else ""
    for item in items:
        assert isinstance(item.text_edit, types.TextEdit) and item.text_edit.new_text == item.label
        # A client that filters by its own (case-sensitive) prefix rule keeps the item.
        assert item.filter_text is not None and item.filter_text.startswith(typed_prefix)
        assert (item.text_edit.range.start, item.text_edit.range.end) == (
            types.Position(line, replaced[0]),
            types.Position(line, replaced[1]),
        )


def _change(session: Session, version: int, text: str) -> None:
    """The editor sends the whole new text (full sync)."""
    session.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=session.uri),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def _cursor_in(text: str, typed: str) -> tuple[int, int]:
    """The 0-based line and code-point column just after ``typed`` in ``text``."""
    before = text[: text.index(typed) + len(typed)].split("\n")
    return len(before) - 1, len(before[-1])


def test_completion_after_a_prefix_over_stdio(tmp_path: Path) -> None:
    map_file = _write(tmp_path, "zh")

    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: True)
        for version, typed in enumerate(["    attacks: [𠮷野, 主", "    attacks: [𠮷野, "], start=2):
            text = ZH_MAP.replace("    attacks: 主張二\n", typed + "\n", 1)
            _change(session, version, text)
            line, column = _cursor_in(text, typed)
            character = column + 1  # 𠮷 counts two
            completion = await session.client.text_document_completion_async(
                types.CompletionParams(**_at(session, line, character))
            )
            assert completion is not None
            items = _items(completion)
            wanted = ["主張一", "主張二"] if typed.endswith("主") else ["論點", "主張一", "主張二", "反駁一"]
            assert [i.label for i in items] == wanted, typed
            edit = items[0].text_edit
            assert isinstance(edit, types.TextEdit)
            assert edit.range == types.Range(types.Position(line, 19), types.Position(line, character))

    run(map_file, scenario)


#: (map, the id to rename (its definition), the new id, the refusal said, or None and the lines edited).
RENAMES = [
    ("en", "T", "C1", "cannot rename 'T' to 'C1': 'C1' is already a statement (line 12)", []),
    ("en", "T", "s1", "cannot rename 'T' to 's1': 's1' is already a section (line 6)", []),
    ("en", "C1", "A1", "cannot rename 'C1' to 'A1': 'A1' is already an argument (line 38)", []),
    ("en", "T", "the thesis", "cannot rename 'T' to 'the thesis': an id is one word, without spaces", []),
    ("en", "T", "T:1", "cannot rename 'T' to 'T:1': YAML would not read it back", []),
    ("en", "T", "[T]", "cannot rename 'T' to '[T]': YAML would not read it back", []),
    ("en", "T", "true", "cannot rename 'T' to 'true': YAML would not read it back", []),
    ("en", "T", "", "cannot rename 'T' to '': an id cannot be empty", []),
    ("en", "T", "THESIS", None, [3, 8, 16, 21, 39]),
    ("zh", "主張一", "主張二", "cannot rename '主張一' to '主張二': '主張二' is already a statement (line 17)", []),
    ("zh", "主張二", "主張 二", "cannot rename '主張二' to '主張 二': an id is one word, without spaces", []),
    ("zh", "主張二", "𠮷主張", None, [16, 24, 28]),
]


def test_rename_of_a_misspelt_reference_to_the_id_it_meant(map_file: Path) -> None:
    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: any(d.code == "AM101" for d in ds))
        # `supports: Cl` (line 22) names nothing: renaming it to C1, which exists, is its fix.
        edit = await session.client.text_document_rename_async(types.RenameParams(**_at(session, 21, 15), new_name="C1"))
        assert edit is not None and edit.changes is not None
        assert [(e.range, e.new_text) for e in edit.changes[session.uri]] == [
            (types.Range(types.Position(21, 14), types.Position(21, 16)), "C1")
        ]

    run(map_file, scenario)


def test_rename_refuses_an_id_taken_or_invalid(tmp_path: Path) -> None:
    from pygls.exceptions import JsonRpcException

    async def scenario(session: Session, language: str) -> None:
        await session.diagnostics(lambda ds: True)
        text = MAPS_BY_LANGUAGE[language][0]
        for map_language, old, new, refusal, lines in RENAMES:
            if map_language != language:
                continue
            line, column = _cursor_in(text, f"\n  {old}:")
            column -= len(old) + 1
            # prepareRename answers the id's whole range, in UTF-16 units.
            prepared = await session.client.text_document_prepare_rename_async(
                types.PrepareRenameParams(**_at(session, line, column + 1))
            )
            assert prepared == types.Range(types.Position(line, 2), types.Position(line, 2 + len(old))), old
            params = types.RenameParams(**_at(session, line, column), new_name=new)
            if refusal is not None:
                with pytest.raises(JsonRpcException) as refused:
                    await session.client.text_document_rename_async(params)
                assert refusal in refused.value.message and refused.value.code == types.LSPErrorCodes.RequestFailed
                continue
            edit = await session.client.text_document_rename_async(params)
            assert edit is not None and edit.changes is not None
            edits = edit.changes[session.uri]
            assert sorted(e.range.start.line for e in edits) == lines and {e.new_text for e in edits} == {new}
            # The range is the old id's, in UTF-16 units, wherever it is written.
            for e in edits:
                written = text.split("\n")[e.range.start.line]
                start = written.rindex(old)  # the key `  T:`, or the value after `supports: `
                assert (e.range.start.character, e.range.end.character) == (
                    _utf16(written[:start]),
                    _utf16(written[: start + len(old)]),
                ), written

    for language in ("en", "zh"):
        directory = tmp_path / language
        directory.mkdir()
        run(_write(directory, language), lambda session, language=language: scenario(session, language))


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


#: The outline of EN_MAP: sections with their statements, statements with their arguments, then the rest.
EN_OUTLINE: list[Any] = [
    ("s1", types.SymbolKind.Namespace, [("C1", types.SymbolKind.Interface, []), ("C2", types.SymbolKind.Interface, [])]),
    ("s2", types.SymbolKind.Namespace, [("O1", types.SymbolKind.Event, []), ("R1", types.SymbolKind.Operator, [])]),
    ("T", types.SymbolKind.Class, [("A1", types.SymbolKind.Function, [])]),
    ("E1", types.SymbolKind.Constant, []),
]
ZH_OUTLINE: list[Any] = [
    (
        "第一部",
        types.SymbolKind.Namespace,
        [("主張一", types.SymbolKind.Interface, []), ("主張二", types.SymbolKind.Interface, [])],
    ),
    ("論點", types.SymbolKind.Class, []),
    ("𠮷野", types.SymbolKind.Constant, []),
    ("反對一", types.SymbolKind.Event, []),
    ("反駁一", types.SymbolKind.Operator, []),
]


def _tree(symbols: Sequence[types.DocumentSymbol]) -> list[Any]:
    return [(s.name, s.kind, _tree(s.children or [])) for s in symbols]


@pytest.mark.parametrize(("language", "outline"), [("en", EN_OUTLINE), ("zh", ZH_OUTLINE)])
def test_outline_nests_sections_statements_arguments(tmp_path: Path, language: str, outline: list[Any]) -> None:
    map_file = _write(tmp_path, language)

    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: True)
        symbols = await session.client.text_document_document_symbol_async(
            types.DocumentSymbolParams(types.TextDocumentIdentifier(session.uri))
        )
        assert symbols is not None and all(isinstance(s, types.DocumentSymbol) for s in symbols)
        tree = [s for s in symbols if isinstance(s, types.DocumentSymbol)]
        assert _tree(tree) == outline
        # A statement's range is its block of YAML, its selection range the id where it is defined (UTF-16 units).
        lines = MAPS_BY_LANGUAGE[language][0].split("\n")
        for symbol in [child for section in tree for child in section.children or []]:
            line = lines.index(f"  {symbol.name}:")
            assert symbol.selection_range == types.Range(types.Position(line, 2), types.Position(line, 2 + _utf16(symbol.name)))
            last = next(i for i in range(line + 1, len(lines)) if not lines[i].startswith("    ")) - 1
            assert symbol.range == types.Range(types.Position(line, 2), types.Position(last, _utf16(lines[last])))
        if language == "zh":  # 𠮷野 is three UTF-16 units
            astral = next(s for s in tree if s.name == "𠮷野")
            assert (astral.selection_range.start.character, astral.selection_range.end.character) == (2, 5)
            assert astral.detail == "evidence: 𠮷野先生的說法。"

    run(map_file, scenario)


#: (query, the symbols found across both open maps, by name): by id or by text, case and width ignored.
WORKSPACE_QUERIES = [
    ("主張", ["主張一", "主張二"]),
    ("ｃ1", ["C1", "A1"]),  # C1 by its id, A1 by its premises "C1 + C2"
    ("camera", ["T", "O1", "R1"]),
    ("成本", ["主張二", "反對一", "反駁一"]),
    ("𠮷", ["𠮷野"]),
    ("nothing like this", []),
]


def test_workspace_symbols_across_open_maps(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "zh").mkdir()
    english, chinese = _write(tmp_path / "en", "en"), _write(tmp_path / "zh", "zh")

    async def scenario(session: Session) -> None:
        chinese_uri = from_fs_path(str(chinese)) or chinese.as_uri()
        await session.diagnostics(lambda ds: True)
        await session.diagnostics(lambda ds: True, uri=chinese_uri)
        for query, names in WORKSPACE_QUERIES:
            found = await session.client.workspace_symbol_async(types.WorkspaceSymbolParams(query=query))
            assert sorted(s.name for s in found or []) == sorted(names), query
            for symbol in found or []:
                assert isinstance(symbol.location, types.Location)
                assert symbol.location.uri == (chinese_uri if symbol.name in ZH_MAP else session.uri)
        [astral] = await session.client.workspace_symbol_async(types.WorkspaceSymbolParams(query="𠮷")) or []
        assert isinstance(astral.location, types.Location) and astral.container_name == "駐軍的理由"
        assert astral.location.range == types.Range(types.Position(21, 2), types.Position(21, 5))

    run(english, scenario, others=[chinese])


def _watching_client(relative: bool) -> types.ClientCapabilities:
    """An editor that watches files for the server (Neovim 0.10, VS Code), with relative patterns or without."""
    watched = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True, relative_pattern_support=relative)
    return types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(did_change_watched_files=watched))


@pytest.mark.parametrize("relative", [False, True])
def test_source_watcher_rechecks_every_map_naming_the_source(tmp_path: Path, relative: bool) -> None:
    english = _write(tmp_path, "en")
    other = _write(
        tmp_path, "en", EN_MAP.replace("title: Cameras in classrooms", "title: The same text, another map"), "other.yaml"
    )
    source = tmp_path / "source.txt"

    async def scenario(session: Session) -> None:
        other_uri = from_fs_path(str(other)) or other.as_uri()
        await session.diagnostics(lambda ds: not any(d.code == "AM301" for d in ds))
        await session.diagnostics(lambda ds: not any(d.code == "AM301" for d in ds), uri=other_uri)
        # One watcher for the one source both maps name: its folder and name, or its absolute path.
        [registration] = session.registrations
        assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        options = types.DidChangeWatchedFilesRegistrationOptions(**registration.register_options)  # type: ignore[arg-type]
        folder = from_fs_path(str(source.resolve().parent))
        wanted = {"baseUri": folder, "pattern": "source.txt"} if relative else source.resolve().as_posix()
        assert [w["globPattern"] for w in options.watchers] == [wanted]  # type: ignore[index]
        assert [w["kind"] for w in options.watchers] == [7]  # type: ignore[index]  # created, changed, deleted
        source.write_text("Nothing of the kind.\n", encoding="utf-8")
        session.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(from_fs_path(str(source)) or source.as_uri(), types.FileChangeType.Changed)]
            )
        )
        for uri in (session.uri, other_uri):
            missing = await session.diagnostics(lambda ds: any(d.code == "AM301" for d in ds), uri=uri)
            assert [d.range.start.line for d in missing if d.code == "AM301"] == [15]

    run(english, scenario, capabilities=_watching_client(relative), others=[other])


def test_no_watcher_without_dynamic_registration(map_file: Path) -> None:
    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: True)
        await session.client.workspace_symbol_async(types.WorkspaceSymbolParams(query=""))  # a round trip after the open
        assert session.registrations == []

    run(map_file, scenario)


#: (map, the quote as written, the source's passage the fix pastes): the trailing mark the quote did not have is dropped.
QUOTE_FIXES = [
    ("en", "Recording costs litle", '"Recording costs little"'),
    ("en", "it helps the studnts who are absent", '"it helps the students who are absent"'),  # the line break joined
    ("en", "it helps the studnts who are absent.", '"it helps the students who are absent."'),  # the quote had its mark
    ("zh", "駐韓美軍長期扮演重要腳色", '"駐韓美軍長期扮演重要角色"'),
    ("zh", "𠮷野先生說：成本很底", '"𠮷野先生說：成本很低"'),
]


@pytest.mark.parametrize(("language", "quote", "pasted"), QUOTE_FIXES)
def test_quote_fix_drops_punctuation_the_quote_did_not_have(tmp_path: Path, language: str, quote: str, pasted: str) -> None:
    written = {"en": "    quote: Recording costs little", "zh": "    quote: 維持區域穩定"}[language]
    map_file = _write(tmp_path, language, MAPS_BY_LANGUAGE[language][0].replace(written, f"    quote: {quote}"))

    async def scenario(session: Session) -> None:
        found = await session.diagnostics(lambda ds: any(d.code == "AM301" for d in ds))
        missing = [d for d in found if d.code == "AM301"]
        actions = await session.client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(session.uri), missing[0].range, types.CodeActionContext(diagnostics=missing)
            )
        )
        fix = next(a for a in actions or [] if isinstance(a, types.CodeAction) and "source's own passage" in a.title)
        assert fix.edit is not None and fix.edit.changes is not None
        (edit,) = fix.edit.changes[session.uri]
        assert edit.new_text == pasted
        assert edit.range.start == missing[0].range.start

    run(map_file, scenario)


def test_a_source_created_later_is_read_when_it_appears(tmp_path: Path) -> None:
    map_file = _write(tmp_path, "zh", ZH_MAP.replace("source: source.txt", "source: later.txt"))
    later = tmp_path / "later.txt"

    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: any(d.code == "AM011" for d in ds))
        assert len(session.registrations) == 1  # the missing file is watched too, for its creation
        later.write_text(ZH_SOURCE, encoding="utf-8")
        session.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(from_fs_path(str(later)) or later.as_uri(), types.FileChangeType.Created)]
            )
        )
        found = await session.diagnostics(lambda ds: not any(d.code == "AM011" for d in ds))
        assert [d.code for d in found if d.severity == types.DiagnosticSeverity.Error] == []

    run(map_file, scenario, capabilities=_watching_client(False))


def test_without_a_watching_client_the_server_looks_at_the_source_itself(tmp_path: Path) -> None:
    map_file = _write(tmp_path, "en")

    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: not any(d.code == "AM301" for d in ds))
        assert session.registrations == []
        (tmp_path / "source.txt").write_text("Nothing of the kind.\n", encoding="utf-8")
        # No notification from the client (Neovim 0.7 sends none): the server's own look finds the change.
        missing = await session.diagnostics(lambda ds: any(d.code == "AM301" for d in ds), timeout=10)
        assert [d.range.start.line for d in missing if d.code == "AM301"] == [15]

    run(map_file, scenario)


# -- hover: the map's words are shown as written, never as live Markdown ---------------------

#: (case, text): each is a statement's text, gloss and note, and in the table's last rows a section title and a source passage.
INJECTIONS = [
    ("image", "![pixel](https://evil.example/p.png)"),
    ("link", "[click me](https://evil.example/)"),
    ("autolink", "<https://evil.example/>"),
    ("bare url", "see https://evil.example/x or www.evil.example"),
    ("html image", '<img src="https://evil.example/p.png">'),
    ("script", "<script>alert(1)</script>"),
    ("code", "`rm -rf ~` and ```fences```"),
    ("emphasis", "**loud** _quiet_ ~~gone~~"),
    ("entity", "&lt;b&gt; &#x3C;i&#x3E;"),
    ("reference link", "[x][r] and [r]: https://evil.example/"),
    ("heading", "# Big title"),
]
#: The tags our own framing uses (the id in bold, the gloss in italics, paragraphs).
OUR_TAGS = {"p", "/p", "strong", "/strong", "em", "/em"}


def _injection_map(tmp_path: Path) -> Path:
    passage = "A passage with ![p](https://evil.example/q.png) and <b>bold</b> in it."
    (tmp_path / "source.txt").write_text(f"{passage}\n", encoding="utf-8")
    nodes = [f"  T: {{kind: thesis, text: The thesis., section: s1, quote: {json.dumps(passage)}}}"]
    for number, (_, text) in enumerate(INJECTIONS):
        quoted = json.dumps(text)
        nodes.append(f"  X{number}: {{kind: claim, text: {quoted}, en: {quoted}, note: {quoted}, supports: T}}")
    title = json.dumps(INJECTIONS[0][1])
    text = "title: t\nlang: en\nsource: source.txt\nroot: T\n" + f"sections:\n  s1: {title}\nnodes:\n" + "\n".join(nodes) + "\n"
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _key_position(map_file: Path, key: str) -> tuple[int, int]:
    lines = map_file.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines) if text.lstrip().startswith(f"{key}:"))
    return line, lines[line].index(key)


def _rendered(markdown: str) -> tuple[set[str], str]:
    """The tags a CommonMark renderer (raw HTML allowed, as in editors) makes of ``markdown``, and its visible text."""
    html_text: str = MarkdownIt("commonmark", {"html": True}).render(markdown)
    tags = {match.split()[0] for match in re.findall(r"<([^>]+)>", html_text)}
    visible = html.unescape(re.sub(r"<[^>]+>", " ", html_text))
    return tags, " ".join(visible.split())


def test_hover_shows_the_map_s_markdown_as_written(tmp_path: Path) -> None:
    map_file = _injection_map(tmp_path)

    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: True)
        hovers = {case: f"X{number}" for number, (case, _) in enumerate(INJECTIONS)}
        texts = dict(INJECTIONS)
        for case, key in [*hovers.items(), ("section title", "s1"), ("source passage", "T")]:
            line, character = _key_position(map_file, key)
            hover = await session.client.text_document_hover_async(types.HoverParams(**_at(session, line, character)))
            assert hover is not None and isinstance(hover.contents, types.MarkupContent), case
            assert hover.contents.kind == types.MarkupKind.Markdown
            value = hover.contents.value
            tags, visible = _rendered(value)
            assert tags <= OUR_TAGS, (case, tags - OUR_TAGS, value)
            assert "://" not in value and "www." not in value, (case, value)  # no bare URL for a linkifier
            expected = {
                "section title": texts["image"],
                "source passage": "with ![p](https://evil.example/q.png) and <b>bold</b>",
            }
            assert " ".join(expected.get(case, texts.get(case, "")).split()) in visible, (case, visible)

    run(map_file, scenario)


@pytest.mark.parametrize(
    "capabilities",
    [
        types.ClientCapabilities(),
        types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.PlainText])
            )
        ),
    ],
    ids=["no hover capabilities", "plain text only"],
)
def test_hover_is_plain_text_for_a_client_that_does_not_announce_markdown(
    tmp_path: Path, capabilities: types.ClientCapabilities
) -> None:
    map_file = _injection_map(tmp_path)

    async def scenario(session: Session) -> None:
        await session.diagnostics(lambda ds: True)
        line, character = _key_position(map_file, "X0")
        hover = await session.client.text_document_hover_async(types.HoverParams(**_at(session, line, character)))
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert hover.contents.kind == types.MarkupKind.PlainText
        assert hover.contents.value.startswith("X0 · claim\n\n![pixel](https://evil.example/p.png)\n")
        assert "**" not in hover.contents.value and "\\" not in hover.contents.value

    run(map_file, scenario, capabilities)

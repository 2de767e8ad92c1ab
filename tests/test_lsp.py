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

    async def diagnostics(self, predicate: Any, timeout: float = 20.0) -> list[types.Diagnostic]:
        async def wait() -> list[types.Diagnostic]:
            while True:
                found = self.published.get(self.uri)
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
async def _start(map_file: Path, capabilities: types.ClientCapabilities = MARKDOWN_HOVER) -> AsyncIterator[Session]:
    client = LanguageClient("usfk-argmap-tests", "1")
    uri = from_fs_path(str(map_file)) or map_file.as_uri()
    session = Session(client, uri)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def published(params: types.PublishDiagnosticsParams) -> None:
        session.published[params.uri] = list(params.diagnostics)
        session.arrived.set()

    await client.start_io(sys.executable, "-m", "usfk_argmap", "lsp")
    await client.initialize_async(
        types.InitializeParams(capabilities=capabilities, root_uri=from_fs_path(str(map_file.parent)), process_id=None)
    )
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=map_file.read_text(encoding="utf-8"))
        )
    )
    try:
        yield session
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()  # type: ignore[no-untyped-call]


def run(map_file: Path, scenario: Any, capabilities: types.ClientCapabilities = MARKDOWN_HOVER) -> None:
    async def main() -> None:
        async with _start(map_file, capabilities) as session:
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
        # Completion after `supports:` offers the ids; after `kind:` the kinds; a new key the node keys.
        completion = await client.text_document_completion_async(types.CompletionParams(**_at(session, 21, 14)))
        assert completion is not None and {"T", "C1", "E1"} <= {i.label for i in _items(completion)}
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

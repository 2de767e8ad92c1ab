"""``usfk-argmap lsp``: a language server for map files, on standard input and output.

Diagnostics as the user types (the same codes, severities and positions as
``check``), go to definition and find references for ids, hover (a statement's
kind, text, gloss and quote status; a code's documentation; a scheme with its open
critical questions), completion
(``lsp_completion``), rename (refused for an id taken or invalid), the outline
and workspace symbols (``lsp_symbols``), and quick fixes (``lsp_fixes``): apply
a diagnostic's suggested fix, paste the source's own passage for a quote that
is not found, or add an ``ignore:`` with a reason; on a selection of a source
text an open map quotes, "draft a statement from this passage" (``lsp_draft``). The source text of each open
map is watched (by the client when it can, else by polling), and the maps
naming it are checked again when it changes.

The protocol plumbing is pygls's; what the answers say comes from
``usfk_argmap.authoring.document``, the loader and the rules.
"""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from usfk_argmap.authoring.document import MapDocument, Occurrence, id_problem, open_document, read_map_text, utf16_column
from usfk_argmap.authoring.hover import code_documentation, hover_markup, item_hover, scheme_hover
from usfk_argmap.authoring.lsp_completion import completion_items
from usfk_argmap.authoring.lsp_draft import draft_actions
from usfk_argmap.authoring.lsp_fixes import quick_fixes as quick_fixes  # the server's quick fixes, named from here too
from usfk_argmap.authoring.lsp_ranges import document_position, fix_range, lsp_range
from usfk_argmap.authoring.lsp_symbols import document_symbols, workspace_symbols
from usfk_argmap.core.diagnostics import Diagnostic, Severity
from usfk_argmap.core.errors import ArgmapError
from usfk_argmap.core.model import ArgumentMap

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
#: What a watcher reports of a source text: its creation, change and deletion.
_WATCH_ALL = types.WatchKind.Create | types.WatchKind.Change | types.WatchKind.Delete
#: How often the server looks at the source texts itself when the client cannot watch files (Neovim before 0.9).
POLL_SECONDS = 1.0


class MapLanguageServer(LanguageServer):
    """The server and the maps it has open, each loaded and checked once per change."""

    def __init__(self) -> None:
        from usfk_argmap._version import __version__

        super().__init__("usfk-argmap", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.documents: dict[str, MapDocument] = {}
        #: The last map each open document loaded to: completion offers its ids while the text is broken.
        self.last_maps: dict[str, ArgumentMap] = {}
        #: The source texts watched: by the client, or by the server's own look every ``POLL_SECONDS``.
        self.watched: set[Path] = set()
        #: The size and modification time of each source the server looks at itself (None: missing).
        self.source_stamps: dict[Path, tuple[int, int] | None] = {}
        self._registrations = itertools.count(1)
        self._polling = False

    def refresh(self, uri: str) -> MapDocument | None:
        """Reload one open map from the editor's text and publish its diagnostics."""
        path = Path(to_fs_path(uri) or uri)
        if path.suffix.lower() not in (".yaml", ".yml"):
            self._recheck_maps_reading(path)
            return None
        text = self.text_of(uri, path)
        if text is None:
            return None
        document = open_document(path, text)
        self.documents[uri] = document
        if document.map is not None:
            self.last_maps[uri] = document.map
            if document.map.source_path is not None:
                self._watch(document.map.source_path)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[lsp_diagnostic(document, d) for d in document.diagnostics])
        )
        return document

    def text_of(self, uri: str, path: Path) -> str | None:
        """The editor's text of a map it has open; one it has not is read from disk as any untrusted file.

        A map that cannot be read (a FIFO, a device, too large, not UTF-8) is
        None, and the reason goes to the editor's log.
        """
        opened = self.workspace.text_documents.get(unquote(uri))
        if opened is not None:
            return str(opened.source)
        try:
            return read_map_text(path)
        except ArgmapError as error:
            self.window_log_message(types.LogMessageParams(types.MessageType.Warning, str(error)))
            return None

    def passage_actions(self, uri: str, selection: types.Range) -> list[types.CodeAction]:
        """On a selection of a source text an open map quotes: draft a statement from it (``lsp_draft``)."""
        path = Path(to_fs_path(uri) or uri)
        opened = self.workspace.text_documents.get(unquote(uri))
        if opened is not None:
            text = str(opened.source)
        else:
            from usfk_argmap.interop.from_text.build import read_source

            try:
                text = read_source(path)
            except ArgmapError:
                return []
        return draft_actions(self.documents.values(), path, text, selection)

    def close(self, uri: str) -> None:
        self.documents.pop(uri, None)
        self.last_maps.pop(uri, None)

    def _recheck_maps_reading(self, path: Path) -> None:
        """A source text changed on disk: check again every open map that quotes it."""
        for uri, document in list(self.documents.items()):
            source = document.map.source_path if document.map is not None else None
            if source is not None and source.resolve() == path.resolve():
                self.refresh(uri)

    def _watch(self, source: Path) -> None:
        """Have a source text watched, once per file: by the client if it can watch files for us, else by polling."""
        source = source.resolve()
        if source in self.watched:
            return
        self.watched.add(source)
        watching = _file_watching(self.client_capabilities)
        if watching is None:
            self._look_at(source)
            return
        pattern: types.GlobPattern = (
            types.RelativePattern(from_fs_path(str(source.parent)) or source.parent.as_uri(), _glob_literal(source.name))
            if watching.relative_pattern_support
            else _glob_literal(source.as_posix())
        )
        options = types.DidChangeWatchedFilesRegistrationOptions([types.FileSystemWatcher(pattern, _WATCH_ALL)])
        registration = types.Registration(
            f"usfk-argmap-source-{next(self._registrations)}", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options
        )
        self.client_register_capability(types.RegistrationParams([registration]))

    def _look_at(self, source: Path) -> None:
        """Poll a source's size and modification time, every ``POLL_SECONDS`` while the server runs."""
        self.source_stamps[source] = _stamp(source)
        if self._polling:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not serving (a test driving the server's methods directly)
            return
        self._polling = True
        loop.call_later(POLL_SECONDS, self._poll)

    def _poll(self) -> None:
        try:
            for source, stamp in list(self.source_stamps.items()):
                now = _stamp(source)
                if now != stamp:
                    self.source_stamps[source] = now
                    self._recheck_maps_reading(source)
        finally:
            asyncio.get_running_loop().call_later(POLL_SECONDS, self._poll)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _file_watching(capabilities: types.ClientCapabilities) -> types.DidChangeWatchedFilesClientCapabilities | None:
    """What the client says of watching files for the server: None unless it announced ``dynamicRegistration``."""
    workspace = capabilities.workspace
    watching = workspace.did_change_watched_files if workspace is not None else None
    return watching if watching is not None and watching.dynamic_registration else None


def _glob_literal(text: str) -> str:
    """A glob pattern matching exactly ``text``: its glob characters each inside ``[...]``."""
    return "".join(f"[{char}]" if char in "*?[]{}" else char for char in text)


def lsp_diagnostic(document: MapDocument, diagnostic: Diagnostic) -> types.Diagnostic:
    """The protocol's diagnostic: the scalar a fix replaces (else the word at the position) is its range.

    ``data`` carries the node and the fix (``{"range": ..., "newText": ...}``,
    in the protocol's 0-based UTF-16 positions), which the quick fix applies.
    """
    data: dict[str, Any] = {"node": diagnostic.node}
    if diagnostic.fix is not None:
        where = fix_range(document, diagnostic.fix)
        data["fix"] = {"range": _range_data(where), "newText": diagnostic.fix.replacement}
    else:
        line = max(diagnostic.line - 1, 0)
        column = max(diagnostic.column - 1, 0)
        text = document.lines[line] if line < len(document.lines) else ""
        word = document.word_at(line, column)
        end = word[1].end if word is not None and word[1].start == column else len(text)
        where = types.Range(
            types.Position(line, utf16_column(text, column)), types.Position(line, utf16_column(text, max(end, column)))
        )
    return types.Diagnostic(
        range=where,
        message=diagnostic.message,
        severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        source="usfk-argmap",
        data=data,
    )


def _range_data(where: types.Range) -> dict[str, dict[str, int]]:
    return {
        "start": {"line": where.start.line, "character": where.start.character},
        "end": {"line": where.end.line, "character": where.end.character},
    }


def _location(document: MapDocument, occurrence: Occurrence) -> types.Location:
    return types.Location(uri=from_fs_path(str(document.path)) or str(document.path), range=lsp_range(document, occurrence.span))


def create_server() -> MapLanguageServer:
    server = MapLanguageServer()

    def document_for(uri: str) -> MapDocument | None:
        return server.documents.get(uri) or server.refresh(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MapLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MapLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MapLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MapLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: MapLanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        # An editor's save can be several events for one file (deleted, created, changed): check once.
        for path in dict.fromkeys(Path(to_fs_path(change.uri) or change.uri) for change in params.changes):
            ls._recheck_maps_reading(path)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: MapLanguageServer, params: types.DefinitionParams) -> types.Location | None:
        document = document_for(params.text_document.uri)
        if document is None:
            return None
        occurrence = document.occurrence_at(*document_position(document, params.position))
        target = document.definition(occurrence.id) if occurrence is not None else None
        return _location(document, target) if target is not None else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: MapLanguageServer, params: types.ReferenceParams) -> list[types.Location]:
        document = document_for(params.text_document.uri)
        if document is None:
            return []
        occurrence = document.occurrence_at(*document_position(document, params.position))
        if occurrence is None:
            return []
        found = document.references(occurrence.id, include_definition=params.context.include_declaration)
        return [_location(document, o) for o in found]

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: MapLanguageServer, params: types.HoverParams) -> types.Hover | None:
        document = document_for(params.text_document.uri)
        if document is None:
            return None
        markup = hover_markup(ls.client_capabilities)
        kind = types.MarkupKind.Markdown if markup.markdown else types.MarkupKind.PlainText
        line, column = document_position(document, params.position)
        code = document.code_at(line, column)
        if code is not None:
            text = code_documentation(code, markup)
            return types.Hover(types.MarkupContent(kind, text)) if text else None
        scheme = scheme_hover(document, line, column, markup)
        if scheme is not None:
            return types.Hover(types.MarkupContent(kind, scheme[0]), lsp_range(document, scheme[1]))
        occurrence = document.occurrence_at(line, column)
        if occurrence is None:
            return None
        text = item_hover(document, occurrence.id, markup)
        if text is None:
            return None
        return types.Hover(types.MarkupContent(kind, text), lsp_range(document, occurrence.span))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "[", ","]))
    def completion(ls: MapLanguageServer, params: types.CompletionParams) -> types.CompletionList:
        document = document_for(params.text_document.uri)
        if document is None:
            return types.CompletionList(is_incomplete=False, items=[])
        known = ls.last_maps.get(params.text_document.uri)
        items = completion_items(document, *document_position(document, params.position), known=known)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: MapLanguageServer, params: types.PrepareRenameParams) -> types.Range | None:
        document = document_for(params.text_document.uri)
        if document is None:
            return None
        occurrence = document.occurrence_at(*document_position(document, params.position))
        return lsp_range(document, occurrence.span) if occurrence is not None else None

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: MapLanguageServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        document = document_for(params.text_document.uri)
        if document is None:
            return None
        occurrence = document.occurrence_at(*document_position(document, params.position))
        if occurrence is None:
            return None
        refused = rename_refusal(document, occurrence.id, params.new_name)
        if refused is not None:
            raise JsonRpcException(refused, code=types.LSPErrorCodes.RequestFailed)
        edits = [types.TextEdit(lsp_range(document, o.span), params.new_name) for o in document.references(occurrence.id)]
        return types.WorkspaceEdit(changes={params.text_document.uri: edits if params.new_name != occurrence.id else []})

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def outline(ls: MapLanguageServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        document = document_for(params.text_document.uri)
        return document_symbols(document) if document is not None else []

    @server.feature(types.WORKSPACE_SYMBOL)
    def symbols(ls: MapLanguageServer, params: types.WorkspaceSymbolParams) -> list[types.WorkspaceSymbol]:
        return workspace_symbols(ls.documents.values(), params.query)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorExtract]),
    )
    def code_action(ls: MapLanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        document = document_for(params.text_document.uri)
        if document is None:
            return ls.passage_actions(params.text_document.uri, params.range)
        return quick_fixes(document, params.text_document.uri, params.context.diagnostics)

    return server


def rename_refusal(document: MapDocument, old_id: str, new_id: str) -> str | None:
    """Why renaming ``old_id`` to ``new_id`` would break the map (the id is taken, or is no id), or None.

    An id that nothing defines (a misspelt reference) may be renamed to one that exists: that is its fix.
    """
    problem = id_problem(new_id)
    if problem is not None:
        return f"cannot rename {old_id!r} to {new_id!r}: {problem}"
    defined = document.definition(old_id) is not None
    taken = document.definition(new_id) if defined and new_id != old_id else None
    if taken is not None:
        what = {"node": "a statement", "argument": "an argument", "section": "a section"}.get(taken.role, "an item")
        return f"cannot rename {old_id!r} to {new_id!r}: {new_id!r} is already {what} (line {taken.span.line + 1})"
    return None


def serve_stdio(**kwargs: Any) -> None:
    """Run the server on standard input and output until the client shuts it down."""
    create_server().start_io(**kwargs)

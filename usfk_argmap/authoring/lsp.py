"""``usfk-argmap lsp``: a language server for map files, on standard input and output.

Diagnostics as the user types (the same codes, severities and positions as
``check``), go to definition and find references for ids, hover (a statement's
kind, text, gloss and quote status; a code's documentation), completion, rename,
and quick fixes: apply a diagnostic's suggested fix (sent in its ``data``, so
the fix never depends on the message's wording), paste the source's own
passage for a quote that is not found, or add an ``ignore:`` with a reason.

The protocol plumbing is pygls's; what the answers say comes from
``usfk_argmap.authoring.document``, the loader and the rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from usfk_argmap.authoring.document import ID_KEYS, MapDocument, Occurrence, Span, codepoint_column, open_document, utf16_column
from usfk_argmap.authoring.hover import code_documentation, hover_markup, item_hover
from usfk_argmap.core.diagnostics import Diagnostic, Fix, Severity
from usfk_argmap.core.model import NODE_KINDS
from usfk_argmap.mapfile.fields import ARGUMENT_KEYS, NODE_KEYS, TOP_KEYS

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_KEY_BEFORE_CURSOR = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]+):\s*(?:\[[^\]]*|\{[^}]*)?$")
_KEY_BEING_TYPED = re.compile(r"^(\s*)([A-Za-z_]*)$")


class MapLanguageServer(LanguageServer):
    """The server and the maps it has open, each loaded and checked once per change."""

    def __init__(self) -> None:
        from usfk_argmap._version import __version__

        super().__init__("usfk-argmap", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.documents: dict[str, MapDocument] = {}

    def refresh(self, uri: str) -> MapDocument | None:
        """Reload one open map from the editor's text and publish its diagnostics."""
        text_document = self.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or uri)
        if path.suffix.lower() not in (".yaml", ".yml"):
            self._recheck_maps_reading(path)
            return None
        document = open_document(path, text_document.source)
        self.documents[uri] = document
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[lsp_diagnostic(document, d) for d in document.diagnostics])
        )
        return document

    def _recheck_maps_reading(self, path: Path) -> None:
        """A source text changed on disk: check again every open map that quotes it."""
        for uri, document in list(self.documents.items()):
            source = document.map.source_path if document.map is not None else None
            if source is not None and source.resolve() == path.resolve():
                self.refresh(uri)


def lsp_range(document: MapDocument, span: Span) -> types.Range:
    line = document.lines[span.line] if span.line < len(document.lines) else ""
    return types.Range(
        types.Position(span.line, utf16_column(line, span.start)), types.Position(span.line, utf16_column(line, span.end))
    )


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


def fix_range(document: MapDocument, fix: Fix) -> types.Range:
    """A fix's 1-based code-point range as the protocol's 0-based UTF-16 one (an astral character counts two)."""

    def position(line: int, column: int) -> types.Position:
        text = document.lines[line - 1] if 0 < line <= len(document.lines) else ""
        return types.Position(max(line - 1, 0), utf16_column(text, max(column - 1, 0)))

    return types.Range(position(fix.line, fix.column), position(fix.end_line, fix.end_column))


def _range_data(where: types.Range) -> dict[str, dict[str, int]]:
    return {
        "start": {"line": where.start.line, "character": where.start.character},
        "end": {"line": where.end.line, "character": where.end.character},
    }


def _fix_in_data(data: object) -> tuple[types.Range, str] | None:
    """The range and new text of the fix a diagnostic's ``data`` carries (as the client sends it back), or None."""
    fix = data.get("fix") if isinstance(data, dict) else None
    if not isinstance(fix, dict) or not isinstance(fix.get("newText"), str) or not isinstance(fix.get("range"), dict):
        return None
    try:
        start, end = fix["range"]["start"], fix["range"]["end"]
        where = types.Range(
            types.Position(int(start["line"]), int(start["character"])), types.Position(int(end["line"]), int(end["character"]))
        )
    except (KeyError, TypeError, ValueError):
        return None
    return where, fix["newText"]


def _position(document: MapDocument, position: types.Position) -> tuple[int, int]:
    line = document.lines[position.line] if position.line < len(document.lines) else ""
    return position.line, codepoint_column(line, position.character)


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
        ls.documents.pop(params.text_document.uri, None)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: MapLanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            ls._recheck_maps_reading(Path(to_fs_path(change.uri) or change.uri))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: MapLanguageServer, params: types.DefinitionParams) -> types.Location | None:
        document = document_for(params.text_document.uri)
        if document is None:
            return None
        occurrence = document.occurrence_at(*_position(document, params.position))
        target = document.definition(occurrence.id) if occurrence is not None else None
        return _location(document, target) if target is not None else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: MapLanguageServer, params: types.ReferenceParams) -> list[types.Location]:
        document = document_for(params.text_document.uri)
        if document is None:
            return []
        occurrence = document.occurrence_at(*_position(document, params.position))
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
        line, column = _position(document, params.position)
        code = document.code_at(line, column)
        if code is not None:
            text = code_documentation(code, markup)
            return types.Hover(types.MarkupContent(kind, text)) if text else None
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
        items = completion_items(document, *_position(document, params.position)) if document is not None else []
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: MapLanguageServer, params: types.PrepareRenameParams) -> types.Range | None:
        document = document_for(params.text_document.uri)
        if document is None:
            return None
        occurrence = document.occurrence_at(*_position(document, params.position))
        return lsp_range(document, occurrence.span) if occurrence is not None else None

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: MapLanguageServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        document = document_for(params.text_document.uri)
        if document is None:
            return None
        occurrence = document.occurrence_at(*_position(document, params.position))
        if occurrence is None:
            return None
        edits = [types.TextEdit(lsp_range(document, o.span), params.new_name) for o in document.references(occurrence.id)]
        return types.WorkspaceEdit(changes={params.text_document.uri: edits})

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: MapLanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        document = document_for(params.text_document.uri)
        if document is None:
            return []
        return quick_fixes(document, params.text_document.uri, params.context.diagnostics)

    return server


def completion_items(document: MapDocument, line: int, column: int) -> list[types.CompletionItem]:
    """What fits at the cursor: ids after an id key, kinds after ``kind:``, sections, codes, keys."""
    lines = document.lines
    before = lines[line][:column] if line < len(lines) else ""
    argument_map = document.map
    key = _key_for(lines, line, before)
    if key in ID_KEYS and argument_map is not None:
        ids: list[tuple[str, str]] = [(n.id, f"{n.kind}: {n.text}") for n in argument_map.nodes.values()]
        if key == "undercuts":
            ids = [(a.id, "linked argument") for a in argument_map.arguments.values()] + ids
        return [types.CompletionItem(label=i, detail=detail, kind=types.CompletionItemKind.Reference) for i, detail in ids]
    if key == "kind":
        return [types.CompletionItem(label=kind, kind=types.CompletionItemKind.EnumMember) for kind in NODE_KINDS]
    if key == "section" and argument_map is not None:
        return [
            types.CompletionItem(label=s.id, detail=s.title, kind=types.CompletionItemKind.Module)
            for s in argument_map.sections.values()
        ]
    if key == "ignore":
        from usfk_argmap.rules.catalogue import catalogue

        return [
            types.CompletionItem(
                label=e.code,
                detail=e.name,
                documentation=e.summary,
                insert_text=f"{e.code}: ",
                kind=types.CompletionItemKind.Value,
            )
            for e in catalogue()
        ]
    typed = _KEY_BEING_TYPED.match(before)
    if typed is not None:
        indent = len(typed.group(1))
        keys: tuple[str, ...] = TOP_KEYS if indent == 0 else NODE_KEYS if indent >= 4 else ()
        if indent >= 4 and _parent_key(lines, line) == "arguments":
            keys = ARGUMENT_KEYS
        return [types.CompletionItem(label=k, insert_text=f"{k}: ", kind=types.CompletionItemKind.Property) for k in keys]
    return []


def _key_for(lines: list[str], line: int, before: str) -> str | None:
    """The key whose value the cursor is in: on this line (``supports: [C1, ``), or a list item under it."""
    match = _KEY_BEFORE_CURSOR.match(before)
    if match is not None:
        return match.group(1)
    if re.match(r"^\s*-\s*[^:]*$", before):  # a block list item: the key is on a line above
        indent = len(before) - len(before.lstrip())
        for above in range(line - 1, -1, -1):
            text = lines[above]
            stripped = text.strip()
            if not stripped or stripped.startswith("-"):
                continue
            if len(text) - len(text.lstrip()) <= indent:
                found = re.match(r"^\s*([A-Za-z_]+):\s*$", text)
                return found.group(1) if found else None
    if re.match(r"^\s+[A-Za-z0-9]*$", before):  # a key being typed inside an ignore: mapping
        parent = _parent_key(lines, line)
        if parent == "ignore":
            return "ignore"
    return None


def _parent_key(lines: list[str], line: int) -> str | None:
    """The nearest key above ``line`` indented less than it, climbing to the top-level one when nested."""
    text = lines[line] if line < len(lines) else ""
    indent = len(text) - len(text.lstrip())
    for above in range(line - 1, -1, -1):
        candidate = lines[above]
        if not candidate.strip():
            continue
        candidate_indent = len(candidate) - len(candidate.lstrip())
        if candidate_indent < indent:
            found = re.match(r"^\s*([^\s:#]+):", candidate)
            if found is None:
                return None
            if candidate_indent == 0 or found.group(1) == "ignore":
                return found.group(1)
            indent = candidate_indent
    return None


def quick_fixes(document: MapDocument, uri: str, diagnostics: Sequence[types.Diagnostic]) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        if diagnostic.source != "usfk-argmap":
            continue
        code = str(diagnostic.code)
        suggested = _fix_in_data(diagnostic.data)
        if suggested is not None:
            where, new_text = suggested
            actions.append(_replace_action(uri, diagnostic, f"Change to {new_text!r}", where, new_text))
        node_id = (diagnostic.data or {}).get("node") if isinstance(diagnostic.data, dict) else None
        if code == "AM301" and node_id:
            fix = _verbatim_quote_fix(document, uri, diagnostic, node_id)
            if fix is not None:
                actions.append(fix)
        if node_id:
            ignore = _ignore_fix(document, uri, diagnostic, node_id, code)
            if ignore is not None:
                actions.append(ignore)
    return actions


def _replace_action(uri: str, diagnostic: types.Diagnostic, title: str, where: types.Range, new_text: str) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=True,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(where, new_text)]}),
    )


def _verbatim_quote_fix(document: MapDocument, uri: str, diagnostic: types.Diagnostic, node_id: str) -> types.CodeAction | None:
    """Replace a quote that is not found by the source's own closest passage, as a quoted YAML string."""
    argument_map = document.map
    if argument_map is None or argument_map.source_text is None or node_id not in argument_map.nodes:
        return None
    node = argument_map.nodes[node_id]
    closest = argument_map.source_text.closest(node.quote or "")
    if not closest:
        return None
    line = diagnostic.range.start.line
    text = document.lines[line]
    start = codepoint_column(text, diagnostic.range.start.character)
    where = types.Range(types.Position(line, utf16_column(text, start)), types.Position(line, utf16_column(text, len(text))))
    return _replace_action(uri, diagnostic, "Use the source's own passage as the quote", where, _yaml_string(closest))


def _ignore_fix(
    document: MapDocument, uri: str, diagnostic: types.Diagnostic, node_id: str, code: str
) -> types.CodeAction | None:
    """Insert ``ignore: {CODE: "reason"}`` as the first key of the node (or argument)."""
    definition = document.definition(node_id)
    if definition is None:
        return None
    key_line = document.lines[definition.span.line]
    indent = " " * (len(key_line) - len(key_line.lstrip()) + 2)
    insert_at = types.Position(definition.span.line + 1, 0)
    new_text = f'{indent}ignore: {{{code}: "why this is fine here"}}\n'
    return types.CodeAction(
        title=f"Ignore {code} on {node_id} (with a reason)",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(types.Range(insert_at, insert_at), new_text)]}),
    )


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar holding ``text`` on one line."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def serve_stdio(**kwargs: Any) -> None:
    """Run the server on standard input and output until the client shuts it down."""
    create_server().start_io(**kwargs)

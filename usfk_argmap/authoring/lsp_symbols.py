"""The outline of a map for the language server: sections, their statements, the arguments for each.

``textDocument/documentSymbol`` nests them as a reader thinks of them
(sections → statements → the linked arguments that support or attack a
statement); each symbol's range is its own block of text, and its selection
range the id where it is defined. ``workspace/symbol`` finds them across the
open maps by id or text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lsprotocol import types
from pygls.uris import from_fs_path

from usfk_argmap.authoring.document import MapDocument, Occurrence, matching_form
from usfk_argmap.authoring.lsp_ranges import line_text, lsp_position, lsp_range

#: The symbol kind of each statement kind (editors draw each kind with its own icon).
STATEMENT_SYMBOLS = {
    "thesis": types.SymbolKind.Class,
    "claim": types.SymbolKind.Interface,
    "premise": types.SymbolKind.Field,
    "evidence": types.SymbolKind.Constant,
    "objection": types.SymbolKind.Event,
    "rebuttal": types.SymbolKind.Operator,
    "assumption": types.SymbolKind.TypeParameter,
}
SECTION_SYMBOL = types.SymbolKind.Namespace
ARGUMENT_SYMBOL = types.SymbolKind.Function
#: A symbol's detail is cut to this many characters (editors show it on one line).
DETAIL_LENGTH = 80


def document_symbols(document: MapDocument) -> list[types.DocumentSymbol]:
    """The map's outline: sections with their statements, statements with their arguments; the rest at the top."""
    argument_map = document.map
    if argument_map is None:
        return []
    #: Each item's children, by id (ids are unique across nodes and arguments; sections have their own).
    arguments_of: dict[str, list[types.DocumentSymbol]] = {node_id: [] for node_id in argument_map.nodes}
    top: list[types.DocumentSymbol] = []
    for argument in argument_map.arguments.values():
        premises = " + ".join(p.target for p in argument.premises)
        symbol = _symbol(document, argument.id, ARGUMENT_SYMBOL, f"{premises} {argument.relation} {argument.target.target}")
        if symbol is not None:
            arguments_of.get(argument.target.target, top).append(symbol)
    statements_of: dict[str, list[types.DocumentSymbol]] = {section_id: [] for section_id in argument_map.sections}
    unsectioned: list[types.DocumentSymbol] = []
    for node in argument_map.nodes.values():
        kind = STATEMENT_SYMBOLS.get(node.kind, types.SymbolKind.Object)
        symbol = _symbol(document, node.id, kind, f"{node.kind}: {node.text}", arguments_of[node.id])
        if symbol is not None:
            statements_of.get(node.section or "", unsectioned).append(symbol)
    sections = [_symbol(document, s.id, SECTION_SYMBOL, s.title, statements_of[s.id]) for s in argument_map.sections.values()]
    return [*(s for s in sections if s is not None), *unsectioned, *top]


def workspace_symbols(documents: Iterable[MapDocument], query: str) -> list[types.WorkspaceSymbol]:
    """Every section, statement and argument of the open maps whose id or text holds ``query`` (case and width ignored)."""
    wanted = matching_form(query)
    found: list[types.WorkspaceSymbol] = []
    for document in documents:
        uri = from_fs_path(str(document.path)) or str(document.path)
        pending = [(symbol, document.map.title if document.map is not None else None) for symbol in document_symbols(document)]
        while pending:
            symbol, container = pending.pop(0)
            if wanted in matching_form(symbol.name) or wanted in matching_form(symbol.detail or ""):
                found.append(
                    types.WorkspaceSymbol(
                        name=symbol.name,
                        kind=symbol.kind,
                        location=types.Location(uri, symbol.selection_range),
                        container_name=container,
                    )
                )
            pending += [(child, symbol.name) for child in symbol.children or []]
    return found


def _symbol(
    document: MapDocument, item_id: str, kind: types.SymbolKind, detail: str, children: Sequence[types.DocumentSymbol] = ()
) -> types.DocumentSymbol | None:
    definition = document.definition(item_id)
    if definition is None:
        return None
    short = " ".join(detail.split())
    if len(short) > DETAIL_LENGTH:
        short = short[: DETAIL_LENGTH - 1] + "…"
    return types.DocumentSymbol(
        name=item_id,
        kind=kind,
        range=_block_range(document, definition),
        selection_range=lsp_range(document, definition.span),
        detail=short,
        children=list(children),
    )


def _block_range(document: MapDocument, definition: Occurrence) -> types.Range:
    """From the id's key to the end of the last line indented under it (its whole block of YAML)."""
    lines = document.lines
    first = definition.span.line
    indent = len(lines[first]) - len(lines[first].lstrip())
    last = first
    for line in range(first + 1, len(lines)):
        text = lines[line]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if len(text) - len(text.lstrip()) <= indent:
            break
        last = line
    start = lsp_position(document, first, indent)
    return types.Range(start, lsp_position(document, last, len(line_text(document, last))))

"""Quick fixes of the language server: a diagnostic's own fix, the source's passage for a quote, an ``ignore:``.

The did-you-mean fix is the one a diagnostic carries in its ``data`` (built by
``usfk_argmap.authoring.lsp.lsp_diagnostic`` from ``Diagnostic.fix``), so it
never depends on the message's wording; the others are read from the map.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from lsprotocol import types

from usfk_argmap.authoring.document import MapDocument, codepoint_column, utf16_column


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
    passage = quote_replacement(closest, node.quote or "")
    line = diagnostic.range.start.line
    text = document.lines[line]
    start = codepoint_column(text, diagnostic.range.start.character)
    where = types.Range(types.Position(line, utf16_column(text, start)), types.Position(line, utf16_column(text, len(text))))
    return _replace_action(uri, diagnostic, "Use the source's own passage as the quote", where, _yaml_string(passage))


def quote_replacement(passage: str, quote: str) -> str:
    """The source's passage as a quote to paste: on one line, without the trailing punctuation the quote did not have.

    The closest passage runs to the end of its phrase (``cameras.``, ``長期扮演，``);
    a quote that stopped before the mark meant to stop there.
    """
    from usfk_argmap.quotes.source import one_line

    joined = one_line(passage)
    if _trailing_punctuation(quote.strip()):
        return joined
    return joined[: len(joined) - len(_trailing_punctuation(joined))].rstrip() or joined


def _trailing_punctuation(text: str) -> str:
    """The punctuation (and spaces among it) that ``text`` ends with."""
    end = len(text)
    while end > 0 and (unicodedata.category(text[end - 1]).startswith("P") or text[end - 1].isspace()):
        end -= 1
    return text[end:]


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

"""The language server's "draft a statement from this passage": a code action on a selection of a source text.

On a selection in a source text that an open map quotes (its ``source:``),
the action adds a statement to that map, at the end of its ``nodes:``: the
selection as its ``quote`` (which ``check`` finds), tidied as its ``text``, a
kind proposed by the marker that opens it, and a note saying so
(``usfk_argmap.interop.from_text.passage``). A map whose ``nodes:`` is not a
block mapping gets no action: there is no line to add an entry on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from usfk_argmap.authoring.document import MapDocument, codepoint_column, utf16_column

_NODES_KEY = re.compile(r"nodes:\s*(#.*)?$")


def draft_actions(
    documents: Iterable[MapDocument], source_path: Path, source_text: str, selection: types.Range
) -> list[types.CodeAction]:
    """One action for each open map that quotes ``source_path``, drafting the selected passage into it."""
    from usfk_argmap.interop.from_text.lexicon import load_lexicon
    from usfk_argmap.interop.from_text.passage import node_entry, statement_from_passage

    start, end = _offset(source_text, selection.start), _offset(source_text, selection.end)
    if start >= end:
        return []
    actions: list[types.CodeAction] = []
    for document in documents:
        argument_map = document.map
        if argument_map is None or argument_map.source_path is None or not _same(argument_map.source_path, source_path):
            continue
        statement = statement_from_passage(source_text, start, end, argument_map, load_lexicon(argument_map.lang))
        place = _insertion(document.lines)
        if statement is None or place is None:
            continue
        line, indent = place
        entry = node_entry(statement, indent, indent * 2)
        if line < len(document.lines):
            at = types.Position(line, 0)
        else:  # the map ends without a line break after its last node
            last = document.lines[-1]
            at, entry = types.Position(len(document.lines) - 1, utf16_column(last, len(last))), "\n" + entry
        edit = types.TextEdit(types.Range(at, at), entry)
        actions.append(
            types.CodeAction(
                title=f"Draft a statement from this passage ({statement.id} in {document.path.name})",
                kind=types.CodeActionKind.RefactorExtract,
                edit=types.WorkspaceEdit(changes={from_fs_path(str(document.path)) or document.path.as_uri(): [edit]}),
            )
        )
    return actions


def _same(first: Path, second: Path) -> bool:
    return first.resolve() == second.resolve()


def _offset(text: str, position: types.Position) -> int:
    """The protocol's position (line, UTF-16 column) as an offset of ``text``."""
    lines = text.split("\n")
    line = min(position.line, len(lines) - 1)
    before = sum(len(piece) + 1 for piece in lines[:line])
    return min(len(text), before + codepoint_column(lines[line], position.character))


def _insertion(lines: list[str]) -> tuple[int, str] | None:
    """The 0-based line a new entry goes on (after the last line of ``nodes:``) and the entries' indent."""
    start = next((number for number, line in enumerate(lines) if _NODES_KEY.fullmatch(line)), None)
    if start is None:
        return None
    indent: str | None = None
    last = start
    for number in range(start + 1, len(lines)):
        line = lines[number]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace():
            break  # the next top-level key
        last = number
        if indent is None:
            indent = line[: len(line) - len(line.lstrip(" "))]
    if not indent:
        return None
    return last + 1, indent

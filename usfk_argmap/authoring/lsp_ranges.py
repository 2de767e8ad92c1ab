"""Positions between the document's code points and the protocol's UTF-16 units.

``usfk_argmap.authoring.document`` counts columns in code points (0-based);
the protocol counts UTF-16 code units, where an astral character (𠮷, an
emoji) is two. Every range the language server sends or reads goes through here.
"""

from __future__ import annotations

from lsprotocol import types

from usfk_argmap.authoring.document import MapDocument, Span, codepoint_column, utf16_column
from usfk_argmap.core.diagnostics import Fix


def line_text(document: MapDocument, line: int) -> str:
    """The text of a 0-based line, empty past the end."""
    return document.lines[line] if 0 <= line < len(document.lines) else ""


def lsp_position(document: MapDocument, line: int, column: int) -> types.Position:
    """A 0-based line and code-point column as the protocol's position."""
    return types.Position(line, utf16_column(line_text(document, line), column))


def lsp_range(document: MapDocument, span: Span) -> types.Range:
    """A span on one line as the protocol's range."""
    return types.Range(lsp_position(document, span.line, span.start), lsp_position(document, span.line, span.end))


def document_position(document: MapDocument, position: types.Position) -> tuple[int, int]:
    """The protocol's position as a 0-based line and code-point column."""
    return position.line, codepoint_column(line_text(document, position.line), position.character)


def fix_range(document: MapDocument, fix: Fix) -> types.Range:
    """A fix's 1-based code-point range as the protocol's 0-based UTF-16 one (an astral character counts two)."""

    def position(line: int, column: int) -> types.Position:
        return lsp_position(document, max(line - 1, 0), max(column - 1, 0))

    return types.Range(position(fix.line, fix.column), position(fix.end_line, fix.end_column))

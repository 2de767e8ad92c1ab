"""Parsing untrusted XML with the standard library, refusing entities and internal DTDs.

Expat expands internal entities, so a "billion laughs" document could exhaust
memory. Driving expat directly lets us stop at the first entity or internal
DTD declaration, and record where each element starts for diagnostics. (A
DOCTYPE line that only names an external DTD, as corpora carry, is allowed;
the external DTD is never fetched.)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from usfk_argmap.core.model import Position


class XMLProblem(ValueError):
    """The document is not well-formed, or declares entities or an internal DTD."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.position = position


def parse_xml(text: str) -> tuple[ET.Element, dict[ET.Element, Position]]:
    """The root element and where each element starts. Raises ``XMLProblem``."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()
    positions: dict[ET.Element, Position] = {}

    def here() -> Position:
        return Position(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def start(tag: str, attributes: dict[str, str]) -> None:
        positions[builder.start(tag, attributes)] = here()

    def refuse_entity(*_args: object) -> None:
        raise XMLProblem("the document declares an XML entity; entities are refused", here())

    def doctype(_name: str, _system: object, _public: object, has_internal_subset: int) -> None:
        if has_internal_subset:
            raise XMLProblem("the document carries an internal DTD; DTDs are refused", here())

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.StartDoctypeDeclHandler = doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise XMLProblem(f"XML syntax error: {expat.ErrorString(error.code)}", Position(error.lineno, error.offset + 1)) from None
    try:
        return builder.close(), positions
    except AssertionError:  # TreeBuilder with no root: cannot happen after a clean parse, kept as a net
        raise XMLProblem("the document has no root element", Position()) from None


def strip_controls(text: str) -> str:
    """Text without the control characters XML and DOT cannot carry (tabs and newlines stay)."""
    return "".join(ch for ch in text if ch in "\t\n" or (ord(ch) >= 32 and ch not in "\ufffe\uffff"))

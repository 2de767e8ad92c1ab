"""What every importer shares: the result type, a diagnostics reporter, decoding and positions."""

from __future__ import annotations

from usfk_argmap.core.characters import advice, has_unsafe_characters, replace_unsafe_characters, unsafe_characters
from usfk_argmap.core.codes import codes_of, severity_of
from usfk_argmap.core.diagnostics import Diagnostic
from usfk_argmap.core.model import ArgumentMap, Position
from usfk_argmap.mapfile.loader import LoadResult
from usfk_argmap.mapfile.reading import read_text_file

#: The codes importers report (AM4xx), from the one table in ``usfk_argmap.core.codes``.
IMPORT_CODES = codes_of("import")

#: Files larger than this are refused before parsing.
MAX_IMPORT_BYTES = 16 * 1024 * 1024
#: Where a diagnostic goes when no better position is known.
START = Position(1, 1)


#: What importing gives: the map (None when the file could not be read) and the diagnostics;
#: the same value a map file's loading gives.
ImportResult = LoadResult


class Reporter:
    """Collects an importer's diagnostics for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def __call__(self, code: str, message: str, position: Position = START, node: str | None = None) -> None:
        severity = severity_of(code)
        self.diagnostics.append(Diagnostic(self.file, position.line, position.column, code, severity, message, node))

    def result(self, argument_map: ArgumentMap | None) -> ImportResult:
        return ImportResult(argument_map, self.diagnostics)


def decode(data: bytes, report: Reporter) -> str | None:
    """UTF-8 text of an imported file (BOM allowed), or None and an AM401 diagnostic.

    Lone surrogates and noncharacters are replaced and reported (AM408), as the loader does.
    """
    text, problem, offset = read_text_file(data)
    if text is None:
        line = data.count(b"\n", 0, offset) + 1
        report("AM401", problem or "the file is not UTF-8", Position(line, 1))
        return None
    if has_unsafe_characters(text):
        for found in unsafe_characters(text):
            report("AM408", f"the file holds {advice(found)}", Position.of_offset(text, found.offset))
        text = replace_unsafe_characters(text)
    return text

"""Reading maps from other tools and writing ours for them: one module per format.

Importers take the bytes of a file and return an ``ImportResult``: the map
(None when nothing usable could be read) and diagnostics with positions in
the imported file. Every construct an importer sets aside or approximates is
reported with one of the ``IMPORT_CODES``; no input makes an importer raise.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from usfk_argmap.diagnostics import Diagnostic, Severity
from usfk_argmap.mapfile.loader import LoadResult
from usfk_argmap.model import ArgumentMap, Position

#: Codes the importers report (AM4xx), listed by ``usfk-argmap rules``.
IMPORT_CODES: dict[str, tuple[str, Severity, str]] = {
    "AM401": ("import-syntax", Severity.ERROR,
              "The imported file cannot be read: broken XML or JSON, not UTF-8, or not the expected document."),
    "AM402": ("import-dangling-id", Severity.WARNING,
              "A relation in the imported file names an id or title the file does not define; it is left out."),
    "AM403": ("import-unknown-type", Severity.WARNING,
              "A node or edge type the importer does not know; the element is left out."),
    "AM404": ("import-set-aside", Severity.INFO,
              "A construct with no counterpart in our format (comments, tags, locutions, frontmatter keys, "
              "inference rules...) was set aside or kept only in a note."),
    "AM405": ("import-approximated", Severity.INFO,
              "A construct our format can hold only approximately (a symmetric contradiction, a linked "
              "undercut, an attack on a reconstructed argument) was imported in its nearest form; on "
              "export, what Argdown cannot say (an undercut of a relation) was written in its nearest form."),
    "AM406": ("import-duplicate", Severity.INFO,
              "A relation or element given twice in the imported file was imported once."),
    "AM407": ("import-empty", Severity.ERROR, "The imported file holds no statements, so no map was made."),
    "AM408": ("import-unsafe-character", Severity.WARNING,
              "A lone surrogate or a noncharacter (U+FFFE, U+FFFF...), raw or as an escape: no drawing or UTF-8 "
              "file can hold it, so it was replaced by U+FFFD, as the loader does (AM015)."),
}


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
        severity = IMPORT_CODES[code][1]
        self.diagnostics.append(Diagnostic(self.file, position.line, position.column, code, severity, message, node))

    def result(self, argument_map: ArgumentMap | None) -> ImportResult:
        return ImportResult(argument_map, self.diagnostics)


def offset_position(text: str, offset: int) -> Position:
    """The 1-based line and column of a character offset in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def decode(data: bytes, report: Reporter) -> str | None:
    """UTF-8 text of an imported file (BOM allowed), or None and an AM401 diagnostic.

    Lone surrogates and noncharacters are replaced and reported (AM408), as the loader does.
    """
    from usfk_argmap.characters import advice, has_unsafe_characters, replace_unsafe_characters, unsafe_characters
    from usfk_argmap.mapfile.loader import read_text_file

    text, problem, offset = read_text_file(data)
    if text is None:
        line = data.count(b"\n", 0, offset) + 1
        report("AM401", problem or "the file is not UTF-8", Position(line, 1))
        return None
    if has_unsafe_characters(text):
        for found in unsafe_characters(text):
            report("AM408", f"the file holds {advice(found)}", offset_position(text, found.offset))
        text = replace_unsafe_characters(text)
    return text


Importer = Callable[[bytes, str], ImportResult]

#: Import formats by name, with the file suffixes that select them.
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "argdown": (".argdown", ".ad"),
    "aif": (".json", ".aif"),
    "microtext": (".xml",),
}


def importer(format_name: str) -> Importer:
    """The import function of a format (imported late: each pulls in its own parser)."""
    if format_name == "argdown":
        from usfk_argmap.interop.argdown import import_argdown

        return import_argdown
    if format_name == "aif":
        from usfk_argmap.interop.aif import import_aif

        return import_aif
    if format_name == "microtext":
        from usfk_argmap.interop.microtext import import_microtext

        return import_microtext
    raise ValueError(f"unknown import format {format_name!r}; known: {', '.join(FORMAT_SUFFIXES)}")


def format_from_suffix(path: str | Path) -> str | None:
    """The import format a file name implies, or None."""
    suffix = Path(path).suffix.lower()
    for name, suffixes in FORMAT_SUFFIXES.items():
        if suffix in suffixes:
            return name
    return None


def import_bytes(data: bytes, format_name: str, file: str = "<import>") -> ImportResult:
    """Import a file's bytes in the named format (argdown, aif, microtext)."""
    return importer(format_name)(data, file)


def import_file(path: str | Path, format_name: str | None = None) -> ImportResult:
    """Import a file; the format comes from ``format_name`` or the suffix.

    Raises ``ValueError`` when neither names a known format; a file that
    cannot be read is an AM401 diagnostic.
    """
    path = Path(path)
    chosen = format_name or format_from_suffix(path)
    if chosen is None:
        raise ValueError(f"cannot tell the format of {path.name} from its suffix; "
                         f"name it with --from ({', '.join(FORMAT_SUFFIXES)})")
    importer(chosen)  # an unknown format name is a ValueError before the file is read
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        from usfk_argmap.mapfile.loader import os_reason

        report = Reporter(str(path))
        report("AM401", f"cannot read the file: {os_reason(error)}")
        return report.result(None)
    if len(data) > MAX_IMPORT_BYTES:
        report = Reporter(str(path))
        report("AM401", f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB")
        return report.result(None)
    return import_bytes(data, chosen, str(path))

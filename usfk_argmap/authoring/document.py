"""One map as an editor sees it: its text, what it loads to, its diagnostics, and where each id is.

Both the language server and the preview read maps through this module, so
they say the same things as ``check`` about the same text. Positions here are
0-based (line, column in code points), as editors count lines; columns are
converted to UTF-16 where the protocol needs it (``utf16_column``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from usfk_argmap.authoring.markup import Markup
from usfk_argmap.core.diagnostics import Diagnostic, sort_diagnostics
from usfk_argmap.core.model import OWN_RELATIONS, ArgumentMap, Position
from usfk_argmap.mapfile.loader import LoadResult, load_text

#: Where ids are written, by the key that holds them (completion offers ids after these keys).
ID_KEYS = ("supports", "attacks", "undercuts", "premises", "root")
#: Characters that end an id in the text around the cursor (YAML's flow punctuation, space, comment).
_ID_DELIMITERS = re.compile(r"[\s\[\]{},:#'\"]")
_CODE = re.compile(r"AM\d{3}")


@dataclass(frozen=True)
class Span:
    """A 0-based range on one line: [start, end) in code points."""

    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Occurrence:
    """An id where it is written: its definition or a reference to it, and in which role."""

    id: str
    span: Span
    #: "node", "argument", "section" for definitions; the key it is under for references.
    role: str
    definition: bool


@dataclass
class MapDocument:
    """A map's text, loaded and checked, with every id occurrence indexed.

    One document is one version of the text: an edit makes a new one (``open_document``).
    """

    path: Path
    text: str
    result: LoadResult
    diagnostics: list[Diagnostic]
    occurrences: list[Occurrence] = field(default_factory=list)
    #: The text's lines, split once: completion, hover and every range read them.
    lines: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")

    @property
    def map(self) -> ArgumentMap | None:
        return self.result.map

    def definition(self, item_id: str) -> Occurrence | None:
        return next((o for o in self.occurrences if o.definition and o.id == item_id), None)

    def references(self, item_id: str, *, include_definition: bool = True) -> list[Occurrence]:
        return [o for o in self.occurrences if o.id == item_id and (include_definition or not o.definition)]

    def occurrence_at(self, line: int, column: int) -> Occurrence | None:
        """The id occurrence under a 0-based position (a cursor just after the id counts too)."""
        for occurrence in self.occurrences:
            span = occurrence.span
            if span.line == line and span.start <= column <= span.end:
                return occurrence
        return None

    def word_at(self, line: int, column: int) -> tuple[str, Span] | None:
        """The id-like word under a position, whatever the model makes of it (codes in ``ignore:``...)."""
        lines = self.lines
        if not 0 <= line < len(lines):
            return None
        text = lines[line]
        start = column
        while start > 0 and not _ID_DELIMITERS.match(text[start - 1]):
            start -= 1
        end = column
        while end < len(text) and not _ID_DELIMITERS.match(text[end]):
            end += 1
        if start == end:
            return None
        return text[start:end], Span(line, start, end)

    def code_at(self, line: int, column: int) -> str | None:
        """A diagnostic code (``AM301``) under a position."""
        word = self.word_at(line, column)
        return word[0] if word is not None and _CODE.fullmatch(word[0]) else None


def read_map_text(path: str | Path) -> str:
    """A map file's text from disk, read as every untrusted file is (``core.files.read_untrusted``).

    Raises ``UnreadableFileError`` for a file that is not read (a FIFO, a
    device, a folder, over ``MAX_MAP_BYTES``) or not UTF-8.
    """
    from usfk_argmap.mapfile.reading import MAX_MAP_BYTES, read_untrusted_text

    return read_untrusted_text(path, MAX_MAP_BYTES, "the map file")


def open_document(path: str | Path, text: str, *, source_roots: Sequence[str | Path] = (), index: bool = True) -> MapDocument:
    """Load and check a map's text as if it were saved at ``path`` (its source resolves from there,
    or from one of ``source_roots``); ``index``: find where each id is written (``occurrences``,
    which the language server reads and the preview does not)."""
    path = Path(path)
    result = load_text(text, path, source_roots=source_roots)
    diagnostics = list(result.diagnostics)
    if result.map is not None and result.usable_for("check"):
        from usfk_argmap.rules import run_checks

        diagnostics += run_checks(result.map)
    document = MapDocument(path, text, result, sort_diagnostics(diagnostics))
    if result.map is not None and index:
        document.occurrences = list(_occurrences(result.map, document.lines))
    return document


def _span(lines: list[str], position: Position, item_id: str) -> Span | None:
    """Where ``item_id`` is written, from the 1-based position of its YAML scalar (quotes skipped)."""
    line = position.line - 1
    if not 0 <= line < len(lines):
        return None
    text = lines[line]
    start = position.column - 1
    if start < len(text) and text[start] in "'\"":
        start += 1
    found = text.find(item_id, start)
    if found != start:
        # A folded or escaped scalar: look for the id on its line, else give up on this occurrence.
        found = text.find(item_id)
        if found < 0:
            return None
    return Span(line, found, found + len(item_id))


def _occurrences(argument_map: ArgumentMap, lines: list[str]) -> Iterator[Occurrence]:
    def make(item_id: str, position: Position, role: str, definition: bool) -> Occurrence | None:
        span = _span(lines, position, item_id)
        return Occurrence(item_id, span, role, definition) if span is not None else None

    candidates: list[Occurrence | None] = []
    for section in argument_map.sections.values():
        candidates.append(make(section.id, section.position, "section", True))
    for node in argument_map.nodes.values():
        candidates.append(make(node.id, node.position, "node", True))
        for relation in OWN_RELATIONS:
            for ref in node.refs(relation):
                candidates.append(make(ref.target, ref.position, relation, False))
        for undercut in node.undercuts:
            if undercut.argument is not None:
                candidates.append(make(undercut.argument, undercut.position, "undercuts", False))
                continue
            for end, position in ((undercut.source, undercut.source_position), (undercut.target, undercut.target_position)):
                if end is not None:
                    candidates.append(make(end, position or undercut.position, "undercuts", False))
        if node.section is not None:
            candidates.append(make(node.section, node.field_position("section"), "section", False))
    for argument in argument_map.arguments.values():
        candidates.append(make(argument.id, argument.position, "argument", True))
        for premise in argument.premises:
            candidates.append(make(premise.target, premise.position, "premises", False))
        candidates.append(make(argument.target.target, argument.target.position, argument.relation, False))
    if argument_map.root:
        candidates.append(make(argument_map.root, argument_map.field_position("root"), "root", False))
    yield from (c for c in candidates if c is not None)


def id_problem(new_id: str) -> str | None:
    """Why ``new_id`` cannot be written as an id wherever ids are written (a key, ``[a, b]``, ``{from: a}``), or None.

    An id is one word that YAML reads back as the same text when unquoted:
    no space, no flow punctuation, no quote, and not a number, a boolean or null.
    """
    from usfk_argmap.mapfile.reading import yaml_scalar

    if not new_id.strip():
        return "an id cannot be empty"
    if any(char.isspace() for char in new_id):
        return "an id is one word, without spaces"
    if yaml_scalar(new_id) != new_id:
        return (
            "YAML would not read it back as this id unquoted (it holds punctuation such as , : [ ] { } # "
            "or a quote, or it reads as a number, a boolean or null)"
        )
    return None


def matching_form(text: str) -> str:
    """Text as a typed prefix or a search is compared: ``Ｃ`` is ``C``, and case does not count."""
    return unicodedata.normalize("NFKC", text).casefold()


def utf16_column(line_text: str, column: int) -> int:
    """A code-point column as UTF-16 code units (what LSP counts by default)."""
    return sum(2 if ord(char) > 0xFFFF else 1 for char in line_text[:column])


def codepoint_column(line_text: str, utf16: int) -> int:
    """A UTF-16 column back to code points."""
    units = 0
    for index, char in enumerate(line_text):
        if units >= utf16:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line_text)


def quote_status(document: MapDocument, node_id: str, markup: Markup) -> str:
    """A statement's quote in one sentence: found, with the passage; not found, with the closest; or not checked.

    The language server's hover (``MARKDOWN``, or ``PLAIN`` for a client
    without Markdown) and the preview's details (``PLAIN``) say the same.
    """
    argument_map = document.map
    assert argument_map is not None
    node = argument_map.nodes[node_id]
    source = argument_map.source_text
    if node.quote is None:
        return "No quote."
    if source is None:
        return "Quote not checked: the map names no source text."
    span = source.find(node.quote)
    if span is not None:
        return f"Quote found in {markup.literal(source.name)}: “{markup.literal(source.text[span.start : span.end])}”"
    closest = source.closest(node.quote)
    found = f"Quote {markup.strong('not found')} in {markup.literal(source.name)}."
    return found + (f" Closest passage: “{markup.literal(closest)}”" if closest else "")

"""The loader's passes over a map's bytes, text and YAML, before the map is built from the node tree.

Each pass is a function of the ``Loading`` so far: it reads what the passes
before it made (the bytes, the text, the line table, the node tree), reports
what it finds through ``Loading.report`` and returns False to stop the load.
``usfk_argmap.mapfile.loader.PASSES`` runs them in order, and lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from usfk_argmap.core.characters import advice
from usfk_argmap.core.codes import severity_of
from usfk_argmap.core.diagnostics import Diagnostic, Fix, Severity
from usfk_argmap.core.model import ArgumentMap, Position
from usfk_argmap.mapfile import yaml_hints
from usfk_argmap.mapfile.fields import ALL_KEYS, describe
from usfk_argmap.mapfile.indentation import find_misindented
from usfk_argmap.mapfile.reading import MAX_DEPTH, MAX_MAP_BYTES, NULL_TAG, YAML_LOADER, mark, read_text_file
from usfk_argmap.mapfile.textcheck import (
    LineTable,
    explain_yaml_error,
    recount_marks,
    replace_surrogate_escapes,
    replace_unsafe_in_scalars,
    replace_unsafe_in_text,
)

_BOM = "\ufeff"


@dataclass
class Loading:
    """One map on its way through the passes: what the passes so far made of it, and what they found.

    A map given as bytes starts with ``data``; one given as text starts with
    ``text`` (and ``data`` None, so the passes over bytes have nothing to do).
    """

    path: Path
    source_roots: tuple[str | Path, ...] = ()
    data: bytes | None = None
    text: str = ""
    lines: LineTable = field(default_factory=lambda: LineTable(""))
    document: yaml.Node | None = None
    map: ArgumentMap | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: The name of the pass that stopped the load; None when every pass ran.
    stopped_by: str | None = None

    @property
    def file(self) -> str:
        return str(self.path)

    def report(
        self,
        code: str,
        message: str,
        position: Position,
        node: str | None = None,
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> None:
        level = severity if severity is not None else severity_of(code)
        self.diagnostics.append(Diagnostic(self.file, position.line, position.column, code, level, message, node, fix))


#: A pass: False stops the load (the map is then None).
Pass = Callable[[Loading], bool]


def run_passes(loading: Loading, passes: Sequence[Pass]) -> Loading:
    """Run ``passes`` in order until one stops the load; which one did is ``loading.stopped_by``."""
    for step in passes:
        if not step(loading):
            loading.stopped_by = step.__name__
            break
    return loading


# -- bytes -------------------------------------------------------------------
def bytes_size(loading: Loading) -> bool:
    """A file over ``MAX_MAP_BYTES`` is refused before it is decoded (AM004)."""
    if loading.data is None or len(loading.data) <= MAX_MAP_BYTES:
        return True
    loading.report("AM004", TOO_LARGE, Position())
    return False


#: Why a map file over ``MAX_MAP_BYTES`` is refused (AM004), unread or read.
TOO_LARGE = f"the file is larger than {MAX_MAP_BYTES // (1024 * 1024)} MiB; split the map into smaller ones"


def decode(loading: Loading) -> bool:
    """The bytes as UTF-8 text, a BOM allowed; UTF-16, UTF-32 and Big5 are named (AM002)."""
    if loading.data is None:
        return True
    text, problem, offset = read_text_file(loading.data)
    if text is None:
        loading.report("AM002", problem or "the file is not UTF-8", Position.of_offset(loading.data, offset))
        return False
    loading.text = text
    return True


# -- text --------------------------------------------------------------------
def text_size(loading: Loading) -> bool:
    """A BOM left at the start of the text is dropped; a text over ``MAX_MAP_BYTES`` characters is refused (AM004)."""
    loading.text = loading.text.removeprefix(_BOM)
    if len(loading.text) <= MAX_MAP_BYTES:
        return True
    loading.report("AM004", "the text is too large for a map", Position())
    return False


def line_table(loading: Loading) -> bool:
    """Where the text's own lines start: every later position counts lines as an editor does."""
    # The passes after this one keep the text's length and line breaks, so the table holds for the whole load.
    loading.lines = LineTable(loading.text)
    return True


def unsafe_characters(loading: Loading) -> bool:
    """Raw unsafe code points (``usfk_argmap.core.characters``) replaced, each reported (AM015)."""
    loading.text, found = replace_unsafe_in_text(loading.text, loading.lines)
    for char, position in found:
        loading.report("AM015", f"the file holds {advice(char)}", position)
    return True


def surrogate_escapes(loading: Loading) -> bool:
    """``\\uD800``-style escapes, which libyaml refuses, replaced by ``\\uFFFD``, each reported (AM015)."""
    loading.text, escapes = replace_surrogate_escapes(loading.text, YAML_LOADER, loading.lines)
    for message, position in escapes:
        loading.report("AM015", message, position)
    return True


def event_scan(loading: Loading) -> bool:
    """Refuse anchors and aliases (AM005), several documents, deep nesting and YAML syntax errors (AM001)
    from PyYAML's events, before a node tree is built."""
    depth = 0
    documents = 0
    clean = True
    at = loading.lines.of_mark
    scalar = yaml.ScalarEvent
    try:
        for event in yaml.parse(loading.text, Loader=YAML_LOADER):
            if type(event) is scalar and event.anchor is None:
                continue  # most events: a scalar without an anchor, which nothing below is about
            if isinstance(event, yaml.AliasEvent):
                loading.report("AM005", f"alias *{event.anchor} is not allowed: write the value out", at(event.start_mark))
                clean = False
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                loading.report("AM005", f"anchor &{event.anchor} is not allowed: write the value out", at(event.start_mark))
                clean = False
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    loading.report(
                        "AM001", "the file holds more than one YAML document (---); put one map in a file", at(event.start_mark)
                    )
                    return False
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    loading.report("AM001", f"the YAML nests deeper than {MAX_DEPTH} levels", at(event.start_mark))
                    return False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as error:
        report_yaml_error(loading, error)
        return False
    return clean


def mistyped_keys(loading: Loading) -> bool:
    """Keys of the format typed with a full-width colon or indentation, which YAML may take as text (AM001)."""
    hints = yaml_hints.find_mistyped_keys(loading.text, ALL_KEYS)
    for hint in hints:
        _report_hint(loading, hint, "YAML would read the line as text")
    return not hints


# -- the node tree -------------------------------------------------------------
def compose(loading: Loading) -> bool:
    """PyYAML's node tree of the text: only nodes carry marks and show a key given twice."""
    try:
        loading.document = yaml.compose(loading.text, Loader=YAML_LOADER)
    except yaml.YAMLError as error:  # already caught by the event scan; kept as a safety net
        report_yaml_error(loading, error)
        return False
    except RecursionError:
        loading.report("AM001", "the YAML nests too deeply", Position())
        return False
    return True


def positions(loading: Loading) -> bool:
    """The node tree's marks placed by the file's own line breaks, so the passes after read positions from the nodes."""
    if loading.document is not None:
        recount_marks(loading.document, loading.lines)
    return True


def document_shape(loading: Loading) -> bool:
    """The document is a mapping: an empty file is AM003, a text or a list AM007."""
    document = loading.document
    if document is None or (isinstance(document, yaml.ScalarNode) and document.tag == NULL_TAG):
        loading.report("AM003", "the file is empty: a map needs at least title, root and nodes", Position())
        return False
    if not isinstance(document, yaml.MappingNode):
        loading.report(
            "AM007",
            f"a map file is a mapping with the keys title, root and nodes; this file holds a {describe(document)}",
            mark(document.start_mark),
        )
        return False
    return True


def unsafe_escapes(loading: Loading) -> bool:
    """Unsafe code points that escapes put into the values replaced, each reported at its value (AM015)."""
    # Raw ones went with unsafe_characters: only an escape (a backslash) can write one into a value now.
    if loading.document is not None and "\\" in loading.text:
        for char, position in replace_unsafe_in_scalars(loading.document):
            loading.report("AM015", f"an escape in this value gives {advice(char)}", position)
    return True


def fullwidth_comments(loading: Loading) -> bool:
    """A full-width ``＃`` after a space in a plain text, meant as a comment but kept in the text, reported (AM017)."""
    if loading.document is None or yaml_hints.FULLWIDTH_HASH not in loading.text:
        return True
    text = loading.text
    stack: list[tuple[str, yaml.Node]] = [("", loading.document)]
    while stack:
        key, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack += [(str(k.value) if isinstance(k, yaml.ScalarNode) else key, v) for k, v in reversed(node.value)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(key, entry) for entry in reversed(node.value)]
        elif (
            isinstance(node, yaml.ScalarNode) and node.style in (None, "") and yaml_hints.FULLWIDTH_HASH in node.value
        ):  # libyaml: "" for plain; quoted texts mean it
            start, end = node.start_mark.index, node.end_mark.index
            at = text.find(yaml_hints.FULLWIDTH_HASH, start + 1, end)
            while at >= 0 and not text[at - 1].isspace():
                at = text.find(yaml_hints.FULLWIDTH_HASH, at + 1, end)
            if at >= 0:
                position = loading.lines.position(at)
                loading.report(
                    "AM017",
                    f"a full-width '＃' in the text of {key!r}: only an ASCII '#' starts a comment, so "
                    f"{text[at:end].splitlines()[0].strip()!r} is part of the text; write '#' if a comment was meant",
                    position,
                    fix=Fix("#", position.line, position.column, position.line, position.column + 1),
                )
    return True


# -- YAML's errors, explained ----------------------------------------------------
def report_yaml_error(loading: Loading, error: yaml.YAMLError) -> None:
    """AM001 for a YAML error: its cause when ``textcheck`` or ``yaml_hints`` knows it, else YAML's words."""
    text = loading.text
    if isinstance(error, yaml.MarkedYAMLError):
        explained = explain_yaml_error(error, text, loading.lines)
        if explained is not None:
            loading.report("AM001", explained[0], explained[1])
            return
        problem = error.problem or "invalid YAML"
        if error.context:
            problem = f"{problem} ({error.context})"
        position = loading.lines.of_mark(error.problem_mark or error.context_mark)
        hint = yaml_hints.explain(text, position.line, position.column) or find_misindented(text, position.line)
        if hint is not None:
            _report_hint(loading, hint, f"YAML reported: {error.problem or 'invalid YAML'}, at line {position.line}")
            return
        loading.report("AM001", f"YAML syntax error: {problem}", position)
    elif isinstance(error, yaml.reader.ReaderError):
        encoded = text[: error.position].encode("utf-8")
        loading.report(
            "AM001",
            f"the file contains a character YAML does not allow "
            f"(U+{error.character if isinstance(error.character, int) else ord(error.character):04X})",
            Position.of_offset(encoded, len(encoded)),
        )
    else:
        loading.report("AM001", f"YAML error: {error}", Position())


def _report_hint(loading: Loading, hint: yaml_hints.Hint, what_yaml_said: str) -> None:
    loading.report(
        "AM001", f"YAML syntax error: {hint.message} ({what_yaml_said})", Position(hint.line, hint.column), fix=hint.fix
    )

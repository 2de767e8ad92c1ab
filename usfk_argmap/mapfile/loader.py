"""Read a map file into the model, reporting every problem as a positioned diagnostic.

The loader never raises on bad input: it returns what it could build and the
diagnostics. It works on PyYAML's node tree (``yaml.compose``) rather than on
plain Python objects, because only the nodes carry line and column marks and
only they show a key given twice (PyYAML would silently keep the last one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from usfk_argmap.characters import advice
from usfk_argmap.diagnostics import Diagnostic, Severity, suggest
from usfk_argmap.gcpause import gc_paused
from usfk_argmap.mapfile import yaml_hints
from usfk_argmap.mapfile.sourcefile import MAX_SOURCE_BYTES, read_source_file
from usfk_argmap.mapfile.textcheck import (
    explain_yaml_error,
    mark_position,
    normalize_id,
    own_line_breaks,
    replace_surrogate_escapes,
    replace_unsafe_in_scalars,
    replace_unsafe_in_text,
)
from usfk_argmap.model import (
    NODE_KINDS,
    Argument,
    ArgumentMap,
    MisspelledKey,
    Node,
    Position,
    Ref,
    Section,
    Undercut,
)
from usfk_argmap.source import SourceText

_Built = TypeVar("_Built", Node, Argument)

#: Maps larger than this are refused before parsing (a hand-written map is far smaller).
MAX_MAP_BYTES = 8 * 1024 * 1024
#: Deeper nesting than this is refused: a map needs five levels, PyYAML recurses per level.
MAX_DEPTH = 64

#: Codes the loader reports, with what each means (shown by ``usfk-argmap rules``).
LOAD_CODES: dict[str, tuple[str, Severity, str]] = {
    "AM001": ("yaml-syntax", Severity.ERROR,
              "The file is not valid YAML, holds several documents, or nests too deeply."),
    "AM002": ("not-utf8", Severity.ERROR,
              "The file is not UTF-8 text (Big5/CP950 is a likely legacy encoding for Traditional Chinese)."),
    "AM003": ("empty-file", Severity.ERROR, "The file holds no map."),
    "AM004": ("file-too-large", Severity.ERROR, f"The file is over {MAX_MAP_BYTES // (1024 * 1024)} MiB."),
    "AM005": ("anchor-or-alias", Severity.ERROR,
              "YAML anchors (&a) and aliases (*a) are refused: they allow exponential 'billion laughs' inputs."),
    "AM006": ("duplicate-key", Severity.ERROR, "A key is given twice in one mapping; YAML would silently keep the last."),
    "AM007": ("wrong-type", Severity.ERROR,
              "A value has the wrong type (a list where text is expected, a tag, an empty id...)."),
    "AM008": ("unknown-key", Severity.WARNING,
              "A key the format does not know: a warning, or an error when it is close to a known key "
              "(a likely typo, such as `support` for `supports`), with the intended key suggested."),
    "AM009": ("missing-key", Severity.ERROR,
              "A required key is missing (title, root, nodes; a node's kind and text; an argument's premises and target)."),
    "AM010": ("unknown-kind", Severity.ERROR,
              "A node kind that is not one of thesis, claim, premise, evidence, objection, rebuttal, assumption."),
    "AM011": ("source-unreadable", Severity.ERROR, "The source text named by `source:` is missing or not UTF-8."),
    "AM012": ("bad-suppression", Severity.WARNING, "An `ignore:` entry names a code that does not exist."),
    "AM013": ("file-unreadable", Severity.ERROR,
              "The map file cannot be read: it is missing, a folder, not readable, or reading it failed."),
    "AM014": ("source-not-allowed", Severity.ERROR,
              "The source named by `source:` is not read: it leads (symbolic links followed) outside the map's "
              "folder and the folders allowed with --source-root, or it is a folder, a device or a FIFO, or it is "
              f"over {MAX_SOURCE_BYTES // (1024 * 1024)} MiB."),
    "AM015": ("unsafe-character", Severity.WARNING,
              "A lone surrogate or a noncharacter (U+FFFE, U+FFFF...), raw or as an escape: no drawing or UTF-8 "
              "file can hold it, so it was replaced by U+FFFD."),
}

#: Load problems after which no map is built.
FATAL_CODES = frozenset({"AM001", "AM002", "AM003", "AM004", "AM005", "AM013"})

#: A BCP 47 (RFC 5646) language tag: language, extlang, script, region, variants, extensions, private use.
_LANGUAGE_TAG = re.compile(
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WYZa-wyz](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"
    r"|[Xx](?:-[A-Za-z0-9]{1,8})+", re.ASCII)


def is_language_tag(text: str) -> bool:
    """True when ``text`` is a well-formed BCP 47 language tag (``zh-Hant-TW``, ``en``, ``x-klingon``)."""
    return len(text) <= 64 and _LANGUAGE_TAG.fullmatch(text) is not None


TOP_KEYS = ("title", "lang", "source", "root", "terms", "sections", "nodes", "arguments")
NODE_KEYS = ("kind", "text", "label", "en", "quote", "section", "note", "supports", "attacks", "undercuts", "ignore")
#: The keys of an ``undercuts`` entry that names a node's own relation: ``{from: R, to: T}``.
UNDERCUT_KEYS = ("from", "to")
ARGUMENT_KEYS = ("premises", "supports", "attacks", "note", "ignore")
SECTION_KEYS = ("title", "note")
_ALL_KEYS = frozenset((*TOP_KEYS, *NODE_KEYS, *ARGUMENT_KEYS, *SECTION_KEYS))

# libyaml's parser is some twenty times faster than the pure-Python one and gives the same marks.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_TEXT_TAGS = frozenset({_STR, _INT, _FLOAT})


@dataclass
class LoadResult:
    """What loading a map gave: the map (None when it could not be built) and the diagnostics."""

    map: ArgumentMap | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.map is not None and not any(d.severity is Severity.ERROR for d in self.diagnostics)


def load_map(path: str | Path, *, source_roots: Sequence[str | Path] = ()) -> LoadResult:
    """Load a map file. Never raises on bad input: a file that cannot be read is an AM013 diagnostic.

    The map's ``source:`` is read only inside the map's folder tree or one of
    ``source_roots`` (see ``usfk_argmap.mapfile.sourcefile``).
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_MAP_BYTES + 1)
    except OSError as error:
        loader = _Loader(path)
        loader.report("AM013", f"cannot read the map file: {os_reason(error)}", Position())
        return loader.done(None)
    return load_bytes(data, path, source_roots=source_roots)


def os_reason(error: OSError) -> str:
    """Why a file could not be read, in words (no errno, no repeated path)."""
    if isinstance(error, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def load_bytes(data: bytes, path: str | Path = "<map>", *, source_roots: Sequence[str | Path] = ()) -> LoadResult:
    """Load a map from the bytes of a file; ``path`` names it in diagnostics and anchors ``source:``.

    Without a real ``path`` the map's folder is the current folder.
    """
    return _Loader(Path(path), source_roots).load(data)


def load_text(text: str, path: str | Path = "<map>", *, source_roots: Sequence[str | Path] = ()) -> LoadResult:
    """Load a map from text already decoded."""
    return _Loader(Path(path), source_roots).load_decoded(text)


def read_text_file(data: bytes) -> tuple[str | None, str | None, int]:
    """Decode a UTF-8 file (BOM allowed). Returns (text, error message, error offset)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: FF FE starts both
        return None, "the file is UTF-32; save it as UTF-8", 0
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "the file is UTF-16; save it as UTF-8", 0
    try:
        return data.decode("utf-8"), None, 0
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex().upper()
        message = f"the file is not UTF-8 (byte 0x{bad} cannot be decoded)"
        try:
            data.decode("cp950")
        except UnicodeDecodeError:
            message += "; save it as UTF-8"
        else:
            message += (
                "; it reads as Big5/CP950, a legacy encoding for Traditional Chinese: "
                "convert it with `iconv -f CP950 -t UTF-8`"
            )
        return None, message, error.start


def _offset_position(data: bytes, offset: int) -> Position:
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Position(line, column)


def _mark(mark: Any) -> Position:
    return mark_position(mark)  # by the file's own line breaks (see mapfile.textcheck)


class _Loader:
    def __init__(self, path: Path, source_roots: Sequence[str | Path] = ()) -> None:
        self.path = path
        self.file = str(path)
        self.source_roots = tuple(source_roots)
        self.diagnostics: list[Diagnostic] = []
        self.misspelled: list[MisspelledKey] = []

    # -- diagnostics -------------------------------------------------------
    def report(self, code: str, message: str, position: Position, node: str | None = None,
               severity: Severity | None = None) -> None:
        level = severity if severity is not None else LOAD_CODES[code][1]
        self.diagnostics.append(
            Diagnostic(self.file, position.line, position.column, code, level, message, node)
        )

    def done(self, result: ArgumentMap | None) -> LoadResult:
        return LoadResult(result, self.diagnostics)

    # -- bytes and text ----------------------------------------------------
    def load(self, data: bytes) -> LoadResult:
        if len(data) > MAX_MAP_BYTES:
            self.report("AM004", f"the file is larger than {MAX_MAP_BYTES // (1024 * 1024)} MiB; "
                        "split the map into smaller ones", Position())
            return self.done(None)
        text, problem, offset = read_text_file(data)
        if text is None:
            self.report("AM002", problem or "the file is not UTF-8", _offset_position(data, offset))
            return self.done(None)
        return self.load_decoded(text)

    def load_decoded(self, text: str) -> LoadResult:
        with gc_paused(), own_line_breaks(text.removeprefix("\ufeff")):
            return self._load_decoded(text)

    def _load_decoded(self, text: str) -> LoadResult:
        text = text.removeprefix("\ufeff")
        if len(text) > MAX_MAP_BYTES:
            self.report("AM004", "the text is too large for a map", Position())
            return self.done(None)
        text = self._replace_unsafe_text(text)
        if not self._scan_events(text) or not self._keys_typed_right(text):
            return self.done(None)
        try:
            document = yaml.compose(text, Loader=_YAML_LOADER)
        except yaml.YAMLError as error:  # already caught by the scan; kept as a safety net
            self._report_yaml_error(error, text)
            return self.done(None)
        except RecursionError:
            self.report("AM001", "the YAML nests too deeply", Position())
            return self.done(None)
        if document is None or (isinstance(document, yaml.ScalarNode) and document.tag == _NULL):
            self.report("AM003", "the file is empty: a map needs at least title, root and nodes", Position())
            return self.done(None)
        if not isinstance(document, yaml.MappingNode):
            self.report("AM007", "a map file is a mapping with the keys title, root and nodes; "
                        f"this file holds a {_describe(document)}", _mark(document.start_mark))
            return self.done(None)
        self._replace_unsafe_scalars(document)
        return self.done(self._build_map(document))

    # -- unsafe code points (one policy for the loader and the importers: usfk_argmap.characters) --
    def _replace_unsafe_text(self, text: str) -> str:
        text, found = replace_unsafe_in_text(text)
        for char, position in found:
            self.report("AM015", f"the file holds {advice(char)}", position)
        text, escapes = replace_surrogate_escapes(text, _YAML_LOADER)
        for message, position in escapes:
            self.report("AM015", message, position)
        return text

    def _replace_unsafe_scalars(self, document: yaml.Node) -> None:
        for char, position in replace_unsafe_in_scalars(document):
            self.report("AM015", f"an escape in this value gives {advice(char)}", position)

    def _scan_events(self, text: str) -> bool:
        """Refuse anchors, aliases, several documents and deep nesting before composing."""
        depth = 0
        documents = 0
        clean = True
        try:
            for event in yaml.parse(text, Loader=_YAML_LOADER):
                if isinstance(event, yaml.AliasEvent):
                    self.report("AM005", f"alias *{event.anchor} is not allowed: write the value out",
                                _mark(event.start_mark))
                    clean = False
                elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                    self.report("AM005", f"anchor &{event.anchor} is not allowed: write the value out",
                                _mark(event.start_mark))
                    clean = False
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents == 2:
                        self.report("AM001", "the file holds more than one YAML document (---); "
                                    "put one map in a file", _mark(event.start_mark))
                        return False
                elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    depth += 1
                    if depth > MAX_DEPTH:
                        self.report("AM001", f"the YAML nests deeper than {MAX_DEPTH} levels",
                                    _mark(event.start_mark))
                        return False
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    depth -= 1
        except yaml.YAMLError as error:
            self._report_yaml_error(error, text)
            return False
        return clean

    def _report_yaml_error(self, error: yaml.YAMLError, text: str) -> None:
        if isinstance(error, yaml.MarkedYAMLError) and self._report_explained(error, text):
            return
        if isinstance(error, yaml.MarkedYAMLError):
            problem = error.problem or "invalid YAML"
            if error.context:
                problem = f"{problem} ({error.context})"
            position = _mark(error.problem_mark or error.context_mark)
            hint = yaml_hints.explain(text, position.line, position.column)
            if hint is not None:
                self._report_hint(hint, f"YAML reported: {error.problem or 'invalid YAML'}, at line {position.line}")
                return
            self.report("AM001", f"YAML syntax error: {problem}", position)
        elif isinstance(error, yaml.reader.ReaderError):
            encoded = text[: error.position].encode("utf-8")
            position = _offset_position(encoded, len(encoded))
            self.report("AM001", f"the file contains a character YAML does not allow "
                        f"(U+{error.character if isinstance(error.character, int) else ord(error.character):04X})",
                        position)
        else:
            self.report("AM001", f"YAML error: {error}", Position())

    def _keys_typed_right(self, text: str) -> bool:
        """Report keys of the format typed with a full-width colon or indentation, which YAML may take as text."""
        hints = yaml_hints.find_mistyped_keys(text, _ALL_KEYS)
        for hint in hints:
            self._report_hint(hint, "YAML would read the line as text")
        return not hints

    def _report_hint(self, hint: yaml_hints.Hint, what_yaml_said: str) -> None:
        self.report("AM001", f"YAML syntax error: {hint.message} ({what_yaml_said})", Position(hint.line, hint.column))
    def _report_explained(self, error: yaml.MarkedYAMLError, text: str) -> bool:
        """The causes that mapfile.textcheck explains: a key too long, a surrogate escape."""
        explained = explain_yaml_error(error, text)
        if explained is not None:
            self.report("AM001", explained[0], explained[1])
        return explained is not None

    # -- the YAML node tree -----------------------------------------------
    def _items(self, mapping: yaml.MappingNode, *, ids: bool = False,
               duplicates: list[tuple[str, Position, Position]] | None = None
               ) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        """The entries of a mapping as (key text, key node, value node); duplicates reported."""
        seen: dict[str, Position] = {}
        for key_node, value_node in mapping.value:
            key = self._key_text(key_node, ids=ids)
            if key is None:
                continue
            position = _mark(key_node.start_mark)
            if key in seen:
                if duplicates is not None:
                    duplicates.append((key, position, seen[key]))
                else:
                    first = seen[key]
                    self.report("AM006", f"key {key!r} is given twice (first on line {first.line}); "
                                "YAML would keep only the last one", position)
                continue
            seen[key] = position
            yield key, key_node, value_node

    def _key_text(self, node: yaml.Node, *, ids: bool) -> str | None:
        what = "an id" if ids else "a key"
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _TEXT_TAGS:
            self.report("AM007", f"{what} must be plain text, not a {_describe(node)}", _mark(node.start_mark))
            return None
        if not node.value.strip():
            self.report("AM007", f"{what} must not be empty", _mark(node.start_mark))
            return None
        return normalize_id(str(node.value)) if ids else str(node.value)

    def _unknown_key(self, key: str, key_node: yaml.Node, known: tuple[str, ...], where: str,
                     item: str | None = None, value: yaml.Node | None = None) -> None:
        """AM008; a key close to a known one is a likely typo, so an error, and recorded for the rules."""
        hint = suggest(key, known)
        position = _mark(key_node.start_mark)
        typed, _, rest = key.partition(yaml_hints.FULLWIDTH_COLON)
        if rest and typed.strip() in known:
            self.report("AM008", f"unknown key {key!r} in {where}: a full-width colon '：' follows "
                        f"{typed.strip()!r}; write `{typed.strip()}: {rest.strip()}`", position, item, Severity.ERROR)
            if item is not None:
                self.misspelled.append(MisspelledKey(item, key, typed.strip(), position))
            return
        if hint is None:
            self.report("AM008", f"unknown key {key!r} in {where}; known keys: {', '.join(known)}", position, item)
            return
        self.report("AM008", f"unknown key {key!r} in {where}; did you mean {hint!r}? "
                    "(the entry is ignored until the key is fixed)", position, item, Severity.ERROR)
        if item is not None:
            self.misspelled.append(MisspelledKey(item, key, hint, position, _named_ids(value)))

    def _typo_behind(self, item: str, meant: str) -> str:
        """``"; probably because of the unknown key 'txt' at line N"`` when a misspelled key of ``item`` meant ``meant``."""
        for typo in self.misspelled:
            if typo.item == item and typo.meant == meant:
                return f"; {typo.cause}"
        return ""

    def _text(self, node: yaml.Node, key: str, item: str | None = None) -> str | None:
        """A text value; numbers are taken as written. None (and a diagnostic) otherwise."""
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag in _TEXT_TAGS:
            return str(node.value)
        advice = "; put it in quotes" if isinstance(node, yaml.ScalarNode) else ""
        self.report("AM007", f"{key!r} must be text, not a {_describe(node)}{advice}", _mark(node.start_mark), item)
        return None

    def _lang(self, node: yaml.Node) -> str | None:
        """The map's language: a BCP 47 tag (``zh-Hant``, ``en``); anything else is reported and not used.

        The tag is written into HTML ``lang``, Marp front matter and PowerPoint
        properties, so a value that is not a tag never gets that far.
        """
        text = self._text(node, "lang")
        if text is None or is_language_tag(text.strip()):
            return text
        hyphenated = text.strip().replace("_", "-")
        hint = f"; did you mean {hyphenated!r}?" if is_language_tag(hyphenated) else ""
        self.report("AM007", f"'lang' must be a BCP 47 language tag such as zh-Hant, en or ja, not {text!r}{hint} "
                    "('en' is used)", _mark(node.start_mark))
        return None

    def _refs(self, node: yaml.Node, key: str, item: str) -> tuple[Ref, ...]:
        """An id or a list of ids."""
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _NULL:
                return ()
            value = self._text(node, key, item)
            if value is None:
                return ()
            if not value.strip():
                self.report("AM007", f"{key!r} of {item!r} names an empty id", _mark(node.start_mark), item)
                return ()
            return (Ref(normalize_id(value), _mark(node.start_mark)),)
        if isinstance(node, yaml.SequenceNode):
            refs: list[Ref] = []
            for entry in node.value:
                refs.extend(self._refs(entry, key, item) if isinstance(entry, yaml.ScalarNode)
                            else self._wrong_ref(entry, key, item))
            return tuple(refs)
        return self._wrong_ref(node, key, item)

    def _undercuts(self, node: yaml.Node, item: str) -> tuple[Undercut, ...]:
        """``undercuts``: an entry or a list of entries, each a linked argument's id or ``{from: R, to: T}``."""
        entries = node.value if isinstance(node, yaml.SequenceNode) else [node]
        result: list[Undercut] = []
        for entry in entries:
            if isinstance(entry, yaml.MappingNode):
                undercut = self._undercut_relation(entry, item)
                if undercut is not None:
                    result.append(undercut)
            elif isinstance(entry, yaml.ScalarNode):
                result.extend(Undercut.of_argument(ref.target, ref.position)
                              for ref in self._refs(entry, "undercuts", item))
            else:
                self.report("AM007", f"'undercuts' of {item!r} names a linked argument's id or a relation "
                            f"{{from: REASON, to: TARGET}}, not a {_describe(entry)}", _mark(entry.start_mark), item)
        return tuple(result)

    def _undercut_relation(self, entry: yaml.MappingNode, item: str) -> Undercut | None:
        """``{from: R, to: T}``: the relation of node R to node T (whether it exists is rule AM101's)."""
        ends: dict[str, tuple[str, Position]] = {}
        for key, key_node, value in self._items(entry):
            if key not in UNDERCUT_KEYS:
                self._unknown_key(key, key_node, UNDERCUT_KEYS, f"an undercut of {item!r}", item)
                continue
            if not isinstance(value, yaml.ScalarNode) or value.tag not in _TEXT_TAGS or not value.value.strip():
                self.report("AM007", f"{key!r} of an undercut of {item!r} names one node id, "
                            f"not {'an empty value' if isinstance(value, yaml.ScalarNode) else 'a ' + _describe(value)}",
                            _mark(value.start_mark), item)
                continue
            ends[key] = (normalize_id(str(value.value)), _mark(value.start_mark))
        missing = [key for key in UNDERCUT_KEYS if key not in ends]
        if missing:
            self.report("AM009", f"an undercut of {item!r} names a relation with both 'from' (the reason) "
                        f"and 'to' (its target); {' and '.join(repr(k) for k in missing)} missing",
                        _mark(entry.start_mark), item)
            return None
        (source, source_at), (target, target_at) = ends["from"], ends["to"]
        return Undercut.of_relation(source, target, _mark(entry.start_mark), source_at, target_at)

    def _wrong_ref(self, node: yaml.Node, key: str, item: str) -> tuple[Ref, ...]:
        self.report("AM007", f"{key!r} of {item!r} must be an id or a list of ids, not a {_describe(node)}",
                    _mark(node.start_mark), item)
        return ()

    def _ignore(self, node: yaml.Node, item: str) -> MappingProxyType[str, str]:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return MappingProxyType({})
        if not isinstance(node, yaml.MappingNode):
            self.report("AM007", f"'ignore' of {item!r} maps rule codes to reasons "
                        f"(AM302: why the rule does not apply), not a {_describe(node)}",
                        _mark(node.start_mark), item)
            return MappingProxyType({})
        result: dict[str, str] = {}
        for code, code_node, reason_node in self._items(node):
            reason = self._text(reason_node, code, item)
            if reason is None or not reason.strip():
                self.report("AM007", f"suppressing {code} on {item!r} needs a reason: `{code}: why it does not apply`",
                            _mark(code_node.start_mark), item)
                continue
            result[code.strip().upper()] = reason.strip()
        return MappingProxyType(result)

    # -- the map -----------------------------------------------------------
    def _build_map(self, document: yaml.MappingNode) -> ArgumentMap:
        values: dict[str, yaml.Node] = {}
        fields: dict[str, Position] = {}
        for key, key_node, value_node in self._items(document):
            if key not in TOP_KEYS:
                self._unknown_key(key, key_node, TOP_KEYS, "the map")
                continue
            values[key] = value_node
            fields[key] = _mark(value_node.start_mark)
        top = Position(1, 1)
        for required in ("title", "nodes"):
            if required not in values:
                self.report("AM009", f"the map has no {required!r}", top)
        title = self._text(values["title"], "title") if "title" in values else None
        root = self._text(values["root"], "root") if "root" in values else None
        root = normalize_id(root) if root is not None else None
        lang = self._lang(values["lang"]) if "lang" in values else None
        result = ArgumentMap(title=title or "", root=root or "", nodes={}, lang=(lang or "en").strip() or "en",
                             path=self.path, fields=fields)
        if "sections" in values:
            result.sections = self._sections(values["sections"])
        if "terms" in values:
            result.terms = self._terms(values["terms"])
        duplicates: list[tuple[str, Position, Position]] = []
        if "nodes" in values:
            result.nodes = self._nodes(values["nodes"], duplicates)
        if "arguments" in values:
            result.arguments = self._arguments(values["arguments"], duplicates)
        result.duplicate_ids = duplicates
        result.misspelled_keys = self.misspelled
        if "source" in values:
            self._source(result, values["source"])
        if "root" not in values:
            advice = result.root_advice()
            self.report("AM009", f"the map has no 'root'{'; ' + advice if advice else ''}", top)
        return result

    def _terms(self, node: yaml.Node) -> tuple[str, ...]:
        """The map's own terms: words that a line never breaks inside (a list of texts)."""
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.report("AM007", f"'terms' is a list of words that lines never break inside, not a {_describe(node)}",
                        _mark(node.start_mark))
            return ()
        found: list[str] = []
        for item in node.value:
            text = self._text(item, "terms")
            if text is not None and text.strip():
                found.append(" ".join(text.split()))
        return tuple(dict.fromkeys(found))

    def _sections(self, node: yaml.Node) -> dict[str, Section]:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.report("AM007", f"'sections' maps section ids to headings, not a {_describe(node)}",
                        _mark(node.start_mark))
            return {}
        sections: dict[str, Section] = {}
        for section_id, key_node, value in self._items(node, ids=True):
            position = _mark(key_node.start_mark)
            if isinstance(value, yaml.MappingNode):
                parts: dict[str, str | None] = {}
                for key, sub_key, sub_value in self._items(value):
                    if key not in SECTION_KEYS:
                        self._unknown_key(key, sub_key, SECTION_KEYS, f"section {section_id!r}")
                        continue
                    parts[key] = self._text(sub_value, key)
                title = parts.get("title")
                if not title:
                    self.report("AM009", f"section {section_id!r} has no title", position)
                sections[section_id] = Section(section_id, title or section_id, parts.get("note"), position)
            else:
                title = self._text(value, f"section {section_id}")
                sections[section_id] = Section(section_id, title or section_id, None, position)
        return sections

    def _nodes(self, node: yaml.Node, duplicates: list[tuple[str, Position, Position]]) -> dict[str, Node]:
        return self._by_id(node, "nodes", "node ids to nodes", self._node, duplicates)

    def _by_id(self, node: yaml.Node, key: str, what: str,
               build: Callable[[str, Position, yaml.Node], _Built | None],
               duplicates: list[tuple[str, Position, Position]]) -> dict[str, _Built]:
        """The entries of the id -> item mapping under ``key``, each built by ``build``; ids given twice recorded."""
        if not isinstance(node, yaml.MappingNode):
            self.report("AM007", f"{key!r} maps {what}, not a {_describe(node)}", _mark(node.start_mark))
            return {}
        items: dict[str, _Built] = {}
        for item_id, key_node, value in self._items(node, ids=True, duplicates=duplicates):
            built = build(item_id, _mark(key_node.start_mark), value)
            if built is not None:
                items[item_id] = built
        return items

    def _node(self, node_id: str, position: Position, value: yaml.Node) -> Node | None:
        if not isinstance(value, yaml.MappingNode):
            self.report("AM007", f"node {node_id!r} must be a mapping with kind and text, not a {_describe(value)}",
                        _mark(value.start_mark), node_id)
            return None
        texts: dict[str, str | None] = {}
        refs: dict[str, tuple[Ref, ...]] = {}
        undercuts: tuple[Undercut, ...] = ()
        ignore: MappingProxyType[str, str] = MappingProxyType({})
        fields: dict[str, Position] = {}
        invalid: set[str] = set()  # keys whose value was already reported as the wrong type
        for key, key_node, sub in self._items(value):
            if key not in NODE_KEYS:
                self._unknown_key(key, key_node, NODE_KEYS, f"node {node_id!r}", node_id, sub)
                continue
            fields[key] = _mark(sub.start_mark)
            if key in ("supports", "attacks"):
                refs[key] = self._refs(sub, key, node_id)
            elif key == "undercuts":
                undercuts = self._undercuts(sub, node_id)
            elif key == "ignore":
                ignore = self._ignore(sub, node_id)
            else:
                reported = len(self.diagnostics)
                texts[key] = self._text(sub, key, node_id)
                if len(self.diagnostics) > reported:
                    invalid.add(key)
        kind = (texts.get("kind") or "").strip()
        if "kind" in invalid:
            pass
        elif "kind" not in texts:
            self.report("AM009", f"node {node_id!r} has no 'kind' (one of {', '.join(NODE_KINDS)})"
                        f"{self._typo_behind(node_id, 'kind')}", position, node_id)
        elif kind not in NODE_KINDS:
            hint = suggest(kind, NODE_KINDS)
            advice = f"; did you mean {hint!r}?" if hint else f"; use one of {', '.join(NODE_KINDS)}"
            self.report("AM010", f"node {node_id!r} has the unknown kind {kind!r}{advice}",
                        fields.get("kind", position), node_id)
        text = texts.get("text")
        if "text" not in invalid and (text is None or not text.strip()):
            self.report("AM009", f"node {node_id!r} has no 'text'{self._typo_behind(node_id, 'text')}",
                        fields.get("text", position), node_id)
        section = texts.get("section")
        return Node(
            id=node_id, kind=kind, text=(text or "").strip(), en=_clean(texts.get("en")),
            quote=_clean(texts.get("quote")), section=normalize_id(section.strip()) if section else None,
            note=_clean(texts.get("note")), supports=refs.get("supports", ()), attacks=refs.get("attacks", ()),
            undercuts=undercuts, label=_clean(texts.get("label")), ignore=ignore, position=position,
            fields=MappingProxyType(fields),
        )

    def _arguments(self, node: yaml.Node, duplicates: list[tuple[str, Position, Position]]) -> dict[str, Argument]:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return {}
        return self._by_id(node, "arguments", "argument ids to arguments", self._argument, duplicates)

    def _argument(self, argument_id: str, position: Position, value: yaml.Node) -> Argument | None:
        if not isinstance(value, yaml.MappingNode):
            self.report("AM007", f"argument {argument_id!r} must be a mapping with premises and supports "
                        f"(or attacks), not a {_describe(value)}", _mark(value.start_mark), argument_id)
            return None
        premises: tuple[Ref, ...] = ()
        targets: list[tuple[str, tuple[Ref, ...], Position]] = []
        note: str | None = None
        ignore: MappingProxyType[str, str] = MappingProxyType({})
        has_premises = False
        for key, key_node, sub in self._items(value):
            if key not in ARGUMENT_KEYS:
                self._unknown_key(key, key_node, ARGUMENT_KEYS, f"argument {argument_id!r}", argument_id, sub)
            elif key == "premises":
                has_premises = True
                premises = self._refs(sub, key, argument_id)
            elif key in ("supports", "attacks"):
                targets.append((key, self._refs(sub, key, argument_id), _mark(key_node.start_mark)))
            elif key == "note":
                note = _clean(self._text(sub, key, argument_id))
            else:
                ignore = self._ignore(sub, argument_id)
        if not has_premises or not premises:
            self.report("AM009", f"argument {argument_id!r} has no premises"
                        f"{self._typo_behind(argument_id, 'premises')}", position, argument_id)
        if not targets:
            self.report("AM009", f"argument {argument_id!r} names no target: add 'supports: ID' or 'attacks: ID'"
                        f"{self._typo_behind(argument_id, 'supports') or self._typo_behind(argument_id, 'attacks')}",
                        position, argument_id)
            return None
        if len(targets) > 1 or len(targets[0][1]) != 1:
            where = targets[1][2] if len(targets) > 1 else targets[0][2]
            self.report("AM007", f"argument {argument_id!r} must name exactly one target with supports or attacks; "
                        "write one argument per conclusion", where, argument_id)
        relation, refs, _ = targets[0]
        if not refs:
            return None
        return Argument(argument_id, premises, "supports" if relation == "supports" else "attacks", refs[0],
                        note, ignore, position)

    def _source(self, result: ArgumentMap, node: yaml.Node) -> None:
        name = self._text(node, "source")
        if not name:
            return
        position = _mark(node.start_mark)
        base = self.path.parent if self.path.name != "<map>" else Path.cwd()
        read = read_source_file(name, base, self.source_roots)
        result.source_path = read.path
        if read.data is None:
            self.report(read.code or "AM011", read.problem or f"cannot read the source text {name!r}", position)
            return
        text, problem, _ = read_text_file(read.data)
        if text is None:
            self.report("AM011", f"source text {name!r}: {problem}", position)
            return
        result.source_text = SourceText(text, name)  # named as the map names it: no machine paths in output


def _named_ids(node: yaml.Node | None) -> tuple[str, ...]:
    """The ids a value names if it is an id or a list of ids (for a misspelled relation key); else none."""
    if isinstance(node, yaml.ScalarNode) and node.tag in _TEXT_TAGS and node.value.strip():
        return (str(node.value),)
    if isinstance(node, yaml.SequenceNode):
        return tuple(str(entry.value) for entry in node.value
                     if isinstance(entry, yaml.ScalarNode) and entry.tag in _TEXT_TAGS and entry.value.strip())
    return ()


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    tag = node.tag
    if tag.startswith("tag:yaml.org,2002:"):
        name = tag.rsplit(":", 1)[1]
        return {"str": "text", "int": "number", "float": "number", "bool": "true/false value",
                "null": "empty value"}.get(name, name)
    return f"value tagged {tag}"

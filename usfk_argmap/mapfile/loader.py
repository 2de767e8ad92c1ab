"""Read a map file into the model, reporting every problem as a positioned diagnostic.

The loader never raises on bad input: it returns what it could build and the
diagnostics. It works on PyYAML's node tree (``yaml.compose``) rather than on
plain Python objects, because only the nodes carry line and column marks and
only they show a key given twice (PyYAML would silently keep the last one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

import yaml

from usfk_argmap.core.characters import advice
from usfk_argmap.core.codes import severity_of
from usfk_argmap.core.diagnostics import Diagnostic, Fix, Severity
from usfk_argmap.core.gcpause import gc_paused
from usfk_argmap.core.model import NODE_KINDS, Argument, ArgumentMap, MisspelledKey, Node, Position, Ref, Section, Undercut
from usfk_argmap.mapfile import yaml_hints
from usfk_argmap.mapfile.fields import ALL_KEYS, ARGUMENT_KEYS, NODE_KEYS, SECTION_KEYS, TOP_KEYS, FieldReader, clean, describe
from usfk_argmap.mapfile.reading import MAX_DEPTH, MAX_MAP_BYTES, NULL_TAG, YAML_LOADER, mark, os_reason, read_text_file
from usfk_argmap.mapfile.sourcefile import read_source_file
from usfk_argmap.mapfile.textcheck import (
    explain_yaml_error,
    normalize_id,
    own_line_breaks,
    replace_surrogate_escapes,
    replace_unsafe_in_scalars,
    replace_unsafe_in_text,
)
from usfk_argmap.mapfile.usable import Purpose, usable_for
from usfk_argmap.quotes.source import SourceText

_Built = TypeVar("_Built", Node, Argument)


@dataclass
class LoadResult:
    """What loading a map gave: the map (None when it could not be built) and the diagnostics."""

    map: ArgumentMap | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the map is all the file says: built, with no load error (``usable_for("exact")``)."""
        return self.usable_for("exact")

    def usable_for(self, purpose: Purpose) -> bool:
        """Whether the map can be used for ``purpose``: check, draw or exact (see ``mapfile.usable``)."""
        return usable_for(self.map, self.diagnostics, purpose)


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


def load_bytes(data: bytes, path: str | Path = "<map>", *, source_roots: Sequence[str | Path] = ()) -> LoadResult:
    """Load a map from the bytes of a file; ``path`` names it in diagnostics and anchors ``source:``.

    Without a real ``path`` the map's folder is the current folder.
    """
    return _Loader(Path(path), source_roots).load(data)


def load_text(text: str, path: str | Path = "<map>", *, source_roots: Sequence[str | Path] = ()) -> LoadResult:
    """Load a map from text already decoded."""
    return _Loader(Path(path), source_roots).load_decoded(text)


class _Loader(FieldReader):
    def __init__(self, path: Path, source_roots: Sequence[str | Path] = ()) -> None:
        self.path = path
        self.file = str(path)
        self.source_roots = tuple(source_roots)
        self.diagnostics: list[Diagnostic] = []
        self.misspelled: list[MisspelledKey] = []

    # -- diagnostics -------------------------------------------------------
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

    def done(self, result: ArgumentMap | None) -> LoadResult:
        return LoadResult(result, self.diagnostics)

    # -- bytes and text ----------------------------------------------------
    def load(self, data: bytes) -> LoadResult:
        if len(data) > MAX_MAP_BYTES:
            self.report(
                "AM004",
                f"the file is larger than {MAX_MAP_BYTES // (1024 * 1024)} MiB; split the map into smaller ones",
                Position(),
            )
            return self.done(None)
        text, problem, offset = read_text_file(data)
        if text is None:
            self.report("AM002", problem or "the file is not UTF-8", Position.of_offset(data, offset))
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
        text = self.text = self._replace_unsafe_text(text)
        if not self._scan_events(text) or not self._keys_typed_right(text):
            return self.done(None)
        try:
            document = yaml.compose(text, Loader=YAML_LOADER)
        except yaml.YAMLError as error:  # already caught by the scan; kept as a safety net
            self._report_yaml_error(error, text)
            return self.done(None)
        except RecursionError:
            self.report("AM001", "the YAML nests too deeply", Position())
            return self.done(None)
        if document is None or (isinstance(document, yaml.ScalarNode) and document.tag == NULL_TAG):
            self.report("AM003", "the file is empty: a map needs at least title, root and nodes", Position())
            return self.done(None)
        if not isinstance(document, yaml.MappingNode):
            self.report(
                "AM007",
                f"a map file is a mapping with the keys title, root and nodes; this file holds a {describe(document)}",
                mark(document.start_mark),
            )
            return self.done(None)
        self._replace_unsafe_scalars(document)
        return self.done(self._build_map(document))

    # -- unsafe code points (one policy for the loader and the importers: usfk_argmap.core.characters) --
    def _replace_unsafe_text(self, text: str) -> str:
        text, found = replace_unsafe_in_text(text)
        for char, position in found:
            self.report("AM015", f"the file holds {advice(char)}", position)
        text, escapes = replace_surrogate_escapes(text, YAML_LOADER)
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
            for event in yaml.parse(text, Loader=YAML_LOADER):
                if isinstance(event, yaml.AliasEvent):
                    self.report("AM005", f"alias *{event.anchor} is not allowed: write the value out", mark(event.start_mark))
                    clean = False
                elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                    self.report("AM005", f"anchor &{event.anchor} is not allowed: write the value out", mark(event.start_mark))
                    clean = False
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents == 2:
                        self.report(
                            "AM001",
                            "the file holds more than one YAML document (---); put one map in a file",
                            mark(event.start_mark),
                        )
                        return False
                elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    depth += 1
                    if depth > MAX_DEPTH:
                        self.report("AM001", f"the YAML nests deeper than {MAX_DEPTH} levels", mark(event.start_mark))
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
            position = mark(error.problem_mark or error.context_mark)
            hint = yaml_hints.explain(text, position.line, position.column)
            if hint is not None:
                self._report_hint(hint, f"YAML reported: {error.problem or 'invalid YAML'}, at line {position.line}")
                return
            self.report("AM001", f"YAML syntax error: {problem}", position)
        elif isinstance(error, yaml.reader.ReaderError):
            encoded = text[: error.position].encode("utf-8")
            position = Position.of_offset(encoded, len(encoded))
            self.report(
                "AM001",
                f"the file contains a character YAML does not allow "
                f"(U+{error.character if isinstance(error.character, int) else ord(error.character):04X})",
                position,
            )
        else:
            self.report("AM001", f"YAML error: {error}", Position())

    def _keys_typed_right(self, text: str) -> bool:
        """Report keys of the format typed with a full-width colon or indentation, which YAML may take as text."""
        hints = yaml_hints.find_mistyped_keys(text, ALL_KEYS)
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

    # -- the map -----------------------------------------------------------
    def _build_map(self, document: yaml.MappingNode) -> ArgumentMap:
        values: dict[str, yaml.Node] = {}
        fields: dict[str, Position] = {}
        for key, key_node, value_node in self._items(document):
            if key not in TOP_KEYS:
                self._unknown_key(key, key_node, TOP_KEYS, "the map")
                continue
            values[key] = value_node
            fields[key] = mark(value_node.start_mark)
        top = Position(1, 1)
        for required in ("title", "nodes"):
            if required not in values:
                self.report("AM009", f"the map has no {required!r}", top)
        title = self._text(values["title"], "title") if "title" in values else None
        root = self._text(values["root"], "root") if "root" in values else None
        root = normalize_id(root) if root is not None else None
        lang = self._lang(values["lang"]) if "lang" in values else None
        result = ArgumentMap(
            title=title or "", root=root or "", nodes={}, lang=(lang or "en").strip() or "en", path=self.path, fields=fields
        )
        result.file_text = self.text
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
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.report(
                "AM007",
                f"'terms' is a list of words that lines never break inside, not a {describe(node)}",
                mark(node.start_mark),
            )
            return ()
        found: list[str] = []
        for item in node.value:
            text = self._text(item, "terms")
            if text is not None and text.strip():
                found.append(" ".join(text.split()))
        return tuple(dict.fromkeys(found))

    def _sections(self, node: yaml.Node) -> dict[str, Section]:
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.report("AM007", f"'sections' maps section ids to headings, not a {describe(node)}", mark(node.start_mark))
            return {}
        sections: dict[str, Section] = {}
        for section_id, key_node, value in self._items(node, ids=True):
            position = mark(key_node.start_mark)
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

    def _by_id(
        self,
        node: yaml.Node,
        key: str,
        what: str,
        build: Callable[[str, Position, yaml.Node], _Built | None],
        duplicates: list[tuple[str, Position, Position]],
    ) -> dict[str, _Built]:
        """The entries of the id -> item mapping under ``key``, each built by ``build``; ids given twice recorded."""
        if not isinstance(node, yaml.MappingNode):
            self.report("AM007", f"{key!r} maps {what}, not a {describe(node)}", mark(node.start_mark))
            return {}
        items: dict[str, _Built] = {}
        for item_id, key_node, value in self._items(node, ids=True, duplicates=duplicates):
            built = build(item_id, mark(key_node.start_mark), value)
            if built is not None:
                items[item_id] = built
        return items

    def _node(self, node_id: str, position: Position, value: yaml.Node) -> Node | None:
        if not isinstance(value, yaml.MappingNode):
            self.report(
                "AM007",
                f"node {node_id!r} must be a mapping with kind and text, not a {describe(value)}",
                mark(value.start_mark),
                node_id,
            )
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
            fields[key] = mark(sub.start_mark)
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
            self.report(
                "AM009",
                f"node {node_id!r} has no 'kind' (one of {', '.join(NODE_KINDS)}){self._typo_behind(node_id, 'kind')}",
                position,
                node_id,
            )
        elif kind not in NODE_KINDS:
            self._unknown_kind(kind, fields.get("kind", position), node_id)
        text = texts.get("text")
        if "text" not in invalid and (text is None or not text.strip()):
            self.report(
                "AM009",
                f"node {node_id!r} has no 'text'{self._typo_behind(node_id, 'text')}",
                fields.get("text", position),
                node_id,
            )
        section = texts.get("section")
        return Node(
            id=node_id,
            kind=kind,
            text=(text or "").strip(),
            en=clean(texts.get("en")),
            quote=clean(texts.get("quote")),
            section=normalize_id(section.strip()) if section else None,
            note=clean(texts.get("note")),
            supports=refs.get("supports", ()),
            attacks=refs.get("attacks", ()),
            undercuts=undercuts,
            label=clean(texts.get("label")),
            ignore=ignore,
            position=position,
            fields=MappingProxyType(fields),
        )

    def _arguments(self, node: yaml.Node, duplicates: list[tuple[str, Position, Position]]) -> dict[str, Argument]:
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
            return {}
        return self._by_id(node, "arguments", "argument ids to arguments", self._argument, duplicates)

    def _argument(self, argument_id: str, position: Position, value: yaml.Node) -> Argument | None:
        if not isinstance(value, yaml.MappingNode):
            self.report(
                "AM007",
                f"argument {argument_id!r} must be a mapping with premises and supports (or attacks), not a {describe(value)}",
                mark(value.start_mark),
                argument_id,
            )
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
                targets.append((key, self._refs(sub, key, argument_id), mark(key_node.start_mark)))
            elif key == "note":
                note = clean(self._text(sub, key, argument_id))
            else:
                ignore = self._ignore(sub, argument_id)
        if not has_premises or not premises:
            self.report(
                "AM009",
                f"argument {argument_id!r} has no premises{self._typo_behind(argument_id, 'premises')}",
                position,
                argument_id,
            )
        if not targets:
            self.report(
                "AM009",
                f"argument {argument_id!r} names no target: add 'supports: ID' or 'attacks: ID'"
                f"{self._typo_behind(argument_id, 'supports') or self._typo_behind(argument_id, 'attacks')}",
                position,
                argument_id,
            )
            return None
        if len(targets) > 1 or len(targets[0][1]) != 1:
            where = targets[1][2] if len(targets) > 1 else targets[0][2]
            self.report(
                "AM007",
                f"argument {argument_id!r} must name exactly one target with supports or attacks; "
                "write one argument per conclusion",
                where,
                argument_id,
            )
        relation, refs, _ = targets[0]
        if not refs:
            return None
        return Argument(
            argument_id, premises, "supports" if relation == "supports" else "attacks", refs[0], note, ignore, position
        )

    def _source(self, result: ArgumentMap, node: yaml.Node) -> None:
        name = self._text(node, "source")
        if not name:
            return
        position = mark(node.start_mark)
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

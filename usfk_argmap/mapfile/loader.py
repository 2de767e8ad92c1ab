"""Read a map file into the model, reporting every problem as a positioned diagnostic.

The loader never raises on bad input: it returns what it could build and the
diagnostics. It works on PyYAML's node tree (``yaml.compose``) rather than on
plain Python objects, because only the nodes carry line and column marks and
only they show a key given twice (PyYAML would silently keep the last one).

A map goes through ``PASSES``, in this order (``usfk_argmap.mapfile.passes``;
the last is this module's); a pass that stops the load leaves the map None:

1. ``bytes_size``: a file over 8 MiB is refused (AM004); stops.
2. ``decode``: the bytes as UTF-8 text (AM002); stops.
3. ``text_size``: a BOM dropped, a text over 8 MiB refused (AM004); stops.
4. ``line_table``: where the text's own lines start, for every position after.
5. ``unsafe_characters``: raw unsafe code points replaced (AM015).
6. ``surrogate_escapes``: ``\\uD800``-style escapes replaced (AM015).
7. ``event_scan``: anchors, aliases (AM005), several documents, deep nesting, syntax errors (AM001); stops.
8. ``mistyped_keys``: keys typed with a full-width colon or indentation (AM001); stops.
9. ``compose``: the node tree (AM001, a safety net); stops.
10. ``positions``: the nodes' marks counted by the file's own line breaks.
11. ``document_shape``: an empty file (AM003), a document that is no mapping (AM007); stops.
12. ``unsafe_escapes``: unsafe code points that escapes wrote replaced (AM015).
13. ``fullwidth_comments``: a full-width ``＃`` meant as a comment, kept in a text (AM017).
14. ``build_map``: the model from the node tree (AM006 to AM011, AM014 for ``source:``, AM017, AM018).

A map given as text starts at ``text_size``: the passes over bytes have none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

import yaml

from usfk_argmap.core.diagnostics import Diagnostic, Fix, Severity
from usfk_argmap.core.errors import UnreadableFileError
from usfk_argmap.core.files import read_untrusted
from usfk_argmap.core.gcpause import gc_paused
from usfk_argmap.core.model import NODE_KINDS, Argument, ArgumentMap, MisspelledKey, Node, Position, Ref, Section, Undercut
from usfk_argmap.mapfile.fields import ARGUMENT_KEYS, NODE_KEYS, SECTION_KEYS, TOP_KEYS, clean, describe
from usfk_argmap.mapfile.indentation import Misplaced, regroup, stray_item
from usfk_argmap.mapfile.passes import (
    TOO_LARGE,
    Loading,
    Pass,
    bytes_size,
    compose,
    decode,
    document_shape,
    event_scan,
    fullwidth_comments,
    line_table,
    mistyped_keys,
    positions,
    run_passes,
    surrogate_escapes,
    text_size,
    unsafe_characters,
    unsafe_escapes,
)
from usfk_argmap.mapfile.reading import MAX_MAP_BYTES, NULL_TAG, mark, read_text_file
from usfk_argmap.mapfile.scheme_fields import (
    ARGUMENT_SCHEME_KEYS,
    NODE_SCHEME_KEYS,
    SchemeFieldReader,
    SchemeValue,
    with_argument_schemes,
    with_node_schemes,
)
from usfk_argmap.mapfile.sourcefile import read_source_file
from usfk_argmap.mapfile.textcheck import normalize_id
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
        data = read_untrusted(path, MAX_MAP_BYTES, "the map file")
    except UnreadableFileError as error:
        loading = Loading(path)
        if error.kind == "size":
            loading.report("AM004", TOO_LARGE, Position())
        else:
            loading.report("AM013", f"cannot read the map file: {error.reason}", Position())
        return _result(loading)
    return load_bytes(data, path, source_roots=source_roots)


def load_bytes(data: bytes, path: str | Path = "<map>", *, source_roots: Sequence[str | Path] = ()) -> LoadResult:
    """Load a map from the bytes of a file; ``path`` names it in diagnostics and anchors ``source:``.

    Without a real ``path`` the map's folder is the current folder.
    """
    return _result(load_passes(Loading(Path(path), tuple(source_roots), data=data)))


def load_text(text: str, path: str | Path = "<map>", *, source_roots: Sequence[str | Path] = ()) -> LoadResult:
    """Load a map from text already decoded."""
    return _result(load_passes(Loading(Path(path), tuple(source_roots), text=text)))


def load_passes(loading: Loading) -> Loading:
    """Run ``PASSES`` over a map given as bytes or text; ``loading.map`` is the map when none stopped."""
    with gc_paused():
        return run_passes(loading, PASSES)


def _result(loading: Loading) -> LoadResult:
    return LoadResult(loading.map, loading.diagnostics)


def build_map(loading: Loading) -> bool:
    """The model from the node tree: keys, ids, texts, references and the source text (AM006 to AM011, AM014)."""
    # Dropped while the collector is paused: kept, the whole tree would be scanned when it is resumed.
    document, loading.document = loading.document, None
    assert isinstance(document, yaml.MappingNode)  # document_shape saw to it
    loading.map = _Loader(loading)._build_map(document)
    return True


#: The passes, in order (the module's docstring says what each does).
PASSES: tuple[Pass, ...] = (
    bytes_size,
    decode,
    text_size,
    line_table,
    unsafe_characters,
    surrogate_escapes,
    event_scan,
    mistyped_keys,
    compose,
    positions,
    document_shape,
    unsafe_escapes,
    fullwidth_comments,
    build_map,
)


class _Loader(SchemeFieldReader):
    """Builds the model from a map's node tree, reporting through the ``Loading`` it is given."""

    def __init__(self, loading: Loading) -> None:
        self.loading = loading
        self.path = loading.path
        self.source_roots = loading.source_roots
        self.diagnostics = loading.diagnostics
        self.misspelled: list[MisspelledKey] = []
        self.text = loading.text
        self._id_blocks: list[yaml.MappingNode] = []
        self._ids: frozenset[str] | None = None

    def report(
        self,
        code: str,
        message: str,
        position: Position,
        node: str | None = None,
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> None:
        self.loading.report(code, message, position, node, severity, fix)

    def _defined(self, item: str) -> bool:
        if self._ids is None:  # gathered once, and only for a map that has a reference looking like a list
            self._ids = frozenset(
                normalize_id(str(key.value))
                for block in self._id_blocks
                for key, _ in block.value
                if isinstance(key, yaml.ScalarNode)
            )
        return item in self._ids

    # -- the map -----------------------------------------------------------
    def _build_map(self, document: yaml.MappingNode) -> ArgumentMap:
        values: dict[str, yaml.Node] = {}
        fields: dict[str, Position] = {}
        blocks: dict[str, yaml.Node] = {}
        for key, key_node, value_node in self._items(document):
            if key not in TOP_KEYS:
                stray = stray_item(key_node, value_node, blocks, self.text or "")
                if stray is not None:
                    self._report_misplaced([stray])
                else:
                    self._unknown_key(key, key_node, TOP_KEYS, "the map")
                continue
            if key in ("nodes", "arguments"):
                blocks[key] = value_node
            values[key] = value_node
            fields[key] = mark(value_node.start_mark)
        values.update((key, block) for key, block in blocks.items() if key in values)  # with the items put back
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
        self._id_blocks = [
            block for block in (values.get("nodes"), values.get("arguments")) if isinstance(block, yaml.MappingNode)
        ]
        if "sections" in values:
            result.sections = self._sections(values["sections"])
        if "terms" in values:
            result.terms = self._terms(values["terms"])
        if "questions" in values:
            result.questions = self._questions(values["questions"])
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
        self._report_misplaced(regroup(node, key, self.text or "", items=False))
        before = (len(self.diagnostics), len(self.misspelled), len(duplicates))
        self.suspect_items = False
        items = self._build_items(node, build, duplicates)
        if self.suspect_items:  # an unknown key of an item may be an item indented under it: read again, regrouped
            misplaced = regroup(node, key, self.text or "")
            if misplaced:
                del self.diagnostics[before[0] :], self.misspelled[before[1] :], duplicates[before[2] :]
                self._report_misplaced(misplaced)
                items = self._build_items(node, build, duplicates)
        return items

    def _build_items(
        self,
        node: yaml.MappingNode,
        build: Callable[[str, Position, yaml.Node], _Built | None],
        duplicates: list[tuple[str, Position, Position]],
    ) -> dict[str, _Built]:
        items: dict[str, _Built] = {}
        for item_id, key_node, value in self._items(node, ids=True, duplicates=duplicates):
            built = build(item_id, mark(key_node.start_mark), value)
            if built is not None:
                items[item_id] = built
        return items

    def _report_misplaced(self, found: list[Misplaced]) -> None:
        for misplaced in found:
            self.report("AM018", misplaced.message, mark(misplaced.key.start_mark), misplaced.item, fix=misplaced.fix)

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
        scheme_values: dict[str, SchemeValue] = {}
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
            elif key in NODE_SCHEME_KEYS:
                scheme_values[key] = self._scheme_value(key, sub, node_id)
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
        node = Node(
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
        return with_node_schemes(node, scheme_values)

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
        scheme_values: dict[str, SchemeValue] = {}
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
            elif key in ARGUMENT_SCHEME_KEYS:
                scheme_values[key] = self._scheme_value(key, sub, argument_id)
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
        argument = Argument(
            argument_id, premises, "supports" if relation == "supports" else "attacks", refs[0], note, ignore, position
        )
        return with_argument_schemes(argument, scheme_values)

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

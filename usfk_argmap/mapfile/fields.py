"""Reading the values of a map's YAML node tree: keys, texts, references, undercuts, suppressions.

``FieldReader`` is a mixin of the loader: it reports every problem through the
loader's ``report`` and returns what it could read.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

import yaml

from usfk_argmap.core.characters import clean_id, id_problem
from usfk_argmap.core.diagnostics import Fix, Severity, did_you_mean_phrase, suggest
from usfk_argmap.core.model import NODE_KINDS, MisspelledKey, Position, Ref, Undercut
from usfk_argmap.mapfile import yaml_hints
from usfk_argmap.mapfile.reading import NULL_TAG, TEXT_TAGS, fix_at, fix_of, fix_over, is_language_tag, mark, yaml_scalar
from usfk_argmap.mapfile.textcheck import normalize_id
from usfk_argmap.mapfile.typed_lists import TypedList, ascii_form, has_fullwidth, typed_list

TOP_KEYS = ("title", "lang", "source", "root", "terms", "questions", "sections", "nodes", "arguments")
NODE_KEYS = (
    "kind",
    "text",
    "label",
    "en",
    "quote",
    "section",
    "note",
    "supports",
    "attacks",
    "undercuts",
    "schemes",
    "answers",
    "outweighs",
    "ignore",
)
#: The keys of an ``undercuts`` entry that names a node's own relation: ``{from: R, to: T}``.
UNDERCUT_KEYS = ("from", "to")
ARGUMENT_KEYS = ("premises", "supports", "attacks", "scheme", "roles", "note", "ignore")
SECTION_KEYS = ("title", "note")
ALL_KEYS = frozenset((*TOP_KEYS, *NODE_KEYS, *ARGUMENT_KEYS, *SECTION_KEYS))


class FieldReader:
    """The readers of one YAML node each: a mapping's entries, a text, a list of references..."""

    #: Keys written with a typo, kept so the checks can name them as likely causes.
    misspelled: list[MisspelledKey]
    #: The text being loaded, once decoded and made safe: what positions and fixes refer to.
    text: str | None = None
    #: Whether an item had an unknown key holding a mapping or nothing: maybe an item indented under it.
    suspect_items: bool = False

    def report(
        self,
        code: str,
        message: str,
        position: Position,
        node: str | None = None,
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> None:
        raise NotImplementedError

    # -- the YAML node tree -----------------------------------------------
    def _items(
        self, mapping: yaml.MappingNode, *, ids: bool = False, duplicates: list[tuple[str, Position, Position]] | None = None
    ) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        """The entries of a mapping as (key text, key node, value node); duplicates reported."""
        # The first key node of each text: positions are made for a duplicate only (most mappings have none).
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in mapping.value:
            key = self._key_text(key_node, ids=ids)
            if key is None:
                continue
            if key in seen:
                position, first = mark(key_node.start_mark), mark(seen[key].start_mark)
                if duplicates is not None:
                    duplicates.append((key, position, first))
                else:
                    self.report(
                        "AM006",
                        f"key {key!r} is given twice (first on line {first.line}); YAML would keep only the last one",
                        position,
                    )
                continue
            seen[key] = key_node
            yield key, key_node, value_node

    def _key_text(self, node: yaml.Node, *, ids: bool) -> str | None:
        what = "an id" if ids else "a key"
        if not isinstance(node, yaml.ScalarNode) or node.tag not in TEXT_TAGS:
            self.report("AM007", f"{what} must be plain text, not a {describe(node)}", mark(node.start_mark))
            return None
        if not node.value.strip():
            self.report("AM007", f"{what} must not be empty", mark(node.start_mark))
            return None
        if not ids:
            return str(node.value)
        found = self._id(node, str(node.value), None)
        problem = id_problem(found)
        if problem is not None:
            fit = clean_id(found)
            self.report(
                "AM016",
                f"the id {found[:60]!r} {problem}; an id is one line of visible characters: {did_you_mean_phrase(fit[:60])}",
                mark(node.start_mark),
                fix=fix_of(node, fit),
            )
        return found

    def _unknown_key(
        self,
        key: str,
        key_node: yaml.Node,
        known: tuple[str, ...],
        where: str,
        item: str | None = None,
        value: yaml.Node | None = None,
    ) -> None:
        """AM008; a key close to a known one is a likely typo, so an error, and recorded for the rules."""
        if item is not None and (
            isinstance(value, yaml.MappingNode) or (isinstance(value, yaml.ScalarNode) and value.tag == NULL_TAG)
        ):
            self.suspect_items = True
        hint = suggest(key, known)
        position = mark(key_node.start_mark)
        typed, _, rest = key.partition(yaml_hints.FULLWIDTH_COLON)
        if rest and typed.strip() in known:
            self.report(
                "AM008",
                f"unknown key {key!r} in {where}: a full-width colon '：' follows "
                f"{typed.strip()!r}; write `{typed.strip()}: {rest.strip()}`",
                position,
                item,
                Severity.ERROR,
            )
            if item is not None:
                self.misspelled.append(MisspelledKey(item, key, typed.strip(), position))
            return
        if hint is None:
            self.report("AM008", f"unknown key {key!r} in {where}; known keys: {', '.join(known)}", position, item)
            return
        self.report(
            "AM008",
            f"unknown key {key!r} in {where}; {did_you_mean_phrase(hint)} (the entry is ignored until the key is fixed)",
            position,
            item,
            Severity.ERROR,
            fix_of(key_node, hint),
        )
        if item is not None:
            self.misspelled.append(MisspelledKey(item, key, hint, position, named_ids(value)))

    def _unknown_kind(self, kind: str, position: Position, item: str) -> None:
        """AM010, with the kind most like the one written, as a fix of the value."""
        hint = suggest(kind, NODE_KINDS)
        advice = f"; {did_you_mean_phrase(hint)}" if hint else f"; use one of {', '.join(NODE_KINDS)}"
        fix = fix_at(self.text, position, hint) if hint else None
        self.report("AM010", f"node {item!r} has the unknown kind {kind!r}{advice}", position, item, fix=fix)

    def _typo_behind(self, item: str, meant: str) -> str:
        """``"; probably because of the unknown key 'txt' at line N"`` when a misspelled key of ``item`` meant ``meant``."""
        for typo in self.misspelled:
            if typo.item == item and typo.meant == meant:
                return f"; {typo.cause}"
        return ""

    def _text(self, node: yaml.Node, key: str, item: str | None = None) -> str | None:
        """A text value; numbers are taken as written. None (and a diagnostic) otherwise."""
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag in TEXT_TAGS:
            return str(node.value)
        advice = "; put it in quotes" if isinstance(node, yaml.ScalarNode) else ""
        self.report("AM007", f"{key!r} must be text, not a {describe(node)}{advice}", mark(node.start_mark), item)
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
        fix = fix_of(node, hyphenated) if is_language_tag(hyphenated) else None
        self.report(
            "AM007",
            f"'lang' must be a BCP 47 language tag such as zh-Hant, en or ja, not {text!r}"
            + (f"; {did_you_mean_phrase(hyphenated)}" if fix is not None else "")
            + " ('en' is used)",
            mark(node.start_mark),
            fix=fix,
        )
        return None

    def _refs(self, node: yaml.Node, key: str, item: str) -> tuple[Ref, ...]:
        """An id or a list of ids; a list typed as text (``P2, P3``, ``【P2，P3】``) is read as the list, and reported."""
        if isinstance(node, yaml.ScalarNode):
            if node.tag == NULL_TAG:
                return ()
            value = self._text(node, key, item)
            if value is None:
                return ()
            if not value.strip():
                self.report("AM007", f"{key!r} of {item!r} names an empty id", mark(node.start_mark), item)
                return ()
            listed = None if value.isalnum() else self._typed_list(node, value)
            if listed is not None:
                self._report_typed_list(node, value, listed, key, item, as_list=key == "premises" or len(listed.ids) > 1)
                return tuple(Ref(normalize_id(ref), mark(node.start_mark)) for ref in listed.ids)
            return (Ref(self._id(node, value, item), mark(node.start_mark)),)
        if isinstance(node, yaml.SequenceNode):
            return self._ref_list(node, key, item)
        return self._wrong_ref(node, key, item)

    def _ref_list(self, node: yaml.SequenceNode, key: str, item: str) -> tuple[Ref, ...]:
        """A list of ids; an entry typed as several (``[P2，P3]``) is read as its ids, and the list's fix given."""
        refs: list[Ref] = []
        typed: list[tuple[yaml.ScalarNode, str, TypedList]] = []
        for entry in node.value:
            if not isinstance(entry, yaml.ScalarNode):
                refs.extend(self._wrong_ref(entry, key, item))
                continue
            value = str(entry.value)
            listed = None if value.isalnum() or entry.tag not in TEXT_TAGS else self._typed_list(entry, value)
            if listed is None or listed.bracketed:
                refs.extend(self._refs(entry, key, item))
                continue
            typed.append((entry, value, listed))
            refs.extend(Ref(normalize_id(ref), mark(entry.start_mark)) for ref in listed.ids)
        if typed and node.flow_style:
            entry, value, listed = typed[0]
            whole = TypedList(tuple(ref.target for ref in refs), listed.foreign_signs, True)
            self._report_typed_list(node, value, whole, key, item, as_list=True, part=True)
        else:
            for entry, value, listed in typed:
                self._report_typed_list(entry, value, listed, key, item, as_list=False, part=True)
        return tuple(refs)

    def _typed_list(self, node: yaml.ScalarNode, value: str) -> TypedList | None:
        """The list a scalar was meant to be: a plain one, or one whose signs are full-width (quoting was not meant);
        never a text that is itself an id of the map (``No bubbles, no preemption``, ``甲、乙``)."""
        listed = typed_list(value)
        if listed is None or (node.style not in (None, "") and not listed.foreign_signs):  # libyaml: "" for plain
            return None
        return None if self._defined(normalize_id(value.strip())) else listed

    def _defined(self, item: str) -> bool:
        """Whether ``item`` is the id of a node or an argument of the map (the loader knows; a reader alone does not)."""
        return False

    def _report_typed_list(
        self, node: yaml.Node, value: str, listed: TypedList, key: str, item: str, *, as_list: bool, part: bool = False
    ) -> None:
        """AM007 for a list typed as text, with the list as YAML reads it as the fix (the entry's ids for a block list)."""
        ids = ", ".join(yaml_scalar(ref) for ref in listed.ids)
        written = f"[{ids}]" if as_list else ids
        what = f"an entry of {key!r} of {item!r}" if part else f"{key!r} of {item!r}"
        block = part and not as_list
        self.report(
            "AM007",
            f"{what} is the one text {value.strip()!r}, not a list of ids: {listed.reason()}; "
            + (f"write one id per '- ' line: {', '.join(listed.ids)}" if block else f"write `{key}: {written}`"),
            mark(node.start_mark),
            item,
            fix=None if block else fix_over(node, written),
        )

    def _id(self, node: yaml.Node, value: str, item: str | None) -> str:
        """An id as compared (NFC); one typed in full-width letters or digits is read in ASCII, with an AM017 warning."""
        if value.isascii():  # most ids: nothing to fold, nothing to compose
            return value
        if has_fullwidth(value):
            written = ascii_form(value).strip()
            self.report(
                "AM017",
                f"the id {value.strip()!r} is typed in full-width letters, digits or signs; "
                f"it is read as {written!r}: write `{written}`",
                mark(node.start_mark),
                item,
                fix=fix_of(node, written),
            )
            value = written
        return normalize_id(value)

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
                result.extend(Undercut.of_argument(ref.target, ref.position) for ref in self._refs(entry, "undercuts", item))
            else:
                self.report(
                    "AM007",
                    f"'undercuts' of {item!r} names a linked argument's id or a relation "
                    f"{{from: REASON, to: TARGET}}, not a {describe(entry)}",
                    mark(entry.start_mark),
                    item,
                )
        return tuple(result)

    def _undercut_relation(self, entry: yaml.MappingNode, item: str) -> Undercut | None:
        """``{from: R, to: T}``: the relation of node R to node T (whether it exists is rule AM101's)."""
        ends: dict[str, tuple[str, Position]] = {}
        for key, key_node, value in self._items(entry):
            if key not in UNDERCUT_KEYS:
                self._unknown_key(key, key_node, UNDERCUT_KEYS, f"an undercut of {item!r}", item)
                continue
            if not isinstance(value, yaml.ScalarNode) or value.tag not in TEXT_TAGS or not value.value.strip():
                self.report(
                    "AM007",
                    f"{key!r} of an undercut of {item!r} names one node id, "
                    f"not {'an empty value' if isinstance(value, yaml.ScalarNode) else 'a ' + describe(value)}",
                    mark(value.start_mark),
                    item,
                )
                continue
            ends[key] = (self._id(value, str(value.value), item), mark(value.start_mark))
        missing = [key for key in UNDERCUT_KEYS if key not in ends]
        if missing:
            self.report(
                "AM009",
                f"an undercut of {item!r} names a relation with both 'from' (the reason) "
                f"and 'to' (its target); {' and '.join(repr(k) for k in missing)} missing",
                mark(entry.start_mark),
                item,
            )
            return None
        (source, source_at), (target, target_at) = ends["from"], ends["to"]
        return Undercut.of_relation(source, target, mark(entry.start_mark), source_at, target_at)

    def _wrong_ref(self, node: yaml.Node, key: str, item: str) -> tuple[Ref, ...]:
        self.report(
            "AM007", f"{key!r} of {item!r} must be an id or a list of ids, not a {describe(node)}", mark(node.start_mark), item
        )
        return ()

    def _ignore(self, node: yaml.Node, item: str) -> MappingProxyType[str, str]:
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
            return MappingProxyType({})
        if not isinstance(node, yaml.MappingNode):
            self.report(
                "AM007",
                f"'ignore' of {item!r} maps rule codes to reasons (AM302: why the rule does not apply), not a {describe(node)}",
                mark(node.start_mark),
                item,
            )
            return MappingProxyType({})
        result: dict[str, str] = {}
        for code, code_node, reason_node in self._items(node):
            reason = self._text(reason_node, code, item)
            if reason is None or not reason.strip():
                self.report(
                    "AM007",
                    f"suppressing {code} on {item!r} needs a reason: `{code}: why it does not apply`",
                    mark(code_node.start_mark),
                    item,
                )
                continue
            result[code.strip().upper()] = reason.strip()
        return MappingProxyType(result)


def named_ids(node: yaml.Node | None) -> tuple[str, ...]:
    """The ids a value names if it is an id or a list of ids (for a misspelled relation key); else none."""
    if isinstance(node, yaml.ScalarNode) and node.tag in TEXT_TAGS and node.value.strip():
        return (str(node.value),)
    if isinstance(node, yaml.SequenceNode):
        return tuple(
            str(entry.value)
            for entry in node.value
            if isinstance(entry, yaml.ScalarNode) and entry.tag in TEXT_TAGS and entry.value.strip()
        )
    return ()


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    tag = node.tag
    if tag.startswith("tag:yaml.org,2002:"):
        name = tag.rsplit(":", 1)[1]
        return {"str": "text", "int": "number", "float": "number", "bool": "true/false value", "null": "empty value"}.get(
            name, name
        )
    return f"value tagged {tag}"

"""Reading AIF JSON (the AIFdb / OVA format) into a map (``writer.py`` writes a map as it).

Reading:
- ``I`` nodes (information) are statements, with their ``nodeID`` as id;
- an ``RA`` node (inference) joins premises to a conclusion: several premises
  make a linked argument named by the RA's id, one premise a plain
  ``supports``;
- a ``CA`` node (conflict) onto an I node is an attack; onto an RA or CA node
  it undercuts that inference: a plain relation's (``{from: R, to: T}``) when
  the scheme has one premise and one conclusion, else the linked argument's;
- an RA or CA node's ``scheme``/``schemeID`` is the inference's scheme when
  the catalogue has it (``aif/schemes.py``);
- a ``PA`` node (preference) from one statement over another is ``outweighs``;
  one between inferences is set aside;
- an ``MA`` node (rephrase) has no counterpart: the rephrasing statement gets
  a note naming the one it rephrases;
- locutions and dialogue nodes (``L``, ``YA``, ``TA``) are set aside, with
  one note per type.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from usfk_argmap.core.model import NODE_KINDS, ArgumentMap, Position, Section
from usfk_argmap.interop.aif.jsontext import MAX_JSON_DEPTH, replace_unsafe, too_deep
from usfk_argmap.interop.aif.schemes import read_scheme
from usfk_argmap.interop.draft import Draft, DraftArgument, DraftNode
from usfk_argmap.interop.importing import START, ImportResult, Reporter, decode
from usfk_argmap.interop.scheme_data import answers_from_data, id_table

DIALOGUE_TYPES = {
    "L": "locution",
    "YA": "illocutionary connection",
    "TA": "transition",
    "TA'": "transition",
    "MA'": "rephrase of locutions",
}
SCHEME_TYPES = ("RA", "CA", "MA", "PA")


def import_aif(data: bytes, file: str = "<aif>", root: str | None = None) -> ImportResult:
    """Read an AIF JSON document (AIFdb, OVA; an OVA file's ``"AIF"`` member is used).

    ``root`` is the statement the user asks to be the map's root (or None).
    """
    report = Reporter(file)
    text = decode(data, report)
    if text is None:
        return report.result(None)
    text = text.removeprefix("\ufeff")
    if too_deep(text):
        report("AM401", f"the JSON nests deeper than {MAX_JSON_DEPTH} levels")
        return report.result(None)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        report("AM401", f"JSON syntax error: {error.msg}", Position(error.lineno, error.colno))
        return report.result(None)
    except (RecursionError, ValueError) as error:
        report("AM401", f"the JSON cannot be read: {error}")
        return report.result(None)
    document = replace_unsafe(document, text, report)
    if isinstance(document, dict) and isinstance(document.get("AIF"), dict):
        document = document["AIF"]
    if (
        not isinstance(document, dict)
        or not isinstance(document.get("nodes"), list)
        or not isinstance(document.get("edges"), list)
    ):
        report("AM401", 'an AIF document is a JSON object with the lists "nodes" and "edges"')
        return report.result(None)
    return report.result(_Reader(text, document, report, root).read())


def _id(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    return text or None


@dataclass
class _Scheme:
    id: str
    type: str
    premises: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    #: The catalogue scheme the node names (``scheme``/``schemeID``), if any.
    scheme: str | None = None


class _Reader:
    def __init__(self, text: str, document: dict[str, Any], report: Reporter, requested_root: str | None = None) -> None:
        self.text = text
        self.requested_root = requested_root
        self.document = document
        self.report = report
        self.raw_texts: dict[str, str] = {}
        self._id_offsets: dict[tuple[str, str], int] | None = None
        self._lines = _LineStarts(text)

    def position(self, key: str, value: str) -> Position:
        """Where ``"key": value`` is written (its first occurrence), for diagnostics.

        The ids are found in one pass over the text, the first time one is asked for: a
        search per id from the start of the text made importing quadratic (2.4 MB took 66 s).
        """
        if self._id_offsets is None:
            self._id_offsets = {}
            for match in _ID_ENTRY.finditer(self.text):
                written = match.group(2)
                try:
                    value_read = json.loads(written) if written.startswith('"') else written
                except ValueError:
                    continue
                found = _id(value_read)
                if found is not None:
                    self._id_offsets.setdefault((match.group(1), found), match.start())
        offset = self._id_offsets.get((key, value))
        return START if offset is None else self._lines.position(offset)

    def read(self) -> ArgumentMap | None:
        meta = self._metadata()
        statements: dict[str, str] = {}
        schemes: dict[str, _Scheme] = {}
        set_aside: Counter[str] = Counter()
        first_aside: dict[str, str] = {}
        kinds: dict[str, str] = {}
        for entry in self.document["nodes"]:
            node_id = _id(entry.get("nodeID")) if isinstance(entry, dict) else None
            if node_id is None:
                self.report("AM403", 'a node without a usable "nodeID" is left out', self._object_position(entry))
                continue
            node_type = str(entry.get("type", "")).strip()
            kinds[node_id] = node_type
            if node_id in statements or node_id in schemes:
                self.report(
                    "AM406", f"node {node_id!r} is given twice; the first is kept", self.position("nodeID", node_id), node_id
                )
                continue
            if node_type == "I":
                text = entry.get("text")
                self.raw_texts[node_id] = text if isinstance(text, str) else ""
                statements[node_id] = " ".join(str(text).split()) if isinstance(text, (str, int, float)) else ""
            elif node_type in SCHEME_TYPES:
                named, foreign = read_scheme(entry) if node_type in ("RA", "CA") else (None, None)
                schemes[node_id] = _Scheme(node_id, node_type, scheme=named)
                if foreign is not None:
                    self.report(
                        "AM404",
                        f"{node_type} node {node_id!r} names the scheme {foreign!r}, which the catalogue lacks "
                        "(`usfk-argmap schemes` lists it); the inference is read without a scheme",
                        self.position("nodeID", node_id),
                        node_id,
                    )
            elif node_type in DIALOGUE_TYPES:
                set_aside[node_type] += 1
                first_aside.setdefault(node_type, node_id)
            else:
                self.report(
                    "AM403",
                    f"node {node_id!r} has the unknown type {node_type!r} (I, RA, CA, MA, or a dialogue type); it is left out",
                    self.position("nodeID", node_id),
                    node_id,
                )
        for node_type, count in set_aside.items():
            self.report(
                "AM404",
                f"{count} {node_type} node(s) ({DIALOGUE_TYPES[node_type]}) set aside: "
                "the dialogue layer has no counterpart in an argument map",
                self.position("nodeID", first_aside[node_type]),
            )
        for key in ("locutions", "participants"):
            if self.document.get(key):
                self.report(
                    "AM404",
                    f"the {key!r} list is set aside: it belongs to the dialogue layer",
                    Position(*_key_position(self.text, key)),
                )
        if not statements:
            self.report("AM407", "the document has no I nodes (statements)")
            return None
        self._edges(statements, schemes, kinds)
        return self._build(statements, schemes, meta)

    def _object_position(self, entry: object) -> Position:
        if isinstance(entry, dict) and isinstance(entry.get("text"), str) and entry["text"]:
            found = self.text.find(json.dumps(entry["text"], ensure_ascii=False)[1:-1])
            if found >= 0:
                return Position.of_offset(self.text, found)
        return START

    def _edges(self, statements: dict[str, str], schemes: dict[str, _Scheme], kinds: dict[str, str]) -> None:
        seen: set[tuple[str, str]] = set()
        for entry in self.document["edges"]:
            edge_id = _id(entry.get("edgeID")) if isinstance(entry, dict) else None

            def where(edge_id: str | None = edge_id) -> Position:
                return self.position("edgeID", edge_id) if edge_id else START

            if not isinstance(entry, dict):
                self.report("AM403", "an edge that is not a JSON object is left out", where())
                continue
            source, target = _id(entry.get("fromID")), _id(entry.get("toID"))
            if source is None or target is None or source not in kinds or target not in kinds:
                missing = source if source is None or source not in kinds else target
                self.report(
                    "AM402",
                    f"edge {edge_id!r} names the node {missing!r}, which the document does not define; the edge is left out",
                    where(),
                    edge_id,
                )
                continue
            if (source, target) in seen:
                self.report("AM406", f"edge {edge_id!r} repeats the edge from {source!r} to {target!r}", where(), edge_id)
                continue
            seen.add((source, target))
            if target in schemes and source in statements:
                schemes[target].premises.append(source)
            elif source in schemes and (target in statements or target in schemes):
                schemes[source].targets.append(target)
            elif source in statements or target in statements:
                if kinds[source] in DIALOGUE_TYPES or kinds[target] in DIALOGUE_TYPES:
                    continue  # part of the dialogue layer, already noted
                self.report(
                    "AM403",
                    f"edge {edge_id!r} joins {kinds[source] or '?'} node {source!r} to "
                    f"{kinds[target] or '?'} node {target!r}, which no argument structure allows; "
                    "it is left out",
                    where(),
                    edge_id,
                )

    def _metadata(self) -> dict[str, Any]:
        """Our own ``"argmap"`` object, when present and well-formed."""
        meta = self.document.get("argmap")
        if meta is None:
            return {}
        if (
            not isinstance(meta, dict)
            or not isinstance(meta.get("nodes", {}), dict)
            or not isinstance(meta.get("arguments", {}), dict)
        ):
            self.report(
                "AM404",
                'the "argmap" object is not in the expected shape and is ignored',
                Position(*_key_position(self.text, "argmap")),
            )
            return {}
        return meta

    def _build(self, statements: dict[str, str], schemes: dict[str, _Scheme], meta: dict[str, Any]) -> ArgumentMap:
        meta_nodes: dict[str, Any] = meta.get("nodes", {})
        raw_texts = self.raw_texts
        names: dict[str, str] = {}
        taken: set[str] = set()
        for node_id in statements:
            wanted = meta_nodes.get(node_id, {}).get("id") if isinstance(meta_nodes.get(node_id), dict) else None
            # Our own id is kept exactly (leading spaces too); only AIF's nodeID is trimmed.
            name = wanted if isinstance(wanted, str) and wanted.strip() else node_id
            names[node_id] = name if name not in taken else node_id
            taken.add(names[node_id])
        draft = Draft(
            title=str(meta.get("title") or "Imported AIF map"),
            lang=str(meta.get("lang") or "en"),
            requested_root=self.requested_root,
        )
        source = meta.get("source")
        draft.source = source if isinstance(source, str) and source.strip() else None
        draft.questions = "all" if meta.get("questions") == "all" else "assumptions"
        sections = meta.get("sections")
        if isinstance(sections, dict):
            for key, value in sections.items():
                if isinstance(value, dict) and isinstance(value.get("title"), str):
                    note = value.get("note")
                    draft.sections[str(key)] = Section(str(key), value["title"], note if isinstance(note, str) else None)
        for node_id, text in statements.items():
            extra = meta_nodes.get(node_id)
            extra = extra if isinstance(extra, dict) else {}
            if extra and isinstance(raw_texts.get(node_id), str) and " ".join(raw_texts[node_id].split()) == text:
                text = raw_texts[node_id]  # our own export: the text exactly, line breaks and all
            kind = extra.get("kind") if extra.get("kind") in NODE_KINDS else None
            fields: dict[str, str | None] = {
                key: extra[key] if isinstance(extra.get(key), str) else None
                for key in ("label", "en", "quote", "section", "note")
            }
            draft.add_node(
                DraftNode(
                    names[node_id],
                    text or names[node_id],
                    kind=kind,
                    ignore=_ignore(extra),
                    answers=answers_from_data(extra.get("answers")),
                    label=fields["label"],
                    en=fields["en"],
                    quote=fields["quote"],
                    section=fields["section"],
                    note=fields["note"],
                )
            )
        root = meta.get("root")
        root = root if isinstance(root, str) and root in draft.nodes else _id(root)
        draft.root = root if root in draft.nodes else None
        meta_arguments: dict[str, Any] = meta.get("arguments", {})
        undercut = {
            target for scheme in schemes.values() if scheme.type == "CA" for target in scheme.targets if target in schemes
        }
        argument_ids: dict[str, str] = {}
        #: Scheme id -> (reason, conclusion) of the plain relation it became.
        plain: dict[str, tuple[str, str]] = {}
        for scheme in schemes.values():
            if scheme.type == "MA":
                self._rephrase(draft, scheme, names)
                continue
            if not scheme.premises or not scheme.targets:
                self.report(
                    "AM402",
                    f"{scheme.type} node {scheme.id!r} lacks a premise or a conclusion; it is left out",
                    self.position("nodeID", scheme.id),
                    scheme.id,
                )
                continue
            if scheme.type == "PA":
                self._preference(draft, scheme, names)
                continue
            conclusions = [t for t in scheme.targets if t in statements]
            if scheme.type == "RA" and len(conclusions) != len(scheme.targets):
                self.report(
                    "AM403",
                    f"RA node {scheme.id!r} points at another scheme node; only its conclusions that are I nodes are kept",
                    self.position("nodeID", scheme.id),
                    scheme.id,
                )
            relation: Literal["supports", "attacks"] = "supports" if scheme.type == "RA" else "attacks"
            premises = [names[p] for p in scheme.premises]
            explicit = len(premises) > 1 or scheme.id in meta_arguments or (scheme.id in undercut and len(conclusions) > 1)
            if not explicit and conclusions:
                plain[scheme.id] = (premises[0], names[conclusions[0]])
                if scheme.scheme is not None:
                    draft.nodes[premises[0]].schemes.setdefault(names[conclusions[0]], scheme.scheme)
            for number, conclusion in enumerate(conclusions):
                if explicit:
                    extra = _argument_meta(meta_arguments.get(scheme.id))
                    wanted = extra.get("id") or scheme.id
                    argument_id = draft.free_id(wanted if number == 0 else f"{wanted}.{number + 1}")
                    argument_ids.setdefault(scheme.id, argument_id)
                    note = extra.get("note") if number == 0 else None
                    draft.arguments[argument_id] = DraftArgument(
                        argument_id,
                        premises,
                        relation,
                        names[conclusion],
                        note if isinstance(note, str) else None,
                        ignore=_ignore(extra) if number == 0 else {},
                        scheme=scheme.scheme,
                        roles=id_table(extra.get("roles")) if number == 0 else {},
                    )
                else:
                    draft.relate(premises[0], names[conclusion], relation)
        for scheme in schemes.values():
            if scheme.type != "CA":
                continue
            for target in scheme.targets:
                if target in plain:
                    for premise in scheme.premises:
                        draft.undercut_relation(names[premise], *plain[target])
                elif target in argument_ids:
                    for premise in scheme.premises:
                        draft.relate(names[premise], argument_ids[target], "undercuts")
                else:
                    continue
                if len(scheme.premises) > 1:
                    self.report(
                        "AM405",
                        f"CA node {scheme.id!r} undercuts with {len(scheme.premises)} premises "
                        "together; our format has no linked undercut, so each premise undercuts alone",
                        self.position("nodeID", scheme.id),
                        scheme.id,
                    )
        return draft.build()

    def _preference(self, draft: Draft, scheme: _Scheme, names: dict[str, str]) -> None:
        """A PA node: each statement before it outweighs each statement after it; a preference of inferences is set aside."""
        weaker = [names[target] for target in scheme.targets if target in names]
        for source in scheme.premises:
            outweighs = draft.nodes[names[source]].outweighs
            outweighs.extend(target for target in weaker if target not in outweighs)
        if len(weaker) != len(scheme.targets) or not scheme.premises:
            self.report(
                "AM404",
                f"PA node {scheme.id!r} prefers one inference or conflict to another; our format weighs "
                "statements only (`outweighs`), so that preference is set aside",
                self.position("nodeID", scheme.id),
                scheme.id,
            )

    def _rephrase(self, draft: Draft, scheme: _Scheme, names: dict[str, str]) -> None:
        for source in scheme.premises:
            for target in scheme.targets:
                if target not in names:
                    continue
                node = draft.nodes[names[target]]
                remark = f"A rephrase of {names[source]} (AIF MA node {scheme.id})."
                node.note = f"{node.note}\n{remark}" if node.note else remark
        self.report(
            "AM404",
            f"MA node {scheme.id!r} (rephrase) has no counterpart; the rephrasing statement notes what it rephrases",
            self.position("nodeID", scheme.id),
            scheme.id,
        )


def _argument_meta(value: object) -> dict[str, Any]:
    """Our metadata of an argument: ``{"id", "note", "ignore"}``, or just its id (older exports)."""
    if isinstance(value, dict):
        wanted = value.get("id")
        return {**value, "id": wanted if isinstance(wanted, str) and wanted.strip() else None}
    return {"id": _id(value)}


def _ignore(extra: dict[str, Any]) -> dict[str, str]:
    value = extra.get("ignore")
    if not isinstance(value, dict):
        return {}
    return {str(code): str(reason) for code, reason in value.items() if isinstance(reason, (str, int, float))}


#: ``"nodeID": value`` or ``"edgeID": value`` as JSON writes it: the value a string (escapes and all) or a number.
_ID_ENTRY = re.compile(r'"(nodeID|edgeID)"\s*:\s*("(?:[^"\\\n]|\\.)*"|-?\d+)')


class _LineStarts:
    """Line and column of an offset, by a binary search of the line starts (found once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None

    def position(self, offset: int) -> Position:
        if self.starts is None:
            self.starts = [0, *(match.end() for match in re.finditer("\n", self.text))]
        line = bisect.bisect_right(self.starts, offset)
        return Position(line, offset - self.starts[line - 1] + 1)


def _key_position(text: str, key: str) -> tuple[int, int]:
    found = text.find(f'"{key}"')
    position = Position.of_offset(text, found) if found >= 0 else START
    return position.line, position.column


# -- writing -----------------------------------------------------------------

"""Importing the arg-microtexts XML format (Peldszus & Stede): ``arggraph`` documents.

- each ``adu`` becomes a node with its id; its text is the text of the
  ``edu`` (or ``joint`` of EDUs) segmented into it by ``seg`` edges;
- ``sup`` and ``exa`` are supports (an ``exa`` source is evidence), ``reb``
  an attack;
- ``add`` joins a co-premise onto a ``sup``/``exa``/``reb`` edge: that edge
  becomes a linked argument named by the edge id;
- ``und`` undercuts an edge: a plain edge stays a plain relation and is
  undercut as one (``undercuts: {from: SRC, to: TRG}``), exactly as written;
  an edge with co-premises is a linked argument, which is undercut;
- the dialectical role is kept as the section: ``pro`` (proponent) or
  ``opp`` (opponent);
- the central claim, the ADU no argumentative edge leaves, is the root.

Our format has no linked undercut: co-premises ``add``-ed onto an ``und``
edge each undercut the argument (reported as AM405).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Literal

from usfk_argmap.core.model import ArgumentMap, Position, Section
from usfk_argmap.interop.draft import Draft, DraftArgument, DraftNode
from usfk_argmap.interop.importing import ImportResult, Reporter, import_text
from usfk_argmap.interop.xmlsafe import XMLProblem, parse_xml

EDGE_TYPES = ("seg", "sup", "exa", "add", "reb", "und")
ROLE_SECTIONS = {"pro": "Proponent", "opp": "Opponent"}


def import_microtext(data: bytes, file: str = "<microtext>", root: str | None = None) -> ImportResult:
    """Read an ``arggraph`` XML document into a map; ``root`` is the ADU the user asks to be its root (or None)."""
    return import_text(data, file, lambda text, report: _read_arggraph(text, report, root))


def _read_arggraph(text: str, report: Reporter, root: str | None) -> ArgumentMap | None:
    try:
        element, positions = parse_xml(text)
    except XMLProblem as problem:
        report("AM401", str(problem), problem.position)
        return None
    if element.tag != "arggraph":
        report(
            "AM401",
            f"the root element is <{element.tag}>, not <arggraph>: this is not an arg-microtexts file",
            positions.get(element, Position()),
        )
        return None
    return _Reader(element, positions, report, root).read()


class _Reader:
    def __init__(
        self, root: ET.Element, positions: dict[ET.Element, Position], report: Reporter, requested_root: str | None = None
    ) -> None:
        self.root = root
        self.requested_root = requested_root
        self.positions = positions
        self.report = report
        #: Edge id -> (source, target) of each edge that became a plain relation (an ``und`` may aim at it).
        self.plain: dict[str, tuple[str, str]] = {}
        self.edus: dict[str, str] = {}
        self.joints: set[str] = set()
        self.adus: dict[str, str] = {}
        self.edges: dict[str, ET.Element] = {}
        self.where: dict[str, Position] = {}

    def at(self, element: ET.Element) -> Position:
        return self.positions.get(element, Position())

    def read(self) -> ArgumentMap | None:
        self._collect()
        if not self.adus:
            self.report("AM407", "the document has no <adu> elements", self.at(self.root))
            return None
        topic = (self.root.get("topic_id") or "").replace("_", " ").strip()
        stance = self.root.get("stance")
        title = self.root.get("id") or "microtext"
        if topic:
            title += f": {topic}"
        if stance:
            title += f" (stance: {stance})"
        draft = Draft(title=title, lang="en", requested_root=self.requested_root)
        draft.sections = {key: Section(key, name) for key, name in ROLE_SECTIONS.items()}
        texts = self._adu_texts()
        for adu_id, role in self.adus.items():
            draft.add_node(
                DraftNode(adu_id, texts.get(adu_id, "").strip() or adu_id, section=role if role in ROLE_SECTIONS else None)
            )
        self._relations(draft)
        sources = {edge.get("src") for edge in self.edges.values() if edge.get("type") != "seg"}
        central = [adu_id for adu_id in self.adus if adu_id not in sources]
        if len(central) == 1:
            draft.root = central[0]
        return draft.build()

    def _collect(self) -> None:
        for element in self.root:
            element_id = (element.get("id") or "").strip()
            tag = element.tag
            if tag not in ("edu", "joint", "adu", "edge"):
                self.report("AM403", f"unknown element <{tag}> left out", self.at(element))
                continue
            if not element_id:
                self.report("AM401", f"<{tag}> has no id", self.at(element))
                continue
            if element_id in self.where:
                first = self.where[element_id]
                self.report(
                    "AM406",
                    f"id {element_id!r} is used again (first on line {first.line}); the first element is kept",
                    self.at(element),
                    element_id,
                )
                continue
            self.where[element_id] = self.at(element)
            if tag == "edu":
                self.edus[element_id] = " ".join("".join(element.itertext()).split())
            elif tag == "joint":
                self.joints.add(element_id)
            elif tag == "adu":
                role = element.get("type") or ""
                if role not in ROLE_SECTIONS:
                    self.report(
                        "AM403",
                        f"adu {element_id!r} has the unknown type {role!r} (pro or opp); it is imported without a role",
                        self.at(element),
                        element_id,
                    )
                self.adus[element_id] = role
            else:
                kind = element.get("type") or ""
                if kind not in EDGE_TYPES:
                    self.report(
                        "AM403",
                        f"edge {element_id!r} has the unknown type {kind!r} (one of {', '.join(EDGE_TYPES)}); it is left out",
                        self.at(element),
                        element_id,
                    )
                    continue
                self.edges[element_id] = element

    def _adu_texts(self) -> dict[str, str]:
        """Each ADU's text: its EDUs' (directly or through joints), in document order, each EDU once.

        Joints may be joined into joints at any depth, and the same segmentation
        edge may be given many times: each unit's EDUs are worked out once
        (duplicates dropped), so the time stays linear in the file, not
        exponential in the depth of the joints.
        """
        parts: dict[str, dict[str, None]] = {}
        for edge in self.edges.values():
            if edge.get("type") != "seg":
                continue
            source, target = edge.get("src") or "", edge.get("trg") or ""
            if (source not in self.edus and source not in self.joints) or (target not in self.adus and target not in self.joints):
                self.report(
                    "AM402",
                    f"segmentation edge {edge.get('id')!r} joins {source!r} to {target!r}, "
                    "which is not an edu or joint to an adu or joint",
                    self.at(edge),
                    edge.get("id"),
                )
                continue
            parts.setdefault(target, {})[source] = None
        order = {edu: index for index, edu in enumerate(self.edus)}
        edus_of: dict[str, tuple[str, ...]] = {}
        for unit in parts:
            self._collect_edus(unit, parts, edus_of)
        return {adu: " ".join(self.edus[edu] for edu in sorted(edus_of.get(adu, ()), key=order.__getitem__)) for adu in self.adus}

    def _collect_edus(self, top: str, parts: dict[str, dict[str, None]], edus_of: dict[str, tuple[str, ...]]) -> None:
        """Fill ``edus_of`` for ``top`` and the units below it, without recursion (a cycle contributes nothing)."""
        if top in edus_of:
            return
        stack: list[tuple[str, bool]] = [(top, False)]
        open_units: set[str] = set()
        while stack:
            unit, children_done = stack.pop()
            if unit in edus_of:
                continue
            if unit in self.edus:
                edus_of[unit] = (unit,)
                continue
            if children_done:
                open_units.discard(unit)
                found = dict.fromkeys(edu for part in parts.get(unit, {}) for edu in edus_of.get(part, ()))
                edus_of[unit] = tuple(found)
                continue
            if unit in open_units:
                continue  # a cycle of joints
            open_units.add(unit)
            stack.append((unit, True))
            stack.extend((part, False) for part in parts.get(unit, {}) if part not in edus_of)

    def _endpoint(self, edge: ET.Element, key: str, want: Literal["adu", "edge"]) -> str | None:
        value = edge.get(key) or ""
        known = self.adus if want == "adu" else self.edges
        if value not in known:
            what = "an adu" if want == "adu" else "an edge"
            self.report(
                "AM402",
                f"{edge.get('type')} edge {edge.get('id')!r}: {key}={value!r} is not {what} "
                "of this document; the edge is left out",
                self.at(edge),
                edge.get("id"),
            )
            return None
        return value

    def _relations(self, draft: Draft) -> None:
        by_target: dict[str, list[ET.Element]] = {}
        for edge in self.edges.values():
            if edge.get("type") in ("add", "und"):
                target = self._endpoint(edge, "trg", "edge")
                if target is not None and self._endpoint(edge, "src", "adu") is not None:
                    by_target.setdefault(target, []).append(edge)
        for edge_id, edge in self.edges.items():
            kind = edge.get("type")
            if kind not in ("sup", "exa", "reb"):
                continue
            source, target = self._endpoint(edge, "src", "adu"), self._endpoint(edge, "trg", "adu")
            if source is None or target is None:
                continue
            relation: Literal["supports", "attacks"] = "attacks" if kind == "reb" else "supports"
            if kind == "exa":
                draft.nodes[source].hint = "evidence"
            onto = by_target.get(edge_id, [])
            co_premises = [e.get("src") or "" for e in onto if e.get("type") == "add"]
            if co_premises:
                draft.arguments[edge_id] = DraftArgument(edge_id, [source, *co_premises], relation, target)
                continue
            if not draft.relate(source, target, relation):
                self.report("AM406", f"edge {edge_id!r} repeats a relation from {source!r} to {target!r}", self.at(edge), edge_id)
            self.plain[edge_id] = (source, target)
        for edge_id, edge in self.edges.items():
            if edge.get("type") != "und" or edge not in by_target.get(edge.get("trg") or "", []):
                continue
            self._undercut(draft, edge_id, edge, by_target)
        for onto_id, joined in by_target.items():
            onto_type = self.edges[onto_id].get("type")
            for extra in joined:
                if extra.get("type") == "add" and onto_type not in ("sup", "exa", "reb", "und"):
                    self.report(
                        "AM403",
                        f"add edge {extra.get('id')!r} joins a premise onto a {onto_type} edge; it is left out",
                        self.at(extra),
                        extra.get("id"),
                    )

    def _undercut(self, draft: Draft, edge_id: str, edge: ET.Element, by_target: dict[str, list[ET.Element]]) -> None:
        source, target = edge.get("src") or "", edge.get("trg") or ""
        if target not in draft.arguments and target not in self.plain:
            self.report(
                "AM403",
                f"und edge {edge_id!r} undercuts edge {target!r}, which is not a support or attack between ADUs; it is left out",
                self.at(edge),
                edge_id,
            )
            return

        def undercut(node: str) -> None:
            if target in self.plain:
                draft.undercut_relation(node, *self.plain[target])
            else:
                draft.relate(node, target, "undercuts")

        undercut(source)
        for extra in by_target.get(edge_id, []):
            if extra.get("type") != "add":
                continue
            co_premise = extra.get("src") or ""
            undercut(co_premise)
            self.report(
                "AM405",
                f"add edge {extra.get('id')!r} makes {co_premise!r} a co-premise of the "
                f"undercut {edge_id!r}; our format has no linked undercut, so {co_premise!r} and "
                f"{source!r} each undercut {target!r}",
                self.at(extra),
                co_premise,
            )

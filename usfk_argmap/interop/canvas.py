"""JSON Canvas 1.0 (jsoncanvas.org; Obsidian's ``.canvas``): a map as cards on a canvas, and such a canvas read back.

Writing: every statement is a ``text`` node whose id is the statement's id and
whose Markdown is its text, then its gloss in italics and its quote as a block
quote, each escaped so that the map's text shows as written; its colour is the
border colour of its kind in our light palette (how a canvas we wrote tells its
kinds back). A linked argument's or an undercut relation's joint point is a
small empty ``text`` node with the joint's id. Lines are ``edges``: support
blue with an arrow, attack and undercut vermilion with the label ``attacks`` or
``undercuts``, a premise's line into its joint with no arrow. Each section is a
``group`` under its statements (``section:`` and its id), labelled with its
title. Positions and sizes are Graphviz's layout in pixels (1.5 per point,
so Obsidian's text fits the boxes), whole numbers as the spec asks.

Reading: ``text`` nodes are statements (empty ones with lines in and out are
joint points), their id kept; an edge's label (``supports``, ``attacks``,
``undercuts``) or, failing that, its colour (vermilion or preset ``1``, red:
an attack) gives the relation; a statement inside a group's rectangle is in
that group's section. ``file`` and ``link`` nodes are set aside (AM404).
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import PurePath
from typing import Any

from usfk_argmap.core.markdown import markdown_escape
from usfk_argmap.core.model import ArgumentMap, Position, Section
from usfk_argmap.interop.importing import ImportResult, Reporter, import_text
from usfk_argmap.interop.positioned import (
    MAX_PAGE_ITEMS,
    Box,
    PageEdge,
    PageJoint,
    PageNode,
    checked_number,
    page_map,
    placed,
    unique_id,
)

#: The most card-in-group tests an import makes (cards times groups); beyond, cards get no section.
MAX_GROUP_TESTS = 20_000_000
#: Pixels per point of Graphviz's layout.
SCALE = 1.5
#: The colour of each kind's card: its border colour in the light palette (``drawing.style``).
KIND_COLOURS = {
    "thesis": "#0B2740",
    "claim": "#1F4E79",
    "premise": "#4D4D4D",
    "evidence": "#9A7000",
    "objection": "#D55E00",
    "rebuttal": "#7B4FA0",
    "assumption": "#7F7F7F",
}
SUPPORT_COLOUR = "#0072B2"
ATTACK_COLOUR = "#D55E00"
#: A joint point's card is this many pixels square.
JOINT_SIZE = 20


def card_text(text: str, en: str | None, quote: str | None) -> str:
    """A statement's card: its text, its gloss in italics, its quote as a block quote, each inert Markdown."""
    parts = [markdown_escape(text)]
    if en:
        parts.append(f"*{markdown_escape(en)}*")
    if quote:
        parts.append(f"> {markdown_escape(quote)}")
    return "\n\n".join(parts)


def to_canvas(argument_map: ArgumentMap) -> str:
    """The map as a JSON Canvas 1.0 document: groups first (drawn under), then statements and joints, then lines."""
    page = placed(argument_map, SCALE)
    taken = set(argument_map.nodes) | {joint.id for joint in page.joints}
    nodes: list[dict[str, Any]] = []
    for entry in page.sections:
        nodes.append(
            {
                "id": unique_id(f"section:{entry.section.id}", taken),
                "type": "group",
                **_geometry(entry.box),
                "label": entry.section.title,
            }
        )
    for statement in page.statements:
        node = statement.node
        nodes.append(
            {
                "id": node.id,
                "type": "text",
                **_geometry(statement.box),
                "color": KIND_COLOURS.get(node.kind, KIND_COLOURS["premise"]),
                "text": card_text(node.text, node.en, node.quote),
            }
        )
    for joint in page.joints:
        x, y = joint.box.centre
        nodes.append(
            {
                "id": joint.id,
                "type": "text",
                **_geometry(Box(x - JOINT_SIZE / 2, y - JOINT_SIZE / 2, JOINT_SIZE, JOINT_SIZE)),
                "color": SUPPORT_COLOUR if joint.relation == "supports" else ATTACK_COLOUR,
                "text": "",
            }
        )
    edges: list[dict[str, Any]] = []
    joint_relations = {joint.id: joint.relation for joint in page.joints}
    for edge in page.edges:
        relation = joint_relations.get(edge.target, "supports") if edge.relation == "premise" else edge.relation
        line: dict[str, Any] = {
            "id": unique_id(f"edge:{edge.id}", taken),
            "fromNode": edge.source,
            "fromSide": "top",
            "toNode": edge.target,
            "toSide": "bottom",
            "toEnd": "none" if edge.relation == "premise" else "arrow",
            "color": SUPPORT_COLOUR if relation == "supports" else ATTACK_COLOUR,
        }
        if edge.relation in ("attacks", "undercuts"):
            line["label"] = edge.relation
        edges.append(line)
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, indent="\t") + "\n"


def _geometry(box: Box) -> dict[str, int]:
    return {"x": round(box.x), "y": round(box.y), "width": max(1, round(box.width)), "height": max(1, round(box.height))}


# -- reading ------------------------------------------------------------------

#: A backslash escape of Markdown, as ``markdown_escape`` writes them.
_ESCAPED = re.compile(r"\\([\\`*_\[\]|~$#>+=.)(!-])")
_COLOUR_KINDS = {colour.lower(): kind for kind, colour in KIND_COLOURS.items()}


def _plain(markdown: str) -> str:
    """Markdown as the text it shows: escapes and ``&lt; &gt; &amp;`` undone, lines joined."""
    text = _ESCAPED.sub(r"\1", " ".join(markdown.split()))
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def read_card(text: str) -> tuple[str, str | None, str | None, str | None]:
    """A card's text, gloss (an italic paragraph), quote (a block quote) and the rest (a note), from its Markdown."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    if not paragraphs:
        return "", None, None, None
    main, en, quote, rest = _plain(paragraphs[0]), None, None, []
    for paragraph in paragraphs[1:]:
        if en is None and quote is None and re.fullmatch(r"\*[^*\n].*\*|_[^_\n].*_", paragraph, re.DOTALL):
            en = _plain(paragraph[1:-1])
        elif quote is None and paragraph.startswith(">"):
            quote = _plain(re.sub(r"^>\s?", "", paragraph, flags=re.MULTILINE))
        else:
            rest.append(paragraph)
    return main, en, quote, "\n\n".join(rest) or None


def import_canvas(data: bytes, file: str = "<canvas>", root: str | None = None) -> ImportResult:
    """Read a JSON Canvas document: text nodes as statements (ids kept), edges as relations, groups as sections."""
    return import_text(
        data, file, lambda text, report: _read_canvas(text, PurePath(file).stem or "Imported canvas", report, root)
    )


def _read_canvas(text: str, title: str, report: Reporter, root: str | None) -> ArgumentMap | None:
    try:
        document = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        report("AM401", f"JSON syntax error: {error.msg}", Position(error.lineno, error.colno))
        return None
    except (RecursionError, ValueError) as error:
        report("AM401", f"the JSON cannot be read: {error}")
        return None
    if (
        not isinstance(document, dict)
        or not isinstance(document.get("nodes", []), list)
        or not isinstance(document.get("edges", []), list)
    ):
        report("AM401", 'a JSON Canvas is a JSON object with the lists "nodes" and "edges"')
        return None
    items: list[Any] = document.get("nodes", [])
    lines: list[Any] = document.get("edges", [])
    if len(items) + len(lines) > MAX_PAGE_ITEMS:
        report("AM401", f"the canvas holds more than {MAX_PAGE_ITEMS:,} nodes and edges")
        return None
    return _read(items, lines, title, report, root, _id_positions(text))


#: ``"id": "..."`` as JSON writes it (escapes and all), where each node and edge is found in the file.
_ID_ENTRY = re.compile(r'"id"\s*:\s*("(?:[^"\\\n]|\\.)*")')


def _id_positions(text: str) -> dict[str, Position]:
    """Each id's first ``"id": ...`` entry in the file, as a line and column (diagnostics point there)."""
    starts = [0, *(match.end() for match in re.finditer("\n", text))]
    found: dict[str, Position] = {}
    for match in _ID_ENTRY.finditer(text):
        try:
            key = json.loads(match.group(1))
        except ValueError:
            continue
        if isinstance(key, str) and key not in found:
            line = bisect.bisect_right(starts, match.start())
            found[key] = Position(line, match.start() - starts[line - 1] + 1)
    return found


def _read(
    items: list[Any], lines: list[Any], title: str, report: Reporter, root: str | None, places: dict[str, Position]
) -> ArgumentMap | None:
    groups: list[tuple[Section, Box]] = []
    cards: list[tuple[dict[str, Any], Box | None]] = []
    set_aside: dict[str, int] = {}
    for number, item in enumerate(items, 1):
        where = f"node {number}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"].strip():
            report("AM403", f"{where} is not an object with a string id; it is left out")
            continue
        at = places.get(item["id"], Position())
        kind = item.get("type")
        box = _box(item)
        if kind == "group":
            label = item.get("label")
            section_id = item["id"].removeprefix("section:")
            if box is not None:
                groups.append((Section(section_id, label if isinstance(label, str) and label.strip() else section_id), box))
        elif kind == "text":
            if box is None:
                report("AM403", f"{where} ({item['id'][:60]!r}) has no finite x, y, width and height; it is placed nowhere", at)
            cards.append((item, box))
        elif kind in ("file", "link"):
            set_aside[str(kind)] = set_aside.get(str(kind), 0) + 1
        else:
            report("AM403", f"{where} has the unknown type {str(kind)[:40]!r}; it is left out", at)
    for kind, count in set_aside.items():
        report("AM404", f"{count} {kind} node(s) have no counterpart in a map; they are set aside")
    if len(groups) * len(cards) > MAX_GROUP_TESTS:
        # Each card is tested against each group: a hostile canvas of 50,000 of each would take hours.
        report("AM404", f"{len(groups):,} groups and {len(cards):,} cards are too many to tell which card lies in which group")
        groups_to_test: list[tuple[Section, Box]] = []
    else:
        groups_to_test = groups
    linked = {
        end
        for line in lines
        if isinstance(line, dict)
        for end in (line.get("fromNode"), line.get("toNode"))
        if isinstance(end, str)
    }
    nodes: list[PageNode] = []
    joints: list[PageJoint] = []
    for item, box in cards:
        content = item["text"] if isinstance(item.get("text"), str) else ""
        main, en, quote, note = read_card(content)
        at = places.get(item["id"], Position())
        if not main and item["id"] in linked:
            joints.append(PageJoint(item["id"], at))
            continue
        colour = item.get("color")
        nodes.append(
            PageNode(
                item["id"],
                main or item["id"],
                at,
                en=en,
                quote=quote,
                kind=_COLOUR_KINDS.get(colour.lower()) if isinstance(colour, str) else None,
                section=_section_of(box, groups_to_test),
                label=None,
            )
        )
        if note:
            report(
                "AM404",
                f"the card {item['id'][:60]!r} says more than a statement's text, gloss and quote; the rest is left out",
                at,
            )
    edges: list[PageEdge] = []
    for number, line in enumerate(lines, 1):
        if not isinstance(line, dict) or not isinstance(line.get("fromNode"), str) or not isinstance(line.get("toNode"), str):
            report("AM403", f"edge {number} is not an object with fromNode and toNode; it is left out")
            continue
        at = places.get(line["id"], Position()) if isinstance(line.get("id"), str) else Position()
        edges.append(PageEdge(line["fromNode"], line["toNode"], _relation(line), at))
    return page_map(title, nodes, joints, edges, [section for section, _ in groups], report, root)


def _box(item: dict[str, Any]) -> Box | None:
    values = [checked_number(item.get(key)) for key in ("x", "y", "width", "height")]
    if any(value is None for value in values):
        return None
    x, y, width, height = (float(value or 0) for value in values)
    return Box(x, y, width, height)


def _section_of(box: Box | None, groups: list[tuple[Section, Box]]) -> str | None:
    """The section of the smallest group whose rectangle holds the card's centre."""
    if box is None:
        return None
    x, y = box.centre
    holding = [
        (area.width * area.height, section.id)
        for section, area in groups
        if area.x <= x <= area.x + area.width and area.y <= y <= area.y + area.height
    ]
    return min(holding)[1] if holding else None


def _relation(line: dict[str, Any]) -> str | None:
    label = line.get("label")
    if isinstance(label, str) and label.strip().lower() in ("supports", "attacks", "undercuts"):
        return label.strip().lower()
    colour = line.get("color")
    if isinstance(colour, str) and colour.lower() in (ATTACK_COLOUR.lower(), "1"):
        return "attacks"
    return None

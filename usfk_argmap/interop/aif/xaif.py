"""xAIF, the JSON that OVA3 and the argument-mining pipelines exchange: AIF inside, OVA's drawing beside it.

An xAIF document is an object with:

- ``"AIF"``: the AIF graph (``nodes``, ``edges``) with the dialogue layer
  (``locutions``, ``participants``, L/YA/TA nodes) and ``schemefulfillments``
  / ``descriptorfulfillments`` (lists, or null when unspecified);
- ``"OVA"``: OVA's drawing, ``nodes`` of ``{"nodeID", "visible", "x", "y",
  "timestamp"}`` (x and y numbers or numeric strings, y growing downwards) and
  ``edges`` of ``{"fromID", "toID", "visible"}``;
- ``"text"``: the analysed text (a string, or ``{"txt": ...}``), and
  ``"dialog"``: whether it is a dialogue.

Reading: the ``"AIF"`` member is read as AIF is (``reader.import_aif``: the
dialogue layer set aside, positions in the file's own text); OVA's positions
order the statements as OVA shows them, top to bottom and then left to right
(our map format places statements by their relations, so the coordinates
themselves are not kept; our own export keeps the map's order); a position that is not a finite number in range is
set aside (AM404) at its line.

Writing: the AIF graph as ``writer.to_aif_dict`` writes it (our ``"argmap"``
object inside ``"AIF"``, so map -> xAIF -> map gives the whole map back), empty
dialogue lists, the map's source text as the analysed text (HTML, as OVA shows
it), and an ``"OVA"`` drawing laid out in layers: the root on top, each reason
one layer below what it bears on, its RA or CA node between them.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
import re
from collections import deque
from typing import Any

from usfk_argmap.core.characters import replace_unsafe_characters
from usfk_argmap.core.model import ArgumentMap, Position
from usfk_argmap.interop.aif.reader import import_aif
from usfk_argmap.interop.aif.writer import to_aif_dict
from usfk_argmap.interop.importing import ImportResult, Reporter

#: OVA's canvas units between two layers, and between two nodes of a layer.
LAYER_HEIGHT = 120
NODE_SPACING = 280
#: A coordinate beyond this is set aside: no canvas reaches so far.
MAX_COORDINATE = 10_000_000.0


def import_xaif(data: bytes, file: str = "<xaif>", root: str | None = None) -> ImportResult:
    """Read an xAIF document (an OVA3 save, an argument-mining pipeline's output); plain AIF is read too.

    ``root`` is the statement the user asks to be the map's root (or None).
    """
    result = import_aif(data, file, root)
    if result.map is None:
        return result
    report = Reporter(file)
    text = replace_unsafe_characters(data.decode("utf-8", errors="replace").removeprefix("\ufeff"))
    try:
        document = json.loads(text)  # as import_aif read it: within the depth limit, its characters made safe
    except (RecursionError, ValueError):
        return result
    said = document.get("text") if isinstance(document, dict) else None
    if (said.get("txt") if isinstance(said, dict) else said) not in (None, "") and not _ours(document):
        report(
            "AM404",
            'the analysed text (the "text" member) is set aside: a map quotes its source from a file (`source:`)',
            Position.of_offset(text, _top_level_key(text, "text")),
        )
    places = _ova_places(document, text, report)
    argument_map = _in_reading_order(result.map, places) if places and not _ours(document) else result.map
    return ImportResult(argument_map, [*result.diagnostics, *report.diagnostics])


def _ova_places(document: Any, text: str, report: Reporter) -> dict[str, tuple[float, float]]:
    """OVA's (y, x) of each node id it places; unusable entries reported and left out."""
    ova = document.get("OVA") if isinstance(document, dict) else None
    if ova is None or ova == []:  # the xAIF documentation's examples write an empty list when there is no drawing
        return {}
    where = _OvaPositions(text)
    nodes = ova.get("nodes") if isinstance(ova, dict) else None
    if not isinstance(nodes, list):
        report("AM404", 'the "OVA" member has no "nodes" list; OVA\'s drawing is set aside', where.of_key())
        return {}
    places: dict[str, tuple[float, float]] = {}
    for entry in nodes:
        node_id = _id(entry.get("nodeID")) if isinstance(entry, dict) else None
        if node_id is None:
            report("AM404", 'an OVA node without a usable "nodeID" is set aside', where.of_key())
            continue
        x, y = _coordinate(entry.get("x")), _coordinate(entry.get("y"))
        if x is None or y is None:
            report(
                "AM404",
                f"OVA node {node_id!r} has no usable x and y (finite numbers within {MAX_COORDINATE:,.0f}); "
                "its position is set aside",
                where.of_node(node_id),
                node_id,
            )
            continue
        places.setdefault(node_id, (y, x))
    return places


def _ours(document: dict[str, Any]) -> bool:
    """Whether the document is our own export: its ``"argmap"`` object keeps the map's order, which wins."""
    aif = document.get("AIF")
    return isinstance(aif, dict) and isinstance(aif.get("argmap"), dict)


def _in_reading_order(argument_map: ArgumentMap, places: dict[str, tuple[float, float]]) -> ArgumentMap:
    """The map with its statements in OVA's reading order; those OVA does not place follow, in file order."""
    order = {node_id: number for number, node_id in enumerate(argument_map.nodes)}
    ranked = sorted(
        argument_map.nodes,
        key=lambda node_id: (0, *places[node_id], order[node_id]) if node_id in places else (1, 0.0, 0.0, order[node_id]),
    )
    return dataclasses.replace(argument_map, nodes={node_id: argument_map.nodes[node_id] for node_id in ranked})


def _id(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    found = str(value).strip()
    return found or None


def _coordinate(value: object) -> float | None:
    """A coordinate as OVA writes it (a number or a numeric string), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and len(value) <= 40:
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, (int, float)):
        number = float(value) if not isinstance(value, int) or abs(value) <= MAX_COORDINATE else math.inf
        return number if math.isfinite(number) and abs(number) <= MAX_COORDINATE else None
    return None


def _top_level_key(text: str, key: str) -> int:
    """Where the document's own member ``key`` is written (not a key of the same name deeper in), or 0."""
    depth, index, wanted = 0, 0, json.dumps(key)
    while index < len(text):
        char = text[index]
        if char == '"':
            end = index + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if depth == 1 and text[index : end + 1] == wanted and text[end + 1 :].lstrip().startswith(":"):
                return index
            index = end + 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        index += 1
    return 0


_NODE_ID = re.compile(r'"nodeID"\s*:\s*("(?:[^"\\\n]|\\.)*"|-?\d+)')


class _OvaPositions:
    """Where the ``"OVA"`` member and each of its nodes' ``"nodeID"`` entries are written (found once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = re.search(r'"OVA"\s*:', text)
        self.start = found.start() if found else 0
        self._offsets: dict[str, int] | None = None

    def of_key(self) -> Position:
        return Position.of_offset(self.text, self.start)

    def of_node(self, node_id: str) -> Position:
        if self._offsets is None:
            self._offsets = {}
            for match in _NODE_ID.finditer(self.text, self.start):
                written = match.group(1)
                try:
                    value = json.loads(written) if written.startswith('"') else written
                except ValueError:
                    continue
                key = _id(value)
                if key is not None:
                    self._offsets.setdefault(key, match.start())
        offset = self._offsets.get(node_id)
        return self.of_key() if offset is None else Position.of_offset(self.text, offset)


# -- writing -----------------------------------------------------------------


def to_xaif_dict(argument_map: ArgumentMap) -> dict[str, object]:
    """The map as xAIF: our AIF graph inside ``"AIF"``, OVA's drawing in layers, no dialogue layer."""
    aif = to_aif_dict(argument_map)
    nodes: list[dict[str, object]] = aif["nodes"]  # type: ignore[assignment]
    edges: list[dict[str, object]] = aif["edges"]  # type: ignore[assignment]
    root_number = next(
        (str(number) for number, node_id in enumerate(argument_map.nodes, start=1) if node_id == argument_map.root), None
    )
    places = _layers([str(node["nodeID"]) for node in nodes], [(str(e["fromID"]), str(e["toID"])) for e in edges], root_number)
    return {
        "AIF": {
            "nodes": nodes,
            "edges": edges,
            "locutions": [],
            "participants": [],
            "schemefulfillments": [],
            "descriptorfulfillments": [],
            "argmap": aif["argmap"],
        },
        "OVA": {
            "firstname": "",
            "surname": "",
            "url": "",
            "nodes": [
                {"nodeID": node_id, "visible": True, "x": x, "y": y, "timestamp": ""} for node_id, (x, y) in places.items()
            ],
            "edges": [{"fromID": e["fromID"], "toID": e["toID"], "visible": True} for e in edges],
        },
        "text": {"txt": _analysed_text(argument_map)},
        "dialog": False,
    }


def _analysed_text(argument_map: ArgumentMap) -> str:
    """The map's source text as OVA shows it (HTML: escaped, line breaks as ``<br>``), or ``""``."""
    if argument_map.source_text is None:
        return ""
    return html.escape(argument_map.source_text.text).replace("\r\n", "\n").replace("\n", "<br>")


def to_xaif(argument_map: ArgumentMap) -> str:
    """The map as xAIF JSON text."""
    return json.dumps(to_xaif_dict(argument_map), ensure_ascii=False, indent=2) + "\n"


def _layers(node_ids: list[str], edges: list[tuple[str, str]], root: str | None) -> dict[str, tuple[int, int]]:
    """OVA's (x, y) of each node: layer k (y = k x LAYER_HEIGHT) holds what is k edges below the root.

    A breadth-first walk up the edges from the root (premise -> scheme ->
    conclusion, read backwards); nodes it does not reach (another tree, an
    undercut of a relation elsewhere) get layers below, walked from each in
    node order. Within a layer nodes stand NODE_SPACING apart, in walk order.
    """
    into: dict[str, list[str]] = {node_id: [] for node_id in node_ids}
    for source, target in edges:
        if source in into and target in into:
            into[target].append(source)
    layer: dict[str, int] = {}
    bottom = 0
    for start in ([root] if root in into else []) + node_ids:
        if start is None or start in layer:
            continue
        first = bottom + 1 if layer else 0
        layer[start] = first
        queue = deque([start])
        while queue:
            node_id = queue.popleft()
            for reason in into[node_id]:
                if reason not in layer:
                    layer[reason] = layer[node_id] + 1
                    queue.append(reason)
            bottom = max(bottom, layer[node_id])
    counts: dict[int, int] = {}
    places: dict[str, tuple[int, int]] = {}
    for node_id in sorted(layer, key=lambda item: layer[item]):  # stable: walk order within a layer
        column = counts.get(layer[node_id], 0)
        counts[layer[node_id]] = column + 1
        places[node_id] = (column * NODE_SPACING, layer[node_id] * LAYER_HEIGHT)
    return {node_id: places[node_id] for node_id in node_ids}

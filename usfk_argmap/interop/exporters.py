"""Writing a map out in other formats. JSON lives here; the table ``EXPORT_FORMATS`` names every format."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

from usfk_argmap.core.formats import FileFormat, FormatTable
from usfk_argmap.core.model import ArgumentMap

Exporter = Callable[[ArgumentMap], str]


def to_json_dict(argument_map: ArgumentMap) -> dict[str, object]:
    """The map as plain data: nodes, edges (reason -> target) and linked arguments.

    A linked argument's premises appear as edges to its conclusion with
    ``"argument"`` set to the argument id; the argument itself is listed under
    ``"arguments"``. Every edge has an ``"id"`` and the id of the
    ``"inference"`` it is part of (its argument's id, or its own ``R->T``).
    An undercut is an edge whose ``"target"`` is the inference it attacks,
    with ``"undercut"`` saying which: ``{"argument": A}`` or ``{"from": R, "to": T}``.
    A node's ``"label"`` is its short form for pictures (null when it has none).

    Schemes (issue 23): an edge's ``"scheme"`` is the scheme of its inference
    (null for none and for an undercut); a node carries ``"schemes"`` (its own
    relations' schemes by target), ``"answers"`` (as the map writes them, each
    with the ``"inference"`` it names) and ``"outweighs"``; an argument
    ``"scheme"`` and ``"roles"``; the map ``"questions"``.
    """
    from usfk_argmap.interop.scheme_data import answer_data, inference_schemes

    nodes = [
        {
            "id": n.id,
            "kind": n.kind,
            "text": n.text,
            "label": n.label,
            "en": n.en,
            "quote": n.quote,
            "section": n.section,
            "schemes": {target: scheme.target for target, scheme in n.schemes.items()},
            "answers": [{**answer_data(answer), "inference": answer.inference} for answer in n.answers],
            "outweighs": [ref.target for ref in n.outweighs],
        }
        for n in argument_map.nodes.values()
    ]
    schemes = inference_schemes(argument_map)
    edges: list[dict[str, object]] = []
    for e in argument_map.edges():
        entry: dict[str, object] = {
            "id": e.id,
            "source": e.source,
            "target": e.target,
            "relation": e.relation,
            "argument": e.argument,
            "inference": e.inference,
            "scheme": None if e.undercut is not None else schemes.get(e.inference),
        }
        if e.undercut is not None:
            entry["undercut"] = (
                {"argument": e.undercut.argument}
                if e.undercut.argument is not None
                else {"from": e.undercut.source, "to": e.undercut.target}
            )
        edges.append(entry)
    arguments = [
        {
            "id": a.id,
            "premises": [p.target for p in a.premises],
            "relation": a.relation,
            "target": a.target.target,
            "scheme": a.scheme.target if a.scheme is not None else None,
            "roles": {role: premise.target for role, premise in a.roles.items()},
        }
        for a in argument_map.arguments.values()
    ]
    return {
        "title": argument_map.title,
        "lang": argument_map.lang,
        "root": argument_map.root,
        "questions": argument_map.questions,
        "nodes": nodes,
        "edges": edges,
        "arguments": arguments,
    }


def to_json(argument_map: ArgumentMap) -> str:
    import json  # here: the command line imports this module for its format names

    return json.dumps(to_json_dict(argument_map), ensure_ascii=False, indent=2) + "\n"


#: Export formats (``usfk-argmap export --format NAME``): names, the suffixes their files take, and their writers.
EXPORT_FORMATS = FormatTable(
    "export",
    (
        FileFormat("json", (".json",), "usfk_argmap.interop.exporters:to_json"),
        FileFormat("graphml", (".graphml",), "usfk_argmap.interop.graphml:to_graphml"),
        FileFormat("aif", (".aif",), "usfk_argmap.interop.aif.writer:to_aif"),
        # AIF with OVA's drawing beside it, for OVA3 and argument-mining pipelines (name it: its files are .json).
        FileFormat("xaif", (), "usfk_argmap.interop.aif.xaif:to_xaif"),
        FileFormat("argdown", (".argdown", ".ad"), "usfk_argmap.interop.argdown.reader:to_argdown"),
        FileFormat("mermaid", (".mmd", ".mermaid"), "usfk_argmap.interop.mermaid:to_mermaid"),
        # DOT as the renderer writes it (its ids, escaping, fonts and colour-blind-safe palette).
        FileFormat("dot", (".dot", ".gv"), "usfk_argmap.drawing.render:to_dot"),
        FileFormat("iccma", (".af",), "usfk_argmap.interop.attack_graph:to_iccma"),
        FileFormat("apx", (".apx",), "usfk_argmap.interop.attack_graph:to_apx"),
        # The text equivalent of the drawing, in the map's language: Markdown, or plain text.
        FileFormat("outline", (".md",), "usfk_argmap.interop.outline:to_outline"),
        FileFormat("outline-text", (".txt",), "usfk_argmap.interop.outline:to_outline_text"),
        # Positioned as Graphviz lays the map out: Obsidian's JSON Canvas, and draw.io's uncompressed XML.
        FileFormat("canvas", (".canvas",), "usfk_argmap.interop.canvas:to_canvas"),
        FileFormat("drawio", (".drawio",), "usfk_argmap.interop.drawio:to_drawio"),
    ),
)


def export_notes(argument_map: ArgumentMap, format_name: str) -> list[str]:
    """What an export writes in its nearest form rather than as is (``"AM405: ..."``); most write all as is."""
    if format_name == "argdown":
        from usfk_argmap.interop.argdown.reader import argdown_notes

        return argdown_notes(argument_map)
    return []


def export(argument_map: ArgumentMap, format_name: str) -> str:
    """The map in the named format."""
    exporter: Exporter = EXPORT_FORMATS[format_name].load()
    return exporter(argument_map)


def relocated_source(name: str | None, from_folder: Path, to_folder: Path) -> str | None:
    """A ``source:`` written relative to ``from_folder``, made relative to ``to_folder`` (absolute stays so)."""
    if name is None or Path(name).is_absolute():
        return name
    target = os.path.abspath(from_folder / name)
    return Path(os.path.relpath(target, os.path.abspath(to_folder))).as_posix()


def for_output(argument_map: ArgumentMap, output: Path | None) -> ArgumentMap:
    """The map as written to ``output``: its ``source:`` relative to the output's folder, so it still names the text.

    Without an output (standard output) or a map file, the source stays as the map names it.
    """
    name = argument_map.named_source
    if output is None or argument_map.path is None or name is None:
        return argument_map
    moved = relocated_source(name, argument_map.path.parent, output.parent)
    return dataclasses.replace(argument_map, source_text=None, source_path=None, source_name=moved)

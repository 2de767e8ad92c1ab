"""Writing a map out in other formats. JSON lives here; the registry names every format."""

from __future__ import annotations

import json
from collections.abc import Callable

from usfk_argmap.model import ArgumentMap

Exporter = Callable[[ArgumentMap], str]


def to_json_dict(argument_map: ArgumentMap) -> dict[str, object]:
    """The map as plain data: nodes, edges (reason -> target) and linked arguments.

    A linked argument's premises appear as edges to its conclusion with
    ``"argument"`` set to the argument id; the argument itself is listed under
    ``"arguments"``. An undercut is an edge whose target is an argument id.
    """
    nodes = [
        {"id": n.id, "kind": n.kind, "text": n.text, "en": n.en, "quote": n.quote, "section": n.section}
        for n in argument_map.nodes.values()
    ]
    edges = [
        {"source": e.source, "target": e.target, "relation": e.relation, "argument": e.argument}
        for e in argument_map.edges()
    ]
    arguments = [
        {"id": a.id, "premises": [p.target for p in a.premises], "relation": a.relation, "target": a.target.target}
        for a in argument_map.arguments.values()
    ]
    return {"title": argument_map.title, "lang": argument_map.lang, "root": argument_map.root,
            "nodes": nodes, "edges": edges, "arguments": arguments}


def to_json(argument_map: ArgumentMap) -> str:
    return json.dumps(to_json_dict(argument_map), ensure_ascii=False, indent=2) + "\n"


def _to_dot(argument_map: ArgumentMap) -> str:
    """DOT from the renderer when it is installed with its styling, else the plain interop writer."""
    from importlib import import_module

    try:
        render_to_dot = getattr(import_module("usfk_argmap.drawing.render"), "to_dot", None)
    except ImportError:
        render_to_dot = None
    if render_to_dot is None:
        from usfk_argmap.interop.dot import to_dot as plain_to_dot

        return plain_to_dot(argument_map)
    return str(render_to_dot(argument_map))


def _lazy(module: str, name: str) -> Exporter:
    """An exporter imported on first use, so the registry costs nothing to build."""

    def run(argument_map: ArgumentMap) -> str:
        from importlib import import_module

        exporter: Exporter = getattr(import_module(module), name)
        return exporter(argument_map)

    run.__doc__ = f"The map via {module}.{name}."
    return run


#: Export formats by name (``usfk-argmap export --format NAME``).
EXPORTERS: dict[str, Exporter] = {
    "json": to_json,
    "graphml": _lazy("usfk_argmap.interop.graphml", "to_graphml"),
    "aif": _lazy("usfk_argmap.interop.aif", "to_aif"),
    "argdown": _lazy("usfk_argmap.interop.argdown", "to_argdown"),
    "mermaid": _lazy("usfk_argmap.interop.mermaid", "to_mermaid"),
    "dot": _to_dot,
    "iccma": _lazy("usfk_argmap.interop.attack_graph", "to_iccma"),
    "apx": _lazy("usfk_argmap.interop.attack_graph", "to_apx"),
}


def export(argument_map: ArgumentMap, format_name: str) -> str:
    """The map in the named format."""
    try:
        exporter = EXPORTERS[format_name]
    except KeyError:
        raise ValueError(f"unknown export format {format_name!r}; known: {', '.join(sorted(EXPORTERS))}") from None
    return exporter(argument_map)

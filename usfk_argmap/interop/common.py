"""What the graph writers (GraphML, Mermaid) share: the map as drawable nodes and edges.

Statements and linked arguments are both drawn nodes, and the edges are those
of the one projection, ``analysis.graph.links``: a premise points into its
argument's node, the argument node at the conclusion, and an undercut at the
argument node. Drawn ids are synthetic (``n1``,
``a1``...), so no id of ours ever reaches another tool's syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from usfk_argmap.analysis.graph import links, short_ids
from usfk_argmap.model import ArgumentMap


@dataclass(frozen=True)
class DrawnEdge:
    source: str
    target: str
    #: supports, attacks, undercuts, or premise (into a linked argument).
    relation: str


def drawn_ids(argument_map: ArgumentMap) -> dict[str, str]:
    """Our id -> the synthetic drawn id (``n1``, ``a1``...), the drawing's own (``analysis.graph.short_ids``)."""
    return short_ids(argument_map)


def drawn_edges(argument_map: ArgumentMap, ids: dict[str, str]) -> list[DrawnEdge]:
    """The edges of ``analysis.graph.links`` between drawn ids."""
    return [DrawnEdge(ids[link.source], ids[link.target], link.relation) for link in links(argument_map)]


def strip_controls(text: str) -> str:
    """Text without the control characters XML and DOT cannot carry (tabs and newlines stay)."""
    return "".join(ch for ch in text if ch in "\t\n" or (ord(ch) >= 32 and ch not in "\ufffe\uffff"))

"""Building the Graphviz DOT text of a map, with pydot.

Map ids are never shown to Graphviz: ``C:1`` would be read as a node ``C``
with a port, ``node`` is a keyword, a quote breaks the file. Every statement
gets a synthetic ASCII name (``n1``, ``n2``...) and every label is an HTML-like
label escaped by our own code (``&``, ``<``, ``>`` and ``"`` become entities
and ``\\`` is doubled, so ``\\N`` or ``\\l`` in a text stay as written).

Element ids in the SVG (stable for a given map, whatever the options):

- statement *k* of ``map.nodes`` (1-based, file order): ``<g id="am-n<k>"
  class="node am-node am-kind-<kind>">`` (plus ``am-highlight`` and
  ``am-issue`` where they apply), with ``data-am-id`` holding the map id;
- linked argument *k* of ``map.arguments``: its joint point ``<g id="am-a<k>"
  class="node am-arg am-rel-<supports|attacks>">``, ``data-am-id`` the argument id;
- undercut relation *k* (a node's own relation that something undercuts, in
  ``undercut_relations`` order): a joint point on that line, so the undercut
  has an arrow to aim at, ``<g id="am-r<k>" class="node am-arg am-relation
  am-rel-<supports|attacks>">``, ``data-am-id`` the relation id ``R->T``;
- edge *k* of ``drawn_edges(map)``: ``<g id="am-e<k>" class="edge am-edge
  am-rel-<relation>">`` with ``data-am-source``, ``data-am-target`` and
  ``data-am-relation``; relations are ``supports``, ``attacks``, ``undercuts``
  (to an argument's or relation's joint point) and ``premise`` (a co-premise,
  or the reason of an undercut relation, to its joint point);
- section *k* of ``map.sections`` drawn as a cluster: ``am-s<k>``; the legend ``am-legend``;
  the whole drawing ``am-map``.

``svg_ids(map)`` and ``edge_svg_ids(map)`` (``analysis.drawn``, as are the lines and joints) give these ids without drawing, so a
slide builder can lay a map out once and reveal its parts step by step. The
``data-am-*`` attributes are added to the SVG by ``render`` (Graphviz cannot write them).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from usfk_argmap.analysis.drawn import DrawnEdge, Joint, drawn_edges, drawn_joints, svg_ids
from usfk_argmap.analysis.graph import undercut_relations
from usfk_argmap.core.messages import message
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing import style
from usfk_argmap.drawing.fonts import FontChoice, font_for_lang
from usfk_argmap.drawing.labels import Written, html_label, needs_escape, quoted
from usfk_argmap.drawing.placement import (
    MAIN_LINE_WEIGHT,
    force_layout_attributes,
    layered_layout_attributes,
    main_claim_lines,
    staggered_lengths,
)
from usfk_argmap.drawing.terms import Terms, map_terms
from usfk_argmap.drawing.wrap import wrap

if TYPE_CHECKING:
    import pydot

    from usfk_argmap.core.diagnostics import Diagnostic
    from usfk_argmap.drawing.options import RenderOptions

_T = TypeVar("_T")


@dataclass(frozen=True)
class MapParts:
    """What every picture of one map is drawn from, read off the map once.

    A deck draws hundreds of pictures of one map: each builder reading the whole map
    again made the deck's time and memory grow with pictures times statements.
    """

    #: Map id -> SVG group id (``svg_ids``), and the same without ``am-`` (the DOT names).
    ids: dict[str, str]
    names: dict[str, str]
    #: Every line of the full map (``drawn_edges``); joint points by id; undercut relations by id.
    edges: list[DrawnEdge]
    joints: dict[str, Joint]
    undercut_relations: dict[str, tuple[str, str, str]]
    terms: Terms
    #: Statement id -> the places in ``edges`` of the lines at it; the places of lines at no statement.
    edges_at: dict[str, list[int]]
    loose: list[int]

    @classmethod
    def of(cls, argument_map: ArgumentMap) -> MapParts:
        ids = svg_ids(argument_map)
        names = {map_id: svg_id.removeprefix("am-") for map_id, svg_id in ids.items()}
        edges = drawn_edges(argument_map)
        edges_at: dict[str, list[int]] = {}
        loose: list[int] = []
        for index, edge in enumerate(edges):
            ends = [end for end in dict.fromkeys((edge.source, edge.target)) if end in argument_map.nodes]
            for end in ends:
                edges_at.setdefault(end, []).append(index)
            if not ends:
                loose.append(index)
        return cls(
            ids,
            names,
            edges,
            drawn_joints(argument_map),
            undercut_relations(argument_map),
            map_terms(argument_map),
            edges_at,
            loose,
        )

    def edges_among(self, shown: Collection[str]) -> list[DrawnEdge]:
        """The lines at the ``shown`` statements (and those at no statement), in ``edges``' order."""
        places = {index for node_id in shown for index in self.edges_at.get(node_id, ())}
        return [self.edges[index] for index in sorted(places.union(self.loose))]


class DotBuilder:
    """Builds the pydot graph for one map and one set of options (``parts``: ``MapParts.of(map)``, when shared)."""

    def __init__(
        self,
        argument_map: ArgumentMap,
        options: RenderOptions,
        *,
        shown: set[str] | None,
        diagnostics: Iterable[Diagnostic] = (),
        output_format: str | None = None,
        statuses: Mapping[str, str] | None = None,
        context: Collection[str] = (),
        label_widths: Mapping[str, float] | None = None,
        font: FontChoice | None = None,
        parts: MapParts | None = None,
    ) -> None:
        self.map = argument_map
        parts = parts if parts is not None else MapParts.of(argument_map)
        self.parts = parts
        #: Each statement's evaluation status, when the picture shows them (``render --evaluate``).
        self.statuses: Mapping[str, str] = statuses or {}
        #: Line widths (em) of particular statements' labels, instead of ``options.width``.
        self.label_widths = dict(label_widths or {})
        #: Words no line breaks inside (listed by the map, or recurring in it and its source text).
        self.terms = parts.terms
        #: Statements drawn muted, for orientation: the ends of a part's lines that lie outside it.
        self.context = frozenset(context)
        self.options = options
        self.theme = style.THEMES[options.theme]
        #: The map's font, when the caller has looked it up already (a deck's pictures share one).
        self.font = font if font is not None else font_for_lang(argument_map.lang)
        self.shown = set(argument_map.nodes) if shown is None else shown
        self.output_format = output_format
        self.ids = parts.ids
        self.names = parts.names
        #: Every line of the full map (``drawn_edges``), worked out once per drawing.
        self.edges = parts.edges
        #: Joint points (linked arguments, undercut relations) by id.
        self.joints = parts.joints
        self.undercut_relations = parts.undercut_relations
        self._argument_shown: dict[str, bool] = {}
        #: The reasons that outweigh each statement (``outweighs:``), said under it beside the status badge of
        #: ``--evaluate`` (whose verdicts the weighing decides): no line draws a weighing.
        self.outweighed: dict[str, list[str]] = {}
        if self.statuses:
            for node in argument_map.nodes.values():
                for ref in node.outweighs:
                    self.outweighed.setdefault(ref.target, []).append(node.id)
        self.issues: dict[str, list[str]] = {}
        for diagnostic in diagnostics:
            if diagnostic.node is not None and diagnostic.code not in self.issues.get(diagnostic.node, []):
                self.issues.setdefault(diagnostic.node, []).append(diagnostic.code)

    def to_string(self) -> str:
        """The DOT text of the graph."""
        graph = self.build()
        text: str = graph.to_string()
        # Every element of a pydot graph refers back to the graph (its ``parent_graph``), so a
        # dropped graph is left to the cyclic garbage collector: a pass over tens of thousands
        # of objects soon after a large render. Emptying the graph's dict frees it here instead.
        graph.obj_dict.clear()
        return text

    def build(self) -> pydot.Dot:
        import pydot

        graph = pydot.Dot("argmap", graph_type="digraph", **self._graph_attributes())
        graph.set_node_defaults(
            fontname=quoted(self.font.family),
            fontsize=quoted(style.FONT_SIZE),
            margin=quoted(style.NODE_MARGIN),
            fontcolor=quoted(self.theme.text),
            penwidth=quoted(style.NODE_PENWIDTH),
        )
        graph.set_edge_defaults(
            fontname=quoted(self.font.family), fontsize=quoted(style.GLOSS_FONT_SIZE), fontcolor=quoted(self.theme.muted_text)
        )
        # Only the lines at what is shown are looked at: a deck's picture costs what it draws, not the map.
        edges = [edge for edge in self.parts.edges_among(self.shown) if self._edge_shown(edge)]
        joints = list(dict.fromkeys(edge.target for edge in edges if edge.relation == "premise"))
        clustered: set[str] = set()
        placed: set[str] = set()
        if self.options.clusters:
            for index, section in enumerate(self.map.sections.values(), 1):
                members = [n for n in self.map.nodes.values() if n.section == section.id and n.id in self.shown]
                if not members:
                    continue
                cluster = self._cluster(
                    f"s{index}", f"am-s{index}", "am-section", wrap(section.title, 24.0, self.map.lang), "rounded,dashed"
                )
                self._add_statements(cluster, [n.id for n in members])
                # A joint point sits with its conclusion; outside the box dot ranks it badly.
                inside = [j for j in joints if self.joints[j].target in {n.id for n in members}]
                self._add_joints(cluster, inside)
                graph.add_subgraph(cluster)
                clustered.update(n.id for n in members)
                placed.update(inside)
        self._add_statements(graph, [n for n in self.map.nodes if n in self.shown and n not in clustered])
        self._add_joints(graph, [j for j in joints if j not in placed])
        self._add_edges(graph, edges)
        if self.options.legend:
            from usfk_argmap.drawing.legend import add_legend

            add_legend(self, graph, edges)
        return graph

    def _cluster(self, name: str, svg_id: str, css_class: str, title: list[str], line_style: str) -> pydot.Subgraph:
        """A cluster (Graphviz draws a subgraph named ``cluster_...`` as a box) with a title."""
        import pydot

        attributes: dict[str, Any] = {
            "id": quoted(svg_id),
            "class": quoted(css_class),
            "label": "<" + html_label(title) + ">",
            "style": quoted(line_style),
            "color": quoted(self.theme.cluster_border),
            "fontcolor": quoted(self.theme.cluster_text),
            "fontname": quoted(self.font.family),
        }
        return pydot.Subgraph(f"cluster_{name}", **attributes)

    def _graph_attributes(self) -> dict[str, str]:
        options = self.options
        attributes = {
            "id": quoted("am-map"),
            "rankdir": options.direction,
            "bgcolor": quoted("transparent" if options.transparent else self.theme.background),
            "fontname": quoted(self.font.family),
            "nodesep": quoted(style.NODE_SEP),
            "ranksep": quoted(style.RANK_SEP),
            "pad": quoted("0.2"),
        }
        if options.fit is not None:
            width, height = options.fit_inches()
            attributes["size"] = quoted(f"{width:.3f},{height:.3f}!")
        if self.output_format == "png":
            attributes["dpi"] = quoted(str(options.dpi))
        if options.engine in ("sfdp", "fdp", "neato"):
            attributes.update(force_layout_attributes(len(self.shown)))
        elif options.engine in (None, "dot"):
            attributes.update(layered_layout_attributes(len(self.shown)))
        return attributes

    def _edge_shown(self, edge: DrawnEdge) -> bool:
        return self._present(edge.source) and self._present(edge.target)

    def _present(self, map_id: str) -> bool:
        if map_id in self.map.nodes:
            return map_id in self.shown
        known = self._argument_shown.get(map_id)
        if known is None:
            argument = self.map.arguments.get(map_id)
            if argument is not None:
                known = argument.target.target in self.shown and any(p.target in self.shown for p in argument.premises)
            else:  # an undercut relation's joint: shown with both ends of its line
                reason, target, _ = self.undercut_relations[map_id]
                known = target in self.shown and reason in self.shown
            self._argument_shown[map_id] = known
        return known

    def _label(self, node_id: str) -> str:
        node = self.map.nodes[node_id]
        mode = self.options.lang_mode
        width = self.label_widths.get(node_id, self.options.width)
        # A picture shows the short label where the map gives one; ``text`` stays whole for notes and reports.
        text, lang = (node.en, "en") if mode == "gloss" and node.en else (node.shown_text, self.map.lang)
        lines = wrap(text, width, lang, self.terms)
        # Lines are pieces of the text: when it needs no escaping, neither do they.
        body = "<BR/>".join(lines) if not needs_escape(text) else html_label(lines)
        weighed = [reason for reason in self.outweighed.get(node_id, ()) if reason in self.shown]
        if mode == "text" and not self.options.show_issues and not self.statuses and not weighed:
            return "<" + body + ">"
        parts = [body]
        if mode == "both" and node.en:
            gloss = html_label(
                wrap(node.en, width * 1.15, "en"), size=style.GLOSS_FONT_SIZE, colour=self._muted_colour(node.kind)
            )
            parts.append(gloss)
        if self.options.show_issues and node_id in self.issues:
            parts.append(
                html_label(
                    [" ".join(self.issues[node_id])], size=style.BADGE_FONT_SIZE, colour=self._issue_text_colour(node.kind)
                )
            )
        if weighed:
            # Granted and judged weaker: it stands, and yet what it attacks may stand too.
            lang = self.options.chrome_language(self.map.lang)
            reasons = message("badge.separator", lang).join(weighed)
            parts.append(
                html_label(
                    [message("badge.outweighed", lang, reasons=reasons)],
                    size=style.BADGE_FONT_SIZE,
                    colour=self._muted_colour(node.kind),
                )
            )
        if node_id in self.statuses:
            parts.append(
                html_label(
                    [message(f"status.{self.statuses[node_id]}", self.options.chrome_language(self.map.lang))],
                    size=style.BADGE_FONT_SIZE,
                    colour=self._muted_colour(node.kind),
                )
            )
        return "<" + "<BR/>".join(parts) + ">"

    def _muted_colour(self, kind: str) -> str:
        kind_style = self.theme.kinds.get(kind, self.theme.kinds["premise"])  # an unknown kind (AM010) is drawn as a premise
        return kind_style.text if kind_style.text != self.theme.text else self.theme.muted_text

    def _issue_text_colour(self, kind: str) -> str:
        kind_style = self.theme.kinds.get(kind, self.theme.kinds["premise"])
        return kind_style.text if kind_style.text != self.theme.text else self.theme.issue

    def _add_statements(self, parent: pydot.Graph, node_ids: list[str]) -> None:
        import pydot

        highlight = set(self.options.highlight)
        show_issues = self.options.show_issues
        ids, names, issues, label, statuses = self.ids, self.names, self.issues, self._label, self.statuses
        Node = pydot.Node
        nodes = self.map.nodes
        context = self.context

        def kind_of(node_id: str) -> str:
            kind = nodes[node_id].kind
            return f"{kind} context" if node_id in context else kind

        for group_key, run in _groups(node_ids, kind_of):
            kind, _, muted = group_key.partition(" ")
            kind_style = self.theme.kinds.get(kind, self.theme.kinds["premise"])
            if muted:
                kind_style = style.context_style(self.theme, kind_style)
            group = pydot.Subgraph("")
            css = f"am-node am-kind-{kind} am-context" if muted else f"am-node am-kind-{kind}"
            defaults: dict[str, Any] = {
                "shape": kind_style.shape,
                "style": quoted(kind_style.style),
                "fillcolor": quoted(kind_style.fill),
                "color": quoted(kind_style.border),
                "class": quoted(css),
            }
            # Only what differs from the graph-wide node defaults.
            if kind_style.text != self.theme.text:
                defaults["fontcolor"] = quoted(kind_style.text)
            if kind_style.penwidth != style.NODE_PENWIDTH:
                defaults["penwidth"] = quoted(kind_style.penwidth)
            if kind_style.peripheries != 1:
                defaults["peripheries"] = str(kind_style.peripheries)
            group.set_node_defaults(**defaults)
            for node_id in run:
                attributes: dict[str, Any] = {"id": Written('"' + ids[node_id] + '"'), "label": Written(label(node_id))}
                highlighted = node_id in highlight
                issue = show_issues and node_id in issues
                status = statuses.get(node_id)
                if status is not None:
                    # The status shows in the border's dash as well as in the badge, so it survives grayscale.
                    attributes["style"] = quoted(",".join([kind_style.style, style.STATUS_LINE_STYLES[status]]))
                    attributes["class"] = quoted(f"{css} am-status-{status}")
                if highlighted or issue:
                    classes = [css]
                    if highlighted:
                        classes.append("am-highlight")
                        attributes["penwidth"] = quoted(style.HIGHLIGHT_PENWIDTH)
                        attributes["color"] = quoted(self.theme.highlight)
                    if issue:
                        classes.append("am-issue")
                        attributes["penwidth"] = quoted(
                            max(style.ISSUE_PENWIDTH, float(attributes.get("penwidth", "0").strip('"')))
                        )
                        if not highlighted:
                            attributes["color"] = quoted(self.theme.issue)
                    if status is not None:
                        classes.append(f"am-status-{status}")
                    attributes["class"] = quoted(" ".join(classes))
                group.add_node(Node(names[node_id], **attributes))
            parent.add_subgraph(group)

    def _add_joints(self, parent: pydot.Graph, joints: list[str]) -> None:
        import pydot

        for argument_id in joints:
            relation = self.joints[argument_id].relation
            colour = self.theme.relations[relation].color
            classes = (
                f"am-arg am-rel-{relation}" if argument_id in self.map.arguments else f"am-arg am-relation am-rel-{relation}"
            )
            attributes: dict[str, Any] = {
                "id": quoted(self.ids[argument_id]),
                "shape": "point",
                "width": quoted(style.JOINT_SIZE),
                "color": quoted(colour),
                "fillcolor": quoted(colour),
                "label": quoted(""),
                "class": quoted(classes),
            }
            if self.options.show_issues and argument_id in self.issues:
                attributes["xlabel"] = (
                    "<"
                    + html_label([" ".join(self.issues[argument_id])], size=style.BADGE_FONT_SIZE, colour=self.theme.issue)
                    + ">"
                )
                attributes["class"] = quoted(f"{classes} am-issue")
                attributes["color"] = quoted(self.theme.issue)
            parent.add_node(pydot.Node(self.names[argument_id], **attributes))

    def _add_edges(self, graph: pydot.Dot, edges: list[DrawnEdge]) -> None:
        import pydot

        def line_kind(edge: DrawnEdge) -> str:
            if edge.relation == "premise":
                return f"premise-{self.joints[edge.target].relation}"
            return edge.relation

        names = self.names
        minlen = staggered_lengths(edges, self.options.stagger)
        held, unranked = main_claim_lines(edges, self.map.root) if self.map.root in self.shown else (set(), set())
        for kind, run in _groups(edges, line_kind):
            line = self.theme.relations[kind]
            relation = "premise" if kind.startswith("premise") else kind
            group = pydot.Subgraph("")
            group.set_edge_defaults(
                color=quoted(line.color),
                style=line.style,
                arrowhead=line.arrowhead,
                penwidth=quoted(line.penwidth),
                **{"class": quoted(f"am-edge am-rel-{relation}")},
            )
            for edge in run:
                attributes: dict[str, Any] = {"id": Written(f'"{edge.svg_id}"')}
                if edge.svg_id in minlen:
                    attributes["minlen"] = str(minlen[edge.svg_id])
                if edge.svg_id in held:
                    attributes["weight"] = str(MAIN_LINE_WEIGHT)
                elif edge.svg_id in unranked:
                    attributes["constraint"] = "false"
                group.add_edge(pydot.Edge(names[edge.source], names[edge.target], **attributes))
            graph.add_subgraph(group)


def _groups(items: Iterable[_T], key: Callable[[_T], str]) -> Iterator[tuple[str, list[_T]]]:
    """Items grouped by key, groups in order of first appearance, items in order within a group.

    Each group shares one set of DOT defaults: repeating them for every change of
    kind would make pydot's quoting the largest cost of a render.
    """
    groups: dict[str, list[_T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    yield from groups.items()

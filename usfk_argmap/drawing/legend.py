"""The legend (``render --legend``): every mark the picture shows, explained in the picture's language.

It lists what this drawing uses, and only that: the kinds of statement (their
shapes), the relations (their lines), the joint dot of a linked argument and
the dot on a line that an undercut aims at, and the marks laid over a
statement: the badge of a weighed objection (``outweighs``), the badge and
border dash of ``--evaluate``, a statement drawn as context, a section's box,
a highlight, the codes of ``--show-issues``. Every
word is a message of ``core.messages`` (``legend.*``, ``kind.*``, ``status.*``),
so the legend speaks the language of the words around the map (``ui_lang``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from usfk_argmap.core.messages import message
from usfk_argmap.drawing import style
from usfk_argmap.drawing.labels import html_label, quoted
from usfk_argmap.drawing.placement import farthest_from_the_far_end, legend_grid, staggered_lengths

if TYPE_CHECKING:
    import pydot

    from usfk_argmap.analysis.drawn import DrawnEdge, Joint
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.options import RenderOptions


class DotBuilder(Protocol):
    """What the legend reads of the drawing it explains (``dot.DotBuilder`` has it)."""

    @property
    def map(self) -> ArgumentMap: ...
    @property
    def options(self) -> RenderOptions: ...
    @property
    def theme(self) -> style.Theme: ...
    @property
    def shown(self) -> set[str]: ...
    @property
    def statuses(self) -> Mapping[str, str]: ...
    @property
    def context(self) -> frozenset[str]: ...
    @property
    def issues(self) -> Mapping[str, list[str]]: ...
    @property
    def outweighed(self) -> Mapping[str, list[str]]: ...
    @property
    def joints(self) -> Mapping[str, Joint]: ...
    @property
    def names(self) -> Mapping[str, str]: ...

    def _cluster(self, name: str, svg_id: str, css_class: str, title: list[str], line_style: str) -> pydot.Subgraph: ...


#: The statuses of ``--evaluate``, in the order the legend shows them.
STATUSES = ("established", "defeated", "open")


def add_legend(builder: DotBuilder, graph: pydot.Dot, edges: list[DrawnEdge]) -> None:
    """Add the legend of what ``builder`` draws (its ``edges``) to ``graph``, under the map in BT and TB."""
    lang = builder.options.chrome_language(builder.map.lang)
    legend = builder._cluster("legend", "am-legend", "am-legend", [message("legend.title", lang)], "rounded")
    shown = [node_id for node_id in builder.map.nodes if node_id in builder.shown]
    kinds = list(dict.fromkeys(builder.map.nodes[n].kind for n in shown))
    boxes = []
    for kind in (kind for kind in style.KIND_SHAPES if kind in kinds):
        kind_style = builder.theme.kinds[kind]
        boxes.append(_box(legend, kind, [message(f"kind.{kind}", lang)], _kind_attributes(kind_style)))
    boxes += _marks(builder, legend, shown, lang)
    relations = {edge.relation for edge in edges}
    # Top-down, a line between two points of one rank is level; left to right, the ranks are level already.
    across = builder.options.direction in ("BT", "TB")
    for relation in ("supports", "attacks", "undercuts"):
        if relation in relations:
            _line(legend, relation, builder.theme.relations[relation], message(f"legend.{relation}", lang), across)
    joints = {edge.target for edge in edges if edge.relation == "premise"}
    linked = [joint for joint in joints if joint in builder.map.arguments]
    for name, present in (("joint", linked), ("relation-joint", [j for j in joints if j not in builder.map.arguments])):
        if present:
            relation = builder.joints[present[0]].relation
            line = builder.theme.relations[f"premise-{relation}"]
            dot = builder.theme.relations[relation].color
            _line(legend, name, line, message(f"legend.{name.replace('-', '_')}", lang), across, dot)
    top, bottom = legend_grid(legend, boxes)
    graph.add_subgraph(legend)
    _under_the_map(builder, graph, edges, top, bottom)


def _kind_attributes(kind_style: style.KindStyle) -> dict[str, Any]:
    return {
        "shape": kind_style.shape,
        "style": quoted(kind_style.style),
        "fillcolor": quoted(kind_style.fill),
        "color": quoted(kind_style.border),
        "fontcolor": quoted(kind_style.text),
        "penwidth": quoted(kind_style.penwidth),
        "peripheries": str(kind_style.peripheries),
    }


def _marks(builder: DotBuilder, legend: pydot.Subgraph, shown: list[str], lang: str) -> list[str]:
    """The boxes that explain the marks laid over statements in this drawing; their node names."""
    theme, options = builder.theme, builder.options
    plain = {"shape": "box", "style": quoted("rounded"), "color": quoted(theme.text), "fontcolor": quoted(theme.text)}
    names = []
    drawn = {builder.statuses[n] for n in shown if n in builder.statuses}
    for status in (status for status in STATUSES if status in drawn):
        # The badge as drawn under a statement's text, over what it means; the border takes the status's dash.
        lines = [message(f"status.{status}", lang)]
        mark = {**plain, "style": quoted(f"rounded,{style.STATUS_LINE_STYLES[status]}")}
        names.append(_box(legend, f"status-{status}", lines, mark, message(f"legend.status_{status}", lang)))
    weighed = [n for n in shown if any(reason in builder.shown for reason in builder.outweighed.get(n, ()))]
    if weighed:
        # A sample of the badge, with the first weighing drawn, over what it means.
        reasons = [reason for reason in builder.outweighed[weighed[0]] if reason in builder.shown]
        sample = message("badge.outweighed", lang, reasons=message("badge.separator", lang).join(reasons))
        names.append(_box(legend, "outweighed", [sample], plain, message("legend.outweighed", lang)))
    if builder.context & set(shown):
        muted = style.context_style(theme, theme.kinds["premise"])
        names.append(_box(legend, "context", [message("legend.context", lang)], _kind_attributes(muted)))
    if options.clusters and any(builder.map.nodes[n].section for n in shown):
        section = {**plain, "style": quoted("rounded,dashed"), "color": quoted(theme.cluster_border)}
        names.append(_box(legend, "section", [message("legend.section", lang)], section))
    if set(options.highlight) & set(shown):
        highlight = {**plain, "penwidth": quoted(style.HIGHLIGHT_PENWIDTH), "color": quoted(theme.highlight)}
        names.append(_box(legend, "highlight", [message("legend.highlight", lang)], highlight))
    if options.show_issues and builder.issues:
        issue = {**plain, "penwidth": quoted(style.ISSUE_PENWIDTH), "color": quoted(theme.issue)}
        names.append(_box(legend, "issue", [message("legend.issue", lang)], issue))
    return names


def _box(legend: pydot.Subgraph, name: str, lines: list[str], attributes: dict[str, Any], caption: str = "") -> str:
    """A sample box in the legend, with its words (and a smaller caption under them); its node name."""
    import pydot

    label = html_label(lines)
    if caption:
        label += "<BR/>" + html_label([caption], size=style.BADGE_FONT_SIZE)
    node_name = "legend_" + name.replace("-", "_")
    legend.add_node(pydot.Node(node_name, id=quoted(f"am-legend-{name}"), label=f"<{label}>", **attributes))
    return node_name


def _line(
    legend: pydot.Subgraph, name: str, line: style.RelationStyle, caption: str, same_rank: bool, joint_colour: str | None = None
) -> None:
    """A short level line with its caption above; with ``joint_colour``, it ends in a joint dot of that colour.

    ``same_rank``: its ends share a rank, which is level when ranks are rows (BT, TB).
    """
    import pydot

    tail, head = (f"legend_{name.replace('-', '_')}_{end}" for end in ("from", "to"))
    pair = pydot.Subgraph("", rank="same") if same_rank else pydot.Subgraph("")
    pair.add_node(pydot.Node(tail, shape="point", width=quoted(0.05), color=quoted(line.color), label=quoted("")))
    end: dict[str, Any] = {"shape": "point", "width": quoted(0.05), "color": quoted(line.color), "label": quoted("")}
    if joint_colour is not None:
        end.update(width=quoted(style.JOINT_SIZE), color=quoted(joint_colour), fillcolor=quoted(joint_colour))
    pair.add_node(pydot.Node(head, **end))
    legend.add_subgraph(pair)
    legend.add_edge(
        pydot.Edge(
            tail,
            head,
            id=quoted(f"am-legend-{name}"),
            color=quoted(line.color),
            style=line.style,
            arrowhead=line.arrowhead,
            penwidth=quoted(line.penwidth),
            minlen="3" if same_rank else "1",
            label="<" + html_label([caption]) + ">",
        )
    )


def _under_the_map(builder: DotBuilder, graph: pydot.Dot, edges: list[DrawnEdge], top: list[str], bottom: list[str]) -> None:
    """Rank the legend below the map, where it costs a band of height instead of its width.

    Left alone, dot ranks the legend beside the map's lowest nodes, which
    makes the picture up to twice as wide. Invisible edges tie the legend's
    nearest row to the nodes that already lie lowest: the starts of the
    longest chains (BT), or their ends (TB). Tying only those moves no node
    of the map. In LR and RL the ranks run across, so the legend stays beside.
    """
    import pydot

    direction = builder.options.direction
    if direction not in ("BT", "TB") or not top:
        return
    lowest = farthest_from_the_far_end(edges, staggered_lengths(edges, builder.options.stagger), from_heads=direction == "BT")
    if direction == "BT":
        for name in lowest:
            graph.add_edge(pydot.Edge(top[0], builder.names[name], style="invis"))
    else:
        anchor = bottom[0] if bottom else top[0]
        for name in lowest:
            graph.add_edge(pydot.Edge(builder.names[name], anchor, style="invis"))

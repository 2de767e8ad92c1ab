"""The visual grammar: every shape, colour and line style the drawings use, in one place.

Kinds differ by shape as well as colour, and relations by line style and
arrowhead as well as colour, so a map survives grayscale printing and colour
blindness. Colours come from the Okabe-Ito palette (blue for support,
vermilion for attack), which stays distinct for the common colour-vision
deficiencies. The ``print`` theme uses no colour at all.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Border width of a node (the thesis is drawn bolder).
NODE_PENWIDTH = 1.2


@dataclass(frozen=True)
class KindStyle:
    """How one node kind is drawn: a Graphviz shape, its style list and colours."""

    shape: str
    style: str
    fill: str
    border: str
    text: str
    penwidth: float
    peripheries: int = 1


@dataclass(frozen=True)
class RelationStyle:
    """How one relation is drawn: line colour, line style, arrowhead and width."""

    color: str
    style: str
    arrowhead: str
    penwidth: float


@dataclass(frozen=True)
class Theme:
    """Everything that changes between light, dark and print drawings."""

    name: str
    background: str
    text: str
    muted_text: str
    kinds: dict[str, KindStyle]
    relations: dict[str, RelationStyle]
    highlight: str
    issue: str
    cluster_border: str
    cluster_text: str


#: Shapes by kind, shared by all themes: thesis a double rounded box, claim a rounded box,
#: premise a square box, evidence a folded note, objection an octagon, rebuttal a box
#: with cut corners, assumption a dashed rounded box.
KIND_SHAPES: dict[str, tuple[str, str, int]] = {
    "thesis": ("box", "rounded,filled,bold", 2),
    "claim": ("box", "rounded,filled", 1),
    "premise": ("box", "filled", 1),
    "evidence": ("note", "filled", 1),
    "objection": ("octagon", "filled", 1),
    "rebuttal": ("box", "filled,diagonals", 1),
    "assumption": ("box", "rounded,filled,dashed", 1),
}

#: Line style and arrowhead by relation, shared by all themes: support is a solid line
#: with a filled arrowhead, attack a dashed line ending in a bar, undercut a dotted line
#: ending in a bar; a co-premise joins its linked argument with a plain line.
RELATION_LINES: dict[str, tuple[str, str, float]] = {
    "supports": ("solid", "normal", 1.4),
    "attacks": ("dashed", "tee", 1.6),
    "undercuts": ("dotted", "tee", 1.8),
    "premise-supports": ("solid", "none", 1.4),
    "premise-attacks": ("dashed", "none", 1.6),
}


def _theme(
    name: str,
    background: str,
    text: str,
    muted: str,
    colours: dict[str, tuple[str, str, str]],
    support: str,
    attack: str,
    highlight: str,
    issue: str,
    cluster: str,
) -> Theme:
    kinds = {}
    for kind, (shape, style, peripheries) in KIND_SHAPES.items():
        fill, border, label = colours[kind]
        kinds[kind] = KindStyle(shape, style, fill, border, label, 2.0 if kind == "thesis" else NODE_PENWIDTH, peripheries)
    relations = {}
    for relation, (line, arrowhead, penwidth) in RELATION_LINES.items():
        colour = support if relation.endswith("supports") else attack
        relations[relation] = RelationStyle(colour, line, arrowhead, penwidth)
    return Theme(name, background, text, muted, kinds, relations, highlight, issue, cluster, muted)


#: The themes by name: fill, border and text colour per kind, then the relation colours.
THEMES: dict[str, Theme] = {
    "light": _theme(
        "light",
        "white",
        "#1A1A1A",
        "#555555",
        {
            "thesis": ("#1F4E79", "#0B2740", "#FFFFFF"),
            "claim": ("#D6E6F5", "#1F4E79", "#1A1A1A"),
            "premise": ("#FFFFFF", "#4D4D4D", "#1A1A1A"),
            "evidence": ("#FFF1CC", "#9A7000", "#1A1A1A"),
            "objection": ("#FBE0D0", "#D55E00", "#1A1A1A"),
            "rebuttal": ("#E8DDF2", "#7B4FA0", "#1A1A1A"),
            "assumption": ("#F2F2F2", "#7F7F7F", "#1A1A1A"),
        },
        support="#0072B2",
        attack="#D55E00",
        highlight="#C47A00",
        issue="#C4003A",
        cluster="#8C8C8C",
    ),
    "dark": _theme(
        "dark",
        "#1E1E1E",
        "#EDEDED",
        "#B0B0B0",
        {
            "thesis": ("#56B4E9", "#D6EEFB", "#0B1620"),
            "claim": ("#1F3A52", "#56B4E9", "#EDEDED"),
            "premise": ("#2B2B2B", "#BFBFBF", "#EDEDED"),
            "evidence": ("#3D3318", "#F0E442", "#EDEDED"),
            "objection": ("#4A2614", "#E69F00", "#EDEDED"),
            "rebuttal": ("#3A2A47", "#CC79A7", "#EDEDED"),
            "assumption": ("#2B2B2B", "#8C8C8C", "#EDEDED"),
        },
        support="#56B4E9",
        attack="#E69F00",
        highlight="#F0E442",
        issue="#FF8AA3",
        cluster="#8C8C8C",
    ),
    "print": _theme(
        "print",
        "white",
        "#000000",
        "#404040",
        {
            "thesis": ("#D9D9D9", "#000000", "#000000"),
            "claim": ("#F0F0F0", "#000000", "#000000"),
            "premise": ("#FFFFFF", "#000000", "#000000"),
            "evidence": ("#FFFFFF", "#000000", "#000000"),
            "objection": ("#FFFFFF", "#000000", "#000000"),
            "rebuttal": ("#FFFFFF", "#000000", "#000000"),
            "assumption": ("#FFFFFF", "#404040", "#000000"),
        },
        support="#000000",
        attack="#000000",
        highlight="#000000",
        issue="#000000",
        cluster="#404040",
    ),
}


def context_style(theme: Theme, kind_style: KindStyle) -> KindStyle:
    """A kind's style muted, for a statement shown only as context (it belongs to another part of the talk).

    The shape stays, so the kind is still told; the fill is the background, the
    border dashed and the text grey, so the eye goes to the part's own statements.
    """
    styles = [s for s in kind_style.style.split(",") if s not in ("filled", "bold", "dashed", "diagonals")]
    styles += ["filled", "dashed"]
    return KindStyle(kind_style.shape, ",".join(styles), theme.background, theme.muted_text, theme.muted_text, NODE_PENWIDTH, 1)


#: Font size of statement text, of the English gloss, and of issue badges, in points.
FONT_SIZE = 14.0
GLOSS_FONT_SIZE = 11.0
BADGE_FONT_SIZE = 10.0
#: Room around a label inside its box, in inches (horizontal, vertical).
NODE_MARGIN = "0.14,0.08"
#: Space between ranks and between nodes of a rank, in inches.
RANK_SEP = 0.45
NODE_SEP = 0.3
#: Border width of a highlighted node and of a node with diagnostics.
HIGHLIGHT_PENWIDTH = 4.0
ISSUE_PENWIDTH = 3.0
#: Size of the joint point of a linked argument, in inches.
JOINT_SIZE = 0.14

#: ``render --evaluate``: the dash added to a statement's border (its badge's words: ``core.messages``, ``status.*``).
STATUS_LINE_STYLES: dict[str, str] = {"established": "solid", "defeated": "dashed", "open": "dotted"}

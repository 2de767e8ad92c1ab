"""The map of the sections: the whole map made readable on a slide that cannot zoom.

A whole map of sixty statements is an eye chart on a projected slide. This
picture draws one box per section instead: its title, its main claims and how
many statements it holds, with a line from one section to another where a
statement of the first bears on one of the second (thicker for more), and the
thesis above. The decks that cannot zoom (Marp, Beamer) show it where the HTML
deck shows the zoomable whole map, and keep the whole map as an appendix page.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from usfk_argmap.analysis.buildup import main_claims, section_tops
from usfk_argmap.core.messages import message
from usfk_argmap.drawing import style
from usfk_argmap.drawing.labels import html_label, quoted
from usfk_argmap.drawing.terms import map_terms
from usfk_argmap.drawing.wrap import wrap

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap

#: Label width of a section's box, in em.
_WIDTH = 9.0


def used_sections(argument_map: ArgumentMap) -> list[str]:
    """The sections that hold a statement, in the map's order."""
    used = {node.section for node in argument_map.nodes.values()}
    return [section for section in argument_map.sections if section in used]


def sections_dot(argument_map: ArgumentMap, lang: str, theme: str = "light", font: str = "Noto Sans CJK TC") -> str:
    """The map of the sections as DOT: a box per section (title, main claims, count), the lines between them.

    Each section's box has the id ``am-section-<k>`` (k from 1, in the map's order); the thesis, when it
    stands outside every section, ``am-section-thesis``. ``lang`` chooses the words, ``theme`` the colours.
    """
    palette = style.THEMES[theme]
    terms = map_terms(argument_map)
    sections = used_sections(argument_map)
    number = {section: index for index, section in enumerate(sections, 1)}
    claims = set(main_claims(argument_map))
    lines = [
        "digraph sections {",
        f'  graph [id="am-sections", rankdir=BT, bgcolor="transparent", fontname={quoted(font)}, nodesep=0.4, ranksep=0.6,'
        ' pad="0.2"];',
        f"  node [fontname={quoted(font)}, fontsize={style.FONT_SIZE:g}, margin={quoted(style.NODE_MARGIN)}];",
    ]
    claim_style = palette.kinds["claim"]
    for section in sections:
        members = [node for node in argument_map.nodes.values() if node.section == section]
        tops = [n for n in section_tops(argument_map, section) if n in claims] or section_tops(argument_map, section)[:1]
        body = [f"<B>{html_label(wrap(argument_map.sections[section].title, _WIDTH, argument_map.lang, terms))}</B>"]
        body += [html_label(wrap(argument_map.nodes[top].shown_text, _WIDTH, argument_map.lang, terms)) for top in tops]
        body.append(html_label([message("deck.statement_count", lang, count=len(members))], colour=palette.muted_text))
        lines.append(
            f"  s{number[section]} [id={quoted(f'am-section-{number[section]}')}, shape=box, label=<{'<BR/>'.join(body)}>,"
            f" style={quoted(claim_style.style)}, fillcolor={quoted(claim_style.fill)}, color={quoted(claim_style.border)},"
            f" fontcolor={quoted(claim_style.text)}, penwidth={claim_style.penwidth:g}];"
        )
    root = argument_map.nodes.get(argument_map.root)
    if root is not None and root.section is None:
        thesis = palette.kinds["thesis"]
        label = html_label(wrap(root.shown_text, _WIDTH * 2, argument_map.lang, terms))
        lines.append(
            f'  thesis [id="am-section-thesis", shape=box, label=<{label}>,'
            f" style={quoted(thesis.style)}, fillcolor={quoted(thesis.fill)}, color={quoted(thesis.border)},"
            f" fontcolor={quoted(thesis.text)}, penwidth={thesis.penwidth:g}, peripheries={thesis.peripheries}];"
        )
    for (source, target, relation), count in sorted(_section_lines(argument_map, number).items()):
        line = palette.relations[relation]
        head = "thesis" if target == 0 else f"s{target}"
        # Lines between parts do not rank them: the parts stand side by side under the thesis, as
        # parallel as the main claims they hold, however they lean on one another (A → B → A included).
        constraint = "" if target == 0 else ", constraint=false"
        lines.append(
            f"  s{source} -> {head} [color={quoted(line.color)}, style={line.style}, arrowhead={line.arrowhead},"
            f" penwidth={line.penwidth + min(count, 6) * 0.5:g}{constraint}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _section_lines(argument_map: ArgumentMap, number: dict[str, int]) -> Counter[tuple[int, int, str]]:
    """(from section, to section or 0 for the thesis, relation) -> how many relations run so."""
    found: Counter[tuple[int, int, str]] = Counter()
    arguments = argument_map.arguments
    for edge in argument_map.edges():
        source = argument_map.nodes.get(edge.source)
        target_id = edge.target
        if target_id in arguments:
            target_id = arguments[target_id].target.target
        target = argument_map.nodes.get(target_id)
        if source is None or target is None or source.section not in number:
            continue
        to = number.get(target.section or "", 0 if target.id == argument_map.root else -1)
        relation = "attacks" if edge.relation != "supports" else "supports"
        if to >= 0 and to != number[source.section]:
            found[number[source.section], to, relation] += 1
    return found

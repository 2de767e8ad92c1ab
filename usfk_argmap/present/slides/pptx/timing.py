"""A build-up as click animations: the slide's timing tree (``p:timing``, ECMA-376 Part 1, 19.5).

Every step after the first is one click of the main sequence; on that click the
step's shapes appear together (the *Appear* entrance effect, preset 1: the shape's
``style.visibility`` set to ``visible``), the first as the click effect and the
others with it. The tree has PowerPoint's own shape::

    p:timing / p:tnLst / p:par / p:cTn[tmRoot] / p:childTnLst / p:seq / p:cTn[mainSeq] / p:childTnLst
      p:par (a click: delay indefinite) / p:cTn / p:childTnLst / p:par (delay 0) / p:cTn / p:childTnLst
        p:par / p:cTn[presetClass=entr, clickEffect|withEffect] / p:childTnLst / p:set (style.visibility)

and a ``p:bldLst`` with a ``p:bldP`` for every animated shape that has text.

The statements a step adds are highlighted while their step is current, as the
HTML deck does: on their click their outline turns to the accent colour (the
*Line Color* emphasis effect, preset 7: ``stroke.color`` animated to the colour),
and on the next click back to their own; the first step's as the slide begins
(a group that starts with the main sequence, ``onBegin`` of time node 2).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_P_NAMESPACE = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A_NAMESPACE = "http://schemas.openxmlformats.org/drawingml/2006/main"
#: How long an outline takes to change colour, in milliseconds.
_HIGHLIGHT_MS = 300


@dataclass(frozen=True)
class Entrance:
    """A shape that appears on a click, and whether it holds text (PowerPoint lists those in ``p:bldLst``)."""

    shape_id: int
    has_text: bool


@dataclass(frozen=True)
class Highlight:
    """A statement outlined in ``accent`` while its step is current, its own outline colour ``own`` after."""

    shape_id: int
    accent: str
    own: str


def timing_xml(
    clicks: Sequence[Sequence[Entrance]], highlights: Sequence[Sequence[Highlight]] = (), opening: Sequence[Highlight] = ()
) -> str | None:
    """The ``p:timing`` element for ``clicks`` (the shapes each click brings in), or None for no animation.

    ``highlights`` are the statements each click adds, outlined until the next click; ``opening`` those the
    slide starts with, outlined as it begins (a build-up's first step) until the first click.
    """
    marked = [list(highlights[index]) if index < len(highlights) else [] for index in range(len(clicks))]
    steps = [(click, marked[index], marked[index - 1] if index else list(opening)) for index, click in enumerate(clicks)]
    steps = [step for step in steps if step[0]]
    clicks = [click for click, _, _ in steps]
    if not clicks:
        return None
    counter = iter(range(3, 1_000_000))
    click_pars = []
    if opening:  # with the slide: the main sequence's first group starts as it begins (PowerPoint's "With Previous")
        outer, inner = next(counter), next(counter)
        lighting = "".join(_line_colour(highlight.shape_id, highlight.accent, counter) for highlight in opening)
        click_pars.append(
            f'<p:par><p:cTn id="{outer}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>'
            f'<p:cond evt="onBegin" delay="0"><p:tn val="2"/></p:cond></p:stCondLst><p:childTnLst><p:par>'
            f'<p:cTn id="{inner}" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>{lighting}'
            f"</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>"
        )
    for click, lit, unlit in steps:
        outer, inner = next(counter), next(counter)
        effects = []
        for position, entrance in enumerate(click):
            effect, behaviour = next(counter), next(counter)
            node_type = "clickEffect" if position == 0 else "withEffect"
            effects.append(
                f'<p:par><p:cTn id="{effect}" presetID="1" presetClass="entr" presetSubtype="0" fill="hold" '
                f'grpId="0" nodeType="{node_type}"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
                f'<p:set><p:cBhvr><p:cTn id="{behaviour}" dur="1" fill="hold"><p:stCondLst><p:cond delay="0"/>'
                f'</p:stCondLst></p:cTn><p:tgtEl><p:spTgt spid="{entrance.shape_id}"/></p:tgtEl><p:attrNameLst>'
                f'<p:attrName>style.visibility</p:attrName></p:attrNameLst></p:cBhvr><p:to><p:strVal val="visible"/>'
                f"</p:to></p:set></p:childTnLst></p:cTn></p:par>"
            )
        effects.extend(_line_colour(highlight.shape_id, highlight.accent, counter) for highlight in lit)
        effects.extend(_line_colour(highlight.shape_id, highlight.own, counter) for highlight in unlit)
        click_pars.append(
            f'<p:par><p:cTn id="{outer}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/></p:stCondLst>'
            f'<p:childTnLst><p:par><p:cTn id="{inner}" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst>'
            f"<p:childTnLst>{''.join(effects)}</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>"
        )
    builds = "".join(
        f'<p:bldP spid="{entrance.shape_id}" grpId="0"/>' for click in clicks for entrance in click if entrance.has_text
    )
    # The emphasis is a second build of the shape (group 1), of the shape itself rather than its paragraphs.
    builds += "".join(
        f'<p:bldP spid="{shape_id}" grpId="1" animBg="1"/>'
        for shape_id in sorted({h.shape_id for _, lit, _ in steps for h in lit} | {h.shape_id for h in opening})
    )
    build_list = f"<p:bldLst>{builds}</p:bldLst>" if builds else ""
    return (
        f'<p:timing xmlns:p="{_P_NAMESPACE}" xmlns:a="{_A_NAMESPACE}"><p:tnLst><p:par><p:cTn id="1" dur="indefinite" '
        f'restart="never" nodeType="tmRoot"><p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" '
        f'nodeType="mainSeq"><p:childTnLst>{"".join(click_pars)}</p:childTnLst></p:cTn><p:prevCondLst>'
        f'<p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst><p:nextCondLst>'
        f'<p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst></p:seq>'
        f"</p:childTnLst></p:cTn></p:par></p:tnLst>{build_list}</p:timing>"
    )


def _line_colour(shape_id: int, colour: str, counter: Iterator[int]) -> str:
    """The *Line Color* emphasis of one shape, with the click: its outline turns to ``colour`` and stays."""
    effect, behaviour = next(counter), next(counter)
    return (
        f'<p:par><p:cTn id="{effect}" presetID="7" presetClass="emph" presetSubtype="0" fill="hold" grpId="1" '
        f'nodeType="withEffect"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
        f'<p:animClr clrSpc="rgb" dir="cw"><p:cBhvr><p:cTn id="{behaviour}" dur="{_HIGHLIGHT_MS}" fill="hold"/>'
        f'<p:tgtEl><p:spTgt spid="{shape_id}"/></p:tgtEl><p:attrNameLst><p:attrName>stroke.color</p:attrName>'
        f'</p:attrNameLst></p:cBhvr><p:to><a:srgbClr val="{colour.lstrip("#").upper()}"/></p:to></p:animClr>'
        f"</p:childTnLst></p:cTn></p:par>"
    )


def set_timing(slide_element: object, xml: str | None) -> None:
    """Put the timing tree in its place in ``p:sld``: after ``p:clrMapOvr`` and ``p:transition``, before ``p:extLst``."""
    if xml is None:
        return
    from pptx.oxml import parse_xml

    element = parse_xml(xml)
    sld = slide_element
    for old in sld.findall(f"{{{_P_NAMESPACE}}}timing"):  # type: ignore[attr-defined]
        sld.remove(old)  # type: ignore[attr-defined]
    ext = sld.find(f"{{{_P_NAMESPACE}}}extLst")  # type: ignore[attr-defined]
    if ext is not None:
        ext.addprevious(element)
    else:
        sld.append(element)  # type: ignore[attr-defined]

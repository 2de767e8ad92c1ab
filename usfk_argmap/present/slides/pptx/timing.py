"""A build-up as click animations: the slide's timing tree (``p:timing``, ECMA-376 Part 1, 19.5).

Every step after the first is one click of the main sequence; on that click the
step's shapes appear together (the *Appear* entrance effect, preset 1: the shape's
``style.visibility`` set to ``visible``), the first as the click effect and the
others with it. The tree has PowerPoint's own shape::

    p:timing / p:tnLst / p:par / p:cTn[tmRoot] / p:childTnLst / p:seq / p:cTn[mainSeq] / p:childTnLst
      p:par (a click: delay indefinite) / p:cTn / p:childTnLst / p:par (delay 0) / p:cTn / p:childTnLst
        p:par / p:cTn[presetClass=entr, clickEffect|withEffect] / p:childTnLst / p:set (style.visibility)

and a ``p:bldLst`` with a ``p:bldP`` for every animated shape that has text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_P_NAMESPACE = "http://schemas.openxmlformats.org/presentationml/2006/main"


@dataclass(frozen=True)
class Entrance:
    """A shape that appears on a click, and whether it holds text (PowerPoint lists those in ``p:bldLst``)."""

    shape_id: int
    has_text: bool


def timing_xml(clicks: Sequence[Sequence[Entrance]]) -> str | None:
    """The ``p:timing`` element for ``clicks`` (the shapes each click brings in), or None for no animation."""
    clicks = [click for click in clicks if click]
    if not clicks:
        return None
    counter = iter(range(3, 1_000_000))
    click_pars = []
    for click in clicks:
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
        click_pars.append(
            f'<p:par><p:cTn id="{outer}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/></p:stCondLst>'
            f'<p:childTnLst><p:par><p:cTn id="{inner}" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst>'
            f"<p:childTnLst>{''.join(effects)}</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>"
        )
    builds = "".join(
        f'<p:bldP spid="{entrance.shape_id}" grpId="0"/>' for click in clicks for entrance in click if entrance.has_text
    )
    build_list = f"<p:bldLst>{builds}</p:bldLst>" if builds else ""
    return (
        f'<p:timing xmlns:p="{_P_NAMESPACE}"><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" '
        f'nodeType="tmRoot"><p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" '
        f'nodeType="mainSeq"><p:childTnLst>{"".join(click_pars)}</p:childTnLst></p:cTn><p:prevCondLst>'
        f'<p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst><p:nextCondLst>'
        f'<p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst></p:seq>'
        f"</p:childTnLst></p:cTn></p:par></p:tnLst>{build_list}</p:timing>"
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

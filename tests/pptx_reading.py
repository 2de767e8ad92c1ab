"""Reading our PowerPoint decks back with python-pptx: shapes by map id, glued connectors, the timing tree."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from pptx import Presentation

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_SPACE = re.compile(r"\s+")


def squeezed(text: str) -> str:
    """Text without any white space or vertical tabs (our line breaks), to compare a label with a map's text."""
    return _SPACE.sub("", text.replace("\x0b", ""))


@dataclass(frozen=True)
class Glue:
    """A connector: its name, the shapes (by name) and sites its two ends are glued to."""

    name: str
    start: str
    start_site: int
    end: str
    end_site: int


def open_deck(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def shapes_by_name(slide: Any) -> dict[str, Any]:
    return {shape.name: shape for shape in slide.shapes if not shape.is_placeholder}


def glued_connectors(slide: Any) -> list[Glue]:
    """Every connector of the slide with both ends glued (a connector missing a glue raises)."""
    names = {shape.shape_id: shape.name for shape in slide.shapes}
    glues = []
    for element in slide.shapes._spTree.iter(f"{P}cxnSp"):
        properties = element.find(f"{P}nvCxnSpPr/{P}cNvCxnSpPr")
        start, end = properties.find(f"{A}stCxn"), properties.find(f"{A}endCxn")
        name = element.find(f"{P}nvCxnSpPr/{P}cNvPr").get("name")
        assert start is not None and end is not None, f"connector {name} is not glued at both ends"
        glues.append(
            Glue(name, names[int(start.get("id"))], int(start.get("idx")), names[int(end.get("id"))], int(end.get("idx")))
        )
    return glues


def entrance_clicks(slide: Any) -> list[list[int]]:
    """The shape ids each click of the main sequence brings in (entrance effects), click by click."""
    timing = slide._element.find(f"{P}timing")
    if timing is None:
        return []
    sequence = timing.find(f".//{P}cTn[@nodeType='mainSeq']")
    clicks = []
    for click in sequence.find(f"{P}childTnLst"):
        effects = click.findall(f".//{P}cTn[@presetClass='entr']")
        clicks.append([int(effect.find(f".//{P}spTgt").get("spid")) for effect in effects])
    return clicks

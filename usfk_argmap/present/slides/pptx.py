"""The deck as a PowerPoint file (python-pptx): a slide per build step, pictures of the map, speaker notes.

PowerPoint has no build-up of parts of a picture, so each step is its own
slide. A step's picture is layers stacked in one place: what the slide shows
from the start, then one transparent layer per step with only what that step
brings in. The layers come from one layout per figure, so nothing moves from
one slide to the next, and each statement is drawn once per figure, not once
per step.

Text runs name the map's font for Latin and East Asian text, with the language
tag: left to the theme (Calibri, no East Asian font), a viewer picks its own
CJK default for Chinese titles, which LibreOffice on Debian makes Noto Sans CJK JP.
"""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from typing import TYPE_CHECKING, Any

from usfk_argmap.drawing.fonts import cjk_region, font_for_lang
from usfk_argmap.present.slides.deck import Deck, notes_text
from usfk_argmap.present.slides.pictures import FigurePictures, Layer, layer_rasters, layers

if TYPE_CHECKING:
    from usfk_argmap.model import ArgumentMap

#: 16:9 at PowerPoint's widescreen size, in EMU (914,400 per inch).
SLIDE_WIDTH = 12_192_000
SLIDE_HEIGHT = 6_858_000
_MARGIN = 365_760  # 0.4 in
_TITLE_HEIGHT = 914_400
_TITLE_LAYOUT = 0
_TITLE_ONLY_LAYOUT = 5
_EMU_PER_POINT = 12_700


def deck_pptx(deck: Deck, argument_map: ArgumentMap) -> bytes:
    """The deck as the bytes of a .pptx file."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    from usfk_argmap.drawing.style import THEMES

    presentation = Presentation()
    presentation.slide_width = Emu(SLIDE_WIDTH)
    presentation.slide_height = Emu(SLIDE_HEIGHT)
    # Fixed document properties: the same map gives the same file.
    properties = presentation.core_properties
    properties.title = deck.title
    properties.author = "usfk-argmap"
    properties.language = deck.lang
    properties.last_modified_by = "usfk-argmap"
    properties.revision = 1
    properties.created = properties.modified = properties.last_printed = _fixed_time()
    pictures = {key: FigurePictures(argument_map, figure) for key, figure in deck.figures.items()}
    wanted = [(pictures[slide.figure], hidden) for slide in deck.slides if slide.figure is not None
              for hidden in layers(slide, deck.figures[slide.figure])]
    background = THEMES[deck.theme].background
    rasters = iter(layer_rasters(wanted))
    image_parts: dict[bytes, object] = {}
    for slide in deck.slides:
        for index in range(len(slide.steps)):
            if slide.figure is not None and index == 0:
                stack = [next(rasters) for _ in slide.steps]  # this slide's layers, in step order
            if slide.figure is None:
                page = presentation.slides.add_slide(presentation.slide_layouts[_TITLE_LAYOUT])
                page.shapes.title.text = slide.title
                page.placeholders[1].text = slide.subtitle or ""
                _name_font(page.shapes.title.text_frame, deck.lang)
                _name_font(page.placeholders[1].text_frame, deck.lang)
            else:
                page = presentation.slides.add_slide(presentation.slide_layouts[_TITLE_ONLY_LAYOUT])
                title = page.shapes.title
                title.left, title.top = Emu(_MARGIN), Emu(_MARGIN // 2)
                title.width, title.height = Emu(SLIDE_WIDTH - 2 * _MARGIN), Emu(_TITLE_HEIGHT)
                title.text = slide.title if len(slide.steps) == 1 else f"{slide.title} ({index + 1}/{len(slide.steps)})"
                for paragraph in title.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(28)
                _name_font(title.text_frame, deck.lang)
                _add_layers(page, stack[:index + 1], image_parts)
            if deck.theme == "dark":
                _fill_background(page, background)
            page.notes_slide.notes_text_frame.text = notes_text(slide, index)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_time() -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` as a time, or 2000-01-01 (after the zip format's 1980 start)."""
    try:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", ""))
    except ValueError:
        epoch = 946_684_800
    return datetime.datetime.fromtimestamp(max(epoch, 315_532_800), datetime.UTC).replace(tzinfo=None)


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every member's time fixed (python-pptx stamps the time of saving)."""
    stamp = _fixed_time().timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member))
    return out.getvalue()


#: OOXML language ids (culture names) of the CJK faces.
_CULTURES = {"TC": "zh-TW", "SC": "zh-CN", "JP": "ja-JP", "KR": "ko-KR"}


def _name_font(text_frame: object, lang: str) -> None:
    """Every run of the frame in the font of ``lang`` (Latin and East Asian slots) and tagged with its language."""
    from pptx.oxml.ns import qn

    family = font_for_lang(lang).family
    region = cjk_region(lang)
    for paragraph in text_frame.paragraphs:  # type: ignore[attr-defined]
        for run in paragraph.runs:
            properties = run._r.get_or_add_rPr()
            properties.set("lang", _CULTURES[region] if region else lang)
            if region:
                properties.set("altLang", "en-US")
            run.font.name = family  # <a:latin>
            for slot in ("a:ea", "a:cs"):
                for old in properties.findall(qn(slot)):
                    properties.remove(old)
            east_asian = properties.makeelement(qn("a:ea"), {"typeface": family})
            # Schema order: a:latin, a:ea, a:cs, ... (a:latin is where run.font.name put it).
            properties.find(qn("a:latin")).addnext(east_asian)


def _fill_background(page: object, colour: str) -> None:
    """The slide's background in the pictures' colour (a dark deck is dark all over)."""
    from pptx.dml.color import RGBColor

    fill = page.background.fill  # type: ignore[attr-defined]
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))  # type: ignore[no-untyped-call]


def _add_layers(page: Any, stack: list[Layer], image_parts: dict[bytes, Any]) -> None:
    """Place a step's layers one over the other, the whole as large as fits below the title, centred.

    The whole is never enlarged beyond its own size (a small map stays in
    scale); each layer lies where its part lies in the whole. A layer stands
    on every later step of its slide: its image is stored once, and found
    again in ``image_parts`` (python-pptx would look for it among all the
    package's parts, over and over: most of a large deck's build).
    """
    from pptx.opc.constants import RELATIONSHIP_TYPE
    from pptx.parts.image import Image, ImagePart
    from pptx.util import Emu

    frame_width, frame_height = stack[0].frame
    box_width = SLIDE_WIDTH - 2 * _MARGIN
    box_top = _MARGIN // 2 + _TITLE_HEIGHT + _MARGIN // 2
    box_height = SLIDE_HEIGHT - box_top - _MARGIN
    scale = min(box_width / (frame_width * _EMU_PER_POINT), box_height / (frame_height * _EMU_PER_POINT), 1.0)
    per_point = _EMU_PER_POINT * scale
    left = _MARGIN + (box_width - frame_width * per_point) / 2
    top = box_top + (box_height - frame_height * per_point) / 2
    for layer in stack:
        if layer.png is None:
            continue
        image_part = image_parts.get(layer.png)
        if image_part is None:
            image_part = image_parts[layer.png] = ImagePart.new(page.part.package, Image.from_blob(layer.png))
        relation = page.part.relate_to(image_part, RELATIONSHIP_TYPE.IMAGE)
        page.shapes._add_pic_from_image_part(image_part, relation, Emu(int(left + layer.left * per_point)),
                                             Emu(int(top + layer.top * per_point)), Emu(int(layer.width * per_point)),
                                             Emu(int(layer.height * per_point)))
    page.shapes._recalculate_extents()

"""The PowerPoint package around our slides: the template (ours or the user's), its layouts and fonts, fixed bytes.

``--reference-doc deck.pptx`` (Pandoc's name for it) opens the user's deck as
the template: its slide size, masters, layouts, theme colours and fonts stay,
its slides are dropped, and our slides use its *Title Slide* and *Title Only*
layouts (found by layout type, then by name). The theme's East Asian fonts
(``a:ea`` of the major and minor fonts, and the script font of the map's
language) are set where the theme leaves them empty, so text without a font of
its own still gets the map's CJK face.

python-pptx stamps every zip member with the time of saving; the package is
written again with one fixed time (``SOURCE_DATE_EPOCH`` or 2000-01-01), and
the core properties are fixed, so the same map gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from usfk_argmap.core.errors import ArgmapError
from usfk_argmap.core.language import cjk_region
from usfk_argmap.drawing.fonts import FontChoice, font_for_lang

#: 16:9 at PowerPoint's widescreen size, in EMU (914,400 per inch): our own template's slide.
SLIDE_WIDTH = 12_192_000
SLIDE_HEIGHT = 6_858_000
#: The theme's script font entry for each CJK face.
_SCRIPTS = {"TC": "Hant", "SC": "Hans", "JP": "Jpan", "KR": "Hang"}


class ReferenceDocError(ArgmapError, ValueError):
    """The ``--reference-doc`` file is not a PowerPoint deck python-pptx can open."""


def open_template(reference_doc: str | Path | None) -> Any:
    """A python-pptx ``Presentation`` to add our slides to: the user's deck emptied of its slides, or ours."""
    from pptx import Presentation
    from pptx.util import Emu

    if reference_doc is None:
        presentation = Presentation()
        presentation.slide_width = Emu(SLIDE_WIDTH)
        presentation.slide_height = Emu(SLIDE_HEIGHT)
        return presentation
    from lxml.etree import XMLSyntaxError
    from pptx.exc import PythonPptxError

    path = Path(reference_doc)
    try:
        presentation = Presentation(str(path))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, PythonPptxError, XMLSyntaxError) as error:
        raise ReferenceDocError(f"{path}: not a PowerPoint deck that can be used as a template ({error})") from None
    if not len(presentation.slide_layouts):
        raise ReferenceDocError(f"{path}: the deck has no slide layouts to use")
    slide_ids = presentation.slides._sldIdLst
    for slide_id in list(slide_ids):
        presentation.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    return presentation


def layout(presentation: Any, kind: str) -> Any:
    """The template's ``title`` or ``titleOnly`` layout: by its type, then by name, then the nearest there is."""
    names = {"title": ("title slide",), "titleOnly": ("title only",)}[kind]
    layouts = list(presentation.slide_layouts)
    for candidate in layouts:
        if candidate._element.get("type") == kind:
            return candidate
    for candidate in layouts:
        if candidate.name.strip().lower() in names:
            return candidate
    # A layout with a title placeholder, else the first.
    for candidate in layouts:
        if any(
            p.placeholder_format.type is not None and "TITLE" in str(p.placeholder_format.type) for p in candidate.placeholders
        ):
            return candidate
    return layouts[0]


def set_theme_fonts(presentation: Any, lang: str, *, overwrite: bool, font: FontChoice | None = None) -> None:
    """The theme's fonts for ``lang``: with ``overwrite`` (our own template), its Latin fonts (major and
    minor) become the map's font, as the text runs name it; for CJK, the East Asian fonts and script
    font too (in a reference deck only where the theme leaves them empty). ``font`` is the map's font,
    when the caller has looked it up."""
    from pptx.opc.constants import RELATIONSHIP_TYPE

    region = cjk_region(lang)
    family = (font if font is not None else font_for_lang(lang)).family.replace("&", "&amp;").replace('"', "&quot;")
    for master in presentation.slide_masters:
        theme = master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
        text = theme.blob.decode("utf-8")
        if overwrite:
            # Not left as python-pptx's Calibri: a text box added in PowerPoint takes the same font as ours.
            text = re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*"', rf'\g<1>{family}"', text)
        if region is not None:
            if overwrite:
                text = re.sub(r'<a:ea typeface="[^"]*"', f'<a:ea typeface="{family}"', text)
            else:
                text = text.replace('<a:ea typeface=""', f'<a:ea typeface="{family}"')
            script = _SCRIPTS[region]
            if overwrite:
                text = re.sub(
                    rf'<a:font script="{script}" typeface="[^"]*"', f'<a:font script="{script}" typeface="{family}"', text
                )
        theme._blob = text.encode("utf-8")


def fixed_time() -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` as a time, or 2000-01-01 (after the zip format's 1980 start)."""
    try:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", ""))
    except ValueError:
        epoch = 946_684_800
    return datetime.datetime.fromtimestamp(max(epoch, 315_532_800), datetime.UTC).replace(tzinfo=None)


def fix_properties(presentation: Any, title: str, lang: str) -> None:
    """Core properties that do not change from one run to the next."""
    properties = presentation.core_properties
    properties.title = title
    properties.author = "usfk-argmap"
    properties.last_modified_by = "usfk-argmap"
    properties.language = lang
    properties.revision = 1
    properties.created = properties.modified = properties.last_printed = fixed_time()


#: The extended properties of every deck we write: a template's own (its slide count and titles,
#: the application that made it) would describe a deck that is no longer there.
_APP_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>usfk-argmap</Application><Slides>{slides}</Slides><Notes>{notes}</Notes>"
    "</Properties>"
)
_THUMBNAIL_RELATION = re.compile(r'<Relationship [^>]*Target="/?docProps/thumbnail\.[a-z]+"[^>]*/>')
_THUMBNAIL_OVERRIDE = re.compile(r'<Override [^>]*PartName="/docProps/thumbnail\.[a-z]+"[^>]*/>')


def saved(presentation: Any) -> bytes:
    """The presentation's bytes, every zip member stamped with the fixed time.

    The thumbnail (a template's shows the template's first slide) is left out, and the
    extended properties say what the deck is: our application, its slides and notes.
    """
    slides = list(presentation.slides)
    notes = sum(1 for slide in slides if slide.has_notes_slide)
    buffer = io.BytesIO()
    presentation.save(buffer)
    stamp = fixed_time().timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            name = member.filename
            if name.startswith("docProps/thumbnail."):
                continue
            data = source.read(member)
            if name == "docProps/app.xml":
                data = _APP_PROPERTIES.format(slides=len(slides), notes=notes).encode("utf-8")
            elif name == "_rels/.rels":
                data = _THUMBNAIL_RELATION.sub("", data.decode("utf-8")).encode("utf-8")
            elif name == "[Content_Types].xml":
                data = _THUMBNAIL_OVERRIDE.sub("", data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()

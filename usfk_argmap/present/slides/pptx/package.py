"""The PowerPoint package around our slides: the template (ours or the user's), its layouts and fonts, fixed bytes.

``--reference-doc deck.pptx`` (Pandoc's name for it) opens the user's deck as
the template: its slide size, masters, layouts, theme colours and fonts stay,
its slides are dropped, and our slides use its *Title Slide* and *Title Only*
layouts (found by layout type, then by name). The theme's East Asian fonts
(``a:ea`` of the major and minor fonts, and the script font of the map's
language) are set where the theme leaves them empty, so text without a font of
its own still gets the map's CJK face.

A reference deck is a zip from anywhere, read as data: it is read once (at most
``REFERENCE_FILE_LIMIT`` bytes), its zip directory is checked first (at most
``REFERENCE_PART_COUNT`` parts, each declaring at most ``REFERENCE_PART_LIMIT``
bytes and all together ``REFERENCE_TOTAL_LIMIT``), and the bytes are counted
again while inflating, since declared sizes can lie. Every XML part must parse
(no DTD, no entities); a slide master's theme must be there and be UTF-8.
External relationships (a remote picture, a ``\\\\server\\share`` path: PowerPoint
and LibreOffice would fetch them when the deck is opened) are dropped, with the
attributes that point at them, and a note names them; nothing of the user's
deck links out of ours.

python-pptx stamps every zip member with the time of saving; the package is
written again with one fixed time (``SOURCE_DATE_EPOCH`` or 2000-01-01), and
the core properties are fixed, so the same map gives the same bytes.
"""

from __future__ import annotations

import datetime
import functools
import io
import os
import re
import stat
import warnings
import zipfile
from pathlib import Path
from typing import Any

from usfk_argmap.core.errors import ArgmapError, ArgmapWarning
from usfk_argmap.core.language import cjk_region
from usfk_argmap.drawing.fonts import FontChoice, font_for_lang

#: 16:9 at PowerPoint's widescreen size, in EMU (914,400 per inch): our own template's slide.
SLIDE_WIDTH = 12_192_000
SLIDE_HEIGHT = 6_858_000
#: The theme's script font entry for each CJK face.
_SCRIPTS = {"TC": "Hant", "SC": "Hans", "JP": "Jpan", "KR": "Hang"}


#: A reference deck's limits: the file, its parts, each part and all of them inflated.
REFERENCE_FILE_LIMIT = 128 * 1024 * 1024
REFERENCE_PART_COUNT = 2_000
REFERENCE_PART_LIMIT = 64 * 1024 * 1024
REFERENCE_TOTAL_LIMIT = 256 * 1024 * 1024
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_THEME = "{http://schemas.openxmlformats.org/drawingml/2006/main}theme"


class ReferenceDocError(ArgmapError, ValueError):
    """The ``--reference-doc`` file is not a PowerPoint deck we can use: unreadable, too large, or malformed."""


class ReferenceDocWarning(ArgmapWarning):
    """Something of the ``--reference-doc`` deck was left out of ours (an external link)."""


def open_template(reference_doc: str | Path | None) -> Any:
    """A python-pptx ``Presentation`` to add our slides to: the user's deck emptied of its slides, or ours."""
    from pptx import Presentation
    from pptx.util import Emu

    if reference_doc is None:
        presentation = Presentation()
        presentation.slide_width = Emu(SLIDE_WIDTH)
        presentation.slide_height = Emu(SLIDE_HEIGHT)
        return presentation
    path = Path(reference_doc)
    package = checked_reference(path)
    try:
        presentation = Presentation(io.BytesIO(package))
        if not len(presentation.slide_layouts):
            raise ReferenceDocError(f"{path}: the deck has no slide layouts to use")
        _check_themes(path, presentation)
    except ReferenceDocError:
        raise
    except Exception as error:  # python-pptx reading a deck from anywhere: what it raises is not a contract
        raise ReferenceDocError(
            f"{path}: not a PowerPoint deck that can be used as a template ({type(error).__name__}: {error})"
        ) from None
    slide_ids = presentation.slides._sldIdLst
    for slide_id in list(slide_ids):
        presentation.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    return presentation


def checked_reference(path: Path) -> bytes:
    """The reference deck at ``path`` as a zip of checked parts, its external relationships dropped.

    Read and checked once for each version of the file (a command checks the deck before its
    slow work and uses it after); raises ``ReferenceDocError`` with one line naming the part at fault.
    """
    try:
        status = os.stat(path)
    except OSError as error:
        raise ReferenceDocError(f"{path}: cannot be read ({error.strerror or error})") from None
    return _checked_reference(str(path), (status.st_size, status.st_mtime_ns, status.st_ino))


@functools.lru_cache(maxsize=2)
def _checked_reference(path: str, version: tuple[int, int, int]) -> bytes:
    """``checked_reference`` for one ``version`` of the file (its size, time and inode): a changed file is read again."""
    del version  # only the cache's key
    data = _read_reference(Path(path))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            members = _checked_directory(path, source.infolist())
            parts = {member.filename: _inflated(path, source, member) for member in members}
    except ReferenceDocError:
        raise
    except Exception as error:  # zipfile and zlib on a damaged zip: BadZipFile, zlib.error, EOFError, NotImplementedError...
        raise ReferenceDocError(f"{path}: not a zip that can be read ({type(error).__name__}: {error})") from None
    dropped: list[str] = []
    for name in [name for name in parts if name.endswith(".rels")]:
        _drop_external(path, parts, name, dropped)
    for name, part in parts.items():
        if name.endswith((".xml", ".rels")):
            _parsed(path, name, part)
    if dropped:
        shown = ", ".join(dropped[:3]) + (f" and {len(dropped) - 3} more" if len(dropped) > 3 else "")
        warnings.warn(
            f"{path}: {len(dropped)} external link(s) of the reference deck left out of the deck ({shown})",
            ReferenceDocWarning,
            stacklevel=2,
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:  # read by python-pptx only; ``saved`` compresses
        for name, part in parts.items():
            target.writestr(name, part)
    return out.getvalue()


def _read_reference(path: Path) -> bytes:
    """The bytes of a reference deck: a regular file (checked once open) of at most ``REFERENCE_FILE_LIMIT``."""
    try:
        # O_NONBLOCK: a FIFO named as the deck does not hang the open; it is refused below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise ReferenceDocError(f"{path}: not a regular file")
            data = stream.read(REFERENCE_FILE_LIMIT + 1)
    except OSError as error:
        raise ReferenceDocError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > REFERENCE_FILE_LIMIT:
        raise ReferenceDocError(f"{path}: larger than {REFERENCE_FILE_LIMIT // 2**20} MiB, too large for a template")
    return data


def _checked_directory(path: str, members: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """The zip's parts (folders left out), once their count and declared sizes are within the limits."""
    parts = [member for member in members if not member.is_dir()]
    if len(parts) > REFERENCE_PART_COUNT:
        raise ReferenceDocError(f"{path}: {len(parts)} parts, more than the {REFERENCE_PART_COUNT} a template may have")
    seen: set[str] = set()
    for member in parts:
        if member.filename in seen:
            raise ReferenceDocError(f"{path}: the part {member.filename!r} is in the zip twice")
        seen.add(member.filename)
        if member.file_size > REFERENCE_PART_LIMIT:
            raise ReferenceDocError(f"{path}: the part {member.filename!r} inflates to {_too_large(REFERENCE_PART_LIMIT)}")
    if sum(member.file_size for member in parts) > REFERENCE_TOTAL_LIMIT:
        raise ReferenceDocError(f"{path}: its parts inflate to {_too_large(REFERENCE_TOTAL_LIMIT)} together")
    return parts


def _inflated(path: str, source: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """A part's bytes, counted while inflating: a part that inflates past its declared size or the limit is refused.

    (zipfile stops at the declared size and then finds the checksum wrong; the count holds whatever it does.)
    """
    chunks: list[bytes] = []
    total = 0
    try:
        with source.open(member) as stream:
            while chunk := stream.read(1 << 20):
                total += len(chunk)
                if total > min(member.file_size, REFERENCE_PART_LIMIT):
                    raise zipfile.BadZipFile(f"{total} bytes or more")
                chunks.append(chunk)
    except zipfile.BadZipFile as error:
        raise ReferenceDocError(
            f"{path}: the part {member.filename!r} does not inflate to its declared size "
            f"({member.file_size} bytes) and checksum ({error})"
        ) from None
    return b"".join(chunks)


def _too_large(limit: int) -> str:
    return f"more than {limit // 2**20} MiB, too large for a template"


def _parsed(path: str, name: str, part: bytes) -> Any:
    """An XML part parsed safely (no entities, DTDs or network); ``ReferenceDocError`` naming the part otherwise."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(part, parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise ReferenceDocError(f"{path}: the part {name!r} is not well-formed XML ({error})") from None
    if root.getroottree().docinfo.doctype:
        raise ReferenceDocError(f"{path}: the part {name!r} has a document type declaration, which a deck never has")
    return root


def _drop_external(path: str, parts: dict[str, bytes], name: str, dropped: list[str]) -> None:
    """Remove the external relationships of the .rels part ``name``, and the attributes of its part naming them."""
    from lxml import etree

    relationships = _parsed(path, name, parts[name])
    ids = []
    for relationship in relationships.findall(f"{{{_RELATIONSHIPS}}}Relationship"):
        if _links_out(relationship):
            dropped.append(relationship.get("Target", ""))
            ids.append(relationship.get("Id"))
            relationships.remove(relationship)
    if not ids:
        return
    parts[name] = etree.tostring(relationships, xml_declaration=True, encoding="UTF-8", standalone=True)
    # "ppt/slides/_rels/slide1.xml.rels" is the relationships of "ppt/slides/slide1.xml".
    folder, _, base = name.rpartition("_rels/")
    owner = folder + base.removesuffix(".rels")
    if owner not in parts:
        return
    root = _parsed(path, owner, parts[owner])
    for element in root.iter():
        for attribute, value in list(element.attrib.items()):
            if attribute.startswith(f"{{{_OFFICE_RELATIONSHIPS}}}") and value in ids:
                del element.attrib[attribute]
    parts[owner] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _links_out(relationship: Any) -> bool:
    """Whether a relationship points out of the package: external, or a target no part name can be (a URL, a UNC path)."""
    target = relationship.get("Target", "")
    return relationship.get("TargetMode", "Internal") != "Internal" or "\\" in target or ":" in target


def _check_themes(path: Path, presentation: Any) -> None:
    """Every slide master has a theme part of UTF-8 DrawingML (``set_theme_fonts`` edits it as such text)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE

    for master in presentation.slide_masters:
        try:
            theme = master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
        except KeyError:
            raise ReferenceDocError(f"{path}: the slide master {master.part.partname} has no theme") from None
        try:
            theme.blob.decode("utf-8")
        except UnicodeDecodeError:
            raise ReferenceDocError(f"{path}: the theme {theme.partname} is not UTF-8") from None
        if _parsed(str(path), str(theme.partname).lstrip("/"), theme.blob).tag != _THEME:
            raise ReferenceDocError(f"{path}: the theme {theme.partname} is not a DrawingML theme (a:theme)")


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

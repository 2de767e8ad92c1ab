"""From a deck to the files of one slide format: the dispatcher over the backends.

The backends (``pptx``, ``marp``, ``beamer``) read the deck types of
``deck``; this module sits above them all, so none imports it.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from usfk_argmap.core.errors import OptionError
from usfk_argmap.core.formats import format_for
from usfk_argmap.core.messages import message
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.deck import SLIDE_FORMATS, Deck, with_banner
from usfk_argmap.present.slides.html import deck_font_face, deck_html, deck_html_bytes, map_characters, side_worker
from usfk_argmap.present.slides.options import SlideOptions
from usfk_argmap.present.templating import compile_template

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.cache import LayoutCache

__all__ = ["SLIDE_FORMATS", "SlideOptions", "picture_folder", "slide_files", "slide_format_for", "write_slides"]


def slide_format_for(output: str | Path, fmt: str | None = None) -> str:
    """The deck format: as given, or from the output's suffix; ``ValueError`` for a name or suffix we do not write."""
    return format_for(fmt if fmt is not None else Path(output), SLIDE_FORMATS)


def slide_files(
    deck: Deck, argument_map: ArgumentMap, fmt: str, output: Path, options: SlideOptions | None = None
) -> dict[Path, bytes]:
    """Every file of the deck in ``fmt``: the deck itself at ``output``, pictures in a folder beside it.

    The Marp and Beamer decks refer to their pictures as ``<stem>_files/NAME``. They and the
    PowerPoint deck have the whole map as an appendix (``map_in_appendix``: they cannot zoom). A
    PowerPoint deck is native shapes, or pictures with ``options.pictures``; ``options.reference_doc``
    is its template; ``options.templates`` is read by the HTML deck.
    """
    options = options or SlideOptions()
    options.check_format(fmt)
    if fmt == "html":
        return {output: deck_html(deck, options.templates, argument_map=argument_map).encode("utf-8")}
    deck = map_in_appendix(deck)
    if fmt == "pptx":
        from usfk_argmap.present.slides.pptx.deck import deck_pptx

        return {output: deck_pptx(deck, argument_map, pictures=options.pictures, reference_doc=options.reference_doc)}
    folder = picture_folder(output)
    if fmt == "marp":
        from usfk_argmap.present.slides.marp import deck_marp

        text, picture_files = deck_marp(deck, argument_map, folder)
    elif fmt == "beamer":
        from usfk_argmap.present.slides.beamer import deck_beamer

        text, picture_files = deck_beamer(deck, argument_map, folder)
    else:
        raise OptionError(f"unknown {SLIDE_FORMATS.family} format {fmt!r}; known: {SLIDE_FORMATS.known()}")
    files = {output: text.encode("utf-8")}
    files.update({output.parent / name: data for name, data in picture_files.items()})
    return files


def map_in_appendix(deck: Deck) -> Deck:
    """The deck for a format that cannot zoom: the whole map moved to the end, as an appendix page.

    Where the deck has a slide of the map's sections, that slide is what the audience sees of the
    whole; the whole map, unreadable on a projected page, stays for the handout. A deck without
    one (a map of one section) keeps the whole map where it is.
    """
    kinds = [slide.kind for slide in deck.slides]
    if "sections" not in kinds or "map" not in kinds:
        return deck
    whole = deck.slides[kinds.index("map")]
    appendix = dataclasses.replace(whole, title=message("deck.appendix", deck.chrome, title=whole.title))
    return dataclasses.replace(deck, slides=[s for s in deck.slides if s is not whole] + [appendix])


def picture_folder(output: Path) -> str:
    """The name of the folder beside a Marp or Beamer deck that holds its pictures: ``<stem>_files``.

    A backslash, a double quote or a control character in the stem becomes
    ``_``: no output language can name those in a path. Markdown and LaTeX
    escape everything else (``markdown_url``, ``beamer.latex_path``).
    """
    stem = "".join("_" if char in '\\"' or unicodedata.category(char) == "Cc" else char for char in output.stem)
    return f"{stem}_files"


def write_slides(
    argument_map: ArgumentMap,
    output: str | Path,
    fmt: str = "html",
    options: SlideOptions | None = None,
    *,
    cache: LayoutCache | None = None,
    banner: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Build the deck of a map and write it (and its pictures) atomically; returns the paths written.

    ``options`` are the deck's (``SlideOptions``: its pictures' render options, the slides'
    shape, one section, templates, PowerPoint's pictures and reference deck, jobs). The map's
    font is looked up, and the map evaluated (``options.render.evaluate``), once for the deck.
    Layouts go through ``cache`` (by default, the environment's). ``banner`` is a warning put
    on every slide (see ``deck.with_banner``): the map is a draft with errors. A read-only file
    is replaced only with ``force``.
    """
    from usfk_argmap.core.errors import OutputError
    from usfk_argmap.core.files import check_target, is_stream, write_files_atomic
    from usfk_argmap.drawing.basis import DrawingBasis

    output = Path(output)
    options = options or SlideOptions()
    SLIDE_FORMATS[fmt]  # an unknown format is a ValueError before anything is checked or built
    options.check_format(fmt)
    check_target(output, argument_map.input_paths(), force=force)  # before the slow part
    if fmt in ("marp", "beamer") and is_stream(output):
        raise OutputError(
            f"cannot write {output}: it is a device or FIFO, and a {fmt} deck is several files "
            "(the pictures go in a folder beside it); name a file in a folder"
        )
    if fmt == "html":
        from usfk_argmap.present.contrast import warn_template_contrast

        compile_template("slides.html", options.templates)  # a syntax error is reported before any layout
        warn_template_contrast(options.templates, "slides.css")
    if fmt == "pptx" and options.reference_doc is not None:
        from usfk_argmap.present.slides.pptx.package import open_template

        open_template(options.reference_doc)  # a bad template is reported before the deck is built
    basis = DrawingBasis.of(argument_map, options.render.evaluate)
    if fmt == "html":
        # The font subset is a third of a second of Python, the plan and the layouts as much again:
        # made in a process of its own, it is ready when they are.
        from usfk_argmap.core.messages import messages
        from usfk_argmap.drawing.fonts import find_font_file

        # The map's text, and the words the deck adds round it (titles, kickers, the legend's words).
        chrome = options.render.chrome_language(argument_map.lang)
        words = "".join(text for prefix in ("deck.", "legend.", "kind.", "status.") for text in messages(chrome, prefix).values())
        characters = map_characters(argument_map, options.render.lang_mode) | set(words)
        text = "".join(sorted(c for c in characters if not c.isspace()))
        family = basis.font.family
        # Found here, not in the worker: a missing font is a note (or an error) of this command's own.
        path, index = find_font_file(family)
        with side_worker() as pool:
            font_css = pool.submit(deck_font_face, family, path, index, text)
            deck = with_banner(build_deck(argument_map, options, basis=basis, cache=cache), banner)
            css = font_css.result() if text else ""
        # The page is written as it is made (a big map's deck is tens of megabytes: never held whole).
        files: dict[Path, bytes | Iterable[bytes]] = {output: deck_html_bytes(deck, options.templates, css, argument_map)}
    else:
        deck = with_banner(build_deck(argument_map, options, basis=basis, cache=cache), banner)
        files = dict(slide_files(deck, argument_map, fmt, output, options))
    # The pictures first and the deck last: a deck is never left referring to pictures not written.
    page = files.pop(output)
    files[output] = page
    write_files_atomic(files, inputs=argument_map.input_paths(), force=force)
    return [output, *(path for path in files if path != output)]

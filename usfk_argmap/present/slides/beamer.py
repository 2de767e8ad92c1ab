"""The deck as a LaTeX Beamer file: a frame per slide, its build steps as overlays of PDF pictures.

Each build step is one overlay (``\\only<k>``) of the same frame, with its
notes as ``\\note<k>``. The file is for XeLaTeX (``latexmk -xelatex``): CJK
text is set with xeCJK in the Noto Sans CJK face of the map's language (TC for
zh-Hant, SC for zh-Hans, JP, KR).

The deck brings its own subset of that face (every character of the file) in
its pictures folder, named for the face. Noto Sans CJK's collection shares one
CFF table among its faces, named for the Japanese one, and xdvipdfmx names an
embedded font by that table: set from the installed collection, a Traditional
Chinese deck's PDF says ``NotoSansCJKjp`` although its glyphs are the TC ones.
Characters added to the file later come from the installed face (``FallBack``).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from usfk_argmap.core.language import cjk_region
from usfk_argmap.core.latex import latex_escape
from usfk_argmap.drawing.fonts import find_font_file
from usfk_argmap.present.slides.deck import Deck, Slide, notes_text
from usfk_argmap.present.slides.defence_text import beamer_page
from usfk_argmap.present.slides.described import step_description
from usfk_argmap.present.slides.pictures import FigurePictures, hidden_at, step_rasters

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap

_PREAMBLE = r"""\documentclass[aspectratio=169]{beamer}
\usepackage{fontspec}
% Paths may hold # % { }: these give the characters themselves, not their TeX meaning.
\begingroup\catcode`\#=12\catcode`\%=12\relax\gdef\amHash{#}\gdef\amPercent{%}\endgroup
\begingroup\catcode`\<=1\catcode`\>=2\catcode`\{=12\catcode`\}=12\relax\gdef\amOpen<{>\gdef\amClose<}>\endgroup
"""
_PREAMBLE_END = r"""\usepackage{graphicx}
% A picture's description: the /Alt of a marked-content span round it.
\usepackage{accsupp}
\setbeamertemplate{navigation symbols}{}
% Notes: \setbeameroption{show notes on second screen} shows them beside each frame.
"""
#: Characters xeCJK sets in the CJK font: ideographs, kana, hangul, CJK and full-width punctuation.
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")


def described(graphic: str, description: str, lang: str) -> str:
    """``graphic`` in a marked-content span whose ``/Alt`` is ``description`` (accsupp), with the map's ``/Lang``.

    XeLaTeX writes no tagged PDF for Beamer; a span with ``/Alt`` is what its driver (xdvipdfmx)
    can carry. No ``/ActualText``: poppler then drops the picture's own labels from the
    extracted text and, placed through xdvipdfmx's transforms, mostly the description too.
    """
    text = latex_escape(description)
    language = f"Lang=({lang})," if _LANGUAGE_TAG.fullmatch(lang) else ""
    return f"\\BeginAccSupp{{method=pdfstringdef,unicode,{language}Alt={{{text}}}}}{graphic}\\EndAccSupp{{}}"


#: A language tag that may stand in a PDF string as it is.
_LANGUAGE_TAG = re.compile(r"[A-Za-z0-9-]{1,35}")


#: How each character of a picture's path is written in ``\\includegraphics``: ``#``, ``%`` and braces as
#: the characters the preamble defines (a space ends each macro's name), the others behind ``\\string``.
_PATH_SPECIAL = {
    "#": "\\amHash ",
    "%": "\\amPercent ",
    "{": "\\amOpen ",
    "}": "\\amClose ",
    " ": "\\space ",
    **{char: "\\string" + char for char in "$&^~"},
}


def latex_path(path: str) -> str:
    """A relative file path for ``\\includegraphics``: spaces, ``#``, ``%``, braces and the like kept literal.

    A backslash or double quote cannot be written (the folder name never holds one: see
    ``formats.picture_folder``).
    """
    if "\\" in path or '"' in path:
        raise ValueError(f"a picture path with a backslash or a double quote cannot be named in LaTeX: {path!r}")
    return "".join(_PATH_SPECIAL.get(char, char) for char in path)


def deck_beamer(deck: Deck, argument_map: ArgumentMap, folder: str) -> tuple[str, dict[str, bytes]]:
    """The .tex text, and the PDF pictures and the CJK font it refers to (relative path -> bytes)."""
    lines: list[str] = []
    if deck.theme == "dark":
        lines.append(r"\setbeamercolor{background canvas}{bg=black}\setbeamercolor{normal text}{fg=white}")
    lines += [f"\\title{{{latex_escape(deck.title)}}}", r"\date{}", r"\begin{document}", ""]
    pictures: dict[str, bytes] = {}
    makers = {key: FigurePictures(argument_map, figure, deck.layout_cache) for key, figure in deck.figures.items()}
    wanted = [
        (makers[slide.figure], hidden_at(slide, index))
        for slide in deck.slides
        if slide.figure is not None
        for index in range(len(slide.steps))
    ]
    rasters = iter(step_rasters(wanted, "pdf"))
    for slide in deck.slides:
        if slide.figure is None:
            subtitle = f"\\subtitle{{{latex_escape(slide.subtitle)}}}" if slide.subtitle else ""
            lines += [f"{subtitle}\\begin{{frame}}", r"\titlepage"]
            lines += _notes(slide, None, deck.chrome)
            lines += [r"\end{frame}", ""]
            continue
        lines += [f"\\begin{{frame}}{{{latex_escape(slide.title)}}}", r"\centering"]
        many = len(slide.steps) > 1
        for index in range(len(slide.steps)):
            name = f"{folder}/{slide.id}-{index + 1}.pdf"
            pictures[name] = next(rasters)
            graphic = f"\\includegraphics[width=\\linewidth,height=0.8\\textheight,keepaspectratio]{{{latex_path(name)}}}"
            graphic = described(graphic, step_description(deck, argument_map, slide, index), deck.lang)
            lines.append(f"\\only<{index + 1}>{{{graphic}}}" if many else graphic)
        lines += _notes(slide, len(slide.steps) if many else None, deck.chrome)
        lines += [r"\end{frame}", ""]
    for page in deck.defence:  # slides --questions: the defence appendix (present/slides/defence.py)
        lines += beamer_page(page, latex_escape)
    lines += [r"\end{document}"]
    body = "\n".join(lines) + "\n"
    font_lines, font_files = _cjk_font(deck.lang, body, folder)
    pictures.update(font_files)
    return "\n".join([_PREAMBLE.rstrip("\n"), *font_lines, _PREAMBLE_END.rstrip("\n")]) + "\n" + body, pictures


def _cjk_font(lang: str, body: str, folder: str) -> tuple[list[str], dict[str, bytes]]:
    """The preamble lines that choose the CJK font, and the font file they name (none for a deck without CJK text)."""
    family = f"Noto Sans CJK {cjk_region(lang) or 'TC'}"
    if not _CJK.search(body):
        return [r"\usepackage{xeCJK}", f"\\setCJKmainfont{{{family}}}", f"\\setCJKsansfont{{{family}}}"], {}
    name, data = cjk_font_subset(family, " " + "".join(sorted(set(body) - {"\n"})))
    options = f"Path={latex_path(folder)}/"
    lines = [
        r"\usepackage[AutoFallBack=true]{xeCJK}",
        f"% The deck's own subset of {family}; characters added later come from the installed font.",
    ]
    for command in ("setCJKmainfont", "setCJKsansfont"):
        lines.append(
            f"\\IfFontExistsTF{{{family}}}{{\\{command}{{{name}}}[{options},FallBack={family}]}}"
            f"{{\\{command}{{{name}}}[{options}]}}"
        )
    return lines, {f"{folder}/{name}": data}


def cjk_font_subset(family: str, characters: str) -> tuple[str, bytes]:
    """The file name and bytes of an OpenType font with only ``characters`` of ``family``, named as that face.

    The subset's CFF table gets the face's PostScript name (``NotoSansCJKtc-Regular``),
    which is what xdvipdfmx writes into the PDF. The same characters give the same bytes.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    path, index = find_font_file(family)
    options = subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.drop_tables = [*options.drop_tables, "FFTM"]
    font = TTFont(str(path), fontNumber=index, recalcTimestamp=False, lazy=False)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(char) for char in characters}))
        subsetter.subset(font)
        names = font["name"]
        postscript = re.sub(r"[^A-Za-z0-9_-]", "", str(names.getDebugName(6) or "")) or "CJKSubset"
        if "CFF " in font:
            cff = font["CFF "].cff
            cff.fontNames = [postscript]
            top = cff.topDictIndex[0]
            top.FullName = str(names.getDebugName(4) or postscript)
            top.FamilyName = str(names.getDebugName(1) or postscript)
        suffix = ".otf" if "CFF " in font else ".ttf"
        buffer = io.BytesIO()
        font.save(buffer)
    finally:
        font.close()
    return f"{postscript}{suffix}", buffer.getvalue()


def _notes(slide: Slide, steps: int | None, lang: str) -> list[str]:
    result = []
    for index in range(steps or 1):
        text = notes_text(slide, index, lang)
        if not text:
            continue
        body = r" \\ ".join(latex_escape(line) for line in text.split("\n"))
        overlay = f"<{index + 1}>" if steps else ""
        result.append(f"\\note{overlay}{{{body}}}")
    return result

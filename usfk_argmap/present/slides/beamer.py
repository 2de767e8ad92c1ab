"""The deck as a LaTeX Beamer file: a frame per slide, its build steps as overlays of PDF pictures.

Each build step is one overlay (``\\only<k>``) of the same frame, with its
notes as ``\\note<k>``. The file is for XeLaTeX or LuaLaTeX (``latexmk
-xelatex``): CJK text is set with xeCJK and Noto Sans CJK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from usfk_argmap.present.slides.deck import Deck, Slide, notes_text
from usfk_argmap.present.slides.pictures import FigurePictures, hidden_at, step_rasters

if TYPE_CHECKING:
    from usfk_argmap.model import ArgumentMap

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}"}

_PREAMBLE = r"""\documentclass[aspectratio=169]{beamer}
\usepackage{fontspec}
\usepackage{xeCJK}
\setCJKmainfont{Noto Sans CJK TC}
\setCJKsansfont{Noto Sans CJK TC}
\usepackage{graphicx}
\setbeamertemplate{navigation symbols}{}
% Notes: \setbeameroption{show notes on second screen} shows them beside each frame.
"""


def latex_escape(text: str) -> str:
    """Text with LaTeX's special characters made literal, on one line."""
    return "".join(_SPECIAL.get(char, char) for char in " ".join(text.split()))


def deck_beamer(deck: Deck, argument_map: ArgumentMap, folder: str) -> tuple[str, dict[str, bytes]]:
    """The .tex text, and the PDF pictures it refers to (relative path -> bytes)."""
    lines = [_PREAMBLE.rstrip("\n")]
    if deck.theme == "dark":
        lines.append(r"\setbeamercolor{background canvas}{bg=black}\setbeamercolor{normal text}{fg=white}")
    lines += [f"\\title{{{latex_escape(deck.title)}}}", r"\date{}", r"\begin{document}", ""]
    pictures: dict[str, bytes] = {}
    makers = {key: FigurePictures(argument_map, figure) for key, figure in deck.figures.items()}
    wanted = [(makers[slide.figure], hidden_at(slide, index)) for slide in deck.slides if slide.figure is not None
              for index in range(len(slide.steps))]
    rasters = iter(step_rasters(wanted, "pdf"))
    for slide in deck.slides:
        if slide.figure is None:
            subtitle = f"\\subtitle{{{latex_escape(slide.subtitle)}}}" if slide.subtitle else ""
            lines += [f"{subtitle}\\begin{{frame}}", r"\titlepage"]
            lines += _notes(slide, None)
            lines += [r"\end{frame}", ""]
            continue
        lines += [f"\\begin{{frame}}{{{latex_escape(slide.title)}}}", r"\centering"]
        many = len(slide.steps) > 1
        for index in range(len(slide.steps)):
            name = f"{folder}/{slide.id}-{index + 1}.pdf"
            pictures[name] = next(rasters)
            graphic = f"\\includegraphics[width=\\linewidth,height=0.8\\textheight,keepaspectratio]{{{name}}}"
            lines.append(f"\\only<{index + 1}>{{{graphic}}}" if many else graphic)
        lines += _notes(slide, len(slide.steps) if many else None)
        lines += [r"\end{frame}", ""]
    lines += [r"\end{document}"]
    return "\n".join(lines) + "\n", pictures


def _notes(slide: Slide, steps: int | None) -> list[str]:
    result = []
    for index in range(steps or 1):
        text = notes_text(slide, index)
        if not text:
            continue
        body = r" \\ ".join(latex_escape(line) for line in text.split("\n"))
        overlay = f"<{index + 1}>" if steps else ""
        result.append(f"\\note{overlay}{{{body}}}")
    return result

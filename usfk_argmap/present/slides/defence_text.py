"""The defence appendix's pages in Marp Markdown and in Beamer, at ``defence``'s text sizes.

Marp's slide is 1280 x 720 px: the page's own scoped style sets the text to
``BODY_TEXT`` and ``QUESTION_TEXT`` per cent of 720 px (18.7 and 21.6 px: 28
and 32 px per em at 1920 x 1080). Beamer's frame is 90 mm high: ``\\scriptsize``
(7 pt, 29.6 px per em at 1080 p) and ``\\footnotesize`` (8 pt, 33.9 px) are the
sizes nearest above those. ``escape`` is each format's own escaping of a text.
"""

from __future__ import annotations

from collections.abc import Callable

from usfk_argmap.present.slides.defence import BODY_TEXT, LINE_HEIGHT, QUESTION_TEXT, DefencePage

#: Marp's slide height in px.
_MARP_HEIGHT = 720


def marp_size(per_cent: float) -> float:
    """A text size in per cent of the slide's height, in px on Marp's slide."""
    return round(_MARP_HEIGHT * per_cent / 100, 1)


def marp_page(page: DefencePage, escape: Callable[[str], str]) -> list[str]:
    """The Markdown of one page (after the ``---`` that opens it): a scoped style, the heading, the questions."""
    body, question = marp_size(BODY_TEXT), marp_size(QUESTION_TEXT)
    lines = [
        "<style scoped>",
        f"section {{ font-size: {body}px; line-height: {LINE_HEIGHT}; justify-content: flex-start; }}",
        f"section h2 {{ font-size: {marp_size(4.2)}px; margin: 0 0 .3em; }}",
        f"section p.defence-question {{ font-size: {question}px; font-weight: bold; margin: .6em 0 0; }}",
        "section p { margin: 0; }",
        "</style>",
        "",
        f"## {escape(page.title)}",
        "",
        escape(page.kicker),
    ]
    for item in page.questions:
        asked, about, answers = page.lines(item)
        # A paragraph per line: Markdown would join lines, and a list would indent them.
        lines += ["", f'<p class="defence-question">{_html(asked)}</p>', "", escape(about), "", escape(answers)]
    return lines


def beamer_page(page: DefencePage, escape: Callable[[str], str]) -> list[str]:
    """The frame of one page, top-aligned, with the page's notes."""
    lines = [
        f"\\begin{{frame}}[t]{{{escape(page.title)}}}",
        r"\setlength{\parindent}{0pt}",
        f"{{\\scriptsize {escape(page.kicker)}\\par}}",
    ]
    for item in page.questions:
        asked, about, answers = page.lines(item)
        lines += [
            r"\vspace{0.5\baselineskip}",
            f"{{\\footnotesize\\textbf{{{escape(asked)}}}\\par}}",
            f"{{\\scriptsize {escape(about)}\\par {escape(answers)}\\par}}",
        ]
    notes = r" \\ ".join(escape(line) for line in page.notes().split("\n"))
    return [*lines, f"\\note{{{notes}}}", r"\end{frame}", ""]


def _html(text: str) -> str:
    """Text inside an HTML element of a Marp page: the characters HTML and Markdown would read, as entities."""
    return "".join(f"&#{ord(char)};" if char in "&<>\"'*_`~\\[]:#|" else char for char in text)

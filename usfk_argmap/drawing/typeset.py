"""What the pictures whose text another program sets share (TikZ in ``tikz.py``, Typst in ``typst.py``).

Both draw Graphviz's layout of the map (``drawing.layout``) as ``render`` lays
it out; the picture alone is for a document of the reader's, and ``standalone``
wraps it in a document of its own, whose CJK text, when it has any, is set in
the Noto Sans CJK face of the map's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from usfk_argmap.core.language import cjk_region

if TYPE_CHECKING:
    from usfk_argmap.core.diagnostics import Diagnostic
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.layout import PictureLayout
    from usfk_argmap.drawing.options import RenderOptions

#: Characters set in a CJK font: ideographs, kana, hangul, CJK and full-width punctuation.
CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")


@dataclass(frozen=True)
class PictureWriter:
    """The map as a picture in a language another program sets: ``draw`` gives the picture of the map's layout,
    ``document`` wraps a picture in a document of its own, given the CJK face its text needs (None: no CJK text)."""

    draw: Callable[[ArgumentMap, PictureLayout, RenderOptions], str]
    document: Callable[[str, str | None], str]

    def __call__(
        self,
        argument_map: ArgumentMap,
        options: RenderOptions | None = None,
        *,
        diagnostics: Sequence[Diagnostic] | None = None,
        standalone: bool = False,
    ) -> str:
        """The map laid out with ``options`` (default ones when None) and drawn; ``standalone``, in its own document.

        ``diagnostics`` are what ``options.show_issues`` marks.
        """
        from usfk_argmap.drawing.layout import map_layout
        from usfk_argmap.drawing.options import RenderOptions

        options = options if options is not None else RenderOptions()
        picture = self.draw(argument_map, map_layout(argument_map, options, diagnostics=diagnostics).layout, options)
        if not standalone:
            return picture
        return self.document(picture, cjk_face(argument_map, picture))


def cjk_face(argument_map: ArgumentMap, text: str) -> str | None:
    """The Noto Sans CJK face for the map's language (Traditional Chinese by default) when ``text`` has CJK characters."""
    if not CJK.search(text):
        return None
    return f"Noto Sans CJK {cjk_region(argument_map.lang) or 'TC'}"

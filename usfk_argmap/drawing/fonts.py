"""Fonts: which family a map's language is drawn in, and embedding a subset of it in an SVG.

Graphviz needs the font named explicitly: with no name, its fallback for Chinese
text is Noto Sans CJK JP, which gives Traditional Chinese characters Japanese
glyph forms. The SVG then gets a fallback list, so a viewer without the font
picks a similar one instead of a serif default.

``embed_fonts`` writes a WOFF2 subset of the font (only the characters the
drawing uses) into the SVG as an ``@font-face``, so it renders the same in a
browser, reveal.js or Marp on a machine without CJK fonts. When the font is not
installed, fontconfig's nearest match is embedded instead, with a
``FontFallbackWarning``.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from usfk_argmap.core.errors import ArgmapWarning, FontNotFoundError
from usfk_argmap.core.language import cjk_region


class FontFallbackWarning(ArgmapWarning):
    """The font named is not installed: the font fontconfig matches in its place is embedded."""


@dataclass(frozen=True)
class FontChoice:
    """The family Graphviz draws with, and the CSS fallbacks written into SVG."""

    family: str
    fallbacks: tuple[str, ...]

    @property
    def css_family(self) -> str:
        """The ``font-family`` value for SVG: the family, then its fallbacks, quoted where needed."""
        return ",".join(name if name in _GENERIC else f"'{name}'" for name in (self.family, *self.fallbacks))


_GENERIC = frozenset({"serif", "sans-serif", "monospace", "system-ui"})
_CJK_FALLBACKS = {
    "TC": ("Noto Sans TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", "Heiti TC"),
    "SC": ("Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Heiti SC"),
    "JP": ("Noto Sans JP", "Source Han Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo"),
    "KR": ("Noto Sans KR", "Source Han Sans KR", "Apple SD Gothic Neo", "Malgun Gothic"),
}
#: Latin-script maps use Liberation Sans: installed with most Linux desktops, and with
#: Arial's metrics, so a viewer that substitutes Arial or Helvetica keeps the layout.
LATIN_FONT = FontChoice("Liberation Sans", ("Arial", "Helvetica", "Noto Sans", "sans-serif"))
#: Where Debian's fonts-noto-cjk puts the collection (TC is one face of it).
DEBIAN_CJK_COLLECTION = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
#: How long ``fc-match`` may take to name a font, in seconds (it answers in milliseconds from its cache).
FONT_LOOKUP_TIMEOUT = 60.0
#: The Debian/Ubuntu package of each family we name by default (scripts/system-packages.txt installs them).
FONT_PACKAGES = {"Liberation Sans": "fonts-liberation2", "Noto Sans CJK": "fonts-noto-cjk"}


def font_for_lang(lang: str) -> FontChoice:
    """The font a map in ``lang`` is drawn with: Noto Sans CJK TC for zh-Hant, SC, JP, KR likewise."""
    region = cjk_region(lang)
    if region is None:
        return LATIN_FONT
    return FontChoice(f"Noto Sans CJK {region}", (*_CJK_FALLBACKS[region], "sans-serif"))


def find_font_file(family: str) -> tuple[Path, int]:
    """The file and face index of an installed font family (a TTC holds several faces).

    When ``family`` is not installed, the font fontconfig matches in its place
    is returned, with a ``FontFallbackWarning`` that names both and the package
    to install; ``FontNotFoundError`` only when there is no match at all.
    """
    match = _fontconfig_match(family)
    if match is not None and family in match.families:
        return match.path, match.index
    if family.startswith("Noto Sans CJK") and DEBIAN_CJK_COLLECTION.is_file():
        index = _face_index(DEBIAN_CJK_COLLECTION, family)
        if index is not None:
            return DEBIAN_CJK_COLLECTION, index
    package = next((name for prefix, name in FONT_PACKAGES.items() if family.startswith(prefix)), None)
    hint = f"Debian/Ubuntu: sudo apt-get install {package}" if package else "install it to embed it"
    if match is not None and match.path.is_file():
        warnings.warn(
            f"the font {family!r} is not installed; embedding {match.families[0]!r} "
            f"({match.path.name}), fontconfig's match, in its place ({hint})",
            FontFallbackWarning,
            stacklevel=2,
        )
        return match.path, match.index
    raise FontNotFoundError(
        f"the font {family!r} is not installed and fontconfig offers none in its place, so it cannot be embedded ({hint})"
    )


@dataclass(frozen=True)
class _Match:
    path: Path
    index: int
    #: The family names of the font matched (a font may have several, e.g. per language).
    families: tuple[str, ...]


def _fontconfig_match(family: str) -> _Match | None:
    """What fontconfig would draw ``family`` with: the font itself when installed, else its nearest match.

    ``fc-match`` runs through the one subprocess boundary (``graphviz.run_program``), stopped after
    ``FONT_LOOKUP_TIMEOUT`` seconds with a ``FontNotFoundError`` that says so.
    """
    import shutil

    from usfk_argmap.drawing.graphviz import run_program

    executable = shutil.which("fc-match")
    if executable is None:
        return None
    try:
        returncode, output, _ = run_program(
            [executable, "-f", "%{file}\n%{index}\n%{family}", family], timeout=FONT_LOOKUP_TIMEOUT
        )
    except (FileNotFoundError, PermissionError):
        return None
    except TimeoutError:
        raise FontNotFoundError(
            f"fc-match did not answer within {FONT_LOOKUP_TIMEOUT:g} s when asked for the font {family!r}, "
            "and was stopped (fontconfig may be rebuilding its cache: run fc-cache, then try again)"
        ) from None
    lines = output.decode("utf-8", "replace").split("\n")
    if returncode != 0 or len(lines) < 3 or not lines[0]:
        return None
    families = tuple(name.strip() for name in lines[2].split(",") if name.strip())
    return _Match(Path(lines[0]), int(lines[1] or 0), families or (Path(lines[0]).stem,))


def _face_index(collection: Path, family: str) -> int | None:
    from fontTools.ttLib import TTCollection

    with TTCollection(str(collection), lazy=True) as fonts:
        for index, font in enumerate(fonts):
            if font["name"].getBestFamilyName() == family:
                return index
    return None


def subset_font(path: Path, index: int, characters: str, flavor: str = "woff2", *, keep_hints: bool = False) -> bytes:
    """A ``woff2`` or ``woff`` font with only the glyphs for ``characters``, from face ``index`` of ``path``.

    ``keep_hints`` keeps the glyphs' hints: a fifth larger, but a fifth quicker to make (taking
    them out runs every glyph's outline program).

    Layout tables and hinting are dropped: a label needs neither, and they are
    most of a CJK font's size. The font's timestamps are kept, so the same
    characters always give the same bytes. WOFF (zlib) is made in about half
    the time of WOFF2 (Brotli), for a file about a tenth larger.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = flavor
    options.layout_features = []
    options.hinting = keep_hints
    options.desubroutinize = True
    options.notdef_outline = True
    # The font's bounding boxes are kept, not worked out again from every glyph's outline: that is most
    # of the time it takes to write a CJK subset, and a browser draws the same either way.
    options.recalc_bounds = False
    # FontForge's timestamps (Liberation Sans has them): fontTools cannot subset the table and would
    # print a warning on every embedding that means nothing to the user.
    options.drop_tables = [*options.drop_tables, "FFTM"]
    # Lazily: of a CJK collection's tens of thousands of glyphs only the subset's are ever parsed.
    font = TTFont(str(path), fontNumber=index, recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    # fontTools warns about each table it drops unsubset (FFTM in Liberation Sans...):
    # dropping them is what we want, so the warnings are noise on the user's terminal.
    import logging

    logger = logging.getLogger("fontTools.subset")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(char) for char in characters}))
        subsetter.subset(font)
        font.flavor = flavor
        import io

        buffer = io.BytesIO()
        font.save(buffer)
    finally:
        logger.setLevel(level)
        font.close()
    return buffer.getvalue()


_TEXT_ELEMENT = re.compile(rb"<text\b[^>]*>(.*?)</text>", re.S)
_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def svg_text(svg: bytes) -> str:
    """Every character drawn as text in an SVG that Graphviz wrote."""
    import html

    return "".join(html.unescape(match.decode("utf-8")) for match in _TEXT_ELEMENT.findall(svg))


def font_face_css(font: FontChoice, characters: str, flavor: str = "woff2", *, keep_hints: bool = False) -> str:
    """A CSS ``@font-face`` with a base64 subset of ``font`` for ``characters`` ("" when there are none).

    The one font embedder: SVG output (``embed_fonts``) and the HTML deck (one rule for all its
    pictures) use it. ``flavor`` and ``keep_hints`` are ``subset_font``'s.
    """
    if not characters.strip():
        return ""
    path, index = find_font_file(font.family)
    return font_face_rule(font.family, path, index, characters, flavor, keep_hints=keep_hints)


def font_face_rule(
    family: str, path: Path, index: int, characters: str, flavor: str = "woff2", *, keep_hints: bool = False
) -> str:
    """``font_face_css`` once the font file is found (a worker process can make it: notes stay with the caller).

    Subsets are kept in the layout cache's folder (``drawing.cache``, as the environment sets it) under
    the font file, its size and time, the flavor and the characters: an unchanged deck's font is not
    subset again.
    """
    import base64
    import hashlib

    from usfk_argmap.drawing.cache import LayoutCache

    text = "".join(sorted(set(characters)))
    if not text.strip():
        return ""
    stat = path.stat()
    hints = "hinted" if keep_hints else "unhinted"
    key = hashlib.sha256(
        f"font\n{path}:{index}:{stat.st_size}:{stat.st_mtime_ns}\n{flavor} {hints}\n{text}".encode("utf-8", "surrogatepass")
    ).hexdigest()
    cache = LayoutCache.from_environment()
    data = cache.get(key)
    if data is None:
        data = subset_font(path, index, text, flavor, keep_hints=keep_hints)
        cache.put(key, data)
    encoded = base64.b64encode(data).decode("ascii")
    return f"@font-face{{font-family:'{family}';src:url(data:font/{flavor};base64,{encoded}) format('{flavor}');}}"


def embed_fonts(svg: bytes, font: FontChoice) -> bytes:
    """The SVG with a subset of ``font`` embedded as a base64 WOFF2 ``@font-face``."""
    css = font_face_css(font, svg_text(svg))
    if not css:
        return svg
    style = f'<defs><style type="text/css">{css}</style></defs>\n'.encode("ascii")
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        raise ValueError("not an SVG document: no <svg> element")
    return svg[: opening.end()] + b"\n" + style + svg[opening.end() :].lstrip(b"\n")

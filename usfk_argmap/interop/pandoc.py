"""The Pandoc filter: map blocks and map images of a Pandoc JSON document become pictures of their maps.

Pandoc hands a JSON filter the document as its JSON AST and reads the changed
AST back. Two forms name a map::

    ```{.argmap file="maps/x.yaml" section="s1" evaluate=true}
    ```

    ![caption](maps/x.yaml){.argmap}

Each becomes an image of the map drawn for the output format (``picture_format``:
SVG for HTML and reveal.js, PDF for LaTeX and Beamer, PNG at print resolution
for the rest), written atomically into ``argmap-figures/`` beside the document
under the hash of everything it is drawn from, with the map's summary as its
alt text. A picture whose inputs have not changed is not drawn again: a
sidecar ``<hash>.json`` keeps its alt text and its diagnostics, and the
hashes of the source texts the map quotes.

The document is untrusted input: ``filter_document`` refuses a text that is
not JSON, too large, too deep or of another AST version with a
``PandocFilterError``, and a block's attribute it does not know, or a ``file=``
outside the document's folder (as a map's ``source:`` outside the map's
folder is refused), with a message naming the block. The walk is pure over
the JSON but for reading maps and writing pictures; the command line
(``usfk-argmap pandoc-filter``) prints what it returns.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from usfk_argmap._version import __version__
from usfk_argmap.core.errors import ArgmapError

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap

__all__ = [
    "ATTRIBUTES",
    "FIGURE_FOLDER",
    "BlockRequest",
    "FilterResult",
    "PandocFilterError",
    "block_position",
    "block_request",
    "filter_document",
    "filter_text",
    "lua_filter",
    "picture_format",
]

#: The class that marks a block or an image as a map.
MAP_CLASS = "argmap"
#: The folder, beside the document, that the pictures are written into.
FIGURE_FOLDER = "argmap-figures"
#: The attributes a map block takes, with what each says.
ATTRIBUTES: Mapping[str, str] = {
    "file": "the map file, relative to the document's folder (a block; an image names it as its target)",
    "section": "draw only this section's statements",
    "evaluate": "true: mark each statement's status under grounded semantics",
    "allow-errors": "true: a map with errors is drawn, its issues marked, and the build goes on",
    "caption": "the figure's caption (a block; default: the map's title)",
    "alt": "the picture's alt text (default: the map's summary)",
    "width": "passed on to the image",
    "height": "passed on to the image",
}
#: The attribute that ``commonmark+sourcepos`` gives each element: ``doc.md@3:1-5:1``.
POSITION = "data-pos"
_POSITION = re.compile(r"(.*)@(\d+):(\d+)-\d+:\d+")
#: The Pandoc JSON AST versions (major, minor) the filter reads: pandoc 2.10 to 3.x.
API_VERSIONS = ((1, 21), (1, 22), (1, 23))
#: The largest document read (bytes), the deepest nesting, and the most map blocks in one document.
MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 2000
MAX_MAPS = 500
#: The longest attribute value, and the longest alt text written.
MAX_VALUE_CHARS = 4096
MAX_ALT_CHARS = 2000
#: PNG resolution for word processors and presentations: print quality.
PRINT_DPI = 300

_SVG_FORMATS = frozenset({"html", "html4", "html5", "revealjs", "slidy", "slideous", "s5", "dzslides", "epub", "epub2", "epub3"})
_PDF_FORMATS = frozenset({"latex", "beamer", "context", "pdf"})
_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})


class PandocFilterError(ArgmapError, ValueError):
    """The document given to the filter cannot be read (not JSON, too large or deep, another AST version)."""


@dataclass(frozen=True)
class BlockRequest:
    """What one map block or image asks for: its map file, options and the attributes passed on."""

    file: str
    section: str | None = None
    evaluate: bool = False
    allow_errors: bool = False
    caption: str | None = None
    alt: str | None = None
    passed: tuple[tuple[str, str], ...] = ()


@dataclass
class FilterResult:
    """The filtered document, the lines for standard error, and whether the build must fail."""

    document: Any
    messages: list[str] = field(default_factory=list)
    failed: bool = False
    drawn: int = 0
    reused: int = 0


@dataclass(frozen=True)
class _Picture:
    """A map's picture as the document names it, its alt text, and what checking the map said."""

    url: str
    alt: str
    title: str
    diagnostics: tuple[str, ...]
    errors: bool


def lua_filter() -> Path:
    """The Lua filter shipped in the package (``usfk_argmap/pandoc/argmap.lua``), for Quarto and ``pandoc --lua-filter``."""
    return Path(__file__).resolve().parent.parent / "pandoc" / "argmap.lua"


def picture_format(output_format: str | None) -> str:
    """The picture format for a Pandoc output format: svg for the web, pdf for LaTeX, else png.

    ``output_format`` is what Pandoc passes a filter (``html5``, ``docx``...), its
    extensions (``+smart``) ignored; none (a filter run by hand) gives svg.
    """
    name = (output_format or "html").split("+", 1)[0].split("-", 1)[0].lower()
    if name in _SVG_FORMATS or name.startswith("html"):
        return "svg"
    if name in _PDF_FORMATS:
        return "pdf"
    return "png"


def block_request(attributes: Any, target: str | None = None) -> BlockRequest:
    """The request of a block's Pandoc attributes ``[id, classes, [[key, value], ...]]``; ``target`` is an image's.

    Raises ``PandocFilterError`` for an attribute it does not know (with the likely
    one), a value too long, a flag that is not true or false, or no map file.
    """
    pairs = _pairs(attributes)
    from usfk_argmap.core.diagnostics import did_you_mean_phrase, suggest

    values: dict[str, str] = {}
    for key, value in pairs:
        if key == POSITION:
            continue  # where the block is, read by ``block_position``
        if key not in ATTRIBUTES:
            hint = suggest(key, ATTRIBUTES)
            known = did_you_mean_phrase(hint) if hint is not None else "known: " + ", ".join(ATTRIBUTES)
            raise PandocFilterError(f"unknown attribute {key!r}; {known}")
        if len(value) > MAX_VALUE_CHARS:
            raise PandocFilterError(f"the value of {key!r} is {len(value)} characters; at most {MAX_VALUE_CHARS}")
        values[key] = value
    if target is not None:
        if "file" in values:
            raise PandocFilterError("an image names its map as its target; drop file=")
        values["file"] = target
    if not values.get("file"):
        raise PandocFilterError('no map file: give file="maps/x.yaml"')
    return BlockRequest(
        file=values["file"],
        section=values.get("section") or None,
        evaluate=_flag(values, "evaluate"),
        allow_errors=_flag(values, "allow-errors"),
        caption=values.get("caption"),
        alt=values.get("alt"),
        passed=tuple((key, values[key]) for key in ("width", "height") if key in values),
    )


def _pairs(attributes: Any) -> list[tuple[str, str]]:
    """The key-value pairs of Pandoc attributes, checked to be what the AST says they are."""
    if not (isinstance(attributes, list) and len(attributes) == 3 and isinstance(attributes[2], list)):
        raise PandocFilterError("the block's attributes are not [id, classes, key-values]")
    pairs = []
    for pair in attributes[2]:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)):
            raise PandocFilterError("an attribute is not a [key, value] pair of texts")
        pairs.append((pair[0], pair[1]))
    return pairs


def _flag(values: Mapping[str, str], key: str) -> bool:
    value = values.get(key)
    if value is None or value.lower() in _FALSE:
        return False
    if value.lower() in _TRUE or value == "":
        return True
    raise PandocFilterError(f"{key}={value!r}: give true or false")


def block_position(attributes: Any) -> str | None:
    """Where a block is in the document, ``doc.md:3:1``, from the ``data-pos`` that ``+sourcepos`` writes; else None."""
    try:
        pairs = _pairs(attributes)
    except PandocFilterError:
        return None
    value = dict(pairs).get(POSITION)
    match = _POSITION.fullmatch(value[:MAX_VALUE_CHARS]) if value is not None else None
    return f"{match.group(1)}:{match.group(2)}:{match.group(3)}" if match is not None else None


def _classes(attributes: Any) -> list[str]:
    if isinstance(attributes, list) and len(attributes) == 3 and isinstance(attributes[1], list):
        return [name for name in attributes[1] if isinstance(name, str)]
    return []


def filter_text(text: str | bytes, output_format: str | None, folder: str | Path = ".") -> FilterResult:
    """``filter_document`` of a document as Pandoc writes it to a filter: its JSON text."""
    if len(text) > MAX_INPUT_BYTES:
        raise PandocFilterError(f"the document is {len(text)} bytes; at most {MAX_INPUT_BYTES} are read")
    try:
        document = json.loads(text)
    except RecursionError:
        raise PandocFilterError(f"the document nests deeper than {MAX_DEPTH} levels") from None
    except (UnicodeDecodeError, ValueError) as error:
        where = f" at line {error.lineno}, column {error.colno}" if isinstance(error, json.JSONDecodeError) else ""
        raise PandocFilterError(f"standard input is not a Pandoc JSON document{where}: run the filter from pandoc") from None
    return filter_document(document, output_format, folder)


def filter_document(document: Any, output_format: str | None, folder: str | Path = ".") -> FilterResult:
    """The document with each map block and map image replaced by its picture (see the module's docstring).

    ``folder`` is the document's folder: map files are read from its tree only,
    and the pictures are written into its ``argmap-figures/``. The API version the
    document carries is kept. Raises ``PandocFilterError`` for a document it cannot read.
    """
    api = _api_version(document)
    result = FilterResult(document)
    base = Path(folder)
    made: dict[tuple[str, BlockRequest], _Picture] = {}
    count = 0

    def replace(node: dict[str, Any]) -> Any:
        nonlocal count
        kind = node.get("t")
        content = node.get("c")
        if kind == "CodeBlock" and isinstance(content, list) and len(content) == 2 and MAP_CLASS in _classes(content[0]):
            target = None
        elif kind == "Image" and isinstance(content, list) and len(content) == 3 and MAP_CLASS in _classes(content[0]):
            target = content[2][0] if isinstance(content[2], list) and content[2] and isinstance(content[2][0], str) else ""
        else:
            return None
        count += 1
        position = block_position(content[0])
        label = f"{position + ': ' if position else ''}map {count} ({kind}{_named(content[0])})"
        if count > MAX_MAPS:
            raise PandocFilterError(f"the document has more than {MAX_MAPS} maps")
        try:
            request = block_request(content[0], target)
            key = (picture_format(output_format), request)
            first = key not in made
            if first:
                made[key] = _picture(request, key[0], base, result)
        except ArgmapError as error:
            result.messages.append(f"{label}: {error}")
            result.failed = True
            return None
        picture = made[key]
        if first:  # a map drawn twice the same way is reported once
            result.messages.extend(picture.diagnostics)
        if picture.errors and not request.allow_errors:
            result.messages.append(f"{label}: {request.file} has errors; add allow-errors=true to build anyway")
            result.failed = True
        if kind == "Image":
            return _image(content[0], content[1], picture, request, api)
        return _figure(content[0], picture, request, api)

    _walk(document, replace)
    return result


def _named(attributes: Any) -> str:
    identifier = attributes[0] if isinstance(attributes, list) and attributes and isinstance(attributes[0], str) else ""
    return f" #{identifier}" if identifier else ""


def _api_version(document: Any) -> tuple[int, ...]:
    """The document's ``pandoc-api-version``, refused unless the filter reads it."""
    if not isinstance(document, dict) or not isinstance(document.get("blocks"), list):
        raise PandocFilterError("standard input is not a Pandoc JSON document (no blocks): run the filter from pandoc")
    version = document.get("pandoc-api-version")
    if not (
        isinstance(version, list) and version and all(isinstance(part, int) and not isinstance(part, bool) for part in version)
    ):
        raise PandocFilterError("the document has no pandoc-api-version; pandoc 2.10 or later writes it")
    if tuple(version[:2]) not in API_VERSIONS:
        shown = ".".join(str(part) for part in version)
        known = ", ".join(f"{a}.{b}" for a, b in API_VERSIONS)
        raise PandocFilterError(f"pandoc-api-version {shown} is not one the filter reads ({known})")
    return tuple(version)


def _walk(document: Any, replace: Callable[[dict[str, Any]], Any]) -> None:
    """Call ``replace`` on every element (a dict with ``t``) and put what it returns, if anything, in its place.

    Without recursion, so a deep document cannot exhaust Python's stack; refused past ``MAX_DEPTH``.
    """
    stack: list[tuple[Any, int]] = [(document, 0)]
    while stack:
        container, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise PandocFilterError(f"the document nests deeper than {MAX_DEPTH} levels")
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in list(items):
            if isinstance(value, dict) and "t" in value:
                replaced = replace(value)
                if replaced is not None:
                    container[key] = replaced
                    continue
            if isinstance(value, (dict, list)):
                stack.append((value, depth + 1))


def _image(attributes: Any, caption: Any, picture: _Picture, request: BlockRequest, api: tuple[int, ...]) -> dict[str, Any]:
    """The image of the map: its own caption and identifier kept, the picture as its target.

    Its title is ``fig:`` before Pandoc 3 (API 1.23), which makes a paragraph of it alone a figure.
    """
    identifier = attributes[0] if isinstance(attributes[0], str) else ""
    inlines = caption if isinstance(caption, list) and caption else _inlines(picture.title)
    pairs = [["alt", request.alt or picture.alt], *([key, value] for key, value in request.passed)]
    title = "" if api[:2] >= (1, 23) else "fig:"
    return {"t": "Image", "c": [[identifier, [MAP_CLASS], pairs], inlines, [picture.url, title]]}


def _figure(attributes: Any, picture: _Picture, request: BlockRequest, api: tuple[int, ...]) -> dict[str, Any]:
    """A block's figure: Pandoc 3's ``Figure`` (API 1.23), else the paragraph of one image that 2.x makes a figure."""
    caption = _inlines(request.caption if request.caption is not None else picture.title)
    image = _image(attributes, caption, picture, request, api)
    if api[:2] >= (1, 23):
        image["c"][0][0] = ""
        identifier = attributes[0] if isinstance(attributes[0], str) else ""
        return {
            "t": "Figure",
            "c": [[identifier, [], []], [None, [{"t": "Plain", "c": caption}]], [{"t": "Plain", "c": [image]}]],
        }
    return {"t": "Para", "c": [image]}


def _inlines(text: str) -> list[dict[str, Any]]:
    """Plain text as Pandoc inlines: words and the spaces between them."""
    inlines: list[dict[str, Any]] = []
    for word in text.split():
        if inlines:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": word})
    return inlines


def _picture(request: BlockRequest, fmt: str, base: Path, result: FilterResult) -> _Picture:
    """The picture of one request: reused when its sidecar says nothing it is drawn from has changed, else drawn."""
    map_path = _map_path(request.file, base)
    try:
        map_bytes = map_path.read_bytes()
    except OSError as error:
        raise PandocFilterError(f"{request.file}: {error.strerror or error}") from None
    key = hashlib.sha256(
        json.dumps([__version__, fmt, request.file, request.section, request.evaluate, request.allow_errors]).encode()
        + b"\0"
        + map_bytes
    ).hexdigest()[:20]
    folder = base / FIGURE_FOLDER
    picture_path = folder / f"{key}.{fmt}"
    url = f"{FIGURE_FOLDER}/{picture_path.name}"
    reused = _reused(base, folder / f"{key}.json", picture_path, url)
    if reused is not None:
        result.reused += 1
        return reused
    picture, inputs = _drawn(request, map_path, fmt, picture_path, url)
    from usfk_argmap.core.files import write_atomic

    sidecar = {
        # Relative to the document's folder: the folder may be named otherwise on the next build.
        "inputs": {os.path.relpath(os.path.abspath(path), os.path.abspath(base)): _digest(path) for path in inputs},
        "alt": picture.alt,
        "title": picture.title,
        "diagnostics": list(picture.diagnostics),
        "errors": picture.errors,
    }
    write_atomic(folder / f"{key}.json", json.dumps(sidecar, ensure_ascii=False, indent=1).encode())
    result.drawn += 1
    return picture


def _map_path(file: str, base: Path) -> Path:
    """The map file a block names, refused outside the document's folder tree as a map's ``source:`` is."""
    from usfk_argmap.mapfile.sourcefile import allowed_folders, is_inside

    if "\0" in file:
        raise PandocFilterError(f"the map file {file!r} contains a NUL character")
    written = base / file
    if not is_inside(Path(os.path.realpath(written)), allowed_folders(base)):
        raise PandocFilterError(f"the map file {file!r} leads outside the document's folder; nothing was read")
    return written


def _digest(path: Path) -> str | None:
    """The SHA-256 of a regular file (never a device a sidecar could name, as ``/dev/zero``), or None."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        return None


def _reused(base: Path, sidecar_path: Path, picture_path: Path, url: str) -> _Picture | None:
    """The picture a sidecar describes, when it and its picture are there and every input is unchanged."""
    try:
        sidecar = json.loads(sidecar_path.read_bytes())
        if not picture_path.is_file():
            return None
        inputs = sidecar["inputs"]
        if not all(isinstance(digest, str) and _digest(base / path) == digest for path, digest in inputs.items()):
            return None
        diagnostics = tuple(str(line) for line in sidecar["diagnostics"])
        return _Picture(url, str(sidecar["alt"]), str(sidecar["title"]), diagnostics, bool(sidecar["errors"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no sidecar, or one that is not ours: the map is drawn again


def _drawn(request: BlockRequest, map_path: Path, fmt: str, picture_path: Path, url: str) -> tuple[_Picture, list[Path]]:
    """Load, check and draw the map into ``picture_path``; the picture, and the files it was drawn from."""
    from usfk_argmap.core.diagnostics import Severity
    from usfk_argmap.core.files import write_atomic
    from usfk_argmap.drawing.options import RenderOptions
    from usfk_argmap.drawing.render import render
    from usfk_argmap.mapfile.loader import load_map
    from usfk_argmap.rules import run_checks

    loaded = load_map(map_path)
    diagnostics = list(loaded.diagnostics)
    argument_map = loaded.map
    if argument_map is not None:
        diagnostics += run_checks(argument_map)
    errors = any(diagnostic.severity is Severity.ERROR for diagnostic in diagnostics)
    lines = tuple(diagnostic.format_text() for diagnostic in diagnostics)
    if argument_map is None or not loaded.usable_for("marked" if request.allow_errors else "draw"):
        raise PandocFilterError(f"{request.file} cannot be drawn:\n" + "\n".join(lines))
    options = RenderOptions(
        section=request.section, evaluate=request.evaluate, show_issues=request.allow_errors and errors, dpi=PRINT_DPI
    )
    # As ``pipeline.render`` marks them (the pipeline is a layer above): the load's and the checks' findings.
    data = render(argument_map, fmt, options, diagnostics=diagnostics if options.show_issues else None)
    write_atomic(picture_path, data)
    picture = _Picture(url, _summary(argument_map, request.section), argument_map.title, lines, errors)
    return picture, [map_path, *argument_map.input_paths()[1:]]


def _summary(argument_map: ArgumentMap, section: str | None) -> str:
    """The map's alt text: its title (and the section's), then the statements drawn in outline order, on one line
    (cut at ``MAX_ALT_CHARS``)."""
    from usfk_argmap.analysis.selection import section_members
    from usfk_argmap.drawing.words import Sayer, one_line
    from usfk_argmap.interop.outline import outline_items

    shown = section_members(argument_map, section) if section is not None else None
    title = argument_map.title if section is None else f"{argument_map.title} ({argument_map.sections[section].title})"
    sayer = Sayer(argument_map)
    statements = [
        sayer.statement(argument_map.nodes[node_id])
        for _, node_id in outline_items(argument_map)
        if shown is None or node_id in shown
    ]
    text = one_line(f"{title}: " + "; ".join(statements) if statements else title)
    return text if len(text) <= MAX_ALT_CHARS else text[: MAX_ALT_CHARS - 1] + "…"

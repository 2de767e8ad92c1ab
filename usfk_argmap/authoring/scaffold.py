"""A new user's first map (``usfk-argmap init``) and verbatim quotes from a source (``usfk-argmap quote``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from usfk_argmap.mapfile.reading import read_untrusted_text
from usfk_argmap.mapfile.sourcefile import MAX_SOURCE_BYTES
from usfk_argmap.quotes.source import SourceText, one_line

#: Placeholder statements of a new map, by language: thesis, claim, objection, rebuttal.
_SAMPLES: dict[str, tuple[str, str, str, str, str, str]] = {
    "en": (
        "My argument map",
        "The thesis of the text, in one sentence.",
        "A reason the text gives for the thesis.",
        "The evidence the text offers for that reason.",
        "An objection the text raises against that reason.",
        "The text's answer to the objection.",
    ),
    "zh-Hant": (
        "我的論證圖",
        "本文的主旨，一句話。",
        "文中支持主旨的一個理由。",
        "文中支持這個理由的證據。",
        "文中對這個理由提出的質疑。",
        "文中對這個質疑的回應。",
    ),
    "zh-Hans": (
        "我的论证图",
        "本文的主旨，一句话。",
        "文中支持主旨的一个理由。",
        "文中支持这个理由的证据。",
        "文中对这个理由提出的质疑。",
        "文中对这个质疑的回应。",
    ),
}
#: How long a quote picked from the source for a new map may be, in characters.
QUOTE_LENGTH = 60


def init_text(output: Path, *, lang: str = "en", source: Path | None = None) -> str:
    """The YAML of a small map that ``check --strict`` passes: a thesis, a claim with its evidence, an
    objection to the claim and a rebuttal of the objection.

    With ``source``, the map refers to it (relative to ``output``'s folder) and
    each statement quotes one of its first sentences, verbatim.
    """
    from usfk_argmap.mapfile.writer import schema_reference

    title, thesis, claim, evidence, objection, rebuttal = _SAMPLES.get(lang, _SAMPLES["en"])
    quotes: list[str | None] = [None] * 5
    source_line = ""
    if source is not None:
        text = read_untrusted_text(source, MAX_SOURCE_BYTES, "the source text")
        quotes = [*_first_sentences(SourceText(text, str(source)), 5), *[None] * 5][:5]
        relative = Path(_relative(source.resolve(), output.resolve().parent))
        source_line = f"source: {json.dumps(relative.as_posix(), ensure_ascii=False)}\n"

    def quote(index: int) -> str:
        value = quotes[index]
        return f"    quote: {json.dumps(value, ensure_ascii=False)}\n" if value else ""

    return (
        f"# yaml-language-server: $schema={schema_reference(output)}\n"
        f"# A new map: replace each text with the statement it stands for, then run\n"
        f"#   usfk-argmap check {output.name} --strict\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        f"lang: {lang}\n"
        f"{source_line}"
        "root: T\n"
        "nodes:\n"
        "  T:\n    kind: thesis\n"
        f"    text: {json.dumps(thesis, ensure_ascii=False)}\n{quote(0)}"
        "  C1:\n    kind: claim\n"
        f"    text: {json.dumps(claim, ensure_ascii=False)}\n{quote(1)}"
        "    supports: T\n"
        "  E1:\n    kind: evidence\n"
        f"    text: {json.dumps(evidence, ensure_ascii=False)}\n{quote(2)}"
        "    supports: C1\n"
        "  O1:\n    kind: objection\n"
        f"    text: {json.dumps(objection, ensure_ascii=False)}\n{quote(3)}"
        "    attacks: C1\n"
        "  R1:\n    kind: rebuttal\n"
        f"    text: {json.dumps(rebuttal, ensure_ascii=False)}\n{quote(4)}"
        "    attacks: O1\n"
    )


def _relative(path: Path, start: Path) -> str:
    import os

    return os.path.relpath(path, start)


def _first_sentences(source: SourceText, count: int) -> list[str]:
    """The source's first sentences (at most ``QUOTE_LENGTH`` characters of each), on one line each."""
    result = []
    for sentence in source.sentences:
        text = one_line(source.text[sentence.span.start : sentence.span.end])
        if len(text) >= 4:
            result.append(_shortened(text))
        if len(result) == count:
            break
    return result


def _shortened(text: str) -> str:
    """At most ``QUOTE_LENGTH`` characters, cut after a space or a CJK comma where there is one."""
    if len(text) <= QUOTE_LENGTH:
        return text
    head = text[:QUOTE_LENGTH]
    cut = max(head.rfind(" "), *(head.rfind(mark) + 1 for mark in "，、；："))
    return (head[:cut] if cut > QUOTE_LENGTH // 2 else head).rstrip(" ，、；：")


@dataclass(frozen=True)
class QuoteMatch:
    """What ``quote`` found: the passage as the source writes it, and whether it matches exactly."""

    passage: str
    exact: bool
    line: int | None = None
    column: int | None = None


def find_quote(source: SourceText, fragment: str) -> QuoteMatch | None:
    """The verbatim passage of ``source`` that ``fragment`` matches (ignoring spacing and Unicode form),
    or the closest passage when nothing matches exactly; None when nothing is close."""
    span = source.find(fragment)
    if span is not None:
        before = source.text[: span.start]
        line = before.count("\n") + 1
        column = span.start - (before.rfind("\n") + 1) + 1
        return QuoteMatch(one_line(source.text[span.start : span.end]), True, line, column)
    closest = source.closest(fragment)
    return QuoteMatch(one_line(closest), False) if closest else None

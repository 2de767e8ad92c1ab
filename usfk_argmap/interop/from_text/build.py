"""The drafted map: statements that quote the source verbatim, ids by section, a note on each relation.

Ids go by section as a hand-made map's do: ``T`` the thesis, ``C1`` the main
claim of section 1, then ``SC1.1`` (a claim something supports), ``P1.1``
(premise), ``E1.1`` (evidence), ``O1.1`` (objection), ``R1.1`` (rebuttal) and
``A1.1`` (a linked argument), numbered in text order; a text without
sections has ``SC1``, ``P1``... Each statement's ``quote`` is its passage of
the source on one line (``quotes.source.one_line``), which ``check`` finds in
the source whatever line breaks and stray spaces it had; ``text`` is the same
passage tidied (the spaces a PDF scattered between CJK characters removed), and
``label`` a shortened form for pictures when the text is long.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from usfk_argmap.core.model import ArgumentMap, Section
from usfk_argmap.interop.draft import Draft, DraftArgument, DraftNode
from usfk_argmap.interop.from_text.lexicon import Lexicon, lexicon_language, load_lexicon
from usfk_argmap.interop.from_text.segment import Segmentation, segment
from usfk_argmap.interop.from_text.structure import Proposal, RootFrom, Structure, propose
from usfk_argmap.quotes.source import SourceText, one_line

#: The longest label, in characters: CJK (wide) and Latin text.
_LABEL_WIDE = 24
_LABEL_LATIN = 60
_PREFIX = {"claim": "SC", "premise": "P", "evidence": "E", "objection": "O", "rebuttal": "R"}


@dataclass
class DraftedMap:
    """A draft and how it was made: the map, the units the text was cut into, the structure proposed."""

    map: ArgumentMap
    segmentation: Segmentation
    structure: Structure
    lexicon: Lexicon
    #: Each proposal's node id, in the order of ``structure.proposals``.
    ids: list[str]


def tidy(text: str) -> str:
    """A passage on one line without the spaces a PDF put between CJK characters, nor invisible format
    characters (a zero-width space, a soft hyphen)."""
    line = one_line("".join(char for char in text if unicodedata.category(char) != "Cf"))
    kept: list[str] = []
    for index, char in enumerate(line):
        if char == " ":
            before = kept[-1] if kept else ""
            after = line[index + 1] if index + 1 < len(line) else ""
            if not before or not after or _wide(before) or _wide(after) or before == " ":
                continue
        kept.append(char)
    return "".join(kept)


def _wide(char: str) -> bool:
    return (
        "\u2e80" <= char <= "\u9fff"
        or "\uf900" <= char <= "\ufaff"
        or "\uff00" <= char <= "\uffef"
        or "\u3000" <= char <= "\u303f"
    )


def shorten(text: str) -> str | None:
    """A label for a long ``text``: cut at a clause boundary or a word, with an ellipsis; None when short enough."""
    wide = sum(map(_wide, text)) * 2 > len(text)
    limit = _LABEL_WIDE if wide else _LABEL_LATIN
    if len(text) <= limit:
        return None
    if wide:
        cut = max((text.rfind(mark, 0, limit) for mark in "，、；："), default=-1)
        return (text[:cut] if cut >= limit // 2 else text[: limit - 1]) + "…"
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


def draft_map(
    text: str,
    *,
    lang: str | None = None,
    title: str | None = None,
    root_from: RootFrom = "auto",
    lexicons: Sequence[Path] = (),
    segments: list[str] | None = None,
) -> DraftedMap:
    """A first map of ``text``: every statement a verbatim passage of it (see the package's docstring).

    ``lang`` is the map's language (guessed from the text when None);
    ``lexicons`` are files whose markers add to the language's built-in ones;
    ``segments``, the text's units as a corpus gives them, replace its own
    segmentation. Raises ``ValueError`` for a text with nothing to draft.
    """
    from usfk_argmap.interop.language_guess import detect_language

    if lang is None:
        guessed = detect_language([text[:20_000]]) or "en"
        lang = lexicon_language(guessed) if guessed.startswith("zh") else guessed
    lexicon = load_lexicon(lang, lexicons)
    segmentation = segment(text, lexicon, segments)
    if segments is not None and not segmentation.units:
        raise ValueError(f"none of the {len(segments)} given segments is in the text")
    structure = propose(segmentation, root_from)
    return _build(text, lang, title, segmentation, structure, lexicon)


def _build(
    text: str, lang: str, title: str | None, segmentation: Segmentation, structure: Structure, lexicon: Lexicon
) -> DraftedMap:
    proposals = structure.proposals
    kinds = _kinds(structure)
    ids = _ids(structure, kinds)
    if title is None:
        title = tidy(text[structure.title.title_start : structure.title.end]) if structure.title is not None else "Draft"
    draft = Draft(title=title or "Draft", lang=lang, root=ids[structure.root])
    draft.sections = {
        f"s{number}": Section(f"s{number}", tidy(text[heading.start : heading.end]))
        for number, heading in structure.sections.items()
    }
    source = SourceText(text)
    governed = {proposal.linked_with for proposal in proposals if proposal.linked_with is not None}
    for number, proposal in enumerate(proposals):
        raw = text[proposal.start : proposal.end]
        quote = one_line(raw)
        if source.find(quote) is None:
            quote = raw.strip()
        node_text = tidy(raw)
        note = structure.root_why if number == structure.root else _note(proposal, ids)
        draft.add_node(
            DraftNode(
                ids[number],
                node_text,
                kind=kinds[number],
                quote=quote,
                section=f"s{proposal.section}" if proposal.section in structure.sections else None,
                note=note,
                label=shorten(node_text),
            )
        )
        if proposal.target is None or number == structure.root or number in governed:
            continue
        if proposal.linked_with is not None:
            argument = ids[number].replace(_PREFIX.get(kinds[number], "P"), "A", 1)
            draft.arguments[argument] = DraftArgument(
                draft.free_id(argument),
                [ids[number], ids[proposal.linked_with]],
                "supports",
                ids[proposal.target],
                note=f"A condition and the clause it governs, taken together: {proposal.why} ({proposal.sure}).",
            )
        else:
            draft.relate(ids[number], ids[proposal.target], proposal.relation)
    return DraftedMap(draft.build(), segmentation, structure, lexicon, ids)


def _note(proposal: Proposal, ids: list[str]) -> str:
    target = ids[proposal.target] if proposal.target is not None else "?"
    return f"Drafted: {proposal.relation} {target}, proposed by {proposal.why} ({proposal.sure})."


def _kinds(structure: Structure) -> list[str]:
    proposals = structure.proposals
    supported = {p.target for p in proposals if p.relation == "supports" and p.target is not None}
    kinds: list[str] = []
    for number, proposal in enumerate(proposals):
        target = proposals[proposal.target] if proposal.target is not None else None
        if number == structure.root:
            kinds.append("thesis")
        elif proposal.main:
            kinds.append("claim")
        elif proposal.relation == "attacks":
            kinds.append("rebuttal" if target is not None and target.relation == "attacks" else "objection")
        elif proposal.evidence:
            kinds.append("evidence")
        elif number in supported:
            kinds.append("claim")
        else:
            kinds.append("premise")
    return kinds


def _ids(structure: Structure, kinds: list[str]) -> list[str]:
    counts: Counter[tuple[str, int]] = Counter()
    sectioned = bool(structure.sections)
    ids: list[str] = []
    for number, proposal in enumerate(structure.proposals):
        if number == structure.root:
            ids.append("T")
        elif proposal.main:
            ids.append(f"C{proposal.section}")
        else:
            prefix = _PREFIX[kinds[number]]
            counts[prefix, proposal.section] += 1
            count = counts[prefix, proposal.section]
            ids.append(f"{prefix}{proposal.section}.{count}" if sectioned else f"{prefix}{count}")
    return ids


def read_source(path: str | Path) -> str:
    """The text of a source file to draft from, read as every untrusted file is (at most ``MAX_SOURCE_BYTES``).

    Raises ``UnreadableFileError`` for a file that is not read, not UTF-8, or
    holds NUL characters (a binary file that happens to decode).
    """
    from usfk_argmap.core.errors import UnreadableFileError
    from usfk_argmap.mapfile.reading import read_untrusted_text
    from usfk_argmap.mapfile.sourcefile import MAX_SOURCE_BYTES

    text = read_untrusted_text(path, MAX_SOURCE_BYTES, "the source text")
    if "\0" in text:
        raise UnreadableFileError(path, "the source text", "it holds NUL characters: it is not a text file", "encoding")
    return text


def read_segments(path: str | Path) -> list[str]:
    """A text's own segments: an arg-microtexts XML file's ``edu`` texts, or a text file's lines (blank ones skipped)."""
    from usfk_argmap.core.errors import OptionError
    from usfk_argmap.interop.xmlsafe import XMLProblem, parse_xml

    text = read_source(path)
    if Path(path).suffix.lower() != ".xml":
        return [line.strip() for line in text.splitlines() if line.strip()]
    try:
        root, _ = parse_xml(text)
    except XMLProblem as problem:
        raise OptionError(f"{path}: {problem}") from None
    segments = [" ".join("".join(element.itertext()).split()) for element in root if element.tag == "edu"]
    if not segments:
        raise OptionError(f"{path}: no <edu> segments (an arg-microtexts file has them)")
    return segments

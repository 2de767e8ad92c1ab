"""Importing a Kialo discussion from the text file Kialo's "Export discussion" writes.

The file reads::

    Discussion Title: Should cities ban cars from their centres?

    1. Cities should ban cars from their centres.
    1.1. Pro: Car-free streets are safer for pedestrians.
    1.1.1. Con: Delivery vans would still need access.
    1.2. Con: -> See 1.1.1.

- the first ``N.`` line is the thesis, the map's root;
- each ``1.2.3. Pro:`` line is a claim supporting its parent ``1.2.``, each
  ``Con:`` line a claim attacking it; the claim's number is its id;
- a claim whose text is ``-> See 1.2.3.`` is a link: Kialo shows the claim
  numbered 1.2.3 in a second place, so 1.2.3 gets one more relation, to the
  link's parent, as the link's label says (claims under a link are under 1.2.3);
- a claim's text runs until the next claim line; lines that continue it are
  kept as its line breaks (a numbered line without ``Pro:``/``Con:`` inside a
  claim is part of its text, as in a numbered list);
- ``Discussion Title:`` is the map's title; the language is detected from the first claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from usfk_argmap.core.model import ArgumentMap, Position
from usfk_argmap.interop.draft import Draft, DraftNode
from usfk_argmap.interop.importing import ImportResult, Reporter, import_text
from usfk_argmap.interop.language_guess import detect_language

#: ``1.2.3. Pro: text``: the number, the label (absent on the thesis) and the text.
_CLAIM = re.compile(r"(\d{1,9}(?:\.\d{1,9})*)\.[ \t]+(?:(Pro|Con)[ \t]*:[ \t]*)?(.*)", re.IGNORECASE)
_TITLE = re.compile(r"Discussion Title[ \t]*:[ \t]*(.*)", re.IGNORECASE)
_LINK = re.compile(r"->[ \t]*See[ \t]+(\d{1,9}(?:\.\d{1,9})*)\.?[ \t]*", re.IGNORECASE)
#: Claims nested deeper than this are refused (Kialo's deepest debates are a few dozen levels).
MAX_DEPTH = 1000

#: How many claims (the first ones), and at most how many of their characters, the language is detected from.
LANGUAGE_SAMPLE = 300
LANGUAGE_SAMPLE_CHARS = 30_000

RELATIONS: dict[str, Literal["supports", "attacks"]] = {"pro": "supports", "con": "attacks"}


@dataclass
class _Claim:
    number: str
    label: str | None
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def parent(self) -> str | None:
        head, dot, _ = self.number.rpartition(".")
        return head if dot else None

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def import_kialo(data: bytes, file: str = "<kialo>", root: str | None = None) -> ImportResult:
    """Read a Kialo text export into a map; ``root`` is the claim number the user asks to be its root (or None)."""
    return import_text(data, file, lambda text, report: _read(text.removeprefix("\ufeff"), report, root))


def _read(text: str, report: Reporter, requested_root: str | None) -> ArgumentMap | None:
    title, claims = _claims(text, report)
    if claims is None:
        return None
    if not claims:
        report(
            "AM407",
            "the file has no numbered claims (a Kialo export starts its thesis with '1. ' and its claims with '1.1. Pro: ')",
        )
        return None
    links: dict[str, tuple[str, _Claim]] = {}
    plain: list[_Claim] = []
    for claim in claims.values():
        found = _LINK.fullmatch(claim.text)
        if found is not None and claim.parent is not None:
            links[claim.number] = (found.group(1), claim)
        else:
            plain.append(claim)
    thesis = next(iter(claims.values()))
    draft = Draft(title=title or thesis.text.split("\n", 1)[0], requested_root=requested_root)
    for claim in plain:
        draft.add_node(DraftNode(claim.number, claim.text or claim.number))
    resolved = _resolve_links(links, draft, report)

    def node_of(number: str | None) -> str | None:
        if number is None:
            return None
        return resolved[number] if number in links else number if number in draft.nodes else None

    for claim in claims.values():
        if claim.parent is None or claim.label is None:
            continue
        source, target = node_of(claim.number), node_of(claim.parent)
        at = Position(claim.line, 1)
        if claim.number in links and source is None:
            continue  # a broken link, reported by _resolve_links
        if target is None or source is None:
            where = "a link that leads nowhere" if claim.parent in links else "which the file does not hold"
            report("AM402", f"claim {claim.number} is under {claim.parent}, {where}", at, source)
            continue
        if source == target:
            report("AM403", f"claim {claim.number} links {claim.parent} to itself; the link is left out", at, source)
            continue
        if not draft.relate(source, target, RELATIONS[claim.label]):
            report("AM406", f"claim {claim.number} repeats the relation from {source} to {target}", at, source)
    draft.root = thesis.number if thesis.number in draft.nodes else None
    # The first claims tell the language as well as all of them do, and detection reads every character.
    detected = detect_language(_language_sample(node.text for node in draft.nodes.values()))
    draft.lang = detected or "en"
    return draft.build()


def _claims(text: str, report: Reporter) -> tuple[str | None, dict[str, _Claim] | None]:
    """The discussion's title and its claims by number, in file order (None when refused, reported)."""
    title: str | None = None
    claims: dict[str, _Claim] = {}
    current: _Claim | None = None
    set_aside = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        found = _CLAIM.fullmatch(stripped)
        if found is not None and (found.group(2) is not None or not claims):
            label, said = (found.group(2) or "").lower() or None, found.group(3)
            if "." not in found.group(1):  # a thesis has no label: a "Pro:" there is its text
                label, said = None, stripped[len(found.group(1)) + 1 :].lstrip(" \t")
            claim = _Claim(found.group(1), label, number, [said])
            depth = claim.number.count(".") + 1
            if depth > MAX_DEPTH:
                report("AM401", f"claim {claim.number[:40]}... is nested deeper than {MAX_DEPTH} levels", Position(number, 1))
                return title, None
            if claim.number in claims:
                first = claims[claim.number].line
                report(
                    "AM406",
                    f"claim number {claim.number} is used again (first on line {first}); the first claim is kept",
                    Position(number, 1),
                )
                current = None
                continue
            claims[claim.number] = current = claim
            continue
        heading = _TITLE.fullmatch(stripped)
        if heading is not None and title is None and not claims:
            title = heading.group(1).strip()
        elif current is not None:
            current.lines.append(line.rstrip())
        elif stripped and not set_aside:
            set_aside = True
            report("AM404", "the text before the first claim is set aside", Position(number, 1))
    return title, claims


def _language_sample(texts: Iterable[str]) -> list[str]:
    """The first LANGUAGE_SAMPLE texts, cut to LANGUAGE_SAMPLE_CHARS characters in all: detection reads every one."""
    sample: list[str] = []
    left = LANGUAGE_SAMPLE_CHARS
    for text in texts:
        if len(sample) == LANGUAGE_SAMPLE or left <= 0:
            break
        sample.append(text[:left])
        left -= len(sample[-1])
    return sample


def _resolve_links(links: dict[str, tuple[str, _Claim]], draft: Draft, report: Reporter) -> dict[str, str | None]:
    """The claim each link shows, following links to links; None (reported) when it leads nowhere.

    Each chain is walked once: the claims of a walked path all get its end, so a
    chain of n links costs n steps, not n * n.
    """
    resolved: dict[str, str | None] = {}
    why: dict[str, str] = {}
    for number in links:
        path: list[str] = []
        on_path: set[str] = set()
        target = number
        while target in links and target not in resolved and target not in on_path:
            path.append(target)
            on_path.add(target)
            target = links[target][0]
        if target in resolved:
            end, reason = resolved[target], why.get(target, "")
        elif target in on_path:
            end, reason = None, "a loop of links"
        else:
            end, reason = (target, "") if target in draft.nodes else (None, "a claim the file does not hold")
        for item in path:
            resolved[item] = end
            why[item] = reason
    for number, (shown, link) in links.items():
        if resolved[number] is None:
            report("AM402", f"claim {number} links to {shown}, {why[number]}; the link is left out", Position(link.line, 1))
    return resolved

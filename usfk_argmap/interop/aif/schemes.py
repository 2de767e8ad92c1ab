"""Argument schemes on AIF scheme nodes, as AIFdb and OVA write them, both ways.

An RA or CA node of AIFdb or OVA names its scheme in ``scheme`` (the name,
``"Argument From Expert Opinion"``), ``schemeID`` (AIFdb's number) and often
``text``. Our writer puts the catalogue's English name in ``text`` and
``scheme`` and our id in ``schemeID``; our reader takes a ``schemeID`` that
is one of our ids, else a ``scheme`` (or ``text``) that names a scheme of the
catalogue, spelt as AIFdb spells it ("Expert Opinion", "Argument from Sign",
"Cause To Effect"...): the default names ("Default Inference", "Default
Conflict") name none.
"""

from __future__ import annotations

import re
from functools import cache

from usfk_argmap.core.schemes import scheme, schemes

#: What a PA node (preference application) says in AIFdb and OVA.
PREFERENCE = "Default Preference"
#: The names of a scheme node that name no particular scheme.
DEFAULT_NAMES = frozenset({"default inference", "default conflict", "default preference", "default rephrase"})
#: Words a scheme's name opens or closes with that tell nothing apart ("Argument from ...").
_FILLER = re.compile(r"^(?:the |an? )?(?:argument (?:from|by|to) )?(?:the |an? )?|(?: argument| scheme)$")


def scheme_fields(scheme_id: str) -> dict[str, str]:
    """The fields of an RA or CA node for our scheme ``scheme_id``: ``text``, ``scheme`` and ``schemeID``."""
    name = scheme(scheme_id).name.en if scheme_id in _catalogue_ids() else scheme_id
    return {"text": name, "scheme": name, "schemeID": scheme_id}


def read_scheme(entry: dict[str, object]) -> tuple[str | None, str | None]:
    """The catalogue id an AIF scheme node names, and a name it gives that the catalogue lacks (or None)."""
    scheme_id = entry.get("schemeID")
    if isinstance(scheme_id, str) and scheme_id.strip() in _catalogue_ids():
        return scheme_id.strip(), None
    for key in ("scheme", "text"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        found = _names().get(_normal(value))
        if found is not None:
            return found, None
        if key == "scheme" and _words(value) not in DEFAULT_NAMES:
            return None, " ".join(value.split())
    return None, None


@cache
def _catalogue_ids() -> frozenset[str]:
    return frozenset(entry.id for entry in schemes())


@cache
def _names() -> dict[str, str]:
    """Each way of naming a scheme (its id, its English name, the name's part before a bracket) -> its id."""
    found: dict[str, str] = {}
    for entry in schemes():
        name = entry.name.en
        for spelling in (entry.id.replace("-", " "), name, name.split("(")[0], *re.findall(r"\((.*?)\)", name)):
            found.setdefault(_normal(spelling), entry.id)
    return found


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _normal(text: str) -> str:
    """A scheme's name without case, punctuation and its "argument from" opening: ``"expert opinion"``."""
    words = _words(text)
    return _FILLER.sub("", words).strip() or words

"""Whether a loaded map can be used, and for what: the one policy every caller asks.

A map file with load errors may still give a map: the loader drops what it
cannot read and reports it. What may be done with such a map depends on the
purpose, and on nothing else (not on the command, nor on how many maps it was
given):

- ``check``: the rules can run on it, and a report or the editor can show their
  findings beside the load errors. Needs a map, and none of the file-level
  errors (``FATAL_CODES``: not YAML, not UTF-8, empty, too large, unreadable).
- ``marked``: drawing it with its problems marked on it (``render --show-issues``,
  ``slides`` with a banner, the report). Needs what ``check`` needs: each
  statement a load error touched carries the error's code, so a statement
  drawn without its text or a relation dropped is shown as what it is, and a
  beginner sees the draft marked up rather than a refusal.
- ``draw``: drawing, presenting, exporting, counting and evaluating it. Needs
  what ``check`` needs, and no load error but a misspelled key (AM008), an
  unfit id (AM016) or a misindented entry (AM018): a misspelled key only drops
  its entry, and the drawing shows the gap it leaves (a claim without its
  support); an unfit id (a zero-width space in it) drops nothing, and a
  misindented entry is read where it was meant. A wrong type or a missing key
  could leave a statement without its text.
- ``exact``: the map is all the file says (a script's ``open_map``, an import
  written out). Needs a map and no load error at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, get_args

from usfk_argmap.core.codes import FATAL_CODES
from usfk_argmap.core.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap

Purpose = Literal["check", "marked", "draw", "exact"]
PURPOSES: tuple[Purpose, ...] = get_args(Purpose)

#: The load errors a map drawn, presented or evaluated may have: each only drops the entry it names.
_DRAWABLE_ERRORS = frozenset({"AM008", "AM016", "AM018"})


def _blocks(diagnostic: Diagnostic, purpose: Purpose) -> bool:
    """Whether this one diagnostic keeps a map from ``purpose``."""
    if diagnostic.code in FATAL_CODES:
        return True
    if diagnostic.severity is not Severity.ERROR or purpose in ("check", "marked"):
        return False
    return purpose == "exact" or diagnostic.code not in _DRAWABLE_ERRORS


def blocking(diagnostics: Sequence[Diagnostic], purpose: Purpose) -> list[Diagnostic]:
    """The load diagnostics that keep a map from ``purpose``, in their order."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}; one of {', '.join(PURPOSES)}")
    return [d for d in diagnostics if _blocks(d, purpose)]


def usable_for(argument_map: ArgumentMap | None, diagnostics: Sequence[Diagnostic], purpose: Purpose) -> bool:
    """Whether a map loaded with these diagnostics can be used for ``purpose`` (see the module's list)."""
    return argument_map is not None and not blocking(diagnostics, purpose)

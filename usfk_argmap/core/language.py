"""The one reading of a map's ``lang`` tag: which CJK writing system, if any, its text is in.

The font (Noto Sans CJK TC, SC, JP, KR), the BudouX phrase model, the
legend's captions and the Beamer deck's CJK font all follow from it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

Region = Literal["TC", "SC", "JP", "KR"]


@lru_cache(maxsize=64)
def cjk_region(lang: str) -> Region | None:
    """TC, SC, JP or KR for a BCP 47 tag of a CJK language (zh-Hant, zh-TW/HK/MO: TC; other zh: SC); None otherwise."""
    parts = lang.lower().replace("_", "-").split("-")
    if parts[0] == "ja":
        return "JP"
    if parts[0] == "ko":
        return "KR"
    if parts[0] != "zh":
        return None
    if "hant" in parts or any(region in parts for region in ("tw", "hk", "mo")):
        return "TC"
    return "SC"

"""Linear growth, checked by counting work instead of timing it.

``calls`` counts every function call a piece of work makes, Python functions and
C functions alike, and each resumption of a generator (``sys.setprofile``'s
"call" and "c_call" events): the same input gives the same count on a
loaded machine or an idle one. ``growth`` compares the counts at n and 4n: about
4 for linear work, 16 for quadratic. The count at 4n stops at ``LINEAR_GROWTH``
times the count at n, so work that has turned exponential fails at once, not
after hours.

A call counts once however long it runs, so work done inside one C call (a
membership test in a list, ``str.count`` from the start of a text) does not show:
``benchmarks/import_scaling.py`` and ``benchmarks/evaluate_speed.py`` time those.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

#: The largest count ratio between 4n and n taken as linear (4, with room for n log n and fixed costs).
LINEAR_GROWTH = 5.0


class _TooManyCalls(BaseException):
    """Raised inside the work when it passes its limit (a BaseException: no ``except Exception`` swallows it)."""


def calls(work: Callable[[], object], limit: int | None = None) -> int:
    """How many Python and C functions ``work`` calls, directly or not; AssertionError past ``limit``."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1
            if limit is not None and count > limit:
                raise _TooManyCalls

    sys.setprofile(profile)
    try:
        work()
    except _TooManyCalls:
        raise AssertionError(f"more than {limit} calls: the work does not grow linearly") from None
    finally:
        sys.setprofile(None)
    return count


def growth(work: Callable[[int], object], n: int) -> float:
    """How many times the calls of ``work(n)`` ``work(4 * n)`` makes, after one uncounted run at n (imports, caches).

    AssertionError when that is over ``LINEAR_GROWTH``.
    """
    work(n)
    small = calls(lambda: work(n))
    large = calls(lambda: work(4 * n), limit=int(LINEAR_GROWTH * small))
    return large / small

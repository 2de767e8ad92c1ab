"""The linear-growth check of tests/growth.py: linear work passes, quadratic fails, exponential fails at once."""

from __future__ import annotations

import time

import pytest

from tests.growth import LINEAR_GROWTH, calls, growth


def linear(n: int) -> int:
    total = 0
    for k in range(n):
        total += abs(k)
    return total


def quadratic(n: int) -> int:
    return sum(abs(j) for k in range(n) for j in range(k))


def exponential(n: int) -> int:
    return 1 if n == 0 else exponential(n - 1) + exponential(n - 1)


def test_calls_counts_python_and_c_calls() -> None:
    assert calls(lambda: linear(100)) - calls(lambda: linear(0)) == 100  # one abs() per item


def test_linear_work_passes() -> None:
    assert 3.5 <= growth(linear, 1000) <= LINEAR_GROWTH


def test_quadratic_work_fails() -> None:
    with pytest.raises(AssertionError, match="does not grow linearly"):
        growth(quadratic, 100)


def test_exponential_work_fails_without_running_to_the_end() -> None:
    started = time.monotonic()
    with pytest.raises(AssertionError, match="does not grow linearly"):
        growth(exponential, 5)  # 2**20 calls at 4n: stopped near 5 * 2**5
    assert time.monotonic() - started < 1.0

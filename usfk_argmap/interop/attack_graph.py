"""The map's attack graph for external solvers: ICCMA's numeric format and ASPARTIX's apx.

Both write the framework of ``usfk_argmap.analysis.framework``, auxiliary
arguments included, so a solver's grounded or preferred extensions can be
compared with ``usfk-argmap evaluate``.
"""

from __future__ import annotations

import json

from usfk_argmap.analysis.framework import build_framework
from usfk_argmap.core.model import ArgumentMap


def to_iccma(argument_map: ArgumentMap) -> str:
    """ICCMA 2023 format: ``p af N``, then one ``attacker attacked`` pair of 1-based numbers a line.

    Comment lines (``#``) give each number's map id, as a JSON string.
    """
    framework = build_framework(argument_map)
    number = {argument: index for index, argument in enumerate(framework.arguments, start=1)}
    lines = [f"p af {len(framework.arguments)}"]
    lines += [f"# {number[argument]} {json.dumps(argument, ensure_ascii=False)}" for argument in framework.arguments]
    lines += [f"{number[attacker]} {number[target]}" for attacker, target in framework.attacks()]
    return "\n".join(lines) + "\n"


def apx_constant(argument: str) -> str:
    """An argument's name as an ASP string constant (clingo's escapes: backslash, quote, newline)."""
    escaped = argument.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def to_apx(argument_map: ArgumentMap) -> str:
    """ASPARTIX apx: ``arg("C3").`` for every argument, ``att("O3.1","C3").`` for every attack."""
    framework = build_framework(argument_map)
    lines = [f"arg({apx_constant(argument)})." for argument in framework.arguments]
    lines += [f"att({apx_constant(attacker)},{apx_constant(target)})." for attacker, target in framework.attacks()]
    return "\n".join(lines) + "\n"

"""The ``usfk-argmap-pandoc`` console script, for ``pandoc --filter usfk-argmap-pandoc``.

Apart from ``cli.pandoc``, which ``cli.app`` registers: this module imports the command group.
"""

from __future__ import annotations

import sys


def main() -> None:
    """``usfk-argmap pandoc-filter`` with the arguments Pandoc gives a filter (the output format)."""
    from usfk_argmap.cli.app import main as command_group

    command_group(["pandoc-filter", *sys.argv[1:]], prog_name="usfk-argmap-pandoc")

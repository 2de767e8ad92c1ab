"""What a loaded map shows in Jupyter: the drawer ``ArgumentMap._repr_svg_`` calls.

The model cannot import the drawing layer above it: the package's ``__init__``
(which may import anything) registers the pipeline's SVG when it is imported.
The drawer is kept here rather than in ``model`` so that registering it does not
import the model (``usfk-argmap --version`` needs neither).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: What draws a map (an ``ArgumentMap``: named ``Any`` here, as the model imports this module) as SVG text.
Drawer = Callable[[Any], str]
#: The drawer of ``ArgumentMap._repr_svg_``, kept by this module and set only through ``register_svg_drawer``.
_SVG_DRAWER: dict[str, Drawer] = {}


def register_svg_drawer(drawer: Drawer | None) -> None:
    """Make ``drawer`` what a map is shown with in Jupyter (None: no picture)."""
    if drawer is None:
        _SVG_DRAWER.pop("drawer", None)
    else:
        _SVG_DRAWER["drawer"] = drawer


def svg_drawer() -> Drawer | None:
    """The drawer ``register_svg_drawer`` was given last (None: none)."""
    return _SVG_DRAWER.get("drawer")

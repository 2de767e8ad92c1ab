"""The jinja2 templates: found in a checkout (``templates/``) or an installed wheel.

The wheel carries the top-level ``templates/`` folder as ``usfk_argmap/templates``.
Autoescaping is on for every HTML, XML and SVG template.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The folder of the bundled templates."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled templates are missing (looked in {_PACKAGE / 'templates'} and "
                            f"{_PACKAGE.parent / 'templates'}); reinstall usfk-argmap")


def environment(user_dir: str | Path | None = None) -> jinja2.Environment:
    """A jinja2 environment over the bundled templates; ``user_dir`` templates take precedence."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(user_dir)))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "xml", "svg"),
                                            default_for_string=True, default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_template(name: str, user_dir: str | Path | None = None, **context: object) -> str:
    """Render one template with ``context``."""
    return environment(user_dir).get_template(name).render(**context)

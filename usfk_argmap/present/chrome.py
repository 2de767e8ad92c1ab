"""The catalogue's words as a template uses them: ``say``, ``kind_name``, ``word`` (``core.messages``).

The deck and the report templates get the same functions, bound to the language
the map's ``lang`` (or ``--ui-lang``) chooses.
"""

from __future__ import annotations

import functools
from typing import Any

from markupsafe import Markup, escape

from usfk_argmap.core.messages import CATALOGUE, message


def template_words(lang: str, html: bool = True) -> dict[str, Any]:
    """``say(id, **values)``, ``kind_name(kind)`` and ``word(group, value)`` in ``lang``, for a template's context.

    In HTML, ``say`` escapes the message and every value but markup (the step counter's
    span); in Markdown it returns plain text, the values already through the ``md`` filters.
    """
    return {
        "say": functools.partial(_say_html if html else _say_text, lang),
        "kind_name": functools.partial(word, lang, "kind"),
        "word": functools.partial(word, lang),
    }


def word(lang: str, group: str, value: str) -> str:
    """``value`` of a group of words (``kind``, ``state``, ``quote``, ``legend``) in ``lang``; as given when not in it."""
    message_id = f"{group}.{value.replace(' ', '_')}"
    return message(message_id, lang) if message_id in CATALOGUE else value


def _say_html(lang: str, message_id: str, **values: Any) -> Markup:
    return Markup(escape(message(message_id, lang))).format(**values)


def _say_text(lang: str, message_id: str, **values: Any) -> str:
    return message(message_id, lang, **values)

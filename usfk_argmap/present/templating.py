"""The jinja2 templates: found in a checkout (``templates/``) or an installed wheel.

The wheel carries the top-level ``templates/`` folder as ``usfk_argmap/templates``.
Autoescaping is on for every HTML, XML and SVG template. Templates are read through one
cached jinja2 ``Environment`` (for each user templates folder), not one made for each render.

A templates folder of the user's (``--templates``) may come from anywhere, so it is data, not
code: every template runs in jinja2's immutable sandbox (``ImmutableSandboxedEnvironment``). A
template reads the variables it is given and calls their plain methods, but reaches no
attribute starting with ``_`` (so no ``__class__``, ``__globals__``, ``__subclasses__``: not
Python's objects, modules or files), changes no list or dict it is given, makes no range over
100,000 items, and no string or list over ``_REPETITION_LIMIT`` items by ``*`` or number by
``**``. Such a template fails with a ``TemplateError`` naming its file and line. The bundled
templates run in the sandbox too: one kind of environment, and the checks cost nothing
measurable (the flagship's HTML deck: 138 ms plain, 137 ms sandboxed).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from usfk_argmap.core.errors import TemplateError

if TYPE_CHECKING:
    import jinja2

_PACKAGE = Path(__file__).resolve().parent.parent  # usfk_argmap/ (this module is in usfk_argmap/present/)
#: Suffixes of the template files (a rendering error is located in the innermost such frame).
TEMPLATE_SUFFIXES = (".html", ".md", ".txt", ".css", ".js", ".tex", ".xml", ".svg")
#: The most items a user's template may make by repeating (``'x' * n``) and the largest power (``n ** m``).
_REPETITION_LIMIT = 10_000_000


def templates_dir() -> Path:
    """The folder of the bundled templates."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the bundled templates are missing (looked in {_PACKAGE / 'templates'} and "
        f"{_PACKAGE.parent / 'templates'}); reinstall usfk-argmap"
    )


def environment(
    user_dir: str | Path | None = None, filters: Mapping[str, Callable[..., Any]] | None = None
) -> jinja2.Environment:
    """The jinja2 environment over the bundled templates; ``user_dir`` templates take precedence.

    One environment for each templates folder and set of extra ``filters``, made once and kept:
    its compiled templates are too (jinja2 reads a template file again only when it changes).
    Raises ``TemplateError`` when ``user_dir`` is not a folder.
    """
    folder = None
    if user_dir is not None:
        if not Path(user_dir).is_dir():
            raise TemplateError(f"the templates folder {str(user_dir)!r} does not exist or is not a folder")
        folder = str(user_dir)  # as given: template errors name the files as the user wrote the folder
    return _environment(folder, tuple(sorted((filters or {}).items())))


@functools.lru_cache(maxsize=16)
def _environment(user_dir: str | None, filters: tuple[tuple[str, Callable[..., Any]], ...]) -> jinja2.Environment:
    """``environment`` for a folder and hashable filters: the one place an Environment is made."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        loaders.append(jinja2.FileSystemLoader(user_dir))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    env = _sandbox_class()(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "htm", "xml", "svg"), default_for_string=True, default=False
        ),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from usfk_argmap.present.markdown import markdown_code, markdown_escape, markdown_url

    # Every Markdown template escapes with these: md (text), md_code (a code span), md_url (a link target).
    env.filters.update(md=markdown_escape, md_code=markdown_code, md_url=markdown_url)
    env.filters.update(dict(filters))
    return env


@functools.cache
def _sandbox_class() -> type[jinja2.Environment]:
    """jinja2's immutable sandbox, with ``*`` and ``**`` bounded: the class of every template environment."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class UserTemplates(ImmutableSandboxedEnvironment):
        """A sandbox in which a template cannot reach Python's objects, change its data, or fill the memory."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and _magnitude(right) * max(1, _magnitude(left).bit_length()) > 64 * 1024:
                raise SecurityError(f"{left!r} ** {right!r} is a larger number than a template may make")
            if operator == "*" and _repeated_length(left, right) > _REPETITION_LIMIT:
                raise SecurityError(f"repeating by * makes more than {_REPETITION_LIMIT:,} items, more than a template may")
            return super().call_binop(context, operator, left, right)

    return UserTemplates


def _magnitude(value: Any) -> int:
    """An integer operand's size (0 for anything else: its own type decides what ``**`` does)."""
    return abs(value) if isinstance(value, int) else 0


def _repeated_length(left: Any, right: Any) -> int:
    """How many items ``left * right`` makes when one side is a sequence and the other an integer, else 0."""
    for sequence, count in ((left, right), (right, left)):
        if isinstance(count, int) and isinstance(sequence, (str, bytes, list, tuple)):
            return len(sequence) * max(count, 0)
    return 0


def render_template(
    name: str, user_dir: str | Path | None = None, filters: Mapping[str, Callable[..., Any]] | None = None, **context: object
) -> str:
    """Render one template with ``context`` (``filters``: extra jinja2 filters the template uses).

    Raises ``TemplateError`` naming the template file and line when a template
    (most likely one of the user's) has a syntax error, uses a variable that
    does not exist, includes a missing template, or cannot be read.
    """
    env = environment(user_dir, filters)
    with _template_errors(name, user_dir):
        return env.get_template(name).render(**context)
    raise AssertionError("unreachable")  # _template_errors re-raises every error


def render_template_pieces(
    name: str, user_dir: str | Path | None = None, filters: Mapping[str, Callable[..., Any]] | None = None, **context: object
) -> Iterator[str]:
    """``render_template``'s text in the pieces the template makes it in: a large page need never be held whole.

    The template is read and compiled at once (its errors raised here); an error met while
    rendering is raised, as a ``TemplateError`` too, by the piece that meets it.
    """
    env = environment(user_dir, filters)
    with _template_errors(name, user_dir):
        template = env.get_template(name)

    def pieces() -> Iterator[str]:
        with _template_errors(name, user_dir):
            yield from template.generate(**context)

    return pieces()


def compile_template(
    name: str, user_dir: str | Path | None = None, filters: Mapping[str, Callable[..., Any]] | None = None
) -> None:
    """Read and compile a template, so a syntax error or an unreadable file is reported before slow work.

    Raises ``TemplateError`` as ``render_template`` does (errors that only rendering meets come later).
    A filter the template names must be among ``filters`` (or the environment's own) to compile it.
    """
    env = environment(user_dir, filters)
    with _template_errors(name, user_dir):
        env.get_template(name)


@contextmanager
def _template_errors(name: str, user_dir: str | Path | None) -> Iterator[None]:
    """Turn whatever reading, compiling or rendering a template raises into a located ``TemplateError``."""
    import jinja2

    try:
        yield
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or error.name or name}:{error.lineno}"
        raise TemplateError(f"{where}: template syntax error: {error.message}") from error
    except jinja2.TemplateError as error:
        raise TemplateError(f"{_template_where(error, name)}: {type(error).__name__}: {error.message or error}") from error
    except (OSError, UnicodeDecodeError) as error:
        folder = f" (in {user_dir} or the bundled templates)" if user_dir is not None else ""
        raise TemplateError(f"template {name!r}{folder} cannot be read: {error}") from error
    except TemplateError:
        raise
    except Exception as error:  # a template is code: a call in it can raise anything
        raise TemplateError(f"{_template_where(error, name)}: {type(error).__name__}: {error}") from error


def _template_where(error: BaseException, name: str) -> str:
    """``file:line`` of the innermost template frame of a rendering error, else the template's name."""
    traceback = error.__traceback__
    where = name
    while traceback is not None:
        frame = traceback.tb_frame
        filename = frame.f_code.co_filename
        if frame.f_globals.get("__jinja_template__") is not None or filename.endswith(TEMPLATE_SUFFIXES):
            where = f"{filename}:{traceback.tb_lineno}"
        traceback = traceback.tb_next
    return where

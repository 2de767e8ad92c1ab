"""The jinja2 templates are read through one cached Environment, a user's folder still taking precedence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest

from usfk_argmap.present import templating
from usfk_argmap.present.templating import environment, render_template


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[jinja2.Environment]]:
    """Every jinja2 Environment made from now on, sandboxed or not (the cache emptied first)."""
    created: list[jinja2.Environment] = []
    made_one = jinja2.Environment.__init__

    def counted(self: jinja2.Environment, *args: Any, **kwargs: Any) -> None:
        made_one(self, *args, **kwargs)
        created.append(self)

    templating._environment.cache_clear()
    monkeypatch.setattr(jinja2.Environment, "__init__", counted)
    yield created
    templating._environment.cache_clear()


def test_two_renders_reuse_one_environment(made: list[jinja2.Environment]) -> None:
    first = render_template("rules.txt", entries=[])
    second = render_template("rules.txt", entries=[])
    assert first == second
    assert len(made) == 1
    assert environment() is made[0]


def test_a_user_folder_has_its_own_environment_and_takes_precedence(made: list[jinja2.Environment], tmp_path: Path) -> None:
    (tmp_path / "rules.txt").write_text("mine: {{ entries | length }}\n")
    assert render_template("rules.txt", tmp_path, entries=[1, 2]) == "mine: 2\n"
    assert render_template("rules.txt", tmp_path, entries=[1]) == "mine: 1\n"
    assert render_template("rules.txt", entries=[]) != "mine: 0\n"  # the bundled one, without the folder
    assert len(made) == 2


def test_extra_filters_get_an_environment_of_their_own(made: list[jinja2.Environment], tmp_path: Path) -> None:
    (tmp_path / "shout.txt").write_text("{{ word | shout }}\n")
    filters = {"shout": str.upper}
    assert render_template("shout.txt", tmp_path, filters, word="hi") == "HI\n"
    assert render_template("shout.txt", tmp_path, filters, word="ho") == "HO\n"
    assert "shout" not in environment(tmp_path).filters  # the plain environment is not changed by them
    assert len(made) == 2

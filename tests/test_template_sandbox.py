"""A user's templates folder is data, not code: its templates run in jinja2's immutable sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import MAPS
from usfk_argmap.cli.app import main
from usfk_argmap.core.errors import TemplateError
from usfk_argmap.present.templating import render_template

TRAM = str(MAPS / "example_tram.yaml")

ESCAPES = [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__"),
    ("{{ cycler.__init__.__globals__.os }}", "__init__"),
    ("{{ joiner.__init__.__globals__ }}", "__init__"),
    ("{{ lipsum.__globals__['os'].system('true') }}", "__globals__"),
    ("{{ namespace.__init__.__globals__ }}", "__init__"),
    ("{{ '{0.__class__}'.format(1) }}", "__class__"),
    ("{{ entries.append(3) }}", "append"),  # the data it is given is not the template's to change
    ("{{ ('x' * 100000000) | length }}", "more than 10,000,000 items"),
    ("{{ (10 ** 10000000) % 7 }}", "larger number than a template may make"),
    ("{{ range(10 ** 9) | length }}", "Range too big"),
]


@pytest.mark.parametrize(("text", "words"), ESCAPES)
def test_a_user_template_cannot_reach_python_or_change_its_data(tmp_path: Path, text: str, words: str) -> None:
    (tmp_path / "rules.txt").write_text("line one\n" + text + "\n", encoding="utf-8")
    entries = [1, 2]
    with pytest.raises(TemplateError) as raised:
        render_template("rules.txt", tmp_path, entries=entries)
    message = str(raised.value)
    assert f"{tmp_path / 'rules.txt'}:2:" in message and words in message and "\n" not in message
    assert entries == [1, 2]


def test_the_report_command_refuses_an_escaping_template_and_still_renders_ours_in_the_sandbox(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = tmp_path / "mine"
    folder.mkdir()
    plain = runner.invoke(main, ["report", TRAM, "-o", str(tmp_path / "plain.html")])
    assert plain.exit_code == 0, plain.output
    # An empty folder: every bundled template (report.html and what it includes) runs in the sandbox.
    sandboxed = runner.invoke(main, ["report", TRAM, "-o", str(tmp_path / "sandboxed.html"), "--templates", str(folder)])
    assert sandboxed.exit_code == 0, sandboxed.output
    assert (tmp_path / "sandboxed.html").read_bytes() == (tmp_path / "plain.html").read_bytes()
    escaping = tmp_path / "escaping"
    escaping.mkdir()
    (escaping / "report.html").write_text("<p>{{ cycler.__init__.__globals__.os.getcwd() }}</p>\n", encoding="utf-8")
    result = runner.invoke(main, ["report", TRAM, "-o", str(tmp_path / "bad.html"), "--templates", str(escaping)])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "report.html:1" in lines[0] and "unsafe" in lines[0]
    assert not (tmp_path / "bad.html").exists()


_BASES = st.sampled_from(["entries", "cycler", "lipsum", "joiner", "namespace", "''", "1", "x", "self", "loop"])
_STEPS = st.sampled_from(
    [
        *(".__class__", ".__init__", ".__globals__", ".__mro__", ".__subclasses__()", "[1]", "['os']", ".append(1)"),
        *(".pop()", ".upper()", "|length", "|string", " * 99999999", " ** 99999", ".__dict__", ".mro()", ".__base__"),
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=_BASES, steps=st.lists(_STEPS, max_size=5), in_loop=st.booleans())
def test_no_user_template_escapes_or_makes_a_traceback(tmp_path: Path, base: str, steps: list[str], in_loop: bool) -> None:
    expression = "{{ " + base + "".join(steps) + " }}"
    text = "{% for x in entries %}" + expression + "{% endfor %}" if in_loop else expression
    (tmp_path / "rules.txt").write_text(text, encoding="utf-8")
    entries = [1, 2]
    try:
        out = render_template("rules.txt", tmp_path, entries=entries)
    except TemplateError as error:
        assert "\n" not in str(error)
    else:
        # A global's own repr (``{{ cycler }}``) is harmless; Python's base object, a module or a builtin is not.
        assert not any(word in out for word in ("'object'", "<module", "<built-in", "__builtins__")) and len(out) < 1_000_000
    assert entries == [1, 2]

"""What every CLI command runs under: signals that stop it cleanly, notes, Graphviz's time limit.

- SIGTERM and SIGHUP raise ``SystemExit`` (exit 143, 129), so cleanup runs: a
  Graphviz process is stopped, temporary files are removed;
- a long Graphviz run prints a progress note every few seconds (the library's
  own notes are printed by ``cli.output.printing_notes`` around the work);
- ``--graphviz-timeout`` sets the time limit, also for worker processes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from usfk_argmap.cli.output import note


@contextlib.contextmanager
def command_runtime(graphviz_timeout: float | None) -> Iterator[None]:
    """The context of one command: everything listed above, undone when the command ends."""
    from usfk_argmap.drawing.graphviz import TIMEOUT_VARIABLE, reporting_progress, time_limit

    with contextlib.ExitStack() as stack:
        stack.enter_context(_stop_on_sigterm())
        stack.enter_context(time_limit(graphviz_timeout))
        if graphviz_timeout is not None:  # the worker processes of a many-map render read it from there
            stack.enter_context(_environment(**{TIMEOUT_VARIABLE: f"{graphviz_timeout:g}"}))
        stack.enter_context(reporting_progress(note))
        yield


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM and SIGHUP end the command as an exception would, so a running Graphviz is stopped too."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, _frame: object) -> None:
        raise SystemExit(128 + number)

    saved = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGHUP)}
    for number, handler in saved.items():
        if handler in (signal.SIG_DFL, None):
            signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in saved.items():
            if handler is not None:
                signal.signal(number, handler)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Environment variables set for the command, and restored after it."""
    import os

    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

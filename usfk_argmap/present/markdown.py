"""Escaping for Markdown: the functions live in ``core.markdown`` (the outline export, a layer below, uses them too)."""

from __future__ import annotations

from usfk_argmap.core.markdown import guard_line_starts, markdown_code, markdown_escape, markdown_line, markdown_url

__all__ = ["guard_line_starts", "markdown_code", "markdown_escape", "markdown_line", "markdown_url"]

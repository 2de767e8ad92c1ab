"""Escaping for LaTeX, used by every LaTeX output (the Beamer deck, the TikZ picture).

A map's text is untrusted: in a ``.tex`` file it must show as written and never
become a command, a group, math, a comment or an alignment tab.
"""

from __future__ import annotations

#: LaTeX's special characters, each as the command or escape that prints it.
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}


def latex_escape(text: str) -> str:
    """Text with LaTeX's special characters made literal, on one line."""
    return "".join(_SPECIAL.get(char, char) for char in " ".join(text.split()))

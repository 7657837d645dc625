"""Where a lesson's ```derivation and ```plot blocks are: the one fence parser.

`tutor.derive` verifies the derivations it finds here, `tutor.plots` draws the
plots; the app's lesson screen splits a lesson on them to show the prose at
once. Kept free of sympy so the UI process can use it without paying sympy's import.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^```(derivation|plot)[^\n]*\n(.*?)^```[ \t]*\n?", re.S | re.M)


def split_fences(markdown: str) -> list[tuple[str, str, int]]:
    """(kind, text, line of the fence) parts in order: "markdown" prose, "derivation" and "plot" bodies."""
    parts: list[tuple[str, str, int]] = []
    position = 0
    for match in _FENCE.finditer(markdown):
        if markdown[position : match.start()].strip():
            parts.append(("markdown", markdown[position : match.start()], 0))
        parts.append((match.group(1), match.group(2), markdown.count("\n", 0, match.start()) + 1))
        position = match.end()
    if markdown[position:].strip():
        parts.append(("markdown", markdown[position:], 0))
    return parts


def derivation_blocks(markdown: str) -> list[tuple[str, int]]:
    """(body, line of the fence) of every ```derivation block."""
    return [(text, line) for kind, text, line in split_fences(markdown) if kind == "derivation"]


def plot_blocks(markdown: str) -> list[tuple[str, int]]:
    """(body, line of the fence) of every ```plot block."""
    return [(text, line) for kind, text, line in split_fences(markdown) if kind == "plot"]

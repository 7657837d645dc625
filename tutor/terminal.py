"""What the learner's terminal can show: full-screen drawing, UTF-8 glyphs.

Over SSH a `LANG=C` locale is common, and a `TERM=dumb` terminal (an editor's
shell buffer, some CI logs) cannot take a full-screen UI. Python itself runs
in UTF-8 under LANG=C (PEP 538/540 coerce the locale and set LC_CTYPE=C.UTF-8
in our own environment), so the locale the terminal was given is read from
the variables the user set, not from Python's encoding.
No Textual here: the CLI, `doctor` and the app all ask.
"""

from __future__ import annotations

import os
from collections.abc import Mapping


def locale_name(environ: Mapping[str, str] = os.environ) -> str:
    """The locale that decides the terminal's character set (LC_ALL, LC_CTYPE, LANG)."""
    lc_all, lc_ctype, lang = (environ.get(name, "") for name in ("LC_ALL", "LC_CTYPE", "LANG"))
    if lc_all:
        return lc_all
    # C.UTF-8 in LC_CTYPE next to a LANG without UTF-8 is Python's own coercion, not the user's choice.
    coerced = lc_ctype == "C.UTF-8" and bool(lang)
    return (lc_ctype if lc_ctype and not coerced else lang) or "C"


def utf8(environ: Mapping[str, str] = os.environ) -> bool:
    """Can the terminal show ✓, box drawing and superscripts? (DLTUTOR_ASCII=1 says no.)"""
    if environ.get("DLTUTOR_ASCII", "") not in ("", "0"):
        return False
    name = locale_name(environ).lower().replace("-", "")
    return "utf8" in name


def term(environ: Mapping[str, str] = os.environ) -> str:
    return environ.get("TERM", "")


def dumb(environ: Mapping[str, str] = os.environ) -> bool:
    """A terminal that cannot take a full-screen UI (no cursor addressing)."""
    return environ.get("TERM", "") in ("dumb", "unknown", "")


# The few glyphs the plain-text parts use, with their ASCII stand-ins.
ASCII = {
    "✓": "v",
    "✗": "x",
    "○": "o",
    "⚠": "!",
    "█": "#",
    "░": "-",
    "→": "->",
    "←": "<-",
    "·": "-",
    "…": "...",
    "—": "-",
    "¶": "#",
    "◌": "o",
    "⋯": "...",
    "≤": "<=",
    "≥": ">=",
    "×": "x",
    "–": "-",
}


def ascii_text(text: str) -> str:
    """`text` with the glyphs above replaced (for a terminal without UTF-8)."""
    return "".join(ASCII.get(char, char) for char in text)

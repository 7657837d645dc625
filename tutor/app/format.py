"""Small text helpers the screens share: bars, durations, marks, inline Markdown.

Everything returns Textual `Content` (or plain str) styled with theme
variables, so the light and dark themes both read well and NO_COLOR still
leaves the meaning in the glyphs (✓ ✗ ○ █░).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual.content import Content

from tutor.errors import TutorError
from tutor.report import bar_parts
from tutor.terminal import ascii_text

T = TypeVar("T")

MARKS = {"passed": ("✓", "$text-success"), "attempted": ("✗", "$text-error"), "new": ("○", "$foreground-muted")}
VERDICTS = {
    "pass": ("✓ PASSED", "$text-success"),
    "fail": ("✗ FAILED", "$text-error"),
    "error": ("⚠ ERROR", "$text-warning"),
}
_INLINE = re.compile(r"(`[^`]+`|\*\*[^*]+\*\*)")


_ascii = False  # set by the app from the locale (LANG=C over SSH): see tutor/terminal.py


def set_ascii(on: bool) -> None:
    global _ascii
    _ascii = on


def ascii_mode() -> bool:
    """Whether this terminal draws with ASCII only (a non-UTF-8 locale)."""
    return _ascii


def glyphs(text: str) -> str:
    """`text` as this terminal can show it: ✓ → v, █ → #, … under a non-UTF-8 locale."""
    return ascii_text(text) if _ascii else text


def bar(done: int, total: int, width: int = 20) -> Content:
    """`tutor.report.bar`, coloured with the theme (the glyphs alone still carry the meaning)."""
    filled, todo = bar_parts(done, total, width)
    return Content.assemble((glyphs(filled), "$success"), (glyphs(todo), "$foreground-muted"))


def mark(state: str) -> Content:
    glyph, style = MARKS.get(state, MARKS["new"])
    return Content.styled(glyphs(glyph), style)


def duration(seconds: float) -> str:
    """1.2 s, 3m 05s, 1h 02m: short enough for a table column."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def number(value: Any) -> float:
    """Curve values arrive as floats, or as "nan"/"inf" strings (JSON has no NaN)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def relative(path: Path, root: Path) -> str:
    """A path as the learner would type it from the workspace root (never an absolute tmp path)."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return path.name


def home_relative(path: Path) -> str:
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def inline_markdown(text: str) -> Content:
    """`code` and **bold** from a manifest's task text; everything else stays literal."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()))
    parts: list[str | tuple[str, str]] = []
    for piece in _INLINE.split("\n\n".join(paragraphs)):
        if piece.startswith("`") and piece.endswith("`") and len(piece) > 1:
            parts.append((piece[1:-1], "$text-accent"))
        elif piece.startswith("**") and piece.endswith("**") and len(piece) > 3:
            parts.append((piece[2:-2], "bold"))
        elif piece:
            parts.append(piece)
    return Content.assemble(*parts)


def shows_errors(method: Callable[..., T]) -> Callable[..., T | None]:
    """Turn a TutorError from an action into an error notification (the screen keeps working)."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> T | None:
        try:
            return method(self, *args, **kwargs)
        except TutorError as error:
            self.app.notify(error.message, title=error.title, severity="error", timeout=10)
            return None

    return wrapper

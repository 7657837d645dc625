"""Plain-terminal rendering of check results and progress (the CLI's output).

Colour only on a terminal and never with NO_COLOR set; the text is complete
without it (✓/✗ marks carry the meaning).
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from tutor import terminal
from tutor.protocol import CheckResult, Step

_STYLES = {"green": "green", "red": "red", "yellow": "yellow", "dim": "dim", "bold": "bold", "cyan": "cyan"}


def use_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


class Painter:
    """Colours a piece of text with rich's styles; plain text off a terminal or under NO_COLOR.

    rich is imported only when colour is on, so piped output pays nothing for it.
    """

    def __init__(self, stream: TextIO = sys.stdout) -> None:
        self.enabled = use_colour(stream)
        self._styles: dict[str, object] = {}

    def __call__(self, text: str, style: str) -> str:
        if not self.enabled:
            return text
        from rich.color import ColorSystem
        from rich.style import Style

        rich_style = self._styles.get(style)
        if rich_style is None:
            rich_style = self._styles[style] = Style.parse(_STYLES[style])
        assert isinstance(rich_style, Style)
        return rich_style.render(text, color_system=ColorSystem.STANDARD)


def _indent(text: str, prefix: str = "      ") -> str:
    return "\n".join(prefix + line for line in text.rstrip().splitlines())


def format_step(step: Step, paint: Painter) -> str:
    mark = paint("✓", "green") if step.passed else paint("✗", "red")
    line = f"  {mark} {step.name}"
    if step.passed:
        return line + (paint(f"  ({step.message})", "dim") if step.message else "")
    lines = [line, _indent(step.message)]
    details = step.details
    if details.traceback:
        lines.append(_indent(details.traceback, "      │ "))
    if details.picture is not None:
        from tutor.plots import picture_lines  # NumPy, only when a verdict carries a picture

        lines.extend(_indent(line) for line in picture_lines(details.picture, width=72, ascii_only=not terminal.utf8()))
    if details.worst:
        lines.append("      where the gradient is most wrong:")
        lines.append("        index          yours        numerical")
        for row in details.worst[:5]:
            lines.append(f"        {str(row.index):<14} {row.analytic:<12.6g} {row.numeric:.6g}")
    return "\n".join(lines)


def waited_text(result: CheckResult, waited_s: float | None, torch: bool = False) -> str:
    """The time the learner waited, and the part of it that was start-up rather than their code."""
    if waited_s is None or waited_s < result.duration_s:
        return f"{result.duration_s:.2f}s"
    startup = waited_s - result.duration_s
    if startup < 0.3:
        return f"{waited_s:.2f}s"
    what = "starting Python and importing torch" if torch else "starting Python and NumPy"
    return f"{waited_s:.1f}s ({startup:.1f}s of it {what}, {result.duration_s:.2f}s checking)"


def format_result(
    result: CheckResult, paint: Painter, *, title: str | None = None, waited_s: float | None = None, torch: bool = False
) -> str:
    colour = {"pass": "green", "fail": "red", "error": "yellow"}[result.status]
    verdict = {"pass": "PASSED", "fail": "FAILED", "error": "ERROR"}[result.status]
    timing = waited_text(result, waited_s, torch)
    header = f"{paint(verdict, colour)}  {title or result.exercise}   " + paint(
        f"seed {result.seed} · {result.device} · {timing}", "dim"
    )
    lines = [header]
    lines.extend(format_step(step, paint) for step in result.steps)
    if result.message:
        lines.append(_indent(result.message, "  " + paint("! ", "yellow")))
    for note in result.notes:
        lines.append(paint(f"  · {note}", "dim"))
    for series, points in result.curves.items():
        values = [value for _, value in points]
        if values:
            lines.append(paint(f"  {series}: {values[0]:.4g} → {values[-1]:.4g} over {len(points)} points", "dim"))
    if result.output.strip() and result.status != "pass":
        shown = result.output.strip().splitlines()[-15:]
        lines.append(paint("  your code printed (last lines):", "dim"))
        lines.append(_indent("\n".join(shown), "    "))
    if result.status != "pass":
        lines.append(paint(f"  replay this run with --seed {result.seed}", "dim"))
    return "\n".join(lines)


def bar_parts(done: int, total: int, width: int = 20) -> tuple[str, str]:
    """The one progress bar, as (done, to do) glyph runs; the app colours the two runs."""
    filled = round(width * done / total) if total else 0
    return "█" * filled, "░" * (width - filled)


def bar(done: int, total: int, width: int = 20) -> str:
    """A fixed-width progress bar (█ done, ░ to do), readable without colour."""
    return "".join(bar_parts(done, total, width))

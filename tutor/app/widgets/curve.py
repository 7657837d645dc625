"""The loss-curve widget: live training curves drawn with plotext.

One widget draws both the curve streaming from a running convergence check
(the learner's loss, the reference run, the target line, the step where it
went NaN) and past attempts side by side on the progress screen. Colours
come from the app theme; markers differ per line, so NO_COLOR still tells
them apart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual.app import RenderResult
from textual.color import Color
from textual.content import Content
from textual_plotext import PlotextPlot

from tutor.app.format import number

# (theme colour, marker) for the learner's series; markers differ so NO_COLOR still tells them apart.
_MINE = (("primary", "braille"), ("accent", "x"), ("secondary", "+"))


@dataclass(frozen=True)
class Line:
    label: str
    points: Sequence[tuple[float, float]]
    colour: str = "primary"  # a theme variable name
    marker: str = "braille"


def check_lines(curves: Mapping[str, Sequence[tuple[float, float]]]) -> list[Line]:
    """A check's series as lines: the learner's (loss first), then the reference run."""
    mine = sorted((name for name in curves if name != "reference"), key=lambda n: (n != "loss", n))
    lines = [Line("reference", curves["reference"], "warning", "·")] if "reference" in curves else []
    # The learner's lines are drawn last, so they stay on top where they overlap the reference.
    lines += [Line(f"your {name}", curves[name], *_MINE[i % len(_MINE)]) for i, name in enumerate(mine)]
    return lines


class LossCurve(PlotextPlot):
    """A plot of `Line`s with an optional target line and NaN marker."""

    DEFAULT_CSS = """
    LossCurve {
        height: 14;
        min-height: 8;
        border: round $foreground 25%;
        border-title-color: $foreground;
        border-subtitle-color: $foreground;
    }
    """
    # What each line looks like, for the legend (the plot's own legend would hide the first steps).
    _GLYPHS = {"braille": "⠉⠒", "hd": "▀▄", "x": "xx", "+": "++", "·": "··"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines: list[Line] = []
        self.target: float | None = None
        self.nan_step: int | None = None
        self.caption = ""

    def show(self, lines: list[Line], *, target: float | None = None, nan_step: int | None = None,
             caption: str = "") -> None:
        self.lines, self.target, self.nan_step, self.caption = lines, target, nan_step, caption
        self.border_title = caption
        legend = [Content.assemble((self._GLYPHS.get(line.marker, line.marker * 2), f"${line.colour}"),
                                   f" {line.label}") for line in lines]
        if target is not None:
            legend.append(Content.assemble(("──", "$success"), " target"))
        if nan_step is not None:
            legend.append(Content.assemble(("│", "$error"), f" NaN at step {nan_step}"))
        self.border_subtitle = Content("  ").join(legend)
        self.refresh()

    def points(self, label_prefix: str = "your") -> int:
        return sum(len(line.points) for line in self.lines if line.label.startswith(label_prefix))

    def _rgb(self, variable: str) -> tuple[int, int, int]:
        value = self.app.theme_variables.get(variable) or self.app.theme_variables["foreground"]
        return Color.parse(value).rgb

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()  # data and settings (log ticks) of the last drawing
        values: list[float] = []
        for line in self.lines:
            finite = [(x, y) for x, y in ((x, number(y)) for x, y in line.points) if math.isfinite(y)]
            if not finite:
                continue
            xs, ys = zip(*finite, strict=True)
            values.extend(ys)
            plt.plot(list(xs), list(ys), marker=line.marker, color=self._rgb(line.colour))
        if self.target is not None and math.isfinite(self.target):
            plt.hline(self.target, self._rgb("success"))
            values.append(self.target)
        if self.nan_step is not None:
            plt.vline(self.nan_step, self._rgb("error"))
        log = bool(values) and min(values) > 0 and max(values) / min(values) > 50
        plt.yscale("log" if log else "linear")
        if log:
            low, high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
            stride = max(1, math.ceil((high - low) / 5))
            decades = list(range(low, high + 1, stride))
            plt.yticks([10.0**d for d in decades], [f"1e{d}" for d in decades])
        plt.xlabel("step")
        return super().render()

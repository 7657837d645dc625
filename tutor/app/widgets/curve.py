"""The loss-curve widget: live training curves drawn with plotext.

One widget draws both the curve streaming from a running convergence check
(the learner's loss, the reference run, the target line, the step where it
went NaN) and past attempts side by side on the progress screen. Colours
come from the app theme; markers differ per line, so NO_COLOR still tells
them apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from textual.color import Color
from textual_plotext import PlotextPlot

_MARKERS = ("braille", "dot", "hd", "+", "x", "*")
_PALETTE = ("primary", "warning", "accent", "secondary", "success", "error")


@dataclass(frozen=True)
class Line:
    label: str
    points: Sequence[tuple[float, float]]
    colour: str = "primary"  # a theme variable name
    marker: str = "braille"


def check_lines(curves: dict[str, Sequence[tuple[float, float]]]) -> list[Line]:
    """A check's series as lines: the learner's (loss first), then the reference run."""
    mine = sorted((name for name in curves if name != "reference"), key=lambda n: (n != "loss", n))
    lines = [Line(f"your {name}", curves[name], _PALETTE[i % 3 * 2], _MARKERS[i % 3 * 2])
             for i, name in enumerate(mine)]
    if "reference" in curves:
        lines.append(Line("reference", curves["reference"], "warning", "dot"))
    return lines


class LossCurve(PlotextPlot):
    """A plot of `Line`s with an optional target line and NaN marker."""

    DEFAULT_CSS = """
    LossCurve { height: 14; min-height: 8; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines: list[Line] = []
        self.target: float | None = None
        self.nan_step: int | None = None
        self.caption = ""

    def show(self, lines: list[Line], *, target: float | None = None, nan_step: int | None = None,
             caption: str = "") -> None:
        self.lines, self.target, self.nan_step, self.caption = lines, target, nan_step, caption
        self.refresh()

    def points(self, label_prefix: str = "your") -> int:
        return sum(len(line.points) for line in self.lines if line.label.startswith(label_prefix))

    def _rgb(self, variable: str) -> tuple[int, int, int]:
        value = self.app.theme_variables.get(variable) or self.app.theme_variables["foreground"]
        return Color.parse(value).rgb

    def render(self):  # noqa: ANN201 - PlotextPlot's RenderResult
        plt = self.plt
        plt.clear_data()
        values: list[float] = []
        for line in self.lines:
            finite = [(x, y) for x, y in line.points if math.isfinite(y)]
            if not finite:
                continue
            xs, ys = zip(*finite, strict=True)
            values.extend(ys)
            plt.plot(list(xs), list(ys), label=line.label, marker=line.marker, color=self._rgb(line.colour))
        if self.target is not None and math.isfinite(self.target):
            plt.hline(self.target, self._rgb("success"))
            values.append(self.target)
        if self.nan_step is not None:
            plt.vline(self.nan_step, self._rgb("error"))
        log = bool(values) and min(values) > 0 and max(values) / min(values) > 50
        plt.yscale("log" if log else "linear")
        plt.title(self.caption)
        plt.xlabel("step")
        return super().render()

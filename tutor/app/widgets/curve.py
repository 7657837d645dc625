"""The loss-curve widget: live training curves drawn with plotext.

One widget draws both the curve streaming from a running convergence check
(the learner's series, the reference run, the target, the step where it went
NaN) and past attempts side by side on the progress screen. Every curve says
what it is: the border title names the quantity and the x unit ("loss per
epoch"), the x axis carries the unit, and a target is drawn only on the series
it targets. A target judged on something that is not streamed (held-out
accuracy measured after training) is said in words, never drawn on the loss
axis. Series of another quantity go on a second (right) axis. Colours come
from the app theme; markers differ per line, so NO_COLOR still tells them
apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from textual.app import RenderResult
from textual.color import Color
from textual.content import Content
from textual_plotext import PlotextPlot

from tutor.app.format import glyphs, number
from tutor.protocol import Target

# (theme colour, marker) for the learner's series; markers differ so NO_COLOR still tells them apart.
_MINE = (("primary", "braille"), ("accent", "x"), ("secondary", "+"))
_UNITS = ("epoch", "iteration", "pull", "step")
_ASCII_MARKERS = {"braille": "*", "·": ".", "⠉⠒": "**", "··": ".."}


@dataclass(frozen=True)
class Line:
    label: str
    points: Sequence[tuple[float, float]]
    colour: str = "primary"  # a theme variable name
    marker: str = "braille"
    side: Literal["left", "right"] = "left"  # the right axis holds a second quantity


@dataclass(frozen=True)
class Chart:
    """What one plot shows: its lines, what the axes mean, and the target if it belongs here."""

    lines: list[Line]
    y_label: str = "value"
    x_label: str = "step"
    target: float | None = None  # drawn on the left axis: only when a plotted series is its metric
    goal: str = ""  # "≤" or "≥"
    note: str = ""  # a target judged off the plot, in words
    right_label: str = ""

    @property
    def caption(self) -> str:
        title = f"{self.y_label} per {self.x_label}"
        if self.right_label:
            title += f" (right axis: {self.right_label})"
        if self.target is not None:
            title += f" · target {self.goal} {self.target:.4g}"
        if self.note:
            title += f" · {self.note}"
        return title


def x_unit(*texts: str) -> str:
    """The unit the task counts training in ("epoch" when it speaks of epochs), else "step"."""
    words = " ".join(texts).lower()
    return next((unit for unit in _UNITS if re.search(rf"\b{unit}s?\b", words)), "step")


def judged_name(target: Target) -> str:
    """What a target judged after training measures: "held-out accuracy" from "40 epochs ...: held-out accuracy"."""
    name = target.name.rsplit(": ", 1)[-1].strip()
    return name if name and len(name) <= 40 else "final metric"


def check_chart(
    curves: Mapping[str, Sequence[tuple[float, float]]], target: Target | None, unit: str = "step"
) -> Chart:
    """A check's series as a chart: the targeted quantity (with the reference run) on the left axis."""
    mine = sorted((name for name in curves if name != "reference"), key=lambda n: (n != "loss", n))
    targeted = target.metric if target is not None and target.metric in curves else None
    primary = targeted or (mine[0] if mine else "loss")
    left = [name for name in mine if name == primary] if targeted or len(mine) > 1 else mine
    right = [name for name in mine if name not in left]
    lines = [Line("reference", curves["reference"], "warning", "·")] if "reference" in curves else []
    # The learner's lines are drawn last, so they stay on top where they overlap the reference.
    lines += [
        Line(f"your {name}", curves[name], *_MINE[i % len(_MINE)], side="left" if name in left else "right")
        for i, name in enumerate(left + right)
    ]
    goal = "" if target is None else ("≤" if target.goal == "below" else "≥")
    note = ""
    if target is not None and targeted is None:
        note = f"judged after training: {judged_name(target)} {goal} {target.value:.4g}"
    return Chart(
        lines,
        y_label=primary,
        x_label=unit,
        target=target.value if targeted and target else None,
        goal=goal,
        note=note,
        right_label=", ".join(right),
    )


def check_lines(curves: Mapping[str, Sequence[tuple[float, float]]]) -> list[Line]:
    """A check's series as lines (see `check_chart` for the axes and the target)."""
    return check_chart(curves, None).lines


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
        self.x_label = "step"

    def show(
        self,
        lines: list[Line],
        *,
        target: float | None = None,
        nan_step: int | None = None,
        caption: str = "",
        x_label: str = "step",
    ) -> None:
        self.lines, self.target, self.nan_step, self.caption = lines, target, nan_step, caption
        self.x_label = x_label
        self.border_title = caption
        legend = [
            Content.assemble(
                (self._marker(self._GLYPHS.get(line.marker, line.marker * 2)), f"${line.colour}"),
                f" {line.label}" + (" (right)" if line.side == "right" else ""),
            )
            for line in lines
        ]
        if target is not None:
            legend.append(Content.assemble(("──", "$success"), " target"))
        if nan_step is not None:
            legend.append(Content.assemble(("│", "$error"), f" NaN at {x_label} {nan_step}"))
        self.border_subtitle = Content("  ").join(legend)
        self.refresh()

    def show_chart(self, chart: Chart, nan_step: int | None = None) -> None:
        self.show(chart.lines, target=chart.target, nan_step=nan_step, caption=chart.caption, x_label=chart.x_label)

    def points(self, label_prefix: str = "your") -> int:
        return sum(len(line.points) for line in self.lines if line.label.startswith(label_prefix))

    def _rgb(self, variable: str) -> tuple[int, int, int]:
        value = self.app.theme_variables.get(variable) or self.app.theme_variables["foreground"]
        return Color.parse(value).rgb

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()  # data and settings (log ticks) of the last drawing
        values: dict[str, list[float]] = {"left": [], "right": []}
        xs_all: list[float] = []
        for line in self.lines:
            finite = [(x, y) for x, y in ((x, number(y)) for x, y in line.points) if math.isfinite(y)]
            if not finite:
                continue
            xs, ys = zip(*finite, strict=True)
            values[line.side].extend(ys)
            xs_all.extend(xs)
            plt.plot(
                list(xs), list(ys), marker=self._marker(line.marker), color=self._rgb(line.colour), yside=line.side
            )
        if self.target is not None and math.isfinite(self.target):
            plt.hline(self.target, self._rgb("success"))
            values["left"].append(self.target)
        if self.nan_step is not None:
            plt.vline(self.nan_step, self._rgb("error"))
        for side, found in values.items():
            if found:
                self._scale(found, side)
        self._integer_ticks(xs_all)
        plt.xlabel(self.x_label)
        return super().render()

    @staticmethod
    def _marker(marker: str) -> str:
        """Braille dots need UTF-8; under LANG=C the lines are drawn with ASCII markers."""
        return _ASCII_MARKERS.get(marker, marker) if glyphs("·") != "·" else marker

    def _scale(self, values: list[float], side: str) -> None:
        """A log axis when the values span more than 50×, with ticks at whole decades."""
        plt = self.plt
        log = min(values) > 0 and max(values) / min(values) > 50
        plt.yscale("log" if log else "linear", yside=side)
        if log:
            low, high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
            stride = max(1, math.ceil((high - low) / 5))
            decades = list(range(low, high + 1, stride))
            plt.yticks([10.0**d for d in decades], [f"1e{d}" for d in decades], yside=side)  # type: ignore[arg-type]  # plotext types yside wrongly

    def _integer_ticks(self, xs: list[float]) -> None:
        """Epochs and steps are counted: ticks at whole numbers (no "3.5 epochs")."""
        if not xs or not all(float(x).is_integer() for x in xs):
            return
        low, high = int(min(xs)), int(max(xs))
        stride = max(1, math.ceil((high - low) / 5))
        ticks = list(range(low, high + 1, stride))
        self.plt.xticks([float(t) for t in ticks], [str(t) for t in ticks])

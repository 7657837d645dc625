"""A lesson's ```plot block in the app: line plots through plotext, heat maps in shade characters.

The block is parsed (with NumPy, imported only when a lesson with a plot opens) by
`tutor.plots`, the same code the CLI and `dltutor validate` use. A block that cannot
be drawn shows the author's mistake with its line instead of breaking the lesson.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static
from textual_plotext import PlotextPlot

from tutor.app.format import ascii_mode

_MARKERS = ("braille", "x", "+", "·")
_ASCII_MARKERS = ("*", "x", "+", "o")  # braille and the middle dot need UTF-8 (LANG=C over SSH)
_COLOURS = ("primary", "accent", "secondary", "warning")


class LinePlot(PlotextPlot):
    DEFAULT_CSS = """
    LinePlot { height: 14; }
    """

    def __init__(self, plot) -> None:  # noqa: ANN001 - tutor.plots.Plot, imported lazily
        super().__init__()
        self.plot = plot

    def _rgb(self, variable: str) -> tuple[int, int, int]:
        value = self.app.theme_variables.get(variable) or self.app.theme_variables["foreground"]
        return Color.parse(value).rgb

    def render(self):  # noqa: ANN201 - PlotextPlot's RenderResult
        import numpy as np

        plt = self.plt
        plt.clear_figure()
        p = self.plot
        markers = _ASCII_MARKERS if ascii_mode() else _MARKERS
        for i, (label, ys) in enumerate(p.lines):
            finite = np.isfinite(ys)
            plt.plot(
                p.x[finite].tolist(),
                ys[finite].tolist(),
                label=label,
                marker=markers[i % len(markers)],
                color=self._rgb(_COLOURS[i % len(_COLOURS)]),
            )
        for value in p.hlines:
            plt.hline(value, self._rgb("success"))
        plt.yscale("log" if p.logy else "linear")
        if p.logy:
            from tutor.plots import log_ticks

            plt.yticks(*log_ticks(p))
        plt.xlabel(p.xlabel)
        plt.ylabel(p.ylabel)
        return super().render()


class PlotView(Vertical):
    """One ```plot block: its picture, its title in the border, and a one-line description."""

    DEFAULT_CSS = """
    PlotView {
        height: auto;
        border: round $foreground 25%;
        border-title-color: $foreground;
        margin: 0 1 1 1;
    }
    PlotView .plot-description { color: $foreground-muted; }
    PlotView .plot-heatmap { width: auto; }
    """

    def __init__(self, body: str, line: int) -> None:
        super().__init__()
        self.body, self.line = body, line

    def compose(self) -> ComposeResult:
        from tutor import plots

        try:
            plot = plots.parse(self.body, self.line)
        except plots.PlotError as exc:
            yield Static(Content.styled(f"⚠ this picture cannot be drawn ({exc})", "$text-warning"))
            return
        self.border_title = plot.title
        if plot.heatmap is not None:
            rows = plots.heatmap_rows(plot.heatmap, ascii_only=ascii_mode())
            down, across = ("down", "across") if ascii_mode() else ("↓", "→")
            axes = f"{plot.ylabel} {down}  {plot.xlabel} {across}" if plot.xlabel or plot.ylabel else ""
            yield Static("\n".join(rows), classes="plot-heatmap")
            if axes:
                yield Static(axes, classes="plot-description")
        if plot.lines:
            yield LinePlot(plot)
        yield Static(plots.describe(plot).removeprefix("[picture] "), classes="plot-description")

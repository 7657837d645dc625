"""Small pictures in lessons: ```plot blocks, evaluated with NumPy, drawn in the terminal.

A line plot:

    ```plot
    title: The sigmoid and its slope
    x: -6 .. 6
    xlabel: z
    line: σ(z) = 1/(1 + exp(-x))
    line: σ′(z) = exp(-x)/(1 + exp(-x))**2
    hline: 0.25
    ```

A heat map (rows top to bottom):

    ```plot
    title: Causal attention weights, uniform scores
    let: n = 6
    heatmap: tril(ones((n, n))) / arange(1, n + 1)[:, None]
    xlabel: key position
    ylabel: query position
    ```

Keys: `title`, `x: lo .. hi` (optionally `int` for integer steps), `xlabel`, `ylabel`,
`let: name = expr` (defined in order), `line: label = expr` (any number), `hline: value`,
`heatmap: expr` (a 2-D array), `logy: true`. Expressions are NumPy expressions over `x`
and the `let` names (exp, log, tanh, sqrt, where, maximum, tril, ones, arange, cos, ...).
Lessons are course content, trusted like checkers; the namespace is kept small so a
typo fails with a clear message. `dltutor validate` evaluates every block.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tutor.protocol import ArrayPicture

SHADES = " ░▒▓█"
ASCII_SHADES = " .:*#"


class PlotError(ValueError):
    """A plot block that cannot be drawn; the message names the lesson line."""


@dataclass
class Plot:
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    x: np.ndarray | None = None
    lines: list[tuple[str, np.ndarray]] = field(default_factory=list)
    hlines: list[float] = field(default_factory=list)
    heatmap: np.ndarray | None = None
    logy: bool = False


def _namespace() -> dict[str, Any]:
    names = (
        "exp log log2 log10 tanh sinh cosh sin cos tan arctan sqrt abs maximum minimum where clip "
        "ones zeros eye tril triu arange linspace cumsum cumprod sum mean max min floor ceil sign "
        "pi e inf outer full"
    ).split()
    space: dict[str, Any] = {name: getattr(np, name) for name in names}

    def softmax(a: Any, axis: int = -1) -> np.ndarray:
        a = np.asarray(a, dtype=float)
        z = np.exp(a - np.max(a, axis=axis, keepdims=True))
        return z / z.sum(axis=axis, keepdims=True)

    space.update(
        softmax=softmax,
        sigmoid=lambda a: 1 / (1 + np.exp(-np.asarray(a, dtype=float))),
        relu=lambda a: np.maximum(a, 0),
        array=np.array,
        np=np,
    )
    return space


def _eval(expr: str, space: dict[str, Any], line: int) -> Any:
    try:
        with np.errstate(all="ignore"):
            return eval(expr, {"__builtins__": {}}, space)  # noqa: S307 - course content, see module doc
    except Exception as exc:  # noqa: BLE001 - any mistake in the expression is the author's to see
        raise PlotError(f"line {line}: cannot evaluate {expr!r}: {type(exc).__name__}: {exc}") from None


def _range(spec: str, line: int) -> np.ndarray:
    match = re.fullmatch(r"\s*(\S+)\s*\.\.\s*(\S+)\s*(int)?\s*", spec)
    if not match:
        raise PlotError(f"line {line}: x must read `lo .. hi` (or `lo .. hi int`), got {spec!r}")
    lo, hi = (float(_eval(v, _namespace(), line)) for v in match.group(1, 2))
    if not lo < hi:
        raise PlotError(f"line {line}: x range {lo} .. {hi} is empty")
    if match.group(3):
        return np.arange(math.ceil(lo), math.floor(hi) + 1, dtype=float)
    return np.linspace(lo, hi, 241)


def parse(body: str, first_line: int = 1) -> Plot:
    """A Plot from a block's body; `first_line` is the lesson line of the fence, for messages."""
    plot = Plot()
    space = _namespace()
    for offset, raw in enumerate(body.splitlines(), 1):
        line = first_line + offset
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        key, sep, value = text.partition(":")
        key, value = key.strip(), value.strip()
        if not sep:
            raise PlotError(f"line {line}: expected `key: value`, got {text!r}")
        _apply(plot, space, key, value, line)
    _check_drawable(plot, first_line)
    return plot


def _apply(plot: Plot, space: dict[str, Any], key: str, value: str, line: int) -> None:
    """One `key: value` line, applied to the plot (or, for `x` and `let`, to the names later lines see)."""
    if key in ("title", "xlabel", "ylabel"):
        setattr(plot, key, value)
    elif key == "logy":
        plot.logy = value.lower() in ("true", "yes", "1")
    elif key == "x":
        plot.x = _range(value, line)
        space["x"] = plot.x
    elif key in ("let", "line"):
        _apply_assignment(plot, space, key, value, line)
    elif key == "hline":
        plot.hlines.append(float(_eval(value, space, line)))
    elif key == "heatmap":
        matrix = np.asarray(_eval(value, space, line), dtype=float)
        if matrix.ndim != 2:
            raise PlotError(f"line {line}: a heatmap needs a 2-D array, got shape {matrix.shape}")
        plot.heatmap = matrix
    else:
        raise PlotError(f"line {line}: unknown key {key!r} (title, x, xlabel, ylabel, let, line, hline, heatmap, logy)")


def _apply_assignment(plot: Plot, space: dict[str, Any], key: str, value: str, line: int) -> None:
    """`let: name = expr` names a value for later lines; `line: label = expr` draws expr over x."""
    name, eq, expr = value.rpartition(" = ")  # a label may hold " = " (η = 0.1)
    if not eq:
        raise PlotError(f"line {line}: {key} needs `name = expression`, got {value!r}")
    if key == "let":
        space[name.strip()] = _eval(expr, space, line)
        return
    if plot.x is None:
        raise PlotError(f"line {line}: a line needs an `x: lo .. hi` range before it")
    # A constant expression (`line: floor = 0.5`) is a flat line: broadcast it over x.
    ys = np.broadcast_to(np.asarray(_eval(expr, space, line), dtype=float), plot.x.shape).copy()
    plot.lines.append((name.strip(), ys))


def _check_drawable(plot: Plot, first_line: int) -> None:
    """Something to draw, and no line that is NaN/inf over the whole x range (nothing of it would show)."""
    if not plot.lines and plot.heatmap is None:
        raise PlotError(f"line {first_line}: a plot block needs at least one `line:` or a `heatmap:`")
    for label, ys in plot.lines:
        if not np.isfinite(ys).any():
            raise PlotError(f"line {first_line}: line {label!r} has no finite value on the x range")


def log_ticks(plot: Plot) -> tuple[list[float], list[str]]:
    """Decade ticks for a log-scale y axis (plotext's own labels print 28 digits)."""
    values = np.concatenate([ys[np.isfinite(ys) & (ys > 0)] for _, ys in plot.lines] or [np.ones(1)])
    low, high = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
    stride = max(1, math.ceil((high - low) / 5))
    decades = list(range(low, high + 1, stride))
    return [10.0**d for d in decades], [f"1e{d}" for d in decades]


def heatmap_rows(
    matrix: np.ndarray, ascii_only: bool = False, *, scale: tuple[float, float] | None = None, cell: int = 2
) -> list[str]:
    """The matrix as rows of shade characters, `cell` per value, darkest = largest.

    `scale` (lo, hi) puts several maps on one scale; by default the matrix's own range.
    """
    shades = ASCII_SHADES if ascii_only else SHADES
    lo, hi = scale if scale is not None else _finite_range(matrix)
    span = hi - lo or 1.0
    rows = []
    for row in matrix:
        cells = []
        for value in row:
            level = 0 if not np.isfinite(value) else round(min(max((value - lo) / span, 0.0), 1.0) * (len(shades) - 1))
            cells.append(shades[level] * cell)
        rows.append("".join(cells))
    return rows


def _finite_range(*matrices: np.ndarray) -> tuple[float, float]:
    finite = np.concatenate([m[np.isfinite(m)].ravel() for m in matrices])
    return (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)


def picture_lines(picture: ArrayPicture, *, width: int = 76, ascii_only: bool = False) -> list[str]:
    """A verdict's `Details.picture` as text lines (empty if it does not fit `width`)."""
    lines = mismatch_picture(
        np.array(picture.expected, dtype=float),
        np.array(picture.got, dtype=float),
        np.array(picture.differs, dtype=bool),
        width=width,
        ascii_only=ascii_only,
    )
    if lines and picture.where:
        lines.insert(0, f"slice [{', '.join(map(str, picture.where))}, :, :]")
    return lines


def mismatch_picture(
    expected: np.ndarray, got: np.ndarray, differs: np.ndarray, *, width: int = 76, ascii_only: bool = False
) -> list[str]:
    """Expected, got and where they differ, side by side on one shade scale (a verdict's picture).

    Empty when three maps do not fit `width` columns even at one character per cell.
    """
    rows, cols = expected.shape
    gap = "   "
    cell = 2 if 3 * 2 * cols + 2 * len(gap) <= width else 1
    if 3 * max(cell * cols, len("expected")) + 2 * len(gap) > width:
        return []
    lo, hi = _finite_range(expected, got)
    left = heatmap_rows(expected, ascii_only, scale=(lo, hi), cell=cell)
    middle = heatmap_rows(got, ascii_only, scale=(lo, hi), cell=cell)
    mark, same = ("x", ".") if ascii_only else ("×", "·")
    right = ["".join((mark if d else same) * cell for d in row) for row in differs.tolist()]
    span = max(cols * cell, len("expected"))
    shades = ASCII_SHADES if ascii_only else SHADES
    lines = [gap.join(t.ljust(span) for t in ("expected", "got", "differs")).rstrip()]
    lines += [gap.join(p.ljust(span) for p in parts).rstrip() for parts in zip(left, middle, right, strict=True)]
    lines.append(f"scale: {shades[1]} {lo:.3g} ... {shades[-1]} {hi:.3g}; {mark} marks a cell that differs")
    return lines


def describe(plot: Plot) -> str:
    """One paragraph that says what the picture shows (for screen readers, logs, `TERM=dumb`)."""
    parts = []
    if plot.heatmap is not None:
        m = plot.heatmap
        parts.append(
            f"a {m.shape[0]}×{m.shape[1]} heat map"
            + (f" ({plot.ylabel} down, {plot.xlabel} across)" if plot.xlabel or plot.ylabel else "")
            + f", values from {np.nanmin(m):.3g} to {np.nanmax(m):.3g}"
        )
    if plot.lines and plot.x is not None:
        axis = plot.xlabel or "x"
        for label, ys in plot.lines:
            finite = np.isfinite(ys)
            top = int(np.nanargmax(np.where(finite, ys, -np.inf)))
            parts.append(
                f"{label}: from {ys[finite][0]:.3g} to {ys[finite][-1]:.3g}, largest "
                f"{ys[top]:.3g} at {axis} = {plot.x[top]:.3g}"
            )
        parts.append(f"over {axis} from {plot.x[0]:.3g} to {plot.x[-1]:.3g}")
    return (f"[picture] {plot.title}: " if plot.title else "[picture] ") + "; ".join(parts) + "."


def render_text(plot: Plot, width: int = 72, height: int = 16, colour: bool = False, ascii_only: bool = False) -> str:
    """The picture as terminal text: plotext for lines, shade characters for heat maps."""
    if plot.heatmap is not None:
        rows = heatmap_rows(plot.heatmap, ascii_only)
        head = [plot.title] if plot.title else []
        legend = f"{plot.ylabel} ↓  {plot.xlabel} →" if not ascii_only else f"{plot.ylabel} down, {plot.xlabel} across"
        scale = ASCII_SHADES if ascii_only else SHADES
        return "\n".join(
            [*head, *(f"  {row}" for row in rows), f"  {legend}   scale: {scale[1]} low ... {scale[-1]} high"]
        )
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(width, height)
    # Without colour the lines differ by marker, so a plain terminal still tells them apart.
    markers = ("*", "x", "+", "o") if ascii_only else ("braille", "x", "+", "o")
    x = plot.x if plot.x is not None else np.arange(len(plot.lines[0][1]) if plot.lines else 0)
    for i, (label, ys) in enumerate(plot.lines):
        finite = np.isfinite(ys)
        plt.plot(
            x[finite].tolist(),
            ys[finite].tolist(),
            label=label,
            marker="braille" if colour and not ascii_only else markers[i % len(markers)],
        )
    for value in plot.hlines:
        plt.horizontal_line(value)
    if plot.logy:
        plt.yscale("log")
        plt.yticks(*log_ticks(plot))
    plt.title(plot.title)
    plt.xlabel(plot.xlabel)
    plt.ylabel(plot.ylabel)
    plt.theme("clear")
    text = plt.build()
    return text if colour else plt.uncolorize(text)

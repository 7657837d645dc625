"""```plot blocks in lessons: parsed with NumPy, drawn as text, described in words, validated."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from tests.helpers import REPO
from tutor import plots
from tutor.course import load_course
from tutor.errors import CourseError
from tutor.fences import plot_blocks, split_fences

LINES = """title: Slopes
x: -4 .. 4
xlabel: z
line: tanh′ = 1 - tanh(x)**2
line: η = 0.1 = 0.8**abs(x)
hline: 0.25
"""
HEAT = """title: Causal weights
let: n = 4
heatmap: tril(ones((n, n))) / arange(1, n + 1)[:, None]
xlabel: key
ylabel: query
"""


def test_a_line_plot_is_evaluated_on_its_range():
    plot = plots.parse(LINES, first_line=10)
    assert plot.title == "Slopes" and plot.x[0] == -4 and plot.x[-1] == 4
    labels = [label for label, _ in plot.lines]
    assert labels == ["tanh′", "η = 0.1"]  # a label may itself hold " = "
    assert np.isclose(plot.lines[0][1].max(), 1.0) and plot.hlines == [0.25]
    text = plots.render_text(plot, width=60, height=12)
    assert "Slopes" in text and "tanh′" in text and "\x1b[" not in text  # no colour unless asked
    said = plots.describe(plot)
    assert said.startswith("[picture] Slopes:") and "largest 1 at z = 0" in said


def test_a_heatmap_is_drawn_in_shades_and_in_ascii():
    plot = plots.parse(HEAT)
    assert plot.heatmap.shape == (4, 4)
    rows = plots.heatmap_rows(plot.heatmap)
    assert rows[0] == "██" + "  " * 3 and rows[3].startswith("░░")
    assert all(set(row) <= set(plots.ASCII_SHADES) for row in plots.heatmap_rows(plot.heatmap, ascii_only=True))
    assert "4×4 heat map (query down, key across)" in plots.describe(plot)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("line: y = x\n", "needs an `x: lo .. hi` range"),
        ("x: 0 .. 1\nline: y = exq(x)\n", "line 3: cannot evaluate 'exq(x)': NameError"),
        ("x: 1 .. 0\nline: y = x\n", "empty"),
        ("x: 0 .. 1\ncolour: red\n", "unknown key 'colour'"),
        ("title: nothing\n", "needs at least one `line:` or a `heatmap:`"),
        ("heatmap: ones(3)\n", "needs a 2-D array"),
        ("x: 0 .. 1\nline: y = log(x - 5)\n", "no finite value"),
        ("x: 0 .. 1\nline: y = __import__('os')\n", "NameError"),  # no builtins in a plot
    ],
)
def test_a_broken_block_names_its_line_and_mistake(body, words):
    with pytest.raises(plots.PlotError, match=None) as info:
        plots.parse(body, first_line=1)
    assert words in str(info.value)


def test_the_fence_parser_finds_plots_beside_derivations():
    text = "# T\n\n```plot\n" + LINES + "```\n\nprose\n\n```derivation\nsymbols: x\nx = x\n```\n"
    assert [kind for kind, _, _ in split_fences(text)] == ["markdown", "plot", "markdown", "derivation"]
    assert plot_blocks(text)[0][1] == 3


def test_every_shipped_plot_draws():
    course = load_course(REPO)
    count = 0
    for stage in course.stages:
        for lesson in stage.lessons:
            for body, line in plot_blocks(lesson.path.read_text(encoding="utf-8")):
                plots.render_text(plots.parse(body, line))
                count += 1
    assert count >= 2


def test_validate_names_a_broken_plot_with_file_and_line(tmp_path):
    from tutor.validate import validate

    pack = tmp_path / "pack"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini_course", pack)
    lesson = pack / "lessons" / "01-mini" / "01-doubling.md"
    lesson.write_text(lesson.read_text() + "\n```plot\nx: 0 .. 1\nline: y = nope(x)\n```\n")
    lines = lesson.read_text().splitlines()
    fence = lines.index("```plot") + 1
    with pytest.raises(CourseError, match=rf"01-doubling\.md:{fence + 2}: cannot evaluate 'nope\(x\)'"):
        validate(pack, runs=False)

"""A lesson's ```plot blocks in the app: a line chart and a heat map, at 80×24."""

from __future__ import annotations

from dataclasses import replace

from tests.app.conftest import wait_for
from tutor.app.screens.lesson import LessonScreen
from tutor.app.widgets.plot import LinePlot, PlotView

LESSON = """# Pictures

The slopes of two activations:

```plot
title: Slopes of two activations
x: -6 .. 6
xlabel: x
line: tanh′ = 1 - tanh(x)**2
line: sigmoid′ = sigmoid(x)*(1 - sigmoid(x))
```

Causal attention with equal scores:

```plot
title: Causal attention weights
let: n = 6
heatmap: tril(ones((n, n))) / arange(1, n + 1)[:, None]
xlabel: key position
ylabel: query position
```

```plot
x: 0 .. 1
line: y = nope(x)
```
"""


def _lesson(session, tmp_path):
    path = tmp_path / "pictures.md"
    path.write_text(LESSON)
    return replace(session.course.lesson("doubling"), path=path)


async def test_a_lesson_draws_its_plots_and_names_a_broken_one(make_app, session, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LessonScreen(_lesson(session, tmp_path)))
        await wait_for(pilot, lambda: len(app.screen.query(PlotView)) == 3)
        views = list(app.screen.query(PlotView))
        assert views[0].border_title == "Slopes of two activations"
        assert views[0].query(LinePlot), "a line plot is drawn with plotext"
        heat = "\n".join(str(w.render()) for w in views[1].query(".plot-heatmap"))
        assert heat.splitlines()[0].startswith("██") and "░░" in heat
        described = " ".join(str(w.render()) for w in views[1].query(".plot-description"))
        assert "6×6 heat map" in described
        broken = " ".join(str(w.render()) for w in views[2].query("Static"))
        assert "cannot be drawn" in broken and "nope" in broken


def test_lesson_with_plots_80x24(snap_compare, make_app, session, tmp_path):
    lesson = _lesson(session, tmp_path)

    async def run_before(pilot) -> None:
        pilot.app.push_screen(LessonScreen(lesson))
        await wait_for(pilot, lambda: pilot.app.screen.query(PlotView))
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


async def test_under_lang_c_the_heat_map_and_markers_are_ascii(make_app, session, tmp_path):
    app = make_app(ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LessonScreen(_lesson(session, tmp_path)))
        await wait_for(pilot, lambda: len(app.screen.query(PlotView)) == 3)
        views = list(app.screen.query(PlotView))
        heat = "\n".join(str(w.render()) for w in views[1].query(".plot-heatmap"))
        assert heat.splitlines()[0].startswith("##") and heat.isascii()
        axes = " ".join(str(w.render()) for w in views[1].query(".plot-description"))
        assert "query position down" in axes

"""The live curve where the learner is: in view at 80×24 while training runs, labelled right.

A target belongs only to the series it targets: held-out error judged after
training is said in words, never drawn on the loss axis; the x axis counts
epochs when the task does.
"""

from __future__ import annotations

from tests.app.conftest import wait_for, write_learner
from tests.app.test_exercise import open_exercise
from tutor.app.screens.exercise import ExerciseScreen
from tutor.app.widgets.curve import LossCurve, check_chart, x_unit
from tutor.app.widgets.verdict import _short
from tutor.protocol import Target

# Trains 12 epochs, then the 13th takes a minute: the check is caught mid-training.
STALLS = """import time

calls = 0


def epoch(w, lr):
    global calls
    calls += 1
    if calls > 12:
        time.sleep(60)
    return w - lr * 2 * (w - 3)
"""


def training(pilot, points: int = 12):
    screen = pilot.app.screen
    return lambda: screen.query_one(LossCurve).points() >= points and screen.running


async def test_a_running_check_shows_its_curve_without_scrolling(make_app, session):
    write_learner(session, "fit_epochs", STALLS)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "fit_epochs")
        await pilot.press("c")
        await wait_for(pilot, training(pilot), timeout=30)
        await pilot.pause()
        curve = screen.query_one(LossCurve)
        region, screen_region = curve.region, screen.region
        assert region.height >= 9 and region.width >= 70
        assert region.y >= 1 and region.bottom <= screen_region.bottom - 1  # above the footer
        # The running header is in view too (the body follows the check).
        header = screen.query_one("#verdict-header")
        body = screen.query_one("#exercise-body")
        assert body.region.contains_region(header.region)
        # Labels: the loss per epoch; the held-out target in words, not a line on the loss axis.
        assert curve.x_label == "epoch"
        assert curve.caption.startswith("loss per epoch")
        assert "judged after training: held-out error ≤ 0.01" in curve.caption
        assert curve.target is None
        await pilot.press("x")
        await wait_for(pilot, lambda: not screen.running, timeout=10)


async def test_a_target_on_the_streamed_series_is_drawn_on_it(make_app, session):
    write_learner(session, "descend", "def step(w, lr):\n    return w - lr * 2 * w\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "descend")
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.result is not None and not screen.running, timeout=30)
        curve = screen.query_one(LossCurve)
        assert curve.target == 1e-3 and curve.x_label == "step"
        assert curve.caption == "loss per step · target ≤ 0.001"


def test_snapshot_of_training_in_progress_at_80x24(snap_compare, make_app, session):
    write_learner(session, "fit_epochs", STALLS)

    async def run_before(pilot) -> None:
        app = pilot.app
        app.open_exercise("fit_epochs")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.is_mounted)
        await pilot.press("c")
        await wait_for(pilot, training(pilot), timeout=30)
        await pilot.pause(0.3)
        app.clear_notifications()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_a_second_quantity_goes_on_the_right_axis():
    curves = {"loss": [(0, 1.0), (1, 0.5)], "accuracy": [(0, 0.2), (1, 0.6)], "reference": [(0, 1.0)]}
    chart = check_chart(curves, Target("epochs: accuracy", "accuracy", 0.9, "above", 2), "epoch")
    sides = {line.label: line.side for line in chart.lines}
    assert sides == {"reference": "left", "your accuracy": "left", "your loss": "right"}
    assert chart.target == 0.9 and chart.caption == "accuracy per epoch (right axis: loss) · target ≥ 0.9"


def test_the_x_unit_follows_the_task():
    assert x_unit("The checker trains it for 15 epochs") == "epoch"
    assert x_unit("300 full-batch steps") == "step"
    assert x_unit("Lloyd iterations on 4 blobs") == "iteration"
    assert x_unit("Write softmax(x)") == "step"


def test_evidence_keeps_numbers_whole():
    assert _short(0.123456789012345678) == repr(0.123456789012345678)
    assert _short([3, 224, 224]) == "(3, 224, 224)"
    long = _short([float(i) / 7 for i in range(200)])
    assert long.endswith("more]") and "…" in long and len(long) < 300
    assert all(part.strip(" []…").replace(".", "").isdigit() or "more" in part for part in long.split(","))

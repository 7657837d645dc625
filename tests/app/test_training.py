"""Convergence checks: the live curve, cancelling, and quitting mid-check."""

from __future__ import annotations

from textual.message import Message

from tests.app.conftest import SLOW_DESCEND, runner_children, wait_for, write_learner
from tests.app.test_exercise import open_exercise
from tutor.app.checking import CheckStream
from tutor.app.messages import CheckEvent, CurvePoints
from tutor.app.widgets.curve import LossCurve
from tutor.protocol import CurveEvent, Target, TargetEvent


async def test_convergence_streams_points_into_the_curve(make_app, session):
    write_learner(session, "descend", SLOW_DESCEND.format(delay=0.03))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "descend")
        curve = screen.query_one(LossCurve)
        assert not curve.display
        await pilot.press("c")
        # Points arrive while the check is still running, not all at the end.
        await wait_for(pilot, lambda: curve.points() >= 5 and screen.running)
        assert curve.display and curve.target == 1e-3
        assert curve.points() < 40
        await wait_for(pilot, lambda: not screen.running)
        assert screen.result.status == "pass"
        labels = [line.label for line in curve.lines]
        assert labels == ["reference", "your loss"]  # the learner's drawn last, on top
        assert [len(line.points) for line in curve.lines] == [40, 40]
        assert "target ≤ 0.001" in curve.caption
    assert len(session.progress.curves("descend")) == 1


async def test_nan_marks_the_step_on_the_curve(make_app, session):
    write_learner(session, "descend", "def step(w, lr):\n    return w - lr * 2 * w if w > 1 else float('nan')\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "descend")
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.result is not None and not screen.running)
        assert screen.result.status == "fail"
        curve = screen.query_one(LossCurve)
        step = screen.result.steps[-1]
        assert step.details.nan_step == 5
        assert "went NaN/inf at step 5" in str(screen.query_one(".step-diff").render())
        assert curve.nan_step == 5 and curve.points() == 6


async def test_cancel_stops_the_running_check(make_app, session):
    write_learner(session, "descend", SLOW_DESCEND.format(delay=0.5))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "descend")
        assert screen.check_action("cancel", ()) is False  # nothing to cancel yet
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.query_one(LossCurve).points() >= 1)
        assert screen.check_action("cancel", ()) is True
        await pilot.press("x")
        await wait_for(pilot, lambda: not screen.running, timeout=5)
        assert "cancelled" in str(screen.query_one("#verdict-header").render())
        # Only the warm spare is left; the child that ran the check is gone.
        await wait_for(pilot, lambda: len(runner_children()) <= 1, timeout=5)
    assert session.states()["descend"].attempts == 0  # a cancelled check is not an attempt
    assert runner_children() == []


async def test_quitting_during_a_check_leaves_no_process(make_app, session):
    write_learner(session, "descend", SLOW_DESCEND.format(delay=0.5))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "descend")
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.query_one(LossCurve).points() >= 1)
        assert runner_children()
        await pilot.press("q")
    assert app.return_code == 0
    assert runner_children() == []


class _Recorder:
    def __init__(self) -> None:
        self.posted: list[Message] = []

    def post_message(self, message: Message) -> bool:
        self.posted.append(message)
        return True


def test_a_flood_of_curve_points_becomes_a_few_messages():
    target = _Recorder()
    stream = CheckStream(target, generation=1)
    stream(TargetEvent(Target("t", "loss", 0.1, "below", 5000)))
    for i in range(5000):
        stream(CurveEvent("loss", i, 1.0 / (i + 1)))
    stream(CurveEvent("loss", 5000, float("nan")))
    curve_messages = [m for m in target.posted if isinstance(m, CurvePoints)]
    assert 1 <= len(curve_messages) <= 5  # ~10 a second at most, however fast training runs
    assert isinstance(target.posted[0], CheckEvent)
    points = stream.curves()["loss"]
    assert len(points) == 5001 and points[-1][1] != points[-1][1]  # every point kept; NaN as NaN
    assert curve_messages[0].can_replace(CurvePoints(1)) and not curve_messages[0].can_replace(CurvePoints(2))


async def test_reset_during_a_check_drops_that_check(make_app, session, test_course):
    write_learner(session, "descend", SLOW_DESCEND.format(delay=0.3))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "descend")
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.query_one(LossCurve).points() >= 1)
        await pilot.press("r", "y")
        await wait_for(pilot, lambda: len(runner_children()) <= 1, timeout=5)
        header = screen.query_one("#verdict-header")
        # Waited for, not slept on: on a loaded machine the dropped check's worker takes a moment to end.
        await wait_for(pilot, lambda: not screen.running and "Reset to the starter" in str(header.render()), timeout=10)
        await pilot.pause(0.5)  # and no late verdict of the dropped check replaces it
        assert not screen.running and "Reset to the starter" in str(header.render())
        assert screen.path.read_text() == test_course.exercise("descend").starter.read_text()

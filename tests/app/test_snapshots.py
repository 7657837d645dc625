"""Snapshots of every screen at 80×24 and at 160×48, on the fixed test course.

Review the SVGs under __snapshots__/ before accepting a change with
`pytest tests/app --snapshot-update`.
"""

from __future__ import annotations

import pytest

from tests.app.conftest import SLOW_DESCEND, wait_for, write_learner
from tutor.app.screens.exercise import ExerciseScreen
from tutor.app.widgets.derivation import DerivationView
from tutor.errors import CourseError
from tutor.protocol import CheckResult, Status, Step, StepKind

WIDE = (160, 48)
SIZES = pytest.mark.parametrize("size", [(80, 24), WIDE], ids=["80x24", "160x48"])


def opened(exercise_id: str, *keys: str):
    """run_before: open an exercise, press keys, wait for any check to finish."""

    async def run_before(pilot) -> None:
        app = pilot.app
        app.open_exercise(exercise_id)
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        screen = app.screen
        await pilot.pause()
        for key in keys:
            generation = screen.checks_started
            await pilot.press(key)
            if key == "c":
                await wait_for(pilot, lambda g=generation: screen.checks_started > g and not screen.running)
        await pilot.pause()
        app.clear_notifications()

    return run_before


@SIZES
def test_roadmap(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size)


def test_roadmap_top_down_track_with_progress(snap_compare, make_app, session, test_course):
    write_learner(session, "double", test_course.exercise("double").solution.read_text())
    session.check("double", seed=1234)

    async def run_before(pilot) -> None:
        await pilot.press("t")
        pilot.app.clear_notifications()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


@SIZES
def test_lesson(snap_compare, make_app, size):
    async def run_before(pilot) -> None:
        pilot.app.open_lesson("doubling")
        await wait_for(pilot, lambda: pilot.app.screen.query(DerivationView))
        await wait_for(pilot, lambda: pilot.app.screen.query_one(DerivationView).verified, timeout=30)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_exercise_before_any_check(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=opened("double"))


def test_exercise_failing_check_with_a_hint(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=opened("double", "h", "c"))


@SIZES
def test_exercise_passing_check(snap_compare, make_app, session, test_course, size):
    write_learner(session, "double", test_course.exercise("double").solution.read_text())
    assert snap_compare(make_app(), terminal_size=size, run_before=opened("double", "c"))


@SIZES
def test_exercise_gradient_failure(snap_compare, make_app, session, size):
    write_learner(session, "cube_grad", "def cube_grad(x):\n    return 3 * x**2 / x.size\n")
    assert snap_compare(make_app(), terminal_size=size, run_before=opened("cube_grad", "c"))


def test_exercise_2d_mismatch_as_heat_maps(snap_compare, make_app, session):
    """An unnamed 2-D mismatch shows expected, got and the differing cells as heat maps."""
    write_learner(session, "double", "def double(x):\n    return 2 * x[::-1]\n")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=opened("double", "c"))


def test_exercise_traceback(snap_compare, make_app, session):
    write_learner(session, "double", "def helper(x):\n    return x[99, 99]\n\n\ndef double(x):\n    return helper(x)\n")
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=opened("double", "c"))


@SIZES
def test_exercise_training_curve(snap_compare, make_app, session, size):
    write_learner(session, "descend", SLOW_DESCEND.format(delay=0))
    assert snap_compare(make_app(), terminal_size=size, run_before=opened("descend", "c"))


def test_exercise_light_theme(snap_compare, make_app, session):
    write_learner(session, "descend", "def step(w, lr):\n    return w - lr * 2 * w if w > 1 else float('nan')\n")
    assert snap_compare(make_app(), press=["ctrl+t"], terminal_size=(80, 24), run_before=opened("descend", "c"))


def test_reset_confirmation(snap_compare, make_app):
    assert snap_compare(make_app(), press=["r"], terminal_size=(80, 24), run_before=opened("double"))


@SIZES
def test_help(snap_compare, make_app, size):
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=size, run_before=opened("double"))


def _record(session, exercise_id: str, status: str, losses: list[float] | None = None) -> None:
    curves = {}
    if losses is not None:
        curves = {
            "loss": [(i, v) for i, v in enumerate(losses)],
            "reference": [(i, 9 * 0.64 ** (i + 1)) for i in range(len(losses))],
        }
    steps = [Step("runs", StepKind.RUN, Status.PASS if status == "pass" else Status.FAIL)]
    session.progress.record(CheckResult(exercise_id, Status(status), "cpu", 1234, 1.5, steps=steps, curves=curves))


@SIZES
def test_progress_with_past_curves(snap_compare, make_app, session, size):
    _record(session, "double", "fail")
    _record(session, "double", "pass")
    _record(session, "descend", "fail", [9 * 0.9**i for i in range(40)])
    _record(session, "descend", "pass", [9 * 0.64 ** (i + 1) * 1.2 for i in range(40)])
    session.hint("descend")

    async def run_before(pilot) -> None:
        await pilot.press("p")
        await pilot.press("down", "down")  # bottom-up order: double, cube_grad, descend

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_error_app(snap_compare, size):
    from tutor.app.screens.error import ErrorApp

    error = CourseError(
        "lessons/03-cnn/stage.toml:12: unknown key 'hint' in exercise 'conv2d' "
        "(allowed: checker, device, hints, id, ...)"
    )
    app = ErrorApp(error)
    app.animation_level = "none"
    assert snap_compare(app, terminal_size=size)

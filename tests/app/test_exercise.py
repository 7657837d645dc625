"""The exercise screen: checks that pass and fail, hints, solution, reset, saves, editor."""

from __future__ import annotations

import contextlib
import stat

import pytest

from tests.app.conftest import runner_children, wait_for, write_learner
from tutor.app.screens.dialogs import ConfirmScreen, SolutionScreen
from tutor.app.screens.exercise import ExerciseScreen
from tutor.app.widgets.verdict import VerdictPanel


async def open_exercise(app, pilot, exercise_id: str) -> ExerciseScreen:
    app.open_exercise(exercise_id)
    await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.is_mounted)
    return app.screen


async def run_check(pilot, screen: ExerciseScreen, key: str = "c") -> None:
    generation = screen.checks_started
    await pilot.press(key)
    await wait_for(pilot, lambda: screen.checks_started > generation and not screen.running)
    await pilot.pause()


def step_marks(screen: ExerciseScreen) -> list[tuple[str, str]]:
    return [(view.step.status, view.step.name) for view in screen.query_one(VerdictPanel).steps]


def header(screen: ExerciseScreen) -> str:
    return str(screen.query_one("#verdict-header").render())


async def test_a_check_that_fails_shows_the_failing_step(make_app, session):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await run_check(pilot, screen)
        assert screen.result.status == "fail"
        assert step_marks(screen) == [("fail", "double runs")]
        assert "✗ FAILED" in header(screen) and "seed 1234" in header(screen)
        assert "not implemented yet" in str(screen.query_one(".step-message").render())
        assert screen.check_action("solution", ()) is None  # disabled until passed
    assert session.states()["double"].attempts == 1


async def test_a_check_that_passes_unlocks_the_solution(make_app, session, test_course):
    write_learner(session, "double", test_course.exercise("double").solution.read_text())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await run_check(pilot, screen)
        assert screen.result.status == "pass"
        marks = step_marks(screen)
        assert marks[0] == ("pass", "keeps the shape") and marks[-1] == ("pass", "doubles every element")
        assert all(status == "pass" for status, _ in marks)
        assert "✓ PASSED" in header(screen)
        assert screen.check_action("solution", ()) is True
        await pilot.press("s")
        assert isinstance(app.screen, SolutionScreen)
        assert "return 2 * x" in str(app.screen.query_one(".solution Static").render())
        await pilot.press("escape")
        assert app.screen is screen
    assert session.progress.has_passed("double")


async def test_shape_mismatch_shows_expected_and_got(make_app, session):
    write_learner(session, "double", "def double(x):\n    return (2 * x).T\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await run_check(pilot, screen)
        assert step_marks(screen) == [("fail", "keeps the shape")]
        diff = str(screen.query_one(".step-diff").render())
        assert "expected (3, 4)" in diff and "got (4, 3)" in diff


async def test_gradient_failure_shows_where_it_is_wrong(make_app, session):
    write_learner(session, "cube_grad", "def cube_grad(x):\n    return 3 * x**2 / x.size\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "cube_grad")
        await run_check(pilot, screen)
        assert screen.result.status == "fail"
        table = str(screen.query_one(".step-table").render())
        assert "index" in table and "numerical" in table and "(" in table
        assert screen.query_one(".step-message").render()


async def test_crash_shows_only_the_learners_own_frames(make_app, session):
    write_learner(session, "double", "def helper(x):\n    return x[99, 99]\n\n\ndef double(x):\n    return helper(x)\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await run_check(pilot, screen)
        trace = str(screen.query_one(".step-traceback").render())
        assert "IndexError" in trace and "helper" in trace
        assert "tutor/checks" not in trace and str(session.workspace.root) not in trace


async def test_hints_one_level_at_a_time(make_app, session):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        assert not screen.query_one("#hints").display
        await pilot.press("h")
        assert screen.query_one("#hints").display
        assert "Hint 1/3: Multiply by two." in str(screen.query_one("#hints").render())
        assert "Hint 2/3" not in str(screen.query_one("#hints").render())
        await pilot.press("h", "h")
        assert "Hint 3/3: return 2 * x" in str(screen.query_one("#hints").render())
        assert screen.check_action("hint", ()) is None  # all shown
    assert session.progress.hint_level("double") == 3


async def test_reset_asks_first_and_backs_up_the_learners_copy(make_app, session, test_course):
    path = write_learner(session, "double", "def double(x):\n    return x + x  # mine\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is screen and "# mine" in path.read_text()
        await pilot.press("r")
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert path.read_text() == test_course.exercise("double").starter.read_text()
        backups = list(session.workspace.backups_dir.glob("double-*.py"))
        assert len(backups) == 1 and "# mine" in backups[0].read_text()
        assert "Reset to the starter" in str(screen.query_one("#verdict-header").render())
        await pilot.pause(0.6)  # the watcher must not take our own reset for a save
        assert screen.checks_started == 0


@pytest.mark.parametrize("events", [True, False], ids=["watchfiles", "polling-fallback"])
async def test_saving_the_file_checks_it(make_app, session, test_course, events):
    app = make_app(watch_events=events)  # without events, the 1 s hash poll alone must notice
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await pilot.pause(0.3)
        write_learner(session, "double", test_course.exercise("double").solution.read_text())
        await wait_for(pilot, lambda: screen.result is not None and not screen.running, timeout=20)
        assert screen.result.status == "pass"
        assert screen.checks_started == 1


async def test_edit_suspends_runs_the_editor_and_rechecks(make_app, session, test_course, tmp_path, monkeypatch):
    editor = tmp_path / "fake-editor"
    solution = test_course.exercise("double").solution
    editor.write_text(f"#!/bin/sh\ncp '{solution}' \"$1\"\n")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("VISUAL", str(editor))
    app = make_app(poll_s=30)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # headless: nothing to hand over
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await pilot.press("e")
        await wait_for(pilot, lambda: screen.result is not None and not screen.running)
        assert screen.result.status == "pass"


async def test_edit_without_a_terminal_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await pilot.press("e")
        await pilot.pause()
        assert any("cannot hand over" in n.message for n in app._notifications)
        assert screen.checks_started == 0


async def test_no_runner_outlives_the_app(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await run_check(pilot, screen)
        await wait_for(pilot, lambda: len(runner_children()) >= 1)  # the warm spare
    assert runner_children() == []


async def test_reopening_an_exercise_shows_its_last_verdict(make_app, session):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await run_check(pilot, screen)
        await pilot.press("escape")
        reopened = await open_exercise(app, pilot, "double")
        await pilot.pause()
        assert reopened is not screen
        assert step_marks(reopened) == [("fail", "double runs")]
        assert "✗ FAILED" in header(reopened)

"""Starting, resuming, switching track, and moving between screens."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.app.conftest import wait_for
from tutor.app.screens.exercise import ExerciseScreen
from tutor.app.screens.help import HelpScreen
from tutor.app.screens.lesson import LessonScreen
from tutor.app.screens.progress import ProgressScreen
from tutor.app.screens.roadmap import RoadmapScreen


async def test_starts_on_the_roadmap_with_every_stage(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RoadmapScreen)
        options = app.screen.query_one("#stages", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids[:2] == ["stage:01-basics", "lesson:doubling"]
        assert "stage:02-training" in ids and "exercise:descend" in ids
        assert options.highlighted_option.id == "exercise:double"  # the next one


async def test_continue_opens_the_next_exercise_then_resumes_where_left(make_app, session):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.ex.id == "double"
        await pilot.press("n")  # on to cube_grad: remembered as the last one opened
        assert app.screen.ex.id == "cube_grad"
        await pilot.press("escape")
        assert isinstance(app.screen, RoadmapScreen)
    assert session.progress.meta("last_exercise") == "cube_grad"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.ex.id == "cube_grad"


async def test_switching_track_changes_what_is_next(make_app, session):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert session.workspace.track == "top-down"
        options = app.screen.query_one("#stages", OptionList)
        assert options.highlighted_option.id == "exercise:descend"
        assert "descend" in str(app.screen.query_one("#next").render())


async def test_enter_on_a_lesson_and_on_an_exercise(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        options = app.screen.query_one("#stages", OptionList)
        options.highlighted = 1  # the lesson
        await pilot.press("enter")
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("escape")
        options = app.screen.query_one("#stages", OptionList)
        options.highlighted = options.get_option_index("exercise:descend")
        await pilot.press("enter")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.ex.id == "descend"


async def test_progress_help_and_theme(make_app, session):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, RoadmapScreen)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
    assert session.progress.meta("ui_theme") == "textual-light"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.theme == "textual-light", timeout=5)


async def test_palette_has_an_entry_for_every_action_that_applies(make_app):
    from tutor.app.commands import palette_commands

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        titles = {command.title for command in palette_commands(app, app.screen)}
        assert {
            "Check",
            "Edit",
            "Hint",
            "Reset",
            "Lesson",
            "Back",
            "Roadmap",
            "Quit",
            "Help",
            "Progress",
            "Light/dark theme",
            "Continue",
            "Switch track",
        } <= titles
        assert "Solution" not in titles and "Cancel" not in titles  # not passed, not running
        assert "Exercise: descend — Gradient descent on a bowl" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"hint", "enter")
        await wait_for(pilot, lambda: app.session.progress.hint_level("double") == 1, timeout=5)


async def test_progress_shows_past_curves_of_the_highlighted_exercise(make_app, session):
    from tutor.app.widgets.curve import LossCurve
    from tutor.protocol import CheckResult, Status, Step, StepKind

    step = Step("trains", StepKind.CONVERGENCE, Status.FAIL)
    for scale in (1.0, 0.5):
        session.progress.record(
            CheckResult(
                "descend",
                Status.FAIL,
                "cpu",
                1,
                2.0,
                steps=[step],
                curves={"loss": [(i, scale * 9 * 0.9**i) for i in range(40)]},
            )
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        curve = app.screen.query_one("#history", LossCurve)
        assert not curve.display  # double: no curves
        await pilot.press("down", "down")  # bottom-up order: double, cube_grad, descend
        assert curve.display and [line.label for line in curve.lines] == ["#1 fail", "#2 fail"]
        assert "2 attempts" in str(app.screen.query_one("#stage-summary").render())
        await pilot.press("enter")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.ex.id == "descend"


def test_no_color_is_respected(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert make_app().no_color  # Textual then renders in monochrome; ✓ ✗ ○ carry the meaning

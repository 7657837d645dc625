"""Lessons: Markdown, verified derivations, links to the exercises that practise them."""

from __future__ import annotations

from textual.widgets import Markdown

from tests.app.conftest import wait_for
from tutor.app.screens.exercise import ExerciseScreen
from tutor.app.screens.lesson import LessonScreen, split_lesson
from tutor.app.widgets.derivation import DerivationView


def test_split_lesson_keeps_prose_and_derivations_in_order():
    text = "# T\n\nprose\n\n```derivation\nsymbols: x\nx = x\n```\n\nmore\n"
    parts = split_lesson(text)
    assert [kind for kind, _, _ in parts] == ["markdown", "derivation", "markdown"]
    assert parts[1][1] == "symbols: x\nx = x\n" and parts[1][2] == 5


async def test_opening_a_lesson_renders_markdown_and_verifies_derivations(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson("doubling")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.query(DerivationView))
        screen = app.screen
        assert screen.query(Markdown)  # prose, with the python code block inside
        view = screen.query_one(DerivationView)
        await wait_for(pilot, lambda: view.verified, timeout=30)
        steps = [str(w.render()) for w in view.query(".derivation-step")]
        assert any("f = 2⋅x" in s for s in steps)
        assert any("d" in s and "= 2" in s for s in steps)
        assert "double" in str(screen.query_one("#practise").render())
        await pilot.press("x")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.ex.id == "double"
        await pilot.press("l")  # and back to the lesson it practises
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "doubling"
        await pilot.pause()


async def test_a_derivation_that_does_not_hold_is_flagged_not_a_crash(make_app, tmp_path, session):
    from dataclasses import replace

    bad = tmp_path / "bad.md"
    bad.write_text("# Bad\n\n```derivation\nsymbols: x\ndiff(x**2, x) = 3*x\n```\n")
    lesson = replace(session.course.lesson("doubling"), path=bad)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LessonScreen(lesson))
        await pilot.pause()
        view = app.screen.query_one(DerivationView)
        await wait_for(
            pilot, lambda: "does not verify" in str(view.query_one(".derivation-title").render()), timeout=30
        )
        assert "bad.md:5" in str(view.query_one(".derivation-title").render())


async def test_lesson_navigation_moves_between_lessons(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson("doubling")
        await pilot.pause()
        assert app.screen.check_action("step", (-1,)) is False
        await pilot.press("n")
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "descent"
        await pilot.press("b")
        assert app.screen.lesson.id == "doubling"

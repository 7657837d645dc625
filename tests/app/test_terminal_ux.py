"""No dead ends: keys that do nothing say why, escape goes back, the top-down path is shown,
LANG=C gets ASCII, a 40×10 roadmap still lists rows, derivations are 2-D and fold."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.app.conftest import wait_for
from tests.app.test_exercise import open_exercise
from tutor.app.screens.exercise import ExerciseScreen
from tutor.app.screens.lesson import LessonScreen
from tutor.app.screens.progress import ProgressScreen
from tutor.app.screens.roadmap import RoadmapScreen
from tutor.app.widgets.derivation import render_steps
from tutor.course import Track


def _notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_keys_that_do_nothing_now_say_why(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await pilot.press("s")
        await pilot.pause()
        assert any("once your code passes" in n for n in _notes(app))
        await pilot.press("h", "h", "h", "h")
        await pilot.pause()
        assert any("last of the 3 hints" in n for n in _notes(app))
        assert isinstance(app.screen, ExerciseScreen) and screen.session.hints_shown("double")


async def test_disabled_keys_are_struck_through_not_only_dimmed(make_app, monkeypatch):
    """Dimming is a colour blend that NO_COLOR and monochrome terminals lose; a strike-through stays."""
    from textual.widgets._footer import FooterKey

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await pilot.pause()

        def struck(action: str) -> bool:
            key = next(k for k in screen.query(FooterKey) if k.action == action)
            return any(span.style and getattr(span.style, "strike", False) for span in key.render().spans)

        assert struck("solution"), "s (solution) does nothing before a pass and must look it"
        assert not struck("check"), "c (check) works and must not be struck through"


async def test_escape_returns_where_you_came_from(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen))
        app.open_exercise("descend")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, RoadmapScreen))


async def test_top_down_shows_the_path_with_its_reasons(make_app, session, monkeypatch):
    track = Track(
        "top-down",
        "Top-down",
        "Training first.",
        ("descend", "fit_epochs", "double", "cube_grad"),
        (("Train first: watch a loss fall.", ("descend", "fit_epochs")), ("Then the arrays underneath.", ("double",))),
    )
    monkeypatch.setitem(session.course.tracks, "top-down", track)
    session.set_track("top-down")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        options = app.screen.query_one("#stages", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids[:6] == [
            "part:1",
            "exercise:descend",
            "exercise:fit_epochs",
            "part:2",
            "exercise:double",
            "stage:01-basics",
        ]
        assert "Train first: watch a loss fall." in str(options.get_option_at_index(0).prompt)
        options.highlighted = 0
        await pilot.pause()
        assert "Train first" in str(app.screen.query_one("#detail").render())


async def test_a_40x10_roadmap_still_lists_rows(make_app):
    app = make_app()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#stages", OptionList)
        assert options.region.height >= 4
        assert not app.screen.query_one("#detail").display or app.screen.query_one("#detail").region.height == 0


async def test_lang_c_draws_ascii(make_app, session):
    session.check("double", seed=1234)
    app = make_app(ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, "double")
        await pilot.pause()
        from tutor.app.widgets.verdict import VerdictPanel

        header = str(screen.query_one("#verdict-header").render())
        assert header.startswith("x FAILED")
        steps = [str(view.query_one(".step-title").render()) for view in screen.query_one(VerdictPanel).steps]
        assert steps and all(step[:2] in ("v ", "x ") for step in steps)
        assert str(screen.query_one("#ex-info").render()).startswith("x double")
        for selector in ("#task", "VerdictPanel"):
            assert screen.query_one(selector).styles.border_top[0] == "ascii"


def test_snapshot_lang_c_at_80x24(snap_compare, make_app, session):
    session.check("double", seed=1234)

    async def run_before(pilot) -> None:
        pilot.app.open_exercise("double")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExerciseScreen))
        await pilot.pause()

    assert snap_compare(make_app(ascii=True), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_roadmap_at_40x10(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(40, 10))


def test_snapshot_lesson_with_a_2d_derivation_at_80x24(snap_compare, make_app, session, tmp_path):
    from dataclasses import replace

    from tutor.app.widgets.derivation import DerivationView

    lesson_file = tmp_path / "lesson.md"
    lesson_file.write_text(
        "# Distances\n\nExpanding the square:\n\n```derivation\n" + DERIVATION + "```\n", encoding="utf-8"
    )
    lesson = replace(session.course.lesson("doubling"), path=lesson_file)

    async def run_before(pilot) -> None:
        pilot.app.push_screen(LessonScreen(lesson))
        await wait_for(pilot, lambda: pilot.app.screen.query(DerivationView))
        await wait_for(pilot, lambda: pilot.app.screen.query_one(DerivationView).verified, timeout=30)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


DERIVATION = """# The squared distance, expanded
matrix: x 3 1; y 3 1
sum_all(hadamard(x - y, x - y)) = (x.T*x)[0] + (y.T*y)[0] - 2*(x.T*y)[0]
"""


def test_derivations_are_2d_and_fold_at_80_columns():
    steps = render_steps(DERIVATION, "t.md", 1)
    art = steps[1][1]
    assert "HadamardProduct" not in art and "sum(" not in art and "Σ" in art
    assert "↪" not in art and max(len(row) for row in art.splitlines()) <= 72
    assert any(row.lstrip().startswith("+ ") for row in art.splitlines())  # folded between terms
    plain = render_steps(DERIVATION, "t.md", 1, unicode=False)[1][1]
    assert all(ord(c) < 128 for c in plain)


def test_a_gradient_is_a_fraction():
    art = render_steps("matrix: w 3 1\ngrad((w.T*w)[0], w) = 2*w\n", "t.md", 1)[0][1]
    rows = art.splitlines()
    assert len(rows) >= 3 and any("─" in row for row in rows) and "∂" in art

"""The Textual app: screens over one `Session`, plus the checks it starts.

The app never imports torch or sympy and never runs learner code: checks go
through `session.check` in thread workers (see `screens/exercise.py`), and
quitting cancels them and closes the warm pool so no child process outlives
the app.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tutor.app.checking import CheckControl
from tutor.app.format import home_relative, set_ascii
from tutor.app.messages import TrackChanged
from tutor.session import Session

THEMES = ("textual-dark", "textual-light")


class TutorApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "dltutor"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (16, "-tall")]  # under 16 rows the roadmap drops its detail
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("m", "roadmap", "Roadmap", id="roadmap", show=False),
        Binding("p", "progress", "Progress", id="progress", show=False),
        Binding("ctrl+t", "toggle_dark", "Light/dark theme", id="theme", show=False),
    ]

    def __init__(
        self,
        session: Session,
        *,
        seed: int | None = None,
        timings: bool = True,
        workspace_label: str | None = None,
        watch_events: bool = True,
        poll_s: float = 1.0,
        ascii: bool | None = None,
    ) -> None:
        """`seed`, `timings` and `workspace_label` exist so tests render the same screen every run."""
        super().__init__()
        self.session = session
        self.seed = seed
        self.timings = timings
        self.workspace_label = workspace_label or home_relative(session.root)
        self.watch_events = watch_events
        self.poll_s = poll_s
        self.checks = CheckControl(str(session.root))
        from tutor import terminal

        # LANG=C over SSH: ASCII marks, bars and borders (the class switches the borders in app.tcss).
        self.ascii = ascii if ascii is not None else not terminal.utf8()
        set_ascii(self.ascii)

    def get_default_screen(self) -> Screen:
        from tutor.app.screens.roadmap import RoadmapScreen

        return RoadmapScreen()

    def on_mount(self) -> None:
        saved = self.session.setting("ui_theme")
        if saved in THEMES:
            self.theme = saved
        if self.session.warning:
            self.notify(self.session.warning, title="progress", severity="warning", timeout=15)
        # Writes the store could not do (another dltutor writing, full disk, read-only,
        # workspace deleted) are said as they happen; they may come from a check's thread.
        self.session.on_store_notice(self._progress_notice)
        if self.ascii:
            self.add_class("-ascii")
        self._warn_in_source_tree()

    def _warn_in_source_tree(self) -> None:
        """Started inside dltutor's own clone: its exercises/ are the course's starters, not the learner's."""
        from pathlib import Path

        course, here = self.session.course.root.resolve(), Path.cwd().resolve()
        if (here == course or course in here.parents) and course not in self.session.root.resolve().parents:
            self.notify(
                f"You are inside dltutor's own source tree ({home_relative(course)}). Your files are "
                f"in {self.workspace_label}/exercises/ — edit those; the exercises/ here are the "
                "course's starters.",
                title="which files are yours",
                severity="warning",
                timeout=20,
            )

    def _progress_notice(self, message: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.notify(message, title="progress", severity="warning", timeout=10)
        else:
            self.call_from_thread(self.notify, message, title="progress", severity="warning", timeout=10)

    def on_unmount(self) -> None:
        self.checks.close()

    # ---- navigation -------------------------------------------------------------
    def _show(self, screen: Screen, place: str, *, replace: bool = False) -> None:
        """Open `screen` above the one the learner is on, so escape leads back where they came from.

        A place already open below (exercise → lesson → the same exercise) is returned to rather
        than stacked again; `replace` swaps siblings (next exercise, next lesson) in place.
        """
        for depth, below in enumerate(self.screen_stack[1:], 1):
            if getattr(below, "place", None) == place:
                while len(self.screen_stack) > depth + 1:
                    self.pop_screen()
                return
        screen.place = place  # type: ignore[attr-defined]
        if replace and len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_exercise(self, exercise_id: str, *, replace: bool = False) -> None:
        from tutor.app.screens.exercise import ExerciseScreen

        self.session.remember(exercise_id)
        self._show(
            ExerciseScreen(self.session.course.exercise(exercise_id)), f"exercise:{exercise_id}", replace=replace
        )

    def open_lesson(self, lesson_id: str, *, replace: bool = False) -> None:
        from tutor.app.screens.lesson import LessonScreen

        lesson = self.session.course.lesson(lesson_id)
        if lesson is None:
            self.notify(f"no lesson {lesson_id!r} in this course", severity="error")
            return
        self._show(LessonScreen(lesson), f"lesson:{lesson_id}", replace=replace)

    def action_back(self) -> None:  # type: ignore[override]  # App.action_back is async; ours needs no await
        """Escape: back to the screen this one was opened from."""
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def action_roadmap(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_progress(self) -> None:
        from tutor.app.screens.progress import ProgressScreen

        self._show(ProgressScreen(), "progress")

    def action_help(self) -> None:
        from tutor.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_continue(self) -> None:
        ex = self.session.resume_exercise()
        if ex is None:
            self.notify("every exercise has passed — the roadmap is complete", title="done")
        else:
            self.open_exercise(ex.id)

    def action_switch_track(self) -> None:
        tracks = list(self.session.course.tracks)
        current = self.session.track.id
        new = tracks[(tracks.index(current) + 1) % len(tracks)] if current in tracks else tracks[0]
        track = self.session.set_track(new)
        self.notify(f"{track.title}: {track.description}", title="track", timeout=4)
        self.screen.post_message(TrackChanged())

    def action_toggle_dark(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        self.session.save_setting("ui_theme", self.theme)

    async def action_quit(self) -> None:
        self.checks.close()  # cancels running checks, kills the spares
        self.exit(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from tutor.app.screens.roadmap import RoadmapScreen

        if action == "roadmap":
            return not isinstance(self.screen, RoadmapScreen)
        if action == "progress":
            return type(self.screen).__name__ != "ProgressScreen"
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tutor.app.commands import palette_commands

        yield from super().get_system_commands(screen)
        yield from palette_commands(self, screen)

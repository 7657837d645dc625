"""What the learner can do on the exercise screen besides checking.

Edit in $EDITOR (found first, see editor.py; then the app suspends and the file is re-checked on return), reveal
the next hint, read the solution once passed, reset to the starter (after a
confirmation; the learner's copy is backed up), jump to the lesson or on.
A base class of ExerciseScreen so that `exercise.py` stays about checking;
the actions use only the interface declared here, never the screen's
private check state.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from textual.app import SuspendNotSupported

from tutor.app.editor import find_editor
from tutor.app.format import relative, shows_errors
from tutor.app.screens.base import TutorScreen
from tutor.app.widgets.curve import LossCurve
from tutor.app.widgets.verdict import VerdictPanel
from tutor.course import Exercise
from tutor.errors import TutorError


class ExerciseActions(TutorScreen):
    """Edit, hint, solution, reset, lesson, next: written against the interface below."""

    ex: Exercise
    path: Path  # the learner's file

    def start_check(self) -> None:
        raise NotImplementedError

    def recheck_if_changed(self) -> None:
        """Check the file if its content is not the content last checked."""
        raise NotImplementedError

    def drop_check(self) -> None:
        """Forget the running check: its verdict would be about a file that is gone."""
        raise NotImplementedError

    def adopt_file(self) -> None:
        """The file as it is now counts as checked (after a reset): saving it again re-checks."""
        raise NotImplementedError

    def refresh_panels(self) -> None:
        raise NotImplementedError

    def _rel(self) -> str:
        return relative(self.path, self.session.root)

    @shows_errors
    def action_edit(self) -> None:
        # Found before the terminal is handed over: a failure after that would leave a blank app.
        editor = find_editor()
        if editor.command is None:
            self.notify(
                f"{editor.problem}. Or edit {self._rel()} elsewhere — every save is checked here.",
                title="no editor",
                severity="error",
                timeout=10,
            )
            return
        try:
            with self.app.suspend():
                subprocess.run([*editor.command, str(self.path)], check=False)
        except SuspendNotSupported:
            self.notify(
                f"This terminal cannot hand over to an editor; edit {self._rel()} elsewhere "
                "— every save is checked here.",
                severity="warning",
            )
            return
        except OSError as exc:
            self.notify(f"could not start {editor.command[0]!r}: {exc.strerror}; set $EDITOR", severity="error")
            return
        if editor.note:
            self.notify(editor.note, timeout=8)
        self.recheck_if_changed()

    @shows_errors
    def action_hint(self) -> None:
        hint = self.session.hint(self.ex.id)
        self.refresh_panels()
        self.query_one("#hints").scroll_visible(animate=False)
        if hint.level == hint.total:
            self.notify("That was the last hint.", timeout=3)

    def action_solution(self) -> None:
        from tutor.app.screens.dialogs import SolutionScreen

        try:
            code = self.session.solution(self.ex.id)
        except TutorError as exc:
            self.notify(exc.message, title=exc.title, severity="warning")
            return
        self.app.push_screen(SolutionScreen(f"Reference solution · {self.ex.id}", code))

    def action_reset(self) -> None:
        from tutor.app.screens.dialogs import ConfirmScreen

        question = (
            f"Replace {self._rel()} with the starter?\nYour current copy is backed up first "
            "(under .dltutor/backups/ in the workspace)."
        )
        self.app.push_screen(ConfirmScreen("Reset exercise", question), self._reset_answered)

    @shows_errors
    def _reset_answered(self, yes: bool | None) -> None:
        if not yes:
            return
        self.drop_check()  # a check of the old file means nothing now
        backup = self.session.reset(self.ex.id)
        self.adopt_file()
        saved = f" Your copy was saved as {relative(backup, self.session.root)}." if backup else ""
        self.query_one(VerdictPanel).idle(f"Reset to the starter.{saved}")
        self.query_one(LossCurve).display = False
        self.notify(f"{self.ex.id} reset to the starter.{saved}", timeout=6)

    def action_lesson(self) -> None:
        if self.ex.lesson_id:
            self.app.open_lesson(self.ex.lesson_id)

    def next_id(self) -> str | None:
        """The exercise after this one in the learner's track, if any."""
        order = [ex.id for ex in self.session.ordered_exercises()]
        if self.ex.id not in order:
            return None
        i = order.index(self.ex.id)
        return order[i + 1] if i + 1 < len(order) else None

    def action_next(self) -> None:
        following = self.next_id()
        if following is not None:
            self.app.open_exercise(following, replace=True)

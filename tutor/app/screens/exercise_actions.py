"""What the learner can do on the exercise screen besides checking.

Edit in $EDITOR (the app suspends, the file is re-checked on return), reveal
the next hint, read the solution once passed, reset to the starter (after a
confirmation; the learner's copy is backed up), jump to the lesson or on.
A mixin so that `exercise.py` stays about checking.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from textual.app import SuspendNotSupported

from tutor.app.format import relative, shows_errors
from tutor.app.widgets.curve import LossCurve
from tutor.app.widgets.verdict import VerdictPanel
from tutor.errors import TutorError
from tutor.workspace import file_digest


class ExerciseActions:
    """Mixed into ExerciseScreen; uses its `ex`, `path`, `session` and `start_check`."""

    def _rel(self) -> str:
        return relative(self.path, self.session.workspace.root)

    @shows_errors
    def action_edit(self) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), str(self.path)], check=False)
        except SuspendNotSupported:
            self.notify(f"This terminal cannot hand over to an editor; edit {self._rel()} elsewhere "
                        "— every save is checked here.", severity="warning")
            return
        except OSError as exc:
            self.notify(f"could not start {editor!r}: {exc.strerror}; set $EDITOR", severity="error")
            return
        if file_digest(self.path) != self._checked_digest:
            self.start_check()

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

        question = (f"Replace {self._rel()} with the starter?\nYour current copy is backed up first "
                    "(under .dltutor/backups/ in the workspace).")
        self.app.push_screen(ConfirmScreen("Reset exercise", question), self._reset_answered)

    @shows_errors
    def _reset_answered(self, yes: bool | None) -> None:
        if not yes:
            return
        if self._cancel is not None:
            self._cancel.set()  # a check of the old file means nothing now
        self._worker, self._stream, self.running = None, None, False
        self.refresh_bindings()
        backup = self.session.reset(self.ex.id)
        self._checked_digest = file_digest(self.path)
        if self._watcher is not None:
            self._watcher.seen(self._checked_digest)
        saved = f" Your copy was saved as {relative(backup, self.session.workspace.root)}." if backup else ""
        self.query_one(VerdictPanel).idle(f"Reset to the starter.{saved}")
        self.query_one(LossCurve).display = False
        self.notify(f"{self.ex.id} reset to the starter.{saved}", timeout=6)

    def action_lesson(self) -> None:
        if self.ex.lesson_id:
            self.app.open_lesson(self.ex.lesson_id)

    def _next_id(self) -> str | None:
        order = [ex.id for ex in self.session.ordered_exercises()]
        if self.ex.id not in order:
            return None
        i = order.index(self.ex.id)
        return order[i + 1] if i + 1 < len(order) else None

    def action_next(self) -> None:
        next_id = self._next_id()
        if next_id is not None:
            self.app.open_exercise(next_id)

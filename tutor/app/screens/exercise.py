"""The exercise screen: the file to edit, the task, checks with a live verdict.

A check runs `session.check` in a thread worker (exclusive: a new check
supersedes a running one) and streams into the verdict panel and the loss
curve. Saves are noticed by a `FileWatcher` and re-checked after a short
debounce; `e` opens the file in $EDITOR with the app suspended.
"""

from __future__ import annotations

import threading
from functools import partial

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from tutor.app.checking import CheckControl, CheckStream
from tutor.app.format import inline_markdown, mark, relative
from tutor.app.messages import CheckEvent, CurvePoints, FileChanged
from tutor.app.screens.exercise_actions import ExerciseActions
from tutor.app.widgets.curve import LossCurve, check_chart, x_unit
from tutor.app.widgets.titlebar import TitleBar
from tutor.app.widgets.verdict import VerdictPanel
from tutor.course import Exercise
from tutor.errors import TutorError
from tutor.protocol import CheckResult, Curve, StepEvent, Target, TargetEvent
from tutor.session import Session, nvidia_visible
from tutor.watch import FileWatcher
from tutor.workspace import file_digest

DEBOUNCE_S = 0.3


class ExerciseScreen(ExerciseActions):
    AUTO_FOCUS = "#exercise-body"
    BINDINGS = [
        Binding("c", "check", "Check", id="check"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("h", "hint", "Hint", id="hint"),
        Binding("x", "cancel", "Cancel", id="cancel"),
        Binding("s", "solution", "Solution", id="solution"),
        Binding("r", "reset", "Reset", id="reset"),
        Binding("l", "lesson", "Lesson", id="lesson", show=False),
        Binding("n", "next", "Next exercise", id="next", show=False),
        Binding("escape", "app.back", "Back", id="back"),
    ]

    def __init__(self, ex: Exercise) -> None:
        super().__init__()
        self.ex = ex
        self.running = False
        self.passed = False
        self.result: CheckResult | None = None
        self._generation = 0
        self._worker: Worker[CheckResult] | None = None
        self._cancel: threading.Event | None = None
        self._stream: CheckStream | None = None
        self._target: Target | None = None
        self._checked_digest: str | None = None
        self._watcher: FileWatcher | None = None
        self._debounce: Timer | None = None
        self.broken = False  # the learner's file could not be created

    def compose(self) -> ComposeResult:
        self.passed = self.session.has_passed(self.ex.id)
        self.path = self.session.path_for(self.ex)
        try:
            self.session.file_for(self.ex)  # copies the starter in on first use
            self._checked_digest = file_digest(self.path)
            intro = self._intro()
        except TutorError as exc:
            self.broken = True
            intro = Content.styled(f"⚠ {exc.message}", "$text-warning")
        yield TitleBar()
        # The curve sits beside the scrolling text, not in it: under it at 80 columns, to its
        # right from 120, so a running check's curve is in view without scrolling.
        with Container(id="ex-main"):
            with VerticalScroll(id="exercise-body"):
                yield Static(self._info(), id="ex-info")
                task = Static(inline_markdown(self.ex.task or self.ex.title), id="task")
                task.border_title = "Task"
                yield task
                hints = Static(self._hints(), id="hints")
                hints.display = bool(self.session.hints_shown(self.ex.id))
                yield hints
                yield VerdictPanel(intro, root=str(self.session.root), id="verdict")
            curve = LossCurve(id="curve")
            curve.display = False
            yield curve
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = f"Exercise · {self.session.course.stage(self.ex.stage_id).title}"
        if self.broken:
            return
        self._show_last_attempt()
        self.run_worker(
            partial(self.app.checks.prepare, self.ex.uses_torch), thread=True, group="prepare", exit_on_error=False
        )
        self._watcher = FileWatcher(
            self.path,
            lambda d: self.post_message(FileChanged(d)),
            poll_s=self.app.poll_s,
            use_events=self.app.watch_events,
        )
        self._watcher.start()

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
        if self._cancel is not None:
            self._cancel.set()

    def _show_last_attempt(self) -> None:
        """Reopening an exercise shows its last verdict in full, as the learner left it."""
        last = self.session.last_result(self.ex.id)
        if last is not None:
            self.query_one(VerdictPanel).finish(last, timings=self.app.timings)

    # ---- what is shown ---------------------------------------------------------
    def _device(self) -> str:
        if self.result is not None and self.result.message != "cancelled":
            return f"ran on {self.result.device}"
        if not self.ex.uses_torch or self.ex.device == "cpu":
            return "device cpu"
        return "device cuda:0" if nvidia_visible() else "device cpu (no GPU visible)"

    def _intro(self) -> Content:
        state = self.session.states()[self.ex.id]
        last = f"Last result: {state.last_status}. " if state.last_status else ""
        return Content.assemble(
            (last, "$foreground-muted"), ("c", "bold $text-accent"), " checks your file now; saving it checks it too."
        )

    def _info(self) -> Content:
        state = self.session.states()[self.ex.id]
        facts = [
            self._device(),
            f"{state.attempts} attempt{'s' * (state.attempts != 1)}",
            f"hints {state.hints_used}/{len(self.ex.hints)}",
            "e edits, saving re-checks",
        ]
        return Content.assemble(
            mark(state.state),
            " ",
            (self.ex.id, "bold"),
            f" · {self.ex.title}\n",
            # The whole path (~/…): a bare exercises/… also exists in dltutor's own clone.
            ("your file ", "$foreground-muted"),
            (f"{self.app.workspace_label}/{relative(self.path, self.session.root)}", "bold $text-accent"),
            "\n",
            (" · ".join(facts), "$foreground-muted"),
        )

    def _hints(self) -> Content:
        shown = self.session.hints_shown(self.ex.id)
        return Content("\n").join(
            Content.assemble((f"Hint {i}/{len(self.ex.hints)}: ", "bold $text-warning"), text)
            for i, text in enumerate(shown, 1)
        )

    def refresh_panels(self) -> None:
        """Info line and hints after something changed (a check, a hint)."""
        self.query_one("#ex-info", Static).update(self._info())
        hints = self.query_one("#hints", Static)
        hints.update(self._hints())
        hints.display = bool(self.session.hints_shown(self.ex.id))
        self.refresh_bindings()

    def _show_curve(self, curves: dict[str, Curve], nan_step: int | None = None) -> None:
        if not curves and self._target is None:
            return
        curve = self.query_one(LossCurve)
        if not curve.display:
            curve.display = True
            if self.running:
                self._follow()  # the body just grew by the curve: keep the running check in view
        unit = x_unit(self.ex.task, self._target.name if self._target else "")
        curve.show_chart(check_chart(curves, self._target, unit), nan_step=nan_step)

    # ---- checking ---------------------------------------------------------------
    @property
    def checks_started(self) -> int:
        """How many checks this screen has started; stream messages carry it to drop stale ones."""
        return self._generation

    def start_check(self) -> None:
        if self._cancel is not None:
            self._cancel.set()  # a newer save supersedes the running check
        self._generation += 1
        self._cancel = self.app.checks.begin()
        self._stream = CheckStream(self, self._generation)
        self._target = None
        self._checked_digest = file_digest(self.path)
        self.running = True
        self.refresh_bindings()
        self.query_one(VerdictPanel).begin(f"⋯ checking {self.ex.id} …  (x cancels)")
        self.query_one(LossCurve).show([])
        self._follow()
        self._worker = self._run_check(self.session, self.app.checks, self._cancel, self._stream, self.app.seed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="check")
    def _run_check(
        self, session: Session, control: CheckControl, cancel: threading.Event, stream: CheckStream, seed: int | None
    ) -> CheckResult:
        """On a worker thread: everything it needs comes in as arguments."""
        try:
            return session.check(self.ex.id, sink=stream, pool=control.pool, cancel=cancel, seed=seed)
        finally:
            control.end(cancel)

    @on(CheckEvent)
    async def _check_event(self, message: CheckEvent) -> None:
        if message.generation != self._generation or self._stream is None:
            return
        event = message.event
        if isinstance(event, StepEvent):
            await self.query_one(VerdictPanel).add_step(event.step)  # laid out before following it
            self._follow()
            if self._stream is None:
                return  # the check was dropped (reset) meanwhile
        elif isinstance(event, TargetEvent):
            self._target = event.target
        self._show_curve(self._stream.curves())

    def _follow(self) -> None:
        """While a check runs, keep its newest step in view (the curve has a place of its own)."""
        body = self.query_one("#exercise-body", VerticalScroll)
        self.call_after_refresh(body.scroll_end, animate=False)

    @on(CurvePoints)
    def _curve_points(self, message: CurvePoints) -> None:
        if message.generation == self._generation and self._stream is not None:
            self._show_curve(self._stream.curves())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return
        self.running = False
        # The result is the whole truth from here on: stream messages still queued behind this
        # one (curve points, steps) would redraw the final curve without its NaN mark.
        self._stream = None
        self.refresh_bindings()
        verdict = self.query_one(VerdictPanel)
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, CheckResult):
            self._finish(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            text = error.message if isinstance(error, TutorError) else f"internal error in dltutor: {error!r}"
            verdict.idle(Content.styled(f"⚠ {text}", "$text-warning"))

    def _finish(self, result: CheckResult) -> None:
        verdict = self.query_one(VerdictPanel)
        if result.message == "cancelled":
            verdict.idle(
                Content.assemble(
                    ("◌ check cancelled", "bold $text-warning"), ("  — c checks again", "$foreground-muted")
                )
            )
            return
        self.result = result
        verdict.finish(result, timings=self.app.timings)
        if result.targets and self._target is None:
            self._target = result.targets[0]
        self._show_curve(result.curves, result.nan_step())
        if result.passed and not self.passed:
            self.notify("Passed! s shows the reference solution, n opens the next exercise.", title=self.ex.id)
        self.passed = self.passed or result.passed
        self.refresh_panels()
        self.call_after_refresh(verdict.scroll_visible, animate=False)

    @on(FileChanged)
    def _file_changed(self, message: FileChanged) -> None:
        if message.digest == self._checked_digest:
            return
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_S, self.start_check)

    # ---- actions ----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.running
        if action == "solution":
            return True if self.passed else None
        if action == "hint":
            return True if len(self.session.hints_shown(self.ex.id)) < len(self.ex.hints) else None
        if action == "lesson":
            return self.ex.lesson_id is not None
        if action == "next":
            return self.next_id() is not None
        return True

    def _why_not(self, key: str) -> str | None:
        """Why the key's action does not apply now (its footer entry is dimmed), or None."""
        if key == "s" and not self.passed:
            return "The reference solution opens once your code passes — c checks it."
        if key == "h" and self.check_action("hint", ()) is None:
            return (
                f"That was the last of the {len(self.ex.hints)} hints. The lesson (l) explains the idea; "
                "the solution (s) opens once you pass."
            )
        if key == "x" and not self.running:
            return "No check is running — nothing to cancel."
        if key == "n" and self.next_id() is None:
            return "This is the last exercise of your track."
        if key == "l" and self.ex.lesson_id is None:
            return "This exercise has no lesson."
        return None

    def on_key(self, event: events.Key) -> None:
        """A key that does nothing now says why in a notification, never nothing at all."""
        why = self._why_not(event.key)
        if why is not None:
            event.stop()
            self.notify(why, title=f"{event.key}: not now", timeout=5)

    def action_check(self) -> None:
        self.start_check()

    # ---- the interface ExerciseActions works with ----------------------------------
    def recheck_if_changed(self) -> None:
        if file_digest(self.path) != self._checked_digest:
            self.start_check()

    def drop_check(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        self._worker, self._stream, self.running = None, None, False
        self.refresh_bindings()

    def adopt_file(self) -> None:
        self._checked_digest = file_digest(self.path)
        if self._watcher is not None:
            self._watcher.seen(self._checked_digest)

    def action_cancel(self) -> None:
        if self._cancel is not None and self.running:
            self._cancel.set()
            self.query_one(VerdictPanel).begin("⋯ cancelling …")

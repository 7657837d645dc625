"""A lesson: Markdown in the terminal, derivations as verified sympy steps.

The Markdown shows at once (code blocks highlighted by Textual); each
```derivation block first shows its source, then — once a worker thread has
imported sympy and verified it — the pretty-printed steps. The exercises that
practise the lesson are one key away.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Markdown, Static
from textual.worker import Worker, WorkerState

from tutor.app.format import mark
from tutor.app.messages import DerivationChecked
from tutor.app.screens.base import TutorScreen
from tutor.app.widgets.derivation import DerivationView, render_steps
from tutor.app.widgets.plot import PlotView
from tutor.app.widgets.titlebar import TitleBar
from tutor.course import Lesson
from tutor.fences import split_fences as split_lesson


class LessonScreen(TutorScreen):
    AUTO_FOCUS = "#lesson-body"
    BINDINGS = [
        Binding("x", "practise(0)", "Practise", id="practise"),
        Binding("n", "step(1)", "Next lesson", id="next-lesson"),
        Binding("b", "step(-1)", "Previous lesson", id="previous-lesson"),
        Binding("escape", "app.back", "Back", id="back"),
        *(Binding(str(i), f"practise({i - 1})", f"Exercise {i}", show=False) for i in range(1, 10)),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="lesson-body"):
            try:
                text = self.lesson.path.read_text(encoding="utf-8")
            except OSError as exc:
                yield Static(Content.styled(f"⚠ cannot read {self.lesson.path.name}: {exc.strerror}", "$text-warning"))
                text = ""
            for kind, part, line in split_lesson(text):
                if kind == "markdown":
                    yield Markdown(part, open_links=False)
                elif kind == "plot":
                    yield PlotView(part, line)
                else:
                    yield DerivationView(part, line)
            yield Static(self._practise(), id="practise")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def exercises(self) -> list:
        return self.app.session.course.exercises_for_lesson(self.lesson.id)

    def _neighbour(self, step: int) -> Lesson | None:
        lessons = [lesson for stage in self.app.session.course.stages for lesson in stage.lessons]
        i = next(i for i, lesson in enumerate(lessons) if lesson.id == self.lesson.id) + step
        return lessons[i] if 0 <= i < len(lessons) else None

    def _practise(self) -> Content:
        states = self.app.session.states()
        lines = [Content.styled("Practise this lesson:", "bold")]
        for i, ex in enumerate(self.exercises, 1):
            lines.append(
                Content.assemble(
                    (f"  {i} ", "bold $text-accent"), mark(states[ex.id].state), " ", (ex.id, "bold"), f" · {ex.title}"
                )
            )
        if len(lines) == 1:
            lines.append(Content.styled("  (no exercise practises this lesson)", "$foreground-muted"))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        stage = self.app.session.course.stage(self.lesson.stage_id)
        self.sub_title = f"Lesson · {stage.title}"
        blocks = [(view.body, view.line) for view in self.query(DerivationView)]
        if blocks:
            self._verify(blocks, self.lesson.path.name, self.app.ascii)

    @work(thread=True, exclusive=True, exit_on_error=False, group="derive")
    def _verify(self, blocks: list[tuple[str, int]], source: str, ascii_only: bool = False) -> None:
        """On a worker thread (sympy is imported here, never at startup); one message per block."""
        from tutor.derive import DerivationError

        for index, (body, line) in enumerate(blocks):
            try:
                outcome: list[tuple[str, str]] | str = render_steps(body, source, line, unicode=not ascii_only)
            except DerivationError as exc:
                outcome = str(exc)
            self.post_message(DerivationChecked(index, outcome))

    @on(DerivationChecked)
    def _checked(self, message: DerivationChecked) -> None:
        views = list(self.query(DerivationView))
        if message.index < len(views):
            if isinstance(message.outcome, str):
                views[message.index].show_error(message.outcome)
            else:
                views[message.index].show_steps(message.outcome)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "derive" and event.state == WorkerState.ERROR:
            for view in self.query(DerivationView):
                if not view.verified:
                    view.show_error(f"could not verify: {event.worker.error!r}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        index = parameters[0] if parameters and isinstance(parameters[0], int) else None
        if action == "practise":
            return len(self.exercises) > index if index is not None else bool(self.exercises)
        if action == "step":
            return self._neighbour(index) is not None if index is not None else True
        return True

    def action_practise(self, index: int) -> None:
        if index < len(self.exercises):
            self.app.open_exercise(self.exercises[index].id)

    def action_step(self, step: int) -> None:
        lesson = self._neighbour(step)
        if lesson is not None:
            self.app.open_lesson(lesson.id, replace=True)

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        kind, _, target = event.href.partition(":")
        if kind == "exercise":
            self.app.open_exercise(target)
        elif kind == "lesson":
            self.app.open_lesson(target)
        else:
            self.notify(event.href, title="link")

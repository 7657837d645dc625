"""Progress: per-stage bars, attempts, time, hints, and past training curves.

Moving through the exercise table shows that exercise's recent convergence
attempts overlaid on one plot, so a learner can see whether a change helped.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from tutor.app.format import bar, duration, mark
from tutor.app.screens.base import TutorScreen
from tutor.app.widgets.curve import Line, LossCurve
from tutor.app.widgets.titlebar import TitleBar

# (colour, marker) from the oldest attempt shown to the newest; markers tell them apart without colour.
_STYLES = (("foreground-muted", "+"), ("text-secondary", "x"), ("primary", "braille"))


class ProgressScreen(TutorScreen):
    AUTO_FOCUS = "#exercise-table"
    BINDINGS = [
        Binding("enter", "open", "Open exercise", id="open"),
        Binding("escape", "app.back", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="progress-body"):
            yield Static(self._summary(), id="stage-summary")
            yield DataTable(id="exercise-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="history-caption")
            yield LossCurve(id="history")
        yield Footer(compact=True, show_command_palette=False)

    def _summary(self) -> Content:
        session = self.app.session
        states = session.states()
        rows = []
        for stage in session.course.stages:
            mine = [states[ex.id] for ex in stage.exercises]
            done = sum(p.passed for p in mine)
            rows.append(
                Content.assemble(
                    (f"{stage.number:02d} {stage.title}"[:26].ljust(26), "bold"),
                    " ",
                    bar(done, len(mine), 10),
                    f" {done}/{len(mine)}",
                    (
                        f"  {sum(p.attempts for p in mine)} attempts · {duration(sum(p.time_spent_s for p in mine))}"
                        f" · {sum(p.hints_used for p in mine)} hints",
                        "$foreground-muted",
                    ),
                )
            )
        every = list(states.values())
        rows.append(
            Content.assemble(
                ("Overall: ", "bold"),
                f"{sum(p.passed for p in every)}/{len(every)} passed · "
                f"{sum(p.attempts for p in every)} attempts · {duration(sum(p.time_spent_s for p in every))} "
                f"checking · {sum(p.hints_used for p in every)} hints",
            )
        )
        return Content("\n").join(rows)

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        session = self.app.session
        states = session.states()
        table = self.query_one("#exercise-table", DataTable)
        table.add_columns("", "exercise", "attempts", "time", "hints", "last")
        for ex in session.ordered_exercises():
            p = states[ex.id]
            table.add_row(
                mark(p.state),
                ex.id,
                str(p.attempts),
                duration(p.time_spent_s),
                f"{p.hints_used}/{len(ex.hints)}",
                p.last_status or "—",
                key=ex.id,
            )
        self.show_history(self._current())

    def _current(self) -> str | None:
        table = self.query_one("#exercise-table", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted, "#exercise-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_history(event.row_key.value)

    @on(DataTable.RowSelected, "#exercise-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.open_exercise(event.row_key.value)

    def show_history(self, exercise_id: str | None) -> None:
        curve, caption = self.query_one("#history", LossCurve), self.query_one("#history-caption", Static)
        past = self.app.session.past_curves(exercise_id, limit=len(_STYLES)) if exercise_id else []
        if not past:
            curve.display = False
            caption.update(
                Content.styled(
                    f"No training curves recorded for {exercise_id or 'this exercise'} "
                    "yet (convergence exercises record one per check).",
                    "$foreground-muted",
                )
            )
            return
        lines = []
        for i, attempt in enumerate(reversed(past)):  # oldest first, so the newest is drawn on top
            series = attempt.series.get("loss") or next(
                (points for name, points in attempt.series.items() if name != "reference"), []
            )
            colour, marker = _STYLES[len(_STYLES) - len(past) + i]
            lines.append(Line(f"#{attempt.attempt_id} {attempt.status}", series, colour, marker))
        reference = past[0].series.get("reference")
        if reference:
            lines.insert(0, Line("reference", reference, "warning", "·"))
        caption.update(
            Content.assemble(
                (f"Past curves · {exercise_id}", "bold"), (f" · last {len(past)}, newest on top", "$foreground-muted")
            )
        )
        curve.display = True
        curve.show(lines, caption=exercise_id or "")

    def action_open(self) -> None:
        exercise_id = self._current()
        if exercise_id is not None:
            self.app.open_exercise(exercise_id)

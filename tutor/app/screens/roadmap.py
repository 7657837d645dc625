"""The roadmap: every stage with its bar, the track, what is next, and continue."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tutor.app.format import bar, glyphs, inline_markdown, mark
from tutor.app.messages import TrackChanged
from tutor.app.screens.base import TutorScreen
from tutor.app.widgets.titlebar import TitleBar
from tutor.course import Exercise
from tutor.progress import ExerciseProgress

NAME_WIDTH = 40


class RoadmapScreen(TutorScreen):
    BINDINGS = [
        Binding("c", "app.continue", "Continue", id="continue"),
        Binding("t", "app.switch_track", "Switch track", id="track"),
        Binding("p", "app.progress", "Progress", id="roadmap-progress"),
    ]

    AUTO_FOCUS = "#stages"

    def compose(self) -> ComposeResult:
        self._fresh = True
        track, upcoming, items, highlight = self._model(None)
        yield TitleBar()
        yield Static(track, id="track")
        yield Static(upcoming, id="next")
        options = OptionList(*items, id="stages")
        options.highlighted = highlight
        with Horizontal(id="roadmap-main"):
            yield options
            yield Static(id="detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Roadmap"
        self.call_after_refresh(self._reveal)

    def _reveal(self) -> None:
        """Scroll the highlighted row (the next exercise, usually) into view."""
        try:
            self.query_one("#stages", OptionList).scroll_to_highlight()
        except NoMatches:
            pass  # the app quit before the roadmap was shown

    def on_screen_resume(self) -> None:
        if self._fresh:  # compose just built this view: rebuilding it would only lay it out twice
            self._fresh = False
            return
        self.refresh_view()

    @on(TrackChanged)
    def _track_changed(self) -> None:
        self.refresh_view(keep_highlight=False)

    def refresh_view(self, keep_highlight: bool = True) -> None:
        options = self.query_one("#stages", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option and keep_highlight else None
        track, upcoming, items, highlight = self._model(keep)
        self.query_one("#track", Static).update(track)
        self.query_one("#next", Static).update(upcoming)
        options.clear_options()
        options.add_options(items)
        options.highlighted = highlight

    def _model(self, keep: str | None) -> tuple[Content, Content, list[Option], int]:
        """Track line, continue line, the stage list, and which row to highlight."""
        session = self.app.session
        states = session.states()
        track = session.track
        other = [t.title for t in session.course.tracks.values() if t.id != track.id]
        track_line = Content.assemble(
            "Track: ",
            (track.title, "bold"),
            (f" (t: {other[0]})" if other else "", "$foreground-muted"),
            ("  ·  workspace " + self.app.workspace_label, "$foreground-muted"),
        )
        resume, upcoming = session.resume_exercise(), session.next_exercise()
        if resume is None:
            next_line = Content.styled(f"Every exercise has passed ({len(states)} of {len(states)}).", "$text-success")
        else:
            next_line = Content.assemble(
                ("c", "bold $text-accent"), " continue: ", (resume.id, "bold"), f" — {resume.title}"
            )
            if upcoming is not None and upcoming.id != resume.id:
                next_line += Content.styled(f"   next unsolved: {upcoming.id}", "$foreground-muted")
        items = self._items(states, upcoming.id if upcoming else None)
        index = {option.id: i for i, option in enumerate(items)}
        highlight = index.get(keep, index.get(f"exercise:{upcoming.id}" if upcoming else None, 0))
        return track_line, next_line, items, highlight

    def _exercise_item(self, ex: Exercise, state: ExerciseProgress, upcoming: str | None) -> Option:
        lead = ("  → ", "bold $text-accent") if ex.id == upcoming else "    "
        return Option(
            Content.assemble(
                (glyphs(lead[0]), lead[1]) if isinstance(lead, tuple) else lead,
                mark(state.state),
                " ",
                (ex.id, "bold"),
                f" · {ex.title}",
            ),
            id=f"exercise:{ex.id}",
        )

    def _path_items(self, states: dict[str, ExerciseProgress], upcoming: str | None) -> list[Option]:
        """The top-down path itself: each part with its reason, its exercises in order; the rest after."""
        course, track = self.app.session.course, self.app.session.track
        by_id = {ex.id: ex for ex in course.exercises()}
        items: list[Option] = []
        placed: set[str] = set()
        for number, (why, ids) in enumerate(track.sections, 1):
            part = [by_id[i] for i in ids if i in by_id]
            placed.update(ids)
            done = sum(states[ex.id].passed for ex in part)
            items.append(
                Option(
                    Content.assemble(
                        (f"{number}. ", "bold $text-accent"),
                        bar(done, len(part), 6),
                        f" {done}/{len(part)}  ",
                        (why, "bold"),
                    ),
                    id=f"part:{number}",
                )
            )
            items.extend(self._exercise_item(ex, states[ex.id], upcoming) for ex in part)
        for stage in course.stages:
            rest = [ex for ex in stage.exercises if ex.id not in placed]
            if rest:
                done = sum(states[ex.id].passed for ex in rest)
                items.append(
                    Option(
                        Content.assemble(
                            ("then ", "$foreground-muted"),
                            (f"{stage.number:02d} {stage.title}", "bold"),
                            f" {done}/{len(rest)}",
                        ),
                        id=f"stage:{stage.id}",
                    )
                )
                items.extend(self._exercise_item(ex, states[ex.id], upcoming) for ex in rest)
        return items

    def _items(self, states: dict[str, ExerciseProgress], upcoming: str | None) -> list[Option]:
        if any(why for why, _ in self.app.session.track.sections):
            return self._path_items(states, upcoming)
        order = {ex_id: i for i, ex_id in enumerate(self.app.session.track.order)}
        items: list[Option] = []
        for stage in self.app.session.course.stages:
            done = sum(states[ex.id].passed for ex in stage.exercises)
            total = len(stage.exercises)
            name = f"{stage.number:02d} {stage.title}"
            if len(name) > NAME_WIDTH:
                name = name[: NAME_WIDTH - 1] + "…"
            items.append(
                Option(
                    Content.assemble((name.ljust(NAME_WIDTH), "bold"), " ", bar(done, total, 16), f" {done}/{total}"),
                    id=f"stage:{stage.id}",
                )
            )
            for lesson in stage.lessons:
                items.append(
                    Option(Content.assemble("    ", ("¶ ", "$text-accent"), lesson.title), id=f"lesson:{lesson.id}")
                )
            for ex in sorted(stage.exercises, key=lambda e: order.get(e.id, 0)):
                items.append(self._exercise_item(ex, states[ex.id], upcoming))
        return items

    @on(OptionList.OptionHighlighted, "#stages")
    def _describe(self, event: OptionList.OptionHighlighted) -> None:
        """What the highlighted stage, lesson or exercise is about."""
        course, states = self.app.session.course, self.app.session.states()
        kind, _, target = (event.option.id or "").partition(":")
        track = self.app.session.track
        if kind == "part":
            why, ids = track.sections[int(target) - 1]
            text = Content.assemble(
                (f"{track.title}, part {target}", "bold"), f"\n{why}\n", (" → ".join(ids), "$foreground-muted")
            )
        elif kind == "stage":
            stage = course.stage(target)
            text = Content.assemble(
                (stage.title, "bold"),
                f"\n{stage.summary}\n",
                (f"{len(stage.lessons)} lessons · {len(stage.exercises)} exercises", "$foreground-muted"),
            )
        elif kind == "lesson":
            lesson = course.lesson(target)
            assert lesson is not None
            practised = ", ".join(ex.id for ex in course.exercises_for_lesson(target)) or "—"
            text = Content.assemble((lesson.title, "bold"), f"\nPractised by: {practised}")
        else:
            ex, state = course.exercise(target), states[target]
            reason = track.why(ex.id)
            facts = (
                (f"part of the {track.title.lower()} path: {reason}\n" if reason else "")
                + f"{state.attempts} attempt{'s' * (state.attempts != 1)} · last: {state.last_status or '—'} · hints {state.hints_used}/{len(ex.hints)}"
            )
            text = Content.assemble(
                (ex.title, "bold"), "\n", (facts, "$foreground-muted"), "\n", inline_markdown(ex.task)
            )
        self.query_one("#detail", Static).update(text)

    @on(OptionList.OptionSelected, "#stages")
    def _open(self, event: OptionList.OptionSelected) -> None:
        kind, _, target = (event.option.id or "").partition(":")
        if kind == "exercise":
            self.app.open_exercise(target)
        elif kind == "lesson":
            self.app.open_lesson(target)
        elif kind == "part":
            ids = self.app.session.track.sections[int(target) - 1][1]
            if ids:
                self.app.open_exercise(ids[0])
        elif kind == "stage":
            stage = self.app.session.course.stage(target)
            if stage.lessons:
                self.app.open_lesson(stage.lessons[0].id)
            elif stage.exercises:
                self.app.open_exercise(stage.exercises[0].id)

"""What the CLI prints besides verdicts: `list`, `progress`, progress spinners, plurals.

rich does the colour (it already honours NO_COLOR, TERM=dumb and a stdout
that is not a terminal); columns are measured over the whole course so they
line up across stages, and nothing is cut: a long stage name widens its
column. Imported only by commands that print these, so `dltutor check` does
not pay for rich.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from tutor.report import Painter, bar

if TYPE_CHECKING:
    from tutor.course import Exercise
    from tutor.progress import ExerciseProgress
    from tutor.session import Session


def plural(count: int, word: str) -> str:
    """1 attempt, 2 attempts, 0 hints."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def duration(seconds: float) -> str:
    """1.2 s, 3m 05s, 1h 02m (the app's format; that module imports Textual, so not from there)."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def _width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


@contextlib.contextmanager
def working(text: str, stream: TextIO = sys.stderr) -> Iterator[Any]:
    """A spinner with `text` on a terminal (nothing elsewhere); `.update(text)` changes it.

    Lines printed meanwhile appear above the spinner (rich redirects stdout while it runs).
    """
    if not stream.isatty():
        yield _Silent()
        return
    from rich.console import Console

    console = Console(file=stream, highlight=False, emoji=False, markup=False)
    with console.status(text, spinner="dots") as status:
        yield status


class _Silent:
    def update(self, *_: object, **__: object) -> None:
        pass


def _exercise_rows(
    exercises: list[Exercise], states: dict[str, ExerciseProgress], nxt: str | None, id_width: int, paint: Painter
) -> list[str]:
    marks = {"passed": paint("✓", "green"), "attempted": paint("✗", "red"), "new": "·"}
    rows = []
    for ex in exercises:
        state = states[ex.id]
        tail = paint(f"  {plural(state.attempts, 'attempt')}", "dim") if state.attempts else ""
        arrow = paint("  ← next", "cyan") if ex.id == nxt else ""
        rows.append(f"  {marks[state.state]} {ex.id:<{id_width}}  {ex.title}{tail}{arrow}")
    return rows


def list_text(session: Session, paint: Painter) -> str:
    """`dltutor list`: the stages (or the top-down path, part by part with its reason)."""
    states = session.states()
    nxt = session.next_exercise()
    nxt_id = nxt.id if nxt else None
    exercises = session.course.exercises()
    id_width = max((len(ex.id) for ex in exercises), default=10)
    track = session.track
    lines = [
        paint(f"Track: {track.title}", "bold") + f" — {track.description}"
        if track.description
        else paint(f"Track: {track.title}", "bold")
    ]
    if any(why for why, _ in track.sections):
        by_id = {ex.id: ex for ex in exercises}
        placed: set[str] = set()
        for number, (why, ids) in enumerate(track.sections, 1):
            part = [by_id[i] for i in ids if i in by_id]
            placed.update(i for i in ids)
            done = sum(states[ex.id].passed for ex in part)
            lines.append("")
            head = f"{number}. "
            wrapped = textwrap.wrap(why, _width() - len(head) - 8) or [""]
            lines.append(paint(head + wrapped[0], "bold") + f"  {done}/{len(part)}")
            lines.extend(paint(" " * len(head) + rest, "bold") for rest in wrapped[1:])
            lines.extend(_exercise_rows(part, states, nxt_id, id_width, paint))
        for stage in session.course.stages:
            rest = [ex for ex in stage.exercises if ex.id not in placed]
            if rest:
                done = sum(states[ex.id].passed for ex in rest)
                lines.append("")
                lines.append(paint(f"then {stage.id}  {stage.title}", "bold") + f"  {done}/{len(rest)}")
                lines.extend(_exercise_rows(rest, states, nxt_id, id_width, paint))
        return "\n".join(lines)
    for stage in session.course.stages:
        done = sum(states[ex.id].passed for ex in stage.exercises)
        lines.append("")
        lines.append(paint(f"{stage.id}  {stage.title}", "bold") + f"  {done}/{len(stage.exercises)}")
        lines.extend(_exercise_rows(list(stage.exercises), states, nxt_id, id_width, paint))
    return "\n".join(lines)


def progress_text(session: Session, paint: Painter) -> str:
    """`dltutor progress`: one aligned row per stage, then the total."""
    states = session.states()
    rows: list[tuple[str, int, int, int, float, int]] = []
    for stage in session.course.stages:
        ids = [ex.id for ex in stage.exercises]
        rows.append(
            (
                stage.title,
                sum(states[i].passed for i in ids),
                len(ids),
                sum(states[i].attempts for i in ids),
                sum(states[i].time_spent_s for i in ids),
                sum(states[i].hints_used for i in ids),
            )
        )
    everything = list(states.values())
    total = (
        "all",
        sum(p.passed for p in everything),
        len(everything),
        sum(p.attempts for p in everything),
        sum(p.time_spent_s for p in everything),
        sum(p.hints_used for p in everything),
    )
    name_width = max(len(row[0]) for row in [*rows, total])
    count_width = len(str(total[2]))
    attempts_width = max(len(plural(row[3], "attempt")) for row in [*rows, total])
    lines = []
    for row in [*rows, total]:
        title, done, count, attempts, spent, hints = row
        text = (
            f"{title:<{name_width}}  {bar(done, count)} {done:>{count_width}}/{count:<{count_width}}  "
            f"{plural(attempts, 'attempt'):<{attempts_width}}  {duration(spent):>7} checking  "
            f"{plural(hints, 'hint')}"
        )
        lines.append(paint(text, "bold") if row is total else text)
    return "\n".join(lines)

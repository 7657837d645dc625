"""Command palette entries: every action of the current screen, plus go-to commands.

Screen actions come from the screen's own bindings, so a new key is in the
palette the moment it exists, and an action `check_action` disables is left
out. Opening any lesson or exercise by name is searchable but not listed
when the palette opens empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from tutor.app.app import TutorApp


def _binding_commands(app: TutorApp, screen: Screen) -> Iterable[SystemCommand]:
    seen: set[str] = set()
    for owner in (screen, app):
        for binding in type(owner).BINDINGS:
            if not isinstance(binding, Binding) or not binding.description or binding.description in seen:
                continue
            destination, name, parameters = parse_action(binding.action)
            target = app if destination == "app" or owner is app else screen
            if target.check_action(name, parameters) is not True:
                continue  # disabled or hidden here
            seen.add(binding.description)
            key = app.get_key_display(Binding(binding.key.split(",")[0], binding.action))
            yield SystemCommand(binding.description, f"key: {key}", partial(app.run_action, binding.action, owner))


def palette_commands(app: TutorApp, screen: Screen) -> Iterable[SystemCommand]:
    yield from _binding_commands(app, screen)
    yield SystemCommand("Continue", "open the exercise where you left off", app.action_continue)
    yield SystemCommand("Switch track", "bottom-up ⇄ top-down", app.action_switch_track)
    for stage in app.session.course.stages:
        for lesson in stage.lessons:
            yield SystemCommand(
                f"Lesson: {lesson.title}", stage.title, partial(app.open_lesson, lesson.id), discover=False
            )
        for ex in stage.exercises:
            yield SystemCommand(
                f"Exercise: {ex.id} — {ex.title}", stage.title, partial(app.open_exercise, ex.id), discover=False
            )

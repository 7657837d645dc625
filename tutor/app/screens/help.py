"""The help screen: every key, per screen, generated from the bindings themselves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

EXTRA = [
    ("^p", "command palette: every action by name"),
    ("^q", "quit"),
    ("tab", "move focus"),
    ("↑ ↓ pgup pgdn", "scroll, move in lists"),
    ("enter", "open the highlighted item"),
]


def _sections() -> list[tuple[str, type]]:
    from tutor.app.app import TutorApp
    from tutor.app.screens.exercise import ExerciseScreen
    from tutor.app.screens.lesson import LessonScreen
    from tutor.app.screens.progress import ProgressScreen
    from tutor.app.screens.roadmap import RoadmapScreen

    return [
        ("Everywhere", TutorApp),
        ("Roadmap", RoadmapScreen),
        ("Lesson", LessonScreen),
        ("Exercise", ExerciseScreen),
        ("Progress", ProgressScreen),
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="close")]

    def __init__(self, under: Screen | None = None) -> None:
        super().__init__(classes="dialog")
        self.under = under

    def _keys(self, owner: type[DOMNode]) -> list[tuple[str, str]]:
        keys = []
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.description.startswith("Exercise "):
                if binding.key == "1":
                    keys.append(("1-9", "open the n-th exercise listed under the lesson"))
                continue
            shown = "/".join(
                self.app.get_key_display(Binding(k.strip(), binding.action)) for k in binding.key.split(",")
            )
            keys.append((shown, binding.description))
        return keys

    def compose(self) -> ComposeResult:
        sections = _sections()
        current = [s for s in sections if self.under is not None and isinstance(self.under, s[1])]
        ordered = current + [s for s in sections if s not in current]
        with VerticalScroll(classes="dialog-box help") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape closes"
            for title, owner in ordered:
                keys = self._keys(owner) + (EXTRA if owner.__name__ == "TutorApp" else [])
                rows = [Content.styled(title, "bold $text-primary")]
                rows += [Content.assemble((f"  {key:<14}", "bold $text-accent"), text) for key, text in keys]
                yield Static(Content("\n").join(rows), classes="help-section")

"""Small modal screens: a yes/no confirmation and the reference solution."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something the learner cannot undo from the app."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
    ]

    def __init__(self, title: str, question: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self.title_text
            yield Static(Content(self.question))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", variant="error", id="yes")
                yield Button("No (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class SolutionScreen(ModalScreen[None]):
    """The reference solution, highlighted; shown only once the learner's code passed."""

    BINDINGS = [Binding("escape,q,s", "dismiss", "Close", id="close")]

    def __init__(self, title: str, code: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.code = code

    def compose(self) -> ComposeResult:
        from textual.highlight import highlight

        with ScrollableContainer(classes="dialog-box solution") as box:
            box.border_title = self.title_text
            box.border_subtitle = "escape closes"
            yield Static(highlight(self.code.rstrip(), language="python"))

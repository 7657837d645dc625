"""A clear error screen for a workspace or lesson pack that does not load."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from tutor.errors import TutorError

ADVICE = (
    "`dltutor doctor` checks the installation and the workspace; `dltutor validate` "
    "names the file and line of a lesson pack problem."
)


class ErrorScreen(Screen):
    BINDINGS = [Binding("q,escape,enter", "app.quit", "Quit", id="quit")]

    def __init__(self, error: TutorError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box") as box:
            box.border_title = f"dltutor · {self.error.title}"
            yield Static(Content(self.error.message), id="error-message")
            yield Static(Content.styled(ADVICE, "$foreground-muted"), id="error-advice")
        yield Footer(compact=True, show_command_palette=False)


class ErrorApp(App[int]):
    """Shown instead of the tutor when loading failed; exits with status 2."""

    CSS_PATH = "../app.tcss"
    TITLE = "dltutor"

    def __init__(self, error: TutorError) -> None:
        super().__init__()
        self.error = error

    def get_default_screen(self) -> Screen:
        return ErrorScreen(self.error)

    async def action_quit(self) -> None:
        self.exit(2, return_code=2)

"""A one-line title bar: "dltutor · <screen>", with the command palette key.

Textual's Header sets its title after mounting, which races with screens
replaced quickly one after another; this bar renders from the screen's
`sub_title` directly.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "sub_title", self._show, init=True)

    def _show(self, sub_title: str) -> None:
        self.update(
            Content.assemble(
                (self.app.title, "bold $text-primary"),
                (f" · {sub_title}" if sub_title else "", "bold"),
                ("   ctrl+p: commands  ?: keys", "$foreground-muted"),
            )
        )

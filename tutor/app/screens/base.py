"""The base of the app's screens: `self.app` typed as `TutorApp`, `self.session` beside it.

Screens reach the engine only through `Session` (never its store or
workspace), and through `app` for what the app owns: the check control, the
seed and timing switches tests set, navigation.
"""

from __future__ import annotations

from textual import getters
from textual.screen import Screen

from tutor.app.app import TutorApp
from tutor.session import Session


class TutorScreen(Screen[None]):
    app = getters.app(TutorApp)

    @property
    def session(self) -> Session:
        return self.app.session

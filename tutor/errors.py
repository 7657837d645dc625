"""The one exception family the front ends know how to show.

The CLI prints a TutorError plainly and exits 2; the app shows it as an error
notification or screen. Anything else escaping is a bug in dltutor itself.
"""

from __future__ import annotations


class TutorError(Exception):
    """A problem the user can act on, with a short title and a full message."""

    title = "dltutor error"

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class UsageError(TutorError):
    """A bad command line: unknown exercise, bad flag, unavailable device."""

    title = "usage error"


class CourseError(TutorError):
    """A lesson pack that does not load or validate; the message names file:line."""

    title = "lesson pack error"


class WorkspaceError(TutorError):
    """A workspace that is missing, unreadable or half-initialised."""

    title = "workspace error"

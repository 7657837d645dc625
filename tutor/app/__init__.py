"""The Textual front end of dltutor.

    run_app(session)      the tutor; returns the process exit code
    run_error_app(error)  a clear error screen when loading failed; returns 2

Importing this package is cheap: Textual itself loads only when an app runs,
and torch and sympy never load in the UI process (sympy only in a worker
thread, when a lesson with derivations opens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.errors import TutorError
    from tutor.session import Session


def run_app(session: Session) -> int:
    """Run the tutor until the learner quits; closes `session` on the way out."""
    from tutor.errors import TutorError

    try:
        from tutor.app.app import TutorApp

        app = TutorApp(session)
    except TutorError as error:
        session.close()
        return run_error_app(error)
    try:
        app.run()
    finally:
        app.checks.close()
        session.close()
    return app.return_code or 0


def run_error_app(error: TutorError) -> int:
    """Show a loading error full-screen (not a traceback); exit status 2."""
    from tutor.app.screens.error import ErrorApp

    ErrorApp(error).run()
    return 2


__all__ = ["run_app", "run_error_app"]

"""Fixtures for the app's tests: a fixed test course, a temp workspace, helpers.

The course under fixtures/course never changes with the real lessons, so the
snapshots only change when the UI does.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor.course import Course, load_course
from tutor.session import Session

COURSE_ROOT = Path(__file__).resolve().parent / "fixtures" / "course"
WORKSPACE_LABEL = "~/dltutor-workspace"


@pytest.fixture(scope="session")
def test_course() -> Course:
    return load_course(COURSE_ROOT)


@pytest.fixture
def session(tmp_path: Path, test_course: Course):
    session = Session.open(tmp_path / "ws", course=test_course)
    yield session
    session.close()


@pytest.fixture
def make_app(session: Session):
    """make_app(**options) -> a TutorApp that renders the same way on every run.

    After the test, every app made must have ended without an exception: a
    crash inside the app does not always fail the test on its own (a snapshot
    would just record the wreckage).
    """
    from tutor.app.app import TutorApp

    made = []

    def make(**options):
        # ascii=False: snapshots do not depend on the locale the tests run under (LANG=C tests say ascii=True).
        options = {
            "seed": 1234,
            "timings": False,
            "workspace_label": WORKSPACE_LABEL,
            "poll_s": 0.2,
            "ascii": False,
        } | options
        app = TutorApp(session, **options)
        app.animation_level = "none"
        made.append(app)
        return app

    yield make
    for app in made:
        assert app.return_code in (None, 0), f"the app crashed: {app._exception!r}"


def write_learner(session: Session, exercise_id: str, text: str) -> Path:
    path = session.workspace.file_for(session.course.exercise(exercise_id))
    path.write_text(text, encoding="utf-8")
    return path


def runner_children() -> list[int]:
    """Our child processes that are check runners (or zombies left unreaped)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == os.getpid() and (
            b"tutor.runner.keeper" in cmdline or b"tutor.runner.child" in cmdline or state == "Z"
        ):
            found.append(int(entry.name))
    return found


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Let the app run until `condition()` holds (fails the test after `timeout`)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {condition}")
        await pilot.pause(0.05)


SLOW_DESCEND = """import time


def step(w, lr):
    time.sleep({delay})
    return w - lr * 2 * w
"""

"""Startup stays light (no torch, no sympy, small RSS), and load errors get a screen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.app.conftest import COURSE_ROOT
from tutor.app.screens.error import ErrorApp, ErrorScreen
from tutor.errors import WorkspaceError

REPO = Path(__file__).resolve().parents[2]

PROBE = r"""
import asyncio, json, sys
from pathlib import Path

import tutor.app
from tutor.course import load_course
from tutor.session import Session

loaded = {"after_import": sorted(m for m in ("torch", "sympy", "textual") if m in sys.modules)}
from tutor.app.app import TutorApp

session = Session.open(Path(sys.argv[1]), course=load_course(Path(sys.argv[2])))
app = TutorApp(session)

def heavy():
    return sorted(m for m in ("torch", "sympy") if m in sys.modules)

def rss_mb():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS:")) / 1024

async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        loaded["first_screen"] = type(app.screen).__name__
        loaded["constructed"] = heavy()
        loaded["rss_mb"] = rss_mb()
        app.open_exercise("double")
        await pilot.pause(0.5)
        await pilot.press("p")
        await pilot.pause()
        loaded["exercise_and_progress"] = heavy()
        app.open_lesson("doubling")
        await pilot.pause()
        await app.workers.wait_for_complete()
        loaded["lesson"] = heavy()

asyncio.run(main())
print(json.dumps(loaded))
"""


def test_the_ui_process_never_imports_torch_and_sympy_only_for_a_lesson(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "ws"), str(COURSE_ROOT)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={"DLTUTOR_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded["after_import"] == []  # importing tutor.app loads not even Textual
    assert loaded["first_screen"] == "RoadmapScreen"
    assert loaded["constructed"] == []
    assert loaded["exercise_and_progress"] == []
    assert loaded["lesson"] == ["sympy"]  # in a worker thread, for the derivation
    assert loaded["rss_mb"] <= 100


async def test_a_load_error_gets_a_screen_and_exit_status_2():
    app = ErrorApp(WorkspaceError("$DLTUTOR_WORKSPACE=/nowhere is not a dltutor workspace"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ErrorScreen)
        assert "/nowhere" in str(app.screen.query_one("#error-message").render())
        await pilot.press("q")
    assert app.return_code == 2


def test_run_app_turns_a_tutor_error_into_the_error_app(monkeypatch, session):
    import tutor.app
    import tutor.app.app

    shown = []

    def broken(*args, **kwargs):
        raise WorkspaceError("cannot read the workspace")

    monkeypatch.setattr(tutor.app.app, "TutorApp", broken)
    monkeypatch.setattr(tutor.app, "run_error_app", lambda error: shown.append(error) or 2)
    assert tutor.app.run_app(session) == 2
    assert shown and shown[0].message == "cannot read the workspace"

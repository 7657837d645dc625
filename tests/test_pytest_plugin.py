"""`pytest` inside a learner's workspace collects each exercise and reports dltutor's verdicts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e  # each test runs pytest itself in a subprocess

MINI = Path(__file__).parent / "fixtures" / "mini_course"
SOLUTION = (MINI / "lessons" / "01-mini" / "solutions" / "double.py").read_text()


def _env(tmp_path: Path) -> dict:
    return {**os.environ, "DLTUTOR_COURSE": str(MINI), "DLTUTOR_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}


def _pytest(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    # -p no:cacheprovider: a learner's run must leave nothing of pytest's behind either.
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_each_exercise_is_an_item_and_fails_with_dltutors_words(tmp_path):
    env = _env(tmp_path)
    ws = tmp_path / "ws"
    subprocess.run([sys.executable, "-m", "tutor.cli", "init", str(ws)], env=env, check=True, capture_output=True)
    out = _pytest(ws, env, "-q")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "not implemented yet" in out.stdout and "2 failed" in out.stdout
    (ws / "exercises" / "01-mini" / "double.py").write_text(SOLUTION)
    one = _pytest(ws, env, "-q", "-k", "double")
    assert one.returncode == 0 and "1 passed" in one.stdout, one.stdout
    # Nothing is recorded: pytest is for teachers and CI, the learner's progress stays theirs.
    listing = subprocess.run(
        [sys.executable, "-m", "tutor.cli", "progress", "--json"],
        cwd=ws,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(listing.stdout)["attempts"] == []


def test_the_plugin_is_inert_outside_a_workspace(tmp_path):
    (tmp_path / "test_plain.py").write_text("def test_ok():\n    assert True\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "dltutor.toml").write_text("not the root\n")
    out = _pytest(tmp_path, _env(tmp_path), "-q")
    assert out.returncode == 0 and "1 passed" in out.stdout, out.stdout + out.stderr

"""A non-editable install ships lessons, starters, checkers and reference solutions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO
from tutor.course import load_course

# The full lane only (builds and installs a wheel); the fast lane is `pytest --fast`.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("dltutor-*.whl"))
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def _run(installed: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(installed), "DLTUTOR_HOME": str(tmp_path / "home")}
    env.pop("DLTUTOR_COURSE", None)
    return subprocess.run(
        [sys.executable, "-m", "tutor.cli", *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
    )


def test_the_wheel_carries_the_whole_course(installed):
    shipped = load_course(installed / "tutor" / "_course")
    source = load_course(REPO)
    assert [ex.id for ex in shipped.exercises()] == [ex.id for ex in source.exercises()]
    for ex in shipped.exercises():
        assert ex.starter.is_file() and ex.checker.is_file() and ex.solution.is_file()
    for stage in shipped.stages:
        for lesson in stage.lessons:
            assert lesson.path.is_file()


def test_the_installed_cli_uses_the_installed_course(installed, tmp_path):
    listing = _run(installed, tmp_path, "list", "--json")
    assert listing.returncode == 0, listing.stderr
    files = [ex["file"] for stage in json.loads(listing.stdout)["stages"] for ex in stage["exercises"]]
    assert files and all(str(tmp_path / "home") in f for f in files)
    solution = installed / "tutor" / "_course" / "lessons" / "02-neural-networks" / "solutions" / "softmax.py"
    check = _run(installed, tmp_path, "check", "softmax", "--file", str(solution), "--json")
    assert check.returncode == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["status"] == "pass"


def test_the_installed_package_finds_its_bundled_course(installed, tmp_path):
    where = _run(installed, tmp_path, "where")
    assert f"course content:  {installed / 'tutor' / '_course'}" in where.stdout

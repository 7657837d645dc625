"""Shared fixtures: an isolated data home, the course, and a one-call check runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tutor.course import Course, load_course
from tutor.runner import CheckRequest, CheckResult, WarmPool, run_check

REPO = Path(__file__).resolve().parents[1]
WRONG_DIR = Path(__file__).resolve().parent / "wrong"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the developer's own dltutor data."""
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("DLTUTOR_WORKSPACE", raising=False)


@pytest.fixture(scope="session")
def course() -> Course:
    return load_course(REPO)


_POOL: WarmPool | None = None


def _pool() -> WarmPool:
    """One warm pool per test process: a torch child imports while the previous check runs."""
    global _POOL
    if _POOL is None:
        _POOL = WarmPool()
    return _POOL


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _POOL is not None:
        _POOL.close()


def check_file(course: Course, exercise_id: str, path: Path, *, seed: int = 1234,
               device: str = "cpu") -> CheckResult:
    ex = course.exercise(exercise_id)
    request = CheckRequest(
        exercise_id=ex.id, learner_path=str(path), checker_path=str(ex.checker),
        reference_path=str(ex.solution), seed=seed, device="cpu" if ex.device == "cpu" else device,
        uses_torch=ex.uses_torch,
        time_limit_s=ex.time_limit_s, memory_mb=ex.memory_mb,
    )
    return run_check(request, pool=_pool())


def failure_text(result: CheckResult) -> str:
    """Everything a learner reads about why it failed, in one string."""
    parts = [result.message] + [s["message"] for s in result.steps if s["status"] == "fail"]
    return "\n".join(p for p in parts if p)


@pytest.fixture
def run_source(course: Course, tmp_path: Path):
    """run_source(exercise_id, code, seed=...) -> CheckResult for code written to a temp file."""

    def run(exercise_id: str, code: str, *, name: str | None = None, seed: int = 1234) -> CheckResult:
        path = tmp_path / (name or f"{exercise_id}.py")
        path.write_text(code)
        return check_file(course, exercise_id, path, seed=seed)

    return run


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")

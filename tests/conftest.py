"""Fixtures shared by every test: an isolated data home, the course, a one-call check runner."""

from __future__ import annotations

import os

import pytest

from tests.helpers import REPO, close_pool
from tutor.course import Course, load_course


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the developer's own dltutor data."""
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("DLTUTOR_WORKSPACE", raising=False)


@pytest.fixture(scope="session")
def course() -> Course:
    return load_course(REPO)


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    close_pool()

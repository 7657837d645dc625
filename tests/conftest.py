"""Fixtures shared by every test: an isolated data home, the course, a one-call check runner."""

from __future__ import annotations

import gc
import os
from pathlib import Path

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


# The developers' lane (`pytest --fast -n 2`) leaves these out; the README's test command runs all.
FULL_LANE_ONLY = ("slow", "e2e", "snapshot")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fast",
        action="store_true",
        help=f"the fast lane: engine, CLI and app without the tests marked {', '.join(FULL_LANE_ONLY)}",
    )


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """In the fast lane a module marked slow as a whole is not even collected: collecting the
    course's ~2,000 wrong/right/content items costs every xdist worker seconds of start-up."""
    if config.getoption("--fast") and collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        if "\npytestmark = pytest.mark.slow" in collection_path.read_text(encoding="utf-8"):
            return True
    return None


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects, so `-m "not snapshot"` sees the mark
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)
    if config.getoption("--fast"):
        dropped = [item for item in items if any(item.get_closest_marker(m) for m in FULL_LANE_ONLY)]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            gone = {id(item) for item in dropped}
            items[:] = [item for item in items if id(item) not in gone]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    close_pool()
    # The interpreter's last garbage collection walks every object the app tests built: 4-5 s of each
    # xdist worker's exit, which the whole run waits for. Nothing is collected after the last test.
    gc.freeze()

"""`pytest` in a dltutor workspace: each exercise is a test item, dltutor's verdict its failure text.

Registered through the `pytest11` entry point, so it loads in every pytest run on a
machine where dltutor is installed; it stays inert unless pytest's root folder is a
dltutor workspace (holds `dltutor.toml`). This is the form autograders (GitHub
Classroom and the like) run: `pytest` exits non-zero while any exercise fails.

The checks run exactly as `dltutor check` runs them: one child process each, with the
manifest's time and memory limits. Nothing is recorded in the learner's progress.

    pytest                      every exercise, in the workspace's track order
    pytest -k softmax           one of them
    pytest --dltutor-stage 02-neural-networks
    pytest --dltutor-seed 7 --dltutor-device cuda
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

MARKER = "dltutor.toml"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("dltutor", "dltutor exercises (in a dltutor workspace)")
    group.addoption(
        "--dltutor-stage",
        action="append",
        default=[],
        metavar="STAGE",
        help="only this stage's exercises (repeatable), e.g. 02-neural-networks",
    )
    group.addoption(
        "--dltutor-seed",
        type=int,
        default=1234,
        metavar="N",
        help="the seed every check runs with (default 1234, so runs are repeatable)",
    )
    group.addoption(
        "--dltutor-device", default="auto", choices=("auto", "cpu", "cuda"), help="where torch exercises run"
    )


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.name == MARKER and file_path.parent == parent.config.rootpath:
        return WorkspaceFile.from_parent(parent, path=file_path)
    return None


class WorkspaceFile(pytest.File):
    """The workspace marker file stands for the whole workspace: one item per exercise."""

    def collect(self):  # type: ignore[override]
        from tutor.session import Session

        session = Session.open(self.path.parent)
        self.config.add_cleanup(session.close)
        stages = set(self.config.getoption("dltutor_stage"))
        for ex in session.ordered_exercises():
            if stages and ex.stage_id not in stages:
                continue
            item = ExerciseItem.from_parent(self, name=ex.id, tutor_session=session, exercise_id=ex.id)
            item.add_marker(pytest.mark.dltutor)
            yield item


class ExerciseFailed(Exception):
    """A verdict other than pass; its text is dltutor's own report."""


class ExerciseItem(pytest.Item):
    def __init__(self, *, tutor_session: Any, exercise_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tutor_session = tutor_session
        self.exercise_id = exercise_id

    def runtest(self) -> None:
        from tutor import requirements
        from tutor.errors import UsageError
        from tutor.report import Painter, format_result

        ex = self.tutor_session.course.exercise(self.exercise_id)
        absent = requirements.missing_message(ex)
        if absent:
            pytest.skip(absent)
        try:
            result = self.tutor_session.check(
                ex.id,
                seed=self.config.getoption("dltutor_seed"),
                device=self.config.getoption("dltutor_device"),
                record=False,
            )
        except UsageError as exc:  # e.g. a GPU exercise on a machine without one
            pytest.skip(str(exc))
        if not result.passed:
            painter = Painter()
            painter.enabled = False
            raise ExerciseFailed(format_result(result, painter, title=f"{ex.id} ({ex.title})"))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ExerciseFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        ex = self.tutor_session.course.exercise(self.exercise_id)
        return self.tutor_session.path_for(ex), None, f"dltutor: {ex.id}"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "dltutor: a dltutor exercise checked by its checker")

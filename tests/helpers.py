"""Helpers shared by the engine and content tests (imported as `tests.helpers`)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tutor.course import Course
from tutor.runner import CheckRequest, CheckResult, WarmPool, run_check
from tutor.validate import failure_text  # noqa: F401 - the one definition; tests import it from here

REPO = Path(__file__).resolve().parents[1]


_POOL: WarmPool | None = None

# Commands that read the course and the workspace and start no check: the tests run these in
# their own process, where an interpreter start would cost more than the command itself. Commands
# that start checks run as real processes (`python -m tutor.cli`), as a learner runs them.
STARTS_NOTHING = frozenset({"init", "list", "hint", "solution", "reset", "progress", "where"})


def run_cli_here(args: tuple[str, ...], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    """`dltutor ARGS` in this process, with `env` over os.environ and `cwd` as the working folder."""
    import contextlib
    import io
    from unittest import mock

    from tutor.cli import main

    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, env), contextlib.chdir(cwd):
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's own usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(["dltutor", *args], code, out.getvalue(), err.getvalue())


def pool() -> WarmPool:
    """One warm pool per test process: a torch child imports while the previous check runs."""
    global _POOL
    if _POOL is None:
        _POOL = WarmPool()
    return _POOL


def close_pool() -> None:
    if _POOL is not None:
        _POOL.close()


def check_file(course: Course, exercise_id: str, path: Path, *, seed: int = 1234, device: str = "cpu") -> CheckResult:
    ex = course.exercise(exercise_id)
    request = CheckRequest(
        exercise_id=ex.id,
        learner_path=str(path),
        checker_path=str(ex.checker),
        reference_path=str(ex.solution),
        seed=seed,
        device="cpu" if ex.device == "cpu" else device,
        uses_torch=ex.uses_torch,
        time_limit_s=ex.time_limit_s,
        memory_mb=ex.memory_mb,
        numpy_only=ex.numpy_only,
    )
    return run_check(request, pool=pool())

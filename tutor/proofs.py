"""A lesson pack's own proof: the wrong and right solutions kept beside each stage.

    lessons/NN-slug/wrong/<exercise_id>/<mistake>.py   must fail, naming the mistake
    lessons/NN-slug/right/<exercise_id>/<variant>.py   must pass (on every seed tried)

A wrong solution starts with one or more header lines

    # expect: <text that must appear in the failure, case-insensitive>

and optionally `# status: error` when the verdict must be an error rather
than a fail. Adding a mistake is adding a file. `dltutor validate` and the
test suite both read the cases from here, so they cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tutor.course import Course, Stage

PROOF_DIRS = ("wrong", "right")


@dataclass(frozen=True)
class ProofCase:
    exercise_id: str
    path: Path
    kind: Literal["wrong", "right"]
    expects: tuple[str, ...] = ()  # wrong only: words the failure must contain
    status: str = "pass"  # the verdict it must get: "pass" for right; "fail" or "error" for wrong

    @property
    def label(self) -> str:
        return f"{self.exercise_id}/{self.path.stem}"


def read_header(path: Path) -> tuple[tuple[str, ...], str]:
    """(expected phrases, expected status) from a wrong solution's leading comment lines."""
    expects: list[str] = []
    status = "fail"
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"#\s*expect:\s*(.+)", line)
        if match:
            expects.append(match.group(1).strip())
        match = re.match(r"#\s*status:\s*(\w+)", line)
        if match:
            status = match.group(1)
        if line and not line.startswith("#"):
            break
    return tuple(expects), status


def stage_cases(stage: Stage, kind: Literal["wrong", "right"]) -> Iterator[ProofCase]:
    folder = stage.path / kind
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*/*.py")):
        exercise_id = path.parent.name
        if kind == "wrong":
            expects, status = read_header(path)
            yield ProofCase(exercise_id, path, kind, expects, status)
        else:
            yield ProofCase(exercise_id, path, kind)


def course_cases(course: Course, kind: Literal["wrong", "right"]) -> list[ProofCase]:
    return [case for stage in course.stages for case in stage_cases(stage, kind)]


def judge(case: ProofCase, status: str, failure_text: str) -> str | None:
    """None when the verdict is what the case promises; otherwise what went wrong, in words."""
    if case.kind == "wrong" and not case.expects:
        return f"{case.path}: a wrong solution needs at least one `# expect:` line"
    if status != case.status:
        return f"expected {case.status}, got {status}: {failure_text.strip()[:400]}"
    missing = [e for e in case.expects if e.lower() not in failure_text.lower()]
    if missing:
        return f"{missing[0]!r} not in the failure text: {failure_text.strip()[:400]}"
    return None


def stray_files(course: Course) -> list[str]:
    """Files in a pack that nothing reads (rustlings' `dev check`): a typo'd name is a silent hole."""
    problems: list[str] = []
    for stage in course.stages:
        problems += _stray_in_stage_folder(stage)
        problems += _unused_checkers_and_solutions(stage)
        problems += _unused_starters(stage)
    return problems


def _stray_in_stage_folder(stage: Stage) -> list[str]:
    """Lesson files no [[lesson]] names, and wrong/right folders named after no exercise of the stage."""
    ids = {ex.id for ex in stage.exercises}
    lesson_files = {lesson.path.name for lesson in stage.lessons}
    problems: list[str] = []
    for path in sorted(stage.path.iterdir()):
        if path.name.startswith(".") or path.name == "__pycache__":
            continue
        if path.is_file() and path.suffix == ".md" and path.name not in lesson_files:
            problems.append(f"{path}: a lesson file no [[lesson]] names")
        elif path.is_dir() and path.name in PROOF_DIRS:
            for sub in sorted(path.iterdir()):
                if sub.is_dir() and sub.name not in ids and sub.name != "__pycache__":
                    problems.append(f"{sub}: no exercise {sub.name!r} in this stage")
    return problems


def _unused_checkers_and_solutions(stage: Stage) -> list[str]:
    """checks/ and solutions/ files no exercise points at (`_`-prefixed helpers are shared, not unused)."""
    used = {ex.checker.resolve() for ex in stage.exercises} | {ex.solution.resolve() for ex in stage.exercises}
    problems: list[str] = []
    for kind in ("checks", "solutions"):
        folder = stage.path / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.py")):
            if not path.name.startswith("_") and path.resolve() not in used:
                what = "checker" if kind == "checks" else "solution"
                problems.append(f"{path}: no exercise uses this {what}")
    return problems


def _unused_starters(stage: Stage) -> list[str]:
    """Starters in the stage's exercises/ folder (found through its first exercise) that no exercise uses."""
    starters = stage.exercises[0].starter.parent if stage.exercises else None
    if starters is None or not starters.is_dir():
        return []
    used_starters = {ex.starter.resolve() for ex in stage.exercises}
    return [
        f"{path}: a starter no exercise uses"
        for path in sorted(starters.glob("*.py"))
        if path.resolve() not in used_starters
    ]

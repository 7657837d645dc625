"""`dltutor validate [PATH]`: is a lesson pack sound?

Manifests load (errors name file:line), every derivation holds, every starter
fails, every reference solution passes. Exit 2 for a pack that does not load
or whose derivations are wrong; 1 when an exercise misbehaves; 0 when clean.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tutor import derive
from tutor.course import Course, load_course
from tutor.errors import CourseError
from tutor.progress import ProgressStore
from tutor.report import Painter
from tutor.runner import WarmPool
from tutor.session import Session
from tutor.workspace import Workspace


def _course_root(path: Path | None) -> tuple[Path | None, str | None]:
    """(course root, only this stage id or None) from what the author pointed at."""
    if path is None:
        return None, None
    path = path.resolve()
    if (path / "stage.toml").is_file():
        return path.parent.parent, path.name
    if (path / "course.toml").is_file():
        return path.parent, None
    if (path / "lessons").is_dir():
        return path, None
    raise CourseError(f"{path}: not a course, lessons folder or stage folder")


def validate(path: Path | None, as_json: bool = False) -> int:
    root, only_stage = _course_root(path)
    course: Course = load_course(root)
    paint = Painter()
    stages = [s for s in course.stages if only_stage is None or s.id == only_stage]
    problems: list[dict] = []
    derivations = 0
    for stage in stages:
        for lesson in stage.lessons:
            try:
                derivations += len(derive.verify_file(lesson.path))
            except derive.DerivationError as exc:
                raise CourseError(str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="dltutor-validate-") as tmp:
        workspace = Workspace(Path(tmp))
        session = Session(course, workspace, ProgressStore(Path(tmp) / "progress.sqlite"))
        with WarmPool(cwd=tmp) as pool:
            for stage in stages:
                for ex in stage.exercises:
                    starter = session.check(ex.id, file=ex.starter, seed=1, pool=pool, record=False)
                    reference = session.check(ex.id, solution=True, seed=1, pool=pool, record=False)
                    if starter.passed:
                        problems.append({"exercise": ex.id, "problem": "the starter passes its checks"})
                    if not reference.passed:
                        why = reference.message or next(
                            (s["message"] for s in reference.steps if s["status"] == "fail"), "")
                        problems.append({"exercise": ex.id, "problem": f"the reference fails: {why}"})
                    if not as_json:
                        ok = not starter.passed and reference.passed
                        mark = paint("✓", "green") if ok else paint("✗", "red")
                        print(f"{mark} {ex.id:<24} starter {starter.status:<5} reference {reference.status:<5}"
                              f" {reference.duration_s:5.2f}s", flush=True)
        session.close()
    count = sum(len(s.exercises) for s in stages)
    if as_json:
        json.dump({"stages": [s.id for s in stages], "exercises": count, "derivations": derivations,
                   "problems": problems}, sys.stdout, indent=2)
        print()
    else:
        for problem in problems:
            print(f"problem: {problem['exercise']}: {problem['problem']}")
        print(f"{len(stages)} stage(s), {count} exercise(s), {derivations} derivation(s) verified; "
              f"{len(problems)} problem(s)")
    return 0 if not problems else 1

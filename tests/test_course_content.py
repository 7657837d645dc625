"""Every exercise: the starter fails, the reference passes; every derivation holds.

This is the course self-test (`dltutor check --all --solutions` and
`dltutor validate`) run on every commit.
"""

from __future__ import annotations

import pytest

from tests.helpers import REPO, check_file, failure_text
from tutor import derive
from tutor.course import load_course

# The full lane only (every starter and reference of the course runs); the fast lane is `pytest --fast`.
pytestmark = pytest.mark.slow

COURSE = load_course(REPO)
EXERCISES = [ex.id for ex in COURSE.exercises()]
LESSONS = [lesson for stage in COURSE.stages for lesson in stage.lessons]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_solution_passes(course, exercise_id):
    ex = course.exercise(exercise_id)
    result = check_file(course, exercise_id, ex.solution)
    assert result.status == "pass", failure_text(result)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_passes_with_another_seed(course, exercise_id):
    ex = course.exercise(exercise_id)
    result = check_file(course, exercise_id, ex.solution, seed=987654)
    assert result.status == "pass", failure_text(result)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_starter_fails_and_says_so(course, exercise_id):
    ex = course.exercise(exercise_id)
    result = check_file(course, exercise_id, ex.starter)
    assert result.status != "pass"
    assert failure_text(result).strip(), "a failing starter must say why"


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_lesson_derivations_hold(lesson):
    derive.verify_file(lesson.path)  # raises DerivationError naming file:line


def test_every_stage_has_lessons_and_exercises():
    for stage in COURSE.stages:
        assert stage.lessons, stage.id
        assert stage.exercises, stage.id


def test_dltutor_validate_is_clean_on_the_shipped_course(tmp_path):
    """`dltutor validate --static lessons/`: manifests, derivations, no stray files.

    The runs it would add (starters, references, wrong and right solutions) are the
    parametrised tests of this suite, one item each; running them twice bought nothing.
    """
    import json
    import os
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "tutor.cli", "validate", "--static", str(REPO / "lessons"), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DLTUTOR_HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stdout + out.stderr
    report = json.loads(out.stdout)
    assert report["problems"] == [] and report["exercises"] == len(EXERCISES)
    assert report["derivations"] == sum(len(derive.verify_file(lesson.path)) for lesson in LESSONS)

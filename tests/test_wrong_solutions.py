"""Realistic wrong solutions, kept in each stage's `wrong/<exercise_id>/`, each failing
with a message that names the mistake (format: `tutor.proofs`)."""

from __future__ import annotations

import pytest

from tests.helpers import REPO, check_file, failure_text
from tutor.course import load_course
from tutor.proofs import course_cases, judge

# The full lane only (every wrong solution of the course runs); the fast lane is `pytest --fast`.
pytestmark = pytest.mark.slow

CASES = course_cases(load_course(REPO), "wrong")


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_wrong_solution_fails_naming_the_mistake(course, case):
    result = check_file(course, case.exercise_id, case.path)
    problem = judge(case, result.status, failure_text(result))
    assert problem is None, problem

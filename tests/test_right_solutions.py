"""Correct solutions written differently from the reference must pass.

Each stage's `right/<exercise_id>/<variant>.py` is a correct submission in another
style (a loop where allowed, einsum, another init, another stable formula, code
as a popular tutorial would write it when it is right). A checker that fails
one of these would be lying to a learner.
"""

from __future__ import annotations

import pytest

from tests.helpers import REPO, check_file, failure_text
from tutor.course import load_course
from tutor.proofs import course_cases

# The full lane only (every right solution runs on two seeds); the fast lane is `pytest --fast`.
pytestmark = pytest.mark.slow

CASES = course_cases(load_course(REPO), "right")


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
@pytest.mark.parametrize("seed", [1234, 31337])
def test_correct_variant_passes(course, case, seed):
    result = check_file(course, case.exercise_id, case.path, seed=seed)
    assert result.status == "pass", failure_text(result)

"""Correct solutions written differently from the reference must pass.

tests/right/<exercise_id>/<variant>.py is a correct submission in another
style (a loop where allowed, einsum, another init, another stable formula, code
as a popular tutorial would write it when it is right). A checker that fails
one of these would be lying to a learner.
"""

from __future__ import annotations

import pytest

from tests.helpers import REPO, check_file, failure_text

RIGHT_DIR = REPO / "tests" / "right"
CASES = sorted(RIGHT_DIR.glob("*/*.py"))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
@pytest.mark.parametrize("seed", [1234, 31337])
def test_correct_variant_passes(course, path, seed):
    result = check_file(course, path.parent.name, path, seed=seed)
    assert result.status == "pass", failure_text(result)

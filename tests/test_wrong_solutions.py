"""Realistic wrong solutions, kept as files, each failing with a message that names the mistake.

tests/wrong/<exercise_id>/<mistake>.py starts with one or more lines

    # expect: <text that must appear in the failure, case-insensitive>

and optionally `# status: error` when the verdict must be an error rather
than a fail. Adding a mistake is adding a file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import WRONG_DIR, check_file, failure_text

CASES = sorted(WRONG_DIR.glob("*/*.py"))


def _header(path: Path) -> tuple[list[str], str]:
    expects, status = [], "fail"
    for line in path.read_text().splitlines():
        match = re.match(r"#\s*expect:\s*(.+)", line)
        if match:
            expects.append(match.group(1).strip())
        match = re.match(r"#\s*status:\s*(\w+)", line)
        if match:
            status = match.group(1)
        if line and not line.startswith("#"):
            break
    return expects, status


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_wrong_solution_fails_naming_the_mistake(course, path):
    expects, status = _header(path)
    assert expects, f"{path} needs an `# expect:` line"
    result = check_file(course, path.parent.name, path)
    text = failure_text(result)
    assert result.status == status, f"expected {status}, got {result.status}: {text}"
    for expected in expects:
        assert expected.lower() in text.lower(), f"{expected!r} not in failure text:\n{text}"

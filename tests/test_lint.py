"""The code style gate: ruff everywhere, mypy (strict optional) on the whole package, the app included."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import REPO


def test_ruff_is_clean():
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format_is_clean():
    """One layout everywhere but learner code (see pyproject's extend-exclude) and Markdown."""
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], cwd=REPO, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.slow  # about a minute; the fast lane (`--fast`) keeps ruff
def test_mypy_is_clean_on_the_whole_package():
    out = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr

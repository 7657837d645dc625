"""Extra packages an exercise declares (`requires = [...]` in its manifest entry).

Checked in the front end's process from installed distribution metadata, so a
missing package is named, with the command that installs it, before any child
starts, and nothing heavy is imported to find out.
"""

from __future__ import annotations

import re
from importlib import metadata

from tutor.course import Course, Exercise

EXTRA = "frontier"  # pyproject's optional-dependency group holding every exercise's extras


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~ ]", requirement, maxsplit=1)[0]


def missing(requirements: tuple[str, ...] | list[str]) -> list[str]:
    """The requirements whose distribution is not installed (version bounds are not judged)."""
    absent = []
    for requirement in requirements:
        try:
            metadata.version(_name(requirement))
        except metadata.PackageNotFoundError:
            absent.append(requirement)
    return absent


def install_hint(requirements: list[str]) -> str:
    quoted = " ".join(f"'{r}'" for r in requirements)
    return (f"pip install {quoted}   (or every extra the course uses: "
            f"pip install 'dltutor[{EXTRA}]')")


def missing_message(ex: Exercise) -> str | None:
    absent = missing(ex.requires)
    if not absent:
        return None
    names = ", ".join(_name(r) for r in absent)
    return f"{ex.id} needs {names}, which is not installed here. Install it with: {install_hint(absent)}"


def course_requirements(course: Course) -> dict[str, list[str]]:
    """requirement -> the exercises that need it (for `doctor`)."""
    table: dict[str, list[str]] = {}
    for ex in course.exercises():
        for requirement in ex.requires:
            table.setdefault(requirement, []).append(ex.id)
    return table

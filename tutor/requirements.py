"""Extra packages an exercise declares (`requires = [...]` in its manifest entry).

Checked in the front end's process from installed distribution metadata, so a
missing or too-old package is named, with the command that installs it,
before any child starts, and nothing heavy is imported to find out.
Requirements are parsed by `packaging` (PEP 508), the same grammar pip reads.
"""

from __future__ import annotations

from importlib import metadata

from packaging.version import InvalidVersion, Version

from tutor.course import Course, Exercise, parse_requirement

EXTRA = "frontier"  # pyproject's optional-dependency group holding every exercise's extras


def unmet(requirement: str) -> str | None:
    """Why `requirement` is not met here ("not installed", "1.2 installed"), or None if it is."""
    parsed = parse_requirement(requirement)
    if parsed is None:
        return "not a valid requirement"
    try:
        installed = metadata.version(parsed.name)
    except metadata.PackageNotFoundError:
        return "not installed"
    try:
        ok = not parsed.specifier or parsed.specifier.contains(Version(installed), prereleases=True)
    except InvalidVersion:
        ok = True  # a version pip itself could not order: do not block on it
    return None if ok else f"{installed} installed"


def missing(requirements: tuple[str, ...] | list[str]) -> list[str]:
    """The requirements that are not installed, or installed at a version outside their bounds."""
    return [r for r in requirements if unmet(r) is not None]


def install_hint(requirements: list[str]) -> str:
    quoted = " ".join(f"'{r}'" for r in requirements)
    return f"pip install {quoted}   (or every extra the course uses: pip install 'dltutor[{EXTRA}]')"


def missing_message(ex: Exercise) -> str | None:
    why = {r: reason for r in ex.requires if (reason := unmet(r)) is not None}
    if not why:
        return None
    names = ", ".join(f"{r} ({reason})" for r, reason in why.items())
    return f"{ex.id} needs {names}. Install it with: {install_hint(list(why))}"


def course_requirements(course: Course) -> dict[str, list[str]]:
    """requirement -> the exercises that need it (for `doctor`)."""
    table: dict[str, list[str]] = {}
    for ex in course.exercises():
        for requirement in ex.requires:
            table.setdefault(requirement, []).append(ex.id)
    return table

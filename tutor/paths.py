"""Where dltutor finds its course content and keeps per-user data.

`DLTUTOR_HOME` redirects all per-user data (tests set it, so a developer's own
progress never leaks into a test run).
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def course_root() -> Path:
    """The directory holding `lessons/` and `exercises/`.

    An installed wheel carries them in `tutor/_course`; a source checkout has
    them beside the package. `DLTUTOR_COURSE` points elsewhere (course authors).
    """
    override = os.environ.get("DLTUTOR_COURSE")
    if override:
        return Path(override).expanduser().resolve()
    bundled = _PACKAGE_DIR / "_course"
    if (bundled / "lessons").is_dir():
        return bundled
    return _PACKAGE_DIR.parent


def data_home() -> Path:
    """Per-user data directory (platformdirs), or `$DLTUTOR_HOME`."""
    override = os.environ.get("DLTUTOR_HOME")
    if override:
        return Path(override).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir("dltutor", appauthor=False))


def default_workspace() -> Path:
    return data_home() / "workspace"

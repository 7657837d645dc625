"""Which editor `e` opens, decided before the app hands the terminal over.

An editor that cannot start must be found out while the app still owns the
screen: once the terminal is handed over, an error has nowhere to be shown and
the app is left blank. Like git: $VISUAL, then $EDITOR, then `vi`, and the
learner is told when the fallback was used.
"""

from __future__ import annotations

import os
import shlex
import shutil
from dataclasses import dataclass


@dataclass(frozen=True)
class Editor:
    command: list[str] | None  # argv to run with the file appended; None: do not hand over
    note: str = ""  # said after a fallback
    problem: str = ""  # said instead of opening anything


def find_editor() -> Editor:
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if not value:
            continue
        try:
            argv = shlex.split(value)
        except ValueError as exc:
            return Editor(None, problem=f"${variable}={value!r} cannot be read ({exc}); fix $EDITOR")
        program = shutil.which(argv[0]) if argv else None
        if program is None:
            return Editor(
                None,
                problem=f"${variable} is {value!r}, but {argv[0]!r} is not installed or "
                "not on your PATH; set $EDITOR to an editor you have "
                "(e.g. export EDITOR=nano)",
            )
        return Editor([program, *argv[1:]])
    fallback = shutil.which("vi")
    if fallback is None:
        return Editor(
            None,
            problem="no editor: neither $VISUAL nor $EDITOR is set and vi is not "
            "installed; set $EDITOR (e.g. export EDITOR=nano)",
        )
    return Editor(
        [fallback],
        note="$VISUAL and $EDITOR are not set, so vi was opened (as git does); set $EDITOR to choose your editor",
    )

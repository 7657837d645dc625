"""`dltutor doctor`: what this machine and workspace look like, and what is wrong.

torch is probed in a child process, so the CLI itself never imports it.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tutor import __version__, paths
from tutor.errors import TutorError

if TYPE_CHECKING:
    from tutor.course import Course

_TORCH_PROBE = """
import json
try:
    import torch
except Exception as exc:
    print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
else:
    info = {"version": torch.__version__, "cuda_build": torch.version.cuda,
            "cuda_available": torch.cuda.is_available(), "devices": []}
    if info["cuda_available"]:
        for i in range(torch.cuda.device_count()):
            p = torch.cuda.get_device_properties(i)
            info["devices"].append(f"cuda:{i} {p.name} ({p.total_memory / 2**30:.0f} GiB)")
    print(json.dumps(info))
"""


def _probe_torch() -> dict:
    try:
        out = subprocess.run([sys.executable, "-c", _TORCH_PROBE], capture_output=True, text=True, timeout=120)
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, ValueError, IndexError) as exc:
        return {"error": f"the torch probe failed: {exc}"}


def _line(label: str, value: str) -> None:
    print(f"{label:<14} {value}")


def doctor(workspace_dir: Path | None = None) -> int:
    problems: list[str] = []  # each report below prints its lines and adds what is wrong here
    _line("dltutor", f"{__version__} ({paths.course_root()})")
    _line("python", f"{platform.python_version()} ({sys.executable})")
    _line("platform", platform.platform())
    course = _report_course(problems)
    if course is not None:
        _report_requirements(course, problems)
    _report_torch(problems)
    _report_terminal(problems)
    if course is not None:
        _report_workspace(course, workspace_dir, problems)
    for problem in problems:
        print(f"problem:       {problem}")
    print("all good" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


def _report_course(problems: list[str]) -> Course | None:
    """Load the course; a broken one is a problem to report, not a crash (the rest is still worth seeing)."""
    from tutor.course import load_course

    try:
        course = load_course()
        _line("course", f"{len(course.stages)} stages, {len(course.exercises())} exercises")
        packs = sorted({stage.pack for stage in course.stages} - {"dltutor"})
        if packs:
            _line("lesson packs", ", ".join(packs))
        problems.extend(course.warnings)
    except TutorError as exc:
        problems.append(str(exc))
        _line("course", f"BROKEN: {exc}")
        return None
    return course


def _report_requirements(course: Course, problems: list[str]) -> None:
    """The packages beyond the base install that some exercises need, and which are missing."""
    from tutor import requirements

    for requirement, users in requirements.course_requirements(course).items():
        why = requirements.unmet(requirement)
        state = f"MISSING ({why})" if why else "installed"
        _line("extra", f"{requirement:<22} {state}  (for {', '.join(users)})")
        if why:
            problems.append(
                f"{requirement}: {why}; {', '.join(users)} cannot be checked: "
                f"{requirements.install_hint([requirement])}"
            )


def _report_torch(problems: list[str]) -> None:
    """torch's version and CUDA devices, probed in a child process (importing torch here would cost seconds)."""
    from tutor.cli_views import working
    from tutor.session import nvidia_visible

    with working("importing torch to look for CUDA devices (a few seconds) …"):
        torch = _probe_torch()
    if "error" in torch:
        problems.append(f"torch: {torch['error']}")
        _line("torch", f"not usable: {torch['error']}")
        return
    _line("torch", f"{torch['version']} (CUDA build: {torch['cuda_build'] or 'none, CPU only'})")
    gpus = ", ".join(torch["devices"]) or "none"
    _line("cuda devices", gpus)
    if nvidia_visible() and not torch["cuda_available"]:
        problems.append(
            "an NVIDIA GPU is visible but this torch cannot use it (a CPU-only build, or a driver/CUDA mismatch)"
        )


def _report_terminal(problems: list[str]) -> None:
    """TERM, colours, size and locale: the things that decide whether the full-screen app can draw."""
    from tutor import terminal

    term = os.environ.get("TERM", "?")
    size = shutil.get_terminal_size((0, 0))
    extras = [
        name
        for name, var in (("tmux", "TMUX"), ("ssh", "SSH_CONNECTION"), ("NO_COLOR", "NO_COLOR"))
        if var in os.environ
    ]
    _line(
        "terminal",
        f"TERM={term} COLORTERM={os.environ.get('COLORTERM', '-')} {size.columns}x{size.lines}"
        + (f" ({', '.join(extras)})" if extras else ""),
    )
    locale = terminal.locale_name()
    _line("locale", f"{locale} ({'UTF-8' if terminal.utf8() else 'not UTF-8: the app draws with ASCII'})")
    if not terminal.utf8():
        problems.append(
            f"the locale is {locale}, not UTF-8: dltutor falls back to ASCII (no check "
            "marks, box drawing or superscripts); `export LANG=C.UTF-8` (or en_US.UTF-8) fixes it"
        )
    if terminal.dumb():
        problems.append(
            f"TERM={term or '(unset)'} cannot show the full-screen app: `dltutor` prints the plain "
            "view instead; set TERM=xterm-256color (tmux: screen-256color) for the app"
        )
    if size.columns and (size.columns < 80 or size.lines < 24):
        problems.append(f"the terminal is {size.columns}x{size.lines}; the app needs at least 80x24")


def _report_workspace(course: Course, workspace_dir: Path | None, problems: list[str]) -> None:
    """Where the learner's files live; their health and progress unless this run just created the workspace."""
    from tutor.progress import ProgressStore
    from tutor.workspace import Workspace

    workspace = Workspace(workspace_dir.resolve()) if workspace_dir else Workspace.find(create_default=True)
    _line("workspace", str(workspace.root) + ("  (not created yet)" if workspace.created else ""))
    if not workspace.created:
        for problem in workspace.health(course):
            print(f"{'':<14} note: {problem}")
        store = ProgressStore(workspace.progress_path)
        if store.warning:
            problems.append(store.warning)
        passed = sum(p.passed for p in store.summary().values())
        _line("progress", f"{passed} exercise(s) passed; store OK ({workspace.progress_path.name})")
        store.close()

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

from tutor import __version__, paths
from tutor.errors import TutorError

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


def doctor(workspace_dir: Path | None = None) -> int:
    from tutor.course import load_course
    from tutor.session import nvidia_visible

    problems: list[str] = []

    def line(label: str, value: str) -> None:
        print(f"{label:<14} {value}")

    line("dltutor", f"{__version__} ({paths.course_root()})")
    line("python", f"{platform.python_version()} ({sys.executable})")
    line("platform", platform.platform())
    try:
        course = load_course()
        line("course", f"{len(course.stages)} stages, {len(course.exercises())} exercises")
        packs = sorted({stage.pack for stage in course.stages} - {"dltutor"})
        if packs:
            line("lesson packs", ", ".join(packs))
        problems.extend(course.warnings)
    except TutorError as exc:
        course = None
        problems.append(str(exc))
        line("course", f"BROKEN: {exc}")
    if course is not None:
        from tutor import requirements

        for requirement, users in requirements.course_requirements(course).items():
            why = requirements.unmet(requirement)
            state = f"MISSING ({why})" if why else "installed"
            line("extra", f"{requirement:<22} {state}  (for {', '.join(users)})")
            if why:
                problems.append(
                    f"{requirement}: {why}; {', '.join(users)} cannot be checked: "
                    f"{requirements.install_hint([requirement])}"
                )
    from tutor.cli_views import working

    with working("importing torch to look for CUDA devices (a few seconds) …"):
        torch = _probe_torch()
    if "error" in torch:
        problems.append(f"torch: {torch['error']}")
        line("torch", f"not usable: {torch['error']}")
    else:
        line("torch", f"{torch['version']} (CUDA build: {torch['cuda_build'] or 'none, CPU only'})")
        gpus = ", ".join(torch["devices"]) or "none"
        line("cuda devices", gpus)
        if nvidia_visible() and not torch["cuda_available"]:
            problems.append(
                "an NVIDIA GPU is visible but this torch cannot use it (a CPU-only build, or a driver/CUDA mismatch)"
            )
    term = os.environ.get("TERM", "?")
    size = shutil.get_terminal_size((0, 0))
    extras = [
        name
        for name, var in (("tmux", "TMUX"), ("ssh", "SSH_CONNECTION"), ("NO_COLOR", "NO_COLOR"))
        if var in os.environ
    ]
    line(
        "terminal",
        f"TERM={term} COLORTERM={os.environ.get('COLORTERM', '-')} {size.columns}x{size.lines}"
        + (f" ({', '.join(extras)})" if extras else ""),
    )
    from tutor import terminal

    locale = terminal.locale_name()
    line("locale", f"{locale} ({'UTF-8' if terminal.utf8() else 'not UTF-8: the app draws with ASCII'})")
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
    if course is not None:
        from tutor.progress import ProgressStore
        from tutor.workspace import Workspace

        workspace = Workspace(workspace_dir.resolve()) if workspace_dir else Workspace.find(create_default=True)
        line("workspace", str(workspace.root) + ("  (not created yet)" if workspace.created else ""))
        if not workspace.created:
            for problem in workspace.health(course):
                print(f"{'':<14} note: {problem}")
            store = ProgressStore(workspace.progress_path)
            if store.warning:
                problems.append(store.warning)
            passed = sum(p.passed for p in store.summary().values())
            line("progress", f"{passed} exercise(s) passed; store OK ({workspace.progress_path.name})")
            store.close()
    for problem in problems:
        print(f"problem:       {problem}")
    print("all good" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1

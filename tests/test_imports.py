"""Engine modules never import Textual; the CLI never imports torch until a check needs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ENGINE = [
    "tutor.course",
    "tutor.workspace",
    "tutor.progress",
    "tutor.runner",
    "tutor.checks",
    "tutor.derive",
    "tutor.session",
    "tutor.datasets",
    "tutor.cli",
    "tutor.report",
    "tutor.validate",
]


def _modules_after(code: str, env: dict | None = None) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env={**os.environ, **(env or {})}
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_engine_modules_never_import_textual_or_torch():
    # One interpreter imports them in turn and says which import first brought a front-end or
    # torch module in: the same verdict as one interpreter per module, for one start-up.
    probe = (
        "import importlib, json, sys\n"
        "found = {}\n"
        f"for module in {ENGINE!r}:\n"
        "    importlib.import_module(module)\n"
        "    for banned in ('textual', 'torch'):\n"
        "        if banned in sys.modules:\n"
        "            found.setdefault(banned, module)\n"
        "print(json.dumps(found))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert not found, f"imported by (or first seen after) these engine modules: {found}"


def test_cli_commands_run_without_importing_torch(tmp_path):
    mini = Path(__file__).parent / "fixtures" / "mini_course"
    code = (
        "import contextlib, io\nfrom tutor.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    main(['list']); main(['check', 'double']); main(['progress'])\n"
    )
    loaded = _modules_after(code, {"DLTUTOR_HOME": str(tmp_path), "DLTUTOR_COURSE": str(mini)})
    assert "torch" not in loaded and "textual" not in loaded and "sympy" not in loaded

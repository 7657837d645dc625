"""The CLI contract: commands, exit codes (0/1/2) and the --json document."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import STARTS_NOTHING, run_cli_here

MINI = Path(__file__).parent / "fixtures" / "mini_course"
SOLUTION = (MINI / "lessons" / "01-mini" / "solutions" / "double.py").read_text()


@pytest.fixture
def dltutor(tmp_path):
    env = {**os.environ, "DLTUTOR_HOME": str(tmp_path / "home"), "DLTUTOR_COURSE": str(MINI), "NO_COLOR": "1"}
    ws = tmp_path / "ws"

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        cwd = cwd or (ws if ws.exists() else tmp_path)
        if args and args[0] in STARTS_NOTHING:
            return run_cli_here(args, env, cwd)
        return subprocess.run(
            [sys.executable, "-m", "tutor.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
        )

    run.ws = ws
    return run


def test_init_list_check_cycle(dltutor):
    assert dltutor("init", str(dltutor.ws)).returncode == 0
    listing = dltutor("list")
    assert "double" in listing.stdout and "next" in listing.stdout
    failing = dltutor("check", "double")
    assert failing.returncode == 1 and "not implemented yet" in failing.stdout
    (dltutor.ws / "exercises" / "01-mini" / "double.py").write_text(SOLUTION)
    passing = dltutor("check", "double", "--seed", "7")
    assert passing.returncode == 0 and "PASSED" in passing.stdout and "seed 7" in passing.stdout


def test_json_is_one_document_with_the_contract_fields(dltutor, tmp_path):
    dltutor("init", str(dltutor.ws))
    attempt = tmp_path / "try.py"
    attempt.write_text("def double(x):\n    return 3 * x\n")
    out = dltutor("check", "double", "--file", str(attempt), "--json", "--seed", "7")
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    assert {"schema", "exercise", "status", "device", "seed", "duration_s", "message", "steps"} <= doc.keys()
    assert doc["schema"] == "dltutor.check/1"
    assert doc["status"] == "fail" and doc["seed"] == 7 and doc["device"] == "cpu"
    step = doc["steps"][-1]
    assert {"name", "kind", "status", "message", "details"} <= step.keys()
    assert "1.5×" in step["message"] and "constant factor" in step["message"]


def test_same_seed_replays_the_same_inputs(dltutor, tmp_path):
    dltutor("init", str(dltutor.ws))
    attempt = tmp_path / "try.py"
    attempt.write_text("def double(x):\n    return x + x[0, 0]\n")
    a = json.loads(dltutor("check", "double", "--file", str(attempt), "--json", "--seed", "3").stdout)
    b = json.loads(dltutor("check", "double", "--file", str(attempt), "--json", "--seed", "3").stdout)
    assert a["steps"] == b["steps"]


@pytest.mark.parametrize(
    "args",
    [
        ("check", "no_such_exercise"),
        ("check", "--all", "double"),
        ("check", "double", "--device", "tpu"),
        ("hint", "no_such_exercise"),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(dltutor, args):
    dltutor("init", str(dltutor.ws))
    out = dltutor(*args)
    assert out.returncode == 2 and out.stderr.strip()


@pytest.mark.skipif(Path("/proc/driver/nvidia/gpus").is_dir(), reason="this machine has a GPU")
def test_cuda_without_a_gpu_is_a_usage_error(dltutor):
    dltutor("init", str(dltutor.ws))
    out = dltutor("check", "double", "--device", "cuda")
    assert out.returncode == 2 and "no NVIDIA GPU" in out.stderr


def test_hints_solution_gate_and_reset(dltutor):
    dltutor("init", str(dltutor.ws))
    assert "Hint 1/2" in dltutor("hint", "double").stdout
    assert "Hint 2/2" in dltutor("hint", "double").stdout
    gated = dltutor("solution", "double")
    assert gated.returncode == 1 and "opens once" in gated.stderr
    mine = dltutor.ws / "exercises" / "01-mini" / "double.py"
    mine.write_text(SOLUTION)
    assert dltutor("check", "double").returncode == 0
    shown = dltutor("solution", "double")
    assert shown.returncode == 0 and "return 2 * x" in shown.stdout
    reset = dltutor("reset", "double")
    assert reset.returncode == 0 and "saved as" in reset.stdout
    assert "NotImplementedError" in mine.read_text()
    backups = list((dltutor.ws / ".dltutor" / "backups").glob("double-*.py"))
    assert backups and backups[0].read_text() == SOLUTION


def test_progress_json_exports_attempts(dltutor):
    dltutor("init", str(dltutor.ws))
    dltutor("check", "double")
    doc = json.loads(dltutor("progress", "--json").stdout)
    assert doc["attempts"][0]["exercise"] == "double" and doc["attempts"][0]["status"] == "fail"
    assert "1 " not in dltutor("progress").stderr


@pytest.mark.e2e
def test_check_all_solutions_and_validate(dltutor):
    out = dltutor("check", "--all", "--solutions", "--json")
    doc = json.loads(out.stdout)
    assert out.returncode == 0 and doc["passed"] == 2 and doc["failed"] == 0
    starters = dltutor("check", "--all")
    assert starters.returncode == 1
    validate = dltutor("validate", str(MINI / "lessons"))
    assert validate.returncode == 0 and "0 problem(s)" in validate.stdout


def test_validate_reports_a_broken_pack_with_exit_2(dltutor, tmp_path):
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    lesson = pack / "lessons" / "01-mini" / "01-doubling.md"
    lesson.write_text(lesson.read_text().replace("diff(f, x) = 2", "diff(f, x) = 3"))
    out = dltutor("validate", str(pack))
    assert out.returncode == 2 and "01-doubling.md:8" in out.stderr and "does not hold" in out.stderr


@pytest.mark.e2e
def test_validate_catches_a_starter_that_passes(dltutor, tmp_path):
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    (pack / "exercises" / "01-mini" / "double.py").write_text(SOLUTION)
    out = dltutor("validate", str(pack))
    assert out.returncode == 1 and "starter passes" in out.stdout


def test_outside_a_workspace_the_default_one_is_made_and_named(dltutor, tmp_path):
    out = dltutor("list", cwd=tmp_path)
    assert out.returncode == 0 and "default workspace" in out.stderr
    assert (tmp_path / "home" / "workspace" / "dltutor.toml").is_file()


@pytest.mark.e2e  # a fresh interpreter importing torch (seconds)
def test_doctor_and_where(dltutor):
    dltutor("init", str(dltutor.ws))
    doctor = dltutor("doctor")
    assert "torch" in doctor.stdout and "workspace" in doctor.stdout
    where = dltutor("where")
    assert where.returncode == 0 and "progress store" in where.stdout


def test_watch_rechecks_on_save(tmp_path):
    import threading
    import time

    from tutor.course import load_course
    from tutor.session import Session
    from tutor.watch import watch

    session = Session.open(tmp_path / "ws", course=load_course(MINI))
    ex = session.course.exercise("double")
    path = session.workspace.file_for(ex)
    stop = threading.Event()

    def save_later() -> None:  # once the first check is recorded: the watcher started before it
        while "double" not in session.progress.summary() and not stop.is_set():
            time.sleep(0.05)
        path.write_text(SOLUTION)

    threading.Thread(target=save_later, daemon=True).start()
    threading.Timer(20, stop.set).start()
    watch(session, ex, stop=stop, max_checks=2, stay=True)
    stop.set()
    summary = session.progress.summary()["double"]
    assert summary.attempts == 2 and summary.passed


def test_watch_moves_on_after_a_pass(tmp_path, capsys):
    from tutor.course import load_course
    from tutor.session import Session
    from tutor.watch import watch

    session = Session.open(tmp_path / "ws", course=load_course(MINI))
    ex = session.course.exercise("double")
    session.workspace.file_for(ex).write_text(SOLUTION)
    following = session.ordered_exercises()[1]
    watch(session, ex, max_checks=2)
    out = capsys.readouterr().out
    assert f"passed! moving on to {following.id}" in out and "--stay" in out
    assert session.progress.summary()[following.id].attempts == 1  # checked at once
    assert session.progress.meta("last_exercise") == following.id


def test_check_hint_without_an_id_use_the_current_exercise(dltutor):
    dltutor("init", str(dltutor.ws))
    out = dltutor("hint")
    assert out.returncode == 0 and "hint the current exercise: double" in out.stdout
    out = dltutor("check")
    assert "check the current exercise: double" in out.stdout and "checking double:" in out.stdout
    assert out.returncode == 1  # the starter fails


def test_an_unknown_id_suggests_the_closest(dltutor):
    dltutor("init", str(dltutor.ws))
    out = dltutor("hint", "doubel")
    assert out.returncode == 2 and "did you mean double?" in out.stderr
    out = dltutor("hint", "--bogus")
    assert "dltutor: dltutor" not in out.stderr


def test_list_and_progress_align_and_count_in_words(dltutor):
    dltutor("init", str(dltutor.ws))
    dltutor("check", "double")
    listing = dltutor("list").stdout
    assert "1 attempt" in listing and "1 attempts" not in listing
    rows = [line for line in dltutor("progress").stdout.splitlines() if "/" in line]
    assert len({line.index("█") if "█" in line else line.index("░") for line in rows}) == 1  # bars aligned


def test_a_2d_mismatch_is_drawn_in_the_report_and_in_ascii_under_lang_c(monkeypatch):
    from tutor.protocol import Details, Status, Step, StepKind
    from tutor.report import Painter, format_step

    picture = {
        "expected": [[0.0, 1.0], [2.0, 3.0]],
        "got": [[0.0, 2.0], [1.0, 3.0]],
        "differs": [[False, True], [True, False]],
    }
    step = Step("maps", StepKind.VALUE, Status.FAIL, "a transpose", Details.from_json({"picture": picture}))
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    text = format_step(step, Painter(io.StringIO()))
    assert "expected" in text and "differs" in text and "×" in text
    monkeypatch.setenv("LC_ALL", "C")
    text = format_step(step, Painter(io.StringIO()))
    assert "differs" in text and all(ch.isascii() for ch in text.split("a transpose", 1)[1])

"""Hostile learner code: each ends in a clear non-passing verdict, in time, with nothing left running."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.helpers import failure_text
from tutor.course import load_course
from tutor.runner import CheckRequest, WarmPool, run_check

MINI = Path(__file__).parent / "fixtures" / "mini_course"
COURSE = load_course(MINI)
LIMIT = COURSE.exercise("double").time_limit_s

HOSTILE = {
    "infinite_loop": ("def double(x):\n    while True:\n        pass\n", "error", "time limit"),
    "os_exit_at_import": ("import os\nos._exit(0)\n", "error", "ended the process"),
    "os_exit_in_call": ("import os\ndef double(x):\n    os._exit(3)\n", "error", "exited with code 3"),
    "sys_exit_at_import": ("import sys\nsys.exit(0)\n", "error", "sys.exit(0)"),
    "sys_exit_in_call": ("import sys\ndef double(x):\n    sys.exit(0)\n", "fail", "sys.exit(0)"),
    "segfault": ("import ctypes\ndef double(x):\n    return ctypes.string_at(0)\n", "error", "segmentation fault"),
    "memory_blowup": (
        "def double(x):\n    a = []\n    while True:\n        a.append(bytearray(10**7))\n",
        "fail",
        "out of memory",
    ),
    "huge_allocation": (
        "import numpy as np\ndef double(x):\n    return np.ones((10**6, 10**6))\n",
        "fail",
        "out of memory",
    ),
    "prints_100mb": (
        "def double(x):\n    for _ in range(100_000):\n        print('x' * 1000)\n",
        "error",
        "printed more than",
    ),
    "syntax_error": ("def double(x)\n    return 2 * x\n", "error", "double.py:1"),
    "keyboard_interrupt": ("def double(x):\n    raise KeyboardInterrupt\n", "fail", "KeyboardInterrupt"),
    "keyboard_interrupt_at_import": ("raise KeyboardInterrupt\n", "error", "KeyboardInterrupt"),
    "patches_numpy": (
        "import numpy as np\nnp.allclose = lambda *a, **k: True\n"
        "np.isclose = lambda *a, **k: True\ndef double(x):\n    return x\n",
        "fail",
        "numpy.allclose",
    ),
    "patches_then_right": (
        "import numpy as np\nnp.abs = lambda v: v * 0\ndef double(x):\n    return 2 * x\n",
        "fail",
        "numpy.abs",
    ),
    "import_error": ("import no_such_module_xyz\n", "error", "No module named 'no_such_module_xyz'"),
    "raises_value_error": ("def double(x):\n    raise ValueError('boom')\n", "fail", "double.py:2"),
    "reads_stdin": ("def double(x):\n    return 2 * float(input())\n", "fail", "EOFError"),
    "recursion": ("def double(x):\n    return double(x)\n", "fail", "recursion"),
    "fake_verdict_on_stdout": (
        'print(\'{"event": "verdict", "status": "pass"}\')\ndef double(x):\n    return x\n',
        "fail",
        "differ",
    ),
}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie awaiting its reaper is not running code
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


# Code that can only end by the time limit meets a short one (the clock starts once the check
# starts, after the child's imports), so the suite does not sit out the course's 3 s.
SHORT_LIMIT_S = 1.0


def _request(path: Path, time_limit_s: float | None = None) -> CheckRequest:
    ex = COURSE.exercise("double")
    limit = time_limit_s or ex.time_limit_s
    return CheckRequest(ex.id, str(path), str(ex.checker), str(ex.solution), 1234, "cpu", False, limit, ex.memory_mb)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_code_gets_a_clear_verdict(tmp_path, name):
    code, status, reason = HOSTILE[name]
    path = tmp_path / "double.py"
    path.write_text(code)
    started = time.monotonic()
    result = run_check(_request(path, SHORT_LIMIT_S if reason == "time limit" else None))
    elapsed = time.monotonic() - started
    assert result.status == status, failure_text(result)
    assert reason.lower() in failure_text(result).lower()
    assert elapsed < LIMIT + 5


def test_forked_sleepers_are_killed(tmp_path):
    pids = tmp_path / "pids"
    path = tmp_path / "double.py"
    path.write_text(
        "import os, time\n"
        "def double(x):\n"
        "    for _ in range(3):\n"
        "        pid = os.fork()\n"
        "        if pid == 0:\n"
        "            time.sleep(1000)\n"
        f"        open({str(pids)!r}, 'a').write(f'{{pid}}\\n')\n"
        "    time.sleep(1000)\n"
    )
    result = run_check(_request(path, SHORT_LIMIT_S))
    assert result.status == "error" and "time limit" in result.message
    children = [int(p) for p in pids.read_text().split()]
    assert len(children) == 3
    deadline = time.monotonic() + 3
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in children)


def test_a_forked_copy_cannot_speak_for_the_check(tmp_path):
    path = tmp_path / "double.py"
    # The fork continues the import in both processes; only the real child's events count.
    path.write_text(
        "import os\nif os.fork() == 0:\n    def double(x):\n        return 2 * x\n"
        "else:\n    def double(x):\n        return 3 * x\n"
    )
    result = run_check(_request(path))
    assert result.status == "fail"
    assert "1.5" in failure_text(result) or "larger" in failure_text(result)


def test_warm_pool_rechecks_reuse_a_started_child(tmp_path, monkeypatch):
    import tutor.runner.pool as pool_module

    spawned, handed = [], []
    real_spawn = pool_module.spawn_child
    monkeypatch.setattr(pool_module, "spawn_child", lambda *a: spawned.append(real_spawn(*a)) or spawned[-1])
    path = tmp_path / "double.py"
    path.write_text("def double(x):\n    return 2 * x\n")
    with WarmPool() as pool:
        real_acquire = pool.acquire
        pool.acquire = lambda torch: handed.append(real_acquire(torch)) or handed[-1]  # type: ignore[method-assign]
        pool.prepare(False)
        first = run_check(_request(path), pool=pool)
        second = run_check(_request(path), pool=pool)
    assert first.passed and second.passed
    # Each check ran in the spare started before it; taking one started the next.
    assert handed == spawned[:2] and len(spawned) == 3


def test_cancel_stops_a_running_check(tmp_path):
    import threading

    path = tmp_path / "double.py"
    path.write_text("def double(x):\n    while True:\n        pass\n")
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    started = time.monotonic()
    result = run_check(_request(path), cancel=cancel)
    assert result.status == "error" and result.message == "cancelled"
    assert time.monotonic() - started < 2.5


def test_events_stream_before_the_verdict(tmp_path):
    ex = COURSE.exercise("descend")
    request = CheckRequest(
        ex.id, str(ex.solution), str(ex.checker), str(ex.solution), 1, "cpu", False, ex.time_limit_s, ex.memory_mb
    )
    events = []
    result = run_check(request, sink=events.append)
    kinds = [e.event for e in events]
    assert result.passed
    assert kinds.index("curve") < kinds.index("verdict")
    assert "target" in kinds
    assert len(result.curves["loss"]) == 40 and len(result.curves["reference"]) == 40


@pytest.mark.parametrize(
    "patch",
    [
        "from tutor.checks import Checker\nChecker.expect_close = lambda self, *a, **k: self.passed('x', 'value')\n",
        "from tutor.checks import pristine\npristine.all = lambda *a, **k: True\n",
        "import tutor.checks.values as v\nv.unpatched_isclose = lambda g, e, r, a: (g == g)\n",
    ],
)
def test_patching_the_checker_library_cannot_pass(tmp_path, patch):
    path = tmp_path / "double.py"
    path.write_text(patch + "def double(x):\n    return x\n")
    result = run_check(_request(path))
    assert result.status == "fail"
    assert "replaced library functions" in failure_text(result)


def test_a_closed_pool_refuses_new_checks():
    from tutor.runner.pool import PoolClosed

    pool = WarmPool()
    pool.close()
    with pytest.raises(PoolClosed):
        pool.acquire(False)

"""Nothing a check starts outlives it, or the front end that started it.

Each test starts a real front end (`dltutor check`, `dltutor watch`, the app
under a pseudo-terminal) on learner code that loops for ever after starting a
double-forked `setsid()` daemon, kills the front end the ways a shared GPU box
over SSH does (SIGHUP when the connection drops, SIGTERM, SIGINT, SIGKILL),
and asserts that every process the check started is gone within 3 s.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tutor.course import load_course
from tutor.runner import CheckRequest, WarmPool, run_check

MINI = Path(__file__).parent / "fixtures" / "mini_course"
COURSE = load_course(MINI)
GONE_WITHIN_S = 3.0

# Imported by the checker: starts a daemon that escapes the process group, then loops in double().
LOOPING_WITH_DAEMON = """\
import os, time
from pathlib import Path

def _daemon(pidfile):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            Path(pidfile).write_text(str(os.getpid()))
            while True:
                time.sleep(0.1)
        os._exit(0)

_daemon({daemon!r})
Path({learner!r}).write_text(str(os.getpid()))

def double(x):
    while True:
        pass
"""


def _said(result) -> str:
    return " ".join([result.message, *(getattr(step, "message", "") for step in result.steps)])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie awaiting its reaper is not running code
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return False


def _descendants(root: int) -> set[int]:
    """Every process below `root` right now (by parent pid)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[-1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _wait_for(path: Path, timeout: float = 60.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            text = path.read_text()
            if text:
                return int(text)
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    raise AssertionError(f"{path} never appeared")


def _assert_all_gone(pids: set[int]) -> None:
    deadline = time.monotonic() + GONE_WITHIN_S
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.05)
    left = sorted(pid for pid in pids if _alive(pid))
    for pid in left:  # never leave a spinning process behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not left, f"still running {GONE_WITHIN_S:g} s after the front end died: {left}"


@pytest.fixture
def workspace(tmp_path):
    """A workspace on the mini course whose `double` loops after starting a setsid daemon."""
    env = {
        **os.environ,
        "DLTUTOR_HOME": str(tmp_path / "home"),
        "DLTUTOR_COURSE": str(MINI),
        "NO_COLOR": "1",
        "TERM": "xterm-256color",
    }
    ws = tmp_path / "ws"
    subprocess.run(
        [sys.executable, "-m", "tutor.cli", "init", str(ws)], env=env, check=True, capture_output=True, timeout=60
    )
    learner, daemon = tmp_path / "learner.pid", tmp_path / "daemon.pid"
    (ws / "exercises" / "01-mini" / "double.py").write_text(
        LOOPING_WITH_DAEMON.format(daemon=str(daemon), learner=str(learner))
    )
    return ws, env, learner, daemon


def _as_from_a_shell_prompt() -> None:
    """Signal dispositions a terminal gives: under `nohup` or `&` the suite's own process ignores
    SIGHUP/SIGINT, and ignored signals are inherited across exec, which would hide what we test."""
    for sig in (signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)


def _start_front_end(kind: str, ws: Path, env: dict) -> subprocess.Popen:
    command = [sys.executable, "-m", "tutor.cli"]
    if kind in ("check", "watch"):
        return subprocess.Popen(
            [*command, kind, "double"],
            cwd=ws,
            env=env,
            preexec_fn=_as_from_a_shell_prompt,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    # The app needs a terminal: give it a pseudo-terminal and press c (continue), c (check).
    import pty

    leader, follower = pty.openpty()
    app = subprocess.Popen(
        command,
        cwd=ws,
        env=env,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        start_new_session=True,
        preexec_fn=_as_from_a_shell_prompt,
    )
    os.close(follower)
    app.pty = leader  # type: ignore[attr-defined]
    # Press each key once the screen that binds it is drawn: the Roadmap's footer offers
    # "Continue"; the exercise screen's footer offers "Solution".
    _press_when_shown(leader, b"Continue", b"c")
    _press_when_shown(leader, b"Solution", b"c")
    return app


_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def _press_when_shown(fd: int, words: bytes, key: bytes, timeout_s: float = 30.0) -> None:
    """Read the terminal until `words` have been drawn and the screen has settled, then press `key`."""
    import select

    seen, drawn_at = b"", None
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if drawn_at is None and words in _ESCAPES.sub(b"", seen):
                drawn_at = time.monotonic()
        elif drawn_at is not None:  # drawn, and 0.1 s without output: the screen has settled
            os.write(fd, key)
            return
    pytest.fail(f"the app never showed {words.decode()!r} on its terminal")


def _keep_pty_drained(app: subprocess.Popen) -> None:
    """The app blocks if nobody reads its terminal; read it on a thread until it closes."""
    import threading

    def drain() -> None:
        while True:
            try:
                if not os.read(app.pty, 65536):  # type: ignore[attr-defined]
                    return
            except OSError:
                return

    threading.Thread(target=drain, daemon=True).start()


@pytest.mark.e2e
@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
@pytest.mark.parametrize("front_end", ["check", "watch", "app"])
def test_a_dying_front_end_takes_its_check_with_it(workspace, front_end, sig):
    ws, env, learner_pidfile, daemon_pidfile = workspace
    front = _start_front_end(front_end, ws, env)
    try:
        if front_end == "app":
            _keep_pty_drained(front)
        learner = _wait_for(learner_pidfile)
        daemon = _wait_for(daemon_pidfile)
        started = _descendants(front.pid) | {learner, daemon}
        os.kill(front.pid, sig)
        try:  # the front end itself must end too (the app may take a moment to restore the terminal)
            front.wait(timeout=GONE_WITHIN_S + 5)
        except subprocess.TimeoutExpired:
            front.kill()
            front.wait()
            pytest.fail(f"{front_end} did not end on {sig.name}")
        _assert_all_gone(started)
    finally:
        if front.poll() is None:
            front.kill()
            front.wait()
        if front_end == "app":
            os.close(front.pty)  # type: ignore[attr-defined]


@pytest.mark.e2e
def test_ctrl_c_cancels_a_check_at_once(workspace):
    ws, env, learner_pidfile, daemon_pidfile = workspace
    front = _start_front_end("check", ws, env)
    learner = _wait_for(learner_pidfile)
    daemon = _wait_for(daemon_pidfile)
    started = _descendants(front.pid) | {learner, daemon}
    sent = time.monotonic()
    # Ctrl-C in a terminal: SIGINT to the whole foreground process group.
    os.killpg(front.pid, signal.SIGINT)
    _, err = front.communicate(timeout=30)
    assert time.monotonic() - sent < 2.0, "Ctrl-C waited for the check's time limit"
    assert front.returncode == 130
    assert b"cancelled" in err
    assert b"Traceback" not in err
    _assert_all_gone(started)


def _request(path: Path, exercise: str = "double") -> CheckRequest:
    ex = COURSE.exercise(exercise)
    return CheckRequest(
        ex.id, str(path), str(ex.checker), str(ex.solution), 1234, "cpu", False, ex.time_limit_s, ex.memory_mb
    )


def test_a_setsid_daemon_does_not_survive_a_passing_check(tmp_path):
    daemon_pidfile = tmp_path / "daemon.pid"
    path = tmp_path / "double.py"
    path.write_text(
        "import os, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        open({str(daemon_pidfile)!r}, 'w').write(str(os.getpid()))\n"
        "        while True:\n"
        "            time.sleep(0.1)\n"
        "    os._exit(0)\n"
        "def double(x):\n"
        "    time.sleep(0.3)\n"  # the daemon is up before the check ends
        "    return 2 * x\n"
    )
    result = run_check(_request(path))
    assert result.passed, _said(result)
    _assert_all_gone({_wait_for(daemon_pidfile, timeout=5)})


def test_learner_code_killing_its_parent_spares_the_front_end(tmp_path):
    """Run through the CLI so that, before the fix, only that process (not pytest) is killed."""
    path = tmp_path / "double.py"
    path.write_text("import os\ndef double(x):\n    os.kill(os.getppid(), 9)\n    return 2 * x\n")
    env = {**os.environ, "DLTUTOR_HOME": str(tmp_path / "home"), "DLTUTOR_COURSE": str(MINI), "NO_COLOR": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "tutor.cli", "check", "double", "--file", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert out.returncode == 1, (out.returncode, out.stdout, out.stderr)
    assert "ERROR" in out.stdout or "error" in out.stdout.lower()
    assert "Traceback" not in out.stderr


def test_spares_die_with_their_front_end(tmp_path):
    """A warm pool's waiting children are killed with the process that owns the pool."""
    script = tmp_path / "pool_owner.py"
    script.write_text(
        "import sys, time\n"
        "from tutor.runner import WarmPool\n"
        "pool = WarmPool()\n"
        "pool.prepare(False)\n"
        "print('ready', flush=True)\n"
        "time.sleep(1000)\n"
    )
    owner = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, cwd=Path.cwd())
    try:
        assert owner.stdout is not None and owner.stdout.readline().strip() == b"ready"
        deadline = time.monotonic() + 10
        spares: set[int] = set()
        while time.monotonic() < deadline and len(spares) < 1:
            spares = _descendants(owner.pid)
            time.sleep(0.05)
        assert spares
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait()
        _assert_all_gone(spares)
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()


def test_a_pool_spare_started_on_a_worker_thread_survives_that_thread(tmp_path):
    """The app starts spares on worker threads that end; the spare must outlive them (not PDEATHSIG'd)."""
    import threading

    path = tmp_path / "double.py"
    path.write_text("def double(x):\n    return 2 * x\n")
    with WarmPool() as pool:
        thread = threading.Thread(target=pool.prepare, args=(False,))
        thread.start()
        thread.join()
        time.sleep(0.5)
        result = run_check(_request(path), pool=pool)
    assert result.passed, _said(result)


def test_the_reference_and_checker_are_not_reachable_by_name(tmp_path):
    """Threat model: learner code cannot fetch the answer from sys.modules."""
    found = tmp_path / "found.txt"
    path = tmp_path / "double.py"
    path.write_text(
        "import sys\n"
        "def double(x):\n"
        "    names = [name for name, module in list(sys.modules.items())\n"
        "             if 'solutions' in str(getattr(module, '__file__', '') or '')\n"
        "             or 'checks' in str(getattr(module, '__file__', '') or '') and 'tutor' not in name]\n"
        f"    open({str(found)!r}, 'w').write(repr(names))\n"
        "    return 2 * x\n"
    )
    result = run_check(_request(path))
    assert result.passed, _said(result)
    assert found.read_text() == "[]"

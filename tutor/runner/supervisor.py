"""Runs one check in a child process and turns whatever happens into a verdict.

The supervisor owns the limits: wall-clock (the whole process group is
SIGKILLed), memory (RLIMIT_AS in the child on CPU; an RSS watch here for
every device), and output size. A child that ends without a verdict is an
`error` with its reason — exit code, signal, time, memory — never a pass.
After every check the process group is killed, so nothing the learner's code
forked is left behind.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from tutor.protocol import (
    CheckRequest,
    CheckResult,
    CurveEvent,
    Event,
    EventSink,
    NoteEvent,
    ReadyEvent,
    Status,
    StepEvent,
    TargetEvent,
    VerdictEvent,
    parse_event,
)

OUTPUT_CAP_BYTES = 4 * 1024 * 1024  # learner prints beyond this end the check
OUTPUT_KEEP_BYTES = 16 * 1024  # what the result keeps to show
STARTUP_LIMIT_S = 90.0  # importing torch on a cold, busy machine
POLL_S = 0.05

_SIGNAL_HINTS = {
    signal.SIGSEGV: "a segmentation fault — memory accessed out of bounds (ctypes? a C extension?)",
    signal.SIGKILL: "killed (SIGKILL) — usually the system's out-of-memory killer",
    signal.SIGABRT: "aborted (SIGABRT)",
    signal.SIGFPE: "a floating-point exception (SIGFPE)",
    signal.SIGBUS: "a bus error (SIGBUS)",
}


@dataclass
class ChildProcess:
    """A started child with its two pipes; `ready` once it has said so."""

    popen: subprocess.Popen
    result_fd: int
    output_fd: int
    torch: bool
    ready: bool = False
    pending: bytes = b""


def spawn_child(torch: bool, cwd: str | None = None) -> ChildProcess:
    result_r, result_w = os.pipe()
    output_r, output_w = os.pipe()
    env = dict(os.environ)
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    env["PYTHONUNBUFFERED"] = "1"  # the learner's prints arrive in order, even if it crashes
    command = [sys.executable, "-m", "tutor.runner.child", "--result-fd", str(result_w)]
    if torch:
        command.append("--torch")
    try:
        popen = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=output_w, stderr=output_w, pass_fds=(result_w,),
            start_new_session=True, env=env, cwd=cwd, close_fds=True,
        )
    finally:
        os.close(result_w)
        os.close(output_w)
    for fd in (result_r, output_r):
        os.set_blocking(fd, False)
    return ChildProcess(popen, result_r, output_r, torch)


def kill_group(child: ChildProcess) -> None:
    """SIGKILL the child's whole process group (it is the group leader)."""
    try:
        os.killpg(child.popen.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def discard(child: ChildProcess) -> None:
    kill_group(child)
    try:
        child.popen.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL does not fail
        pass
    for fd in (child.result_fd, child.output_fd):
        try:
            os.close(fd)
        except OSError:
            pass
    if child.popen.stdin:
        try:
            child.popen.stdin.close()
        except OSError:
            pass


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


class _Collector:
    """Folds events into a CheckResult as they arrive."""

    def __init__(self, request: CheckRequest, child_pid: int, sink: EventSink | None) -> None:
        self.result = CheckResult(request.exercise_id, Status.ERROR, "cpu", request.seed, 0.0)
        self.child_pid = child_pid
        self.sink = sink
        self.verdict: VerdictEvent | None = None
        self.output = bytearray()
        self.output_total = 0

    def feed_events(self, child: ChildProcess, data: bytes) -> None:
        child.pending += data
        *lines, child.pending = child.pending.split(b"\n")
        for line in lines:
            parsed = parse_event(line)  # the one place the child's lines become typed events
            if parsed is None or parsed[0] != self.child_pid:
                continue  # a forked grandchild, or garbage: it does not speak for the check
            self.handle(child, parsed[1])

    def handle(self, child: ChildProcess, event: Event) -> None:
        if isinstance(event, ReadyEvent):
            child.ready = True
            return
        if self.verdict is not None:
            return
        if isinstance(event, StepEvent):
            self.result.steps.append(event.step)
        elif isinstance(event, CurveEvent):
            self.result.curves.setdefault(event.series, []).append((event.step, event.value))
        elif isinstance(event, TargetEvent):
            self.result.targets.append(event.target)
        elif isinstance(event, NoteEvent):
            self.result.notes.append(event.message)
        else:
            self.verdict = event
        if self.sink is not None:
            self.sink(event)

    def feed_output(self, data: bytes) -> None:
        self.output_total += len(data)
        room = OUTPUT_KEEP_BYTES - len(self.output)
        if room > 0:
            self.output += data[:room]


def _read_available(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            break
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
        if sum(map(len, chunks)) > 1 << 20:
            break
    return b"".join(chunks)


def supervise(
    child: ChildProcess, request: CheckRequest, *, sink: EventSink | None = None,
    cancel: threading.Event | None = None,
) -> CheckResult:
    """Send `request` to a started child and watch it to the end."""
    collector = _Collector(request, child.popen.pid, sink)
    started = time.monotonic()
    reason: str | None = None
    try:
        assert child.popen.stdin is not None
        child.popen.stdin.write(request.to_line())
        child.popen.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the child died before it could read; its exit status says why
    selector = selectors.DefaultSelector()
    selector.register(child.result_fd, selectors.EVENT_READ, "result")
    selector.register(child.output_fd, selectors.EVENT_READ, "output")
    check_started: float | None = time.monotonic() if child.ready else None
    # RLIMIT_AS bounds a CPU check inside the child; this RSS watch is the backstop, and
    # the only limit on CUDA, whose context alone can hold 1-2 GB of host memory.
    may_use_cuda = request.uses_torch and request.device != "cpu"
    rss_ceiling_mb = request.memory_mb + (4096 if may_use_cuda else 1024)
    while True:
        for key, _ in selector.select(timeout=POLL_S):
            data = _read_available(key.fd)
            if key.data == "result":
                was_ready = child.ready
                collector.feed_events(child, data)
                if child.ready and not was_ready:
                    check_started = time.monotonic()
            else:
                collector.feed_output(data)
        if collector.verdict is not None:
            break
        if child.popen.poll() is not None:
            break
        now = time.monotonic()
        if cancel is not None and cancel.is_set():
            reason = "cancelled"
            break
        if collector.output_total > OUTPUT_CAP_BYTES:
            reason = (f"your code printed more than {OUTPUT_CAP_BYTES // 2**20} MB, so the check was "
                      "stopped — is there a print inside a loop?")
            break
        if check_started is None and now - started > STARTUP_LIMIT_S:
            reason = f"the checker process did not start within {STARTUP_LIMIT_S:.0f} s"
            break
        if check_started is not None and now - check_started > request.time_limit_s:
            reason = (f"time limit: the check did not finish within {request.time_limit_s:g} s "
                      "— an infinite loop, or code far slower than it needs to be (Python loops "
                      "over array elements?)")
            break
        if _rss_mb(child.popen.pid) > rss_ceiling_mb:
            reason = (f"memory limit: your code used more than {request.memory_mb} MB — building "
                      "a huge array, or keeping every intermediate result?")
            break
    if collector.verdict is not None:
        # Give the child a moment to exit by itself (it flushes and os._exits).
        try:
            child.popen.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
    kill_group(child)
    try:
        returncode = child.popen.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover
        returncode = None
    for key in list(selector.get_map().values()):
        data = _read_available(key.fd)
        if key.data == "result":
            collector.feed_events(child, data)
        else:
            collector.feed_output(data)
    selector.close()
    discard(child)
    result = collector.result
    result.duration_s = time.monotonic() - (check_started or started)
    result.output = collector.output.decode("utf-8", "replace")
    if collector.output_total > len(collector.output):
        result.output += f"\n... ({collector.output_total - len(collector.output)} more bytes not shown)"
    verdict = collector.verdict
    if verdict is not None and reason is None:
        result.status = verdict.status
        result.message = verdict.message
        result.device = verdict.device
        result.usage_error = verdict.usage_error
        if result.passed and (not result.steps or result.failed_steps()):
            result.status, result.message = Status.ERROR, "inconsistent verdict from the checker; not a pass"
        return result
    result.status = Status.ERROR
    result.message = reason or _exit_reason(returncode, request)
    return result


def _exit_reason(returncode: int | None, request: CheckRequest) -> str:
    if returncode is None:
        return "the check process could not be stopped"
    if returncode < 0:
        sig = signal.Signals(-returncode)
        if sig == signal.SIGKILL:
            return (f"the check was killed (SIGKILL) — most likely out of memory (limit "
                    f"{request.memory_mb} MB)")
        return f"your code crashed the process: {_SIGNAL_HINTS.get(sig, sig.name)}"
    if returncode == 0:
        return ("your code ended the process (exit code 0) before the checks finished — "
                "os._exit() or a sys.exit() that escaped? Return values instead of exiting.")
    return (f"the check process exited with code {returncode} before the checks finished "
            "(os._exit or sys.exit in your code?)")

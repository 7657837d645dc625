"""Runs one check in a child process and turns whatever happens into a verdict.

The supervisor owns the limits: wall-clock, memory (RLIMIT_AS in the worker
on CPU; an RSS watch here for every device), and output size. A worker that
ends without a verdict is an `error` with its reason — exit code, signal,
time, memory — never a pass.

Process tree: this process → keeper (tutor.runner.keeper: a child subreaper
that runs no learner code) → worker (tutor.runner.child: runs the check) →
whatever the learner's code starts. When a check ends — or this process
dies, kill -9 included — the keeper kills the worker and every descendant,
double-forked `setsid()` daemons too, and reports the worker's exit status.
"""

from __future__ import annotations

import os
import secrets
import selectors
import signal
import socket
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
VERDICT_EXIT_S = 2.0  # after its verdict the worker exits by itself within this
KEEPER_REPORT_S = 5.0  # a keeper told to stop reports the worker's end within this
TOKEN_VARIABLE = "DLTUTOR_CHECK_TOKEN"  # marks every process a check starts (see sweep)

_SIGNAL_HINTS = {
    signal.SIGSEGV: "a segmentation fault — memory accessed out of bounds (ctypes? a C extension?)",
    signal.SIGABRT: "aborted (SIGABRT)",
    signal.SIGFPE: "a floating-point exception (SIGFPE)",
    signal.SIGBUS: "a bus error (SIGBUS)",
}


@dataclass
class ChildProcess:
    """A started check: its keeper (`popen`), the worker below it, and their pipes.

    `ready` once the worker has said so. `keeper` is our end of the socket the
    keeper watches: shutting it down ends the check, and the kernel closes it
    if this process dies, however it dies.
    """

    popen: subprocess.Popen
    result_fd: int
    output_fd: int
    torch: bool
    keeper: socket.socket
    token: str  # in the environment of everything the check starts (see sweep)
    worker_pid: int | None = None
    ready: bool = False
    pending: bytes = b""
    keeper_pending: bytes = b""
    returncode: int | None = None  # the worker's, as the keeper reported it
    reported: bool = False  # the keeper said `exit`: the worker and all below it are gone
    ended: bool = False  # end_child has run
    keeper_closed: bool = False  # EOF from the keeper: it will say nothing more


def spawn_child(torch: bool, cwd: str | None = None) -> ChildProcess:
    """Start a keeper (tutor.runner.keeper), which forks the worker that will run the check."""
    result_r, result_w = os.pipe()
    output_r, output_w = os.pipe()
    ours, theirs = socket.socketpair()
    token = secrets.token_hex(8)
    env = dict(os.environ)
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    env["PYTHONUNBUFFERED"] = "1"  # the learner's prints arrive in order, even if it crashes
    env[TOKEN_VARIABLE] = token
    command = [
        sys.executable,
        "-m",
        "tutor.runner.keeper",
        "--result-fd",
        str(result_w),
        "--keeper-fd",
        str(theirs.fileno()),
    ]
    if torch:
        command.append("--torch")
    try:
        popen = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=output_w,
            stderr=output_w,
            pass_fds=(result_w, theirs.fileno()),
            start_new_session=True,
            env=env,
            cwd=cwd,
            close_fds=True,
        )
    except BaseException:
        ours.close()
        os.close(result_r)
        os.close(output_r)
        raise
    finally:
        os.close(result_w)
        os.close(output_w)
        theirs.close()
    for fd in (result_r, output_r):
        os.set_blocking(fd, False)
    ours.setblocking(False)
    return ChildProcess(popen, result_r, output_r, torch, ours, token)


def read_keeper(child: ChildProcess) -> None:
    """Take in what the keeper said: `worker PID`, `exit RETURNCODE`."""
    while not child.keeper_closed:
        try:
            data = child.keeper.recv(4096)
        except (BlockingIOError, InterruptedError):
            break
        except OSError:
            data = b""
        if not data:
            child.keeper_closed = True  # the keeper has exited (or was killed)
            break
        child.keeper_pending += data
    *lines, child.keeper_pending = child.keeper_pending.split(b"\n")
    for line in lines:
        word, _, value = line.decode("ascii", "replace").partition(" ")
        try:
            number = int(value)
        except ValueError:
            continue
        if word == "worker":
            child.worker_pid = number
        elif word == "exit":
            child.returncode, child.reported = number, True


def _await_report(child: ChildProcess, timeout: float) -> bool:
    """Wait until the keeper has reported the worker's end (True) or `timeout` passes."""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(child.keeper.fileno(), selectors.EVENT_READ)
        while not child.reported:
            left = deadline - time.monotonic()
            if left <= 0 or child.keeper_closed:
                break
            selector.select(min(left, POLL_S))
            read_keeper(child)
    return child.reported


def end_child(child: ChildProcess, grace_s: float = 0.0) -> int | None:
    """End a check's processes; the worker's exit code (None if it is unknown).

    The worker gets `grace_s` to end by itself (it os._exits after its verdict).
    Then shutting down our side of the socket tells the keeper to kill the
    worker and everything below it. Only if the keeper fails to report (learner
    code killed it) do we kill its process group and sweep for the rest.
    """
    if child.ended:
        return child.returncode
    child.ended = True
    if not child.reported and grace_s > 0:
        _await_report(child, grace_s)
    if not child.reported:
        try:
            child.keeper.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        _await_report(child, KEEPER_REPORT_S)
    if not child.reported:
        kill_group(child)
        sweep(child.token)
    try:
        child.popen.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - the keeper exits right after reporting
        kill_group(child)
    return child.returncode


def kill_group(child: ChildProcess) -> None:
    """SIGKILL the keeper's whole process group (it is the group leader)."""
    try:
        os.killpg(child.popen.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def sweep(token: str) -> None:
    """SIGKILL every process that carries this check's token in its environment.

    The backstop for the one case the keeper cannot cover: learner code that
    killed the keeper itself, leaving orphans (a setsid daemon) behind.
    """
    needle = f"{TOKEN_VARIABLE}={token}".encode() + b"\0"
    for _ in range(50):
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == os.getpid():
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as environ:
                    if needle in environ.read():
                        found.append(int(entry))
            except OSError:
                continue
        if not found:
            return
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(0.02)


def discard(child: ChildProcess) -> None:
    """End a child (a spare, or a finished check) and close our ends of its pipes."""
    end_child(child)
    for fd in (child.result_fd, child.output_fd):
        try:
            os.close(fd)
        except OSError:
            pass
    child.keeper.close()
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

    def __init__(self, request: CheckRequest, sink: EventSink | None) -> None:
        self.result = CheckResult(request.exercise_id, Status.ERROR, "cpu", request.seed, 0.0)
        self.sink = sink
        self.verdict: VerdictEvent | None = None
        self.output = bytearray()
        self.output_total = 0

    def feed_events(self, child: ChildProcess, data: bytes) -> None:
        child.pending += data
        if child.worker_pid is None:
            read_keeper(child)
            if child.worker_pid is None:
                return  # the keeper names its worker first; hold the lines until it has
        *lines, child.pending = child.pending.split(b"\n")
        for line in lines:
            parsed = parse_event(line)  # the one place the child's lines become typed events
            if parsed is None or parsed[0] != child.worker_pid:
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


@dataclass
class _Clock:
    started: float
    check_started: float | None  # when the worker, ready, had the request: the time limit runs from here


def supervise(
    child: ChildProcess,
    request: CheckRequest,
    *,
    sink: EventSink | None = None,
    cancel: threading.Event | None = None,
) -> CheckResult:
    """Send `request` to a started child and watch it to the end.

    However this ends — a verdict, a limit, a cancel, or an exception here
    such as Ctrl-C's KeyboardInterrupt — the worker and everything it started
    are gone before it returns or raises.
    """
    collector = _Collector(request, sink)
    now = time.monotonic()
    clock = _Clock(now, now if child.ready else None)
    try:
        _send_request(child, request)
        with selectors.DefaultSelector() as selector:
            selector.register(child.keeper.fileno(), selectors.EVENT_READ, "keeper")
            selector.register(child.result_fd, selectors.EVENT_READ, "result")
            selector.register(child.output_fd, selectors.EVENT_READ, "output")
            reason = _watch(child, request, collector, selector, clock, cancel)
            # After a verdict the worker flushes and os._exits by itself; give it a moment.
            grace = VERDICT_EXIT_S if collector.verdict is not None and reason is None else 0.0
            returncode = end_child(child, grace_s=grace)
            _pump(child, collector, selector, clock, timeout=0)  # what was still in the pipes
    finally:
        discard(child)
    return _conclude(child, request, collector, clock, reason, returncode)


def _send_request(child: ChildProcess, request: CheckRequest) -> None:
    try:
        assert child.popen.stdin is not None
        child.popen.stdin.write(request.to_line())
        child.popen.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the child died before it could read; its exit status says why


def _watch(
    child: ChildProcess,
    request: CheckRequest,
    collector: _Collector,
    selector: selectors.BaseSelector,
    clock: _Clock,
    cancel: threading.Event | None,
) -> str | None:
    """Pump events until a verdict, the worker's end, or a limit; the limit's reason, if it was one."""
    # RLIMIT_AS bounds a CPU check inside the worker; this RSS watch is the backstop, and
    # the only limit on CUDA, whose context alone can hold 1-2 GB of host memory.
    may_use_cuda = request.uses_torch and request.device != "cpu"
    rss_ceiling_mb = request.memory_mb + (4096 if may_use_cuda else 1024)
    while True:
        _pump(child, collector, selector, clock)
        if collector.verdict is not None or child.reported or child.popen.poll() is not None:
            return None
        reason = _limit_reached(child, request, collector, clock, cancel, rss_ceiling_mb)
        if reason is not None:
            return reason


def _pump(
    child: ChildProcess,
    collector: _Collector,
    selector: selectors.BaseSelector,
    clock: _Clock,
    timeout: float = POLL_S,
) -> None:
    """Read whatever the keeper, the worker's result pipe and the learner's output have for us."""
    for key, _ in selector.select(timeout=timeout):
        if key.data == "keeper":
            read_keeper(child)
        elif key.data == "result":
            was_ready = child.ready
            collector.feed_events(child, _read_available(key.fd))
            if child.ready and not was_ready:
                clock.check_started = time.monotonic()
        else:
            collector.feed_output(_read_available(key.fd))


def _limit_reached(
    child: ChildProcess,
    request: CheckRequest,
    collector: _Collector,
    clock: _Clock,
    cancel: threading.Event | None,
    rss_ceiling_mb: float,
) -> str | None:
    now = time.monotonic()
    if cancel is not None and cancel.is_set():
        return "cancelled"
    if collector.output_total > OUTPUT_CAP_BYTES:
        return (
            f"your code printed more than {OUTPUT_CAP_BYTES // 2**20} MB, so the check was "
            "stopped — is there a print inside a loop?"
        )
    if clock.check_started is None and now - clock.started > STARTUP_LIMIT_S:
        return f"the checker process did not start within {STARTUP_LIMIT_S:.0f} s"
    if clock.check_started is not None and now - clock.check_started > request.time_limit_s:
        return (
            f"time limit: the check did not finish within {request.time_limit_s:g} s "
            "— an infinite loop, or code far slower than it needs to be (Python loops "
            "over array elements?)"
        )
    if child.worker_pid is not None and _rss_mb(child.worker_pid) > rss_ceiling_mb:
        return (
            f"memory limit: your code used more than {request.memory_mb} MB — building "
            "a huge array, or keeping every intermediate result?"
        )
    return None


def _conclude(
    child: ChildProcess,
    request: CheckRequest,
    collector: _Collector,
    clock: _Clock,
    reason: str | None,
    returncode: int | None,
) -> CheckResult:
    """The verdict: the child's own if it gave one and no limit cut in, else an error saying why."""
    result = collector.result
    result.duration_s = time.monotonic() - (clock.check_started or clock.started)
    result.output = collector.output.decode("utf-8", "replace")
    if collector.output_total > len(collector.output):
        result.output += f"\n... ({collector.output_total - len(collector.output)} more bytes not shown)"
    verdict = collector.verdict
    if not child.reported and reason is None:
        # Learner code killed the keeper: nothing it started is accounted for, so no verdict counts.
        reason = _exit_reason(returncode, child.reported, request)
    if verdict is not None and reason is None:
        result.status = verdict.status
        result.message = verdict.message
        result.device = verdict.device
        result.usage_error = verdict.usage_error
        if result.passed and (not result.steps or result.failed_steps()):
            result.status, result.message = Status.ERROR, "inconsistent verdict from the checker; not a pass"
        return result
    result.status = Status.ERROR
    result.message = reason or _exit_reason(returncode, child.reported, request)
    return result


def _exit_reason(returncode: int | None, reported: bool, request: CheckRequest) -> str:
    if not reported:
        return (
            "the process that supervises the check was killed — did your code signal its "
            "parent process (os.kill(os.getppid(), ...))? The check was stopped."
        )
    if returncode is None:
        return "the check process could not be stopped"
    if returncode < 0:
        sig = signal.Signals(-returncode)
        if sig == signal.SIGKILL:
            return f"the check was killed (SIGKILL) — most likely out of memory (limit {request.memory_mb} MB)"
        return f"your code crashed the process: {_SIGNAL_HINTS.get(sig, sig.name)}"
    if returncode == 0:
        return (
            "your code ended the process (exit code 0) before the checks finished — "
            "os._exit() or a sys.exit() that escaped? Return values instead of exiting."
        )
    return (
        f"the check process exited with code {returncode} before the checks finished "
        "(os._exit or sys.exit in your code?)"
    )

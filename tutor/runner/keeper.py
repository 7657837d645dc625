"""The first process of every check; it keeps the learner's code on a leash.

    python -m tutor.runner.keeper --result-fd R --keeper-fd K [--torch]

Before anything heavy is imported it makes itself a child subreaper and forks
the worker (`tutor.runner.child`), which imports numpy (and torch), runs the
check and alone speaks on the result pipe. The keeper runs no learner code
and waits for one of two things:

* the worker ends: everything the learner started is killed. Orphans come
  back to a subreaper instead of init, so a double fork and `setsid()` do not
  get away;
* EOF on its socket to the supervisor: the check is over, cancelled or timed
  out, or the front end died in any way at all (the kernel closes the socket
  even on kill -9): the worker and everything below it are killed.

Then it reports the worker's exit status on that socket and exits. The worker
holds neither the socket nor anything of the keeper's, so learner code cannot
speak for the keeper, and it carries PR_SET_PDEATHSIG: if learner code kills
the keeper (`os.kill(os.getppid(), 9)`), the worker dies with it, and the
supervisor, seeing no report, sweeps up what is left (see supervisor.sweep).
The learner's parent is the keeper, so such code never reaches the CLI or app.

Socket lines: `worker PID` once forked, `exit RETURNCODE` at the end
(RETURNCODE as subprocess gives it: negative for a signal).
"""

from __future__ import annotations

import os
import resource
import select
import signal
import sys

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


def prctl(option: int, value: int) -> bool:
    """Linux prctl(2) through libc; False where it is not available."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _children(pid: int) -> list[int]:
    """Direct children of `pid` (live or zombie)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return [int(p) for p in listing.read().split()]
    except OSError:  # a kernel without CONFIG_PROC_CHILDREN: scan every process's parent
        kids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as stat:
                        if int(stat.read().rsplit(")", 1)[-1].split()[1]) == pid:
                            kids.append(int(entry))
                except (OSError, ValueError, IndexError):
                    continue
        return kids


def kill_descendants() -> None:
    """SIGKILL every process below this one, level by level.

    A killed process's children are re-parented to us (we are a subreaper)
    before we can reap it, so the next round sees them; the rounds end when
    no child is left. SIGKILLed processes cannot fork, so this converges.
    """
    me = os.getpid()
    for _ in range(10_000):
        kids = _children(me)
        if not kids:
            return
        for kid in kids:
            try:
                os.kill(kid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for kid in kids:
            try:
                os.waitpid(kid, 0)
            except ChildProcessError:
                pass


def wait_for_worker(worker: int, sock: int) -> int:
    """The worker's exit code once it ends by itself, or after EOF on `sock` made us kill it."""
    try:
        pidfd: int | None = os.pidfd_open(worker)
    except (AttributeError, OSError):
        pidfd = None  # older kernel: poll for the exit
    watched = [sock] if pidfd is None else [sock, pidfd]
    while True:
        readable, _, _ = select.select(watched, [], [], 0.05 if pidfd is None else None)
        if sock in readable:
            try:
                data = os.read(sock, 256)
            except OSError:
                data = b""
            if not data:  # the supervisor is done with this check, or gone
                os.kill(worker, signal.SIGKILL)
                return os.waitstatus_to_exitcode(os.waitpid(worker, 0)[1])
        pid, status = os.waitpid(worker, os.WNOHANG)
        if pid:
            return os.waitstatus_to_exitcode(status)


def _say(sock: int, line: str) -> None:
    try:
        os.write(sock, (line + "\n").encode())
    except OSError:
        pass  # the supervisor is gone; nobody to tell


def _become_worker(keeper: int, args: list[str], sock: int) -> None:
    os.close(sock)
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != keeper:  # the keeper died before the line above took effect
        os._exit(70)
    from tutor.runner import child

    child.main(args)
    os._exit(0)


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="tutor.runner.keeper")
    parser.add_argument("--result-fd", type=int, required=True)
    parser.add_argument("--keeper-fd", type=int, required=True)
    parser.add_argument("--torch", action="store_true")
    args = parser.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    keeper = os.getpid()
    worker_args = ["--result-fd", str(args.result_fd), *(["--torch"] if args.torch else [])]
    worker = os.fork()
    if worker == 0:
        _become_worker(keeper, worker_args, args.keeper_fd)
    try:
        # Hold nothing of the check's: the result pipe, the request, the output.
        os.close(args.result_fd)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        _say(args.keeper_fd, f"worker {worker}")
        returncode = wait_for_worker(worker, args.keeper_fd)
    except BaseException:  # noqa: BLE001 - whatever happens here, nothing may be left running
        try:
            os.kill(worker, signal.SIGKILL)
        except ProcessLookupError:
            pass
        kill_descendants()
        os._exit(1)
    kill_descendants()
    _say(args.keeper_fd, f"exit {returncode}")
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])

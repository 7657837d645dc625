"""Warm start: a spare child, already past its imports, waiting for a request.

Rather than forking from a long-lived worker (which breaks CUDA in the
children once the worker has touched it, and makes exit statuses someone
else's), we keep one *spare* child per flavour (NumPy-only, or with torch)
started ahead of time. A check takes the spare; a fresh spare starts at once
in the background, so the next re-check is warm too. Every check still gets a
brand-new process, and CUDA always starts clean in a process that never
forked after its imports. A spare is a keeper and its worker like any check
(see supervisor.py): if the process that owns the pool dies, however it dies,
the kernel closes the keeper's socket and the keeper kills the waiting worker.
"""

from __future__ import annotations

import threading

from tutor.errors import TutorError
from tutor.runner.supervisor import ChildProcess, discard, spawn_child


class PoolClosed(TutorError):
    """`acquire` after `close`."""


class WarmPool:
    def __init__(self, cwd: str | None = None) -> None:
        self._cwd = cwd
        self._spares: dict[bool, ChildProcess] = {}
        self._lock = threading.Lock()
        self._closed = False

    def prepare(self, torch: bool) -> None:
        """Start a spare of this flavour if there is none (cheap to call often)."""
        with self._lock:
            if self._closed:
                return
            spare = self._spares.get(torch)
            if spare is None or spare.popen.poll() is not None:
                if spare is not None:
                    discard(spare)
                self._spares[torch] = spawn_child(torch, self._cwd)

    def acquire(self, torch: bool) -> ChildProcess:
        """A started child (warm if a spare was waiting); a new spare is started.

        Refused once closed: a check started while the app shuts down would
        otherwise leave a process behind.
        """
        with self._lock:
            if self._closed:
                raise PoolClosed("the check runner is shutting down")
            spare = self._spares.pop(torch, None)
        if spare is None or spare.popen.poll() is not None:
            if spare is not None:
                discard(spare)
            spare = spawn_child(torch, self._cwd)
        self.prepare(torch)
        return spare

    def close(self) -> None:
        with self._lock:
            self._closed = True
            spares, self._spares = list(self._spares.values()), {}
        for spare in spares:
            discard(spare)

    def __enter__(self) -> WarmPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

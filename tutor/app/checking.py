"""The UI's side of running checks: one warm pool, cancel flags, event streams.

`session.check` blocks, so screens call it from thread workers; the
`CheckStream` they pass as `sink` turns runner events into messages. The app
owns one `CheckControl`: quitting sets every cancel flag (the supervisor then
kills the child's process group) and closes the pool, so no child outlives
the app.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from textual.message_pump import MessagePump

from tutor.app.format import number
from tutor.app.messages import CheckEvent, CurvePoints
from tutor.runner import WarmPool

CURVE_POST_INTERVAL_S = 0.1  # at most ~10 curve redraws a second


class CheckStream:
    """The event sink of one check; called on the check's thread."""

    def __init__(self, target: MessagePump, generation: int) -> None:
        self._target = target
        self.generation = generation
        self._lock = threading.Lock()
        self._curves: dict[str, list[tuple[int, float]]] = {}
        self._last_post = 0.0

    def __call__(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "curve":
            with self._lock:
                self._curves.setdefault(str(event["series"]), []).append(
                    (int(event["step"]), number(event["value"])))
                now = time.monotonic()
                due = now - self._last_post >= CURVE_POST_INTERVAL_S
                if due:
                    self._last_post = now
            if due:
                self._target.post_message(CurvePoints(self.generation))
        elif kind in ("step", "target", "note"):
            self._target.post_message(CheckEvent(self.generation, event))

    def curves(self) -> dict[str, list[tuple[int, float]]]:
        with self._lock:
            return {name: list(points) for name, points in self._curves.items()}


class CheckControl:
    """The app's warm pool and the cancel flags of every running check."""

    def __init__(self, cwd: str) -> None:
        self._cwd = cwd
        self._pool: WarmPool | None = None
        self._cancels: set[threading.Event] = set()
        self._lock = threading.Lock()
        self.closed = False

    @property
    def pool(self) -> WarmPool:
        with self._lock:
            if self._pool is None:
                self._pool = WarmPool(cwd=self._cwd)
            return self._pool

    def prepare(self, torch: bool) -> None:
        """Start a spare child ahead of the first check (call from a worker thread)."""
        if not self.closed:
            self.pool.prepare(torch)

    def begin(self) -> threading.Event:
        cancel = threading.Event()
        with self._lock:
            if self.closed:
                cancel.set()
            self._cancels.add(cancel)
        return cancel

    def end(self, cancel: threading.Event) -> None:
        with self._lock:
            self._cancels.discard(cancel)

    @property
    def running(self) -> int:
        with self._lock:
            return len(self._cancels)

    def close(self) -> None:
        """Cancel every check and stop the spares; idempotent."""
        with self._lock:
            self.closed = True
            cancels, pool = list(self._cancels), self._pool
        for cancel in cancels:
            cancel.set()
        if pool is not None:
            pool.close()
